"""Competitor analyses."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.competitors.domain import CompetitorAnalysis
from mcr_planning.store import first, metadata, record

competitor_analyses = sa.Table(
    "competitor_analyses",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("competitor", sa.String(64), primary_key=True),
    sa.Column("answers", sa.JSON(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)


async def get_analysis(
    conn: AsyncConnection, customer_id: str, competitor: str
) -> CompetitorAnalysis | None:
    c = competitor_analyses.c
    query = sa.select(competitor_analyses).where(
        c.customer_id == customer_id, c.competitor == competitor
    )
    row = await first(conn, query)
    return record(CompetitorAnalysis, row) if row else None


async def save_analysis(conn: AsyncConnection, analysis: CompetitorAnalysis) -> None:
    values = asdict(analysis) | {"answers": dict(analysis.answers)}
    await conn.execute(upsert(conn, competitor_analyses, values, ["customer_id", "competitor"]))
