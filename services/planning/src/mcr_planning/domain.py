"""What planning's areas share: the support scale (decision 6), the relationship levels
(decision 9), and the decision roles and layers of a customer's persons (book §1.19, §1.20).
Pure: no I/O, no clock. Each area's models and rules are in its own `domain` module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from mcr_core.errors import FieldViolation, InvalidArgument

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


# ---------------------------------------------------------------------------------------------
# Persons on the power map and the relationship today, which every area plans against
# ---------------------------------------------------------------------------------------------


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
    # The archive's facts (the archive is authoritative on them; planning only keeps a copy).
    in_archive: bool = False  # the archive knows the person
    decision_roles: tuple[tuple[str, DecisionRole], ...] = ()  # (business scenario, role)
    customer_layer: Layer | None = None  # the layer the archive records, when it records one
    department: str = ""
    reports_to: str = ""
    outside_org_chart: bool = False

    @property
    def is_coach(self) -> bool:
        return self.coach or self.support == COACH


@dataclass(frozen=True)
class PowerEdge:
    source: str
    target: str
    kind: EdgeKind


@dataclass(frozen=True)
class RelationshipGoal:
    """The minimum relationships a market goal needs."""

    org_level: OrgLevel
    exclusive_cxos: int
    non_exclusive_key_persons: int
    general_level: GeneralLevel


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


# ---------------------------------------------------------------------------------------------
# Our employees, as the archive knows them (the archive is authoritative)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employee:
    employee_id: str
    region: str
    org_unit: str  # /region/... position in our organisation
    job_grade: int
    active: bool
    manager: str  # employee id of their manager, or empty


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
class CustomerDate:
    """A yearly date of the customer's own calendar (a tender window, the budget round) that its
    planning works around, as contact announced it from the pack (`source`) that gave it."""

    kind: str
    title: str
    month: int
    day: int
    lead_days: int
    source: str


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
    # The customer's calendar, a fact contact owns: shown with the team, not part of its etag.
    dates: tuple[CustomerDate, ...] = ()


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


def etag_of(*parts: object) -> str:
    """A fingerprint of a record's content, for optimistic concurrency."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
