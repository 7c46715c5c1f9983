"""Planning's models and the book's rules (book ch.3 §1.14–1.21, ch.7; decisions 3, 6–9, 11).

Pure: no I/O, no clock. Every rule is written once here; the service orders the steps and the
plugins supply the numbers (cycle dates, goal translation, grades, sponsor limits, thresholds).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument

# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
_CUSTOMER = re.compile(rf"^customers/({_ID})$")
_PERSON = re.compile(rf"^customers/({_ID})/persons/({_ID})$")
_EMPLOYEE = re.compile(rf"^employees/({_ID})$")


def name_parts(name: str, template: str, field_name: str) -> tuple[str, ...]:
    """The ids in `name` by `template`, e.g. ("c1", "2027") for "customers/{}/annualPlans/{}"."""
    pattern = "^" + re.escape(template).replace(r"\{\}", f"({_ID})") + "$"
    match = re.match(pattern, name)
    if match is None:
        shown = template.replace("{}", "{id}")
        raise InvalidArgument.field(field_name, f"must be {shown}, not {name!r}")
    return match.groups()


def customer_id_from_name(name: str, field_name: str) -> str:
    match = _CUSTOMER.match(name)
    if match is None:
        raise InvalidArgument.field(field_name, f"must be customers/{{customer_id}}, not {name!r}")
    return match.group(1)


def person_ids_from_name(name: str, field_name: str) -> tuple[str, str]:
    match = _PERSON.match(name)
    if match is None:
        raise InvalidArgument.field(
            field_name, f"must be customers/{{customer_id}}/persons/{{person_id}}, not {name!r}"
        )
    return match.group(1), match.group(2)


def employee_id_from_name(name: str, field_name: str) -> str:
    match = _EMPLOYEE.match(name)
    if match is None:
        raise InvalidArgument.field(field_name, f"must be employees/{{employee_id}}, not {name!r}")
    return match.group(1)


# ---------------------------------------------------------------------------------------------
# Support scale (decision 6) and relationship levels (decision 9)
# ---------------------------------------------------------------------------------------------

SUPPORT_MIN, SUPPORT_MAX = -3, 3
COACH, EXCLUSIVE, SUPPORT, NEUTRAL = 3, 2, 1, 0
SUPPORT_LABELS = {
    3: "coach",
    2: "exclusive support",
    1: "support",
    0: "neutral",
    -1: "oppose",
    -2: "sides with a competitor",
    -3: "strong opponent",
}


@dataclass(frozen=True)
class SupportScale:
    """The levels a deployment uses (decision 6): a subset of −3..+3 that includes a negative
    level; the book recommends at most five for a coarser deployment."""

    levels: tuple[int, ...] = (-3, -2, -1, 0, 1, 2, 3)

    def problems(self) -> str | None:
        if not self.levels or any(not SUPPORT_MIN <= v <= SUPPORT_MAX for v in self.levels):
            return "levels must lie in -3..+3"
        if not any(v < 0 for v in self.levels):
            return "the scale must include a negative level"
        if 0 not in self.levels:
            return "the scale must include neutral (0)"
        return None

    def check(self, value: int, field_name: str) -> int:
        if value not in self.levels:
            allowed = ", ".join(f"{v:+d}" for v in sorted(self.levels))
            raise InvalidArgument.field(field_name, f"{value} is not on the scale ({allowed})")
        return value

    def nearest(self, value: float) -> int:
        """The scale level closest to a computed value (ties go toward neutral)."""
        return min(sorted(self.levels, key=abs), key=lambda level: abs(level - value))


class OrgLevel(StrEnum):
    """Organisational relationship level (decision 9), lowest first."""

    NONE = "none"
    CONTACT = "contact"
    COOPERATION = "cooperation"
    PARTNER = "partner"
    STRATEGIC = "strategic"


class GeneralLevel(StrEnum):
    """General relationship level (decision 9), lowest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


ORG_ORDER = list(OrgLevel)
GENERAL_ORDER = list(GeneralLevel)


def org_at_least(level: OrgLevel, required: OrgLevel) -> bool:
    return ORG_ORDER.index(level) >= ORG_ORDER.index(required)


def general_at_least(level: GeneralLevel, required: GeneralLevel) -> bool:
    return GENERAL_ORDER.index(level) >= GENERAL_ORDER.index(required)


def parse_enum(kind: type[StrEnum], value: str, field_name: str):
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidArgument.field(field_name, f"{value!r} is not one of {allowed}") from None


# ---------------------------------------------------------------------------------------------
# Persons on the power map: decision roles and layers (book §1.19 step 2, §1.20)
# ---------------------------------------------------------------------------------------------


class DecisionRole(StrEnum):
    """The seven decision roles (book §1.19 step 2)."""

    INITIATOR = "initiator"
    USER = "user"
    INFLUENCER = "influencer"
    DECIDER = "decider"
    APPROVER = "approver"
    BUYER = "buyer"
    GATEKEEPER = "gatekeeper"


class Layer(StrEnum):
    """Where a person sits: low, middle or high level (coaches at each, book §1.20); CXOs are
    the high layer."""

    LOW = "low"
    MIDDLE = "middle"
    HIGH = "high"


LAYER_ORDER = list(Layer)


class EdgeKind(StrEnum):
    REPORTING = "reporting"
    INFLUENCE = "influence"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class PowerPerson:
    person: str  # customers/{c}/persons/{p}
    display_name: str
    role: DecisionRole
    layer: Layer
    support: int  # toward us, −3..+3
    competitor_support: Mapping[str, int] = field(default_factory=dict)
    coach: bool = False
    veto: bool = False
    owner: str = ""  # employee id of the relationship owner, or empty
    target_level: int | None = None  # the level planned for this target, when targeted

    @property
    def is_coach(self) -> bool:
        return self.coach or self.support == COACH


@dataclass(frozen=True)
class PowerEdge:
    source: str
    target: str
    kind: EdgeKind


@dataclass(frozen=True)
class ChainNode:
    person: str
    role: DecisionRole
    hidden: bool = False


class OwnershipType(StrEnum):
    """How the customer enterprise is owned (the archive's field): 「所有制不同,决策模式不同」."""

    UNSPECIFIED = "unspecified"
    PRIVATE = "private"
    STATE_OWNED = "state_owned"
    FOREIGN = "foreign"
    LISTED = "listed"


@dataclass(frozen=True)
class DecisionPattern:
    """The decision roles a customer's purchases pass through, in order, and why: a pack's
    reading of one ownership type (book §1.19: 「决策链在不同类型的公司中会有所差异,比如民企、
    国企、外企、上市公司的决策模式可能并不一样」)."""

    roles: tuple[DecisionRole, ...]
    explanation: str

    def problems(self) -> str | None:
        if not self.roles:
            return "names no decision role"
        if len(set(self.roles)) != len(self.roles):
            return "names a decision role twice"
        if not self.explanation.strip():
            return "gives no explanation"
        return None


def missing_roles(pattern: DecisionPattern | None, nodes: Sequence[dict]) -> list[str]:
    """The pattern's roles that a drawn chain (its stored nodes) does not name yet."""
    if pattern is None:
        return []
    named = {node["role"] for node in nodes}
    return [role.value for role in pattern.roles if role.value not in named]


def check_decision_chain(scenario: str, nodes: Sequence[ChainNode], on_map: set[str]) -> None:
    """A chain names its scenario, passes persons of the power map, and ends in a decision."""
    if not scenario.strip():
        raise InvalidArgument.field("decision_chain.scenario", "name the business scenario")
    if not nodes:
        raise InvalidArgument.field("decision_chain.nodes", "draw at least one person")
    violations = [
        FieldViolation(f"decision_chain.nodes[{i}].person", f"{n.person} is not on the power map")
        for i, n in enumerate(nodes)
        if n.person not in on_map
    ]
    if violations:
        raise InvalidArgument(*violations)
    if not any(n.role in (DecisionRole.DECIDER, DecisionRole.APPROVER) for n in nodes):
        raise InvalidArgument.field(
            "decision_chain.nodes", "a decision chain needs its decider or approver"
        )


# ---------------------------------------------------------------------------------------------
# Assessment (decision 7): evidence-based, process : result 3 : 7
# ---------------------------------------------------------------------------------------------


class Dimension(StrEnum):
    """The six assessment dimensions; the first three judge the process of the relationship,
    the last three its result."""

    ACCEPTANCE = "acceptance"
    PARTICIPATION = "participation"
    INFORMATION_TRANSFER = "information_transfer"
    BUSINESS_GUIDANCE = "business_guidance"
    DECISION_SUPPORT = "decision_support"
    COMPETITIVE_ATTITUDE = "competitive_attitude"


PROCESS_DIMENSIONS = frozenset(
    {Dimension.ACCEPTANCE, Dimension.PARTICIPATION, Dimension.INFORMATION_TRANSFER}
)


@dataclass(frozen=True)
class Weighting:
    """Process : result weighting (book: 2:8 or 3:7; default 3:7)."""

    process: int = 3
    result: int = 7


@dataclass(frozen=True)
class Assessment:
    person: str
    dimensions: Mapping[str, int]  # only the relevant ones
    level: int
    evidence: tuple[str, ...]  # key-event names
    competitor_support: Mapping[str, int]
    assessed_by: str
    assess_time: datetime
    note: str = ""
    spot_check: str = ""  # "", "confirmed" or "disputed"


def assessed_level(
    dimensions: Mapping[str, int], scale: SupportScale, weighting: Weighting = Weighting()
) -> int:
    """The person's level from the relevant dimensions: the mean of the process dimensions and
    of the result dimensions, weighted process : result; a missing side leaves the other."""
    if not dimensions:
        raise InvalidArgument.field(
            "assessment.dimensions", "assess at least one relevant dimension"
        )
    violations = []
    for name, value in dimensions.items():
        if name not in Dimension.__members__.values():
            allowed = ", ".join(d.value for d in Dimension)
            violations.append(
                FieldViolation(f"assessment.dimensions[{name}]", f"must be one of {allowed}")
            )
        elif not SUPPORT_MIN <= value <= SUPPORT_MAX:
            violations.append(
                FieldViolation(f"assessment.dimensions[{name}]", "must lie in -3..+3")
            )
    if violations:
        raise InvalidArgument(*violations)
    process = [v for k, v in dimensions.items() if k in PROCESS_DIMENSIONS]
    result = [v for k, v in dimensions.items() if k not in PROCESS_DIMENSIONS]
    if not process or not result:
        value = sum(process or result) / len(process or result)
    else:
        total = weighting.process + weighting.result
        value = (
            weighting.process * sum(process) / len(process)
            + weighting.result * sum(result) / len(result)
        ) / total
    return scale.nearest(value)


def check_evidence(level: int, evidence: Sequence[str], recorded: set[str]) -> None:
    """A level above neutral needs at least one key event recorded for the person (decision 7);
    every cited event must be one contact recorded for them."""
    unknown = [name for name in evidence if name not in recorded]
    if unknown:
        raise FailedPrecondition.field(
            "assessment.evidence_key_events",
            f"{unknown[0]} is not a key event recorded for this person",
        )
    if level > NEUTRAL and not evidence:
        raise FailedPrecondition.field(
            "assessment.evidence_key_events",
            f"level {level:+d} is above neutral: cite at least one recorded key event",
        )


def weigh_risk(support: int, scale: SupportScale) -> int:
    """A detractor answer or complaint by the person weighs one level on their support."""
    lower = [level for level in scale.levels if level < support]
    return max(lower) if lower else support


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


@dataclass(frozen=True)
class RelationshipGoal:
    """The minimum relationships a market goal needs."""

    org_level: OrgLevel
    exclusive_cxos: int
    non_exclusive_key_persons: int
    general_level: GeneralLevel


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
class CurrentState:
    """What the power map and the team's judgement say today."""

    org_level: OrgLevel
    exclusive_cxos: int
    non_exclusive_key_persons: int
    general_level: GeneralLevel


def current_state(
    persons: Iterable[PowerPerson], org_level: OrgLevel, general_level: GeneralLevel
) -> CurrentState:
    """Exclusive CXOs are high-layer persons at +2 or above; non-exclusive key persons are the
    other persons with a decision role who support us (+1, or +2 below the high layer)."""
    exclusive = non_exclusive = 0
    for p in persons:
        if p.layer is Layer.HIGH and p.support >= EXCLUSIVE:
            exclusive += 1
        elif p.support >= SUPPORT:
            non_exclusive += 1
    return CurrentState(org_level, exclusive, non_exclusive, general_level)


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


# ---------------------------------------------------------------------------------------------
# Targets (book §1.19 step 3, decision 8), owners, sponsors, action plans
# ---------------------------------------------------------------------------------------------


def check_target(
    person: PowerPerson,
    market_goal_found: bool,
    owner_grade: int,
    required_grade: int,
    owner_open_targets: int,
    owner_target_limit: int,
) -> None:
    """The four checks of target selection. Refuses with the reason of the first that fails."""
    # 1. Business goals: relationship work follows (and leads) a market goal.
    if not market_goal_found:
        raise FailedPrecondition.field(
            "target.market_goal", "a target must serve a market goal of this customer's plan"
        )
    # 2. Role and attitude: never a competitor's supporter (decision 8).
    if person.support <= -2:
        raise FailedPrecondition.field(
            "target.person",
            f"{person.person} is at {person.support:+d} ({SUPPORT_LABELS[person.support]}): "
            "a competitor's supporter is never a PR target",
        )
    # 3. Competitors' relationships: a strong supporter of a competitor will not switch.
    for competitor, level in sorted(person.competitor_support.items()):
        if level >= EXCLUSIVE:
            raise FailedPrecondition.field(
                "target.person",
                f"{person.person} supports competitor {competitor} at {level:+d}: "
                "a competitor's strong supporter is never a PR target",
            )
    # 4. Available resources: the owner's grade matches the person, and has room.
    if owner_grade < required_grade:
        raise FailedPrecondition.field(
            "target.owner_job_grade",
            f"grade {owner_grade} is below the grade {required_grade} a {person.layer.value} "
            "layer person needs",
        )
    if owner_open_targets >= owner_target_limit:
        raise FailedPrecondition.field(
            "target.owner",
            f"the owner already carries {owner_open_targets} targets (limit reached)",
        )


def check_target_level(current: int, target_level: int, scale: SupportScale) -> None:
    scale.check(target_level, "target.target_level")
    if target_level <= current:
        raise InvalidArgument.field(
            "target.target_level", f"must be above the person's current level {current:+d}"
        )


def check_action_plan(important: bool, information_channels: Sequence[str], route: Sequence[str]):
    """Important targets need at least two stable information channels, for cross-checking
    (book §1.19 step 4); the PR route walks the decision chain."""
    channels = [c for c in information_channels if c.strip()]
    if important and len(set(channels)) < 2:
        raise InvalidArgument.field(
            "target.information_channels",
            "an important target needs at least two stable information channels",
        )
    if not route:
        raise InvalidArgument.field(
            "target.pr_route", "name the decision-chain nodes the route passes"
        )


def check_sponsor(
    sponsor_layer: Layer, person_layer: Layer, sponsored_now: int, limit: int
) -> None:
    """The sponsor system (book §1.21 step 2): a manager sponsors a bounded number of projects
    matching their level, and meets the customer at an equal status."""
    if LAYER_ORDER.index(sponsor_layer) < LAYER_ORDER.index(person_layer):
        raise FailedPrecondition.field(
            "sponsorship.sponsor_layer",
            f"a {sponsor_layer.value} level sponsor lacks status parity with a "
            f"{person_layer.value} layer key person",
        )
    if sponsored_now >= limit:
        raise FailedPrecondition.field(
            "sponsorship.sponsor",
            f"the sponsor already sponsors {sponsored_now} projects, the limit at their level",
        )


# ---------------------------------------------------------------------------------------------
# Expansion cards (book §1.21): PBC and three-monthly retrospectives
# ---------------------------------------------------------------------------------------------

PBC_MONTHS = 6
RETROSPECTIVE_MONTHS = 3


@dataclass(frozen=True)
class Commitment:
    """The six-month personal business commitment: specific and measurable."""

    goal: str
    metric: str
    target_value: float
    due_date: date


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_commitment(pbc: Commitment, start: date) -> None:
    violations = []
    if not pbc.goal.strip():
        violations.append(FieldViolation("expansion_card.commitment.goal", "state the goal"))
    if not pbc.metric.strip():
        violations.append(
            FieldViolation(
                "expansion_card.commitment.metric",
                "a PBC must be measurable: name what is counted (e.g. 'visits per week')",
            )
        )
    if not pbc.target_value > 0:
        violations.append(
            FieldViolation(
                "expansion_card.commitment.target_value", "a PBC must be measurable: give a target"
            )
        )
    if not start < pbc.due_date <= add_months(start, PBC_MONTHS):
        violations.append(
            FieldViolation(
                "expansion_card.commitment.due_date", "the commitment is due within six months"
            )
        )
    if violations:
        raise InvalidArgument(*violations)


def retrospective_dates(start: date, end: date) -> list[date]:
    """Every three months from the card's start, and a last one when the commitment is due."""
    dates, n = [], 1
    while (due := add_months(start, RETROSPECTIVE_MONTHS * n)) < end:
        dates.append(due)
        n += 1
    return [*dates, end]


# ---------------------------------------------------------------------------------------------
# Brand activities: the three checks (book §1.18 "relationship activities need a project")
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """An entry on the customer's opportunity-point list (机会点清单)."""

    id: str
    display_name: str
    decision_date: date | None


@dataclass(frozen=True)
class BudgetEstimate:
    invitees: int
    days: int
    amount_units: int  # in the deployment's currency


def check_brand_activity(
    project: Project | None, project_field: str, activity_date: date, budget: BudgetEstimate
) -> None:
    if project is None:
        raise FailedPrecondition.field(
            project_field, "a brand activity must support a project on the opportunity list"
        )
    if project.decision_date is not None and activity_date >= project.decision_date:
        raise FailedPrecondition.field(
            "brand_activity.activity_time",
            f"{activity_date.isoformat()} is not before the project's decision on "
            f"{project.decision_date.isoformat()}",
        )
    violations = []
    if budget.invitees <= 0:
        violations.append(FieldViolation("brand_activity.invitees", "estimate the invitees"))
    if budget.days <= 0:
        violations.append(FieldViolation("brand_activity.days", "estimate the days"))
    if budget.amount_units <= 0:
        violations.append(FieldViolation("brand_activity.budget_units", "estimate the cost"))
    if violations:
        raise InvalidArgument(*violations)


# ---------------------------------------------------------------------------------------------
# General and organisational relationship plans (book §1.18)
# ---------------------------------------------------------------------------------------------

ORG_ACTIVITY_KINDS = ("communication", "matching", "joint_work", "identification")
PLAN_LEVELS = ("point", "line", "surface")
RELATIONSHIP_PLAN_PARTS = ("department_coverage", "staff_duties", "org_activities", "activity_plan")


def check_relationship_plan(plan: Mapping[str, list[dict]]) -> None:
    """Coverage targets are counts per named department; every role's duty is stated; the
    organisational activities are of the four kinds; a point names persons, a line names
    departments, every entry says what is done."""
    p = "relationship_plan"
    violations = []
    seen = set()
    for i, c in enumerate(plan.get("department_coverage", [])):
        if not c["department"].strip() or c["department"] in seen:
            violations.append(
                FieldViolation(f"{p}.department_coverage[{i}].department", "name each once")
            )
        seen.add(c["department"])
        if c["contacts_per_quarter"] <= 0 and c["persons_to_cover"] <= 0:
            violations.append(
                FieldViolation(
                    f"{p}.department_coverage[{i}]", "set a contact or a coverage target"
                )
            )
    for i, d in enumerate(plan.get("staff_duties", [])):
        if not d["role"].strip() or not d["duty"].strip():
            violations.append(FieldViolation(f"{p}.staff_duties[{i}]", "name the role and duty"))
    for i, a in enumerate(plan.get("org_activities", [])):
        if a["kind"] not in ORG_ACTIVITY_KINDS:
            violations.append(
                FieldViolation(
                    f"{p}.org_activities[{i}].kind", f"one of {', '.join(ORG_ACTIVITY_KINDS)}"
                )
            )
    for i, e in enumerate(plan.get("activity_plan", [])):
        path = f"{p}.activity_plan[{i}]"
        if e["level"] not in PLAN_LEVELS:
            violations.append(FieldViolation(f"{path}.level", "point, line or surface"))
        elif e["level"] == "point" and not e["persons"]:
            violations.append(FieldViolation(f"{path}.persons", "a point names key persons"))
        elif e["level"] == "line" and not e["departments"]:
            violations.append(FieldViolation(f"{path}.departments", "a line names departments"))
        if not e["description"].strip():
            violations.append(FieldViolation(f"{path}.description", "say what is done"))
    if violations:
        raise InvalidArgument(*violations)


# ---------------------------------------------------------------------------------------------
# Competitor analysis: the six questions (book §1.18 step 3)
# ---------------------------------------------------------------------------------------------

COMPETITOR_QUESTIONS = (
    "strategy_positioning",
    "development_strategy",
    "relationship_strategy",
    "relationship_means",
    "support_points",
    "our_differentiation",
)


def check_competitor_answers(answers: Mapping[str, str]) -> None:
    unknown = [k for k in answers if k not in COMPETITOR_QUESTIONS]
    if unknown:
        raise InvalidArgument.field(
            f"competitor_analysis.answers[{unknown[0]}]",
            f"must be one of {', '.join(COMPETITOR_QUESTIONS)}",
        )


def unanswered(answers: Mapping[str, str]) -> list[str]:
    return [q for q in COMPETITOR_QUESTIONS if not answers.get(q, "").strip()]


# ---------------------------------------------------------------------------------------------
# Coverage gaps of the power map
# ---------------------------------------------------------------------------------------------


class GapKind(StrEnum):
    SINGLE_THREADED = "single_threaded"
    NO_COACH = "no_coach"
    DECIDER_UNSUPPORTED = "decider_unsupported"
    EXCLUSIVE_CXOS_SHORT = "exclusive_cxos_short"
    OWNER_BELOW_TARGET = "owner_below_target"


@dataclass(frozen=True)
class CoverageGap:
    kind: GapKind
    subject: str  # the customer or the person the gap is about
    detail: str

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.subject}"


KEY_RELATIONSHIP = "key_relationship"
GENERAL_RELATIONSHIP = "general_relationship"
ORGANISATIONAL_RELATIONSHIP = "organisational_relationship"
RELATIONSHIP_TYPES = (GENERAL_RELATIONSHIP, KEY_RELATIONSHIP, ORGANISATIONAL_RELATIONSHIP)


def coverage_gaps(
    customer: str,
    obligations: frozenset[str],
    persons: Sequence[PowerPerson],
    edges: Sequence[PowerEdge],
    goal: RelationshipGoal | None,
) -> list[CoverageGap]:
    """What the power map lacks. An account whose tier obliges key relationships must not hang
    on one supporter; every account needs a coach; a decider needs someone supportive (their
    own support or a supporter who influences or manages them); the goal's exclusive CXOs must
    be there; a target's current level must reach the level planned for it."""
    gaps: list[CoverageGap] = []
    supporters = {p.person for p in persons if p.support >= SUPPORT}
    if KEY_RELATIONSHIP in obligations and len(supporters) < 2:
        gaps.append(
            CoverageGap(
                GapKind.SINGLE_THREADED,
                customer,
                f"{len(supporters)} supporter(s): the tier needs key relationships on more "
                "than one thread",
            )
        )
    if persons and not any(p.is_coach for p in persons):
        gaps.append(CoverageGap(GapKind.NO_COACH, customer, "no coach on the power map"))
    backed = {
        e.target
        for e in edges
        if e.kind in (EdgeKind.INFLUENCE, EdgeKind.REPORTING) and e.source in supporters
    }
    for p in persons:
        if p.role is DecisionRole.DECIDER and p.person not in supporters | backed:
            gaps.append(
                CoverageGap(
                    GapKind.DECIDER_UNSUPPORTED,
                    p.person,
                    f"decider at {p.support:+d} with no supportive relationship",
                )
            )
    if goal is not None:
        have = sum(1 for p in persons if p.layer is Layer.HIGH and p.support >= EXCLUSIVE)
        if have < goal.exclusive_cxos:
            gaps.append(
                CoverageGap(
                    GapKind.EXCLUSIVE_CXOS_SHORT,
                    customer,
                    f"goal needs {goal.exclusive_cxos} exclusive CXOs, have {have}",
                )
            )
    for p in persons:
        if p.target_level is not None and p.support < p.target_level:
            gaps.append(
                CoverageGap(
                    GapKind.OWNER_BELOW_TARGET,
                    p.person,
                    f"owner {p.owner or '(none)'} holds {p.support:+d}, target {p.target_level:+d}",
                )
            )
    return gaps


# ---------------------------------------------------------------------------------------------
# Tier obligations (decision 3): read from the tier policy, never from the tier code
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """What "no weak spot" means per relationship type (decision 9; a pack's numbers)."""

    general_level: GeneralLevel = GeneralLevel.MEDIUM
    org_level: OrgLevel = OrgLevel.COOPERATION
    key_supporters: int = 2


@dataclass(frozen=True)
class ObligationStatus:
    code: str
    met: bool
    checked: bool  # False: the obligation is another service's (e.g. archive's CP/VP)
    reason: str


def tier_compliance(
    obligations: Sequence[str],
    state: CurrentState,
    persons: Sequence[PowerPerson],
    edges: Sequence[PowerEdge],
    thresholds: Thresholds,
) -> list[ObligationStatus]:
    supporters = sum(1 for p in persons if p.support >= SUPPORT)
    unsupported = [
        g
        for g in coverage_gaps("", frozenset(), persons, edges, None)
        if g.kind is GapKind.DECIDER_UNSUPPORTED
    ]
    result = []
    for code in obligations:
        if code == GENERAL_RELATIONSHIP:
            met = general_at_least(state.general_level, thresholds.general_level)
            reason = f"general level {state.general_level.value}, needs {thresholds.general_level}"
        elif code == ORGANISATIONAL_RELATIONSHIP:
            met = org_at_least(state.org_level, thresholds.org_level)
            reason = f"organisational level {state.org_level.value}, needs {thresholds.org_level}"
        elif code == KEY_RELATIONSHIP:
            met = supporters >= thresholds.key_supporters and not unsupported
            reason = (
                f"{supporters} supporter(s) of {thresholds.key_supporters} needed, "
                f"{len(unsupported)} decider(s) without support"
            )
        else:
            result.append(ObligationStatus(code, False, False, "not a planning obligation"))
            continue
        result.append(ObligationStatus(code, met, True, reason))
    return result


# ---------------------------------------------------------------------------------------------
# The annual cycle (book ch.3 §1.15, ch.7; decision 15)
# ---------------------------------------------------------------------------------------------


class ItemKind(StrEnum):
    CURRENT_STATE_ASSESSMENT = "current_state_assessment"
    GOAL_STATEMENT = "goal_statement"
    PR_PLAN = "pr_plan"
    SELF_CHECK = "self_check"
    REVISION = "revision"
    EVALUATION = "evaluation"
    CARD_RETROSPECTIVE = "card_retrospective"


THREE_PIECE_SET = (ItemKind.CURRENT_STATE_ASSESSMENT, ItemKind.GOAL_STATEMENT, ItemKind.PR_PLAN)


class ItemState(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CycleCalendar:
    """When the planning year's steps fall: month/day pairs. The kickoff lies in the year
    before the plan year; the rest in the plan year."""

    kickoff: tuple[int, int] = (12, 1)
    plan_due: tuple[int, int] = (3, 31)
    self_checks: tuple[tuple[int, int], ...] = ((3, 31), (6, 30), (9, 30), (12, 15))
    revisions: tuple[tuple[int, int], ...] = ((7, 31),)
    evaluation: tuple[int, int] = (12, 31)

    def problems(self) -> str | None:
        try:
            for month, day in (
                self.kickoff,
                self.plan_due,
                *self.self_checks,
                *self.revisions,
                self.evaluation,
            ):
                date(2024, month, day)  # a leap year accepts 29 February
        except (TypeError, ValueError) as exc:
            return f"not a calendar day: {exc}"
        return None


def _at(year: int, month_day: tuple[int, int]) -> datetime:
    month, day = month_day
    day = min(day, calendar.monthrange(year, month)[1])
    return datetime(year, month, day, 23, 59, 59, tzinfo=UTC)


def kickoff_time(year: int, cal: CycleCalendar) -> datetime:
    """The kickoff of plan year `year` (in the year before), at the start of the day."""
    return _at(year - 1, cal.kickoff).replace(hour=0, minute=0, second=0)


@dataclass(frozen=True)
class PlannedItem:
    kind: ItemKind
    sequence: int  # 1.. within the kind
    due_time: datetime


def year_items(year: int, cal: CycleCalendar) -> list[PlannedItem]:
    """The due items the kickoff issues to one customer team for plan year `year`."""
    items = [PlannedItem(kind, 1, _at(year, cal.plan_due)) for kind in THREE_PIECE_SET]
    items += [
        PlannedItem(ItemKind.SELF_CHECK, n, _at(year, d)) for n, d in enumerate(cal.self_checks, 1)
    ]
    items += [
        PlannedItem(ItemKind.REVISION, n, _at(year, d)) for n, d in enumerate(cal.revisions, 1)
    ]
    items.append(PlannedItem(ItemKind.EVALUATION, 1, _at(year, cal.evaluation)))
    return items


def overdue(state: ItemState, due_time: datetime, now: datetime) -> bool:
    return state is ItemState.OPEN and now > due_time


# ---------------------------------------------------------------------------------------------
# Customer teams: who plans a customer, and so who sees its planning (decision 11)
# ---------------------------------------------------------------------------------------------

LEADER, MEMBER = "leader", "member"


@dataclass(frozen=True)
class Member:
    employee_id: str
    org_unit: str
    role: str = MEMBER


@dataclass(frozen=True)
class Team:
    customer_id: str
    region: str
    tier: str
    org_level: OrgLevel
    general_level: GeneralLevel
    members: tuple[Member, ...]
    update_time: datetime
    etag: str


def check_members(members: Sequence[Member]) -> None:
    violations = []
    for index, m in enumerate(members):
        if m.role not in (LEADER, MEMBER):
            violations.append(FieldViolation(f"members[{index}].role", "leader or member"))
        if not m.org_unit.startswith("/"):
            violations.append(
                FieldViolation(f"members[{index}].org_unit", "a path from the root, /region/...")
            )
    if len({m.employee_id for m in members}) != len(members):
        violations.append(FieldViolation("members", "an employee appears twice"))
    if violations:
        raise InvalidArgument(*violations)
