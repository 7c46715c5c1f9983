"""JWT tokens signed with Ed25519: minted by `mcr token` in development, verified everywhere.

Only the holder of the private key mints; services get the public keys (a key set: the current
and, while a rotation overlaps, the previous), so a compromised service cannot forge tokens for
the others.
"""

from __future__ import annotations

import time
from typing import Protocol

from mcr_core.auth.keys import ALGORITHM, ensure_dev_keypair
from mcr_core.auth.keyset import KeySet
from mcr_core.auth.principal import Principal
from mcr_core.config import ServiceSettings
from mcr_core.errors import Unauthenticated

_REQUIRED_CLAIMS = ("sub", "exp", "iat", "iss", "aud", "region", "org_unit")


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` value."""
    if not authorization:
        raise Unauthenticated("missing bearer token")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("authorization must be 'Bearer <token>'")
    return token.strip()


class Verifier(Protocol):
    """What the interceptor and the gateway ask of a verifier (`TokenVerifier` for the
    development key or a mounted public key, `OidcVerifier` for an identity provider)."""

    async def start(self) -> None:
        """Get ready before the first call (an identity provider's keys)."""

    async def authenticate(self, token: str) -> Principal: ...

    async def authenticate_bearer(self, authorization: str | None) -> Principal: ...


class TokenVerifier:
    """Turns a bearer token into a Principal, or refuses it with a reason that leaks nothing.

    A client sends the same token on every call until it expires, and checking an Ed25519
    signature costs more than the rest of a simple read; so verified tokens are remembered
    (a bounded number, each only until its expiry).
    """

    CACHE_SIZE = 10_000

    def __init__(self, public_key_pem: bytes, *, issuer: str, audience: str) -> None:
        """`public_key_pem`: one public key, or several concatenated (a key set)."""
        self.keys = KeySet.from_pem(public_key_pem)
        self._issuer = issuer
        self._audience = audience
        self._verified: dict[str, tuple[Principal, float]] = {}

    async def start(self) -> None:
        """Nothing to fetch: the key is at hand."""

    async def authenticate(self, token: str) -> Principal:
        return self.verify(token)

    async def authenticate_bearer(self, authorization: str | None) -> Principal:
        return self.verify(bearer_token(authorization))

    def verify(self, token: str) -> Principal:
        remembered = self._verified.get(token)
        if remembered is not None:
            principal, expires = remembered
            if time.time() < expires:
                return principal
            del self._verified[token]
        principal, expires = self._verify(token)
        if len(self._verified) >= self.CACHE_SIZE:
            del self._verified[next(iter(self._verified))]  # the oldest entry
        self._verified[token] = (principal, expires)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        claims = self.keys.decode(
            token,
            algorithms=[ALGORITHM],
            issuer=self._issuer,
            audience=self._audience,
            require=_REQUIRED_CLAIMS,
        )
        roles = claims.get("roles", [])
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise Unauthenticated("invalid token: roles must be a list of strings")
        for claim in ("sub", "region", "org_unit"):
            if not isinstance(claims[claim], str) or not claims[claim]:
                raise Unauthenticated(f"invalid token: claim {claim} must be a non-empty string")
        principal = Principal(
            employee_id=claims["sub"],
            region=claims["region"],
            org_unit=claims["org_unit"],
            roles=frozenset(roles),
        )
        return principal, float(claims["exp"])

    def verify_bearer(self, authorization: str | None) -> Principal:
        """Verify an `Authorization: Bearer <token>` value."""
        return self.verify(bearer_token(authorization))


def verifier_for(settings: ServiceSettings) -> Verifier:
    """The verifier a process uses: the region's OpenID Connect provider when one is
    configured (`MCR_OIDC_ISSUER`), else the configured public key, else the development key."""
    if settings.oidc_issuer is not None:
        from mcr_core.auth.oidc import OidcVerifier

        return OidcVerifier.from_settings(settings)
    if settings.auth_public_key is not None:
        public_pem = settings.auth_public_key.get_secret_value().encode()
    elif settings.auth_public_key_file is not None:
        public_pem = settings.auth_public_key_file.read_bytes()
    else:
        _, public_pem = ensure_dev_keypair(settings.data_dir)
    return TokenVerifier(public_pem, issuer=settings.auth_issuer, audience=settings.auth_audience)
