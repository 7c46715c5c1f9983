"""Tokens and the visibility policy."""

from __future__ import annotations

import time

import jwt
import pytest
from mcr_core.auth import Principal, Record, VisibilityPolicy, ensure_dev_keypair
from mcr_core.errors import Unauthenticated
from mcr_core.testing import AuthKeys


def test_token_round_trip(auth_keys: AuthKeys):
    principal = auth_keys.verifier.verify(
        auth_keys.token("e-7", region="eu-west", roles=("sales",))
    )
    assert principal == Principal(
        "e-7", "eu-west", "/cn-south/enterprise/team-1", frozenset({"sales"})
    )


@pytest.mark.parametrize(
    ("make_token", "reason"),
    [
        (lambda keys, other: keys.token(ttl_seconds=60, now=time.time() - 3600), "token expired"),
        (lambda keys, other: other.token(), "invalid token"),
        (lambda keys, other: "not-a-jwt", "invalid token"),
        (
            lambda keys, other: jwt.encode({"sub": "x"}, "s" * 32, algorithm="HS256"),
            "invalid token",
        ),
    ],
    ids=["expired", "foreign-key", "garbage", "hs256-downgrade"],
)
def test_bad_tokens_are_refused(auth_keys: AuthKeys, tmp_path, make_token, reason):
    other = AuthKeys(tmp_path / "other")
    with pytest.raises(Unauthenticated, match=reason):
        auth_keys.verifier.verify(make_token(auth_keys, other))


def test_bearer_header_is_required(auth_keys: AuthKeys):
    for header in (None, "", "Basic abc", "Bearer "):
        with pytest.raises(Unauthenticated):
            auth_keys.verifier.verify_bearer(header)


def test_dev_keypair_is_created_once_and_private(tmp_path):
    private_pem, public_pem = ensure_dev_keypair(tmp_path)
    assert ensure_dev_keypair(tmp_path) == (private_pem, public_pem)
    assert (tmp_path / "keys" / "dev-signing-key.pem").stat().st_mode & 0o077 == 0


def test_regions_are_isolated():
    policy = VisibilityPolicy()
    south = Principal("e-1", "cn-south", "/cn-south/x")
    assert policy.allows(south, Record(region="cn-south"))
    assert not policy.allows(south, Record(region="eu-west"))
    assert policy.scope(south).region == "cn-south"
