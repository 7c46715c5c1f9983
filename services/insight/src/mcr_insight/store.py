"""Insight's tables and queries. Functions take the caller's conn (one transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Scope
from mcr_core.listing import Comparison
from mcr_core.storage import UtcDateTime, upsert
from mcr_core.storage.types import BigSerial
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import (
    AnalysisVersion,
    AnnualInsight,
    AttributedComponent,
    Commission,
    CurvePoint,
    CustomerFacts,
    InformationProduct,
    LostCustomer,
    ManualDecision,
    MarketTarget,
    Opportunity,
    OpportunityHorizon,
    OpportunityRatings,
    OpportunitySource,
    OpportunityState,
    PluginFailureRecord,
    PortfolioSnapshot,
    ProductKind,
    ProductSegment,
    RetierRecommendation,
    RetrospectiveTask,
    ScoreComponent,
    ServiceSolution,
    ServiceStrategy,
    ShareDropAlert,
    StrategicSandbox,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierSource,
    ValueHorizon,
    ValueReturnCurve,
    ValueVisibility,
    VendorShare,
    YearlyRevenue,
)

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
    sa.Column("source_update_time", UtcDateTime(), nullable=False),
    sa.Column("delete_time", UtcDateTime(), nullable=True),
)

tier_assignments = sa.Table(
    "tier_assignments",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("computed_tier", sa.String(32), nullable=False),
    sa.Column("score", sa.Double(), nullable=False),
    sa.Column("source", sa.String(16), nullable=True),
    sa.Column("components", sa.JSON(), nullable=False),
    sa.Column("failures", sa.JSON(), nullable=False),
    sa.Column("assigned_by", sa.String(255), nullable=False),
    sa.Column("configuration_revision", sa.BigInteger(), nullable=False),
    sa.Column("scoring_incomplete", sa.Boolean(), nullable=False),
    sa.Column("tier_change_time", UtcDateTime(), nullable=True),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

manual_tier_decisions = sa.Table(
    "manual_tier_decisions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("justification", sa.Text(), nullable=False),
    sa.Column("decided_by", sa.String(128), nullable=False),
    sa.Column("decide_time", UtcDateTime(), nullable=False),
    sa.Column("expire_time", UtcDateTime(), nullable=False),
    sa.Column("end_time", UtcDateTime(), nullable=True),
    sa.Column("end_reason", sa.Text(), nullable=False),
)

tier_history = sa.Table(
    "tier_history",
    metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("previous_tier", sa.String(32), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("source", sa.String(16), nullable=True),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("score", sa.Double(), nullable=False),
    sa.Column("changed_by", sa.String(128), nullable=False),
    sa.Column("change_time", UtcDateTime(), nullable=False),
    sa.Column("configuration_revision", sa.BigInteger(), nullable=False),
)

# Every applied configuration of a region is kept; the highest revision is in force.
tier_configurations = sa.Table(
    "tier_configurations",
    metadata,
    sa.Column("region", sa.String(63), primary_key=True),
    sa.Column("revision", sa.BigInteger(), primary_key=True),
    sa.Column("scoring_plugins", sa.JSON(), nullable=False),
    sa.Column("dimension_weights", sa.JSON(), nullable=False),
    sa.Column("thresholds", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

published_tier_policies = sa.Table(
    "published_tier_policies",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("etag", sa.String(32), nullable=False),
    sa.Column("publish_time", UtcDateTime(), nullable=False),
)

# One row ("installation"): the scoring packs the portfolio was last tiered with.
scoring_packs = sa.Table(
    "scoring_packs",
    metadata,
    sa.Column("scope", sa.String(16), primary_key=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("packs", sa.JSON(), nullable=False),
    sa.Column("change_time", UtcDateTime(), nullable=False),
)

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

insight_analyses = sa.Table(
    "insight_analyses",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(64), primary_key=True),
    sa.Column("version", sa.BigInteger(), primary_key=True),
    sa.Column("content", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

service_strategies = sa.Table(
    "service_strategies",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.BigInteger(), nullable=False),
    sa.Column("content", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(32), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(128), nullable=False),
)

information_products = sa.Table(
    "information_products",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("commission", sa.JSON(), nullable=True),
    sa.Column("author", sa.String(128), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Index("ix_information_products_customer", "customer_id", "create_time"),
)

FILTER_COLUMNS = {
    "tier": tier_assignments.c.tier,
    "computed_tier": tier_assignments.c.computed_tier,
    "source": tier_assignments.c.source,
}


# ---------------------------------------------------------------------------------------------
# Customer facts
# ---------------------------------------------------------------------------------------------


def _facts(row: sa.Row) -> CustomerFacts:
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
        "source_update_time": source_time,
        "delete_time": None,
    }
    await conn.execute(upsert(conn, customer_facts, values, ["customer_id"]))


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
    return _facts(row) if row else None


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
    return [(_facts(row), row.source_update_time) for row in (await conn.execute(query)).all()]


async def facts_times(conn: AsyncConnection, ids: Sequence[str]) -> dict[str, datetime]:
    query = sa.select(customer_facts.c.customer_id, customer_facts.c.source_update_time).where(
        customer_facts.c.customer_id.in_(ids), customer_facts.c.delete_time.is_(None)
    )
    return {row.customer_id: row.source_update_time for row in await conn.execute(query)}


# ---------------------------------------------------------------------------------------------
# Tier assignments and history
# ---------------------------------------------------------------------------------------------


def _component_json(item: AttributedComponent) -> dict:
    c = item.component
    return {
        "plugin": item.plugin,
        "dimension": c.dimension,
        "value": c.value,
        "weight": c.weight,
        "effective_weight": item.effective_weight,
        "horizon": c.horizon.value,
        "visibility": c.visibility.value,
        "explanation": c.explanation,
    }


def _component(data: dict) -> AttributedComponent:
    component = ScoreComponent(
        data["dimension"],
        data["value"],
        data["weight"],
        ValueHorizon(data["horizon"]),
        ValueVisibility(data["visibility"]),
        data["explanation"],
    )
    return AttributedComponent(data["plugin"], component, data["effective_weight"])


def _assignment(row: sa.Row) -> TierAssignment:
    return TierAssignment(
        customer_id=row.customer_id,
        region=row.region,
        tier=row.tier,
        computed_tier=row.computed_tier,
        score=row.score,
        source=TierSource(row.source) if row.source else None,
        components=tuple(_component(c) for c in row.components),
        failures=tuple(PluginFailureRecord(**f) for f in row.failures),
        assigned_by=row.assigned_by,
        configuration_revision=row.configuration_revision,
        scoring_incomplete=row.scoring_incomplete,
        tier_change_time=row.tier_change_time,
        update_time=row.update_time,
    )


def _assignment_row(a: TierAssignment) -> dict:
    return {
        "customer_id": a.customer_id,
        "region": a.region,
        "tier": a.tier,
        "computed_tier": a.computed_tier,
        "score": a.score,
        "source": a.source.value if a.source else None,
        "components": [_component_json(c) for c in a.components],
        "failures": [vars(f) for f in a.failures],
        "assigned_by": a.assigned_by,
        "configuration_revision": a.configuration_revision,
        "scoring_incomplete": a.scoring_incomplete,
        "tier_change_time": a.tier_change_time,
        "update_time": a.update_time,
    }


async def save_assignment(conn: AsyncConnection, a: TierAssignment) -> None:
    await save_assignments(conn, [a])


async def save_assignments(conn: AsyncConnection, assignments: Sequence[TierAssignment]) -> None:
    """Insert or replace assignments with one statement (a batch writes a chunk at once)."""
    if not assignments:
        return
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    insert = dialect.insert(tier_assignments)
    statement = insert.on_conflict_do_update(
        index_elements=["customer_id"],
        set_={
            c.name: insert.excluded[c.name] for c in tier_assignments.c if c.name != "customer_id"
        },
    )
    await conn.execute(statement, [_assignment_row(a) for a in assignments])


async def delete_assignment(conn: AsyncConnection, customer_id: str) -> None:
    await conn.execute(
        tier_assignments.delete().where(tier_assignments.c.customer_id == customer_id)
    )


async def get_assignment(conn: AsyncConnection, customer_id: str) -> TierAssignment | None:
    query = sa.select(tier_assignments).where(tier_assignments.c.customer_id == customer_id)
    row = (await conn.execute(query)).first()
    return _assignment(row) if row else None


async def get_assignments(conn: AsyncConnection, ids: Sequence[str]) -> dict[str, TierAssignment]:
    query = sa.select(tier_assignments).where(tier_assignments.c.customer_id.in_(ids))
    return {row.customer_id: _assignment(row) for row in await conn.execute(query)}


async def list_assignments(
    conn: AsyncConnection,
    scope: Scope,
    comparisons: list[Comparison],
    after_id: str | None,
    limit: int,
) -> list[TierAssignment]:
    query = sa.select(tier_assignments).where(tier_assignments.c.region == scope.region)
    for comparison in comparisons:
        column = FILTER_COLUMNS[comparison.field]
        if comparison.op == "=":
            query = query.where(column == comparison.value)
        elif comparison.op == "!=":
            query = query.where(column != comparison.value)
        else:
            query = query.where(column.contains(comparison.value, autoescape=True))
    if after_id is not None:
        query = query.where(tier_assignments.c.customer_id > after_id)
    query = query.order_by(tier_assignments.c.customer_id).limit(limit)
    return [_assignment(row) for row in (await conn.execute(query)).all()]


async def add_history(conn: AsyncConnection, changes: Sequence[TierChange]) -> None:
    if not changes:
        return
    rows = [
        {
            "customer_id": change.customer_id,
            "region": change.region,
            "previous_tier": change.previous_tier,
            "tier": change.tier,
            "source": change.source.value if change.source else None,
            "reason": change.reason,
            "score": change.score,
            "changed_by": change.changed_by,
            "change_time": change.change_time,
            "configuration_revision": change.configuration_revision,
        }
        for change in changes
    ]
    await conn.execute(tier_history.insert(), rows)


async def history_page(
    conn: AsyncConnection, customer_id: str, before_seq: int | None, limit: int
) -> list[tuple[int, TierChange]]:
    query = sa.select(tier_history).where(tier_history.c.customer_id == customer_id)
    if before_seq is not None:
        query = query.where(tier_history.c.seq < before_seq)
    query = query.order_by(tier_history.c.seq.desc()).limit(limit)
    return [(row.seq, _change(row)) for row in (await conn.execute(query)).all()]


def _change(row: sa.Row) -> TierChange:
    return TierChange(
        customer_id=row.customer_id,
        region=row.region,
        previous_tier=row.previous_tier,
        tier=row.tier,
        source=TierSource(row.source) if row.source else None,
        reason=row.reason,
        score=row.score,
        changed_by=row.changed_by,
        change_time=row.change_time,
        configuration_revision=row.configuration_revision,
    )


# ---------------------------------------------------------------------------------------------
# Manual decisions
# ---------------------------------------------------------------------------------------------


def _decision(row: sa.Row) -> ManualDecision:
    return ManualDecision(
        id=row.id,
        customer_id=row.customer_id,
        tier=row.tier,
        justification=row.justification,
        decided_by=row.decided_by,
        decide_time=row.decide_time,
        expire_time=row.expire_time,
        end_time=row.end_time,
        end_reason=row.end_reason,
    )


async def add_decision(conn: AsyncConnection, decision: ManualDecision) -> None:
    await conn.execute(
        manual_tier_decisions.insert().values(
            id=decision.id,
            customer_id=decision.customer_id,
            tier=decision.tier,
            justification=decision.justification,
            decided_by=decision.decided_by,
            decide_time=decision.decide_time,
            expire_time=decision.expire_time,
            end_time=None,
            end_reason="",
        )
    )


async def active_decisions(conn: AsyncConnection, ids: Sequence[str]) -> dict[str, ManualDecision]:
    query = sa.select(manual_tier_decisions).where(
        manual_tier_decisions.c.customer_id.in_(ids), manual_tier_decisions.c.end_time.is_(None)
    )
    return {row.customer_id: _decision(row) for row in await conn.execute(query)}


async def active_decision(conn: AsyncConnection, customer_id: str) -> ManualDecision | None:
    return (await active_decisions(conn, [customer_id])).get(customer_id)


async def decisions_of(conn: AsyncConnection, customer_id: str) -> list[ManualDecision]:
    query = (
        sa.select(manual_tier_decisions)
        .where(manual_tier_decisions.c.customer_id == customer_id)
        .order_by(manual_tier_decisions.c.decide_time.desc(), manual_tier_decisions.c.id)
    )
    return [_decision(row) for row in await conn.execute(query)]


async def end_decision(
    conn: AsyncConnection, decision_id: str, when: datetime, reason: str
) -> bool:
    result = await conn.execute(
        manual_tier_decisions.update()
        .where(
            manual_tier_decisions.c.id == decision_id, manual_tier_decisions.c.end_time.is_(None)
        )
        .values(end_time=when, end_reason=reason)
    )
    return result.rowcount == 1


# ---------------------------------------------------------------------------------------------
# Configurations and published policies
# ---------------------------------------------------------------------------------------------


async def current_configuration(conn: AsyncConnection, region: str) -> TierConfiguration:
    query = (
        sa.select(tier_configurations)
        .where(tier_configurations.c.region == region)
        .order_by(tier_configurations.c.revision.desc())
        .limit(1)
    )
    row = (await conn.execute(query)).first()
    if row is None:
        return TierConfiguration()
    return TierConfiguration(
        scoring_plugins=tuple(row.scoring_plugins),
        dimension_weights=dict(row.dimension_weights),
        thresholds={tier: score for tier, score in row.thresholds},
        revision=row.revision,
        update_time=row.update_time,
        updated_by=row.updated_by,
    )


async def add_configuration(conn: AsyncConnection, region: str, config: TierConfiguration) -> None:
    """Store a new revision; a concurrent apply of the same revision fails on the key."""
    await conn.execute(
        tier_configurations.insert().values(
            region=region,
            revision=config.revision,
            scoring_plugins=list(config.scoring_plugins),
            dimension_weights=dict(config.dimension_weights),
            thresholds=[[tier, score] for tier, score in config.thresholds.items()],
            update_time=config.update_time,
            updated_by=config.updated_by,
        )
    )


async def published_etags(conn: AsyncConnection) -> dict[str, str]:
    rows = await conn.execute(sa.select(published_tier_policies))
    return {row.tier: row.etag for row in rows}


async def save_published(conn: AsyncConnection, tier: str, etag: str, when: datetime) -> None:
    values = {"tier": tier, "etag": etag, "publish_time": when}
    await conn.execute(upsert(conn, published_tier_policies, values, ["tier"]))


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


# ---------------------------------------------------------------------------------------------
# Portfolio monitoring
# ---------------------------------------------------------------------------------------------


async def scoring_fingerprint(conn: AsyncConnection) -> str | None:
    query = sa.select(scoring_packs.c.fingerprint).where(scoring_packs.c.scope == "installation")
    return (await conn.execute(query)).scalar_one_or_none()


async def save_scoring_fingerprint(
    conn: AsyncConnection, fingerprint: str, packs: list[str], when: datetime
) -> None:
    values = {
        "scope": "installation",
        "fingerprint": fingerprint,
        "packs": packs,
        "change_time": when,
    }
    await conn.execute(upsert(conn, scoring_packs, values, ["scope"]))


async def portfolio_regions(conn: AsyncConnection) -> list[str]:
    query = sa.select(tier_assignments.c.region).distinct().order_by(tier_assignments.c.region)
    return list((await conn.execute(query)).scalars())


async def region_tiers(conn: AsyncConnection, region: str) -> list[tuple[str, str, float]]:
    """(customer id, tier in force, score) of each tiered customer of a region."""
    query = sa.select(
        tier_assignments.c.customer_id, tier_assignments.c.tier, tier_assignments.c.score
    ).where(tier_assignments.c.region == region, tier_assignments.c.tier != "")
    return [tuple(row) for row in await conn.execute(query)]


async def changes_since(
    conn: AsyncConnection, region: str, since: datetime | None
) -> list[TierChange]:
    query = sa.select(tier_history).where(tier_history.c.region == region)
    if since is not None:
        query = query.where(tier_history.c.change_time > since)
    rows = await conn.execute(query.order_by(tier_history.c.seq))
    return [_change(row) for row in rows]


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
    conn: AsyncConnection, region: str
) -> list[tuple[CustomerFacts, datetime | None]]:
    """A region's live customers with the time of their last strategy review, if any."""
    query = (
        sa.select(customer_facts, customer_reviews.c.review_time)
        .outerjoin(customer_reviews, customer_reviews.c.customer_id == customer_facts.c.customer_id)
        .where(customer_facts.c.region == region, customer_facts.c.delete_time.is_(None))
        .order_by(customer_facts.c.customer_id)
    )
    return [(_facts(row), row.review_time) for row in await conn.execute(query)]


# ---------------------------------------------------------------------------------------------
# Insight analyses and service strategies
# ---------------------------------------------------------------------------------------------


def _analysis(row: sa.Row) -> AnalysisVersion:
    return AnalysisVersion(
        row.customer_id,
        row.kind,
        row.version,
        row.content,
        row.etag,
        row.update_time,
        row.updated_by,
    )


async def analysis_versions(
    conn: AsyncConnection, customer_id: str, kind: str, before: int | None, limit: int
) -> list[AnalysisVersion]:
    """Versions of an analysis, newest first (older than `before` when given)."""
    query = sa.select(insight_analyses).where(
        insight_analyses.c.customer_id == customer_id, insight_analyses.c.kind == kind
    )
    if before is not None:
        query = query.where(insight_analyses.c.version < before)
    query = query.order_by(insight_analyses.c.version.desc()).limit(limit)
    return [_analysis(row) for row in await conn.execute(query)]


async def analysis_version(
    conn: AsyncConnection, customer_id: str, kind: str, version: int
) -> AnalysisVersion | None:
    query = sa.select(insight_analyses).where(
        insight_analyses.c.customer_id == customer_id,
        insight_analyses.c.kind == kind,
        insight_analyses.c.version == version,
    )
    row = (await conn.execute(query)).first()
    return _analysis(row) if row else None


async def add_analysis(conn: AsyncConnection, a: AnalysisVersion) -> None:
    """Insert a version; two writers of the same version collide on the primary key."""
    await conn.execute(
        insight_analyses.insert().values(
            customer_id=a.customer_id,
            kind=a.kind,
            version=a.version,
            content=dict(a.content),
            etag=a.etag,
            update_time=a.update_time,
            updated_by=a.updated_by,
        )
    )


async def get_strategy(conn: AsyncConnection, customer_id: str) -> ServiceStrategy | None:
    query = sa.select(service_strategies).where(service_strategies.c.customer_id == customer_id)
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    c = row.content
    return ServiceStrategy(
        customer_id=customer_id,
        customer_demands=tuple(c["customer_demands"]),
        why_customer_chooses_us=c["why_customer_chooses_us"],
        core_values=tuple(c["core_values"]),
        strategic_control_points=tuple(c["strategic_control_points"]),
        solutions=tuple(ServiceSolution(**item) for item in c["solutions"]),
        version=row.version,
        etag=row.etag,
        update_time=row.update_time,
        updated_by=row.updated_by,
    )


async def save_strategy(conn: AsyncConnection, s: ServiceStrategy) -> None:
    content = {
        "customer_demands": list(s.customer_demands),
        "why_customer_chooses_us": s.why_customer_chooses_us,
        "core_values": list(s.core_values),
        "strategic_control_points": list(s.strategic_control_points),
        "solutions": [asdict(item) for item in s.solutions],
    }
    values = {
        "customer_id": s.customer_id,
        "version": s.version,
        "content": content,
        "etag": s.etag,
        "update_time": s.update_time,
        "updated_by": s.updated_by,
    }
    await conn.execute(upsert(conn, service_strategies, values, ["customer_id"]))


# ---------------------------------------------------------------------------------------------
# Information products
# ---------------------------------------------------------------------------------------------


def _product(row: sa.Row) -> InformationProduct:
    commission = row.commission
    return InformationProduct(
        id=row.id,
        customer_id=row.customer_id,
        region=row.region,
        kind=ProductKind(row.kind),
        title=row.title,
        body=row.body,
        commission=Commission(commission["department"], tuple(commission["grantees"]))
        if commission
        else None,
        author=row.author,
        create_time=row.create_time,
    )


async def add_product(conn: AsyncConnection, p: InformationProduct) -> None:
    await conn.execute(
        information_products.insert().values(
            id=p.id,
            customer_id=p.customer_id,
            region=p.region,
            kind=p.kind.value,
            title=p.title,
            body=p.body,
            commission=asdict(p.commission) if p.commission else None,
            author=p.author,
            create_time=p.create_time,
        )
    )


async def get_product(
    conn: AsyncConnection, customer_id: str, product_id: str
) -> InformationProduct | None:
    query = sa.select(information_products).where(
        information_products.c.id == product_id,
        information_products.c.customer_id == customer_id,
    )
    row = (await conn.execute(query)).first()
    return _product(row) if row else None


async def products_of(conn: AsyncConnection, customer_id: str) -> list[InformationProduct]:
    query = (
        sa.select(information_products)
        .where(information_products.c.customer_id == customer_id)
        .order_by(information_products.c.create_time.desc(), information_products.c.id)
    )
    return [_product(row) for row in await conn.execute(query)]


async def tier_counts(conn: AsyncConnection, region: str) -> dict[str, int]:
    """Customers per tier in force in a region (customers without a tier are not counted)."""
    count = sa.func.count()
    query = (
        sa.select(tier_assignments.c.tier, count)
        .where(tier_assignments.c.region == region, tier_assignments.c.tier != "")
        .group_by(tier_assignments.c.tier)
    )
    return {tier: number for tier, number in (await conn.execute(query)).all()}


async def tier_migrations(
    conn: AsyncConnection, region: str, start: datetime, end: datetime
) -> list[tuple[str, str, int]]:
    """(from tier, to tier, customers) of the tier changes in a region in [start, end)."""
    h = tier_history.c
    query = (
        sa.select(h.previous_tier, h.tier, sa.func.count())
        .where(h.region == region, h.change_time >= start, h.change_time < end)
        .group_by(h.previous_tier, h.tier)
        .order_by(h.previous_tier, h.tier)
    )
    return [tuple(row) for row in (await conn.execute(query)).all()]
