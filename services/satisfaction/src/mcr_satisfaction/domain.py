"""Satisfaction's models and the book's rules (ch.5; decisions 13 and 14). Pure: no I/O.

An issue (问题单) moves collect → accept → distribute → handle (→ escalate) → resolve →
revisit → close; a revisit score below 3 of 5 sends it to a QA traceback instead, and only
the submitter closes it. Surveys record expectation and perception; satisfaction is their
difference on the four expectations.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from mcr_core import names
from mcr_core.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    PermissionDenied,
    collect,
)

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


class State(StrEnum):
    COLLECTED = "collected"  # 收集: submitted, not yet verified by an acceptor
    ACCEPTED = "accepted"  # 受理: verified and classified by the acceptor
    DISTRIBUTED = "distributed"  # 分发: given to a receiver (the first asker)
    HANDLING = "handling"  # 处理: the receiver works on it
    ESCALATED = "escalated"  # 升级: handled one level up
    RESOLVED = "resolved"  # 解决: waiting for the revisit
    REVISITED = "revisited"  # 回访: the customer scored it ≥ 3; the submitter may close
    QA_TRACEBACK = "qa_traceback"  # 回溯: scored < 3; process QA traces back and assigns blame
    CLOSED = "closed"
    REJECTED = "rejected"  # not a valid issue


ISSUE_TYPES = frozenset(
    {"technical", "non_technical", "spare_parts", "complaint", "satisfaction_follow_up"}
)
URGENCIES = ("urgent", "high", "normal", "low")
# The tier policy's SLAs are by severity (insight's default pack: critical / major / minor).
SEVERITY_OF_URGENCY = {"urgent": "critical", "high": "major", "normal": "minor", "low": "minor"}

# Escalation goes up the three-tier sales organisation, at most to the company (R-NTI-3).
LEVELS = ("office", "region", "company")
# The four reasons that justify an escalation (R-NTI-3).
ESCALATION_REASONS = frozenset(
    {
        "past_customer_time_limit",  # 严重超出客户要求解决问题的时限
        "owner_undeterminable",  # 复杂问题无法确定责任人
        "bid_or_social_impact",  # 影响投标或造成严重的社会或政治影响
        "needs_arbitration",  # 各部门无法达成一致需要管理团队仲裁
    }
)
# The self-resolution rate each level must keep (R-NTI-4): only 20% / 10% may be escalated.
SELF_RESOLUTION_TARGETS = {"office": 0.80, "region": 0.90}

CLOSING_SCORE = 3  # of 5 (R-NTI-9)
REVISIT_GAP = timedelta(days=10)  # the same contact not twice within 10 days (R-NTI-8)
REVISIT_COVERAGE = 0.10  # successful revisits ≥ 10% of all issues (R-NTI-6)
ACTIVITY_REVISIT = timedelta(days=3)  # exhibition revisit within 3 days (R-SAT-2)
NO_TRACE_WINDOW = timedelta(days=90)  # how far back an "earlier trace" of a major issue counts

# What the issue's states allow (the transitions of the ITR flow).
_TRANSITIONS: dict[str, frozenset[State]] = {
    "accept": frozenset({State.COLLECTED}),
    "distribute": frozenset({State.ACCEPTED, State.DISTRIBUTED, State.HANDLING}),
    "start_handling": frozenset({State.DISTRIBUTED}),
    "escalate": frozenset({State.HANDLING, State.ESCALATED}),
    "resolve": frozenset({State.HANDLING, State.ESCALATED}),
    "revisit": frozenset({State.RESOLVED}),
    "trace_back": frozenset({State.QA_TRACEBACK}),
    "close": frozenset({State.REVISITED}),
}


def check_transition(action: str, state: State) -> None:
    allowed = _TRANSITIONS[action]
    if state not in allowed:
        names = ", ".join(sorted(s.value for s in allowed))
        raise FailedPrecondition.field(
            "state",
            f"cannot {action.replace('_', ' ')} an issue that is {state}; it must be {names}",
        )


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def id_from_name(name: str, collection: str, field_name: str) -> str:
    return names.parse_one(name, collection + "/{}", field_name)


def customer_id_from_name(name: str, field_name: str = "customer") -> str:
    return names.customer_id(name, field_name)


def check_person(person: str, customer_id: str, field_name: str = "person") -> None:
    """A person of the same customer, "customers/{customer_id}/persons/{person_id}", or empty."""
    found = names.match(person, names.PERSON) if person else None
    if person and (found is None or found[0] != customer_id):
        raise InvalidArgument.field(
            field_name, f"must be customers/{customer_id}/persons/{{person_id}} or empty"
        )


# ---------------------------------------------------------------------------------------------
# Issues
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """An employee with a part in an issue, and where they sit (for the visibility policy)."""

    employee_id: str
    org_unit: str


@dataclass(frozen=True)
class Revisit:
    contact: str  # the customer person (or contact) asked, as a label
    score: int  # 1..5
    comment: str
    revisited_by: str
    revisit_time: datetime
    person: str = ""  # "customers/{id}/persons/{id}": who was asked, when the caller says


@dataclass(frozen=True)
class Traceback:
    """A QA traceback (R-NTI-9): who is accountable for a poorly scored handling."""

    accountable: str
    finding: str
    traced_by: str
    trace_time: datetime


@dataclass(frozen=True)
class Issue:
    id: str
    customer_id: str
    region: str
    person: str
    title: str
    type: str
    urgency: str
    source: str
    submitter: Party
    create_time: datetime
    state: State = State.COLLECTED
    valid: bool = True
    major: bool = False
    key_person: bool = False
    acceptor: Party | None = None
    receiver: Party | None = None
    owner: Party | None = None
    care_representative: str = ""
    level: str = "office"
    escalations: int = 0
    escalation_reason: str = ""
    distributions: int = 0
    case_reference: str = ""
    plan: str = ""
    customer_consent: bool = False
    in_contract: bool = True
    response_due_time: datetime | None = None
    sla_due_time: datetime | None = None
    response_time: datetime | None = None
    resolve_time: datetime | None = None
    close_time: datetime | None = None
    resolution: str = ""
    revisits: tuple[Revisit, ...] = ()
    tracebacks: tuple[Traceback, ...] = ()
    breaches: tuple[str, ...] = ()
    version: int = 1

    @property
    def name(self) -> str:
        return f"issues/{self.id}"

    @property
    def customer(self) -> str:
        return f"customers/{self.customer_id}"

    @property
    def severity(self) -> str:
        return SEVERITY_OF_URGENCY[self.urgency]

    @property
    def parties(self) -> tuple[Party, ...]:
        found = (self.submitter, self.acceptor, self.receiver, self.owner)
        return tuple(p for p in found if p is not None)

    @property
    def handling_party(self) -> Party:
        """Whoever is answerable now: the owner after an escalation, else the receiver."""
        return self.owner or self.receiver or self.acceptor or self.submitter


def check_new_issue(issue: Issue) -> None:
    problems: list[FieldViolation] = []
    if not issue.title.strip():
        problems.append(FieldViolation("issue.title", "is required"))
    elif len(issue.title) > 200:
        problems.append(FieldViolation("issue.title", "at most 200 characters"))
    if issue.type not in ISSUE_TYPES:
        kinds = ", ".join(sorted(ISSUE_TYPES))
        problems.append(FieldViolation("issue.type", f"must be one of {kinds}"))
    if issue.urgency not in URGENCIES:
        problems.append(FieldViolation("issue.urgency", f"must be one of {', '.join(URGENCIES)}"))
    if issue.key_person and not issue.person:
        problems.append(FieldViolation("issue.person", "is required for a key person's issue"))
    collect(problems)


def _check_acceptor(issue: Issue, who: str) -> None:
    if issue.acceptor is None or issue.acceptor.employee_id != who:
        raise PermissionDenied("only the issue's acceptor accepts and distributes it")


def accept(issue: Issue, who: str, valid: bool, issue_type: str, now: datetime) -> Issue:
    """The acceptor verifies and classifies the issue; an invalid one is rejected."""
    check_transition("accept", issue.state)
    _check_acceptor(issue, who)
    if issue_type and issue_type not in ISSUE_TYPES:
        raise InvalidArgument.field("type", f"must be one of {', '.join(sorted(ISSUE_TYPES))}")
    state = State.ACCEPTED if valid else State.REJECTED
    return replace(
        issue,
        state=state,
        valid=valid,
        type=issue_type or issue.type,
        close_time=None if valid else now,
    )


def distribute(issue: Issue, who: str, receiver: Party) -> Issue:
    """Give the issue to a receiver; a second distribution counts against first-time accuracy."""
    check_transition("distribute", issue.state)
    _check_acceptor(issue, who)
    if not receiver.employee_id:
        raise InvalidArgument.field("receiver", "is required")
    return replace(
        issue,
        state=State.DISTRIBUTED,
        receiver=receiver,
        distributions=issue.distributions + 1,
    )


def start_handling(
    issue: Issue,
    who: str,
    case_reference: str,
    plan: str,
    customer_consent: bool,
    in_contract: bool,
    now: datetime,
) -> Issue:
    """First-asker rule (首问负责制, R-NTI-2): the receiver tries to handle it first. A plan from
    the case library is only carried out with the customer's consent."""
    check_transition("start_handling", issue.state)
    if issue.receiver is None or issue.receiver.employee_id != who:
        raise PermissionDenied("only the receiver the issue was distributed to handles it first")
    if plan.strip() and not customer_consent:
        raise FailedPrecondition.field(
            "customer_consent", "a plan is carried out only with the customer's consent"
        )
    return replace(
        issue,
        state=State.HANDLING,
        case_reference=case_reference,
        plan=plan.strip(),
        customer_consent=customer_consent,
        in_contract=in_contract,
        response_time=issue.response_time or now,
    )


def escalate(issue: Issue, who: str, reason: str, owner: Party | None) -> Issue:
    """Escalate one level (office → region → company), only for one of the four reasons."""
    check_transition("escalate", issue.state)
    if who not in {p.employee_id for p in (issue.receiver, issue.owner) if p}:
        raise PermissionDenied("only the receiver or the owner of the issue escalates it")
    if not reason:
        raise InvalidArgument.field(
            "reason", f"is required: one of {', '.join(sorted(ESCALATION_REASONS))}"
        )
    if reason not in ESCALATION_REASONS:
        raise InvalidArgument.field(
            "reason", f"must be one of {', '.join(sorted(ESCALATION_REASONS))}"
        )
    index = LEVELS.index(issue.level)
    if index == len(LEVELS) - 1:
        raise FailedPrecondition.field("level", "the issue is at the company already")
    return replace(
        issue,
        state=State.ESCALATED,
        level=LEVELS[index + 1],
        escalations=issue.escalations + 1,
        escalation_reason=reason,
        owner=owner or issue.owner,
    )


def resolve(issue: Issue, who: str, resolution: str, now: datetime) -> Issue:
    check_transition("resolve", issue.state)
    if who not in {p.employee_id for p in (issue.receiver, issue.owner) if p}:
        raise PermissionDenied("only the receiver or the owner resolves it")
    if not resolution.strip():
        raise InvalidArgument.field("resolution", "is required: say what was done")
    return replace(issue, state=State.RESOLVED, resolution=resolution.strip(), resolve_time=now)


def revisited_contact(issue: Issue, visit: Revisit) -> str:
    """Whom the 10-day rule counts (R-NTI-8): the person asked, within the issue's customer
    (and so its region); without one, the contact label within the customer. Never the bare
    label across customers, which would tie strangers of the same name together."""
    check_person(visit.person, issue.customer_id)
    if visit.person:
        return visit.person
    return f"customers/{issue.customer_id}/contacts/{' '.join(visit.contact.casefold().split())}"


def check_revisit_gap(contact: str, last: datetime | None, now: datetime) -> None:
    """The same contact is not revisited twice within 10 days (R-NTI-8)."""
    if last is not None and now - last < REVISIT_GAP:
        again = (last + REVISIT_GAP).date().isoformat()
        raise FailedPrecondition.field(
            "contact", f"was revisited less than 10 days ago; not again before {again}"
        )


def revisit(issue: Issue, visit: Revisit, last_of_contact: datetime | None) -> Issue:
    """A score ≥ 3 of 5 lets the submitter close; below, process QA traces back (R-NTI-9)."""
    check_transition("revisit", issue.state)
    if not visit.contact:
        raise InvalidArgument.field("contact", "is required: who at the customer was asked")
    if not 1 <= visit.score <= 5:
        raise InvalidArgument.field("score", "must be 1 to 5")
    check_revisit_gap(visit.contact, last_of_contact, visit.revisit_time)
    state = State.REVISITED if visit.score >= CLOSING_SCORE else State.QA_TRACEBACK
    return replace(issue, state=state, revisits=(*issue.revisits, visit))


def trace_back(issue: Issue, traceback: Traceback) -> Issue:
    """QA records who is accountable; the issue goes back to handling to be fixed."""
    check_transition("trace_back", issue.state)
    problems = []
    if not traceback.accountable.strip():
        problems.append(FieldViolation("accountable", "is required: who answers for it"))
    if not traceback.finding.strip():
        problems.append(FieldViolation("finding", "is required: what went wrong"))
    collect(problems)
    return replace(
        issue,
        state=State.HANDLING,
        tracebacks=(*issue.tracebacks, traceback),
        resolve_time=None,
    )


def close(issue: Issue, who: str, now: datetime) -> Issue:
    """Only the submitter closes, on the customer's behalf, after a revisit scored ≥ 3."""
    if who != issue.submitter.employee_id:
        raise PermissionDenied("only the submitter of the issue may close it")
    if issue.state == State.RESOLVED or not issue.revisits:
        raise FailedPrecondition.field(
            "revisit", "the customer must be revisited and score it 3 or more before closing"
        )
    check_transition("close", issue.state)
    return replace(issue, state=State.CLOSED, close_time=now)


def revisit_required(issue: Issue) -> bool:
    """Urgent issues are always revisited (R-NTI-7)."""
    return issue.urgency == "urgent"


def is_major(issue: Issue) -> bool:
    """A major issue or complaint (R-VOC-10): one that must have left an earlier trace."""
    return issue.major or issue.urgency == "urgent" or issue.type == "complaint"


# ---------------------------------------------------------------------------------------------
# SLAs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueSla:
    severity: str
    response: timedelta
    resolution: timedelta


# Used while the customer's tier or its policy is not known: the lowest default tier's SLAs.
FALLBACK_SLAS = (
    IssueSla("critical", timedelta(hours=24), timedelta(hours=192)),
    IssueSla("major", timedelta(hours=72), timedelta(hours=576)),
    IssueSla("minor", timedelta(hours=168), timedelta(hours=1344)),
)


@dataclass(frozen=True)
class Deadlines:
    response: datetime
    resolution: datetime


def sla_deadlines(
    slas: Sequence[IssueSla],
    severity: str,
    accepted: datetime,
    contract_resolution: timedelta | None = None,
) -> Deadlines:
    """The tier policy's SLA for the severity; a contract's time limit applies when stricter."""
    sla = next((s for s in slas if s.severity == severity), None)
    sla = sla or next(s for s in FALLBACK_SLAS if s.severity == severity)
    resolution = sla.resolution
    if contract_resolution is not None:
        if contract_resolution <= timedelta(0):
            raise InvalidArgument.field("contract_resolution_time", "must be positive")
        resolution = min(resolution, contract_resolution)
    response = min(sla.response, resolution)
    return Deadlines(accepted + response, accepted + resolution)


# ---------------------------------------------------------------------------------------------
# Surveys (decision 14)
# ---------------------------------------------------------------------------------------------

EXPECTATIONS = ("timely_response", "understanding_business", "bringing_resources", "trustworthy")
SURVEY_KINDS = frozenset({"project", "activity", "third_party", "self", "resurvey"})
MODES = frozenset({"interview", "phone", "questionnaire"})
LEVELS_OF_RESPONDENT = ("senior", "middle", "grassroots")
DIMENSIONS = frozenset({"product", "pre_sale", "in_sale", "after_sale", "brand"})
DETRACTOR_GAP = -1.0  # a full point short of what the person expected


@dataclass(frozen=True)
class Rating:
    expectation: int
    perception: int

    @property
    def gap(self) -> int:
        return self.perception - self.expectation


def check_ratings(ratings: Mapping[str, Rating], prefix: str = "ratings") -> None:
    problems = []
    missing = [e for e in EXPECTATIONS if e not in ratings]
    if missing:
        problems.append(FieldViolation(prefix, f"every expectation is rated; missing {missing}"))
    for key, rating in ratings.items():
        if key not in EXPECTATIONS:
            problems.append(FieldViolation(f"{prefix}[{key}]", "not one of the four expectations"))
        for part in ("expectation", "perception"):
            if not 1 <= getattr(rating, part) <= 5:
                problems.append(FieldViolation(f"{prefix}[{key}].{part}", "must be 1 to 5"))
    collect(problems)


def satisfaction(ratings: Mapping[str, Rating]) -> float:
    """Satisfaction = perception − expectation, averaged over the four expectations."""
    return sum(ratings[e].gap for e in EXPECTATIONS) / len(EXPECTATIONS)


def is_detractor(ratings: Mapping[str, Rating]) -> bool:
    return satisfaction(ratings) <= DETRACTOR_GAP


@dataclass(frozen=True)
class DimensionResult:
    """One expectation over many answers: the gap model's two means and who rated it."""

    dimension: str
    mean_expectation: float
    mean_perception: float
    respondents: int

    @property
    def gap(self) -> float:
        return self.mean_perception - self.mean_expectation


def survey_results(answers: Iterable[Mapping[str, Sequence[int]]]) -> list[DimensionResult]:
    """Per expectation, the means of the answers that rated it ((expectation, perception)
    pairs as stored); the book's four first, in its order, then any a pack added, by name."""
    sums: dict[str, list[int]] = {}
    for ratings in answers:
        for dimension, (expectation, perception) in ratings.items():
            total = sums.setdefault(dimension, [0, 0, 0])
            total[0] += expectation
            total[1] += perception
            total[2] += 1
    order = [e for e in EXPECTATIONS if e in sums] + sorted(set(sums) - set(EXPECTATIONS))
    return [
        DimensionResult(d, sums[d][0] / sums[d][2], sums[d][1] / sums[d][2], sums[d][2])
        for d in order
    ]


def project_sample(customers: Sequence[str], large: bool) -> list[str]:
    """Large projects (regional level and above) survey every customer end to end; small ones
    a 10% sample, at least one (R-SAT-3). Deterministic: every tenth, in the given order."""
    if large:
        return list(customers)
    size = max(1, math.ceil(len(customers) * 0.10)) if customers else 0
    step = len(customers) / size if size else 1
    return [customers[int(i * step)] for i in range(size)]


def activity_revisit_due(activity_end: datetime) -> datetime:
    """The inviter revisits the customer within 3 days of an exhibition (R-SAT-2)."""
    return activity_end + ACTIVITY_REVISIT


# The level spread of a third-party sample: the book requires ratios but gives none.
LEVEL_SHARES = {"senior": 0.2, "middle": 0.3, "grassroots": 0.5}
SAMPLE_PER_50M_USD = 30  # "USD 50M of orders a year → 30 or more respondents" (R-SAT-4)
MIN_SAMPLE, MAX_SAMPLE = 5, 300


@dataclass(frozen=True)
class SamplePlan:
    size: int
    per_level: dict[str, int] = field(default_factory=dict)


def third_party_sample(annual_order_usd: int) -> SamplePlan:
    """The annual third-party sample: sized by the customer's yearly order value, spread over
    senior / middle / grassroots by largest remainder, each level at least one."""
    if annual_order_usd < 0:
        raise InvalidArgument.field("annual_order_value", "must not be negative")
    wanted = math.ceil(annual_order_usd * SAMPLE_PER_50M_USD / 50_000_000)
    size = min(MAX_SAMPLE, max(MIN_SAMPLE, wanted))
    raw = {level: size * share for level, share in LEVEL_SHARES.items()}
    counts = {level: max(1, math.floor(value)) for level, value in raw.items()}
    by_remainder = sorted(raw, key=lambda lv: raw[lv] - math.floor(raw[lv]), reverse=True)
    for level in by_remainder:
        if sum(counts.values()) >= size:
            break
        counts[level] += 1
    return SamplePlan(sum(counts.values()), counts)


# ---------------------------------------------------------------------------------------------
# Voice of customer (客户声音)
# ---------------------------------------------------------------------------------------------

VOC_KINDS = frozenset({"need", "expectation", "opinion", "complaint", "evaluation", "feedback"})
PASSIVE_SOURCES = frozenset(
    {"hotline", "service_request", "sales_report", "return", "online_feedback"}
)
ACTIVE_SOURCES = frozenset(
    {
        "interview",
        "problem_team",
        "survey",
        "partner_interview",
        "direct_observation",
        "market_report",
    }
)
VOC_STAGES = ("collect", "analyse", "distribute", "verify", "close")
# Sales-reported voice weighs more (R-VOC: 销售报告 is the front line's own account).
SOURCE_WEIGHTS = {"sales_report": 2.0}


@dataclass(frozen=True)
class VocItem:
    id: str
    customer_id: str
    region: str
    kind: str
    source: str
    summary: str
    reported_by: Party
    create_time: datetime
    stage: str = "collect"
    issue_id: str = ""
    update_time: datetime | None = None

    @property
    def weight(self) -> float:
        return voc_weight(self.source)

    @property
    def passive(self) -> bool:
        return self.source in PASSIVE_SOURCES


def voc_weight(source: str) -> float:
    return SOURCE_WEIGHTS.get(source, 1.0)


def check_voc(item: VocItem) -> None:
    problems = []
    if item.kind not in VOC_KINDS:
        problems.append(
            FieldViolation("voc_item.kind", f"must be one of {', '.join(sorted(VOC_KINDS))}")
        )
    if item.source not in PASSIVE_SOURCES | ACTIVE_SOURCES:
        sources = ", ".join(sorted(PASSIVE_SOURCES | ACTIVE_SOURCES))
        problems.append(FieldViolation("voc_item.source", f"must be one of {sources}"))
    if not item.summary.strip():
        problems.append(FieldViolation("voc_item.summary", "is required"))
    collect(problems)


def advance_voc(item: VocItem, stage: str, issue_id: str, now: datetime) -> VocItem:
    """One stage forward at a time; distributing links the issue that handles it."""
    if stage not in VOC_STAGES:
        raise InvalidArgument.field("stage", f"must be one of {', '.join(VOC_STAGES)}")
    current = VOC_STAGES.index(item.stage)
    if VOC_STAGES.index(stage) != current + 1:
        raise FailedPrecondition.field(
            "stage",
            f"an item at {item.stage} moves to {VOC_STAGES[current + 1]}"
            if current + 1 < len(VOC_STAGES)
            else "the item is closed",
        )
    return replace(item, stage=stage, issue_id=issue_id or item.issue_id, update_time=now)


# ---------------------------------------------------------------------------------------------
# Improvement items (待改进问题)
# ---------------------------------------------------------------------------------------------

SHORTFALLS = frozenset({"product", "solution", "delivery", "service_attitude"})
IMPROVEMENT_STATES = ("open", "in_progress", "done")


@dataclass(frozen=True)
class ImprovementItem:
    id: str
    region: str
    tier: str
    shortfall: str
    summary: str
    priority: int
    create_time: datetime
    created_by: str
    state: str = "open"
    update_time: datetime | None = None


def check_improvement(item: ImprovementItem) -> None:
    problems = []
    if item.shortfall not in SHORTFALLS:
        problems.append(
            FieldViolation(
                "improvement_item.shortfall", f"must be one of {', '.join(sorted(SHORTFALLS))}"
            )
        )
    if not 1 <= item.priority <= 5:
        problems.append(FieldViolation("improvement_item.priority", "must be 1 (highest) to 5"))
    if not item.summary.strip():
        problems.append(FieldViolation("improvement_item.summary", "is required"))
    collect(problems)


def advance_improvement(item: ImprovementItem, state: str, now: datetime) -> ImprovementItem:
    if state not in IMPROVEMENT_STATES:
        raise InvalidArgument.field("state", f"must be one of {', '.join(IMPROVEMENT_STATES)}")
    if IMPROVEMENT_STATES.index(state) <= IMPROVEMENT_STATES.index(item.state):
        raise FailedPrecondition.field("state", f"the item is {item.state} already")
    return replace(item, state=state, update_time=now)


def improvement_order(tier_rank: Mapping[str, int]):
    """Sort key: per region, higher tiers first, then the item's own priority (1 first)."""

    def key(item: ImprovementItem) -> tuple:
        return (item.region, tier_rank.get(item.tier, 99), item.priority, item.create_time)

    return key


# ---------------------------------------------------------------------------------------------
# KPIs (R-NTI-4, R-NTI-6, R-NTI-11, R-VOC-9)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiCounts:
    """The counts of one team and period, as the store aggregates them."""

    new_valid: int = 0
    distributed: int = 0
    distributed_once: int = 0
    due: int = 0  # issues whose resolution deadline fell in the period
    closed_on_time: int = 0
    resolved: int = 0
    resolved_at_office: int = 0  # resolved without leaving the office
    handled_at_region: int = 0  # escalated to the region at least
    resolved_at_region: int = 0  # … and not beyond it
    issues: int = 0  # every valid issue of the period
    revisited: int = 0  # issues with at least one revisit
    urgent: int = 0
    urgent_revisited: int = 0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass(frozen=True)
class Kpis:
    counts: KpiCounts
    first_time_distribution_accuracy: float
    on_time_closure_rate: float
    self_resolution_rate: float
    office_self_resolution_rate: float
    region_self_resolution_rate: float
    revisit_coverage: float
    urgent_revisit_coverage: float
    office_over_cap: bool
    region_over_cap: bool
    revisit_coverage_met: bool


def kpis(counts: KpiCounts) -> Kpis:
    c = counts
    office = _ratio(c.resolved_at_office, c.resolved)
    region = _ratio(c.resolved_at_region, c.handled_at_region)
    coverage = _ratio(c.revisited, c.issues)
    urgent = _ratio(c.urgent_revisited, c.urgent)
    return Kpis(
        counts=c,
        first_time_distribution_accuracy=_ratio(c.distributed_once, c.distributed),
        on_time_closure_rate=_ratio(c.closed_on_time, c.due),
        self_resolution_rate=office,
        office_self_resolution_rate=office,
        region_self_resolution_rate=region,
        revisit_coverage=coverage,
        urgent_revisit_coverage=urgent,
        office_over_cap=office < SELF_RESOLUTION_TARGETS["office"],
        region_over_cap=region < SELF_RESOLUTION_TARGETS["region"],
        revisit_coverage_met=coverage >= REVISIT_COVERAGE and urgent >= 1.0,
    )


def weekly_issue_quota(annual_revenue_usd: int) -> int:
    """Valid issues to record per customer per week: 2 for customers above USD 50M a year
    (R-VOC-9); the book gives no other sizes, so 1 above USD 10M and none below."""
    if annual_revenue_usd >= 50_000_000:
        return 2
    if annual_revenue_usd >= 10_000_000:
        return 1
    return 0


def count_issues(rows: Iterable[Issue], start: datetime, end: datetime) -> KpiCounts:
    """The KPI counts of issues, in plain Python (the store computes the same in SQL)."""
    values = dict.fromkeys(KpiCounts.__dataclass_fields__, 0)
    for issue in rows:
        if not issue.valid:
            continue
        if start <= issue.create_time < end:
            values["new_valid"] += 1
            values["issues"] += 1
            values["revisited"] += bool(issue.revisits)
            if issue.urgency == "urgent":
                values["urgent"] += 1
                values["urgent_revisited"] += bool(issue.revisits)
            if issue.distributions:
                values["distributed"] += 1
                values["distributed_once"] += issue.distributions == 1
            if issue.resolve_time is not None or issue.state == State.CLOSED:
                values["resolved"] += 1
                values["resolved_at_office"] += issue.level == "office"
                if issue.level != "office":
                    values["handled_at_region"] += 1
                    values["resolved_at_region"] += issue.level == "region"
        due = issue.sla_due_time
        if due is not None and start <= due < end:
            values["due"] += 1
            closed = issue.close_time
            values["closed_on_time"] += closed is not None and closed <= due
    return KpiCounts(**values)
