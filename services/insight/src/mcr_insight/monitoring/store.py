"""Portfolio monitoring's tables and queries: yearly revenue, value-return curves and their
re-tier recommendations, snapshots, retrospective tasks and reviews.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Scope
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import CustomerFacts
from mcr_insight.monitoring.domain import (
    CurvePoint,
    LostCustomer,
    PortfolioSnapshot,
    RetierRecommendation,
    RetrospectiveTask,
    ShareDropAlert,
    ValueReturnCurve,
    YearlyRevenue,
)
from mcr_insight.store import customer_facts, facts_from_row, metadata, visible_clause

yearly_revenue = sa.Table(
    "yearly_revenue",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("units", sa.BigInteger(), nullable=False),
)

value_return_curves = sa.Table(
    "value_return_curves",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("points", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

retier_recommendations = sa.Table(
    "retier_recommendations",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("expected_units", sa.BigInteger(), nullable=False),
    sa.Column("actual_units", sa.BigInteger(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

portfolio_snapshots = sa.Table(
    "portfolio_snapshots",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("take_time", UtcDateTime(), nullable=False),
    sa.Column("body", sa.JSON(), nullable=False),
    sa.Index("ix_portfolio_snapshots_region_time", "region", "take_time"),
)

retrospective_tasks = sa.Table(
    "retrospective_tasks",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("snapshot_id", sa.String(36), nullable=False),
    sa.Column("customers", sa.JSON(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

customer_reviews = sa.Table(
    "customer_reviews",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("review_time", UtcDateTime(), nullable=False),
    sa.Column("reviewed_by", sa.String(128), nullable=False),
)


async def save_revenue(conn: AsyncConnection, item: YearlyRevenue) -> None:
    values = {
        "customer_id": item.customer_id,
        "year": item.year,
        "region": item.region,
        "currency": item.currency,
        "units": item.units,
    }
    await conn.execute(upsert(conn, yearly_revenue, values, ["customer_id", "year"]))


def _revenue(row: sa.Row) -> YearlyRevenue:
    return YearlyRevenue(row.customer_id, row.region, row.year, row.currency, row.units)


async def region_revenue(conn: AsyncConnection, region: str) -> list[YearlyRevenue]:
    query = sa.select(yearly_revenue).where(yearly_revenue.c.region == region)
    return [_revenue(row) for row in await conn.execute(query)]


async def customer_revenue(conn: AsyncConnection, customer_id: str) -> dict[int, YearlyRevenue]:
    query = sa.select(yearly_revenue).where(yearly_revenue.c.customer_id == customer_id)
    return {row.year: _revenue(row) for row in await conn.execute(query)}


async def get_curve(conn: AsyncConnection, customer_id: str) -> ValueReturnCurve | None:
    query = sa.select(value_return_curves).where(value_return_curves.c.customer_id == customer_id)
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    points = tuple(CurvePoint(p["year"], p["expected_units"]) for p in row.points)
    return ValueReturnCurve(customer_id, row.currency, points, row.update_time, row.updated_by)


async def save_curve(conn: AsyncConnection, curve: ValueReturnCurve) -> None:
    values = {
        "customer_id": curve.customer_id,
        "currency": curve.currency,
        "points": [asdict(p) for p in curve.points],
        "update_time": curve.update_time,
        "updated_by": curve.updated_by,
    }
    await conn.execute(upsert(conn, value_return_curves, values, ["customer_id"]))


async def add_recommendation(conn: AsyncConnection, r: RetierRecommendation) -> bool:
    """Record a recommendation once per customer and year; False if it exists."""
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = (
        dialect.insert(retier_recommendations)
        .values(
            customer_id=r.customer_id,
            year=r.year,
            region=r.region,
            currency=r.currency,
            expected_units=r.expected_units,
            actual_units=r.actual_units,
            create_time=r.create_time,
        )
        .on_conflict_do_nothing()
    )
    return (await conn.execute(statement)).rowcount == 1


async def recommendations_of(conn: AsyncConnection, customer_id: str) -> list[RetierRecommendation]:
    query = (
        sa.select(retier_recommendations)
        .where(retier_recommendations.c.customer_id == customer_id)
        .order_by(retier_recommendations.c.year)
    )
    return [
        RetierRecommendation(
            row.customer_id,
            row.region,
            row.year,
            row.currency,
            row.expected_units,
            row.actual_units,
            row.create_time,
        )
        for row in await conn.execute(query)
    ]


def _lost_json(items) -> list[dict]:
    return [asdict(item) for item in items]


async def add_snapshot(conn: AsyncConnection, s: PortfolioSnapshot) -> None:
    body = {
        "since": s.since.isoformat() if s.since else None,
        "total": s.total,
        "tier_counts": dict(s.tier_counts),
        "value_distribution": list(s.value_distribution),
        "added": s.added,
        "lost": _lost_json(s.lost),
        "abnormal_losses": _lost_json(s.abnormal_losses),
        "share_alerts": [asdict(a) for a in s.share_alerts],
    }
    await conn.execute(
        portfolio_snapshots.insert().values(
            id=s.id, region=s.region, take_time=s.take_time, body=body
        )
    )


def _snapshot(row: sa.Row) -> PortfolioSnapshot:
    body = row.body
    return PortfolioSnapshot(
        id=row.id,
        region=row.region,
        take_time=row.take_time,
        since=datetime.fromisoformat(body["since"]) if body["since"] else None,
        total=body["total"],
        tier_counts=body["tier_counts"],
        value_distribution=tuple(body["value_distribution"]),
        added=body["added"],
        lost=tuple(LostCustomer(**item) for item in body["lost"]),
        abnormal_losses=tuple(LostCustomer(**item) for item in body["abnormal_losses"]),
        share_alerts=tuple(ShareDropAlert(**a) for a in body["share_alerts"]),
    )


async def snapshots(
    conn: AsyncConnection, region: str, before: datetime | None, limit: int
) -> list[PortfolioSnapshot]:
    query = sa.select(portfolio_snapshots).where(portfolio_snapshots.c.region == region)
    if before is not None:
        query = query.where(portfolio_snapshots.c.take_time < before)
    query = query.order_by(portfolio_snapshots.c.take_time.desc()).limit(limit)
    return [_snapshot(row) for row in await conn.execute(query)]


async def add_retrospective(conn: AsyncConnection, task: RetrospectiveTask) -> None:
    await conn.execute(
        retrospective_tasks.insert().values(
            id=task.id,
            region=task.region,
            snapshot_id=task.snapshot_id,
            customers=list(task.customers),
            reason=task.reason,
            create_time=task.create_time,
        )
    )


async def retrospectives(conn: AsyncConnection, region: str) -> list[RetrospectiveTask]:
    query = (
        sa.select(retrospective_tasks)
        .where(retrospective_tasks.c.region == region)
        .order_by(retrospective_tasks.c.create_time.desc())
    )
    return [
        RetrospectiveTask(
            row.id, row.region, row.snapshot_id, tuple(row.customers), row.reason, row.create_time
        )
        for row in await conn.execute(query)
    ]


async def save_review(conn: AsyncConnection, customer_id: str, when: datetime, who: str) -> None:
    values = {"customer_id": customer_id, "review_time": when, "reviewed_by": who}
    await conn.execute(upsert(conn, customer_reviews, values, ["customer_id"]))


async def region_facts_and_reviews(
    conn: AsyncConnection, scope: Scope
) -> list[tuple[CustomerFacts, datetime | None]]:
    """The live customers of the scope's region it sees, with the time of their last strategy
    review, if any."""
    query = (
        sa.select(customer_facts, customer_reviews.c.review_time)
        .outerjoin(customer_reviews, customer_reviews.c.customer_id == customer_facts.c.customer_id)
        .where(
            customer_facts.c.region == scope.region,
            customer_facts.c.delete_time.is_(None),
            visible_clause(scope, customer_facts.c.customer_id),
        )
        .order_by(customer_facts.c.customer_id)
    )
    return [(facts_from_row(row), row.review_time) for row in await conn.execute(query)]
