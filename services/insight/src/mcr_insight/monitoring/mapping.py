"""Proto <-> domain for portfolio monitoring: snapshots, retrospectives, value-return curves,
due reviews and industry applicability.
"""

from __future__ import annotations

from mcr.insight.v1 import (
    monitoring_pb2,
    sandbox_pb2,
)
from mcr_core.protobuf import optional_timestamp as timestamp

from mcr_insight.domain import CUSTOMER_PREFIX, CustomerFacts
from mcr_insight.monitoring.domain import (
    CurveComparison,
    CurvePoint,
    DueReview,
    IndustryApplicability,
    LostCustomer,
    PortfolioSnapshot,
    RetierRecommendation,
    RetrospectiveTask,
    ValueReturnCurve,
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
