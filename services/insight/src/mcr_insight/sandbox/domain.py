"""The strategic sandbox (战略沙盘, book ch.6 §2, ch.7): product segments, spend and vendor
shares, and the opportunities the front line proposes and the market department selects.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict
from dataclasses import dataclass as plain_dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from mcr_core.errors import FieldViolation
from pydantic import Field
from pydantic.dataclasses import dataclass

from mcr_insight.domain import CUSTOMER_PREFIX, PLUGIN_TYPE, TOLERANCE, Text

GOAL_KINDS = ("hilltop", "share", "profit", "competition")
SEGMENT = re.compile(r"^\S(.{0,118}\S)?$")


class OpportunitySource(StrEnum):
    """The front-line role that found the opportunity (book ch.7)."""

    SALES = "sales"  # visits and the customer's budget
    TECHNICAL = "technical"  # 看网讲网
    DELIVERY = "delivery"  # complaints, competitors' equipment problems


class OpportunityHorizon(StrEnum):
    SHORT_TERM = "short_term"
    MEDIUM_TERM = "medium_term"
    LONG_TERM = "long_term"


class OpportunityState(StrEnum):
    PROPOSED = "proposed"  # by the front line
    SELECTED = "selected"  # by the market department: a market target


@plain_dataclass(frozen=True)
class VendorShare:
    vendor: str
    share_percent: float


@plain_dataclass(frozen=True)
class ProductSegment:
    product_segment: str
    spend_share_percent: float
    vendor_shares: tuple[VendorShare, ...] = ()


@plain_dataclass(frozen=True)
class StrategicSandbox:
    customer_id: str
    segments: tuple[ProductSegment, ...] = ()
    etag: str = ""
    update_time: datetime | None = None
    updated_by: str = ""


def sandbox_violations(
    segments: Sequence[ProductSegment], path: str = "strategic_sandbox.segments"
) -> list[FieldViolation]:
    """R-ARC-17: the segments' spend shares sum to 100% (by purchase amount); within a segment
    the vendors' shares sum to at most 100%."""
    found = []
    names = [s.product_segment for s in segments]
    for index, segment in enumerate(segments):
        at = f"{path}[{index}]"
        if not SEGMENT.match(segment.product_segment):
            found.append(FieldViolation(f"{at}.product_segment", "is required (1-120 characters)"))
        elif names.count(segment.product_segment) > 1:
            found.append(FieldViolation(f"{at}.product_segment", "is named twice"))
        share = segment.spend_share_percent
        if not (math.isfinite(share) and 0 < share <= 100):
            found.append(
                FieldViolation(f"{at}.spend_share_percent", "must be above 0, at most 100")
            )
        vendors = [v.vendor for v in segment.vendor_shares]
        for v_index, vendor in enumerate(segment.vendor_shares):
            v_at = f"{at}.vendor_shares[{v_index}]"
            if not vendor.vendor.strip() or vendors.count(vendor.vendor) > 1:
                found.append(FieldViolation(f"{v_at}.vendor", "is required and named once"))
            if not (math.isfinite(vendor.share_percent) and 0 <= vendor.share_percent <= 100):
                found.append(FieldViolation(f"{v_at}.share_percent", "must be from 0 to 100"))
        total = sum(v.share_percent for v in segment.vendor_shares)
        if math.isfinite(total) and total > 100 + TOLERANCE * 100:
            found.append(
                FieldViolation(
                    f"{at}.vendor_shares", f"vendor shares sum to {total:g}%, more than 100%"
                )
            )
    total = sum(s.spend_share_percent for s in segments)
    if segments and not found and abs(total - 100) > TOLERANCE * 100:
        found.append(
            FieldViolation(path, f"the spend shares must sum to 100%; they sum to {total:g}%")
        )
    return found


def sandbox_etag(segments: Sequence[ProductSegment]) -> str:
    content = json.dumps([asdict(s) for s in segments], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


@dataclass(config=PLUGIN_TYPE)
class ProductLine:
    """One product line of an industry's taxonomy: the segments of a customer's strategic
    sandbox and the product segment of its opportunities (book ch.6 §2: an operator's purchasing
    power splits into wireless access, wireless core, service software, optical, datacom)."""

    code: Annotated[str, Field(pattern=SEGMENT.pattern)]
    display_name: Text
    local_name: Text


def product_line_problem(lines: Sequence[ProductLine]) -> str | None:
    codes = [line.code for line in lines]
    if not codes:
        return "names no product line"
    twice = sorted({code for code in codes if codes.count(code) > 1})
    return f"names {', '.join(twice)} twice" if twice else None


def product_line_violations(
    segments: Sequence[str], lines: Sequence[ProductLine], path: str
) -> list[FieldViolation]:
    """Each segment must be a product line of the taxonomy, when a pack gives one; `path`
    formats with the segment's index."""
    if not lines:
        return []
    codes = [line.code for line in lines]
    return [
        FieldViolation(path.format(index), f"must be one of the product lines {', '.join(codes)}")
        for index, segment in enumerate(segments)
        if segment not in codes
    ]


@dataclass(config=PLUGIN_TYPE)
class OpportunityWeights:
    """The weights of the ranking dimensions (book ch.7 R-PLN-2, value market R-ARC-16); the
    book gives none, so they come from a plugin. They sum to 1."""

    market_space: Annotated[float, Field(ge=0, le=1)]
    growth: Annotated[float, Field(ge=0, le=1)]
    profit: Annotated[float, Field(ge=0, le=1)]
    competition_intensity: Annotated[float, Field(ge=0, le=1)]
    business_fit: Annotated[float, Field(ge=0, le=1)]

    def problem(self) -> str | None:
        total = sum(asdict(self).values())
        return None if abs(total - 1) <= TOLERANCE else f"weights sum to {total:g}, not 1"


@plain_dataclass(frozen=True)
class OpportunityRatings:
    market_space: float
    growth: float
    profit: float
    competition_intensity: float
    business_fit: float


def attractiveness(ratings: OpportunityRatings, weights: OpportunityWeights) -> float:
    """The weighted attractiveness 0..100; fierce competition makes an opportunity less
    attractive, so its rating counts inverted."""
    score = (
        weights.market_space * ratings.market_space
        + weights.growth * ratings.growth
        + weights.profit * ratings.profit
        + weights.competition_intensity * (100 - ratings.competition_intensity)
        + weights.business_fit * ratings.business_fit
    )
    return round(score, 6)


@plain_dataclass(frozen=True)
class MarketTarget:
    goal_kind: str
    target_share_percent: float
    target_year: int
    description: str


@plain_dataclass(frozen=True)
class Opportunity:
    id: str
    customer_id: str
    region: str
    product_segment: str
    source_role: OpportunitySource | None
    horizon: OpportunityHorizon | None
    pain_point: str
    description: str
    ratings: OpportunityRatings
    state: OpportunityState = OpportunityState.PROPOSED
    proposed_by: str = ""
    propose_time: datetime | None = None
    selected_by: str = ""
    select_time: datetime | None = None
    market_target: MarketTarget | None = None

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.customer_id}/opportunities/{self.id}"


def opportunity_violations(
    opportunity: Opportunity, path: str = "opportunity"
) -> list[FieldViolation]:
    found = []
    if not SEGMENT.match(opportunity.product_segment):
        found.append(FieldViolation(f"{path}.product_segment", "is required (1-120 characters)"))
    if opportunity.source_role is None:
        found.append(
            FieldViolation(f"{path}.source_role", "is required: sales, technical or delivery")
        )
    if opportunity.horizon is None:
        found.append(FieldViolation(f"{path}.horizon", "is required: short, medium or long term"))
    if not opportunity.pain_point.strip():
        found.append(
            FieldViolation(f"{path}.pain_point", "is required: the pain point it comes from")
        )
    elif len(opportunity.pain_point) > 2000:
        found.append(FieldViolation(f"{path}.pain_point", "must be at most 2000 characters"))
    if len(opportunity.description) > 4000:
        found.append(FieldViolation(f"{path}.description", "must be at most 4000 characters"))
    for dimension, value in asdict(opportunity.ratings).items():
        if not (math.isfinite(value) and 0 <= value <= 100):
            found.append(FieldViolation(f"{path}.ratings.{dimension}", "must be from 0 to 100"))
    return found


def market_target_violations(target: MarketTarget, this_year: int) -> list[FieldViolation]:
    found = []
    path = "market_target"
    if target.goal_kind not in GOAL_KINDS:
        found.append(FieldViolation(f"{path}.goal_kind", f"must be one of {list(GOAL_KINDS)}"))
    share = target.target_share_percent
    if target.goal_kind == "share" and not (math.isfinite(share) and 0 < share <= 100):
        found.append(
            FieldViolation(
                f"{path}.target_share_percent", "a share goal needs a share 0 < s <= 100"
            )
        )
    elif not (math.isfinite(share) and 0 <= share <= 100):
        found.append(FieldViolation(f"{path}.target_share_percent", "must be from 0 to 100"))
    if not this_year <= target.target_year <= this_year + 10:
        found.append(
            FieldViolation(f"{path}.target_year", f"must be from {this_year} to {this_year + 10}")
        )
    if not target.description.strip():
        found.append(FieldViolation(f"{path}.description", "is required: say what the goal is"))
    return found


EMPTY_SANDBOX_FINDING = (
    "The strategic sandbox is empty after the annual insight: the insight effectively was not "
    "done (「战略沙盘中一无所有，那么客户洞察就相当于没做」, book ch.7)."
)


@plain_dataclass(frozen=True)
class AnnualInsight:
    customer_id: str
    year: int
    sandbox_empty: bool
    completed_by: str
    complete_time: datetime

    @property
    def finding(self) -> str:
        return EMPTY_SANDBOX_FINDING if self.sandbox_empty else ""
