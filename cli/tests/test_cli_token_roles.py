"""`mcr token` speaks the kernel's roles: its help lists them, an unknown one is refused with
the list, and the token carries the roles asked for."""

from __future__ import annotations

from cli_kit import mcr
from mcr_core.auth import DEFAULT_ROLES, TokenVerifier


def test_the_help_lists_every_role():
    shown = mcr("token", "--help", COLUMNS="400")
    assert shown.returncode == 0
    for role in DEFAULT_ROLES:
        if role.name != "employee":
            assert role.name in shown.stdout


def test_an_unknown_role_is_refused_with_the_list(tmp_path):
    refused = mcr("token", "--role", "account-manager", "--data-dir", str(tmp_path))
    assert refused.returncode == 2
    assert "unknown role 'account-manager'" in refused.stderr
    assert "market_department" in refused.stderr
    region = mcr(
        "token", "--role", "key_office", "--data-dir", str(tmp_path), MCR_ROLES='{"key_office": []}'
    )
    assert region.returncode == 0, region.stderr  # a region's own role


def test_the_token_carries_the_roles(tmp_path):
    printed = mcr("token", "--role", "market_department", "--role", "manager", data_dir=tmp_path)
    assert printed.returncode == 0, printed.stderr
    public_pem = (tmp_path / "keys" / "dev-signing-key.pub.pem").read_bytes()
    principal = TokenVerifier(public_pem, issuer="mcr", audience="mcr").verify(
        printed.stdout.strip()
    )
    assert principal.roles == frozenset({"market_department", "manager"})


def test_a_signing_key_that_is_not_ed25519_is_refused_naming_the_option(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

    key = tmp_path / "ec.pem"
    key.write_bytes(
        generate_private_key(SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    refused = mcr("token", "--signing-key", str(key), data_dir=tmp_path)
    assert refused.returncode == 2
    assert "--signing-key" in refused.stderr and "Ed25519" in refused.stderr
    assert "Traceback" not in refused.stderr
