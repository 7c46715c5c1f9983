"""The annual cycle's tables and queries: each team's plans and the due items of plans and cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import datetime

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.domain import CustomerDate
from mcr_planning.store import first, metadata, record, records
from mcr_planning.teams.domain import AnnualPlan, ItemState, PlanItem

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("issue_time", UtcDateTime(), nullable=False),
)

# Each customer's own calendar as contact last announced it (a fact contact owns).
customer_dates = sa.Table(
    "customer_dates",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("month", sa.Integer(), nullable=False),
    sa.Column("day", sa.Integer(), nullable=False),
    sa.Column("lead_days", sa.Integer(), nullable=False),
    sa.Column("source", sa.String(128), nullable=False),
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


async def planned_customers(conn: AsyncConnection, year: int, ids: Sequence[str]) -> set[str]:
    query = sa.select(plans.c.customer_id).where(plans.c.year == year, plans.c.customer_id.in_(ids))
    return set((await conn.execute(query)).scalars())


async def open_items(conn: AsyncConnection, parent: str) -> list[PlanItem]:
    query = sa.select(items).where(items.c.parent == parent, items.c.state == "open")
    return await records(conn, PlanItem, query.order_by(items.c.due_time))


async def overdue_plan_items(conn: AsyncConnection, now: datetime) -> list[PlanItem]:
    i = items
    query = sa.select(i).where(
        i.c.state == "open", i.c.due_time <= now, i.c.parent.startswith("customers/")
    )
    return await records(conn, PlanItem, query.order_by(i.c.due_time, i.c.id))


async def items_of(conn: AsyncConnection, parents: Sequence[str]) -> list[PlanItem]:
    query = sa.select(items).where(items.c.parent.in_(parents))
    return await records(
        conn, PlanItem, query.order_by(items.c.due_time, items.c.kind, items.c.sequence)
    )


async def add_plans(conn: AsyncConnection, new: Sequence[AnnualPlan]) -> None:
    """Plans and their items, in two statements."""
    if not new:
        return
    await conn.execute(
        plans.insert(),
        [
            {
                "customer_id": p.customer_id,
                "year": p.year,
                "region": p.region,
                "tier": p.tier,
                "issue_time": p.issue_time,
            }
            for p in new
        ],
    )
    await add_items(conn, [item for p in new for item in p.items])


async def add_items(conn: AsyncConnection, new: Sequence[PlanItem]) -> None:
    if new:
        await conn.execute(items.insert(), [asdict(item) for item in new])


async def get_plan(conn: AsyncConnection, customer_id: str, year: int) -> AnnualPlan | None:
    p = plans.c
    row = await first(conn, sa.select(plans).where(p.customer_id == customer_id, p.year == year))
    if row is None:
        return None
    plan = record(AnnualPlan, row)
    return replace(plan, items=tuple(await items_of(conn, [plan.name])))


async def plans_before(
    conn: AsyncConnection, customer_id: str, before: int | None, limit: int
) -> list[AnnualPlan]:
    """The customer's plans, newest first, of years before `before` (all when None)."""
    p = plans.c
    query = sa.select(plans).where(p.customer_id == customer_id)
    if before is not None:
        query = query.where(p.year < before)
    found = await records(conn, AnnualPlan, query.order_by(p.year.desc()).limit(limit))
    item_list = await items_of(conn, [plan.name for plan in found])
    return [
        replace(plan, items=tuple(i for i in item_list if i.parent == plan.name)) for plan in found
    ]


async def get_item(conn: AsyncConnection, item_id: str) -> PlanItem | None:
    row = await first(conn, sa.select(items).where(items.c.id == item_id))
    return record(PlanItem, row) if row else None


async def set_state(conn: AsyncConnection, item_id: str, state: ItemState) -> None:
    await conn.execute(items.update().where(items.c.id == item_id).values(state=state.value))


async def complete_item(
    conn: AsyncConnection,
    item_id: str,
    when: datetime,
    who: str,
    summary: str,
    achieved_value: float | None,
) -> None:
    await conn.execute(
        items.update()
        .where(items.c.id == item_id)
        .values(
            state=ItemState.DONE.value,
            complete_time=when,
            completed_by=who,
            summary=summary,
            achieved_value=achieved_value,
        )
    )


async def replace_customer_dates(
    conn: AsyncConnection, customer_id: str, region: str, dates: Sequence[CustomerDate]
) -> None:
    """The customer's whole calendar, replacing what was known (an empty one clears it)."""
    await conn.execute(sa.delete(customer_dates).where(customer_dates.c.customer_id == customer_id))
    if dates:
        rows = [asdict(d) | {"customer_id": customer_id, "region": region} for d in dates]
        await conn.execute(sa.insert(customer_dates), rows)


async def customer_dates_of(conn: AsyncConnection, customer_id: str) -> tuple[CustomerDate, ...]:
    c = customer_dates.c
    query = (
        sa.select(c.kind, c.title, c.month, c.day, c.lead_days, c.source)
        .where(c.customer_id == customer_id)
        .order_by(c.month, c.day, c.kind)
    )
    return tuple(CustomerDate(**row._mapping) for row in await conn.execute(query))
