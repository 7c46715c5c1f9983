"""Proto <-> domain for assessments."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import timestamp

from mcr_planning.assessments.domain import AssessmentRecord, DerivedLevel

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
    name: str, levels: list[DerivedLevel], plugin: str
) -> pb.DerivedSupport:
    return pb.DerivedSupport(
        name=name,
        derived_by=plugin,
        levels=[
            pb.DerivedDimensionLevel(
                dimension=level.dimension,
                level=level.level,
                citations=[
                    pb.EvidenceCitation(
                        key_event=c.key_event,
                        occur_time=timestamp(c.occur_time),
                        impact=c.impact,
                        weight=c.weight,
                    )
                    for c in level.citations
                ],
            )
            for level in levels
        ],
    )
