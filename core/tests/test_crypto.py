"""Sealed sensitive data opens only with its key and only for its record."""

import base64

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


def test_production_without_sealed_data_needs_no_key(tmp_path):
    """eu-west stores no sensitive data (policy not_stored) and has no key: it starts, and a
    value that would need the key fails with an error naming the setting."""
    settings = ServiceSettings(data_dir=tmp_path, environment="production", auth_public_key="pem")
    sealer = sealer_for(settings, needed=False)
    with pytest.raises(ValueError, match="MCR_DATA_KEY"):
        sealer.seal(b"{}", "customers/c/persons/p/postcard")
    with pytest.raises(ValueError, match="MCR_DATA_KEY"):
        sealer.open(b"0" * 40, "customers/c/persons/p/postcard")
    assert not (tmp_path / "keys").exists()  # no development key made in production


def test_the_data_key_rotates_without_losing_what_was_sealed(tmp_path):
    old, new = (base64.b64encode(AESGCM.generate_key(bit_length=256)).decode() for _ in "ab")
    record = "customers/c/persons/p/postcard"
    before = sealer_for(ServiceSettings(data_dir=tmp_path, data_key=old))
    sealed_before = before.seal(b"old", record)
    # During the overlap: sealed with the new key, the old one still opens.
    during = sealer_for(ServiceSettings(data_dir=tmp_path, data_key=new, data_key_previous=old))
    sealed_during = during.seal(b"new", record)
    assert during.open(sealed_before, record) == b"old"
    assert during.open(sealed_during, record) == b"new"
    # A replica that does not list the new key cannot open the new values: hence step one,
    # where every replica lists it as previous before any replica seals with it.
    step_one = sealer_for(ServiceSettings(data_dir=tmp_path, data_key=old, data_key_previous=new))
    assert step_one.open(sealed_during, record) == b"new"
    with pytest.raises(ValueError, match="does not open"):
        before.open(sealed_during, record)
    after = sealer_for(ServiceSettings(data_dir=tmp_path, data_key=new))
    with pytest.raises(ValueError, match="does not open"):
        after.open(sealed_before, record)  # why the old key stays until values are re-sealed
