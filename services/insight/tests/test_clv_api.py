"""CLV and the profit quadrant over gRPC: results and field-naming errors."""

from __future__ import annotations

import grpc
import pytest
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.rpc import field_violations


def migration(**changes) -> pb.ComputeMigrationClvRequest:
    values = {
        "brands": ["A", "B", "C"],
        "initial_shares_percent": [50, 30, 20],
        "transition_matrix": [
            pb.TransitionRow(probabilities=row)
            for row in ([0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6])
        ],
        "contribution_per_purchase": 300,
        "purchases_per_period": 1,
        "discount_rate": 0.1,
        "horizon_periods": 1,
    }
    return pb.ComputeMigrationClvRequest(**(values | changes))


async def test_clv_and_quadrants(stub, auth):
    result = await stub.ComputeMigrationClv(migration(), metadata=auth())
    # Hand computation in test_domain: 264.5454…, 193.6363…, 114.5454…
    assert [v.lifetime_value for v in result.brand_values] == pytest.approx(
        [264.545454, 193.636363, 114.545454]
    )
    retention = await stub.ComputeRetentionClv(
        pb.ComputeRetentionClvRequest(
            contribution_per_period=1000, retention_rate=0.8, discount_rate=0.1, horizon_periods=2
        ),
        metadata=auth(),
    )
    assert retention.lifetime_value == pytest.approx(2256.198347)
    quadrants = await stub.ClassifyProfitQuadrants(
        pb.ClassifyProfitQuadrantsRequest(
            customers=[
                pb.CustomerProfit(customer="customers/a", current_profit=5, future_profit=9),
                pb.CustomerProfit(customer="customers/b", current_profit=-1, future_profit=9),
                pb.CustomerProfit(customer="customers/c", current_profit=5, future_profit=-9),
                pb.CustomerProfit(customer="customers/d", current_profit=-5, future_profit=-9),
            ]
        ),
        metadata=auth(),
    )
    assert [c.quadrant for c in quadrants.classifications] == [
        pb.PROFIT_QUADRANT_CHAMPION,
        pb.PROFIT_QUADRANT_FUTURE_STAR,
        pb.PROFIT_QUADRANT_SHRINK,
        pb.PROFIT_QUADRANT_CUT,
    ]
    assert all(c.advice for c in quadrants.classifications)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"initial_shares_percent": [50, 30, 30]}, "initial_shares_percent"),
        (
            {
                "transition_matrix": [
                    pb.TransitionRow(probabilities=row)
                    for row in ([0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.5])
                ]
            },
            "transition_matrix[2].probabilities",
        ),
        ({"discount_rate": -0.5}, "discount_rate"),
        ({"horizon_periods": -1}, "horizon_periods"),
        ({"brands": ["A", "A", "C"]}, "brands"),
    ],
    ids=["shares", "row", "discount", "horizon", "brands"],
)
async def test_bad_clv_input_names_the_field(stub, auth, changes, field):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.ComputeMigrationClv(migration(**changes), metadata=auth())
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in [v.field for v in field_violations(error.value)]
