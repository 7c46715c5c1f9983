"""Tokens from the region's OpenID Connect provider, verified against its published keys.

The provider is found by discovery (`<issuer>/.well-known/openid-configuration`, whose
`issuer` must be the configured one); its keys come from the `jwks_uri` it names and are kept
until they are older than the maximum age. A token signed by a key not seen yet (the provider
rotated its keys) refetches them once, at most once per refresh interval however many such
tokens arrive, so a flood of forged `kid`s cannot make a service hammer the provider. Issuer,
audience, expiry and the algorithm (from an allow-list of asymmetric ones, never `none`) are
checked; then the provider's claims become a `Principal` through a configurable mapping, since
claim names differ per provider (`realm_access.roles` at Keycloak, a namespaced claim
elsewhere).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from mcr_core.auth.keyset import KeySet, UnknownSigningKey
from mcr_core.auth.principal import Principal
from mcr_core.auth.tokens import bearer_token
from mcr_core.config import OIDC_CLAIMS, ServiceSettings
from mcr_core.errors import Unauthenticated, Unavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClaimMapping:
    """Where the principal's fields are in the provider's claims: a dotted path into nested
    claims (`realm_access.roles`), or `=value` for a constant (an installation's one region)."""

    employee_id: str = OIDC_CLAIMS["employee_id"]
    region: str = OIDC_CLAIMS["region"]
    org_unit: str = OIDC_CLAIMS["org_unit"]
    roles: str = OIDC_CLAIMS["roles"]

    @classmethod
    def merged(cls, overrides: Mapping[str, str]) -> ClaimMapping:
        return cls(**(OIDC_CLAIMS | dict(overrides)))

    def principal(self, claims: Mapping[str, Any]) -> Principal:
        values = {}
        for field in ("employee_id", "region", "org_unit"):
            value = _claim(claims, getattr(self, field))
            if not isinstance(value, str) or not value:
                raise Unauthenticated(f"invalid token: no {field} in claim {getattr(self, field)}")
            values[field] = value
        roles = _claim(claims, self.roles)
        if isinstance(roles, str):  # some providers give a space-separated string
            roles = roles.split()
        if roles is None:
            roles = []
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise Unauthenticated(f"invalid token: claim {self.roles} must be a list of strings")
        return Principal(roles=frozenset(roles), **values)


def _claim(claims: Mapping[str, Any], path: str) -> Any:
    if path.startswith("="):
        return path[1:]
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


class OidcVerifier:
    """Verifies the provider's access tokens; remembers verified tokens until they expire,
    as `TokenVerifier` does."""

    CACHE_SIZE = 10_000

    def __init__(
        self,
        issuer: str,
        audience: str,
        *,
        algorithms: list[str],
        claims: ClaimMapping,
        refresh_seconds: float = 30.0,
        max_age_seconds: float = 3600.0,
        timeout_seconds: float = 5.0,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.algorithms = list(algorithms)
        self.claims = claims
        self.refresh_seconds = refresh_seconds
        self.max_age_seconds = max_age_seconds
        self.timeout = timeout_seconds
        self._keys = KeySet({})
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._jwks_uri: str | None = None
        self._lock = asyncio.Lock()
        self._verified: dict[str, tuple[Principal, float]] = {}
        self.fetches = 0  # how often the keys were fetched (tests and metrics read it)

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> OidcVerifier:
        return cls(
            settings.oidc_issuer or "",
            settings.oidc_audience or "",
            algorithms=settings.oidc_algorithms,
            claims=ClaimMapping.merged(settings.oidc_claims),
            refresh_seconds=settings.oidc_jwks_refresh_seconds,
            max_age_seconds=settings.oidc_jwks_max_age_seconds,
            timeout_seconds=settings.oidc_http_timeout_seconds,
        )

    # --- verification --------------------------------------------------------------------

    async def authenticate_bearer(self, authorization: str | None) -> Principal:
        return await self.authenticate(bearer_token(authorization))

    async def authenticate(self, token: str) -> Principal:
        remembered = self._verified.get(token)
        if remembered is not None:
            principal, expires = remembered
            if time.time() < expires:
                return principal
            del self._verified[token]
        if self._stale():
            await self._refresh(force=True)
        try:
            principal, expires = self._verify(token)
        except UnknownSigningKey:
            if not await self._refresh(force=False):
                raise
            principal, expires = self._verify(token)
        if len(self._verified) >= self.CACHE_SIZE:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (principal, expires)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        claims = self._keys.decode(
            token,
            algorithms=self.algorithms,
            issuer=self.issuer,
            audience=self.audience,
            require=("exp", "iat", "iss", "aud", "sub"),
        )
        return self.claims.principal(claims), float(claims["exp"])

    # --- the provider's keys -------------------------------------------------------------

    def _stale(self) -> bool:
        now = time.monotonic()
        if self._attempted_at is not None and now - self._attempted_at < self.refresh_seconds:
            return False  # tried a moment ago: a provider that is down is not hammered
        return self._fetched_at is None or now - self._fetched_at > self.max_age_seconds

    async def _refresh(self, *, force: bool) -> bool:
        """Fetch the keys (once for every caller waiting meanwhile). Unforced (an unknown
        key), at most once per refresh interval; says whether new keys came."""
        started = time.monotonic()
        async with self._lock:
            if self._attempted_at is not None and self._attempted_at >= started:
                return self._fetched_at is not None and self._fetched_at >= started
            recent = self._attempted_at is not None and (
                started - self._attempted_at < self.refresh_seconds
            )
            if recent and not force:
                return False
            self._attempted_at = time.monotonic()
            try:
                await self._fetch()
            except (httpx.HTTPError, ValueError, KeyError, jwt.PyJWKError) as exc:
                log.warning("identity provider keys not fetched", extra={"reason": str(exc)})
                if not self._keys:
                    raise Unavailable("identity provider unavailable") from exc
                return False
            return True

    async def _fetch(self) -> None:
        async with httpx.AsyncClient(timeout=self.timeout) as http:
            if self._jwks_uri is None:
                found = await http.get(f"{self.issuer}/.well-known/openid-configuration")
                found.raise_for_status()
                discovery = found.json()
                if discovery.get("issuer", "").rstrip("/") != self.issuer:
                    raise ValueError("the discovery document names another issuer")
                self._jwks_uri = discovery["jwks_uri"]
            answer = await http.get(self._jwks_uri)
            answer.raise_for_status()
        self._keys = KeySet.from_jwks(answer.json()["keys"])
        self._fetched_at = time.monotonic()
        self.fetches += 1
        log.info("identity provider keys fetched", extra={"keys": len(self._keys)})

    async def start(self) -> None:
        """Fetch the keys now, so the first call does not wait; a provider that is down is
        tried again on the first call."""
        try:
            await self._refresh(force=True)
        except Unavailable:
            log.warning("identity provider not reachable at start-up; trying on first call")
