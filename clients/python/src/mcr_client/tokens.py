"""Token sources: what an internal app sends as `Authorization: Bearer`.

Each source caches its token and fetches or mints a new one shortly before it expires, so a
long-running app never sends an expired one.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import jwt

# A token is renewed when less than this many seconds of it are left.
RENEW_BEFORE_SECONDS = 60


class TokenError(RuntimeError):
    """No token could be had (the provider refused, or answered no token)."""


@dataclass
class StaticToken:
    """A token given as it is (from `mcr token`, or a secret store)."""

    value: str

    async def token(self) -> str:
        return self.value


@dataclass
class DevelopmentKey:
    """Tokens signed with the development key of one machine's platform (`mcr up`): the key
    `<data-dir>/keys/dev-signing-key.pem`, the claims the platform reads (`sub` the employee,
    `region`, `org_unit`, `roles`). For development and tests only: production verifies tokens
    of the region's OpenID Connect provider (`ClientCredentials`)."""

    private_key_file: Path
    employee_id: str
    region: str
    org_unit: str
    roles: tuple[str, ...] = ("internal_app",)
    ttl_seconds: int = 3600
    issuer: str = "mcr"
    audience: str = "mcr"
    _cached: tuple[str, float] | None = field(default=None, repr=False)
    _key: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._key = Path(self.private_key_file).read_bytes()  # once, not on the event loop

    async def token(self) -> str:
        now = time.time()
        if self._cached is None or self._cached[1] - now < RENEW_BEFORE_SECONDS:
            claims = {
                "sub": self.employee_id, "region": self.region, "org_unit": self.org_unit,
                "roles": list(self.roles), "iss": self.issuer, "aud": self.audience,
                "iat": int(now), "exp": int(now) + self.ttl_seconds, "jti": uuid.uuid4().hex,
            }  # fmt: skip
            token = jwt.encode(claims, self._key, algorithm="EdDSA")
            self._cached = (token, now + self.ttl_seconds)
        return self._cached[0]


@dataclass
class ClientCredentials:
    """OAuth 2.0 client credentials at the region's OpenID Connect provider: the app's own
    identity (RFC 6749 §4.4). The token endpoint comes from the issuer's discovery document."""

    issuer: str
    client_id: str
    client_secret: str
    scope: str = "openid"
    audience: str | None = None
    timeout_seconds: float = 10.0
    _cached: tuple[str, float] | None = field(default=None, repr=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    async def token(self) -> str:
        async with self._lock:  # one request for all the calls waiting on a new token
            if self._cached is None or self._cached[1] - time.time() < RENEW_BEFORE_SECONDS:
                self._cached = await self._fetch()
            return self._cached[0]

    async def _fetch(self) -> tuple[str, float]:
        form = {"grant_type": "client_credentials", "scope": self.scope}
        if self.audience:
            form["audience"] = self.audience
        async with httpx.AsyncClient(timeout=self.timeout_seconds) as client:
            discovery = f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"
            endpoint = (await client.get(discovery)).raise_for_status().json()["token_endpoint"]
            answer = await client.post(
                endpoint, data=form, auth=(self.client_id, self.client_secret)
            )
        if answer.status_code != 200:
            raise TokenError(f"the provider refused the client credentials ({answer.status_code})")
        body = answer.json()
        if "access_token" not in body:
            raise TokenError("the provider answered no access_token")
        return body["access_token"], time.time() + float(body.get("expires_in", 300))
