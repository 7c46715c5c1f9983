"""Sealing sensitive personal data at rest (decision 10): AES-256-GCM with a data key.

Each sealed value is bound to the record it belongs to (the associated data), so a ciphertext
copied onto another record does not open. Production reads the key from the environment or a
mounted secret; development mode creates one under the data folder on first use.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mcr_core.config import ServiceSettings

_NONCE = 12


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data key must be 32 bytes (base64 in MCR_DATA_KEY)")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, record: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, plaintext, record.encode())

    def open(self, sealed: bytes, record: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], record.encode())
        except InvalidTag as exc:
            raise ValueError("sealed data does not open with this key for this record") from exc


def _dev_key(data_dir: Path) -> bytes:
    path = data_dir / "keys" / "data.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(base64.b64encode(AESGCM.generate_key(bit_length=256)))
    return base64.b64decode(path.read_bytes())


def sealer_for(settings: ServiceSettings) -> Sealer:
    """The configured data key, or in development mode a key kept under the data folder."""
    if settings.data_key is not None:
        return Sealer(base64.b64decode(settings.data_key.get_secret_value()))
    if settings.environment == "production":
        raise ValueError("production mode needs MCR_DATA_KEY to store sensitive data encrypted")
    return Sealer(_dev_key(settings.data_dir))
