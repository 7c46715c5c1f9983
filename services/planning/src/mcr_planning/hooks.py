"""The planning service's plugin hooks (host `planning`, entry-point group `mcr.planning`) and
the typed facade the service calls them through.

Industry packs change the planning year's calendar (carriers plan yearly; internet, finance,
education and weaker planners revise quarterly), how a market goal translates into minimum
relationships, and the numbers of the rules (support scale, weighting, grades, sponsor limits,
thresholds). Every answer is validated; a plugin that raises, hangs or answers nonsense is
reported by name and the next one (at last the built-in pack) answers.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from mcr_core.config import ServiceSettings
from mcr_core.plugins import CustomerContext, PluginFailure, PluginHost, hookspec

from mcr_planning.assessments.domain import (
    Citation,
    DerivedLevel,
    Evidence,
    EvidenceRule,
    Weighting,
    derive_levels,
)
from mcr_planning.domain import (
    DecisionRole,
    GeneralLevel,
    Layer,
    OrgLevel,
    RelationshipGoal,
    SupportScale,
)
from mcr_planning.goals.domain import (
    GoalKind,
    MarketGoal,
    book_relationship_goal,
    check_relationship_goal,
)
from mcr_planning.powermap.domain import DecisionPattern, Thresholds
from mcr_planning.teams.domain import CycleCalendar

HOST = "planning"
DEFAULT_PLUGINS = ("mcr_planning.defaults",)

__all__ = [
    "Citation",
    "CustomerContext",
    "CycleCalendar",
    "DecisionPattern",
    "DecisionRole",
    "DerivedLevel",
    "Evidence",
    "GeneralLevel",
    "GoalKind",
    "MarketGoal",
    "OrgLevel",
    "PlanningRules",
    "RelationshipGoal",
    "SupportScale",
]


@dataclass(frozen=True)
class PlanningRules:
    """The numbers behind the book's rules, per deployment."""

    scale: SupportScale = field(default_factory=SupportScale)
    weighting: Weighting = field(default_factory=Weighting)
    # Job qualification grade an owner needs per layer of the person (book: grade 14 for
    # ordinary customers, 18+ for big European ones).
    required_grades: Mapping[str, int] = field(
        default_factory=lambda: {Layer.LOW.value: 13, Layer.MIDDLE.value: 14, Layer.HIGH.value: 16}
    )
    # Projects a manager of each level may sponsor at once (book: 3 matching their level).
    sponsor_limits: Mapping[str, int] = field(
        default_factory=lambda: {Layer.LOW.value: 3, Layer.MIDDLE.value: 3, Layer.HIGH.value: 3}
    )
    # Projects every manager sponsors (R-80: 「各个层级的主管都要参与3个…项目并担任项目的赞助人」).
    sponsorships_per_manager: int = 3
    owner_target_limit: int = 8
    # How key events age into support levels (decision 7).
    evidence_rule: EvidenceRule = field(default_factory=EvidenceRule)
    thresholds: Thresholds = field(default_factory=Thresholds)


@hookspec(firstresult=True)
def planning_cycle(tier: str) -> CycleCalendar | None:
    """The planning year of customer teams whose customer is in `tier` ("" when untiered).
    Region-wide: one kickoff plans the whole region's year.

    Fires at each kickoff, once per tier present. Returns a `CycleCalendar` (kickoff day in
    the year before, plan due day, self-check days, revision days, evaluation day), or None to
    leave it to the next plugin. firstresult. Example::

        @hookimpl
        def planning_cycle(tier):
            return CycleCalendar(revisions=((3, 31), (6, 30), (9, 30)))
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def planning_relationship_goal(goal: MarketGoal) -> RelationshipGoal | None:
    """The minimum relationships a market goal needs (book R-31: 40% share of product A in
    Guangdong needs partner-level organisational relationship, 2–3 exclusive CXOs, 3–4
    non-exclusive key persons, general relationship above medium).

    Fires when a market goal is entered or received from insight. Returns the
    `RelationshipGoal` the market goal needs, or None to leave it to the next plugin.
    firstresult. Example::

        @hookimpl
        def planning_relationship_goal(goal):
            if goal.kind is not GoalKind.HILLTOP:
                return None
            return RelationshipGoal(OrgLevel.STRATEGIC, 3, 4, GeneralLevel.HIGH)
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def planning_rules() -> PlanningRules | None:
    """The numbers of the planning rules (scale, weighting, grades, limits, thresholds).

    Fires at start-up and when the rules are read. Returns a whole `PlanningRules` (start from
    the defaults and replace what differs), or None to keep the next plugin's. firstresult.
    Example::

        @hookimpl
        def planning_rules():
            return PlanningRules(owner_target_limit=5)
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def planning_decision_pattern(customer: CustomerContext) -> DecisionPattern | None:
    """The decision roles a customer passes its purchases through, by its industry and
    `customer.ownership_type` (private, state_owned, foreign, listed or unspecified; book
    §1.19: 「所有制不同,决策模式不同」). Per customer: only the packs serving the customer's
    industry and ownership type are asked, closest fit first.

    Fires each time the customer's decision chains are drawn or read, with the industry and
    ownership type the archive last announced. Returns a `DecisionPattern` (the roles in order,
    each once, and why); each chain then lists the pattern's roles it does not name yet as
    `missing_roles`. None leaves it to the next plugin; with no pattern nothing is missing.
    firstresult: the first valid pattern wins. Example::

        @hookimpl
        def planning_decision_pattern(customer):
            if customer.ownership_type != "private":
                return None
            return DecisionPattern((DecisionRole.INITIATOR, DecisionRole.DECIDER),
                                   "the owner decides himself")
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def planning_support_levels(
    evidence: list[Evidence], now: datetime, rules: PlanningRules
) -> list[DerivedLevel] | None:
    """A person's support level per dimension, derived from the key events contact recorded
    for them (decision 7): the region's rule replaces the built-in one (each event's weight
    halves every `rules.evidence_rule.half_life_days`; decision-time behaviour weighs most).

    Fires each time a person's derived levels are read, with all their evidence. Returns one
    `DerivedLevel` per dimension the evidence speaks to, each citing the events (and weights)
    behind it; None leaves it to the next plugin. firstresult: the first valid answer wins.
    Example::

        @hookimpl
        def planning_support_levels(evidence, now, rules):
            latest = {}
            for e in sorted(evidence, key=lambda e: e.occur_time):
                latest[e.dimension] = DerivedLevel(
                    e.dimension, e.impact, (Citation(e.key_event, e.occur_time, e.impact, 1.0),)
                )
            return list(latest.values())
    """
    raise NotImplementedError


class PlanningHooks:
    """The only way planning calls its plugins."""

    def __init__(self, host: PluginHost) -> None:
        self.host = host
        self._rules: PlanningRules | None = None

    async def cycle(self, tier: str) -> tuple[CycleCalendar, list[PluginFailure]]:
        outcome = await self.host.call("planning_cycle", problem=_problems, tier=tier)
        found = outcome.first
        return (found.value if found else CycleCalendar()), outcome.failures

    async def relationship_goal(self, goal: MarketGoal) -> RelationshipGoal:
        outcome = await self.host.call(
            "planning_relationship_goal", problem=check_relationship_goal, goal=goal
        )
        if outcome.first is not None:
            return outcome.first.value
        return book_relationship_goal(goal)

    async def decision_pattern(
        self, customer: CustomerContext
    ) -> tuple[tuple[DecisionPattern, str] | None, list[PluginFailure]]:
        outcome = await self.host.call(
            "planning_decision_pattern", problem=_problems, customer=customer
        )
        found = outcome.first
        return ((found.value, found.plugin) if found else None), outcome.failures

    async def support_levels(
        self, evidence: list[Evidence], now: datetime
    ) -> tuple[list[DerivedLevel], str]:
        """The derived levels and the plugin that derived them."""
        rules = await self.rules()
        outcome = await self.host.call(
            "planning_support_levels",
            problem=_all_problems,
            evidence=evidence,
            now=now,
            rules=rules,
        )
        if outcome.first is not None:
            return outcome.first.value, outcome.first.plugin
        return derive_levels(evidence, now, rules.evidence_rule, rules.scale), DEFAULT_PLUGINS[0]

    async def rules(self) -> PlanningRules:
        """Read once per process: the packs cannot change while it runs."""
        if self._rules is None:
            outcome = await self.host.call("planning_rules")
            found = outcome.first
            rules = found.value if found is not None else PlanningRules()
            if rules.scale.problems() is not None:
                rules = PlanningRules()
            self._rules = rules
        return self._rules


def _problems(value) -> str | None:
    return value.problems()


def _all_problems(values) -> str | None:
    if not isinstance(values, list):
        return "answer a list of DerivedLevel"
    return next((p for v in values if (p := _problems(v)) is not None), None)


def plugin_host(settings: ServiceSettings) -> PluginHost:
    return PluginHost.for_service(HOST, sys.modules[__name__], DEFAULT_PLUGINS, settings)
