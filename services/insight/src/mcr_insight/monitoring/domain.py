"""Portfolio monitoring (跟踪与监控客户策略, book ch.2 §1.13): snapshots, abnormal losses and
retrospectives, tiers' purchase shares, the value-return curve, review cadences, and where
customer relationship management pays at all (seed 000).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass as plain_dataclass
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from mcr_core.errors import FieldViolation
from pydantic import Field
from pydantic.dataclasses import dataclass

from mcr_insight.domain import PLUGIN_TYPE, TOLERANCE, Text
from mcr_insight.tiers.domain import TierLadder

# ---------------------------------------------------------------------------------------------
# Portfolio monitoring (跟踪与监控客户策略, book ch.2 §1.13)
# ---------------------------------------------------------------------------------------------

SNAPSHOT_INTERVAL = timedelta(days=30)
# A tier's purchase share falling by this fraction of itself from one year to the next is a
# sharp fall (book ch.2 R-41: 40% → 30% is a fall of a quarter).
SHARE_DROP_ALERT = 0.2
SHARE_DROP_CAUSES = (
    "field activity: are the account managers visiting and covering these customers?",
    "communication ability: do our people reach and convince the customers?",
    "product and brand: do the product and brand still win the orders?",
)
# Actual revenue below the expected by more than this fraction is a shortfall.
SHORTFALL_TOLERANCE = 0.1
SHORTFALL_CAUSES = (
    "our work is inadequate or under-resourced (我们的工作不到位或资源投入不足)",
    "we misjudged the customer's value and expected too much (对客户价值判断失误，期望过高)",
)


@plain_dataclass(frozen=True)
class YearlyRevenue:
    customer_id: str
    region: str
    year: int
    currency: str
    units: int


@plain_dataclass(frozen=True)
class ShareDropAlert:
    """A tier's share of the region's purchases from us fell sharply (book ch.2 R-41)."""

    tier: str
    previous_year: int
    year: int
    previous_share_percent: float
    share_percent: float

    @property
    def causes(self) -> tuple[str, ...]:
        return SHARE_DROP_CAUSES


def purchase_shares(
    revenue: Iterable[YearlyRevenue], tier_of: Mapping[str, str]
) -> dict[int, dict[str, float]]:
    """Each year's share (percent) of our revenue by the customers' tiers in force now."""
    totals: dict[int, float] = defaultdict(float)
    by_tier: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in revenue:
        tier = tier_of.get(item.customer_id)
        if not tier:
            continue
        totals[item.year] += item.units
        by_tier[item.year][tier] += item.units
    return {
        year: {tier: 100 * units / totals[year] for tier, units in tiers.items()}
        for year, tiers in by_tier.items()
        if totals[year] > 0
    }


def share_drop_alerts(shares: Mapping[int, Mapping[str, float]]) -> list[ShareDropAlert]:
    """Alerts for the latest two years with purchases: a tier whose share fell by at least
    SHARE_DROP_ALERT of itself (40% → 30% is a quarter)."""
    years = sorted(shares)
    if len(years) < 2:
        return []
    before, latest = years[-2], years[-1]
    alerts = []
    for tier, previous in sorted(shares[before].items()):
        current = shares[latest].get(tier, 0.0)
        if previous > 0 and (previous - current) / previous >= SHARE_DROP_ALERT - TOLERANCE:
            alerts.append(
                ShareDropAlert(tier, before, latest, round(previous, 4), round(current, 4))
            )
    return alerts


@plain_dataclass(frozen=True)
class LostCustomer:
    customer_id: str
    previous_tier: str
    reason: str


@plain_dataclass(frozen=True)
class PortfolioSnapshot:
    """The customer population at one moment (客户群体变化): how many, the value distribution,
    how many per tier, added and lost since the last snapshot, abnormal losses, and whether a
    management retrospective (管理回溯) is needed."""

    id: str
    region: str
    take_time: datetime
    since: datetime | None
    total: int
    tier_counts: Mapping[str, int]
    value_distribution: tuple[int, ...]  # customers per score decile 0-10, ..., 90-100
    added: int
    lost: tuple[LostCustomer, ...]
    abnormal_losses: tuple[LostCustomer, ...]
    share_alerts: tuple[ShareDropAlert, ...]

    @property
    def retrospective_needed(self) -> bool:
        return bool(self.abnormal_losses)


def seen_by(snapshot: PortfolioSnapshot, visible: set[str]) -> PortfolioSnapshot:
    """The snapshot as a caller who sees only the customers `visible` sees it: the region's
    counts (portfolio figures are for everyone, decision 11) and only their own lost ones."""
    return replace(
        snapshot,
        lost=tuple(c for c in snapshot.lost if c.customer_id in visible),
        abnormal_losses=tuple(c for c in snapshot.abnormal_losses if c.customer_id in visible),
    )


def value_distribution(scores: Iterable[float]) -> tuple[int, ...]:
    bins = [0] * 10
    for score in scores:
        bins[min(9, max(0, int(score // 10)))] += 1
    return tuple(bins)


def abnormal_losses(
    lost: Sequence[LostCustomer], ladder: TierLadder, previous_total: int
) -> list[LostCustomer]:
    """Losses that need a management retrospective: every lost key customer (the two highest
    tiers, decision 1), and every loss when more than a tenth of the portfolio left at once."""
    if previous_total and len(lost) > previous_total / 10:
        return list(lost)
    key = {t.code for t in ladder.tiers if t.rank <= 2}
    return [item for item in lost if item.previous_tier in key]


@plain_dataclass(frozen=True)
class RetrospectiveTask:
    id: str
    region: str
    snapshot_id: str
    customers: tuple[str, ...]
    reason: str
    create_time: datetime


@plain_dataclass(frozen=True)
class CurvePoint:
    year: int
    expected_units: int


@plain_dataclass(frozen=True)
class ValueReturnCurve:
    """Expected revenue per year from a customer (客户价值回报曲线), e.g. in one and in three
    years."""

    customer_id: str
    currency: str
    points: tuple[CurvePoint, ...]
    update_time: datetime | None = None
    updated_by: str = ""


def curve_violations(
    curve: ValueReturnCurve, path: str = "value_return_curve"
) -> list[FieldViolation]:
    found = []
    if not re.match(r"^[A-Z]{3}$", curve.currency):
        found.append(FieldViolation(f"{path}.currency_code", "must be an ISO 4217 code like CNY"))
    if not curve.points:
        found.append(FieldViolation(f"{path}.points", "give at least one year"))
    years = [p.year for p in curve.points]
    for index, point in enumerate(curve.points):
        if not 2000 <= point.year <= 2200 or years.count(point.year) > 1:
            found.append(FieldViolation(f"{path}.points[{index}].year", "a year, given once"))
        if point.expected_units < 0:
            found.append(
                FieldViolation(f"{path}.points[{index}].expected_units", "must be 0 or more")
            )
    return found


@plain_dataclass(frozen=True)
class CurveComparison:
    year: int
    expected_units: int
    actual_units: int | None

    @property
    def shortfall(self) -> bool:
        return self.actual_units is not None and self.actual_units < self.expected_units * (
            1 - SHORTFALL_TOLERANCE
        )


def compare_curve(
    curve: ValueReturnCurve, actual: Mapping[int, YearlyRevenue]
) -> list[CurveComparison]:
    """Expected against actual, year by year; revenue in another currency is not compared."""
    return [
        CurveComparison(
            point.year,
            point.expected_units,
            actual[point.year].units
            if point.year in actual and actual[point.year].currency == curve.currency
            else None,
        )
        for point in sorted(curve.points, key=lambda p: p.year)
    ]


@plain_dataclass(frozen=True)
class RetierRecommendation:
    """A shortfall against the value-return curve: re-tier the customer or change its service
    strategy (book ch.2 §1.13), for one of the two causes."""

    customer_id: str
    region: str
    year: int
    currency: str
    expected_units: int
    actual_units: int
    create_time: datetime

    @property
    def causes(self) -> tuple[str, ...]:
        return SHORTFALL_CAUSES


@dataclass(config=PLUGIN_TYPE)
class ReviewCadence:
    """How often the customer strategy of a customer is reviewed (客户群会组织年度评估)."""

    interval_days: Annotated[int, Field(ge=1, le=3660)]
    explanation: Text


@plain_dataclass(frozen=True)
class DueReview:
    customer_id: str
    industry: str
    interval_days: int
    plugin: str
    last_review_time: datetime | None
    due_time: datetime


# ---------------------------------------------------------------------------------------------
# Industry applicability (seed 000: where customer relationship management pays)
# ---------------------------------------------------------------------------------------------


class IndustryStructure(StrEnum):
    """Seed 000's industry types."""

    FRAGMENTED = "fragmented"  # 天然分散型: many small firms (agencies, home services)
    MONOPOLISTIC = "monopolistic"  # 天然垄断型: a few can do it (chips)
    CONSOLIDATING = "consolidating"  # 先分散后垄断型: many, then a few (telecom equipment)


class ApplicabilityConditionCode(StrEnum):
    """Seed 000's four conditions for customer relationship work to pay."""

    INDUSTRY_TYPE = "industry_type"  # monopolistic or consolidating, not fragmented
    CUSTOMER_TYPE = "customer_type"  # to-B, not to-C
    SALES_TYPE = "sales_type"  # continuing sales, not one deal
    RELATIONSHIP_TYPE = "relationship_type"  # a relationship to keep operating (trust)


@dataclass(config=PLUGIN_TYPE)
class ApplicabilityCondition:
    code: ApplicabilityConditionCode
    met: bool
    explanation: Text


@dataclass(config=PLUGIN_TYPE)
class IndustryApplicability:
    """Whether the MCR method suits a customer's industry (seed 000): the industry's
    structure and each of the four conditions, met or not, with why."""

    industry_structure: IndustryStructure
    conditions: tuple[ApplicabilityCondition, ...]

    def problem(self) -> str | None:
        codes = sorted(c.code.value for c in self.conditions)
        expected = sorted(c.value for c in ApplicabilityConditionCode)
        return None if codes == expected else f"must give each of {expected} once, gave {codes}"

    @property
    def applicable(self) -> bool:
        return all(c.met for c in self.conditions)
