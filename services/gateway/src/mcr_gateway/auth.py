"""Bearer authentication of REST calls; the same token is passed on to the services.

The gateway verifies the token itself, with the verifier every service uses (`verifier_for`:
the region's OpenID Connect provider, or the development key), so a bad one is refused before
any service is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from mcr_core.auth import Principal, Verifier
from mcr_core.errors import Unauthenticated, Unavailable

from mcr_gateway.problems import Problem

_bearer = HTTPBearer(
    auto_error=False, description="A JWT from `mcr token` or the identity provider"
)


@dataclass(frozen=True)
class Caller:
    principal: Principal
    token: str

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),)


async def caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Caller:
    verifier: Verifier = request.app.state.verifier
    if credentials is None:
        raise Problem(401, "Unauthenticated", "missing bearer token")
    try:
        principal = await verifier.authenticate(credentials.credentials)
    except Unauthenticated as exc:
        raise Problem(401, "Unauthenticated", exc.message) from exc
    except Unavailable as exc:  # the identity provider does not answer: try again later
        raise Problem(503, "Service Unavailable", exc.message) from exc
    return Caller(principal, credentials.credentials)
