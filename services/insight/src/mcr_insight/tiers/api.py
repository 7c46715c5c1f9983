"""The tiers area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument
from mcr_core.protobuf import from_timestamp

from mcr_insight.tiers.domain import ASSIGNMENT, TierConfiguration, tier_from_policy_name
from mcr_insight.tiers.mapping import (
    assignment_to_proto,
    change_to_proto,
    component_to_proto,
    configuration_from_proto,
    configuration_to_proto,
    decision_to_proto,
    evaluation_to_proto,
    ladder_to_proto,
    policy_to_proto,
)
from mcr_insight.tiers.service import Portfolio, TierAssignments, TierPolicies


class TierServicer:
    """Tiers: assignments, explanations, manual decisions, the portfolio and policies."""

    def __init__(
        self, assignments: TierAssignments, portfolio: Portfolio, policies: TierPolicies
    ) -> None:
        self.assignments = assignments
        self.portfolio = portfolio
        self.policies = policies

    async def _assignment(self, assignment):
        decision = await self.assignments.active_decision(assignment.customer_id)
        return assignment_to_proto(assignment, decision)

    async def GetTierAssignment(self, request: pb.GetTierAssignmentRequest, context):
        customer_id = names.parse_one(request.name, ASSIGNMENT, "name")
        return await self._assignment(await self.assignments.get(current_principal(), customer_id))

    async def ListTierAssignments(self, request: pb.ListTierAssignmentsRequest, context):
        page, token = await self.assignments.list(
            current_principal(), request.filter, request.page_token, request.page_size
        )
        return pb.ListTierAssignmentsResponse(
            tier_assignments=[assignment_to_proto(a) for a in page], next_page_token=token
        )

    async def ListTierHistory(self, request: pb.ListTierHistoryRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        entries, token = await self.assignments.history(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListTierHistoryResponse(
            entries=[change_to_proto(e) for e in entries], next_page_token=token
        )

    async def ExplainTier(self, request: pb.ExplainTierRequest, context):
        customer_id = names.parse_one(request.name, ASSIGNMENT, "name")
        explanation = await self.assignments.explain(current_principal(), customer_id)
        assignment = explanation.assignment
        active = next((d for d in explanation.decisions if d.end_time is None), None)
        facts = explanation.facts
        return pb.ExplainTierResponse(
            tier_assignment=assignment_to_proto(assignment, active),
            components=[component_to_proto(c) for c in assignment.components],
            tiers=ladder_to_proto(explanation.ladder),
            assigned_by_plugin=assignment.assigned_by,
            plugin_failures=[
                pb.PluginFailure(plugin=f.plugin, hook=f.hook, reason=f.reason, customer_count=1)
                for f in assignment.failures
            ],
            manual_decisions=[decision_to_proto(d) for d in explanation.decisions],
            metrics={code: _metric_text(v) for code, v in (facts.metrics if facts else {}).items()},
            industry=facts.industry if facts else "",
            ownership_type=(facts.ownership_type if facts else "") or "unspecified",
        )

    async def SetManualTier(self, request: pb.SetManualTierRequest, context):
        customer_id = names.parse_one(request.name, ASSIGNMENT, "name")
        expire_time = (
            from_timestamp(request.expire_time) if request.HasField("expire_time") else None
        )
        assignment = await self.assignments.set_manual(
            current_principal(), customer_id, request.tier, request.justification, expire_time
        )
        return await self._assignment(assignment)

    async def ClearManualTier(self, request: pb.ClearManualTierRequest, context):
        customer_id = names.parse_one(request.name, ASSIGNMENT, "name")
        assignment = await self.assignments.clear_manual(
            current_principal(), customer_id, request.reason
        )
        return await self._assignment(assignment)

    async def RescorePortfolio(self, request: pb.RescorePortfolioRequest, context):
        evaluation = await self.portfolio.rescore(
            current_principal(), request.max_customers_per_migration
        )
        return evaluation_to_proto(evaluation)

    async def GetTierConfiguration(self, request: pb.GetTierConfigurationRequest, context):
        return configuration_to_proto(await self.portfolio.configuration(current_principal()))

    async def EvaluateTierConfiguration(
        self, request: pb.EvaluateTierConfigurationRequest, context
    ):
        candidate = _candidate(request)
        evaluation = await self.portfolio.evaluate(
            current_principal(),
            candidate,
            request.max_customers_per_migration,
            tuple(request.packs),
        )
        return evaluation_to_proto(evaluation)

    async def ApplyTierConfiguration(self, request: pb.ApplyTierConfigurationRequest, context):
        candidate = _candidate(request)
        evaluation = await self.portfolio.apply(
            current_principal(),
            candidate,
            request.expected_revision,
            request.max_customers_per_migration,
        )
        return evaluation_to_proto(evaluation)

    async def ListTierDefinitions(self, request: pb.ListTierDefinitionsRequest, context):
        ladder = await self.portfolio.tier_definitions(current_principal())
        return pb.ListTierDefinitionsResponse(tiers=ladder_to_proto(ladder))

    async def GetTierPolicy(self, request: pb.GetTierPolicyRequest, context):
        found = await self.policies.policy(tier_from_policy_name(request.name))
        return policy_to_proto(found.policy, found.plugin, found.etag)

    async def ListTierPolicies(self, request: pb.ListTierPoliciesRequest, context):
        found = await self.policies.all()
        return pb.ListTierPoliciesResponse(
            tier_policies=[policy_to_proto(p.policy, p.plugin, p.etag) for p in found]
        )


def _candidate(request) -> TierConfiguration:
    if not request.HasField("configuration"):
        raise InvalidArgument.field("configuration", "is required")
    return configuration_from_proto(request.configuration)


def _metric_text(value) -> str:
    """A metric as the profile recorded it ("true"/"false" for a boolean)."""
    return str(value).lower() if isinstance(value, bool) else str(value)
