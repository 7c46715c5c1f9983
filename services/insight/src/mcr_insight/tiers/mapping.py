"""Proto <-> domain for tiers: assignments, components, the ladder, policies, history,
configurations and portfolio evaluations, and the TierChanged event.
"""

from __future__ import annotations

from mcr.insight.v1 import (
    events_pb2,
    tier_pb2,
)
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.protobuf import duration
from mcr_core.protobuf import optional_timestamp as timestamp

from mcr_insight.domain import CUSTOMER_PREFIX
from mcr_insight.tiers.domain import (
    AttributedComponent,
    ManualDecision,
    PortfolioEvaluation,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierDefinition,
    TierLadder,
    TierPolicy,
    TierSource,
    ValueHorizon,
    ValueVisibility,
    assignment_name,
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
                ideal_interval=duration(days=c.ideal),
                max_interval=duration(days=c.max_days),
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
                from_tier=m.from_tier,
                to_tier=m.to_tier,
                count=m.count,
                customers=m.customers,
                reasons=m.reasons,
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
