"""Planning's tables and queries. Functions take the caller's conn (one transaction).

Customer-scoped records are visible through the customer team's stakeholders; expansion cards
through their own (the owner), so a card is seen by its owner and the owner's superiors only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Scope, Stakeholder, stakeholder_clause
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial
from sqlalchemy.ext.asyncio import AsyncConnection

metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("org_level", sa.String(16), nullable=False),
    sa.Column("general_level", sa.String(16), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
)

# Who a record is relevant to: "customers/{c}" for everything of a customer team, or
# "expansionCards/{id}" for a card.
stakeholders = sa.Table(
    "stakeholders",
    metadata,
    sa.Column("resource", sa.String(160), primary_key=True),
    sa.Column("employee_id", sa.String(128), primary_key=True),
    sa.Column("org_unit", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
)

tier_obligations = sa.Table(
    "tier_obligations",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("codes", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(64), nullable=False),
)

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("issue_time", UtcDateTime(), nullable=False),
)

items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("parent", sa.String(160), nullable=False),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("sequence", sa.Integer(), nullable=False),
    sa.Column("due_time", UtcDateTime(), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("complete_time", UtcDateTime(), nullable=True),
    sa.Column("completed_by", sa.String(128), nullable=False),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("achieved_value", sa.Double(), nullable=True),
)

market_goals = sa.Table(
    "market_goals",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("product_segment", sa.String(200), nullable=False),
    sa.Column("scope", sa.String(200), nullable=False),
    sa.Column("target_share_percent", sa.Double(), nullable=False),
    sa.Column("target_year", sa.Integer(), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("opportunity", sa.String(200), nullable=False),
    sa.Column("relationship_goal", sa.JSON(), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

key_events = sa.Table(
    "key_events",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("dimension", sa.String(32), nullable=False),
    sa.Column("impact", sa.Integer(), nullable=False),
    sa.Column("occur_time", UtcDateTime(), nullable=False),
)

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("dimensions", sa.JSON(), nullable=False),
    sa.Column("level", sa.Integer(), nullable=False),
    sa.Column("evidence", sa.JSON(), nullable=False),
    sa.Column("competitor_support", sa.JSON(), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("assessed_by", sa.String(128), nullable=False),
    sa.Column("assess_time", UtcDateTime(), nullable=False),
    sa.Column("spot_check", sa.String(16), nullable=False),
)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("person", sa.String(200), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("layer", sa.String(16), nullable=False),
    sa.Column("support", sa.Integer(), nullable=False),
    sa.Column("competitor_support", sa.JSON(), nullable=False),
    sa.Column("coach", sa.Boolean(), nullable=False),
    sa.Column("veto", sa.Boolean(), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("target_level", sa.Integer(), nullable=True),
)

edges = sa.Table(
    "edges",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
)

gaps = sa.Table(
    "gaps",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("id", sa.String(36), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("detail", sa.Text(), nullable=False),
    sa.Column("open_time", UtcDateTime(), nullable=False),
)

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
)

cards = sa.Table(
    "cards",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("owner_org_unit", sa.String(255), nullable=False),
    sa.Column("sponsor", sa.String(128), nullable=False),
    sa.Column("commitment", sa.JSON(), nullable=False),
    sa.Column("actions", sa.JSON(), nullable=False),
    sa.Column("start_time", UtcDateTime(), nullable=False),
)

projects = sa.Table(
    "projects",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("decision_time", UtcDateTime(), nullable=True),
)

brand_activities = sa.Table(
    "brand_activities",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("project_id", sa.String(36), nullable=False),
    sa.Column("activity_time", UtcDateTime(), nullable=False),
    sa.Column("invitees", sa.Integer(), nullable=False),
    sa.Column("days", sa.Integer(), nullable=False),
    sa.Column("budget_units", sa.BigInteger(), nullable=False),
)

competitor_analyses = sa.Table(
    "competitor_analyses",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("competitor", sa.String(64), primary_key=True),
    sa.Column("answers", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

relationship_plans = sa.Table(
    "relationship_plans",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("body", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
)

# The archive's facts planning's rules depend on, kept from its customer events.
customer_facts = sa.Table(
    "customer_facts",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("industry", sa.String(64), nullable=False),
    sa.Column("ownership_type", sa.String(16), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

decision_chains = sa.Table(
    "decision_chains",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("scenario", sa.String(200), nullable=False),
    sa.Column("nodes", sa.JSON(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

handovers = sa.Table(
    "handovers",
    metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("from_employee", sa.String(128), nullable=False),
    sa.Column("to_employee", sa.String(128), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("handover_time", UtcDateTime(), nullable=False),
)


async def rows(conn: AsyncConnection, query) -> list[sa.Row]:
    return list((await conn.execute(query)).all())


async def first(conn: AsyncConnection, query) -> sa.Row | None:
    return (await conn.execute(query)).first()


# ---------------------------------------------------------------------------------------------
# Stakeholders and visibility
# ---------------------------------------------------------------------------------------------


async def stakeholders_of(conn: AsyncConnection, resource: str) -> list[sa.Row]:
    query = sa.select(stakeholders).where(stakeholders.c.resource == resource)
    return await rows(conn, query.order_by(stakeholders.c.role, stakeholders.c.employee_id))


async def set_stakeholders(
    conn: AsyncConnection, resource: str, members: Sequence[tuple[Stakeholder, str]]
) -> None:
    await conn.execute(stakeholders.delete().where(stakeholders.c.resource == resource))
    if members:
        await conn.execute(
            stakeholders.insert(),
            [
                {
                    "resource": resource,
                    "employee_id": s.employee_id,
                    "org_unit": s.org_unit,
                    "role": role,
                }
                for s, role in members
            ],
        )


async def org_unit_of(conn: AsyncConnection, employee_id: str) -> str:
    """Where an employee sits, as any team or card of this service knows it ("" if unknown)."""
    query = sa.select(stakeholders.c.org_unit).where(
        stakeholders.c.employee_id == employee_id, stakeholders.c.org_unit != ""
    )
    return (await conn.execute(query.limit(1))).scalar_one_or_none() or ""


def visible(scope: Scope, resource: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """Records whose stakeholders include the principal or someone they manage."""
    inner = stakeholder_clause(scope, stakeholders.c.employee_id, stakeholders.c.org_unit)
    return sa.exists().where(stakeholders.c.resource == resource, inner)


# ---------------------------------------------------------------------------------------------
# Small helpers the service uses for every table
# ---------------------------------------------------------------------------------------------


async def by_customer(conn: AsyncConnection, table: sa.Table, customer_id: str, *order) -> list:
    query = sa.select(table).where(table.c.customer_id == customer_id)
    return await rows(conn, query.order_by(*order) if order else query)


async def get_by_id(conn: AsyncConnection, table: sa.Table, row_id: str) -> sa.Row | None:
    return await first(conn, sa.select(table).where(table.c.id == row_id))


async def teams_page(
    conn: AsyncConnection, region: str | None, after: str, limit: int
) -> list[sa.Row]:
    query = sa.select(teams).where(teams.c.customer_id > after)
    if region is not None:
        query = query.where(teams.c.region == region)
    return await rows(conn, query.order_by(teams.c.customer_id).limit(limit))


async def planned_customers(conn: AsyncConnection, year: int, ids: Sequence[str]) -> set[str]:
    query = sa.select(plans.c.customer_id).where(plans.c.year == year, plans.c.customer_id.in_(ids))
    return set((await conn.execute(query)).scalars())


async def open_items(conn: AsyncConnection, parent: str) -> list[sa.Row]:
    query = sa.select(items).where(items.c.parent == parent, items.c.state == "open")
    return await rows(conn, query.order_by(items.c.due_time))


async def overdue_plan_items(conn: AsyncConnection, now: datetime) -> list[sa.Row]:
    i = items
    query = sa.select(i).where(
        i.c.state == "open", i.c.due_time <= now, i.c.parent.startswith("customers/")
    )
    return await rows(conn, query.order_by(i.c.due_time, i.c.id))


async def items_of(conn: AsyncConnection, parents: Sequence[str]) -> list[sa.Row]:
    query = sa.select(items).where(items.c.parent.in_(parents))
    return await rows(conn, query.order_by(items.c.due_time, items.c.kind, items.c.sequence))


async def sponsored_count(conn: AsyncConnection, sponsor: str) -> int:
    query = sa.select(sa.func.count()).select_from(sponsorships)
    return (await conn.execute(query.where(sponsorships.c.sponsor == sponsor))).scalar_one()


async def open_target_count(conn: AsyncConnection, owner: str) -> int:
    query = sa.select(sa.func.count()).select_from(targets).where(targets.c.owner == owner)
    return (await conn.execute(query)).scalar_one()


async def budget_rollup(
    conn: AsyncConnection, region: str, start: datetime | None, end: datetime | None
) -> sa.Row:
    b = brand_activities
    query = sa.select(
        sa.func.count().label("count"),
        sa.func.coalesce(sa.func.sum(b.c.budget_units), 0).label("budget"),
        sa.func.coalesce(sa.func.sum(b.c.invitees), 0).label("invitees"),
    ).where(b.c.region == region)
    if start is not None:
        query = query.where(b.c.activity_time >= start)
    if end is not None:
        query = query.where(b.c.activity_time < end)
    return (await conn.execute(query)).one()
