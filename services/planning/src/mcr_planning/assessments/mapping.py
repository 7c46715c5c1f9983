"""Proto <-> domain for assessments."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import timestamp

from mcr_planning.assessments.domain import AssessmentRecord, DerivedLevel, SupportOverride

# --- assessments -----------------------------------------------------------------------------


def assessment_to_proto(row: AssessmentRecord) -> pb.Assessment:
    return pb.Assessment(
        name=f"{row.person}/assessments/{row.id}",
        dimensions=row.dimensions,
        level=row.level,
        evidence_key_events=row.evidence,
        competitor_support=row.competitor_support,
        note=row.note,
        assessed_by=employee(row.assessed_by),
        assess_time=timestamp(row.assess_time),
        spot_check=row.spot_check,
    )


def derived_support_to_proto(
    name: str, levels: list[tuple[DerivedLevel, SupportOverride | None]], plugin: str
) -> pb.DerivedSupport:
    return pb.DerivedSupport(
        name=name,
        derived_by=plugin,
        levels=[_dimension_level(level, override) for level, override in levels],
    )


def _dimension_level(level: DerivedLevel, override: SupportOverride | None):
    return pb.DerivedDimensionLevel(
        dimension=level.dimension,
        level=override.level if override else level.level,
        derived_level=level.level,
        citations=[
            pb.EvidenceCitation(
                key_event=c.key_event,
                occur_time=timestamp(c.occur_time),
                impact=c.impact,
                weight=c.weight,
            )
            for c in level.citations
        ],
        override=override_to_proto(override) if override else None,
    )


def override_to_proto(o: SupportOverride) -> pb.SupportOverride:
    return pb.SupportOverride(
        dimension=o.dimension,
        level=o.level,
        justification=o.justification,
        author=employee(o.author),
        create_time=timestamp(o.create_time),
        expire_time=timestamp(o.expire_time),
    )
