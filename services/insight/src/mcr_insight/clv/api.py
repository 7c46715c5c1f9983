"""The clv area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb

from mcr_insight.clv.domain import migration_clv, profit_quadrant, retention_clv
from mcr_insight.clv.mapping import brand_clv_to_proto, quadrant_to_proto


class ClvServicer:
    """Customer lifetime value and the profit quadrant: computations on the caller's figures."""

    async def ComputeMigrationClv(self, request: pb.ComputeMigrationClvRequest, context):
        values = migration_clv(
            list(request.brands),
            list(request.initial_shares_percent),
            [list(row.probabilities) for row in request.transition_matrix],
            request.contribution_per_purchase,
            request.purchases_per_period,
            request.discount_rate,
            request.horizon_periods,
        )
        return pb.ComputeMigrationClvResponse(brand_values=[brand_clv_to_proto(v) for v in values])

    async def ComputeRetentionClv(self, request: pb.ComputeRetentionClvRequest, context):
        value, terms = retention_clv(
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
                quadrant_to_proto(
                    c.customer,
                    profit_quadrant(
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
