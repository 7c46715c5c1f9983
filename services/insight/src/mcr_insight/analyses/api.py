"""The analyses area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_insight.analyses.domain import ANALYSIS_KINDS, analysis_name_parts
from mcr_insight.analyses.mapping import (
    analysis_content_from_proto,
    analysis_to_proto,
    strategy_from_proto,
    strategy_to_proto,
)
from mcr_insight.analyses.service import Analyses, ServiceStrategies


class AnalysisServicer:
    """Insight analyses and service strategies."""

    def __init__(self, analyses: Analyses, strategies: ServiceStrategies) -> None:
        self.analyses = analyses
        self.strategies = strategies

    async def GetInsightAnalysis(self, request: pb.GetInsightAnalysisRequest, context):
        customer_id, kind = analysis_name_parts(request.name)
        if request.version < 0:
            raise InvalidArgument.field("version", "must not be negative")
        found = await self.analyses.analysis(
            current_principal(), customer_id, kind, request.version
        )
        return analysis_to_proto(found)

    async def UpdateInsightAnalysis(self, request: pb.UpdateInsightAnalysisRequest, context):
        message = request.insight_analysis
        customer_id, kind = analysis_name_parts(message.name, "insight_analysis.name")
        field, content = analysis_content_from_proto(message)
        expected = ANALYSIS_KINDS[kind]
        if field != expected:
            raise InvalidArgument.field(
                f"insight_analysis.{expected}", f"an analysis of kind {kind} holds {expected}"
            )
        found = await self.analyses.update_analysis(
            current_principal(), customer_id, kind, content, message.etag
        )
        return analysis_to_proto(found)

    async def ListInsightAnalysisVersions(
        self, request: pb.ListInsightAnalysisVersionsRequest, context
    ):
        customer_id, kind = analysis_name_parts(request.name)
        page, token = await self.analyses.analysis_history(
            current_principal(), customer_id, kind, request.page_token, request.page_size
        )
        return pb.ListInsightAnalysisVersionsResponse(
            insight_analyses=[analysis_to_proto(a) for a in page], next_page_token=token
        )

    async def GetServiceStrategy(self, request: pb.GetServiceStrategyRequest, context):
        customer_id = names.parse_one(request.name, "customers/{}/serviceStrategy", "name")
        return strategy_to_proto(await self.strategies.strategy(current_principal(), customer_id))

    async def UpdateServiceStrategy(self, request: pb.UpdateServiceStrategyRequest, context):
        message = request.service_strategy
        customer_id = names.parse_one(
            message.name, "customers/{}/serviceStrategy", "service_strategy.name"
        )
        updated = await self.strategies.update_strategy(
            current_principal(), customer_id, strategy_from_proto(message), message.etag
        )
        return strategy_to_proto(updated)
