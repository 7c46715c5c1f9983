"""What planning's use cases share: the customer team a caller may see (everything of a
customer is visible through its team's stakeholders, decision 11). Each area's use cases are
in its own `service` module."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mcr_core.auth import Principal, Record, Stakeholder
from mcr_core.errors import NotFound
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning import store
from mcr_planning.domain import GeneralLevel, Member, OrgLevel, Team, etag_of

SYSTEM = "system"


def allows(kernel: Kernel, principal: Principal, region: str, members: Sequence[Member]) -> bool:
    record = Record(region, tuple(Stakeholder(m.employee_id, m.org_unit) for m in members))
    return kernel.policy.allows(principal, record)


async def visible_team(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str
) -> Team:
    """The team of a customer the principal may see; others are "not found"."""
    team = await store.load_team(conn, customer_id)
    if team is None or not allows(kernel, principal, team.region, team.members):
        raise NotFound(f"customers/{customer_id} has no planning team you may see")
    return team


async def save_team(conn: AsyncConnection, team: Team) -> Team:
    etag = etag_of(team.tier, team.org_level, team.general_level, team.members, team.update_time)
    team = replace(team, etag=etag)
    await store.save_team(conn, team)
    return team


async def ensure_team(
    kernel: Kernel, conn: AsyncConnection, customer_id: str, region: str, tier: str | None = None
) -> Team:
    """The customer's team, created empty on first use (another service announced the
    customer before anyone set a team up); `tier` is kept when given."""
    team = await store.load_team(conn, customer_id)
    if team is not None:
        if tier is not None and tier != team.tier:
            await store.set_tier(conn, customer_id, tier)
            team = replace(team, tier=tier)
        return team
    now = kernel.clock.now()
    team = Team(customer_id, region, tier or "", OrgLevel.NONE, GeneralLevel.LOW, (), now, "")
    return await save_team(conn, team)
