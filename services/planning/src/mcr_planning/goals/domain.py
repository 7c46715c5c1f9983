"""Market goals and the relationship goals they need (book §1.18 step 3, R-31), and the gap
between a relationship goal and today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mcr_core.errors import FieldViolation, InvalidArgument

from mcr_planning.domain import (
    CurrentState,
    GeneralLevel,
    OrgLevel,
    RelationshipGoal,
    general_at_least,
    org_at_least,
)

# ---------------------------------------------------------------------------------------------
# Market goals and relationship goals (book §1.18 step 3, R-31)
# ---------------------------------------------------------------------------------------------


class GoalKind(StrEnum):
    HILLTOP = "hilltop"
    SHARE = "share"
    PROFIT = "profit"
    COMPETITION = "competition"


@dataclass(frozen=True)
class MarketGoal:
    kind: GoalKind
    product_segment: str
    target_share_percent: float
    target_year: int
    description: str
    scope: str = ""  # the market the goal is about, e.g. "Guangdong"


def check_market_goal(goal: MarketGoal, this_year: int) -> None:
    violations = []
    if not goal.product_segment.strip():
        violations.append(FieldViolation("market_goal.product_segment", "name the product segment"))
    if goal.kind is GoalKind.SHARE and not 0 < goal.target_share_percent <= 100:
        violations.append(
            FieldViolation("market_goal.target_share_percent", "a share goal needs 0 < % ≤ 100")
        )
    if not 0 <= goal.target_share_percent <= 100:
        violations.append(FieldViolation("market_goal.target_share_percent", "must lie in 0..100"))
    if goal.target_year < this_year:
        violations.append(
            FieldViolation("market_goal.target_year", f"{goal.target_year} is in the past")
        )
    if violations:
        raise InvalidArgument(*violations)


def check_relationship_goal(goal: RelationshipGoal) -> str | None:
    if goal.exclusive_cxos < 0 or goal.non_exclusive_key_persons < 0:
        return "counts of persons cannot be negative"
    return None


@dataclass(frozen=True)
class GoalGap:
    aspect: str  # org_level, exclusive_cxos, non_exclusive_key_persons, general_level
    required: str
    current: str
    met: bool


def gap_analysis(goal: RelationshipGoal, state: CurrentState) -> list[GoalGap]:
    return [
        GoalGap(
            "org_level",
            goal.org_level.value,
            state.org_level.value,
            org_at_least(state.org_level, goal.org_level),
        ),
        GoalGap(
            "exclusive_cxos",
            str(goal.exclusive_cxos),
            str(state.exclusive_cxos),
            state.exclusive_cxos >= goal.exclusive_cxos,
        ),
        GoalGap(
            "non_exclusive_key_persons",
            str(goal.non_exclusive_key_persons),
            str(state.non_exclusive_key_persons),
            state.non_exclusive_key_persons >= goal.non_exclusive_key_persons,
        ),
        GoalGap(
            "general_level",
            goal.general_level.value,
            state.general_level.value,
            general_at_least(state.general_level, goal.general_level),
        ),
    ]


@dataclass(frozen=True)
class GoalRecord:
    """A market goal as recorded for a customer: its id, the opportunity it came from (when
    insight selected it) and the relationship goal the active pack derived from it."""

    id: str
    customer_id: str
    kind: str
    product_segment: str
    scope: str
    target_share_percent: float
    target_year: int
    description: str
    opportunity: str
    relationship_goal: Mapping[str, object]
    request_id: str
    create_time: datetime


def relationship_goal_of(data: Mapping[str, object]) -> RelationshipGoal:
    """The relationship goal recorded with a market goal."""
    return RelationshipGoal(
        OrgLevel(data["org_level"]),
        int(data["exclusive_cxos"]),  # type: ignore[call-overload]
        int(data["non_exclusive_key_persons"]),  # type: ignore[call-overload]
        GeneralLevel(data["general_level"]),
    )


def relationship_goal_data(goal: RelationshipGoal) -> dict[str, object]:
    return {
        "org_level": goal.org_level.value,
        "exclusive_cxos": goal.exclusive_cxos,
        "non_exclusive_key_persons": goal.non_exclusive_key_persons,
        "general_level": goal.general_level.value,
    }


def book_relationship_goal(goal: MarketGoal) -> RelationshipGoal:
    """The book's worked example scaled: a 40% share (or a hilltop, or a fight with a
    competitor) needs a partner-level organisational relationship, 2 exclusive CXOs, 3
    non-exclusive key persons and a general relationship above medium (the lower ends of the
    book's 2–3 and 3–4); smaller goals need less."""
    if goal.kind in (GoalKind.HILLTOP, GoalKind.COMPETITION) or goal.target_share_percent >= 40:
        return RelationshipGoal(OrgLevel.PARTNER, 2, 3, GeneralLevel.MEDIUM)
    if goal.target_share_percent >= 20 or goal.kind is GoalKind.PROFIT:
        return RelationshipGoal(OrgLevel.COOPERATION, 1, 2, GeneralLevel.MEDIUM)
    return RelationshipGoal(OrgLevel.CONTACT, 0, 1, GeneralLevel.LOW)
