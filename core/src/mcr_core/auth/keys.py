"""The development signing key and minting: what `mcr token`, `mcr up` and tests need to sign
a token, and nothing of a service (no settings, no gRPC), so a command that only mints starts
fast. Services verify with `mcr_core.auth.tokens.TokenVerifier`.

Every token names its signing key in the `kid` header: the key's RFC 7638 thumbprint, so a
key's id follows from the key itself and the issuer and the services never keep a second
name for it. A service accepts a key set (current and previous keys, `mcr_core.auth.keyset`),
which is what lets the issuer's key rotate without downtime.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ALGORITHM = "EdDSA"
DEV_KEY_NAME = "dev-signing-key.pem"
DEV_PUBLIC_KEY_NAME = "dev-signing-key.pub.pem"


def ensure_dev_keypair(data_dir: Path) -> tuple[bytes, bytes]:
    """The development key pair under data_dir/keys, created on first run (private key 0600)."""
    keys = data_dir / "keys"
    private_path, public_path = keys / DEV_KEY_NAME, keys / DEV_PUBLIC_KEY_NAME
    if not private_path.exists():
        keys.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        private_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        # Write to a temporary name and rename, so a concurrent first run never reads half a key.
        tmp = private_path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(private_pem)
        public_path.write_bytes(public_pem)
        os.replace(tmp, private_path)
    private_pem = private_path.read_bytes()
    if not public_path.exists():
        key = serialization.load_pem_private_key(private_pem, password=None)
        public_path.write_bytes(
            key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
    return private_pem, public_path.read_bytes()


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    """The public key as a JWK, with its thumbprint as `kid`."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    # RFC 7638: the required members in lexicographic order, no white space.
    canonical = json.dumps(members, sort_keys=True, separators=(",", ":")).encode()
    return members | {"kid": _b64url(hashlib.sha256(canonical).digest())}


def key_id(private_key_pem: bytes) -> str:
    """The `kid` of the key pair whose private half is `private_key_pem`."""
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the token signing key must be an Ed25519 private key")
    return public_jwk(key.public_key())["kid"]


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def mint_token(
    private_key_pem: bytes,
    *,
    employee_id: str,
    region: str,
    org_unit: str,
    roles: tuple[str, ...] = (),
    ttl_seconds: int = 8 * 3600,
    issuer: str = "mcr",
    audience: str = "mcr",
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    claims = {
        "sub": employee_id,
        "region": region,
        "org_unit": org_unit,
        "roles": list(roles),
        "iss": issuer,
        "aud": audience,
        "iat": issued,
        "exp": issued + ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(
        claims, private_key_pem, algorithm=ALGORITHM, headers={"kid": key_id(private_key_pem)}
    )
