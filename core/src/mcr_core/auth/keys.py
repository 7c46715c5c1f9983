"""The development signing key and minting: what `mcr token`, `mcr up` and tests need to sign
a token, and nothing of a service (no settings, no gRPC), so a command that only mints starts
fast. Services verify with `mcr_core.auth.tokens.TokenVerifier`.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

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
    return jwt.encode(claims, private_key_pem, algorithm=ALGORITHM)
