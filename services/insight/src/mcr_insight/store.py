"""Insight's shared tables and queries: the metadata every area's tables join, and insight's own
copy of the archive's facts about each customer and of who the customer is relevant to (its
stakeholders, decision 11). Functions take the caller's conn (one transaction). Each area's
tables and queries are in its own `store` module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from mcr_core.auth import Scope, Stakeholder, stakeholder_clause
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import CustomerFacts

metadata = sa.MetaData()

# Insight's own copy of the archive facts it scores on, kept from the archive's events.
customer_facts = sa.Table(
    "customer_facts",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("industry", sa.String(64), nullable=False),
    sa.Column("country_code", sa.String(2), nullable=False),
    sa.Column("parent_group_id", sa.String(64), nullable=True),
    sa.Column("revenue_currency", sa.String(3), nullable=True),
    sa.Column("revenue_units", sa.BigInteger(), nullable=True),
    sa.Column("employee_count", sa.Integer(), nullable=False),
    sa.Column("ownership_type", sa.String(16), nullable=False, server_default=""),
    sa.Column("metrics", sa.JSON(), nullable=True),
    sa.Column("source_update_time", UtcDateTime(), nullable=False),
    sa.Column("delete_time", UtcDateTime(), nullable=True),
)

# The employees each customer is relevant to: its owner (`OWNER`, from the customer's events)
# and its account team (`TEAM`, from the team's), with their org units then.
customer_stakeholders = sa.Table(
    "customer_stakeholders",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("source", sa.String(8), primary_key=True),
    sa.Column("employee_id", sa.String(64), primary_key=True),
    sa.Column("org_unit", sa.String(255), nullable=False),
)
OWNER, TEAM = "owner", "team"

# When the account team insight knows last changed: an older team arriving late is dropped.
account_teams = sa.Table(
    "account_teams",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)


# ---------------------------------------------------------------------------------------------
# Customer facts
# ---------------------------------------------------------------------------------------------


def facts_from_row(row: sa.Row) -> CustomerFacts:
    return CustomerFacts(
        id=row.customer_id,
        region=row.region,
        display_name=row.display_name,
        industry=row.industry,
        country_code=row.country_code,
        parent_group_id=row.parent_group_id,
        revenue_currency=row.revenue_currency,
        revenue_units=row.revenue_units,
        employee_count=row.employee_count,
        ownership_type=row.ownership_type,
        metrics=row.metrics or {},
    )


async def facts_time(conn: AsyncConnection, customer_id: str) -> datetime | None:
    """When the archive last changed the customer as insight knows it (deleted ones too)."""
    query = sa.select(customer_facts.c.source_update_time).where(
        customer_facts.c.customer_id == customer_id
    )
    return (await conn.execute(query)).scalar_one_or_none()


async def save_facts(conn: AsyncConnection, facts: CustomerFacts, source_time: datetime) -> None:
    values = {
        "customer_id": facts.id,
        "region": facts.region,
        "display_name": facts.display_name,
        "industry": facts.industry,
        "country_code": facts.country_code,
        "parent_group_id": facts.parent_group_id,
        "revenue_currency": facts.revenue_currency,
        "revenue_units": facts.revenue_units,
        "employee_count": facts.employee_count,
        "ownership_type": facts.ownership_type,
        "source_update_time": source_time,
        "delete_time": None,
    }
    await conn.execute(upsert(conn, customer_facts, values, ["customer_id"]))


async def metrics_of(conn: AsyncConnection, customer_id: str) -> dict:
    """The profile metrics last published for the customer (the customer's own events do not
    carry them, so its facts keep them across those)."""
    query = sa.select(customer_facts.c.metrics).where(customer_facts.c.customer_id == customer_id)
    return (await conn.execute(query)).scalar_one_or_none() or {}


# Older than any event: the facts of a customer known only from its profile so far.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


async def save_metrics(conn: AsyncConnection, customer_id: str, region: str, metrics: dict) -> bool:
    """Keep the metrics of the customer's newly published profile; False when the archive has
    not announced the customer yet (its profile's event came first): they are kept for it
    then, and its creation scores it with them."""
    updated = await conn.execute(
        customer_facts.update()
        .where(customer_facts.c.customer_id == customer_id)
        .values(metrics=metrics)
    )
    if updated.rowcount:
        return True
    await save_facts(conn, CustomerFacts(customer_id, region), NEVER)
    await conn.execute(
        customer_facts.update()
        .where(customer_facts.c.customer_id == customer_id)
        .values(metrics=metrics, delete_time=NEVER)
    )
    return False


async def mark_facts_deleted(conn: AsyncConnection, customer_id: str, when: datetime) -> None:
    await conn.execute(
        customer_facts.update()
        .where(customer_facts.c.customer_id == customer_id)
        .values(delete_time=when, source_update_time=when)
    )


async def get_facts(conn: AsyncConnection, customer_id: str) -> CustomerFacts | None:
    query = sa.select(customer_facts).where(
        customer_facts.c.customer_id == customer_id, customer_facts.c.delete_time.is_(None)
    )
    row = (await conn.execute(query)).first()
    return facts_from_row(row) if row else None


async def facts_page(
    conn: AsyncConnection, region: str, after_id: str, limit: int
) -> list[tuple[CustomerFacts, datetime]]:
    """A page of a region's live customers by id, with the time of the facts."""
    query = (
        sa.select(customer_facts)
        .where(
            customer_facts.c.region == region,
            customer_facts.c.delete_time.is_(None),
            customer_facts.c.customer_id > after_id,
        )
        .order_by(customer_facts.c.customer_id)
        .limit(limit)
    )
    return [
        (facts_from_row(row), row.source_update_time) for row in (await conn.execute(query)).all()
    ]


async def facts_times(conn: AsyncConnection, ids: Sequence[str]) -> dict[str, datetime]:
    query = sa.select(customer_facts.c.customer_id, customer_facts.c.source_update_time).where(
        customer_facts.c.customer_id.in_(ids), customer_facts.c.delete_time.is_(None)
    )
    return {row.customer_id: row.source_update_time for row in await conn.execute(query)}


# ---------------------------------------------------------------------------------------------
# Stakeholders and visibility
# ---------------------------------------------------------------------------------------------


async def save_stakeholders(
    conn: AsyncConnection, customer_id: str, source: str, stakeholders: Sequence[Stakeholder]
) -> None:
    """The customer's stakeholders of one source (`OWNER` or `TEAM`) are now `stakeholders`."""
    c = customer_stakeholders.c
    await conn.execute(
        customer_stakeholders.delete().where(c.customer_id == customer_id, c.source == source)
    )
    unique = {s.employee_id: s for s in stakeholders if s.employee_id}
    if unique:
        await conn.execute(
            customer_stakeholders.insert(),
            [
                {
                    "customer_id": customer_id,
                    "source": source,
                    "employee_id": s.employee_id,
                    "org_unit": s.org_unit,
                }
                for s in unique.values()
            ],
        )


async def stakeholders_of(conn: AsyncConnection, customer_id: str) -> tuple[Stakeholder, ...]:
    c = customer_stakeholders.c
    query = sa.select(c.employee_id, c.org_unit).where(c.customer_id == customer_id)
    return tuple(Stakeholder(r.employee_id, r.org_unit) for r in await conn.execute(query))


async def team_time(conn: AsyncConnection, customer_id: str) -> datetime | None:
    query = sa.select(account_teams.c.update_time).where(account_teams.c.customer_id == customer_id)
    return (await conn.execute(query)).scalar_one_or_none()


async def save_team_time(conn: AsyncConnection, customer_id: str, when: datetime) -> None:
    values = {"customer_id": customer_id, "update_time": when}
    await conn.execute(upsert(conn, account_teams, values, ["customer_id"]))


def visible_clause(scope: Scope, customer_id: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """Rows of customers `scope` sees (the region is the caller's own condition): those with a
    stakeholder who is the principal or inside the unit they manage. A scope the hierarchy
    does not narrow (a role that oversees the region) sees every customer."""
    if scope.employee_id is None:
        return sa.true()
    c = customer_stakeholders.c
    return sa.exists().where(
        c.customer_id == customer_id, stakeholder_clause(scope, c.employee_id, c.org_unit)
    )


async def visible_ids(conn: AsyncConnection, scope: Scope, ids: Sequence[str]) -> set[str]:
    """Which of these customers `scope` sees (the hierarchy only: callers name customers of
    their region)."""
    if not ids:
        return set()
    if scope.employee_id is None:
        return set(ids)
    query = sa.select(customer_facts.c.customer_id).where(
        customer_facts.c.customer_id.in_(ids),
        customer_facts.c.region == scope.region,
        visible_clause(scope, customer_facts.c.customer_id),
    )
    return set((await conn.execute(query)).scalars())
