"""The tier domain: value scores, the tier ladder, tier policies, manual decisions and portfolio
evaluations. Pure: no I/O.

The book gives no scoring formula (decision 5): plugins give the value components and the tier
ladder; the rules here only combine, check and explain what they give. The types plugins
return are frozen pydantic dataclasses, validated when built, and the plugin host checks every
answer's type (a plugin that returns a score of 500 or NaN, or anything but these types, is
reported by name, and its answer does not count).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, field, replace
from dataclasses import dataclass as plain_dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from mcr_core import names
from mcr_core.errors import FieldViolation, InvalidArgument, collect
from pydantic import Field
from pydantic.dataclasses import dataclass

from mcr_insight.domain import (
    CODE,
    CUSTOMER_PREFIX,
    PLUGIN_TYPE,
    TOLERANCE,
    Code,
    CustomerFacts,
    PluginFailureRecord,
    Score,
    Text,
)

ASSIGNMENT = "customers/{}/tierAssignment"
POLICY = "tierPolicies/{}"
MAX_MANUAL_DECISION = timedelta(days=2 * 366)


class ValueHorizon(StrEnum):
    """Current (当期价值) or long-term (长期价值) value."""

    CURRENT = "current"
    LONG_TERM = "long_term"


class ValueVisibility(StrEnum):
    """Explicit (显性价值) or implicit (隐性价值) value, such as a lighthouse effect."""

    EXPLICIT = "explicit"
    IMPLICIT = "implicit"


class TierSource(StrEnum):
    COMPUTED = "computed"
    MANUAL = "manual"


@dataclass(config=PLUGIN_TYPE)
class ScoreComponent:
    """One part of a customer's value (客户价值打分), as a scoring plugin gives it.

    `value` is 0..100; `weight` (≥ 0) is the plugin's own weight, which a region's
    configuration may replace per dimension; `explanation` says why, in words a manager
    can check.
    """

    dimension: Code
    value: Score
    weight: Annotated[float, Field(ge=0, le=1000)]
    horizon: ValueHorizon
    visibility: ValueVisibility
    explanation: Text


@dataclass(config=PLUGIN_TYPE)
class TierDefinition:
    """One tier of the ladder: `rank` 1 is the highest; `min_score` the lowest score reaching it."""

    code: Code
    display_name: Text
    local_name: str
    rank: Annotated[int, Field(ge=1, le=100)]
    min_score: Score


@dataclass(config=PLUGIN_TYPE)
class RelationshipObligation:
    """Relationship or archive work a tier requires (decision 3), e.g. `key_relationship`."""

    code: Code
    description: Text


@dataclass(config=PLUGIN_TYPE)
class ContactCadence:
    """Contacts with persons of `role` at least `minimum_contacts` times per `interval_days`:
    at most `max_days` between two contacts, ideally `ideal_days` (the reminder comes then).
    The one place both intervals of a tier's cadence are set: contact plans from them, and the
    what-if shows them."""

    role: Code
    interval_days: Annotated[int, Field(ge=1, le=3660)]
    minimum_contacts: Annotated[int, Field(ge=1, le=1000)]
    # None: three quarters of the maximum, so that a normal week's slip does not breach.
    ideal_days: Annotated[int, Field(ge=1, le=3660)] | None = None

    @property
    def max_days(self) -> float:
        return self.interval_days / self.minimum_contacts

    @property
    def ideal(self) -> float:
        if self.ideal_days is not None:
            return min(float(self.ideal_days), self.max_days)
        return max(self.max_days * 0.75, min(1.0, self.max_days))


@dataclass(config=PLUGIN_TYPE)
class IssueSla:
    """First answer within `response_hours`, resolution within `resolution_hours`."""

    severity: Code
    response_hours: Annotated[int, Field(ge=1, le=87_840)]
    resolution_hours: Annotated[int, Field(ge=1, le=87_840)]


@dataclass(config=PLUGIN_TYPE)
class TierPolicy:
    """The operating rules of a tier (客户政策; book ch.2 业务管理规则, decision 4).

    Priorities count from 1 (the highest); times are whole hours and days.
    """

    tier: Code
    reception_standard: Text  # 客户接待标准
    commercial_level: Text  # 商务水平
    service_response_hours: Annotated[int, Field(ge=1, le=87_840)]  # 服务响应速度
    requirement_priority: Annotated[int, Field(ge=1, le=100)]  # 需求接纳的优先级
    supply_priority: Annotated[int, Field(ge=1, le=100)]  # 供货计划保障的优先级
    relationship_obligations: tuple[RelationshipObligation, ...]
    contact_cadences: tuple[ContactCadence, ...]
    issue_slas: tuple[IssueSla, ...]
    survey_interval_days: Annotated[int, Field(ge=1, le=3660)]
    review_interval_days: Annotated[int, Field(ge=1, le=3660)]


@plain_dataclass(frozen=True)
class PublishedPolicy:
    """A tier's policy as a pack answers it, and the fingerprint that tells its changes."""

    policy: TierPolicy
    plugin: str
    etag: str


def policy_etag(policy: TierPolicy, plugin: str) -> str:
    """A fingerprint that changes exactly when the policy's content or its plugin changes."""
    content = json.dumps({"plugin": plugin, **asdict(policy)}, sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def assignment_name(customer_id: str) -> str:
    return names.format_name(ASSIGNMENT, customer_id)


def tier_from_policy_name(name: str) -> str:
    tier = names.parse_one(name, POLICY, "name")
    if not CODE.match(tier):
        raise InvalidArgument.field("name", "must look like tierPolicies/{tier}")
    return tier


# ---------------------------------------------------------------------------------------------
# The tier ladder and a region's configuration
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class TierLadder:
    """The tiers the active packs define, highest first, and the plugin that defined them.

    Decision 2: plugins may rename or add tiers; the order is always explicit (`rank`).
    """

    tiers: tuple[TierDefinition, ...]
    plugin: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.tiers)

    def get(self, code: str) -> TierDefinition | None:
        return next((t for t in self.tiers if t.code == code), None)


def ladder_problems(tiers: Sequence[TierDefinition]) -> str | None:
    """Why a plugin's ladder cannot be used, or None: codes and ranks must be unique, and a
    higher tier must need a higher score."""
    if not tiers:
        return "defines no tiers"
    codes = [t.code for t in tiers]
    ranks = [t.rank for t in tiers]
    if len(set(codes)) != len(codes):
        return "defines a tier code twice"
    if len(set(ranks)) != len(ranks):
        return "gives two tiers the same rank"
    ordered = sorted(tiers, key=lambda t: t.rank)
    if any(a.min_score <= b.min_score for a, b in itertools.pairwise(ordered)):
        return "gives a higher tier a threshold not above the next tier's"
    return None


def make_ladder(tiers: Sequence[TierDefinition], plugin: str) -> TierLadder:
    return TierLadder(tuple(sorted(tiers, key=lambda t: t.rank)), plugin)


@plain_dataclass(frozen=True)
class TierConfiguration:
    """A region's choice of scoring plugins, dimension weights and tier thresholds.

    Revision 0 is the packs' defaults: every scoring plugin, the plugins' own weights, the
    ladder's own thresholds.
    """

    scoring_plugins: tuple[str, ...] = ()
    dimension_weights: Mapping[str, float] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    revision: int = 0
    update_time: datetime | None = None
    updated_by: str = ""


def configuration_violations(
    config: TierConfiguration,
    ladder: TierLadder,
    known_plugins: Iterable[str],
    prefix: str = "configuration",
) -> list[FieldViolation]:
    """Everything wrong with a candidate configuration, each naming its field."""
    found: list[FieldViolation] = []
    known = set(known_plugins)
    for index, plugin in enumerate(config.scoring_plugins):
        if plugin not in known:
            found.append(
                FieldViolation(
                    f"{prefix}.scoring_plugins[{index}]",
                    f"no active scoring plugin is called {plugin!r}; active: {sorted(known)}",
                )
            )
    found += _weight_violations(config.dimension_weights, f"{prefix}.dimension_weights")
    found += _threshold_violations(config.thresholds, ladder, f"{prefix}.thresholds")
    return found


def _weight_violations(weights: Mapping[str, float], path: str) -> list[FieldViolation]:
    if not weights:
        return []
    found = [
        FieldViolation(f"{path}[{name!r}]", "must be a finite number from 0 to 1")
        for name, weight in weights.items()
        if not (math.isfinite(weight) and 0 <= weight <= 1)
    ]
    total = sum(weights.values())
    if not found and abs(total - 1) > TOLERANCE:
        found.append(FieldViolation(path, f"the weights must sum to 1; they sum to {total:g}"))
    return found


def _threshold_violations(
    thresholds: Mapping[str, float], ladder: TierLadder, path: str
) -> list[FieldViolation]:
    found = []
    for index, (tier, score) in enumerate(thresholds.items()):
        if ladder.get(tier) is None:
            found.append(
                FieldViolation(
                    f"{path}[{index}].tier",
                    f"the active packs define no tier {tier!r}; tiers: {list(ladder.codes)}",
                )
            )
        elif not (math.isfinite(score) and 0 <= score <= 100):
            found.append(FieldViolation(f"{path}[{index}].min_score", "must be from 0 to 100"))
    if not found:
        merged = apply_thresholds(ladder, thresholds).tiers
        if any(a.min_score <= b.min_score for a, b in itertools.pairwise(merged)):
            found.append(FieldViolation(path, "a higher tier needs a higher min_score"))
    return found


def apply_thresholds(ladder: TierLadder, thresholds: Mapping[str, float]) -> TierLadder:
    """The ladder with the configuration's thresholds in place of the packs' own."""
    tiers = tuple(
        TierDefinition(t.code, t.display_name, t.local_name, t.rank, thresholds[t.code])
        if t.code in thresholds
        else t
        for t in ladder.tiers
    )
    return TierLadder(tiers, ladder.plugin)


def tier_for_score(score: float, tiers: Sequence[TierDefinition]) -> str:
    """The highest tier whose threshold the score reaches; below them all, the lowest tier."""
    ordered = sorted(tiers, key=lambda t: t.rank)
    for tier in ordered:
        if score >= tier.min_score:
            return tier.code
    return ordered[-1].code


# ---------------------------------------------------------------------------------------------
# Value scores
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class AttributedComponent:
    """A score component with the plugin that produced it and the weight it counted with."""

    plugin: str
    component: ScoreComponent
    effective_weight: float = 0.0


@plain_dataclass(frozen=True)
class ValueScore:
    score: float
    components: tuple[AttributedComponent, ...]


def combine(
    components: Sequence[AttributedComponent], dimension_weights: Mapping[str, float]
) -> ValueScore:
    """The weighted mean of the components (0..100), each with its effective weight.

    With dimension weights configured they replace the plugins' weights, and dimensions the
    configuration does not name count with weight 0. Weights are normalised so that plugins
    need not agree on a scale; a score with no weight at all is 0.
    """

    def weight_of(item: AttributedComponent) -> float:
        if dimension_weights:
            return dimension_weights.get(item.component.dimension, 0.0)
        return item.component.weight

    total = sum(weight_of(item) for item in components)
    if total <= 0:
        return ValueScore(0.0, tuple(components))
    weighted = tuple(
        AttributedComponent(item.plugin, item.component, weight_of(item) / total)
        for item in components
    )
    score = sum(item.component.value * item.effective_weight for item in weighted)
    return ValueScore(round(min(100.0, max(0.0, score)), 6), weighted)


# ---------------------------------------------------------------------------------------------
# Assignments, manual decisions, changes
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class ManualDecision:
    """A tier set by management's collective judgement (集体智慧, book ch.2) until it expires."""

    id: str
    customer_id: str
    tier: str
    justification: str
    decided_by: str
    decide_time: datetime
    expire_time: datetime
    end_time: datetime | None = None
    end_reason: str = ""


@plain_dataclass(frozen=True)
class Scoring:
    """What scoring one customer gave: a score and a computed tier, or the failures."""

    customer: CustomerFacts
    value: ValueScore | None
    computed_tier: str
    assigned_by: str
    failures: tuple[PluginFailureRecord, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.failures and self.value is not None and bool(self.computed_tier)


@plain_dataclass(frozen=True)
class TierAssignment:
    customer_id: str
    region: str
    tier: str = ""
    computed_tier: str = ""
    score: float = 0.0
    source: TierSource | None = None
    components: tuple[AttributedComponent, ...] = ()
    failures: tuple[PluginFailureRecord, ...] = ()
    assigned_by: str = ""
    configuration_revision: int = 0
    scoring_incomplete: bool = False
    tier_change_time: datetime | None = None
    update_time: datetime | None = None


@plain_dataclass(frozen=True)
class TierChange:
    """A change of the tier in force, with its reason: written to the history, announced."""

    customer_id: str
    region: str
    previous_tier: str
    tier: str
    source: TierSource | None
    reason: str
    score: float
    changed_by: str
    change_time: datetime
    configuration_revision: int


def rescored(
    current: TierAssignment | None,
    scoring: Scoring,
    manual: ManualDecision | None,
    configuration_revision: int,
    now: datetime,
) -> tuple[TierAssignment, TierChange | None]:
    """The assignment after a scoring, and the change of the tier in force, if any.

    A scoring a plugin failed in leaves the tier as it was: a flaky plugin must not demote a
    customer. A manual decision in force survives re-scoring until it expires.
    """
    facts = scoring.customer
    base = current or TierAssignment(facts.id, facts.region)
    if not scoring.complete:
        kept = replace(base, failures=scoring.failures, scoring_incomplete=True, update_time=now)
        return kept, None
    value = scoring.value
    assert value is not None  # complete implies a value
    tier, source = (
        (manual.tier, TierSource.MANUAL) if manual else (scoring.computed_tier, TierSource.COMPUTED)
    )
    changed = tier != base.tier
    assignment = TierAssignment(
        customer_id=facts.id,
        region=facts.region,
        tier=tier,
        computed_tier=scoring.computed_tier,
        score=value.score,
        source=source,
        components=value.components,
        failures=(),
        assigned_by=scoring.assigned_by,
        configuration_revision=configuration_revision,
        scoring_incomplete=False,
        tier_change_time=now if changed else base.tier_change_time,
        update_time=now,
    )
    if not changed:
        return assignment, None
    reason = (
        f"value score {value.score:.1f} gives tier {tier} "
        f"(configuration revision {configuration_revision})"
    )
    return assignment, change_of(base, assignment, reason, "system", now)


def change_of(
    before: TierAssignment, after: TierAssignment, reason: str, who: str, now: datetime
) -> TierChange:
    return TierChange(
        customer_id=after.customer_id,
        region=after.region,
        previous_tier=before.tier,
        tier=after.tier,
        source=after.source,
        reason=reason,
        score=after.score,
        changed_by=who,
        change_time=now,
        configuration_revision=after.configuration_revision,
    )


def with_tier(
    current: TierAssignment, tier: str, source: TierSource, now: datetime
) -> TierAssignment:
    changed = tier != current.tier
    return replace(
        current,
        tier=tier,
        source=source,
        tier_change_time=now if changed else current.tier_change_time,
    )


def check_manual_decision(
    tier: str, justification: str, expire_time: datetime | None, ladder: TierLadder, now: datetime
) -> None:
    found = []
    if ladder.get(tier) is None:
        found.append(
            FieldViolation(
                "tier", f"the active packs define no tier {tier!r}; tiers: {list(ladder.codes)}"
            )
        )
    if not justification.strip():
        found.append(FieldViolation("justification", "is required: say why management decides"))
    elif len(justification) > 2000:
        found.append(FieldViolation("justification", "must be at most 2000 characters"))
    if expire_time is None:
        found.append(FieldViolation("expire_time", "is required: a manual tier must expire"))
    elif expire_time <= now:
        found.append(FieldViolation("expire_time", "must be in the future"))
    elif expire_time - now > MAX_MANUAL_DECISION:
        found.append(FieldViolation("expire_time", "must be at most two years ahead"))
    collect(found)


# ---------------------------------------------------------------------------------------------
# Portfolio evaluations (what-if, rescore, apply)
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class Migration:
    from_tier: str
    to_tier: str
    count: int
    customers: tuple[str, ...]
    reasons: tuple[str, ...] = ()  # the packs whose components they gain or lose, and how many


@plain_dataclass(frozen=True)
class FailureReport:
    plugin: str
    hook: str
    reason: str
    customer_count: int
    customers: tuple[str, ...]


@plain_dataclass(frozen=True)
class PortfolioEvaluation:
    configuration: TierConfiguration
    customers_evaluated: int
    migrations: tuple[Migration, ...]
    tier_counts: Mapping[str, int]
    failures: tuple[FailureReport, ...]
    applied: bool
    packs: tuple[str, ...] = ()  # the packs it was evaluated with
    policies: tuple[PublishedPolicy, ...] = ()  # what each tier is owed under them


class PortfolioTally:
    """Collects, customer by customer, the tier moves and plugin failures of an evaluation."""

    def __init__(self, ladder: TierLadder, max_listed: int) -> None:
        self.ladder, self.max_listed = ladder, max_listed
        self.evaluated = 0
        self.counts: Counter[str] = Counter()
        # Counts and the first `max_listed` customers only: a portfolio of a million customers
        # must not keep a million names in memory.
        self._moves: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._move_counts: Counter[tuple[str, str]] = Counter()
        self._failures: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._failure_counts: Counter[tuple[str, str]] = Counter()
        self._reasons: dict[tuple[str, str], str] = {}
        self._why: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(
        self,
        customer_id: str,
        before: str,
        after: str,
        scoring: Scoring,
        scored_by: frozenset[str] = frozenset(),
    ) -> None:
        """One customer's move; `scored_by` are the plugins whose components its current
        assignment holds, so that a move says which packs it gains or loses."""
        self.evaluated += 1
        if after:
            self.counts[after] += 1
        if before != after:
            self._note(self._moves, self._move_counts, (before, after), customer_id)
            now = {c.plugin for c in scoring.value.components} if scoring.value else set()
            why = self._why[(before, after)]
            why.update(f"scored by {plugin} now" for plugin in now - scored_by)
            why.update(f"no longer scored by {plugin}" for plugin in scored_by - now)
        for failure in scoring.failures:
            key = (failure.plugin, failure.hook)
            self._note(self._failures, self._failure_counts, key, customer_id)
            self._reasons.setdefault(key, failure.reason)

    def _note(self, listed: dict, counts: Counter, key: tuple[str, str], customer_id: str) -> None:
        counts[key] += 1
        if len(listed[key]) < self.max_listed:
            listed[key].append(customer_id)

    def result(
        self,
        configuration: TierConfiguration,
        applied: bool,
        packs: tuple[str, ...] = (),
        policies: tuple[PublishedPolicy, ...] = (),
    ) -> PortfolioEvaluation:
        rank = {code: index for index, code in enumerate(self.ladder.codes)}
        order = sorted(self._moves, key=lambda m: (rank.get(m[0], -1), rank.get(m[1], -1)))
        migrations = tuple(
            Migration(
                before,
                after,
                self._move_counts[(before, after)],
                tuple(CUSTOMER_PREFIX + i for i in self._moves[(before, after)]),
                tuple(
                    f"{reason} ({number} of them)"
                    for reason, number in sorted(self._why[(before, after)].items())
                ),
            )
            for before, after in order
        )
        failures = tuple(
            FailureReport(
                plugin,
                hook,
                self._reasons[(plugin, hook)],
                self._failure_counts[(plugin, hook)],
                tuple(CUSTOMER_PREFIX + i for i in ids),
            )
            for (plugin, hook), ids in sorted(self._failures.items())
        )
        counts = {code: self.counts.get(code, 0) for code in self.ladder.codes}
        return PortfolioEvaluation(
            configuration, self.evaluated, migrations, counts, failures, applied, packs, policies
        )


def listing_limit(requested: int, field_path: str = "max_customers_per_migration") -> int:
    if requested < 0:
        raise InvalidArgument.field(field_path, "must not be negative")
    return min(requested or 100, 10_000)
