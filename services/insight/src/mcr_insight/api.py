"""Insight's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_insight import domain, mapping
from mcr_insight.service import Insight


class InsightServicer(pb_grpc.InsightServiceServicer):
    def __init__(self, insight: Insight) -> None:
        self.insight = insight

    async def _assignment(self, assignment):
        decision = await self.insight.active_decision(assignment.customer_id)
        return mapping.assignment_to_proto(assignment, decision)

    async def GetTierAssignment(self, request: pb.GetTierAssignmentRequest, context):
        customer_id = domain.customer_id_from_assignment(request.name)
        return await self._assignment(await self.insight.get(current_principal(), customer_id))

    async def ListTierAssignments(self, request: pb.ListTierAssignmentsRequest, context):
        page, token = await self.insight.list(
            current_principal(), request.filter, request.page_token, request.page_size
        )
        return pb.ListTierAssignmentsResponse(
            tier_assignments=[mapping.assignment_to_proto(a) for a in page], next_page_token=token
        )

    async def ListTierHistory(self, request: pb.ListTierHistoryRequest, context):
        customer_id = domain.customer_id_from_name(request.parent, "parent")
        entries, token = await self.insight.history(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListTierHistoryResponse(
            entries=[mapping.change_to_proto(e) for e in entries], next_page_token=token
        )

    async def ExplainTier(self, request: pb.ExplainTierRequest, context):
        customer_id = domain.customer_id_from_assignment(request.name)
        explanation = await self.insight.explain(current_principal(), customer_id)
        assignment = explanation.assignment
        active = next((d for d in explanation.decisions if d.end_time is None), None)
        return pb.ExplainTierResponse(
            tier_assignment=mapping.assignment_to_proto(assignment, active),
            components=[mapping.component_to_proto(c) for c in assignment.components],
            tiers=mapping.ladder_to_proto(explanation.ladder),
            assigned_by_plugin=assignment.assigned_by,
            plugin_failures=[
                pb.PluginFailure(plugin=f.plugin, hook=f.hook, reason=f.reason, customer_count=1)
                for f in assignment.failures
            ],
            manual_decisions=[mapping.decision_to_proto(d) for d in explanation.decisions],
        )

    async def SetManualTier(self, request: pb.SetManualTierRequest, context):
        customer_id = domain.customer_id_from_assignment(request.name)
        expire_time = (
            mapping.from_timestamp(request.expire_time) if request.HasField("expire_time") else None
        )
        assignment = await self.insight.set_manual(
            current_principal(), customer_id, request.tier, request.justification, expire_time
        )
        return await self._assignment(assignment)

    async def ClearManualTier(self, request: pb.ClearManualTierRequest, context):
        customer_id = domain.customer_id_from_assignment(request.name)
        assignment = await self.insight.clear_manual(
            current_principal(), customer_id, request.reason
        )
        return await self._assignment(assignment)

    async def RescorePortfolio(self, request: pb.RescorePortfolioRequest, context):
        evaluation = await self.insight.rescore(
            current_principal(), request.max_customers_per_migration
        )
        return mapping.evaluation_to_proto(evaluation)

    async def GetTierConfiguration(self, request: pb.GetTierConfigurationRequest, context):
        return mapping.configuration_to_proto(await self.insight.configuration(current_principal()))

    async def EvaluateTierConfiguration(
        self, request: pb.EvaluateTierConfigurationRequest, context
    ):
        candidate = _candidate(request)
        evaluation = await self.insight.evaluate(
            current_principal(),
            candidate,
            request.max_customers_per_migration,
            tuple(request.packs),
        )
        return mapping.evaluation_to_proto(evaluation)

    async def ApplyTierConfiguration(self, request: pb.ApplyTierConfigurationRequest, context):
        candidate = _candidate(request)
        evaluation = await self.insight.apply(
            current_principal(),
            candidate,
            request.expected_revision,
            request.max_customers_per_migration,
        )
        return mapping.evaluation_to_proto(evaluation)

    async def ListTierDefinitions(self, request: pb.ListTierDefinitionsRequest, context):
        ladder = await self.insight.tier_definitions(current_principal())
        return pb.ListTierDefinitionsResponse(tiers=mapping.ladder_to_proto(ladder))

    async def GetTierPolicy(self, request: pb.GetTierPolicyRequest, context):
        found = await self.insight.policy(domain.tier_from_policy_name(request.name))
        return mapping.policy_to_proto(found.policy, found.plugin, found.etag)

    async def ListTierPolicies(self, request: pb.ListTierPoliciesRequest, context):
        found = await self.insight.policies()
        return pb.ListTierPoliciesResponse(
            tier_policies=[mapping.policy_to_proto(p.policy, p.plugin, p.etag) for p in found]
        )

    async def ComputeMigrationClv(self, request: pb.ComputeMigrationClvRequest, context):
        values = domain.migration_clv(
            list(request.brands),
            list(request.initial_shares_percent),
            [list(row.probabilities) for row in request.transition_matrix],
            request.contribution_per_purchase,
            request.purchases_per_period,
            request.discount_rate,
            request.horizon_periods,
        )
        return pb.ComputeMigrationClvResponse(
            brand_values=[mapping.brand_clv_to_proto(v) for v in values]
        )

    async def ComputeRetentionClv(self, request: pb.ComputeRetentionClvRequest, context):
        value, terms = domain.retention_clv(
            request.contribution_per_period,
            request.retention_rate,
            request.discount_rate,
            request.horizon_periods,
            request.acquisition_cost,
        )
        return pb.ComputeRetentionClvResponse(lifetime_value=value, discounted_contributions=terms)

    async def ClassifyProfitQuadrants(self, request: pb.ClassifyProfitQuadrantsRequest, context):
        return pb.ClassifyProfitQuadrantsResponse(
            classifications=[
                mapping.quadrant_to_proto(
                    c.customer,
                    domain.profit_quadrant(
                        c.current_profit,
                        c.future_profit,
                        request.current_profit_threshold,
                        request.future_profit_threshold,
                        f"customers[{index}]",
                    ),
                )
                for index, c in enumerate(request.customers)
            ]
        )

    # -- the strategic sandbox ----------------------------------------------------------------

    async def GetStrategicSandbox(self, request: pb.GetStrategicSandboxRequest, context):
        customer_id = domain.customer_id_from_child(request.name, "strategicSandbox")
        sandbox = await self.insight.sandbox(current_principal(), customer_id)
        return mapping.sandbox_to_proto(sandbox)

    async def UpdateStrategicSandbox(self, request: pb.UpdateStrategicSandboxRequest, context):
        message = request.strategic_sandbox
        customer_id = domain.customer_id_from_child(
            message.name, "strategicSandbox", "strategic_sandbox.name"
        )
        sandbox = await self.insight.update_sandbox(
            current_principal(), customer_id, mapping.segments_from_proto(message), message.etag
        )
        return mapping.sandbox_to_proto(sandbox)

    async def CreateOpportunity(self, request: pb.CreateOpportunityRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        opportunity = await self.insight.propose(
            current_principal(),
            customer_id,
            mapping.opportunity_from_proto(request.opportunity),
            request.request_id,
        )
        weights, _ = await self.insight.ranking_weights()
        return mapping.opportunity_to_proto(
            opportunity, domain.attractiveness(opportunity.ratings, weights)
        )

    async def ListOpportunities(self, request: pb.ListOpportunitiesRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        page, token, (weights, plugin) = await self.insight.opportunities(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListOpportunitiesResponse(
            opportunities=[mapping.opportunity_to_proto(o, score) for o, score in page],
            next_page_token=token,
            weights=mapping.weights_to_proto(weights, plugin),
        )

    async def SelectOpportunity(self, request: pb.SelectOpportunityRequest, context):
        customer_id, opportunity_id = domain.ids_from_child_name(request.name, "opportunities")
        if not request.HasField("market_target"):
            raise InvalidArgument.field("market_target", "is required")
        opportunity = await self.insight.select(
            current_principal(),
            customer_id,
            opportunity_id,
            mapping.market_target_from_proto(request.market_target),
        )
        weights, _ = await self.insight.ranking_weights()
        return mapping.opportunity_to_proto(
            opportunity, domain.attractiveness(opportunity.ratings, weights)
        )

    async def CompleteAnnualInsight(self, request: pb.CompleteAnnualInsightRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        record = await self.insight.complete_annual_insight(
            current_principal(), customer_id, request.year
        )
        return mapping.annual_insight_to_proto(record)

    # -- portfolio monitoring ------------------------------------------------------------------

    async def TakePortfolioSnapshot(self, request: pb.TakePortfolioSnapshotRequest, context):
        return mapping.snapshot_to_proto(await self.insight.take_snapshot(current_principal()))

    async def ListPortfolioSnapshots(self, request: pb.ListPortfolioSnapshotsRequest, context):
        page, token = await self.insight.snapshots(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListPortfolioSnapshotsResponse(
            portfolio_snapshots=[mapping.snapshot_to_proto(s) for s in page],
            next_page_token=token,
        )

    async def ListRetrospectiveTasks(self, request: pb.ListRetrospectiveTasksRequest, context):
        tasks = await self.insight.retrospectives(current_principal())
        return pb.ListRetrospectiveTasksResponse(
            retrospective_tasks=[mapping.retrospective_to_proto(t) for t in tasks]
        )

    async def GetValueReturnCurve(self, request: pb.GetValueReturnCurveRequest, context):
        customer_id = domain.customer_id_from_child(request.name, "valueReturnCurve")
        found = await self.insight.value_return(current_principal(), customer_id)
        return mapping.curve_to_proto(*found)

    async def UpdateValueReturnCurve(self, request: pb.UpdateValueReturnCurveRequest, context):
        message = request.value_return_curve
        customer_id = domain.customer_id_from_child(
            message.name, "valueReturnCurve", "value_return_curve.name"
        )
        found = await self.insight.update_curve(
            current_principal(), customer_id, mapping.curve_from_proto(message)
        )
        return mapping.curve_to_proto(*found)

    async def RecordCustomerReview(self, request: pb.RecordCustomerReviewRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        review = await self.insight.record_review(current_principal(), customer_id)
        return mapping.due_review_to_proto(review)

    async def ListDueReviews(self, request: pb.ListDueReviewsRequest, context):
        page, token = await self.insight.due_reviews(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListDueReviewsResponse(
            due_reviews=[mapping.due_review_to_proto(r) for r in page], next_page_token=token
        )

    async def GetIndustryApplicability(self, request: pb.GetIndustryApplicabilityRequest, context):
        customer_id = domain.customer_id_from_child(request.name, "industryApplicability")
        facts, found, plugin = await self.insight.applicability(current_principal(), customer_id)
        return mapping.applicability_to_proto(facts, found, plugin)

    # -- insight analyses and service strategies ----------------------------------------------

    async def GetInsightAnalysis(self, request: pb.GetInsightAnalysisRequest, context):
        customer_id, kind = domain.analysis_name_parts(request.name)
        if request.version < 0:
            raise InvalidArgument.field("version", "must not be negative")
        found = await self.insight.analysis(current_principal(), customer_id, kind, request.version)
        return mapping.analysis_to_proto(found)

    async def UpdateInsightAnalysis(self, request: pb.UpdateInsightAnalysisRequest, context):
        message = request.insight_analysis
        customer_id, kind = domain.analysis_name_parts(message.name, "insight_analysis.name")
        field, content = mapping.analysis_content_from_proto(message)
        expected = domain.ANALYSIS_KINDS[kind]
        if field != expected:
            raise InvalidArgument.field(
                f"insight_analysis.{expected}", f"an analysis of kind {kind} holds {expected}"
            )
        found = await self.insight.update_analysis(
            current_principal(), customer_id, kind, content, message.etag
        )
        return mapping.analysis_to_proto(found)

    async def ListInsightAnalysisVersions(
        self, request: pb.ListInsightAnalysisVersionsRequest, context
    ):
        customer_id, kind = domain.analysis_name_parts(request.name)
        page, token = await self.insight.analysis_history(
            current_principal(), customer_id, kind, request.page_token, request.page_size
        )
        return pb.ListInsightAnalysisVersionsResponse(
            insight_analyses=[mapping.analysis_to_proto(a) for a in page], next_page_token=token
        )

    async def GetServiceStrategy(self, request: pb.GetServiceStrategyRequest, context):
        customer_id = domain.customer_id_from_child(request.name, "serviceStrategy")
        return mapping.strategy_to_proto(
            await self.insight.strategy(current_principal(), customer_id)
        )

    async def UpdateServiceStrategy(self, request: pb.UpdateServiceStrategyRequest, context):
        message = request.service_strategy
        customer_id = domain.customer_id_from_child(
            message.name, "serviceStrategy", "service_strategy.name"
        )
        updated = await self.insight.update_strategy(
            current_principal(), customer_id, mapping.strategy_from_proto(message), message.etag
        )
        return mapping.strategy_to_proto(updated)

    # -- information products ------------------------------------------------------------------

    async def CreateInformationProduct(self, request: pb.CreateInformationProductRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        product = await self.insight.write_product(
            current_principal(),
            customer_id,
            *mapping.product_from_proto(request.information_product),
        )
        return mapping.product_to_proto(product)

    async def GetInformationProduct(self, request: pb.GetInformationProductRequest, context):
        customer_id, product_id = domain.ids_from_child_name(request.name, "informationProducts")
        product = await self.insight.product(current_principal(), customer_id, product_id)
        return mapping.product_to_proto(product)

    async def ListInformationProducts(self, request: pb.ListInformationProductsRequest, context):
        customer_id = domain.customer_id_from_name(request.parent)
        page, token = await self.insight.products(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListInformationProductsResponse(
            information_products=[mapping.product_to_proto(p) for p in page],
            next_page_token=token,
        )


def _candidate(request) -> domain.TierConfiguration:
    if not request.HasField("configuration"):
        raise InvalidArgument.field("configuration", "is required")
    return mapping.configuration_from_proto(request.configuration)
