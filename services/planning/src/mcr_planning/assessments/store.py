"""Assessments and the key events recorded as their evidence."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime, upsert
from mcr_core.storage.types import BigSerial
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.assessments.domain import AssessmentRecord, Evidence, SupportOverride
from mcr_planning.store import first, metadata, record, records, rows

key_events = sa.Table(
    "key_events",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("dimension", sa.String(32), nullable=False),
    sa.Column("impact", sa.Integer(), nullable=False),
    sa.Column("occur_time", UtcDateTime(), nullable=False),
)

assessments = sa.Table(
    "assessments",
    metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("dimensions", sa.JSON(), nullable=False),
    sa.Column("level", sa.Integer(), nullable=False),
    sa.Column("evidence", sa.JSON(), nullable=False),
    sa.Column("competitor_support", sa.JSON(), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("assessed_by", sa.String(128), nullable=False),
    sa.Column("assess_time", UtcDateTime(), nullable=False),
    sa.Column("spot_check", sa.String(16), nullable=False),
)


async def evidence_of(conn: AsyncConnection, person: str) -> list[Evidence]:
    """Every key event recorded for a person, as evidence."""
    k = key_events.c
    query = sa.select(k.name, k.dimension, k.impact, k.occur_time).where(k.person == person)
    return [Evidence(*row) for row in await rows(conn, query.order_by(k.occur_time, k.name))]


async def key_events_of(conn: AsyncConnection, person: str) -> set[str]:
    """The names of the key events recorded for a person."""
    query = sa.select(key_events.c.name).where(key_events.c.person == person)
    return set((await conn.execute(query)).scalars())


async def save_key_event(
    conn: AsyncConnection,
    name: str,
    customer_id: str,
    person: str,
    dimension: str,
    impact: int,
    when: datetime,
) -> None:
    values = {
        "name": name,
        "customer_id": customer_id,
        "person": person,
        "dimension": dimension,
        "impact": impact,
        "occur_time": when,
    }
    await conn.execute(upsert(conn, key_events, values, ["name"]))


async def add_assessment(conn: AsyncConnection, assessment: AssessmentRecord) -> None:
    values = asdict(assessment) | {
        "dimensions": dict(assessment.dimensions),
        "evidence": list(assessment.evidence),
        "competitor_support": dict(assessment.competitor_support),
    }
    await conn.execute(assessments.insert().values(values))


async def get_assessment(conn: AsyncConnection, assessment_id: str) -> AssessmentRecord | None:
    row = await first(conn, sa.select(assessments).where(assessments.c.id == assessment_id))
    return record(AssessmentRecord, row) if row else None


async def assessments_of(conn: AsyncConnection, person: str) -> list[AssessmentRecord]:
    a = assessments.c
    query = sa.select(assessments).where(a.person == person).order_by(a.seq.desc())
    return await records(conn, AssessmentRecord, query)


async def set_spot_check(conn: AsyncConnection, assessment_id: str, result: str) -> None:
    a = assessments
    await conn.execute(a.update().where(a.c.id == assessment_id).values(spot_check=result))


support_overrides = sa.Table(
    "support_overrides",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("dimension", sa.String(32), nullable=False),
    sa.Column("level", sa.Integer(), nullable=False),
    sa.Column("justification", sa.Text(), nullable=False),
    sa.Column("author", sa.String(128), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("expire_time", UtcDateTime(), nullable=False),
)


async def add_override(conn: AsyncConnection, override: SupportOverride) -> None:
    await conn.execute(support_overrides.insert().values(asdict(override)))


async def overrides_of(conn: AsyncConnection, person: str) -> list[SupportOverride]:
    """Every override of a person, kept after it expires (the record of who said what)."""
    o = support_overrides.c
    query = sa.select(support_overrides).where(o.person == person).order_by(o.create_time)
    return await records(conn, SupportOverride, query)
