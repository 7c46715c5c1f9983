"""Sealing sensitive personal data at rest (decision 10): AES-256-GCM with a data key.

Each sealed value is bound to the record it belongs to (the associated data), so a ciphertext
copied onto another record does not open. Production reads the key from the environment or a
mounted secret; development mode creates one under the data folder on first use.

The data key rotates without downtime in two rolling restarts, so replicas of both steps can
run side by side: first add the new key to `MCR_DATA_KEY_PREVIOUS` (base64 keys separated by
commas: keys that open, never seal), then make it `MCR_DATA_KEY` with the old one as
previous. Every replica then opens what any other sealed. The old key stays listed as long
as values sealed with it remain.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mcr_core.config import ServiceSettings

_NONCE = 12


class Sealer:
    """Seals with the current key; opens with the current key or a previous one."""

    def __init__(self, key: bytes, previous: Sequence[bytes] = ()) -> None:
        if any(len(k) != 32 for k in (key, *previous)):
            raise ValueError("a data key must be 32 bytes (base64 in MCR_DATA_KEY)")
        self._aead = AESGCM(key)
        self._openers = [self._aead, *(AESGCM(k) for k in previous)]

    def seal(self, plaintext: bytes, record: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, plaintext, record.encode())

    def open(self, sealed: bytes, record: str) -> bytes:
        # GCM's tag tells a wrong key from the right one, so trying each key is safe.
        for aead in self._openers:
            try:
                return aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], record.encode())
            except InvalidTag:
                continue
        raise ValueError("sealed data does not open with this key for this record")


class NoDataKey:
    """Where no region's policy stores sensitive data, nothing is sealed and no key is needed.
    A sealed value found anyway (a region went back from "encrypted" to "not_stored") cannot
    open: the error says which setting is missing."""

    def seal(self, plaintext: bytes, record: str) -> bytes:
        raise ValueError("no data key (MCR_DATA_KEY): no region's policy stores sensitive data")

    def open(self, sealed: bytes, record: str) -> bytes:
        raise ValueError("sealed data needs its data key (MCR_DATA_KEY, MCR_DATA_KEY_PREVIOUS)")


def _dev_key(data_dir: Path) -> bytes:
    path = data_dir / "keys" / "data.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(base64.b64encode(AESGCM.generate_key(bit_length=256)))
    return base64.b64decode(path.read_bytes())


def _keys(secret) -> list[bytes]:
    if secret is None:
        return []
    return [base64.b64decode(k) for k in secret.get_secret_value().split(",") if k.strip()]


def sealer_for(settings: ServiceSettings, *, needed: bool = True) -> Sealer | NoDataKey:
    """The configured data keys, or in development mode a key kept under the data folder.

    `needed` is whether some region's policy stores sensitive data sealed: production refuses
    to start without a key only then (a region that stores none needs none).
    """
    previous = _keys(settings.data_key_previous)
    if settings.data_key is not None:
        return Sealer(base64.b64decode(settings.data_key.get_secret_value()), previous)
    if settings.environment == "production":
        if needed:
            raise ValueError("production mode needs MCR_DATA_KEY to store sensitive data encrypted")
        return NoDataKey()
    return Sealer(_dev_key(settings.data_dir), previous)
