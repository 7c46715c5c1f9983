"""The keys a service accepts token signatures from, by `kid`: one code path for the region's
own issuer (a PEM file holding the current and the previous public keys, the mounted ConfigMap
`mcr-auth-public-key`) and for an OpenID Connect provider (its JWKS document).

Rotating the signing key is then the same in both modes: the new key joins the set, tokens
signed with either verify during the overlap, the old key leaves the set and its tokens are
refused (deploy/README.md, Operations).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from mcr_core.auth.keys import public_jwk
from mcr_core.errors import Unauthenticated

_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)


class UnknownSigningKey(Unauthenticated):
    """The token names a key that is not in the set (as far as we know yet)."""


class KeySet:
    """Public keys by `kid`."""

    def __init__(self, keys: Mapping[str, jwt.PyJWK]) -> None:
        self._keys = dict(keys)

    @classmethod
    def from_pem(cls, pem: bytes) -> KeySet:
        """Every public key of a PEM bundle (Ed25519), each under its thumbprint."""
        blocks = _PEM_BLOCK.findall(pem)
        if not blocks:
            raise ValueError("the token public key file holds no PEM public key")
        keys = {}
        for block in blocks:
            key = serialization.load_pem_public_key(block)
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("the token public keys must be Ed25519 keys")
            jwk = public_jwk(key)
            keys[jwk["kid"]] = jwt.PyJWK(jwk)
        return cls(keys)

    @classmethod
    def from_jwks(cls, entries: Iterable[Mapping[str, Any]]) -> KeySet:
        """The signing keys of a JWKS document's `keys` (others, and key types this library
        cannot use, sign nothing we accept)."""
        keys = {}
        for entry in entries:
            if entry.get("use", "sig") != "sig":
                continue
            try:
                keys[entry.get("kid", "")] = jwt.PyJWK(dict(entry))
            except jwt.PyJWKError:
                continue
        return cls(keys)

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def kids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def decode(
        self,
        token: str,
        *,
        algorithms: Iterable[str],
        issuer: str,
        audience: str,
        require: Iterable[str],
    ) -> dict[str, Any]:
        """The token's claims once its signature, issuer, audience and expiry are checked, or
        `Unauthenticated` with a reason that leaks nothing."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated("invalid token") from exc
        algorithm = header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in list(algorithms):
            raise Unauthenticated("invalid token: algorithm not accepted")
        for key in self._candidates(header.get("kid")):
            try:
                return jwt.decode(
                    token,
                    key.key,
                    algorithms=[algorithm],
                    issuer=issuer,
                    audience=audience,
                    leeway=30,
                    options={"require": list(require)},
                )
            except (jwt.InvalidSignatureError, jwt.InvalidAlgorithmError):
                continue  # a token without `kid`: another key of the set may have signed it
            except jwt.ExpiredSignatureError as exc:
                raise Unauthenticated("token expired") from exc
            except jwt.InvalidTokenError as exc:
                raise Unauthenticated("invalid token") from exc
        raise Unauthenticated("invalid token")

    def _candidates(self, kid: object) -> list[jwt.PyJWK]:
        if isinstance(kid, str) and kid in self._keys:
            return [self._keys[kid]]
        if kid is None:
            # Tokens minted before keys had ids: whichever key of the set verifies it.
            return list(self._keys.values())
        raise UnknownSigningKey("invalid token: signed by a key that is not accepted")
