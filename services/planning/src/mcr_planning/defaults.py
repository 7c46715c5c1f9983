"""Planning's built-in pack: the yearly calendar of the book, the book's goal translation and
default rule numbers. A plugin like any other; an industry pack registered later answers first.
"""

from __future__ import annotations

from mcr_core.plugins import hookimpl

from mcr_planning.domain import (
    CycleCalendar,
    GeneralLevel,
    GoalKind,
    MarketGoal,
    OrgLevel,
    RelationshipGoal,
)
from mcr_planning.hooks import PlanningRules


def relationship_goal(goal: MarketGoal) -> RelationshipGoal:
    """The book's worked example scaled: a 40% share (or a hilltop, or a fight with a
    competitor) needs a partner-level organisational relationship, 2 exclusive CXOs, 3
    non-exclusive key persons and a general relationship above medium (the lower ends of the
    book's 2–3 and 3–4); smaller goals need less."""
    if goal.kind in (GoalKind.HILLTOP, GoalKind.COMPETITION) or goal.target_share_percent >= 40:
        return RelationshipGoal(OrgLevel.PARTNER, 2, 3, GeneralLevel.MEDIUM)
    if goal.target_share_percent >= 20 or goal.kind is GoalKind.PROFIT:
        return RelationshipGoal(OrgLevel.COOPERATION, 1, 2, GeneralLevel.MEDIUM)
    return RelationshipGoal(OrgLevel.CONTACT, 0, 1, GeneralLevel.LOW)


@hookimpl
def planning_cycle(tier: str) -> CycleCalendar:
    """Year-end kickoff (1 December), the three-piece set due by the end of March, quarterly
    self-checks, the half-year revision in July and the annual evaluation at year end."""
    return CycleCalendar()


@hookimpl
def planning_relationship_goal(goal: MarketGoal) -> RelationshipGoal:
    return relationship_goal(goal)


@hookimpl
def planning_rules() -> PlanningRules:
    return PlanningRules()
