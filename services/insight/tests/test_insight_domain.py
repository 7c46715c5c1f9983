"""Insight's pure rules, with test vectors computed by hand."""

from __future__ import annotations

import pytest
from mcr_core.errors import InvalidArgument
from mcr_insight.clv.domain import ProfitQuadrant, migration_clv, profit_quadrant, retention_clv
from mcr_insight.defaults import DEFAULT_TIERS
from mcr_insight.tiers.domain import (
    AttributedComponent,
    ScoreComponent,
    TierConfiguration,
    TierDefinition,
    ValueHorizon,
    ValueVisibility,
    combine,
    configuration_violations,
    ladder_problems,
    make_ladder,
    tier_for_score,
)

SWITCHING = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]]


def fields_of(error: pytest.ExceptionInfo[InvalidArgument]) -> list[str]:
    return [v.field for v in error.value.violations]


def test_migration_clv_with_a_three_by_three_switching_matrix():
    # Seed 002's set-up (t = 0 and 1, r = 10%, F = 1, v = 300, shares 50/30/20%) with this
    # matrix: s1 = (0.5·0.7 + 0.3·0.1 + 0.2·0.2, ...) = (0.42, 0.38, 0.20);
    # CLV_A = 300·0.5 + 300·0.42/1.1 = 150 + 114.5454… = 264.5454…
    # CLV_B = 300·0.3 + 300·0.38/1.1 =  90 + 103.6363… = 193.6363…
    # CLV_C = 300·0.2 + 300·0.20/1.1 =  60 +  54.5454… = 114.5454… (the seed's answer 114.5)
    values = migration_clv(["A", "B", "C"], [50, 30, 20], SWITCHING, 300, 1, 0.1, 1)
    assert [v.brand for v in values] == ["A", "B", "C"]
    assert [v.lifetime_value for v in values] == pytest.approx([264.545454, 193.636363, 114.545454])
    assert values[0].shares_by_period == pytest.approx((0.5, 0.42))


def test_migration_clv_over_two_periods_with_two_purchases_each():
    # s2 = s1·M: A = 0.42·0.7 + 0.38·0.1 + 0.2·0.2 = 0.372; per period 2 × 300 = 600;
    # CLV_A = 600 · (0.5 + 0.42/1.1 + 0.372/1.21) = 600 · 1.1892562 = 713.55372
    values = migration_clv(["A", "B", "C"], [50, 30, 20], SWITCHING, 300, 2, 0.1, 2)
    assert values[0].lifetime_value == pytest.approx(713.55372)
    assert values[0].shares_by_period == pytest.approx((0.5, 0.42, 0.372))


def test_one_brand_that_keeps_every_customer_is_a_discounted_annuity():
    # 100 per period for t = 0..2 at 10%: 100 + 90.9090… + 82.6446… = 273.5537
    [value] = migration_clv(["only"], [100], [[1.0]], 100, 1, 0.1, 2)
    assert value.lifetime_value == pytest.approx(273.553719)


@pytest.mark.parametrize(
    ("shares", "matrix", "field"),
    [
        ([50, 30, 19], SWITCHING, "initial_shares_percent"),
        (
            [50, 30, 20],
            [[0.7, 0.2, 0.1], [0.1, 0.8, 0.2], [0.2, 0.2, 0.6]],
            "transition_matrix[1].probabilities",
        ),
        ([50, 30, 20], SWITCHING[:2], "transition_matrix"),
        ([50, 50], SWITCHING, "initial_shares_percent"),
        (
            [50, 30, 20],
            [[0.7, 0.2, 0.1], [1.1, -0.1, 0.0], [0.2, 0.2, 0.6]],
            "transition_matrix[1].probabilities",
        ),
    ],
    ids=["shares-99", "row-1.1", "rows-missing", "shares-count", "negative"],
)
def test_bad_migration_inputs_name_the_field(shares, matrix, field):
    with pytest.raises(InvalidArgument) as error:
        migration_clv(["A", "B", "C"], shares, matrix, 300, 1, 0.1, 1)
    assert field in fields_of(error)


def test_retention_clv():
    # 1000 + 1000·0.8/1.1 + 1000·0.64/1.21 = 1000 + 727.2727 + 528.9256 = 2256.1983
    value, terms = retention_clv(1000, 0.8, 0.1, 2)
    assert value == pytest.approx(2256.198347)
    assert terms == pytest.approx((1000, 727.272727, 528.925620))
    assert retention_clv(1000, 0.8, 0.1, 2, acquisition_cost=500)[0] == pytest.approx(1756.198347)
    with pytest.raises(InvalidArgument) as error:
        retention_clv(1000, 1.2, -0.1, 2)
    assert set(fields_of(error)) == {"retention_rate", "discount_rate"}


@pytest.mark.parametrize(
    ("current", "future", "quadrant"),
    [
        (10, 10, ProfitQuadrant.CHAMPION),
        (-5, 10, ProfitQuadrant.FUTURE_STAR),
        (10, -5, ProfitQuadrant.SHRINK),
        (0, 0, ProfitQuadrant.CUT),  # breaking even is not profitable
    ],
)
def test_profit_quadrant(current, future, quadrant):
    assert profit_quadrant(current, future) == quadrant


def component(dimension: str, value: float, weight: float) -> ScoreComponent:
    return ScoreComponent(
        dimension, value, weight, ValueHorizon.CURRENT, ValueVisibility.EXPLICIT, "because"
    )


def test_combine_weights_normalises_and_keeps_the_plugin():
    parts = [
        AttributedComponent("x", component("a", 80, 0.4)),
        AttributedComponent("x", component("b", 50, 0.2)),
        AttributedComponent("y", component("c", 20, 0.4)),
    ]
    # (80·0.4 + 50·0.2 + 20·0.4) / 1.0 = 32 + 10 + 8 = 50
    score = combine(parts, {})
    assert score.score == pytest.approx(50)
    assert [c.plugin for c in score.components] == ["x", "x", "y"]
    # Configured weights replace the plugins': c counts 0, a and b half each: 65.
    assert combine(parts, {"a": 0.5, "b": 0.5}).score == pytest.approx(65)
    # Plugins need not agree on a scale: doubling every weight changes nothing.
    doubled = [
        AttributedComponent("x", component("a", 80, 4)),
        AttributedComponent("y", component("c", 20, 4)),
    ]
    assert combine(doubled, {}).score == pytest.approx(50)


def test_nonsense_from_a_plugin_is_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        component("a", 500, 1)
    with pytest.raises(ValidationError):
        component("a", float("nan"), 1)


def test_the_default_ladder_and_its_checks():
    ladder = make_ladder(DEFAULT_TIERS, "defaults")
    assert ladder.codes == ("S", "A", "B", "C")
    assert [tier_for_score(s, ladder.tiers) for s in (90, 75, 74.9, 40, 0)] == [
        "S", "S", "A", "B", "C",
    ]  # fmt: skip
    assert ladder_problems([*DEFAULT_TIERS, TierDefinition("S", "Again", "", 9, 0)]) is not None
    assert ladder_problems(
        [TierDefinition("X", "X", "", 1, 10), TierDefinition("Y", "Y", "", 2, 20)]
    )
    found = configuration_violations(
        TierConfiguration(dimension_weights={"a": 0.7, "b": 0.7}, thresholds={"Z": 10}),
        ladder,
        ["defaults"],
    )
    assert [v.field for v in found] == [
        "configuration.dimension_weights",
        "configuration.thresholds[0].tier",
    ]


def test_a_tally_counts_every_move_but_lists_only_the_first_few():
    from mcr_insight.domain import CustomerFacts, PluginFailureRecord
    from mcr_insight.tiers.domain import PortfolioTally, Scoring, make_ladder

    tally = PortfolioTally(make_ladder(DEFAULT_TIERS, "defaults"), max_listed=2)
    failed = (PluginFailureRecord("flaky", "insight_value_components", "timed out"),)
    for index in range(5):
        facts = CustomerFacts(f"c{index}", "r1")
        tally.add(facts.id, "A", "S", Scoring(facts, None, "S", "defaults"))
        tally.add(facts.id, "B", "B", Scoring(facts, None, "", "", failed))
    result = tally.result(TierConfiguration(), applied=False)
    [move] = result.migrations
    assert (move.from_tier, move.to_tier, move.count) == ("A", "S", 5)
    assert move.customers == ("customers/c0", "customers/c1")
    [failure] = result.failures
    assert failure.customer_count == 5 and len(failure.customers) == 2
    assert result.customers_evaluated == 10 and result.tier_counts["S"] == 5


def test_a_policy_cadence_gives_its_ideal_and_maximum_interval():
    from mcr_insight.tiers.domain import ContactCadence

    monthly = ContactCadence("decision_maker", 30, 1)
    assert (monthly.max_days, monthly.ideal) == (30.0, 22.5)  # ideally three quarters
    tender = ContactCadence("decision_maker", 21, 1, ideal_days=14)
    assert (tender.max_days, tender.ideal) == (21.0, 14.0)
    twice = ContactCadence("any", 30, 2, ideal_days=20)
    assert (twice.max_days, twice.ideal) == (15.0, 15.0)  # never later than the maximum
