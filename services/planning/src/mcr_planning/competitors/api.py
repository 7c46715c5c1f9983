"""The competitors part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr_core import names
from mcr_core.auth import current_principal

from mcr_planning.competitors.domain import unanswered
from mcr_planning.competitors.mapping import competitor_to_proto
from mcr_planning.competitors.service import Competitors


class CompetitorServicer:
    """Competitor analyses."""

    def __init__(self, competitors: Competitors) -> None:
        self.competitors = competitors

    async def UpdateCompetitorAnalysis(self, request, context):
        a = request.competitor_analysis
        customer_id, competitor = names.parse(
            a.name, "customers/{}/competitorAnalyses/{}", "competitor_analysis.name"
        )
        row = await self.competitors.update_competitor(
            current_principal(), customer_id, competitor, dict(a.answers)
        )
        return competitor_to_proto(row, unanswered(row.answers))

    async def GetCompetitorAnalysis(self, request, context):
        customer_id, competitor = names.parse(
            request.name, "customers/{}/competitorAnalyses/{}", "name"
        )
        row = await self.competitors.get_competitor(current_principal(), customer_id, competitor)
        return competitor_to_proto(row, unanswered(row.answers))
