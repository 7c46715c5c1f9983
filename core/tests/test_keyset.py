"""The token signing keys as a set: tokens name their key (`kid`, the key's thumbprint), a
service accepts every key of its set, and a key removed from the set no longer verifies."""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from mcr_core.auth.keys import key_id, mint_token
from mcr_core.auth.keyset import KeySet, UnknownSigningKey
from mcr_core.auth.tokens import TokenVerifier
from mcr_core.errors import Unauthenticated
from mcr_core.testing import AuthKeys

CLAIMS = dict(employee_id="e-1001", region="cn-south", org_unit="/cn-south/enterprise/team-1")


def verifier(*keys: AuthKeys) -> TokenVerifier:
    return TokenVerifier(b"".join(k.public_pem for k in keys), issuer="mcr", audience="mcr")


@pytest.fixture
def old(tmp_path) -> AuthKeys:
    return AuthKeys(tmp_path / "old")


@pytest.fixture
def new(tmp_path) -> AuthKeys:
    return AuthKeys(tmp_path / "new")


def test_a_token_names_its_key_by_thumbprint(old, new):
    header = jwt.get_unverified_header(old.token())
    assert header["kid"] == key_id(old.private_pem) != key_id(new.private_pem)
    assert verifier(old, new).keys.kids == {key_id(old.private_pem), key_id(new.private_pem)}


def test_during_the_overlap_both_keys_verify_then_the_removed_one_is_refused(old, new):
    overlap = verifier(old, new)
    assert overlap.verify(old.token()).employee_id == "e-1001"
    assert overlap.verify(new.token()).employee_id == "e-1001"
    after = verifier(new)
    assert after.verify(new.token()).employee_id == "e-1001"
    with pytest.raises(UnknownSigningKey):
        after.verify(old.token())


def test_a_token_without_kid_verifies_with_any_key_of_the_set_and_no_other(old, new, tmp_path):
    # Tokens minted before keys had ids carry none: whichever key of the set signed it.
    legacy = jwt.encode(
        jwt.decode(old.token(), options={"verify_signature": False}),
        old.private_pem,
        algorithm="EdDSA",
    )
    assert "kid" not in jwt.get_unverified_header(legacy)
    assert verifier(new, old).verify(legacy).employee_id == "e-1001"
    with pytest.raises(Unauthenticated, match="invalid token"):
        verifier(new).verify(legacy)


def test_a_known_kid_on_another_keys_signature_is_refused(old, new):
    claims = jwt.decode(old.token(), options={"verify_signature": False})
    forged = jwt.encode(
        claims, new.private_pem, algorithm="EdDSA", headers={"kid": key_id(old.private_pem)}
    )
    with pytest.raises(Unauthenticated, match="invalid token"):
        verifier(old).verify(forged)


def test_the_key_file_must_hold_ed25519_public_keys():
    with pytest.raises(ValueError, match="no PEM public key"):
        KeySet.from_pem(b"not a key")
    ec_public = (
        generate_private_key(SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(ValueError, match="Ed25519"):
        KeySet.from_pem(ec_public)
    with pytest.raises(ValueError, match="Ed25519"):
        key_id(
            generate_private_key(SECP256R1()).private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def test_minting_with_a_key_of_the_set_needs_no_configuration_of_ids(old):
    token = mint_token(old.private_pem, **CLAIMS)
    assert verifier(old).verify(token).region == "cn-south"
