"""The sandbox area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_insight.sandbox.domain import attractiveness
from mcr_insight.sandbox.mapping import (
    annual_insight_to_proto,
    market_target_from_proto,
    opportunity_from_proto,
    opportunity_to_proto,
    sandbox_to_proto,
    segments_from_proto,
    weights_to_proto,
)
from mcr_insight.sandbox.service import Sandbox


class SandboxServicer:
    """The strategic sandbox and its opportunities."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def GetStrategicSandbox(self, request: pb.GetStrategicSandboxRequest, context):
        customer_id = names.parse_one(request.name, "customers/{}/strategicSandbox", "name")
        sandbox = await self.sandbox.sandbox(current_principal(), customer_id)
        return sandbox_to_proto(sandbox)

    async def UpdateStrategicSandbox(self, request: pb.UpdateStrategicSandboxRequest, context):
        message = request.strategic_sandbox
        customer_id = names.parse_one(
            message.name, "customers/{}/strategicSandbox", "strategic_sandbox.name"
        )
        sandbox = await self.sandbox.update_sandbox(
            current_principal(), customer_id, segments_from_proto(message), message.etag
        )
        return sandbox_to_proto(sandbox)

    async def CreateOpportunity(self, request: pb.CreateOpportunityRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        opportunity = await self.sandbox.propose(
            current_principal(),
            customer_id,
            opportunity_from_proto(request.opportunity),
            request.request_id,
        )
        weights, _ = await self.sandbox.ranking_weights()
        return opportunity_to_proto(opportunity, attractiveness(opportunity.ratings, weights))

    async def ListOpportunities(self, request: pb.ListOpportunitiesRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        page, token, (weights, plugin) = await self.sandbox.opportunities(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListOpportunitiesResponse(
            opportunities=[opportunity_to_proto(o, score) for o, score in page],
            next_page_token=token,
            weights=weights_to_proto(weights, plugin),
        )

    async def SelectOpportunity(self, request: pb.SelectOpportunityRequest, context):
        customer_id, opportunity_id = names.parse(
            request.name, "customers/{}/opportunities/{}", "name"
        )
        if not request.HasField("market_target"):
            raise InvalidArgument.field("market_target", "is required")
        opportunity = await self.sandbox.select(
            current_principal(),
            customer_id,
            opportunity_id,
            market_target_from_proto(request.market_target),
        )
        weights, _ = await self.sandbox.ranking_weights()
        return opportunity_to_proto(opportunity, attractiveness(opportunity.ratings, weights))

    async def CompleteAnnualInsight(self, request: pb.CompleteAnnualInsightRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        record = await self.sandbox.complete_annual_insight(
            current_principal(), customer_id, request.year
        )
        return annual_insight_to_proto(record)
