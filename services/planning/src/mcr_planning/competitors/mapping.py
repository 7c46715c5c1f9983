"""Proto <-> domain for competitor analyses."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.protobuf import timestamp

from mcr_planning.competitors.domain import CompetitorAnalysis


def competitor_to_proto(row: CompetitorAnalysis, unanswered: list[str]) -> pb.CompetitorAnalysis:
    return pb.CompetitorAnalysis(
        name=f"customers/{row.customer_id}/competitorAnalyses/{row.competitor}",
        answers=row.answers,
        unanswered=unanswered,
        update_time=timestamp(row.update_time),
    )
