"""Sealed sensitive data opens only with its key and only for its record."""

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from mcr_core.config import ServiceSettings
from mcr_core.crypto import Sealer, sealer_for


def test_sealed_data_opens_only_for_its_record_and_key(tmp_path):
    sealer = sealer_for(ServiceSettings(data_dir=tmp_path))
    sealed = sealer.seal("广州市天河区".encode(), "customers/c/persons/p/postcard")
    assert "广州".encode() not in sealed
    assert sealer.open(sealed, "customers/c/persons/p/postcard").decode() == "广州市天河区"
    with pytest.raises(ValueError, match="does not open"):
        sealer.open(sealed, "customers/c/persons/other/postcard")  # copied onto another record
    with pytest.raises(ValueError, match="does not open"):
        Sealer(AESGCM.generate_key(bit_length=256)).open(sealed, "customers/c/persons/p/postcard")
    # The development key is kept, so what was sealed opens after a restart.
    again = sealer_for(ServiceSettings(data_dir=tmp_path))
    assert again.open(sealed, "customers/c/persons/p/postcard").decode() == "广州市天河区"
    assert (tmp_path / "keys" / "data.key").stat().st_mode & 0o077 == 0


def test_production_needs_a_configured_key(tmp_path):
    settings = ServiceSettings(data_dir=tmp_path, environment="production", auth_public_key="pem")
    with pytest.raises(ValueError, match="MCR_DATA_KEY"):
        sealer_for(settings)
