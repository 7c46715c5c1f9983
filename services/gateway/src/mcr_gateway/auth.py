"""Bearer authentication of REST calls; the same token is passed on to the services.

The gateway verifies the token itself so a bad one is refused before any service is called,
and so that a real identity provider (OIDC) only has to replace `TokenVerifier` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from mcr_core.auth import Principal, TokenVerifier
from mcr_core.errors import Unauthenticated

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


def caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Caller:
    verifier: TokenVerifier = request.app.state.verifier
    if credentials is None:
        raise Problem(401, "Unauthenticated", "missing bearer token")
    try:
        principal = verifier.verify(credentials.credentials)
    except Unauthenticated as exc:
        raise Problem(401, "Unauthenticated", exc.message) from exc
    return Caller(principal, credentials.credentials)
