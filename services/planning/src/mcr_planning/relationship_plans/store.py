"""Relationship plans."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.relationship_plans.domain import RelationshipPlan
from mcr_planning.store import first, metadata, record

relationship_plans = sa.Table(
    "relationship_plans",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("body", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
)


async def get_plan(conn: AsyncConnection, customer_id: str, year: int) -> RelationshipPlan | None:
    r = relationship_plans.c
    query = sa.select(relationship_plans).where(r.customer_id == customer_id, r.year == year)
    row = await first(conn, query)
    return record(RelationshipPlan, row) if row else None


async def save_plan(conn: AsyncConnection, plan: RelationshipPlan) -> None:
    values = asdict(plan) | {"body": dict(plan.body)}
    await conn.execute(upsert(conn, relationship_plans, values, ["customer_id", "year"]))
