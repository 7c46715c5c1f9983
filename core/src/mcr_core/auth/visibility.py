"""The visibility policy: the one place that decides which records a principal may see.

Decision 11 (book ch.3 §1.21, "上级可以看下级的信息,但是同级之间不能互相看"): regions are
isolated; a superior sees subordinates' records; peers do not see each other's; access follows
business relevance. A record names its *stakeholders*: the employees it is relevant to (its
owner, the account-team members working on it). A principal sees a record of their own region
when they are one of its stakeholders, or when they manage an org unit (role `manager`) that
contains a stakeholder's position.

The policy is a list of rules that must all allow a record; `scope()` gives list queries the
same decision in a form store code turns into a WHERE clause (`visible_clause`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

import sqlalchemy as sa

from mcr_core.auth.principal import Principal
from mcr_core.auth.roles import MANAGER


def within(unit: str, ancestor: str) -> bool:
    """Whether org unit `unit` is `ancestor` or lies below it in the organisation tree."""
    return unit == ancestor or unit.startswith(ancestor.rstrip("/") + "/")


@dataclass(frozen=True)
class Stakeholder:
    """An employee a record is relevant to, and their position in the organisation tree."""

    employee_id: str
    org_unit: str


@dataclass(frozen=True)
class Record:
    """The facts about a record the policy needs; nothing personal."""

    region: str
    stakeholders: tuple[Stakeholder, ...] = ()
    # A classified record (see `Classification`) and the employees granted it by name.
    classification: str = ""
    grantees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """What a principal may see, for a WHERE clause: the region, and, when the hierarchy rule
    applies, records whose stakeholders include `employee_id` or sit inside `managed_unit`."""

    region: str
    employee_id: str | None = None
    managed_unit: str | None = None


class Visibility(Protocol):
    def allows(self, principal: Principal, record: Record) -> bool: ...

    def narrow(self, principal: Principal, scope: Scope) -> Scope: ...


class RegionIsolation:
    """Regions are isolated: nobody sees another region's records."""

    def allows(self, principal: Principal, record: Record) -> bool:
        return record.region == principal.region

    def narrow(self, principal: Principal, scope: Scope) -> Scope:
        return scope


@dataclass(frozen=True)
class Hierarchy:
    """A superior sees subordinates' records; peers do not see each other's. A principal
    holding one of `overseers` sees every record of the region: the roles whose business is
    the whole portfolio (insight's tiers are the market department's and management's,
    decision 5), where business relevance is the region rather than a team. A classified
    record names its readers itself, by rank and by name (`Classification` decides it)."""

    overseers: frozenset[str] = frozenset()

    def allows(self, principal: Principal, record: Record) -> bool:
        if principal.roles & self.overseers or record.classification:
            return True
        manages = principal.org_unit if principal.has_role(MANAGER) else None
        return any(
            s.employee_id == principal.employee_id
            or (manages is not None and within(s.org_unit, manages))
            for s in record.stakeholders
        )

    def narrow(self, principal: Principal, scope: Scope) -> Scope:
        if principal.roles & self.overseers:
            return scope
        manages = principal.org_unit if principal.has_role(MANAGER) else None
        return replace(scope, employee_id=principal.employee_id, managed_unit=manages)


@dataclass(frozen=True)
class Classification:
    """Classified records: a record with a `classification` is seen by principals holding a
    role that classification admits, or by the employees the record grants it to by name (a
    commission, a need to know). Unclassified records pass; an unknown classification admits
    no role (closed by default). `levels` maps each classification to its roles, e.g.
    `{"director": {"director", "vice_president"}, "commissioned": set()}`.

    Lists cannot express grants in a WHERE clause, so `narrow` leaves the scope as it is and
    list code checks `allows` per record."""

    levels: dict[str, frozenset[str]]

    def allows(self, principal: Principal, record: Record) -> bool:
        if not record.classification:
            return True
        if principal.employee_id in record.grantees:
            return True
        return bool(principal.roles & self.levels.get(record.classification, frozenset()))

    def narrow(self, principal: Principal, scope: Scope) -> Scope:
        return scope


@dataclass
class VisibilityPolicy:
    rules: list[Visibility] = field(default_factory=lambda: [RegionIsolation(), Hierarchy()])

    def allows(self, principal: Principal, record: Record) -> bool:
        return all(rule.allows(principal, record) for rule in self.rules)

    def scope(self, principal: Principal) -> Scope:
        scope = Scope(region=principal.region)
        for rule in self.rules:
            scope = rule.narrow(principal, scope)
        return scope


def stakeholder_clause(
    scope: Scope, employee_id: sa.ColumnElement, org_unit: sa.ColumnElement
) -> sa.ColumnElement[bool]:
    """The hierarchy rule for one stakeholder row (its employee id and org unit columns):
    store code puts it inside an EXISTS over the record's stakeholders."""
    if scope.employee_id is None:
        return sa.true()
    condition = employee_id == scope.employee_id
    if scope.managed_unit is not None:
        unit = scope.managed_unit.rstrip("/")
        inside = org_unit.startswith(unit + "/", autoescape=True)
        condition = condition | (org_unit == unit) | inside
    return condition
