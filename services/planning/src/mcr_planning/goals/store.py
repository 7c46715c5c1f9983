"""Market goals' table and queries."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.goals.domain import GoalRecord
from mcr_planning.store import first, metadata, record, records

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


async def goals_of(conn: AsyncConnection, customer_id: str) -> list[GoalRecord]:
    g = market_goals.c
    query = sa.select(market_goals).where(g.customer_id == customer_id)
    return await records(conn, GoalRecord, query.order_by(g.create_time, g.id))


async def get_goal(conn: AsyncConnection, goal_id: str) -> GoalRecord | None:
    row = await first(conn, sa.select(market_goals).where(market_goals.c.id == goal_id))
    return record(GoalRecord, row) if row else None


async def goal_with(
    conn: AsyncConnection, customer_id: str, column: str, value: str
) -> GoalRecord | None:
    """The customer's goal whose `column` (request_id or opportunity) is `value`."""
    g = market_goals.c
    query = sa.select(market_goals).where(g.customer_id == customer_id, g[column] == value)
    row = await first(conn, query)
    return record(GoalRecord, row) if row else None


async def add_goal(conn: AsyncConnection, goal: GoalRecord) -> None:
    values = asdict(goal) | {"relationship_goal": dict(goal.relationship_goal)}
    await conn.execute(market_goals.insert().values(values))


async def goals_from(conn: AsyncConnection, customer_id: str, year: int) -> list[GoalRecord]:
    """The customer's goals whose target year is `year` or later."""
    g = market_goals.c
    query = sa.select(market_goals).where(g.customer_id == customer_id, g.target_year >= year)
    return await records(conn, GoalRecord, query)
