"""Customer lifetime value (seed 002: the migration and retention models) and the current-profit
by future-profit quadrant (seed 004). Pure computations on the caller's figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass as plain_dataclass
from enum import StrEnum

from mcr_core.errors import FieldViolation, InvalidArgument, collect

from mcr_insight.domain import TOLERANCE

MAX_HORIZON_PERIODS = 1200


# ---------------------------------------------------------------------------------------------
# Customer lifetime value (seed 002) and the profit quadrant (seed 004)
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class BrandClv:
    brand: str
    lifetime_value: float
    shares_by_period: tuple[float, ...]


def migration_clv(
    brands: Sequence[str],
    initial_shares_percent: Sequence[float],
    transition_matrix: Sequence[Sequence[float]],
    contribution_per_purchase: float,
    purchases_per_period: float,
    discount_rate: float,
    horizon_periods: int,
) -> list[BrandClv]:
    """Lifetime value per brand with the migration (brand-switching) model (seed 002, 转换矩阵).

    The customer's purchases are spread over the brands: shares s₀ at t = 0, then
    s_t = s_{t-1} · M (row i of M: where a purchase of brand i goes next). Each period the
    customer makes F purchases of contribution v, discounted per period at rate r:

        CLV_j = Σ_{t=0..T} F · v · s_t[j] / (1 + r)^t

    Seed 002's worked example (t = 0 and t = 1, r = 10%, F = 1, v = 300, shares 50/30/20%) is
    this formula; its transition matrix is an image missing from the text.
    """
    _check_migration_inputs(
        brands,
        initial_shares_percent,
        transition_matrix,
        (contribution_per_purchase, purchases_per_period, discount_rate),
        horizon_periods,
    )
    shares = [s / 100 for s in initial_shares_percent]
    history = [shares]
    for _ in range(horizon_periods):
        shares = [
            sum(shares[i] * transition_matrix[i][j] for i in range(len(shares)))
            for j in range(len(shares))
        ]
        history.append(shares)
    per_period = purchases_per_period * contribution_per_purchase
    return [
        BrandClv(
            brand,
            sum(
                per_period * period[j] / (1 + discount_rate) ** t
                for t, period in enumerate(history)
            ),
            tuple(period[j] for period in history),
        )
        for j, brand in enumerate(brands)
    ]


def _check_migration_inputs(
    brands: Sequence[str],
    shares: Sequence[float],
    matrix: Sequence[Sequence[float]],
    numbers: tuple[float, float, float],
    horizon: int,
) -> None:
    found: list[FieldViolation] = []
    if not brands:
        found.append(FieldViolation("brands", "name at least one brand"))
    elif len(set(brands)) != len(brands) or not all(b.strip() for b in brands):
        found.append(FieldViolation("brands", "brands must be distinct and not empty"))
    if len(shares) != len(brands):
        found.append(FieldViolation("initial_shares_percent", "give one share per brand"))
    elif any(not math.isfinite(s) or s < 0 for s in shares):
        found.append(FieldViolation("initial_shares_percent", "shares must be 0 or more"))
    elif abs(sum(shares) - 100) > TOLERANCE * 100:
        found.append(
            FieldViolation(
                "initial_shares_percent", f"shares must sum to 100%; they sum to {sum(shares):g}%"
            )
        )
    if len(matrix) != len(brands):
        found.append(FieldViolation("transition_matrix", "give one row per brand"))
    for index, row in enumerate(matrix):
        path = f"transition_matrix[{index}].probabilities"
        if len(row) != len(brands):
            found.append(FieldViolation(path, "give one probability per brand"))
        elif any(not math.isfinite(p) or not 0 <= p <= 1 for p in row):
            found.append(FieldViolation(path, "probabilities must be from 0 to 1"))
        elif abs(sum(row) - 1) > TOLERANCE:
            found.append(FieldViolation(path, f"the row must sum to 1; it sums to {sum(row):g}"))
    contribution, purchases, discount_rate = numbers
    found += _economics_violations(
        contribution, discount_rate, horizon, "contribution_per_purchase"
    )
    if not (math.isfinite(purchases) and purchases >= 0):
        found.append(FieldViolation("purchases_per_period", "must be 0 or more"))
    collect(found)


def _economics_violations(
    contribution: float, discount_rate: float, horizon: int, contribution_field: str
) -> list[FieldViolation]:
    found = []
    if not math.isfinite(contribution):
        found.append(FieldViolation(contribution_field, "must be a finite number"))
    if not math.isfinite(discount_rate) or discount_rate < 0:
        found.append(FieldViolation("discount_rate", "must be 0 or more (0.1 for 10%)"))
    if not 0 <= horizon <= MAX_HORIZON_PERIODS:
        found.append(FieldViolation("horizon_periods", f"must be from 0 to {MAX_HORIZON_PERIODS}"))
    return found


def retention_clv(
    contribution_per_period: float,
    retention_rate: float,
    discount_rate: float,
    horizon_periods: int,
    acquisition_cost: float = 0.0,
) -> tuple[float, tuple[float, ...]]:
    """Lifetime value with the retention model: CLV = Σ_{t=0..T} m · ρ^t / (1 + r)^t − AC.

    The customer is with us at t = 0 and stays from one period to the next with probability ρ.
    Returns the value and each period's discounted contribution.
    """
    found = _economics_violations(
        contribution_per_period, discount_rate, horizon_periods, "contribution_per_period"
    )
    if not (math.isfinite(retention_rate) and 0 <= retention_rate <= 1):
        found.append(FieldViolation("retention_rate", "must be a probability from 0 to 1"))
    if not math.isfinite(acquisition_cost) or acquisition_cost < 0:
        found.append(FieldViolation("acquisition_cost", "must be 0 or more"))
    collect(found)
    terms = tuple(
        contribution_per_period * retention_rate**t / (1 + discount_rate) ** t
        for t in range(horizon_periods + 1)
    )
    return sum(terms) - acquisition_cost, terms


class ProfitQuadrant(StrEnum):
    """Seed 004's four kinds of customer by current and future profit."""

    CHAMPION = "champion"  # 冠军型客户
    FUTURE_STAR = "future_star"  # 未来明星
    SHRINK = "shrink"  # 当前盈利、未来不盈利: 收缩
    CUT = "cut"  # 现在和未来都不盈利: 削减


QUADRANT_ADVICE = {
    ProfitQuadrant.CHAMPION: "Add value-creation points and deepen stickiness "
    "(增加价值创造点,增强服务黏着度).",
    ProfitQuadrant.FUTURE_STAR: "Invest now, before competitors do: growing future stars is "
    "the core of customer management (培育未来明星).",
    ProfitQuadrant.SHRINK: "Shrink the product line and scope of cooperation "
    "(收缩产品线和合作范围).",
    ProfitQuadrant.CUT: "Let it absorb fixed cost at most; cut it if the customer count allows "
    "(削减).",
}


def profit_quadrant(
    current_profit: float,
    future_profit: float,
    current_threshold: float = 0.0,
    future_threshold: float = 0.0,
    field_path: str = "customers",
) -> ProfitQuadrant:
    """Seed 004: profitable now and later → champion; later only → future star; now only →
    shrink; neither → cut. Profitable means above the threshold."""
    if not all(
        math.isfinite(n)
        for n in (current_profit, future_profit, current_threshold, future_threshold)
    ):
        raise InvalidArgument.field(field_path, "profits and thresholds must be finite numbers")
    now, later = current_profit > current_threshold, future_profit > future_threshold
    if now and later:
        return ProfitQuadrant.CHAMPION
    if later:
        return ProfitQuadrant.FUTURE_STAR
    if now:
        return ProfitQuadrant.SHRINK
    return ProfitQuadrant.CUT
