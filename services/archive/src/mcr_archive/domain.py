"""The archive's domain: customer enterprises and the rules on them. Pure: no I/O.

Decision 1: a `Customer` is an enterprise (客户); persons working there are separate records.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

import pycountry
from mcr_core import names
from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument
from pypinyin import lazy_pinyin

T = TypeVar("T")
NAME_PREFIX = "customers/"
EMPLOYEE_PREFIX = "employees/"
MAX_NAME_LENGTH = 200
_INDUSTRY = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_REGION = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class LifecycleState(StrEnum):
    """Where a customer stands in its life with us."""

    PROSPECT = "prospect"
    ACTIVE = "active"
    DORMANT = "dormant"
    CLOSED = "closed"


@dataclass(frozen=True)
class Money:
    currency_code: str
    units: int
    nanos: int = 0


@dataclass(frozen=True)
class Customer:
    id: str
    display_name: str
    region: str
    industry: str = ""
    country_code: str = ""
    parent_group_id: str | None = None
    annual_revenue: Money | None = None
    employee_count: int = 0
    lifecycle_state: LifecycleState = LifecycleState.PROSPECT
    owner_id: str = ""
    tier: str = ""  # kept from insight's events; the archive does not decide it
    ownership_type: str = "unspecified"
    province: str = ""
    credit_rating: str = ""  # set only by rate_credit, with its history
    natural_key: str | None = None  # the key an import names it by
    create_time: datetime | None = None
    update_time: datetime | None = None
    revision: int = 1

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.id}"

    @property
    def etag(self) -> str:
        return etag_of(self.id, self.revision)


# The fields an update may name, as the API spells them.
MUTABLE_FIELDS: frozenset[str] = frozenset(
    {
        "display_name",
        "industry",
        "country_code",
        "parent_group",
        "annual_revenue",
        "employee_count",
        "lifecycle_state",
        "owner",
        "ownership_type",
        "province",
    }
)
IMMUTABLE_FIELDS: frozenset[str] = frozenset(
    {"name", "region", "create_time", "update_time", "etag", "tier", "credit_rating"}
)
_FIELD_ATTRIBUTE = {"parent_group": "parent_group_id", "owner": "owner_id"}


def etag_of(customer_id: str, revision: int) -> str:
    return hashlib.sha256(f"{customer_id}:{revision}".encode()).hexdigest()[:16]


def parse_name(name: str, pattern: str, field_path: str) -> tuple[str, ...]:
    """The ids in a resource name of the form `pattern` ("customers/{}/persons/{}")."""
    return names.parse(name, pattern, field_path)


def customer_id_from_name(name: str, field_path: str = "name") -> str:
    return names.customer_id(name, field_path)


def employee_id_from_name(name: str, field_path: str) -> str:
    return names.employee_id(name, field_path)


def check_request_id(request_id: str) -> None:
    if request_id and not _REQUEST_ID.match(request_id):
        raise InvalidArgument.field("request_id", "use 1-64 letters, digits, '-' or '_'")


def violations(customer: Customer, prefix: str = "customer") -> list[FieldViolation]:
    """Everything wrong with a customer's own fields, each naming its field."""
    found: list[FieldViolation] = []

    def bad(name: str, description: str) -> None:
        found.append(FieldViolation(f"{prefix}.{name}", description))

    if not customer.display_name.strip():
        bad("display_name", "is required")
    elif len(customer.display_name) > MAX_NAME_LENGTH:
        bad("display_name", f"must be at most {MAX_NAME_LENGTH} characters")
    if not _REGION.match(customer.region):
        bad("region", "is required: a region code such as cn-south")
    if customer.industry and not _INDUSTRY.match(customer.industry):
        bad("industry", "must be a lower-case industry code such as telecom")
    if customer.country_code and pycountry.countries.get(alpha_2=customer.country_code) is None:
        bad("country_code", f"{customer.country_code!r} is not an ISO 3166-1 alpha-2 code")
    if customer.employee_count < 0:
        bad("employee_count", "must not be negative")
    if len(customer.province) > 64:
        bad("province", "must be at most 64 characters")
    if customer.annual_revenue is not None:
        found += _money_violations(customer.annual_revenue, f"{prefix}.annual_revenue")
    if customer.parent_group_id is not None and customer.parent_group_id == customer.id:
        bad("parent_group", "a customer cannot be its own group")
    return found


def _money_violations(money: Money, path: str) -> list[FieldViolation]:
    found = []
    if pycountry.currencies.get(alpha_3=money.currency_code) is None:
        found.append(
            FieldViolation(
                f"{path}.currency_code", f"{money.currency_code!r} is not an ISO 4217 code"
            )
        )
    if money.units < 0 or money.nanos < 0:
        found.append(FieldViolation(f"{path}.units", "revenue must not be negative"))
    if not -999_999_999 <= money.nanos <= 999_999_999:
        found.append(FieldViolation(f"{path}.nanos", "must be within ±999,999,999"))
    return found


def check_update_mask(
    paths: list[str],
    mutable: frozenset[str] = MUTABLE_FIELDS,
    immutable: frozenset[str] = IMMUTABLE_FIELDS,
) -> frozenset[str]:
    """The mutable fields an update names; empty or `*` means all of them."""
    if not paths or paths == ["*"]:
        return mutable
    problems = []
    for path in paths:
        if path in immutable:
            problems.append(FieldViolation("update_mask", f"{path} cannot be changed"))
        elif path not in mutable:
            problems.append(FieldViolation("update_mask", f"unknown field {path!r}"))
    if problems:
        raise InvalidArgument(*problems)
    return frozenset(paths)


@dataclass(frozen=True)
class Change(Generic[T]):
    """The result of applying an update: the new record and the fields that really changed."""

    record: T
    changed: tuple[str, ...] = field(default=())


def apply_update(
    current: T, proposed: T, mask: frozenset[str], attributes: dict[str, str] | None = None
) -> Change[T]:
    """Copy the masked fields of `proposed` onto `current`, and say which changed.

    `attributes` maps API field names to attribute names where they differ."""
    attributes = _FIELD_ATTRIBUTE if attributes is None else attributes
    updates, changed = {}, []
    for api_field in sorted(mask):
        attribute = attributes.get(api_field, api_field)
        new = getattr(proposed, attribute)
        if new != getattr(current, attribute):
            updates[attribute] = new
            changed.append(api_field)
    if not changed:
        return Change(current)
    if hasattr(current, "revision"):  # employees carry no revision: the IdP owns most of them
        updates["revision"] = current.revision + 1
    return Change(replace(current, **updates), tuple(changed))


# ---------------------------------------------------------------------------------------------
# Our employees
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employee:
    """One of our own staff: their position in the organisation decides what they see."""

    employee_id: str
    region: str
    org_unit: str
    display_name: str = ""
    job_grade: int = 0
    active: bool = True
    manager_id: str = ""  # their manager, as HR files name them (the employees import)
    create_time: datetime | None = None
    update_time: datetime | None = None

    @property
    def name(self) -> str:
        return f"{EMPLOYEE_PREFIX}{self.employee_id}"


EMPLOYEE_MUTABLE_FIELDS = frozenset({"display_name", "job_grade", "active"})
EMPLOYEE_IMMUTABLE_FIELDS = frozenset({"name", "region", "org_unit", "create_time", "update_time"})


def employee_violations(employee: Employee) -> list[FieldViolation]:
    found = []
    if len(employee.display_name) > MAX_NAME_LENGTH:
        found.append(FieldViolation("employee.display_name", "is too long"))
    if not 0 <= employee.job_grade <= 30:
        found.append(FieldViolation("employee.job_grade", "must be between 0 and 30"))
    return found


# ---------------------------------------------------------------------------------------------
# Organisation charts and persons
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Department:
    """A unit of a customer's organisation chart."""

    id: str
    customer_id: str
    display_name: str
    parent_id: str | None = None
    covering_employee_id: str = ""  # who takes over persons moving in (territory rule)
    create_time: datetime | None = None
    update_time: datetime | None = None
    revision: int = 1

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/departments/{self.id}"

    @property
    def etag(self) -> str:
        return etag_of(self.id, self.revision)


DEPARTMENT_FIELDS = frozenset({"display_name", "parent_department", "covering_employee"})
DEPARTMENT_ATTRIBUTES = {
    "parent_department": "parent_id",
    "covering_employee": "covering_employee_id",
}


def department_violations(department: Department) -> list[FieldViolation]:
    if not department.display_name.strip():
        return [FieldViolation("department.display_name", "is required")]
    if len(department.display_name) > MAX_NAME_LENGTH:
        return [FieldViolation("department.display_name", "is too long")]
    return []


def check_department_tree(department_id: str, parent_id: str | None, parents: dict) -> None:
    """Refuse a parent that would put the department below itself (the chart is a tree)."""
    seen = {department_id}
    while parent_id is not None:
        if parent_id in seen:
            raise FailedPrecondition.field(
                "department.parent_department", "the organisation chart would contain a cycle"
            )
        seen.add(parent_id)
        parent_id = parents.get(parent_id)


class Layer(StrEnum):
    """Where a person sits in the customer's hierarchy (高层 / 中层 / 基层)."""

    UNSPECIFIED = "unspecified"
    SENIOR = "senior"
    MIDDLE = "middle"
    GRASSROOTS = "grassroots"


# The seven roles in a buying decision (book ch.3, the decision chain).
DECISION_ROLES = ("initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper")
SEVEN_ROLES = f"must be one of the seven roles: {', '.join(DECISION_ROLES)}"
_SCENARIO = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class DecisionRole:
    """The person's role in the decisions of one business scenario."""

    scenario: str
    role: str


@dataclass(frozen=True)
class Person:
    """Someone working at a customer (decision 1); a key person has decision power.

    A person is a human *in the context* of one customer: the same human (`individual_id`) can
    be a person at several customers, with different roles at each."""

    id: str
    customer_id: str
    display_name: str
    title: str = ""
    department_id: str | None = None
    layer: Layer = Layer.UNSPECIFIED
    owner_id: str = ""
    veto_holder: bool = False
    rising_star: bool = False
    retired: bool = False
    decision_roles: tuple[DecisionRole, ...] = ()
    reports_to_id: str | None = None
    outside_org_chart: bool = False
    individual_id: str = ""
    moved_to: str = ""
    natural_key: str | None = None  # the key an import names it by, unique per customer
    create_time: datetime | None = None
    update_time: datetime | None = None
    revision: int = 1

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/persons/{self.id}"

    @property
    def etag(self) -> str:
        return etag_of(self.id, self.revision)


PERSON_MUTABLE_FIELDS = frozenset(
    {
        "display_name",
        "title",
        "department",
        "layer",
        "owner",
        "veto_holder",
        "rising_star",
        "retired",
        "decision_roles",
        "reports_to",
        "outside_org_chart",
    }
)
PERSON_IMMUTABLE_FIELDS = frozenset(
    {"name", "create_time", "update_time", "etag", "individual", "moved_to"}
)
PERSON_ATTRIBUTES = {
    "department": "department_id",
    "owner": "owner_id",
    "reports_to": "reports_to_id",
}


def person_violations(person: Person) -> list[FieldViolation]:
    found = []
    if not person.display_name.strip():
        found.append(FieldViolation("person.display_name", "is required"))
    elif len(person.display_name) > MAX_NAME_LENGTH:
        found.append(FieldViolation("person.display_name", "is too long"))
    if len(person.title) > MAX_NAME_LENGTH:
        found.append(FieldViolation("person.title", "is too long"))
    seen = set()
    for index, role in enumerate(person.decision_roles):
        path = f"person.decision_roles[{index}]"
        if not _SCENARIO.match(role.scenario):
            found.append(FieldViolation(f"{path}.scenario", "use a short code such as it-2027"))
        if role.role not in DECISION_ROLES:
            found.append(FieldViolation(f"{path}.role", SEVEN_ROLES))
        if (role.scenario, role.role) in seen:
            found.append(FieldViolation(path, "is listed twice"))
        seen.add((role.scenario, role.role))
    if person.reports_to_id is not None and person.reports_to_id == person.id:
        found.append(FieldViolation("person.reports_to", "a person cannot report to themself"))
    if person.outside_org_chart:
        reason = "a hidden influencer stands outside the organisation chart"
        if person.department_id is not None:
            found.append(FieldViolation("person.department", f"must be empty: {reason}"))
        if person.reports_to_id is not None:
            found.append(FieldViolation("person.reports_to", f"must be empty: {reason}"))
    return found


def check_reporting_line(person_id: str, boss_id: str | None, bosses: dict) -> None:
    """Refuse a boss who (through their own bosses) reports to the person: lines are a tree."""
    seen = {person_id}
    while boss_id is not None:
        if boss_id in seen:
            raise FailedPrecondition.field(
                "person.reports_to", "the reporting lines would contain a cycle"
            )
        seen.add(boss_id)
        boss_id = bosses.get(boss_id)


def roles_text(roles: tuple[DecisionRole, ...]) -> str:
    """Decision roles as one cell: "scenario:role; scenario:role" (history, exports)."""
    return "; ".join(f"{r.scenario}:{r.role}" for r in roles)


def roles_from_text(text: str) -> tuple[DecisionRole, ...]:
    parts = [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
    return tuple(
        DecisionRole(*(item.strip().lower() for item in part.partition(":")[::2])) for part in parts
    )


# ---------------------------------------------------------------------------------------------
# Influence between persons (confidant / conflict), inside or outside the org chart
# ---------------------------------------------------------------------------------------------

INFLUENCE_KINDS = ("confidant", "conflict")
INFLUENCE_DIRECTIONS = ("one_way", "mutual")


@dataclass(frozen=True)
class InfluenceLink:
    id: str
    customer_id: str
    source_id: str
    target_id: str
    kind: str
    direction: str
    strength: int
    note: str = ""
    create_time: datetime | None = None

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/influenceLinks/{self.id}"

    def person(self, person_id: str) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/persons/{person_id}"


def influence_violations(link: InfluenceLink) -> list[FieldViolation]:
    found = []

    def bad(field_name: str, description: str) -> None:
        found.append(FieldViolation(f"influence_link.{field_name}", description))

    if link.source_id == link.target_id:
        bad("target", "must be another person than the source")
    if link.kind not in INFLUENCE_KINDS:
        bad("kind", "must be confidant or conflict")
    if link.direction not in INFLUENCE_DIRECTIONS:
        bad("direction", "must be one way or mutual")
    if not 1 <= link.strength <= 5:
        bad("strength", "must be between 1 (weak) and 5 (decisive)")
    if len(link.note) > 1000:
        bad("note", "must be at most 1000 characters")
    return found


# ---------------------------------------------------------------------------------------------
# The territory rule (book ch.3 §1.21): who owns a relationship after the person moves
# ---------------------------------------------------------------------------------------------


class TerritoryCase(StrEnum):
    DEPARTMENT = "department"  # same customer: the employee covering the new department
    REGION = "region"  # same company, another territory: that territory's office (属地管理)
    EMPLOYER = "employer"  # another company: its customer manager takes over


def territory_case(from_customer: Customer, to_customer: Customer, same_group: bool) -> str:
    """Which of the three cases a move is. A company's territories (the book's Guangxi and
    Guangdong branches) are customers of one group, each with its own customer manager; any
    other customer, in any of our regions, is another employer."""
    if from_customer.id == to_customer.id:
        return TerritoryCase.DEPARTMENT
    if same_group:
        return TerritoryCase.REGION
    return TerritoryCase.EMPLOYER


def owner_after_move(
    case: str, current_owner: str, covering_employee: str, customer_owner: str
) -> str:
    """The department case hands the person to whoever covers the new department (or leaves
    them with their owner where nobody does); across customers the destination customer's
    manager takes over. The company, not one salesperson, keeps the relationship."""
    if case == TerritoryCase.DEPARTMENT:
        return covering_employee or current_owner
    return customer_owner or covering_employee or current_owner


# ---------------------------------------------------------------------------------------------
# Search keys: names found in Chinese, pinyin or Latin, case and accents folded
# ---------------------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\s\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents dropped, spaces and punctuation removed ("Zhang Wéi" -> zhangwei)."""
    if text.isascii():
        return _NOT_WORD.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub("", bare.casefold())


@functools.lru_cache(maxsize=65536)
def _syllable(character: str) -> str:
    """A Chinese character's pinyin, folded; other characters are kept as they fold."""
    return fold("".join(lazy_pinyin(character, v_to_u=True)))


def search_key(name: str) -> str:
    """What a name is found by: the name folded, its full pinyin and its pinyin initials
    (张伟 -> "张伟 zhangwei zw"), space-separated so a query matches within one of them.
    Pinyin is read character by character (names are not phrases, and a cache per character
    keeps bulk imports fast); Latin words stay whole."""
    syllables: list[str] = []
    for word in re.findall(r"[\u3400-\u9fff]|[^\u3400-\u9fff\s]+", name):
        if folded := _syllable(word) if len(word) == 1 else fold(word):
            syllables.append(folded)
    initials = "".join(s[0] for s in syllables) if len(syllables) > 1 else ""
    parts = (fold(name), "".join(syllables), initials)
    return " ".join(dict.fromkeys(part for part in parts if part))


def search_query(text: str) -> str:
    """A query as it is matched against search keys; Chinese characters are matched as they
    are, Latin text folded like the keys."""
    return fold(text)


# ---------------------------------------------------------------------------------------------
# Field history (an append-only log: what did we know, and when)
# ---------------------------------------------------------------------------------------------

DELETED = "deleted"


def money_amount(money: Money | None) -> str:
    """An amount as text, without trailing zeros: "61000000000", "1234.5"."""
    if money is None:
        return ""
    return f"{money.units}.{money.nanos:09d}".rstrip("0").rstrip(".")


def _money_text(money: Money | None) -> str:
    return f"{money_amount(money)} {money.currency_code}" if money else ""


def customer_fields(customer: Customer) -> dict[str, str]:
    """A customer's fields as the history records them (API names, text values)."""
    return {
        "display_name": customer.display_name,
        "industry": customer.industry,
        "country_code": customer.country_code,
        "region": customer.region,
        "parent_group": f"{NAME_PREFIX}{customer.parent_group_id}"
        if customer.parent_group_id
        else "",
        "annual_revenue": _money_text(customer.annual_revenue),
        "employee_count": str(customer.employee_count),
        "lifecycle_state": customer.lifecycle_state.value,
        "owner": f"{EMPLOYEE_PREFIX}{customer.owner_id}" if customer.owner_id else "",
        "ownership_type": customer.ownership_type,
        "province": customer.province,
        "credit_rating": customer.credit_rating,
    }


def person_fields(person: Person) -> dict[str, str]:
    department = person.department_id
    return {
        "display_name": person.display_name,
        "title": person.title,
        "department": f"{NAME_PREFIX}{person.customer_id}/departments/{department}"
        if department
        else "",
        "layer": person.layer.value,
        "owner": f"{EMPLOYEE_PREFIX}{person.owner_id}" if person.owner_id else "",
        "veto_holder": str(person.veto_holder).lower(),
        "rising_star": str(person.rising_star).lower(),
        "retired": str(person.retired).lower(),
        "decision_roles": roles_text(person.decision_roles),
        "reports_to": f"{NAME_PREFIX}{person.customer_id}/persons/{person.reports_to_id}"
        if person.reports_to_id
        else "",
        "outside_org_chart": str(person.outside_org_chart).lower(),
        "moved_to": person.moved_to,
    }


def field_changes(
    before: dict[str, str] | None, after: dict[str, str] | None
) -> list[tuple[str, str, str]]:
    """(field, old, new) for every field that differs; a deletion is the field `deleted`."""
    if after is None:
        return [(DELETED, "", "true")]
    before = before or {}
    return [
        (name, before.get(name, ""), value)
        for name, value in after.items()
        if before.get(name) != value and (before or value)
    ]


def values_as_of(changes: list[tuple[str, str, str]]) -> dict[str, str]:
    """Every field's last value in an oldest-first list of (field, old, new)."""
    values: dict[str, str] = {}
    for name, _, new in changes:
        values[name] = new
    return values


# ---------------------------------------------------------------------------------------------
# Personal postcards (个人明信片) and sensitive personal data (decision 10)
# ---------------------------------------------------------------------------------------------

# The book keeps these off the IT system (book ch.6, R-ARC-3 "只有脱敏信息才可以进入系统");
# here a region may store them sealed instead, every read audited.
SENSITIVE_FIELDS = ("home_address", "family", "religion", "taboos")
POSTCARD_FIELDS = frozenset({"education", "hobbies", "career_history", "needs", *SENSITIVE_FIELDS})
NOT_STORED, ENCRYPTED = "not_stored", "encrypted"


@dataclass(frozen=True)
class CareerStep:
    organisation: str
    position: str
    start_year: int = 0
    end_year: int = 0
    reason: str = ""


@dataclass(frozen=True)
class Need:
    """A need of the person (book ch.4 §4.3): personal or career, on Maslow's hierarchy."""

    description: str
    category: str = "unspecified"
    maslow_level: str = "unspecified"
    implicit: bool = False
    bullseye: bool = False
    sensitive: bool = False


@dataclass(frozen=True)
class Postcard:
    customer_id: str
    person_id: str
    education: str = ""
    hobbies: str = ""
    career_history: tuple[CareerStep, ...] = ()
    needs: tuple[Need, ...] = ()
    home_address: str = ""
    family: str = ""
    religion: str = ""
    taboos: str = ""
    sensitive_withheld: bool = False
    update_time: datetime | None = None
    revision: int = 0

    @property
    def person_name(self) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/persons/{self.person_id}"

    @property
    def name(self) -> str:
        return f"{self.person_name}/postcard"

    @property
    def etag(self) -> str:
        return etag_of(self.name, self.revision)

    def sensitive_parts(self) -> dict:
        """The sensitive fields that hold something, and the sensitive needs."""
        parts: dict = {f: getattr(self, f) for f in SENSITIVE_FIELDS if getattr(self, f)}
        needs = [n for n in self.needs if n.sensitive]
        if needs:
            parts["needs"] = needs
        return parts

    def without_sensitive(self) -> Postcard:
        return replace(
            self,
            needs=tuple(n for n in self.needs if not n.sensitive),
            **dict.fromkeys(SENSITIVE_FIELDS, ""),
        )


def postcard_violations(postcard: Postcard, policy: str, region: str) -> list[FieldViolation]:
    """What is wrong with a postcard, including sensitive data the region does not store."""
    found = []
    for index, step in enumerate(postcard.career_history):
        path = f"postcard.career_history[{index}]"
        if not step.organisation.strip() and not step.position.strip():
            found.append(FieldViolation(path, "needs an organisation or a position"))
        if step.start_year and not 1900 <= step.start_year <= 2200:
            found.append(FieldViolation(f"{path}.start_year", "is not a plausible year"))
        if step.end_year and step.end_year < step.start_year:
            found.append(FieldViolation(f"{path}.end_year", "is before start_year"))
    for index, need in enumerate(postcard.needs):
        if not need.description.strip():
            found.append(FieldViolation(f"postcard.needs[{index}].description", "is required"))
    if policy == NOT_STORED:
        reason = f"region {region} does not store sensitive personal data (decision 10)"
        found += [
            FieldViolation(f"postcard.{f}", reason)
            for f in SENSITIVE_FIELDS
            if getattr(postcard, f)
        ]
        found += [
            FieldViolation(f"postcard.needs[{i}].sensitive", reason)
            for i, need in enumerate(postcard.needs)
            if need.sensitive
        ]
    return found


def postcard_fields(postcard: Postcard) -> dict[str, str]:
    """A postcard for the field history: sensitive values never enter it, only that they
    changed."""
    shown = {
        "education": postcard.education,
        "hobbies": postcard.hobbies,
        "career_history": "; ".join(
            f"{s.organisation} {s.position}" for s in postcard.career_history
        ),
        "needs": "; ".join(n.description for n in postcard.needs if not n.sensitive),
    }
    sensitive = postcard.sensitive_parts()
    shown |= {f: "(sensitive)" if f in sensitive else "" for f in SENSITIVE_FIELDS}
    return shown


# ---------------------------------------------------------------------------------------------
# Our account team (系统部)
# ---------------------------------------------------------------------------------------------

TEAM_ROLES = ("customer_manager", "product_manager", "delivery_manager", "solution_manager",
              "service_manager")  # fmt: skip


@dataclass(frozen=True)
class TeamMember:
    employee_id: str
    role: str
    backup_for: str | None = None  # the A member this B member backs up
    paired_person_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccountTeam:
    customer_id: str
    members: tuple[TeamMember, ...] = ()
    update_time: datetime | None = None
    revision: int = 0

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.customer_id}/accountTeam"

    @property
    def etag(self) -> str:
        return etag_of(self.name, self.revision)


def team_violations(team: AccountTeam) -> list[FieldViolation]:
    """Each employee once; a backup backs up another member of the same team."""
    found = []
    ids = [m.employee_id for m in team.members]
    for index, member in enumerate(team.members):
        path = f"account_team.members[{index}]"
        if ids.count(member.employee_id) > 1:
            found.append(FieldViolation(f"{path}.employee", "is on the team twice"))
        if member.role not in TEAM_ROLES:
            found.append(FieldViolation(f"{path}.role", "is required"))
        if member.backup_for is not None and (
            member.backup_for == member.employee_id or member.backup_for not in ids
        ):
            found.append(
                FieldViolation(f"{path}.backup_for", "must name another member of this team")
            )
    return found


# ---------------------------------------------------------------------------------------------
# Financial credit rating (财务信用等级, book ch.6 R-ARC-11)
# ---------------------------------------------------------------------------------------------

CREDIT_RATINGS = ("A", "B", "C", "D")  # best first
CREDIT_CAUSES = ("review", "bad_debt", "long_overdue")


def check_credit_rating(current: str, rating: str, cause: str) -> None:
    """A rating is A–D; bad debt and long-overdue payment lower it or keep it, never raise it
    ("如果客户出现坏账、超长期货款的情况，就会影响其信用评分")."""
    if rating not in CREDIT_RATINGS:
        raise InvalidArgument.field("rating", "must be A, B, C or D")
    if cause not in CREDIT_CAUSES:
        raise InvalidArgument.field("cause", "must say why: a review, a bad debt or a long overdue")
    if (
        cause != "review"
        and current in CREDIT_RATINGS
        and CREDIT_RATINGS.index(rating) < CREDIT_RATINGS.index(current)
    ):
        raise FailedPrecondition.field(
            "rating", f"a {cause.replace('_', ' ')} cannot raise the rating above {current}"
        )


# ---------------------------------------------------------------------------------------------
# Financial history: the revenue we earned (VP appendix C, the actuals of the value-return curve)
# ---------------------------------------------------------------------------------------------


def revenue_violations(year: int, amount: Money | None, this_year: int) -> list[FieldViolation]:
    found = []
    if not 1950 <= year <= this_year:
        found.append(FieldViolation("revenue.year", f"must be between 1950 and {this_year}"))
    if amount is None:
        found.append(FieldViolation("revenue.amount", "is required"))
    else:
        found += _money_violations(amount, "revenue.amount")
    return found
