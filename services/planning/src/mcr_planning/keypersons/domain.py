"""Key-person planning (book §1.19 step 3-4, §1.21 step 2; decision 8): PR targets with their
owners, A/B roles and action plans, and senior sponsors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from mcr_core.errors import FailedPrecondition, InvalidArgument

from mcr_planning.domain import (
    EXCLUSIVE,
    LAYER_ORDER,
    SUPPORT_LABELS,
    Employee,
    Layer,
    PowerPerson,
    SupportScale,
)

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
            "sponsorship.sponsor",
            f"a {sponsor_layer.value} level sponsor lacks status parity with a "
            f"{person_layer.value} layer key person",
        )
    if sponsored_now >= limit:
        raise FailedPrecondition.field(
            "sponsorship.sponsor",
            f"the sponsor already sponsors {sponsored_now} projects, the limit at their level",
        )


@dataclass(frozen=True)
class Target:
    """A key person selected as a PR target, with its owner, A/B roles and action plan."""

    id: str
    customer_id: str
    person: str
    market_goal: str
    owner: str
    owner_job_grade: int
    owner_kpi: str
    backup: str
    target_level: int
    important: bool
    information_channels: Sequence[str]
    pr_route: Sequence[str]
    create_time: datetime


@dataclass(frozen=True)
class Sponsorship:
    """A senior manager sponsoring a target's project (赞助人制度)."""

    id: str
    customer_id: str
    target_id: str
    sponsor: str
    sponsor_layer: str
    project: str
    consent_time: datetime | None = None  # when the sponsor agreed
    sponsor_org_unit: str = ""  # as the archive records the sponsor
    sponsor_job_grade: int = 0


# ---------------------------------------------------------------------------------------------
# Our people as the archive records them (owners, sponsors, managers)
# ---------------------------------------------------------------------------------------------


def known_employee(employee: Employee | None, employee_id: str, field_name: str) -> Employee:
    """An owner or sponsor is an active employee the archive knows: their grade and position
    are the archive's, never a request's."""
    if employee is None:
        raise InvalidArgument.field(
            field_name, f"the archive does not know employees/{employee_id}"
        )
    if not employee.active:
        raise FailedPrecondition.field(field_name, f"employees/{employee_id} is no longer active")
    return employee


def layer_of_grade(grade: int, required_grades: Mapping[str, int]) -> Layer:
    """The highest layer of customer persons an employee of this grade meets at status parity:
    the grade the packs require of an owner of that layer (book §1.21 step 2)."""
    met = [layer for layer in LAYER_ORDER if grade >= required_grades.get(layer.value, 0)]
    return met[-1] if met else Layer.LOW


@dataclass(frozen=True)
class Shortfall:
    manager: Employee
    sponsorships: int
    required: int


def sponsorship_shortfalls(
    managers: Sequence[Employee], consented: Mapping[str, int], required: int
) -> list[Shortfall]:
    """R-80: every manager sponsors `required` projects matching their level; those short."""
    return [
        Shortfall(m, consented.get(m.employee_id, 0), required)
        for m in managers
        if consented.get(m.employee_id, 0) < required
    ]
