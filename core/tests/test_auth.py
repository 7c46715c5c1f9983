"""Tokens and the visibility policy."""

from __future__ import annotations

import time
from dataclasses import replace

import jwt
import pytest
from mcr_core.auth import (
    MANAGER,
    Classification,
    Hierarchy,
    Principal,
    Record,
    RegionIsolation,
    Scope,
    Stakeholder,
    VisibilityPolicy,
    ensure_dev_keypair,
    stakeholder_clause,
    within,
)
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


SOUTH_TEAM = "/cn-south/enterprise/team-1"


def record(region: str = "cn-south", owner: str = "e-1", unit: str = SOUTH_TEAM) -> Record:
    return Record(region=region, stakeholders=(Stakeholder(owner, unit),))


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (Principal("e-1", "cn-south", SOUTH_TEAM), True),  # the owner
        (Principal("e-2", "cn-south", SOUTH_TEAM), False),  # a peer
        (Principal("e-3", "cn-south", SOUTH_TEAM, frozenset({MANAGER})), True),  # team lead
        (Principal("e-4", "cn-south", "/cn-south/enterprise", frozenset({MANAGER})), True),
        (Principal("e-5", "cn-south", "/cn-south/enterprise/team-10", frozenset({MANAGER})), False),
        (Principal("e-1", "eu-west", SOUTH_TEAM), False),  # another region
    ],
    ids=["owner", "peer", "team-lead", "head", "lead-of-team-10", "other-region"],
)
def test_superiors_see_subordinates_and_peers_do_not(principal, expected):
    assert VisibilityPolicy().allows(principal, record()) is expected


def test_overseers_see_their_region_and_classified_records_name_their_readers():
    market = Principal("e-9", "cn-south", "/cn-south/market", frozenset({"market_department"}))
    oversee = VisibilityPolicy([RegionIsolation(), Hierarchy(frozenset({"market_department"}))])
    assert oversee.allows(market, record()) and not VisibilityPolicy().allows(market, record())
    assert oversee.scope(market) == Scope(region="cn-south")  # lists: the whole region
    assert not oversee.allows(replace(market, region="eu-west"), record())
    director = Principal("e-8", "cn-south", "/cn-south/board", frozenset({"director"}))
    classified = Classification({"director": frozenset({"director"})})
    policy = VisibilityPolicy([RegionIsolation(), Hierarchy(), classified])
    assert policy.allows(director, replace(record(), classification="director"))
    assert not policy.allows(director, record())  # the customer itself: not theirs


@pytest.mark.parametrize(
    ("unit", "ancestor", "expected"),
    [
        ("/a/b", "/a", True),
        ("/a", "/a", True),
        ("/a/b", "/a/", True),
        ("/ab", "/a", False),  # a sibling whose name starts the same
        ("/a", "/a/b", False),
    ],
)
def test_within(unit, ancestor, expected):
    assert within(unit, ancestor) is expected


async def test_stakeholder_clause_matches_the_in_memory_rule(sqlite_url):
    """The SQL form of the rule gives the same answers as `allows`."""
    import sqlalchemy as sa
    from mcr_core.storage import Database

    owners = sa.Table(
        "owners",
        sa.MetaData(),
        sa.Column("employee_id", sa.String),
        sa.Column("org_unit", sa.String),
    )
    rows = [
        ("e-1", SOUTH_TEAM),
        ("e-9", "/cn-south/enterprise/team-10"),
        ("e-8", "/cn-south/enterprise"),
        ("e-7", "/cn-south/enterprise_x"),  # LIKE wildcards must be escaped
    ]
    db = Database(sqlite_url)
    async with db.transaction() as conn:
        await conn.run_sync(owners.metadata.create_all)
        await conn.execute(owners.insert(), [{"employee_id": e, "org_unit": u} for e, u in rows])
    policy = VisibilityPolicy()
    for principal in (
        Principal("e-1", "cn-south", SOUTH_TEAM),
        Principal("e-3", "cn-south", SOUTH_TEAM, frozenset({MANAGER})),
        Principal("e-4", "cn-south", "/cn-south/enterprise", frozenset({MANAGER})),
    ):
        clause = stakeholder_clause(
            policy.scope(principal), owners.c.employee_id, owners.c.org_unit
        )
        async with db.read() as conn:
            found = set(
                (await conn.execute(sa.select(owners.c.employee_id).where(clause))).scalars()
            )
        expected = {e for e, unit in rows if policy.allows(principal, record(owner=e, unit=unit))}
        assert found == expected, principal
    await db.close()


LEVELS = {"director": frozenset({"director", "vice_president"}), "commissioned": frozenset()}


@pytest.mark.parametrize(
    ("record", "roles", "employee", "expected"),
    [
        (Record("r1"), (), "e-1", True),  # unclassified
        (Record("r1", classification="director"), ("director",), "e-1", True),
        (Record("r1", classification="director"), ("vice_president",), "e-1", True),
        (Record("r1", classification="director"), ("manager",), "e-1", False),
        (Record("r1", classification="commissioned"), ("vice_president",), "e-1", False),
        (Record("r1", classification="commissioned", grantees=("e-1",)), (), "e-1", True),
        (Record("r1", classification="commissioned", grantees=("e-2",)), (), "e-1", False),
        (Record("r1", classification="secret"), ("director",), "e-1", False),  # unknown
        (Record("r2", classification="director"), ("director",), "e-1", False),  # region
    ],
)
def test_classified_records_need_a_role_of_their_level_or_a_grant(
    record, roles, employee, expected
):
    policy = VisibilityPolicy([RegionIsolation(), Classification(LEVELS)])
    principal = Principal(employee, "r1", "/r1", frozenset(roles))
    assert policy.allows(principal, record) is expected
    assert policy.scope(principal) == Scope(region="r1")
