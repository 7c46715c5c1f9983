"""Proto <-> domain for customer lifetime value and the profit quadrant."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb

from mcr_insight.clv.domain import QUADRANT_ADVICE, BrandClv, ProfitQuadrant

_QUADRANT = {
    ProfitQuadrant.CHAMPION: pb.PROFIT_QUADRANT_CHAMPION,
    ProfitQuadrant.FUTURE_STAR: pb.PROFIT_QUADRANT_FUTURE_STAR,
    ProfitQuadrant.SHRINK: pb.PROFIT_QUADRANT_SHRINK,
    ProfitQuadrant.CUT: pb.PROFIT_QUADRANT_CUT,
}


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
