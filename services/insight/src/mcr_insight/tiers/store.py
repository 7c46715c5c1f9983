"""The tiers' tables and queries: assignments, their history, manual decisions, each region's
configurations, the published policies and the scoring packs last used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from mcr_core.auth import Scope
from mcr_core.listing import Comparison
from mcr_core.storage import UtcDateTime, upsert
from mcr_core.storage.types import BigSerial
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import PluginFailureRecord
from mcr_insight.store import metadata, visible_clause
from mcr_insight.tiers.domain import (
    AttributedComponent,
    ManualDecision,
    ScoreComponent,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierSource,
    ValueHorizon,
    ValueVisibility,
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

FILTER_COLUMNS = {
    "tier": tier_assignments.c.tier,
    "computed_tier": tier_assignments.c.computed_tier,
    "source": tier_assignments.c.source,
}


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
    query = sa.select(tier_assignments).where(
        tier_assignments.c.region == scope.region,
        visible_clause(scope, tier_assignments.c.customer_id),
    )
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
