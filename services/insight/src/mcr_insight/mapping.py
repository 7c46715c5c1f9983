"""Proto <-> domain mapping for insight, shared by the servicer and the events."""

from __future__ import annotations

import copy
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from google.protobuf import json_format
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import customer_pb2 as archive_pb2
from mcr.insight.v1 import (
    analysis_pb2,
    events_pb2,
    monitoring_pb2,
    products_pb2,
    sandbox_pb2,
    tier_pb2,
)
from mcr.insight.v1 import insight_service_pb2 as pb

from mcr_insight.domain import (
    ANALYSIS_KINDS,
    CUSTOMER_PREFIX,
    QUADRANT_ADVICE,
    AnalysisVersion,
    AnnualInsight,
    AttributedComponent,
    BrandClv,
    Commission,
    ConclusionStatus,
    CurveComparison,
    CurvePoint,
    CustomerFacts,
    DueReview,
    IndustryApplicability,
    InformationProduct,
    LostCustomer,
    ManualDecision,
    MarketTarget,
    Opportunity,
    OpportunityHorizon,
    OpportunityRatings,
    OpportunitySource,
    OpportunityState,
    OpportunityWeights,
    PortfolioEvaluation,
    PortfolioSnapshot,
    ProductKind,
    ProductSegment,
    ProfitQuadrant,
    RetierRecommendation,
    RetrospectiveTask,
    ServiceSolution,
    ServiceStrategy,
    StrategicSandbox,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierDefinition,
    TierLadder,
    TierPolicy,
    TierSource,
    ValueHorizon,
    ValueReturnCurve,
    ValueVisibility,
    VendorShare,
    assignment_name,
    conclusions_in,
)

_SOURCE = {
    None: tier_pb2.TIER_SOURCE_UNSPECIFIED,
    TierSource.COMPUTED: tier_pb2.TIER_SOURCE_COMPUTED,
    TierSource.MANUAL: tier_pb2.TIER_SOURCE_MANUAL,
}
_HORIZON = {
    ValueHorizon.CURRENT: tier_pb2.VALUE_HORIZON_CURRENT,
    ValueHorizon.LONG_TERM: tier_pb2.VALUE_HORIZON_LONG_TERM,
}
_VISIBILITY = {
    ValueVisibility.EXPLICIT: tier_pb2.VALUE_VISIBILITY_EXPLICIT,
    ValueVisibility.IMPLICIT: tier_pb2.VALUE_VISIBILITY_IMPLICIT,
}
_QUADRANT = {
    ProfitQuadrant.CHAMPION: pb.PROFIT_QUADRANT_CHAMPION,
    ProfitQuadrant.FUTURE_STAR: pb.PROFIT_QUADRANT_FUTURE_STAR,
    ProfitQuadrant.SHRINK: pb.PROFIT_QUADRANT_SHRINK,
    ProfitQuadrant.CUT: pb.PROFIT_QUADRANT_CUT,
}


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def duration(hours: int = 0, days: int = 0) -> Duration:
    value = Duration()
    value.FromTimedelta(timedelta(hours=hours, days=days))
    return value


def facts_from_proto(customer: archive_pb2.Customer) -> CustomerFacts:
    """The facts insight scores on; the lifecycle state is dropped on purpose (decision 5)."""
    revenue = customer.annual_revenue if customer.HasField("annual_revenue") else None
    return CustomerFacts(
        id=customer.name.removeprefix(CUSTOMER_PREFIX),
        region=customer.region,
        display_name=customer.display_name,
        industry=customer.industry,
        country_code=customer.country_code,
        parent_group_id=customer.parent_group.removeprefix(CUSTOMER_PREFIX) or None,
        revenue_currency=revenue.currency_code if revenue else None,
        revenue_units=revenue.units if revenue else None,
        employee_count=customer.employee_count,
    )


def decision_to_proto(decision: ManualDecision) -> tier_pb2.ManualTierDecision:
    return tier_pb2.ManualTierDecision(
        tier=decision.tier,
        justification=decision.justification,
        decided_by=decision.decided_by,
        decide_time=timestamp(decision.decide_time),
        expire_time=timestamp(decision.expire_time),
        end_time=timestamp(decision.end_time),
        end_reason=decision.end_reason,
    )


def assignment_to_proto(
    a: TierAssignment, decision: ManualDecision | None = None
) -> tier_pb2.TierAssignment:
    return tier_pb2.TierAssignment(
        name=assignment_name(a.customer_id),
        customer=f"{CUSTOMER_PREFIX}{a.customer_id}",
        region=a.region,
        tier=a.tier,
        computed_tier=a.computed_tier,
        value_score=a.score,
        source=_SOURCE[a.source],
        manual_decision=decision_to_proto(decision) if decision else None,
        configuration_revision=a.configuration_revision,
        scoring_incomplete=a.scoring_incomplete,
        tier_change_time=timestamp(a.tier_change_time),
        update_time=timestamp(a.update_time),
    )


def component_to_proto(item: AttributedComponent) -> tier_pb2.ScoreComponent:
    c = item.component
    return tier_pb2.ScoreComponent(
        plugin=item.plugin,
        dimension=c.dimension,
        value=c.value,
        weight=c.weight,
        effective_weight=item.effective_weight,
        horizon=_HORIZON[c.horizon],
        visibility=_VISIBILITY[c.visibility],
        explanation=c.explanation,
    )


def tier_to_proto(tier: TierDefinition, plugin: str) -> tier_pb2.TierDefinition:
    return tier_pb2.TierDefinition(
        code=tier.code,
        display_name=tier.display_name,
        local_name=tier.local_name,
        rank=tier.rank,
        min_score=tier.min_score,
        plugin=plugin,
    )


def ladder_to_proto(ladder: TierLadder) -> list[tier_pb2.TierDefinition]:
    return [tier_to_proto(tier, ladder.plugin) for tier in ladder.tiers]


def policy_to_proto(policy: TierPolicy, plugin: str, etag: str) -> tier_pb2.TierPolicy:
    return tier_pb2.TierPolicy(
        name=f"tierPolicies/{policy.tier}",
        tier=policy.tier,
        plugin=plugin,
        reception_standard=policy.reception_standard,
        commercial_level=policy.commercial_level,
        service_response_time=duration(hours=policy.service_response_hours),
        requirement_priority=policy.requirement_priority,
        supply_priority=policy.supply_priority,
        relationship_obligations=[
            tier_pb2.RelationshipObligation(code=o.code, description=o.description)
            for o in policy.relationship_obligations
        ],
        contact_cadences=[
            tier_pb2.ContactCadence(
                role=c.role,
                interval=duration(days=c.interval_days),
                minimum_contacts=c.minimum_contacts,
            )
            for c in policy.contact_cadences
        ],
        issue_slas=[
            tier_pb2.IssueSla(
                severity=s.severity,
                response_time=duration(hours=s.response_hours),
                resolution_time=duration(hours=s.resolution_hours),
            )
            for s in policy.issue_slas
        ],
        survey_interval=duration(days=policy.survey_interval_days),
        review_interval=duration(days=policy.review_interval_days),
        etag=etag,
    )


def change_to_proto(change: TierChange) -> tier_pb2.TierHistoryEntry:
    return tier_pb2.TierHistoryEntry(
        customer=f"{CUSTOMER_PREFIX}{change.customer_id}",
        previous_tier=change.previous_tier,
        tier=change.tier,
        source=_SOURCE[change.source],
        reason=change.reason,
        value_score=change.score,
        changed_by=change.changed_by,
        change_time=timestamp(change.change_time),
        configuration_revision=change.configuration_revision,
    )


def tier_change_to_event(change: TierChange) -> events_pb2.TierChanged:
    return events_pb2.TierChanged(
        customer=f"{CUSTOMER_PREFIX}{change.customer_id}",
        region=change.region,
        previous_tier=change.previous_tier,
        tier=change.tier,
        source=_SOURCE[change.source],
        reason=change.reason,
        value_score=change.score,
        change_time=timestamp(change.change_time),
    )


def configuration_to_proto(config: TierConfiguration) -> tier_pb2.TierConfiguration:
    return tier_pb2.TierConfiguration(
        scoring_plugins=list(config.scoring_plugins),
        dimension_weights=dict(config.dimension_weights),
        thresholds=[
            tier_pb2.TierThreshold(tier=tier, min_score=score)
            for tier, score in config.thresholds.items()
        ],
        revision=config.revision,
        update_time=timestamp(config.update_time),
        updated_by=config.updated_by,
    )


def configuration_from_proto(message: tier_pb2.TierConfiguration) -> TierConfiguration:
    """The fields a caller may set; a tier named twice keeps its last threshold."""
    return TierConfiguration(
        scoring_plugins=tuple(message.scoring_plugins),
        dimension_weights=dict(message.dimension_weights),
        thresholds={t.tier: t.min_score for t in message.thresholds},
    )


def evaluation_to_proto(evaluation: PortfolioEvaluation) -> pb.PortfolioEvaluation:
    return pb.PortfolioEvaluation(
        configuration=configuration_to_proto(evaluation.configuration),
        customers_evaluated=evaluation.customers_evaluated,
        migrations=[
            pb.TierMigration(
                from_tier=m.from_tier, to_tier=m.to_tier, count=m.count, customers=m.customers
            )
            for m in evaluation.migrations
        ],
        tier_counts=dict(evaluation.tier_counts),
        plugin_failures=[
            pb.PluginFailure(
                plugin=f.plugin,
                hook=f.hook,
                reason=f.reason,
                customer_count=f.customer_count,
                customers=f.customers,
            )
            for f in evaluation.failures
        ],
        applied=evaluation.applied,
        packs=evaluation.packs,
        tier_policies=[policy_to_proto(p.policy, p.plugin, p.etag) for p in evaluation.policies],
    )


def brand_clv_to_proto(value: BrandClv) -> pb.BrandClv:
    return pb.BrandClv(
        brand=value.brand,
        lifetime_value=value.lifetime_value,
        shares_by_period=value.shares_by_period,
    )


def quadrant_to_proto(customer: str, quadrant: ProfitQuadrant) -> pb.ProfitClassification:
    return pb.ProfitClassification(
        customer=customer, quadrant=_QUADRANT[quadrant], advice=QUADRANT_ADVICE[quadrant]
    )


# ---------------------------------------------------------------------------------------------
# The strategic sandbox
# ---------------------------------------------------------------------------------------------

_SOURCE_ROLE = {
    OpportunitySource.SALES: sandbox_pb2.OPPORTUNITY_SOURCE_SALES,
    OpportunitySource.TECHNICAL: sandbox_pb2.OPPORTUNITY_SOURCE_TECHNICAL,
    OpportunitySource.DELIVERY: sandbox_pb2.OPPORTUNITY_SOURCE_DELIVERY,
}
_OPPORTUNITY_HORIZON = {
    OpportunityHorizon.SHORT_TERM: sandbox_pb2.OPPORTUNITY_HORIZON_SHORT_TERM,
    OpportunityHorizon.MEDIUM_TERM: sandbox_pb2.OPPORTUNITY_HORIZON_MEDIUM_TERM,
    OpportunityHorizon.LONG_TERM: sandbox_pb2.OPPORTUNITY_HORIZON_LONG_TERM,
}
_OPPORTUNITY_STATE = {
    OpportunityState.PROPOSED: sandbox_pb2.OPPORTUNITY_STATE_PROPOSED,
    OpportunityState.SELECTED: sandbox_pb2.OPPORTUNITY_STATE_SELECTED,
}


def sandbox_to_proto(sandbox: StrategicSandbox) -> sandbox_pb2.StrategicSandbox:
    return sandbox_pb2.StrategicSandbox(
        name=f"{CUSTOMER_PREFIX}{sandbox.customer_id}/strategicSandbox",
        customer=f"{CUSTOMER_PREFIX}{sandbox.customer_id}",
        segments=[
            sandbox_pb2.ProductSegment(
                product_segment=s.product_segment,
                spend_share_percent=s.spend_share_percent,
                vendor_shares=[
                    sandbox_pb2.VendorShare(vendor=v.vendor, share_percent=v.share_percent)
                    for v in s.vendor_shares
                ],
            )
            for s in sandbox.segments
        ],
        etag=sandbox.etag,
        update_time=timestamp(sandbox.update_time),
        updated_by=sandbox.updated_by,
    )


def segments_from_proto(message: sandbox_pb2.StrategicSandbox) -> tuple[ProductSegment, ...]:
    return tuple(
        ProductSegment(
            s.product_segment.strip(),
            s.spend_share_percent,
            tuple(VendorShare(v.vendor.strip(), v.share_percent) for v in s.vendor_shares),
        )
        for s in message.segments
    )


def _reverse(mapping: dict, value):
    return next((key for key, item in mapping.items() if item == value), None)


def opportunity_from_proto(message: sandbox_pb2.Opportunity) -> Opportunity:
    r = message.ratings
    return Opportunity(
        id="",
        customer_id="",
        region="",
        product_segment=message.product_segment.strip(),
        source_role=_reverse(_SOURCE_ROLE, message.source_role),
        horizon=_reverse(_OPPORTUNITY_HORIZON, message.horizon),
        pain_point=message.pain_point,
        description=message.description,
        ratings=OpportunityRatings(
            r.market_space, r.growth, r.profit, r.competition_intensity, r.business_fit
        ),
    )


def market_target_from_proto(message: sandbox_pb2.MarketTarget) -> MarketTarget:
    return MarketTarget(
        message.goal_kind.strip(),
        message.target_share_percent,
        message.target_year,
        message.description.strip(),
    )


def opportunity_to_proto(o: Opportunity, score: float | None = None) -> sandbox_pb2.Opportunity:
    target = o.market_target
    return sandbox_pb2.Opportunity(
        name=o.name,
        customer=f"{CUSTOMER_PREFIX}{o.customer_id}",
        product_segment=o.product_segment,
        source_role=_SOURCE_ROLE[o.source_role] if o.source_role else 0,
        horizon=_OPPORTUNITY_HORIZON[o.horizon] if o.horizon else 0,
        pain_point=o.pain_point,
        description=o.description,
        ratings=sandbox_pb2.OpportunityRatings(**asdict(o.ratings)),
        attractiveness=score or 0.0,
        state=_OPPORTUNITY_STATE[o.state],
        proposed_by=o.proposed_by,
        propose_time=timestamp(o.propose_time),
        selected_by=o.selected_by,
        select_time=timestamp(o.select_time),
        market_target=sandbox_pb2.MarketTarget(**asdict(target)) if target else None,
    )


def weights_to_proto(weights: OpportunityWeights, plugin: str) -> sandbox_pb2.OpportunityWeights:
    return sandbox_pb2.OpportunityWeights(**asdict(weights), plugin=plugin)


def annual_insight_to_proto(record: AnnualInsight) -> sandbox_pb2.AnnualInsight:
    customer = f"{CUSTOMER_PREFIX}{record.customer_id}"
    return sandbox_pb2.AnnualInsight(
        name=f"{customer}/annualInsights/{record.year}",
        customer=customer,
        year=record.year,
        sandbox_empty=record.sandbox_empty,
        finding=record.finding,
        completed_by=record.completed_by,
        complete_time=timestamp(record.complete_time),
    )


def market_target_event(o: Opportunity) -> events_pb2.MarketTargetSelected:
    assert o.market_target is not None
    target = o.market_target
    return events_pb2.MarketTargetSelected(
        opportunity=o.name,
        customer=f"{CUSTOMER_PREFIX}{o.customer_id}",
        region=o.region,
        goal_kind=target.goal_kind,
        product_segment=o.product_segment,
        target_share_percent=target.target_share_percent,
        target_year=target.target_year,
        description=target.description,
    )


# ---------------------------------------------------------------------------------------------
# Portfolio monitoring
# ---------------------------------------------------------------------------------------------


def _lost(item: LostCustomer) -> monitoring_pb2.LostCustomer:
    return monitoring_pb2.LostCustomer(
        customer=f"{CUSTOMER_PREFIX}{item.customer_id}",
        previous_tier=item.previous_tier,
        reason=item.reason,
    )


def snapshot_to_proto(s: PortfolioSnapshot) -> monitoring_pb2.PortfolioSnapshot:
    return monitoring_pb2.PortfolioSnapshot(
        name=f"portfolioSnapshots/{s.id}",
        region=s.region,
        take_time=timestamp(s.take_time),
        since_time=timestamp(s.since),
        total_customers=s.total,
        tier_counts=dict(s.tier_counts),
        value_distribution=list(s.value_distribution),
        added_customers=s.added,
        lost_customers=[_lost(item) for item in s.lost],
        abnormal_losses=[_lost(item) for item in s.abnormal_losses],
        retrospective_needed=s.retrospective_needed,
        purchase_share_alerts=[
            monitoring_pb2.PurchaseShareAlert(
                tier=a.tier,
                previous_year=a.previous_year,
                year=a.year,
                previous_share_percent=a.previous_share_percent,
                share_percent=a.share_percent,
                causes_to_analyse=list(a.causes),
            )
            for a in s.share_alerts
        ],
    )


def retrospective_to_proto(task: RetrospectiveTask) -> monitoring_pb2.RetrospectiveTask:
    return monitoring_pb2.RetrospectiveTask(
        name=f"retrospectiveTasks/{task.id}",
        region=task.region,
        snapshot=f"portfolioSnapshots/{task.snapshot_id}",
        customers=list(task.customers),
        reason=task.reason,
        create_time=timestamp(task.create_time),
    )


def curve_from_proto(message: monitoring_pb2.ValueReturnCurve) -> ValueReturnCurve:
    return ValueReturnCurve(
        customer_id="",
        currency=message.currency_code.strip().upper(),
        points=tuple(CurvePoint(p.year, p.expected_units) for p in message.points),
    )


def curve_to_proto(
    curve: ValueReturnCurve,
    comparisons: list[CurveComparison],
    recommendations: list[RetierRecommendation],
) -> monitoring_pb2.ValueReturnCurve:
    return monitoring_pb2.ValueReturnCurve(
        name=f"{CUSTOMER_PREFIX}{curve.customer_id}/valueReturnCurve",
        currency_code=curve.currency,
        points=[
            monitoring_pb2.CurvePoint(year=p.year, expected_units=p.expected_units)
            for p in curve.points
        ],
        comparisons=[
            monitoring_pb2.CurveComparison(
                year=c.year,
                expected_units=c.expected_units,
                actual_units=c.actual_units,
                shortfall=c.shortfall,
            )
            for c in comparisons
        ],
        recommendations=[
            monitoring_pb2.RetierRecommendation(
                customer=f"{CUSTOMER_PREFIX}{r.customer_id}",
                year=r.year,
                expected_units=r.expected_units,
                actual_units=r.actual_units,
                currency_code=r.currency,
                possible_causes=list(r.causes),
                create_time=timestamp(r.create_time),
            )
            for r in recommendations
        ],
        update_time=timestamp(curve.update_time),
        updated_by=curve.updated_by,
    )


def due_review_to_proto(review: DueReview) -> monitoring_pb2.DueReview:
    return monitoring_pb2.DueReview(
        customer=f"{CUSTOMER_PREFIX}{review.customer_id}",
        industry=review.industry,
        interval_days=review.interval_days,
        plugin=review.plugin,
        last_review_time=timestamp(review.last_review_time),
        due_time=timestamp(review.due_time),
    )


def applicability_to_proto(
    facts: CustomerFacts, found: IndustryApplicability, plugin: str
) -> sandbox_pb2.IndustryApplicability:
    return sandbox_pb2.IndustryApplicability(
        name=f"{CUSTOMER_PREFIX}{facts.id}/industryApplicability",
        industry=facts.industry,
        industry_structure=found.industry_structure.value,
        conditions=[
            sandbox_pb2.ApplicabilityCondition(
                code=c.code.value, met=c.met, explanation=c.explanation
            )
            for c in found.conditions
        ],
        applicable=found.applicable,
        plugin=plugin,
    )


# ---------------------------------------------------------------------------------------------
# Insight analyses and service strategies
# ---------------------------------------------------------------------------------------------

_STATUS_PREFIX = "CONCLUSION_STATUS_"


def _conclusions(content: dict, convert) -> dict:
    for _, conclusion in conclusions_in(content):
        convert(conclusion)
    return content


def analysis_content_from_proto(message: analysis_pb2.InsightAnalysis) -> tuple[str, dict]:
    """The content's field and the content as plain data, statuses as the domain's words;
    output-only fields are dropped."""
    field = message.WhichOneof("content") or ""
    if not field:
        return "", {}
    content = json_format.MessageToDict(getattr(message, field), preserving_proto_field_name=True)

    def read(conclusion: dict) -> None:
        conclusion.pop("verify_time", None)
        status = conclusion.pop("status", "").removeprefix(_STATUS_PREFIX).lower()
        if status and status != "unspecified":
            conclusion["status"] = ConclusionStatus(status)

    return field, _conclusions(content, read)


def analysis_to_proto(a: AnalysisVersion) -> analysis_pb2.InsightAnalysis:
    content = copy.deepcopy(dict(a.content))

    def write(conclusion: dict) -> None:
        conclusion["status"] = _STATUS_PREFIX + str(conclusion["status"]).upper()

    message = analysis_pb2.InsightAnalysis(
        name=a.name,
        version=a.version,
        open_hypotheses=a.open_hypotheses,
        etag=a.etag,
        update_time=timestamp(a.update_time),
        updated_by=a.updated_by,
    )
    json_format.ParseDict(_conclusions(content, write), getattr(message, ANALYSIS_KINDS[a.kind]))
    return message


def strategy_from_proto(message: analysis_pb2.ServiceStrategy) -> ServiceStrategy:
    return ServiceStrategy(
        customer_id="",
        customer_demands=tuple(d.strip() for d in message.customer_demands),
        why_customer_chooses_us=message.why_customer_chooses_us.strip(),
        core_values=tuple(v.strip() for v in message.core_values),
        strategic_control_points=tuple(p.strip() for p in message.strategic_control_points),
        solutions=tuple(
            ServiceSolution(s.demand.strip(), s.solution.strip(), s.profit_model.strip())
            for s in message.solutions
        ),
    )


def strategy_to_proto(s: ServiceStrategy) -> analysis_pb2.ServiceStrategy:
    return analysis_pb2.ServiceStrategy(
        name=f"{CUSTOMER_PREFIX}{s.customer_id}/serviceStrategy",
        customer_demands=list(s.customer_demands),
        why_customer_chooses_us=s.why_customer_chooses_us,
        core_values=list(s.core_values),
        strategic_control_points=list(s.strategic_control_points),
        solutions=[analysis_pb2.ServiceSolution(**asdict(item)) for item in s.solutions],
        version=s.version,
        etag=s.etag,
        update_time=timestamp(s.update_time),
        updated_by=s.updated_by,
    )


# ---------------------------------------------------------------------------------------------
# Information products
# ---------------------------------------------------------------------------------------------

# ProductKind.X ↔ INFORMATION_PRODUCT_KIND_X
_PRODUCT_KIND = {
    kind: products_pb2.InformationProductKind.Value(f"INFORMATION_PRODUCT_KIND_{kind.name}")
    for kind in ProductKind
}


def product_from_proto(
    message: products_pb2.InformationProduct,
) -> tuple[ProductKind | None, str, str, Commission | None]:
    commission = (
        Commission(
            message.commission.department.strip(),
            tuple(g.strip() for g in message.commission.grantees if g.strip()),
        )
        if message.HasField("commission")
        else None
    )
    kind = _reverse(_PRODUCT_KIND, message.kind)
    return kind, message.title, message.body, commission


def product_to_proto(p: InformationProduct) -> products_pb2.InformationProduct:
    return products_pb2.InformationProduct(
        name=p.name,
        kind=_PRODUCT_KIND[p.kind],
        title=p.title,
        body=p.body,
        classification=p.classification,
        commission=products_pb2.Commission(
            department=p.commission.department, grantees=list(p.commission.grantees)
        )
        if p.commission
        else None,
        author=p.author,
        create_time=timestamp(p.create_time),
    )
