"""The strategic sandbox's tables and queries: sandboxes, opportunities, annual insights."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.sandbox.domain import (
    AnnualInsight,
    MarketTarget,
    Opportunity,
    OpportunityHorizon,
    OpportunityRatings,
    OpportunitySource,
    OpportunityState,
    ProductSegment,
    StrategicSandbox,
    VendorShare,
)
from mcr_insight.store import metadata

strategic_sandboxes = sa.Table(
    "strategic_sandboxes",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("segments", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

opportunities = sa.Table(
    "opportunities",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("product_segment", sa.String(120), nullable=False),
    sa.Column("source_role", sa.String(16), nullable=False),
    sa.Column("horizon", sa.String(16), nullable=False),
    sa.Column("pain_point", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("ratings", sa.JSON(), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("proposed_by", sa.String(128), nullable=False),
    sa.Column("propose_time", UtcDateTime(), nullable=False),
    sa.Column("selected_by", sa.String(128), nullable=False),
    sa.Column("select_time", UtcDateTime(), nullable=True),
    sa.Column("market_target", sa.JSON(), nullable=True),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Index("ix_opportunities_customer", "customer_id"),
)

annual_insights = sa.Table(
    "annual_insights",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("sandbox_empty", sa.Boolean(), nullable=False),
    sa.Column("completed_by", sa.String(128), nullable=False),
    sa.Column("complete_time", UtcDateTime(), nullable=False),
)


# ---------------------------------------------------------------------------------------------
# The strategic sandbox
# ---------------------------------------------------------------------------------------------


def _segments(data: list) -> tuple[ProductSegment, ...]:
    return tuple(
        ProductSegment(
            d["product_segment"],
            d["spend_share_percent"],
            tuple(VendorShare(v["vendor"], v["share_percent"]) for v in d["vendor_shares"]),
        )
        for d in data
    )


async def get_sandbox(conn: AsyncConnection, customer_id: str) -> StrategicSandbox:
    query = sa.select(strategic_sandboxes).where(strategic_sandboxes.c.customer_id == customer_id)
    row = (await conn.execute(query)).first()
    if row is None:
        return StrategicSandbox(customer_id)
    return StrategicSandbox(
        customer_id, _segments(row.segments), row.etag, row.update_time, row.updated_by
    )


async def save_sandbox(conn: AsyncConnection, sandbox: StrategicSandbox) -> None:
    values = {
        "customer_id": sandbox.customer_id,
        "segments": [asdict(s) for s in sandbox.segments],
        "etag": sandbox.etag,
        "update_time": sandbox.update_time,
        "updated_by": sandbox.updated_by,
    }
    await conn.execute(upsert(conn, strategic_sandboxes, values, ["customer_id"]))


def _opportunity(row: sa.Row) -> Opportunity:
    target = MarketTarget(**row.market_target) if row.market_target else None
    return Opportunity(
        id=row.id,
        customer_id=row.customer_id,
        region=row.region,
        product_segment=row.product_segment,
        source_role=OpportunitySource(row.source_role),
        horizon=OpportunityHorizon(row.horizon),
        pain_point=row.pain_point,
        description=row.description,
        ratings=OpportunityRatings(**row.ratings),
        state=OpportunityState(row.state),
        proposed_by=row.proposed_by,
        propose_time=row.propose_time,
        selected_by=row.selected_by,
        select_time=row.select_time,
        market_target=target,
    )


async def add_opportunity(conn: AsyncConnection, o: Opportunity, request_id: str | None) -> None:
    assert o.source_role is not None and o.horizon is not None
    await conn.execute(
        opportunities.insert().values(
            id=o.id,
            customer_id=o.customer_id,
            region=o.region,
            product_segment=o.product_segment,
            source_role=o.source_role.value,
            horizon=o.horizon.value,
            pain_point=o.pain_point,
            description=o.description,
            ratings=asdict(o.ratings),
            state=o.state.value,
            proposed_by=o.proposed_by,
            propose_time=o.propose_time,
            selected_by="",
            request_id=request_id,
        )
    )


async def opportunity_by_request(conn: AsyncConnection, request_id: str) -> Opportunity | None:
    query = sa.select(opportunities).where(opportunities.c.request_id == request_id)
    row = (await conn.execute(query)).first()
    return _opportunity(row) if row else None


async def get_opportunity(
    conn: AsyncConnection, customer_id: str, opportunity_id: str
) -> Opportunity | None:
    query = sa.select(opportunities).where(
        opportunities.c.id == opportunity_id, opportunities.c.customer_id == customer_id
    )
    row = (await conn.execute(query)).first()
    return _opportunity(row) if row else None


async def opportunities_of(conn: AsyncConnection, customer_id: str) -> list[Opportunity]:
    query = (
        sa.select(opportunities)
        .where(opportunities.c.customer_id == customer_id)
        .order_by(opportunities.c.propose_time, opportunities.c.id)
    )
    return [_opportunity(row) for row in await conn.execute(query)]


async def select_opportunity(conn: AsyncConnection, o: Opportunity) -> bool:
    """Mark a proposed opportunity selected; False if it was selected meanwhile."""
    assert o.market_target is not None
    result = await conn.execute(
        opportunities.update()
        .where(
            opportunities.c.id == o.id,
            opportunities.c.state == OpportunityState.PROPOSED.value,
        )
        .values(
            state=o.state.value,
            selected_by=o.selected_by,
            select_time=o.select_time,
            market_target=asdict(o.market_target),
        )
    )
    return result.rowcount == 1


async def save_annual_insight(conn: AsyncConnection, insight: AnnualInsight) -> None:
    values = {
        "customer_id": insight.customer_id,
        "year": insight.year,
        "sandbox_empty": insight.sandbox_empty,
        "completed_by": insight.completed_by,
        "complete_time": insight.complete_time,
    }
    await conn.execute(upsert(conn, annual_insights, values, ["customer_id", "year"]))
