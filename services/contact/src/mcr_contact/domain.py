"""Contact's domain: activities and their rules, cadences, key dates, playbooks, the project
lifecycle table, activity closure and gift compliance (book ch.3 §1.18, ch.4). Pure: no I/O,
the time is always passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass as plain_dataclass
from dataclasses import field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, NamedTuple

from mcr_core import names
from mcr_core.errors import FieldViolation, InvalidArgument
from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# What plugins return is checked again on every call, even when it is an instance already.
_PLUGIN_TYPE = ConfigDict(revalidate_instances="always", allow_inf_nan=False, frozen=True)
Code = Annotated[str, Field(pattern=_CODE.pattern)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Days = Annotated[int, Field(ge=1, le=3660)]

MAX_TEXT = 2000
MAX_DURATION = timedelta(days=31)
REVISIT_WITHIN = timedelta(days=3)  # R-SAT-2: the inviter revisits within 3 days
KEY_DATE_LEAD = timedelta(days=1)  # decision 15: reminders one day before a key date
PROBLEM_CHECK_FROM = timedelta(days=91)  # R-SUP-4: 3–6 months of contact tell
PROBLEM_CHECK_UNTIL = timedelta(days=183)
ANY_ROLE = "any"


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def customer_id_from_name(name: str, field_path: str) -> str:
    return names.customer_id(name, field_path)


def split_person(name: str, field_path: str) -> tuple[str, str]:
    """(customer_id, person_id) of "customers/{customer_id}/persons/{person_id}"."""
    return names.person_ids(name, field_path)


KEY_DATE_NAME = "customers/{}/persons/{}/keyDates/{}"
KEY_DATE_FIELDS = frozenset({"kind", "month", "day"})


def split_key_date(name: str, field_path: str) -> tuple[str, str]:
    """(person name, key date id) of "customers/{c}/persons/{p}/keyDates/{id}"."""
    customer_id, person_id, key_date_id = names.parse(name, KEY_DATE_NAME, field_path)
    return names.format_name(names.PERSON, customer_id, person_id), key_date_id


def key_date_mask(paths: list[str]) -> frozenset[str]:
    """The key-date fields an update names; empty or `*` means all of them."""
    if not paths or paths == ["*"]:
        return KEY_DATE_FIELDS
    unknown = [p for p in paths if p not in KEY_DATE_FIELDS]
    if unknown:
        raise InvalidArgument.field(
            "update_mask", f"unknown field {unknown[0]!r}; one of day, kind, month"
        )
    return frozenset(paths)


def employee_id_from_name(name: str, field_path: str) -> str:
    return names.employee_id(name, field_path)


def id_from_name(name: str, prefix: str, field_path: str) -> str:
    """The id of a one-level name such as "activities/{id}" (`prefix` "activities/")."""
    return names.parse_one(name, prefix + "{}", field_path)


# ---------------------------------------------------------------------------------------------
# Activity types (the "12+1" scenarios and the others the book names)
# ---------------------------------------------------------------------------------------------


class Category(StrEnum):
    VISIT = "visit"
    EXCHANGE = "exchange"
    SHOWCASE = "showcase"
    CAPABILITY = "capability"
    DELIVERY = "delivery"
    BRAND = "brand"
    TEAM_BUILDING = "team_building"
    ROUTINE = "routine"
    HOSPITALITY = "hospitality"
    OTHER = "other"


@dataclass(config=_PLUGIN_TYPE)
class ActivityType:
    """A kind of contact activity. `brand` ones close only with a summary and their issues
    closed; `revisit` ones (exhibitions) make the inviter revisit within 3 days; `private`
    ones count as private, not office, visits."""

    code: Code
    name: Text
    category: Category
    brand: bool = False
    revisit: bool = False
    private: bool = False


def _type(code: str, name: str, category: Category, **flags: bool) -> ActivityType:
    return ActivityType(code, name, category, **flags)


# Book ch.3 Fig 3-2 ("12+1") and ch.4 §2.6; the built-in pack offers exactly these.
TWELVE_PLUS_ONE = (
    _type("company_visit", "公司参观 company visit", Category.SHOWCASE, brand=True),
    _type("exhibition", "展会论坛 exhibition / forum", Category.SHOWCASE, brand=True, revisit=True),
    _type("showcase_visit", "样板点参观 showcase-site visit", Category.SHOWCASE, brand=True),
    _type("thematic_exchange", "专题交流 thematic exchange", Category.EXCHANGE),
    _type("executive_visit", "高层拜访 executive visit", Category.VISIT, brand=True),
    _type("sponsor_meeting", "赞助人 sponsor meeting", Category.VISIT),
    _type("executive_summit", "高层峰会 executive summit", Category.BRAND, brand=True),
    _type("business_trip_escort", "出差陪同 business-trip escort", Category.HOSPITALITY),
    _type("home_visit", "客户家访 home visit", Category.VISIT, private=True),
    _type("banquet", "饭局宴请 banquet", Category.HOSPITALITY, private=True),
    _type("gift_exchange", "礼尚往来 gifts and courtesy", Category.HOSPITALITY, private=True),
    _type("daily_visit", "日常拜访 routine daily visit", Category.VISIT),
    _type("other", "其他 other (technical exchange, joint innovation...)", Category.OTHER),
)
OTHER_BOOK_TYPES = (
    _type("private_visit", "私人拜访 private visit", Category.VISIT, private=True),
    _type("revisit", "回访 follow-up revisit", Category.VISIT),
    _type("business_exchange", "业务交流 business exchange", Category.EXCHANGE),
    _type("management_exchange", "管理交流 management exchange", Category.EXCHANGE),
    _type("technical_exchange", "技术交流 technical exchange", Category.EXCHANGE),
    _type("special_inspection", "专项考察 special inspection trip", Category.SHOWCASE),
    _type("management_training", "管理培训 management training", Category.CAPABILITY),
    _type("delivery_milestone", "交付里程碑活动 delivery milestone event", Category.DELIVERY),
    _type("brand_event", "品牌活动 brand event (现场会)", Category.BRAND, brand=True),
    _type("team_building", "团队建设 sports, culture, festival party", Category.TEAM_BUILDING),
    _type("department_fellowship", "部门联谊 department fellowship", Category.TEAM_BUILDING),
    _type("routine_care", "例行客户关怀 birthday / holiday care", Category.ROUTINE),
    _type("key_information", "例行传递公司关键信息 key information", Category.ROUTINE),
    _type("routine_communication", "例行业务沟通 routine business talk", Category.ROUTINE),
    _type("handover_introduction", "交接引荐 joint introduction visit", Category.VISIT),
)


class RelationshipType(StrEnum):
    GENERAL = "general"  # 普遍客户关系
    KEY = "key"  # 关键客户关系
    ORGANISATIONAL = "organisational"  # 组织客户关系


class ActivityState(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CLOSED = "closed"


class LifecycleStage(StrEnum):
    """The opportunity stages of book ch.4 §4.6 (general relationships by project lifecycle)."""

    FINDING = "finding_opportunities"  # 寻找与发掘商机
    BIDDING = "bidding"  # 项目运作 (含招投标)
    EXECUTION = "contract_execution"  # 合同执行
    COLLECTION = "collection"  # 回款


@plain_dataclass(frozen=True)
class Money:
    currency_code: str
    units: int


@plain_dataclass
class OutstandingIssue:
    """An issue a (brand) activity left open; `issue` names a satisfaction issue when it is
    one ("issues/{id}"), `closed` is set when contact itself closed it."""

    title: str
    issue: str = ""
    closed: bool = False


@plain_dataclass
class Activity:
    id: str
    customer_id: str
    region: str
    type: str
    relationship_type: RelationshipType
    state: ActivityState
    title: str
    start_time: datetime
    duration: timedelta
    owner_id: str
    owner_unit: str
    target_persons: list[str] = field(default_factory=list)
    target_departments: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # our employees, "employees/{id}"
    topics: list[str] = field(default_factory=list)
    opportunity: str = ""
    lifecycle_stage: str = ""
    plan_item: str = ""
    cost: Money | None = None
    customer_share: Money | None = None  # co-funding by the customer (R-CON-9)
    gift_value: Money | None = None  # gifts and hospitality per target person (R-CON-6)
    private: bool = False
    evaluation_score: int = 0  # 1..5 by the project manager, 0 when not evaluated
    evaluation_note: str = ""
    summary: str = ""
    outstanding_issues: list[OutstandingIssue] = field(default_factory=list)
    compliance_flag: str = ""
    create_time: datetime | None = None
    update_time: datetime | None = None
    close_time: datetime | None = None

    @property
    def name(self) -> str:
        return f"activities/{self.id}"

    @property
    def end_time(self) -> datetime:
        return self.start_time + self.duration


# ---------------------------------------------------------------------------------------------
# Gift and hospitality compliance (R-CON-6)
# ---------------------------------------------------------------------------------------------


class ComplianceAction(StrEnum):
    REFUSE = "refuse"
    FLAG = "flag"


@dataclass(config=_PLUGIN_TYPE)
class ComplianceRule:
    """The gift and hospitality limit per target person of one jurisdiction (a region), and
    what happens over it: refused, or kept and flagged for the compliance officer."""

    jurisdiction: Code
    currency_code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    limit_units: Annotated[int, Field(ge=0)]
    action: ComplianceAction


class GiftRule(NamedTuple):
    """The limit that applies to a gift and whose it is ("" for the jurisdiction's)."""

    rule: ComplianceRule
    industry_plugin: str = ""


def stricter_gift_rule(
    jurisdiction: ComplianceRule | None, industry: tuple[ComplianceRule, str] | None
) -> GiftRule | None:
    """The jurisdiction's limit and the customer's industry limit, the stricter applying: the
    lower of the two in one currency; the industry's when the currencies differ (a pack that
    sets one knows the customer better than the region's default)."""
    if industry is None:
        return GiftRule(jurisdiction) if jurisdiction else None
    rule, plugin = industry
    if (
        jurisdiction is not None
        and jurisdiction.currency_code == rule.currency_code
        and jurisdiction.limit_units < rule.limit_units
    ):
        return GiftRule(jurisdiction)
    return GiftRule(rule, plugin)


def gift_compliance(
    value: Money | None, applied: ComplianceRule | GiftRule | None, field_path: str
) -> tuple[str, FieldViolation | None]:
    """(flag, violation): a flag to keep on the activity, or a violation that refuses it; an
    industry's limit names the pack that set it."""
    plugin = applied.industry_plugin if isinstance(applied, GiftRule) else ""
    rule = applied.rule if isinstance(applied, GiftRule) else applied
    if value is None or value.units == 0 or rule is None:
        return "", None
    if value.currency_code != rule.currency_code:
        return "", FieldViolation(
            field_path, f"must be in {rule.currency_code}, the currency of the region's limit"
        )
    if value.units <= rule.limit_units:
        return "", None
    message = (
        f"over the gift and hospitality limit of {rule.limit_units} {rule.currency_code} "
        f"per person in {rule.jurisdiction}"
        + (f" for this customer's industry (pack {plugin})" if plugin else "")
    )
    if rule.action is ComplianceAction.REFUSE:
        return "", FieldViolation(field_path, message)
    return message, None


# ---------------------------------------------------------------------------------------------
# Activity validation
# ---------------------------------------------------------------------------------------------


def activity_violations(
    activity: Activity,
    now: datetime,
    types: Mapping[str, ActivityType],
    prefix: str = "activity",
) -> list[FieldViolation]:
    """Everything wrong with an activity to log; empty when it may be stored."""
    out: list[FieldViolation] = []

    def bad(path: str, description: str) -> None:
        out.append(FieldViolation(f"{prefix}.{path}", description))

    if activity.type not in types:
        bad("type", f"unknown activity type {activity.type!r}; see ListActivityTypes")
    if not activity.title or len(activity.title) > 200:
        bad("title", "must be 1..200 characters")
    if activity.duration <= timedelta(0):
        bad("duration", "must be greater than zero")
    elif activity.duration > MAX_DURATION:
        bad("duration", "must be at most 31 days")
    if activity.state is ActivityState.DONE and activity.start_time > now:
        bad("start_time", "an activity in the future cannot be done yet")
    if activity.state is ActivityState.CLOSED:
        bad("state", "an activity is closed with CloseActivity")
    if not activity.target_persons and not activity.target_departments:
        bad("target_persons", "name at least one target person or department")
    for i, person in enumerate(activity.target_persons):
        match = names.match(person, names.PERSON)
        if match is None:
            bad(f"target_persons[{i}]", f"must look like {names.shown(names.PERSON)}")
        elif match[0] != activity.customer_id:
            bad(f"target_persons[{i}]", "is a person of another customer")
    for i, department in enumerate(activity.target_departments):
        if not department.startswith(f"customers/{activity.customer_id}/departments/"):
            bad(f"target_departments[{i}]", "must be a department of the activity's customer")
    for i, participant in enumerate(activity.participants):
        if names.match(participant, names.EMPLOYEE) is None:
            bad(f"participants[{i}]", f"must look like {names.shown(names.EMPLOYEE)}")
    if activity.lifecycle_stage and activity.lifecycle_stage not in set(LifecycleStage):
        bad("lifecycle_stage", f"must be one of {', '.join(LifecycleStage)}")
    if activity.lifecycle_stage and not activity.opportunity:
        bad("opportunity", "a lifecycle stage needs the opportunity it belongs to")
    if activity.opportunity and not activity.opportunity.startswith(
        f"customers/{activity.customer_id}/opportunities/"
    ):
        bad("opportunity", "must be an opportunity of the activity's customer")
    if not 0 <= activity.evaluation_score <= 5:
        bad("evaluation.score", "must be 1..5 (0: not evaluated)")
    for path, money in (("cost", activity.cost), ("customer_share", activity.customer_share)):
        if money is not None and money.units < 0:
            bad(f"{path}.units", "must not be negative")
    if (
        activity.cost is not None
        and activity.customer_share is not None
        and activity.customer_share.units > activity.cost.units
    ):
        bad("customer_share.units", "cannot exceed the cost")
    if activity.gift_value is not None and activity.gift_value.units < 0:
        bad("gift_value.units", "must not be negative")
    if any(len(t) > MAX_TEXT for t in (activity.summary, activity.evaluation_note)):
        bad("summary", f"must be at most {MAX_TEXT} characters")
    return out


# ---------------------------------------------------------------------------------------------
# Activity closure (brand activities: a summary and their outstanding issues closed)
# ---------------------------------------------------------------------------------------------


def closure_violations(
    activity: Activity, kind: ActivityType | None, open_issues: Iterable[str]
) -> list[FieldViolation]:
    """Why `activity` cannot close now; `open_issues` are the satisfaction issues still open."""
    if activity.state is ActivityState.CLOSED:
        return [FieldViolation("name", "the activity is closed already")]
    if activity.state is not ActivityState.DONE:
        return [FieldViolation("name", "only a done activity can be closed")]
    if kind is None or not kind.brand:
        return []
    out = []
    if not activity.summary.strip():
        out.append(FieldViolation("summary", "a brand activity closes only with its summary"))
    still_open = set(open_issues)
    for i, issue in enumerate(activity.outstanding_issues):
        # A satisfaction issue is closed there; any other is closed here, with the activity.
        is_open = issue.issue in still_open if issue.issue else not issue.closed
        if is_open:
            out.append(FieldViolation(f"outstanding_issues[{i}]", f"is still open: {issue.title}"))
    return out


# ---------------------------------------------------------------------------------------------
# Cadences (decision 4: from the tier policy, per person role; plugin rules on top)
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class PolicyCadence:
    """Insight's `ContactCadence`: `minimum_contacts` per `interval_days` with the role, and
    the ideal and maximum days between two contacts the policy gives (None from a policy
    announced before it gave them)."""

    role: str
    interval_days: int
    minimum_contacts: int
    ideal_days: float | None = None
    max_days: float | None = None


@dataclass(config=_PLUGIN_TYPE)
class CadenceRule:
    """A plugin's cadence for persons of `role` at customers of `tier` ("any" matches all):
    contact them every `ideal_days`, never later than `max_days`."""

    tier: Code
    role: Code
    ideal_days: Days
    max_days: Days


@plain_dataclass(frozen=True)
class Cadence:
    ideal: timedelta
    maximum: timedelta
    source: str  # "policy" or the plugin that gave the rule


def _matches(value: str, wanted: str) -> bool:
    return wanted in (value, ANY_ROLE)


def cadence_for(
    tier: str,
    role: str,
    policy: Sequence[PolicyCadence],
    rules: Sequence[tuple[str, CadenceRule]],
) -> Cadence | None:
    """The cadence of a person: a plugin rule for the exact tier and role first, then the tier
    policy's cadence for the role, then the rules and policy for "any" role.

    The policy gives the ideal and maximum intervals (insight's `ContactCadence`); one
    announced without them allows at most interval/N between two contacts for N contacts per
    interval, ideally three quarters of that."""

    def rule(exact: bool) -> Cadence | None:
        for plugin, r in rules:
            if _matches(tier, r.tier) and (r.role == role if exact else r.role == ANY_ROLE):
                ideal = min(r.ideal_days, r.max_days)
                return Cadence(timedelta(days=ideal), timedelta(days=r.max_days), plugin)
        return None

    def from_policy(wanted: str) -> Cadence | None:
        for c in policy:
            if c.role == wanted:
                maximum = c.max_days or c.interval_days / max(c.minimum_contacts, 1)
                ideal = (
                    min(c.ideal_days, maximum)
                    if c.ideal_days
                    else max(maximum * 0.75, min(1.0, maximum))
                )
                return Cadence(timedelta(days=ideal), timedelta(days=maximum), "policy")
        return None

    return rule(True) or from_policy(role) or rule(False) or from_policy(ANY_ROLE)


# Key persons followed by events (R-CON-8/10, R-82): the roles the archive and planning give a
# person, mapped to the cadence role the tier policies and packs know, strongest first.
RETIRED_KEY_PERSON = "retired_key_person"
DECISION_MAKER = "decision_maker"
KEY_ROLE_ORDER = ("decision_maker", "sponsor", "rising_star", "key_person")


@plain_dataclass
class KeyPerson:
    """What the archive (decision roles, veto, rising star, retirement, departure) and planning
    (target, owner pairing, sponsors) say of a customer person."""

    person: str
    customer_id: str
    region: str
    archive_roles: tuple[str, ...] = ()  # "decision_maker", "rising_star"
    archive_owner_id: str = ""
    retired: bool = False
    departed: bool = False
    archive_time: datetime | None = None
    target: bool = False
    plan_owner_id: str = ""
    sponsor_ids: tuple[str, ...] = ()
    plan_time: datetime | None = None

    @property
    def owner_id(self) -> str:
        """Planning's pairing wins over the archive's relationship owner."""
        return self.plan_owner_id or self.archive_owner_id


def key_role(person: KeyPerson) -> str | None:
    """The cadence role of a key person, or None when nothing makes them one. A retired key
    person keeps a courtesy cadence (R-82); decision makers and veto holders come first, then
    persons with a sponsor (monthly or bimonthly meetings, R-82), rising stars (the reserve,
    R-CON-8), and targets or persons paired with an owner (routine coverage, R-CON-10)."""
    roles = set(person.archive_roles)
    if person.sponsor_ids:
        roles.add("sponsor")
    if person.target or person.plan_owner_id:
        roles.add("key_person")
    if not roles:
        return None
    if person.retired:
        return RETIRED_KEY_PERSON
    return next(r for r in KEY_ROLE_ORDER if r in roles)


class CadenceStatus(StrEnum):
    OK = "ok"
    DUE = "due"  # past the ideal interval
    BREACHED = "breached"  # past the maximum: escalated to the supervisor


@plain_dataclass(frozen=True)
class CadenceClock:
    """When a person's next contact is ideally due and when the cadence breaches: counted from
    the last logged contact, or from when contact started tracking the person."""

    due_time: datetime
    breach_time: datetime


def cadence_clock(
    cadence: Cadence, last_contact: datetime | None, since: datetime, due_at_once: bool = False
) -> CadenceClock:
    """`due_at_once`: a key person never contacted is due from the start, not after an ideal
    interval of silence (a decision maker of an S customer must not show "ok" for weeks)."""
    start = last_contact or since
    if due_at_once and last_contact is None:
        return CadenceClock(since, since + cadence.maximum)
    return CadenceClock(start + cadence.ideal, start + cadence.maximum)


def cadence_status(clock: CadenceClock, now: datetime) -> CadenceStatus:
    if now >= clock.breach_time:
        return CadenceStatus.BREACHED
    if now >= clock.due_time:
        return CadenceStatus.DUE
    return CadenceStatus.OK


def cold_stove(last_contact: datetime | None, since: datetime, now: datetime, days: int) -> bool:
    """冷灶: nobody contacted the person for `days` (also after a contract is signed, when
    teams tend to stop visiting)."""
    return now - (last_contact or since) >= timedelta(days=days)


class DueEntry(NamedTuple):
    """One line of an owner's daily due list (a tuple: a million are built in a batch)."""

    person: str
    customer_id: str
    role: str
    status: CadenceStatus
    due_time: datetime
    breach_time: datetime
    cold: bool


def due_list(
    rows: Iterable[tuple[str, str, str, datetime, datetime, datetime | None, datetime]],
    day_end: datetime,
    cold_days: int,
) -> list[DueEntry]:
    """The persons whose contact falls due by `day_end`, breached first, then by due time.

    `rows` are (person, customer_id, role, due_time, breach_time, last_contact, since). The
    rules are `cadence_status` and `cold_stove`, inlined: this runs over whole portfolios."""
    breached, due, cold_before = (
        CadenceStatus.BREACHED,
        CadenceStatus.DUE,
        day_end - timedelta(days=cold_days),
    )
    out = [
        DueEntry(
            person,
            customer_id,
            role,
            breached if day_end >= breach else due,
            due_time,
            breach,
            (last or since) <= cold_before,
        )
        for person, customer_id, role, due_time, breach, last, since in rows
        if due_time <= day_end
    ]
    out.sort(key=lambda e: (e.status is not breached, e.due_time, e.person))
    return out


# ---------------------------------------------------------------------------------------------
# Key dates, exhibitions and coverage
# ---------------------------------------------------------------------------------------------


@dataclass(config=_PLUGIN_TYPE)
class CustomerDate:
    """A yearly date of a customer's own calendar (a tender window opening, the budget round,
    the procurement committee): its owners are reminded `lead_days` before it."""

    kind: Code
    title: Text
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    lead_days: Annotated[int, Field(ge=1, le=90)] = 7


def next_customer_date_reminder(found: CustomerDate, now: datetime) -> datetime:
    """`lead_days` before the date's next occurrence whose reminder is still ahead of `now`."""
    lead = timedelta(days=found.lead_days) - KEY_DATE_LEAD
    return next_key_date_reminder(found.month, found.day, now + lead) - lead


def next_key_date_reminder(month: int, day: int, now: datetime) -> datetime:
    """When to remind of a yearly key date (birthday, holiday): one day before its next
    occurrence that is still ahead of `now`, at the start of that day (UTC). 29 February
    falls on 28 February in other years."""
    for year in (now.year, now.year + 1, now.year + 2):
        try:
            occurrence = date(year, month, day)
        except ValueError:
            occurrence = date(year, month, 28)
        remind = (
            datetime(occurrence.year, occurrence.month, occurrence.day, tzinfo=now.tzinfo)
            - KEY_DATE_LEAD
        )
        if remind > now:
            return remind
    raise AssertionError("a key date recurs within two years")


def key_date_violations(month: int, day: int, kind: str) -> list[FieldViolation]:
    out = []
    if not 1 <= month <= 12:
        out.append(FieldViolation("key_date.month", "must be 1..12"))
    else:
        days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        if not 1 <= day <= days:
            out.append(FieldViolation("key_date.day", f"must be 1..{days} in that month"))
    if not _CODE.match(kind):
        out.append(FieldViolation("key_date.kind", "must be a code like birthday or holiday"))
    return out


def revisit_deadline(activity: Activity, kind: ActivityType | None) -> datetime | None:
    """R-SAT-2: after an exhibition the inviter revisits the customer within 3 days."""
    if kind is None or not kind.revisit or activity.state is ActivityState.PLANNED:
        return None
    return activity.end_time + REVISIT_WITHIN


def week_start(moment: datetime) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


@plain_dataclass(frozen=True)
class Coverage:
    """Tier-C coverage (decision 3): visits a customer manager made this week vs required."""

    tier: str
    required: int
    done: int

    @property
    def shortfall(self) -> int:
        return max(self.required - self.done, 0)


@plain_dataclass(frozen=True)
class VisitShare:
    """An owner's office and private visits since `since` (book ch.4 §2.6)."""

    office: int
    private: int
    since: datetime


VISIT_SHARE_PERIOD = timedelta(days=30)


# ---------------------------------------------------------------------------------------------
# Support-level playbooks (R-SUP-3…7) and the problem-customer check (R-SUP-4)
# ---------------------------------------------------------------------------------------------


@dataclass(config=_PLUGIN_TYPE)
class Playbook:
    """What to do next with a person at `support_level` (decision 6 scale, −3..+3)."""

    support_level: Annotated[int, Field(ge=-3, le=3)]
    goal: Text
    actions: tuple[Text, ...]
    rule: Annotated[str, Field(max_length=32)] = ""


BOOK_PLAYBOOKS = (
    Playbook(
        -1,
        "让客户不排斥你、不针对你: the customer no longer rejects or targets us",
        (
            "routine visits in the golden 20 minutes before work (R-CON-1)",
            "seize every business exchange; request premium resources when needed",
            "promise nothing you cannot do; do whatever you promised, big or small",
        ),
        "R-SUP-3",
    ),
    Playbook(
        0,
        "能够走到客户身边，让客户接受接触: the customer accepts contact",
        (
            "brand activities: company visit, showcase-site visit, executive visit",
            "private friendship, starting from low-level needs",
        ),
        "R-SUP-5",
    ),
    Playbook(
        1,
        "试着走进客户的生活: enter the customer's life (family level)",
        (
            "family-level engagement",
            "discover higher-level needs; match hobbies",
        ),
        "R-SUP-6",
    ),
    Playbook(
        2,
        "良好的关系要持续维护: keep the good relationship",
        (
            "maintain the relationship continuously",
            "develop the person into a coach when the coach criteria are met",
            "request more company resources to help the person (career adviser)",
        ),
        "R-SUP-7",
    ),
)


def book_playbook(level: int) -> Playbook:
    """The book's playbook for a level: below −1 as for −1 (opposed), above +2 as for +2."""
    clamped = min(max(level, -1), 2)
    return next(p for p in BOOK_PLAYBOOKS if p.support_level == clamped)


@plain_dataclass(frozen=True)
class ProblemCheck:
    """R-SUP-4's advice, once 3–6 months of contact have not won the person over."""

    advice: str
    rule: str = "R-SUP-4"


def problem_customer_check(
    first_contact: datetime | None, now: datetime, support_level: int
) -> ProblemCheck | None:
    if first_contact is None or support_level >= 0:
        return None
    known = now - first_contact
    if known < PROBLEM_CHECK_FROM:
        return None
    if known < PROBLEM_CHECK_UNTIL:
        return ProblemCheck(
            "after 3 months of contact the person still opposes us: judge with your supervisor "
            "and colleagues whether this is a problem customer"
        )
    return ProblemCheck(
        "a problem customer after 6 months: with your supervisor remap the decision chain and "
        "go through the person's boss (隔山拜佛), then invite him to activities with his boss"
    )


# ---------------------------------------------------------------------------------------------
# Project lifecycle (book ch.4 §4.6): per stage, activities, customer departments, our roles
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class StageWork:
    stage: LifecycleStage
    goal: str
    activity_types: tuple[str, ...]
    departments: tuple[str, ...]
    roles: tuple[str, ...]


LIFECYCLE = (
    StageWork(
        LifecycleStage.FINDING,
        "identify pain points, guide requirements, control the supplier list",
        ("business_exchange", "company_visit", "showcase_visit"),
        ("marketing", "planning", "procurement"),
        ("solution_expert", "marketing_expert", "account_manager"),
    ),
    StageWork(
        LifecycleStage.BIDDING,
        "information channels, tender guidance, a favourable evaluation, contract quality",
        ("private_visit", "business_exchange", "special_inspection"),
        ("planning", "procurement", "finance", "maintenance", "external_experts"),
        ("account_manager", "product_manager", "delivery_manager", "finance_manager"),
    ),
    StageWork(
        LifecycleStage.EXECUTION,
        "site entry and cooperation, acceptance as early as possible, contain problems",
        ("management_training", "delivery_milestone"),
        ("construction", "implementation", "maintenance", "planning", "project_management"),
        ("delivery_manager", "solution_expert", "account_manager"),
    ),
    StageWork(
        LifecycleStage.COLLECTION,
        "accelerate collection; collecting per contract is the floor",
        ("department_fellowship", "management_exchange"),
        ("maintenance", "finance", "decision_leaders"),
        ("account_manager", "delivery_manager", "collection_manager", "office_cfo"),
    ),
)


@plain_dataclass(frozen=True)
class StageProgress:
    work: StageWork
    done_types: tuple[str, ...]
    missing_types: tuple[str, ...]
    covered_departments: tuple[str, ...]


def lifecycle_progress(done: Iterable[tuple[str, str, Sequence[str]]]) -> list[StageProgress]:
    """Per stage, which suggested activity types an opportunity has done, which are missing,
    and which suggested customer departments were reached. `done` holds (stage, type,
    department ids) of the opportunity's done activities."""
    by_stage: dict[str, list[tuple[str, Sequence[str]]]] = {}
    for stage, kind, departments in done:
        by_stage.setdefault(stage, []).append((kind, departments))
    out = []
    for work in LIFECYCLE:
        entries = by_stage.get(work.stage, [])
        kinds = {k for k, _ in entries}
        reached = {d.rsplit("/", 1)[-1] for _, ds in entries for d in ds}
        out.append(
            StageProgress(
                work,
                tuple(t for t in work.activity_types if t in kinds),
                tuple(t for t in work.activity_types if t not in kinds),
                tuple(d for d in work.departments if d in reached),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Key events (evidence for planning's assessment, decision 7)
# ---------------------------------------------------------------------------------------------

DIMENSIONS = (
    "acceptance",  # 接受认可度
    "participation",  # 客户接触活动参与度
    "information",  # 信息传递
    "guidance",  # 项目及日常业务指导
    "decision_support",  # 决策支持度
    "competitive_attitude",  # 竞争态度
)


@plain_dataclass
class KeyEvent:
    id: str
    customer_id: str
    region: str
    person: str
    dimension: str
    impact: int
    summary: str
    activity: str
    recorded_by: str
    occur_time: datetime
    create_time: datetime

    @property
    def name(self) -> str:
        return f"customers/{self.customer_id}/keyEvents/{self.id}"


def key_event_violations(event: KeyEvent, now: datetime) -> list[FieldViolation]:
    out = []
    if event.dimension not in DIMENSIONS:
        out.append(FieldViolation("key_event.dimension", f"must be one of {', '.join(DIMENSIONS)}"))
    if not -2 <= event.impact <= 2 or event.impact == 0:
        out.append(FieldViolation("key_event.impact", "must be -2, -1, 1 or 2"))
    if not event.summary.strip() or len(event.summary) > 500:
        out.append(FieldViolation("key_event.summary", "must be 1..500 characters"))
    if event.occur_time > now:
        out.append(FieldViolation("key_event.occur_time", "must not be in the future"))
    if event.activity and not event.activity.startswith("activities/"):
        out.append(FieldViolation("key_event.activity", "must be activities/{activity_id}"))
    return out
