"""The insight domain: value scores, tiers, tier policies, manual decisions and CLV. Pure: no I/O.

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
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, field, replace
from dataclasses import dataclass as plain_dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from mcr_core.errors import FieldViolation, InvalidArgument, collect
from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

CUSTOMER_PREFIX = "customers/"
ASSIGNMENT_SUFFIX = "/tierAssignment"
POLICY_PREFIX = "tierPolicies/"
_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
# Sums of weights, shares and probabilities are compared with this tolerance (floating point).
TOLERANCE = 1e-6
MAX_MANUAL_DECISION = timedelta(days=2 * 366)
MAX_HORIZON_PERIODS = 1200

# What plugins return is checked on every call; an instance of these types was checked when it
# was built and is frozen, so it passes as it is (re-checking it cost a batch a third of its time).
_PLUGIN_TYPE = ConfigDict(revalidate_instances="never", allow_inf_nan=False, frozen=True)

Score = Annotated[float, Field(ge=0, le=100)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Code = Annotated[str, Field(pattern=_CODE.pattern)]


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


# ---------------------------------------------------------------------------------------------
# What plugins receive and return
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class CustomerFacts:
    """The facts about a customer enterprise that insight keeps from the archive's events.

    There is deliberately no lifecycle state here: whether we already do business with a
    customer is not a value criterion (decision 5, 「有没有合作和客户有没有价值是两回事」).
    """

    id: str
    region: str
    display_name: str = ""
    industry: str = ""
    country_code: str = ""
    parent_group_id: str | None = None
    revenue_currency: str | None = None
    revenue_units: int | None = None
    employee_count: int = 0

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.id}"


@dataclass(config=_PLUGIN_TYPE)
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


@dataclass(config=_PLUGIN_TYPE)
class TierDefinition:
    """One tier of the ladder: `rank` 1 is the highest; `min_score` the lowest score reaching it."""

    code: Code
    display_name: Text
    local_name: str
    rank: Annotated[int, Field(ge=1, le=100)]
    min_score: Score


@dataclass(config=_PLUGIN_TYPE)
class RelationshipObligation:
    """Relationship or archive work a tier requires (decision 3), e.g. `key_relationship`."""

    code: Code
    description: Text


@dataclass(config=_PLUGIN_TYPE)
class ContactCadence:
    """Contacts with persons of `role` at least `minimum_contacts` times per `interval_days`."""

    role: Code
    interval_days: Annotated[int, Field(ge=1, le=3660)]
    minimum_contacts: Annotated[int, Field(ge=1, le=1000)]


@dataclass(config=_PLUGIN_TYPE)
class IssueSla:
    """First answer within `response_hours`, resolution within `resolution_hours`."""

    severity: Code
    response_hours: Annotated[int, Field(ge=1, le=87_840)]
    resolution_hours: Annotated[int, Field(ge=1, le=87_840)]


@dataclass(config=_PLUGIN_TYPE)
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


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def customer_id_from_name(name: str, field_path: str = "parent") -> str:
    customer_id = name.removeprefix(CUSTOMER_PREFIX)
    if customer_id == name or not _ID.match(customer_id):
        raise InvalidArgument.field(field_path, "must look like customers/{customer_id}")
    return customer_id


def customer_id_from_assignment(name: str, field_path: str = "name") -> str:
    if not name.endswith(ASSIGNMENT_SUFFIX):
        raise InvalidArgument.field(
            field_path, "must look like customers/{customer_id}/tierAssignment"
        )
    return customer_id_from_name(name.removesuffix(ASSIGNMENT_SUFFIX), field_path)


def customer_id_from_child(name: str, child: str, field_path: str = "name") -> str:
    """The customer of a singleton child resource such as customers/{id}/strategicSandbox."""
    suffix = f"/{child}"
    if not name.endswith(suffix):
        raise InvalidArgument.field(field_path, f"must look like customers/{{customer_id}}{suffix}")
    return customer_id_from_name(name.removesuffix(suffix), field_path)


def analysis_name_parts(name: str, field_path: str = "name") -> tuple[str, str]:
    """(customer id, kind) of customers/{customer_id}/analyses/{kind}."""
    customer_id, kind = ids_from_child_name(name, "analyses", field_path)
    if kind not in ANALYSIS_KINDS:
        raise InvalidArgument.field(
            field_path, f"the analysis kind must be one of {list(ANALYSIS_KINDS)}"
        )
    return customer_id, kind


def ids_from_child_name(name: str, collection: str, field_path: str = "name") -> tuple[str, str]:
    """(customer id, child id) of a name like customers/{id}/opportunities/{child_id}."""
    parent, _, child_id = name.rpartition("/")
    customer, _, found = parent.rpartition("/")
    if found != collection or not _ID.match(child_id):
        raise InvalidArgument.field(
            field_path, f"must look like customers/{{customer_id}}/{collection}/{{id}}"
        )
    return customer_id_from_name(customer, field_path), child_id


def assignment_name(customer_id: str) -> str:
    return f"{CUSTOMER_PREFIX}{customer_id}{ASSIGNMENT_SUFFIX}"


def tier_from_policy_name(name: str) -> str:
    tier = name.removeprefix(POLICY_PREFIX)
    if tier == name or not _CODE.match(tier):
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
class PluginFailureRecord:
    plugin: str
    hook: str
    reason: str


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

    def add(self, customer_id: str, before: str, after: str, scoring: Scoring) -> None:
        self.evaluated += 1
        if after:
            self.counts[after] += 1
        if before != after:
            self._note(self._moves, self._move_counts, (before, after), customer_id)
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


# ---------------------------------------------------------------------------------------------
# The strategic sandbox (战略沙盘, book ch.6 §2, ch.7) and its opportunities
# ---------------------------------------------------------------------------------------------

MARKET_DEPARTMENT = "market_department"  # the role that selects opportunities (book ch.7)
GOAL_KINDS = ("hilltop", "share", "profit", "competition")
_SEGMENT = re.compile(r"^\S(.{0,118}\S)?$")


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
        if not _SEGMENT.match(segment.product_segment):
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


@dataclass(config=_PLUGIN_TYPE)
class ProductLine:
    """One product line of an industry's taxonomy: the segments of a customer's strategic
    sandbox and the product segment of its opportunities (book ch.6 §2: an operator's purchasing
    power splits into wireless access, wireless core, service software, optical, datacom)."""

    code: Annotated[str, Field(pattern=_SEGMENT.pattern)]
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


@dataclass(config=_PLUGIN_TYPE)
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
    if not _SEGMENT.match(opportunity.product_segment):
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


@dataclass(config=_PLUGIN_TYPE)
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


@dataclass(config=_PLUGIN_TYPE)
class ApplicabilityCondition:
    code: ApplicabilityConditionCode
    met: bool
    explanation: Text


@dataclass(config=_PLUGIN_TYPE)
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


# ---------------------------------------------------------------------------------------------
# Insight analyses (客户洞察, book ch.2 §1.10): structured, versioned, hypotheses until confirmed
# ---------------------------------------------------------------------------------------------

# The analysis kinds of a customer: resource id → the content's field.
ANALYSIS_KINDS = {
    "externalEnvironment": "external_environment",
    "enterpriseOverview": "enterprise_overview",
    "needs": "needs",
    "procurementDecisionPattern": "procurement_decision_pattern",
}
MAX_STATEMENT = 2000


class ConclusionStatus(StrEnum):
    HYPOTHESIS = "hypothesis"  # 假设: not yet verified with the customer
    CONFIRMED = "confirmed"
    REFUTED = "refuted"


@plain_dataclass(frozen=True)
class AnalysisVersion:
    """One version of one analysis. `content` is the analysis as plain data (the API's field
    names); every conclusion in it is a mapping with `statement` and `status`."""

    customer_id: str
    kind: str
    version: int
    content: Mapping
    etag: str
    update_time: datetime
    updated_by: str

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.customer_id}/analyses/{self.kind}"

    @property
    def open_hypotheses(self) -> int:
        return sum(
            1 for _, c in conclusions_in(self.content) if c["status"] == ConclusionStatus.HYPOTHESIS
        )


def conclusions_in(data: object, path: str = "") -> Iterable[tuple[str, dict]]:
    """Every conclusion (a mapping with a `statement`) in an analysis, with its field path."""
    if isinstance(data, dict):
        if "statement" in data:
            yield path, data
            return
        for key, value in data.items():
            yield from conclusions_in(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from conclusions_in(value, f"{path}[{index}]")


def settle_conclusions(
    content: dict, previous: Mapping | None, now: datetime, path: str
) -> list[FieldViolation]:
    """Check every conclusion, make an unstated status a hypothesis, and stamp when each was
    confirmed or refuted (kept from the previous version when nothing changed)."""
    before = {p: c for p, c in conclusions_in(previous or {})}
    found = []
    for at, conclusion in conclusions_in(content):
        field_path = f"{path}.{at}"
        statement = conclusion.get("statement", "").strip()
        if not statement:
            found.append(FieldViolation(f"{field_path}.statement", "is required"))
        elif len(statement) > MAX_STATEMENT:
            found.append(
                FieldViolation(f"{field_path}.statement", f"at most {MAX_STATEMENT} characters")
            )
        conclusion["statement"] = statement
        status = conclusion.setdefault("status", ConclusionStatus.HYPOTHESIS)
        if status == ConclusionStatus.HYPOTHESIS:
            conclusion.pop("verify_time", None)
            continue
        if not conclusion.get("verified_with", "").strip():
            found.append(
                FieldViolation(
                    f"{field_path}.verified_with",
                    f"say with whom the conclusion was {status}: a conclusion is a "
                    "hypothesis until verified with the customer",
                )
            )
        old = before.get(at)
        same = old and old["statement"] == statement and old["status"] == status
        conclusion["verify_time"] = old["verify_time"] if same else now.isoformat()
    return found


_CHOICES = {
    "external_environment": {"substitute_kind": ("opportunity", "threat")},
    "procurement_decision_pattern": {
        "centralisation": ("central", "local"),
        "decision_making": ("one_person", "collective"),
        "priority": ("commercial", "technical", "relationship"),
    },
}


def analysis_violations(field: str, content: Mapping, path: str) -> list[FieldViolation]:
    """The rules of each kind beyond its conclusions."""
    found = []
    for key, allowed in _CHOICES.get(field, {}).items():
        if content.get(key, "") not in ("", *allowed):
            found.append(FieldViolation(f"{path}.{key}", f"must be one of {list(allowed)}"))
    if field == "needs":
        for index, need in enumerate(content.get("needs", [])):
            for key in ("need", "fulfilment", "horizon"):
                if key not in need:
                    found.append(FieldViolation(f"{path}.needs[{index}].{key}", "is required"))
    if field == "procurement_decision_pattern":
        for index, item in enumerate(content.get("approval_thresholds", [])):
            at = f"{path}.approval_thresholds[{index}]"
            if int(item.get("min_amount_units", 0)) < 0:
                found.append(FieldViolation(f"{at}.min_amount_units", "must be 0 or more"))
            if not re.match(r"^[A-Z]{3}$", item.get("currency_code", "")):
                found.append(FieldViolation(f"{at}.currency_code", "must be like CNY"))
            if not item.get("approver", "").strip():
                found.append(FieldViolation(f"{at}.approver", "is required"))
    return found


def content_etag(content: Mapping) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Service strategy (大客户服务策略, book ch.2 §1.12)
# ---------------------------------------------------------------------------------------------

# What customers choose us for (「例如公司的进取心、解决方案的创新能力、快速响应能力、定制化
# 服务、价格低、融资服务、商业咨询、便利性」).
CUSTOMER_VALUES = (
    "enterprising",
    "solution_innovation",
    "rapid_response",
    "customised_service",
    "low_price",
    "financing",
    "business_consulting",
    "convenience",
)
MAX_CORE_VALUES = 3  # "select a few demands" to commit to


@plain_dataclass(frozen=True)
class ServiceSolution:
    demand: str
    solution: str
    profit_model: str


@plain_dataclass(frozen=True)
class ServiceStrategy:
    customer_id: str
    customer_demands: tuple[str, ...]
    why_customer_chooses_us: str
    core_values: tuple[str, ...]
    strategic_control_points: tuple[str, ...]
    solutions: tuple[ServiceSolution, ...] = ()
    version: int = 0
    etag: str = ""
    update_time: datetime | None = None
    updated_by: str = ""


def strategy_violations(s: ServiceStrategy, path: str = "service_strategy") -> list[FieldViolation]:
    found = []
    for index, demand in enumerate(s.customer_demands):
        if demand not in CUSTOMER_VALUES or s.customer_demands.count(demand) > 1:
            found.append(
                FieldViolation(
                    f"{path}.customer_demands[{index}]",
                    f"name each once, from {list(CUSTOMER_VALUES)}",
                )
            )
    if not s.why_customer_chooses_us.strip():
        found.append(FieldViolation(f"{path}.why_customer_chooses_us", "is required"))
    elif len(s.why_customer_chooses_us) > MAX_STATEMENT:
        found.append(FieldViolation(f"{path}.why_customer_chooses_us", "is too long"))
    if not 1 <= len(s.core_values) <= MAX_CORE_VALUES:
        found.append(
            FieldViolation(
                f"{path}.core_values", f"commit to a few: 1 to {MAX_CORE_VALUES} core values"
            )
        )
    for index, value in enumerate(s.core_values):
        if value not in s.customer_demands:
            found.append(
                FieldViolation(
                    f"{path}.core_values[{index}]",
                    "a core value must be one of the customer's demands",
                )
            )
    for index, point in enumerate(s.strategic_control_points):
        if not point.strip() or len(point) > 500:
            found.append(
                FieldViolation(f"{path}.strategic_control_points[{index}]", "1-500 characters")
            )
    for index, solution in enumerate(s.solutions):
        if not solution.demand.strip() or not solution.solution.strip():
            found.append(
                FieldViolation(f"{path}.solutions[{index}]", "give the demand and the solution")
            )
    return found


def strategy_etag(s: ServiceStrategy) -> str:
    content = asdict(replace(s, etag="", update_time=None, updated_by="", version=0))
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Information products of the market department (book ch.2 §1.13, R-112)
# ---------------------------------------------------------------------------------------------


class ProductKind(StrEnum):
    CUSTOMER_ANALYSIS_REPORT = "customer_analysis_report"  # 客户分析报告
    DYNAMICS_BRIEF = "dynamics_brief"  # 客户动态简报
    CEO_CHANGE_REPORT = "ceo_change_report"  # 客户CEO变化专题分析报告
    FINANCIAL_ANALYSIS_REPORT = "financial_analysis_report"  # 财务分析报告


DIRECTOR_LEVEL = "director"  # low classification: director level (总监层) and above
COMMISSIONED = "commissioned"  # special reports: only on a directed commission (定向委托)
# The roles at director level and above; a deployment's token issuer gives them.
DIRECTOR_AND_ABOVE = frozenset({"director", "vice_president", "executive"})
CLASSIFICATION_LEVELS = {DIRECTOR_LEVEL: DIRECTOR_AND_ABOVE, COMMISSIONED: frozenset()}
SPECIAL_REPORTS = frozenset({ProductKind.CEO_CHANGE_REPORT, ProductKind.FINANCIAL_ANALYSIS_REPORT})


def classification_of(kind: ProductKind) -> str:
    return COMMISSIONED if kind in SPECIAL_REPORTS else DIRECTOR_LEVEL


@plain_dataclass(frozen=True)
class Commission:
    """A professional department's directed request for a special report: it grants the
    report to the employees named."""

    department: str
    grantees: tuple[str, ...]


@plain_dataclass(frozen=True)
class InformationProduct:
    id: str
    customer_id: str
    region: str
    kind: ProductKind
    title: str
    body: str
    commission: Commission | None
    author: str
    create_time: datetime

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.customer_id}/informationProducts/{self.id}"

    @property
    def classification(self) -> str:
        return classification_of(self.kind)

    @property
    def grantees(self) -> tuple[str, ...]:
        """Who reads it by name: the author, and the commission's grantees."""
        granted = self.commission.grantees if self.commission else ()
        return (self.author, *granted)


def product_violations(
    kind: ProductKind | None, title: str, body: str, commission: Commission | None
) -> list[FieldViolation]:
    path = "information_product"
    found = []
    if kind is None:
        found.append(
            FieldViolation(f"{path}.kind", f"must be one of {[k.value for k in ProductKind]}")
        )
    if not title.strip() or len(title) > 200:
        found.append(FieldViolation(f"{path}.title", "is required (at most 200 characters)"))
    if not body.strip() or len(body) > 100_000:
        found.append(FieldViolation(f"{path}.body", "is required (at most 100,000 characters)"))
    if kind in SPECIAL_REPORTS:
        if commission is None or not commission.department.strip():
            found.append(
                FieldViolation(
                    f"{path}.commission.department",
                    "a special report is made only on a department's commission",
                )
            )
        if commission is None or not commission.grantees:
            found.append(
                FieldViolation(f"{path}.commission.grantees", "name who the report is for")
            )
    elif commission is not None:
        found.append(FieldViolation(f"{path}.commission", "only special reports are commissioned"))
    return found
