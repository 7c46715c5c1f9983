"""The tables and queries of insight analyses (append-only versions) and service strategies."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.analyses.domain import AnalysisVersion, ServiceSolution, ServiceStrategy
from mcr_insight.store import metadata

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
