"""The visibility policy: the one place that decides which records a principal may see.

Decision 11: regions are isolated; a superior sees subordinates' records; peers do not see each
other's. The policy is a list of rules that must all allow a record. Region isolation is built
in; further rules (the superior/subordinate rule of the archive) plug in as more `Visibility`
implementations. Every read, list, search and export path asks the policy, and list queries
use `scope()` so the database only returns what the caller may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mcr_core.auth.principal import Principal


@dataclass(frozen=True)
class Scope:
    """What a principal may see, in a form store code turns into a WHERE clause.

    `owner_units` None means no owner restriction; otherwise records owned inside one of these
    org-unit subtrees, or by `owner_ids`, are visible.
    """

    region: str
    owner_units: tuple[str, ...] | None = None
    owner_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """The facts about a record the policy needs; nothing personal."""

    region: str
    owner_id: str | None = None
    owner_unit: str | None = None


class Visibility(Protocol):
    def allows(self, principal: Principal, record: Record) -> bool: ...

    def narrow(self, principal: Principal, scope: Scope) -> Scope: ...


class RegionIsolation:
    """Regions are isolated: nobody sees another region's records (decision 11)."""

    def allows(self, principal: Principal, record: Record) -> bool:
        return record.region == principal.region

    def narrow(self, principal: Principal, scope: Scope) -> Scope:
        return scope


@dataclass
class VisibilityPolicy:
    rules: list[Visibility] = field(default_factory=lambda: [RegionIsolation()])

    def allows(self, principal: Principal, record: Record) -> bool:
        return all(rule.allows(principal, record) for rule in self.rules)

    def scope(self, principal: Principal) -> Scope:
        scope = Scope(region=principal.region)
        for rule in self.rules:
            scope = rule.narrow(principal, scope)
        return scope
