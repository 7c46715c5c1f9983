"""Planning's built-in pack: the yearly calendar of the book, the book's goal translation,
default rule numbers and the evidence rule of derived support levels. A plugin like any
other; an industry pack registered later answers first.
"""

from __future__ import annotations

from mcr_core.plugins import hookimpl

from mcr_planning.assessments.domain import DerivedLevel, Evidence, derive_levels
from mcr_planning.domain import RelationshipGoal
from mcr_planning.goals.domain import MarketGoal, book_relationship_goal
from mcr_planning.hooks import PlanningRules
from mcr_planning.teams.domain import CycleCalendar


@hookimpl
def planning_cycle(tier: str) -> CycleCalendar:
    """Year-end kickoff (1 December), the three-piece set due by the end of March, quarterly
    self-checks, the half-year revision in July and the annual evaluation at year end."""
    return CycleCalendar()


@hookimpl
def planning_relationship_goal(goal: MarketGoal) -> RelationshipGoal:
    return book_relationship_goal(goal)


@hookimpl
def planning_rules() -> PlanningRules:
    return PlanningRules()


@hookimpl
def planning_support_levels(
    evidence: list[Evidence], now, rules: PlanningRules
) -> list[DerivedLevel]:
    """The built-in rule: impacts weighted by age (half-life) and kind (decision time first)."""
    return derive_levels(evidence, now, rules.evidence_rule, rules.scale)
