"""PR targets and sponsorships."""

from __future__ import annotations

from dataclasses import asdict
from typing import NamedTuple

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.keypersons.domain import Sponsorship, Target
from mcr_planning.store import first, metadata, record, records, teams

targets = sa.Table(
    "targets",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("market_goal", sa.String(36), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("owner_job_grade", sa.Integer(), nullable=False),
    sa.Column("owner_kpi", sa.String(200), nullable=False),
    sa.Column("backup", sa.String(128), nullable=False),
    sa.Column("target_level", sa.Integer(), nullable=False),
    sa.Column("important", sa.Boolean(), nullable=False),
    sa.Column("information_channels", sa.JSON(), nullable=False),
    sa.Column("pr_route", sa.JSON(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

sponsorships = sa.Table(
    "sponsorships",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("target_id", sa.String(36), nullable=False),
    sa.Column("sponsor", sa.String(128), nullable=False),
    sa.Column("sponsor_layer", sa.String(16), nullable=False),
    sa.Column("project", sa.String(200), nullable=False),
    sa.Column("consent_time", UtcDateTime(), nullable=True),
    sa.Column("sponsor_org_unit", sa.String(255), nullable=False, server_default=""),
    sa.Column("sponsor_job_grade", sa.Integer(), nullable=False, server_default="0"),
)


async def sponsored_count(conn: AsyncConnection, sponsor: str) -> int:
    query = sa.select(sa.func.count()).select_from(sponsorships)
    return (await conn.execute(query.where(sponsorships.c.sponsor == sponsor))).scalar_one()


async def open_target_count(conn: AsyncConnection, owner: str) -> int:
    query = sa.select(sa.func.count()).select_from(targets).where(targets.c.owner == owner)
    return (await conn.execute(query)).scalar_one()


async def targets_of(conn: AsyncConnection, customer_id: str) -> list[Target]:
    t = targets.c
    query = sa.select(targets).where(t.customer_id == customer_id)
    return await records(conn, Target, query.order_by(t.create_time, t.id))


async def get_target(conn: AsyncConnection, target_id: str) -> Target | None:
    row = await first(conn, sa.select(targets).where(targets.c.id == target_id))
    return record(Target, row) if row else None


async def add_target(conn: AsyncConnection, target: Target) -> None:
    values = asdict(target) | {
        "information_channels": list(target.information_channels),
        "pr_route": list(target.pr_route),
    }
    await conn.execute(targets.insert().values(values))


async def add_sponsorship(conn: AsyncConnection, sponsorship: Sponsorship) -> None:
    await conn.execute(sponsorships.insert().values(asdict(sponsorship)))


async def get_sponsorship(conn: AsyncConnection, sponsorship_id: str) -> Sponsorship | None:
    row = await first(conn, sa.select(sponsorships).where(sponsorships.c.id == sponsorship_id))
    return record(Sponsorship, row) if row else None


async def consent(conn: AsyncConnection, sponsorship_id: str, when) -> None:
    s = sponsorships.c
    await conn.execute(
        sponsorships.update().where(s.id == sponsorship_id).values(consent_time=when)
    )


async def consented_counts(conn: AsyncConnection, sponsors: list[str]) -> dict[str, int]:
    """Consented sponsorships per sponsor (R-80 counts the ones the sponsor agreed to)."""
    s = sponsorships.c
    query = (
        sa.select(s.sponsor, sa.func.count())
        .where(s.sponsor.in_(sponsors), s.consent_time.is_not(None))
        .group_by(s.sponsor)
    )
    return {sponsor: count for sponsor, count in (await conn.execute(query)).all()}


async def hand_over_targets(
    conn: AsyncConnection, person: str, from_employee: str, to_employee: str
) -> None:
    """The A and B roles `from_employee` holds on `person`'s targets go to `to_employee`."""
    t = targets.c
    for column in ("owner", "backup"):
        await conn.execute(
            targets.update()
            .where(t.person == person, t[column] == from_employee)
            .values({column: to_employee})
        )


async def transfer_targets(
    conn: AsyncConnection, from_employee: str, to_employee: str, region: str
) -> None:
    """Every A and B role of `from_employee` on targets of the region's customers."""
    t = targets.c
    in_region = sa.select(teams.c.customer_id).where(teams.c.region == region)
    for column in ("owner", "backup"):
        await conn.execute(
            targets.update()
            .where(t[column] == from_employee, t.customer_id.in_(in_region))
            .values({column: to_employee})
        )


async def backed_up_persons(conn: AsyncConnection, customer_id: str) -> list[str]:
    """The customer's persons a target pairs with an A and a B owner (R-66)."""
    t = targets.c
    query = sa.select(t.person).where(t.customer_id == customer_id, t.backup != "").distinct()
    return list((await conn.execute(query)).scalars())


class PersonPlan(NamedTuple):
    """What the key-person plan says of one person."""

    target: bool
    owner: str  # the latest target's owner, "" when none
    sponsors: list[str]  # the employees who consented to sponsor one of its targets


async def plan_of(conn: AsyncConnection, person: str) -> PersonPlan:
    t, s = targets.c, sponsorships.c
    latest = sa.select(t.owner).where(t.person == person).order_by(t.create_time.desc(), t.id)
    owner = (await conn.execute(latest.limit(1))).scalar_one_or_none()
    consented = (
        sa.select(s.sponsor)
        .join(targets, t.id == s.target_id)
        .where(t.person == person, s.consent_time.is_not(None))
        .distinct()
        .order_by(s.sponsor)
    )
    sponsors = list((await conn.execute(consented)).scalars())
    return PersonPlan(owner is not None, owner or "", sponsors)
