"""Proto <-> domain for the strategic sandbox, its opportunities and the MarketTargetSelected
event.
"""

from __future__ import annotations

from dataclasses import asdict

from mcr.insight.v1 import (
    events_pb2,
    sandbox_pb2,
)
from mcr_core.protobuf import optional_timestamp as timestamp
from mcr_core.protobuf import reverse

from mcr_insight.domain import CUSTOMER_PREFIX
from mcr_insight.sandbox.domain import (
    AnnualInsight,
    MarketTarget,
    Opportunity,
    OpportunityHorizon,
    OpportunityRatings,
    OpportunitySource,
    OpportunityState,
    OpportunityWeights,
    ProductSegment,
    StrategicSandbox,
    VendorShare,
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


def opportunity_from_proto(message: sandbox_pb2.Opportunity) -> Opportunity:
    r = message.ratings
    return Opportunity(
        id="",
        customer_id="",
        region="",
        product_segment=message.product_segment.strip(),
        source_role=reverse(_SOURCE_ROLE).get(message.source_role),
        horizon=reverse(_OPPORTUNITY_HORIZON).get(message.horizon),
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
