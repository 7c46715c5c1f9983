"""Projects and brand activities."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.brand.domain import BrandActivity, BudgetRollup, ProjectRecord
from mcr_planning.store import first, metadata, record

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


async def add_project(conn: AsyncConnection, project: ProjectRecord) -> None:
    await conn.execute(projects.insert().values(asdict(project)))


async def get_project(conn: AsyncConnection, project_id: str) -> ProjectRecord | None:
    row = await first(conn, sa.select(projects).where(projects.c.id == project_id))
    return record(ProjectRecord, row) if row else None


async def add_brand_activity(conn: AsyncConnection, activity: BrandActivity) -> None:
    await conn.execute(brand_activities.insert().values(asdict(activity)))


async def budget_rollup(
    conn: AsyncConnection, region: str, start: datetime | None, end: datetime | None
) -> BudgetRollup:
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
    row = (await conn.execute(query)).one()
    return BudgetRollup(region, row.count, int(row.budget), int(row.invitees))
