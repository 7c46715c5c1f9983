"""Rows of import and export files (CSV, XLSX) <-> the archive's domain. Pure: no I/O.

A file names records by natural keys: a customer by its `key` (unique in its region), a person
by its `key` (unique at its customer) and its `customer_key`, a department by its path in the
chart ("总部/网络部"). A record created through the API has no key; its id stands in for it, so
an export re-imports onto the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mcr_core.errors import FieldViolation

from mcr_archive.domain import (
    EMPLOYEE_PREFIX,
    Customer,
    Layer,
    LifecycleState,
    Person,
    roles_from_text,
    roles_text,
)

CUSTOMERS, PERSONS, DEPARTMENTS = "customers", "persons", "departments"
COLUMNS = {
    CUSTOMERS: ("key", "display_name", "industry", "country_code", "province", "ownership_type",
                "lifecycle_state", "owner"),
    PERSONS: ("key", "customer_key", "display_name", "title", "department", "layer",
              "decision_roles", "veto_holder", "rising_star", "retired", "outside_org_chart",
              "owner"),
    DEPARTMENTS: ("customer_key", "department", "covering_employee"),
}  # fmt: skip
_KNOWN = {kind: frozenset(columns) for kind, columns in COLUMNS.items()}
REQUIRED = {
    CUSTOMERS: ("key", "display_name"),
    PERSONS: ("key", "customer_key", "display_name"),
    DEPARTMENTS: ("customer_key", "department"),
}
OWNERSHIP_TYPES = ("unspecified", "private", "state_owned", "foreign", "listed")
LAYERS = tuple(layer.value for layer in Layer)
STATES = tuple(state.value for state in LifecycleState)
MAX_KEY = 128
_TRUE = {"true", "yes", "y", "1", "是", "x"}
_FALSE = {"false", "no", "n", "0", "否", ""}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    seen: set = field(default_factory=set)  # natural keys of the whole import so far

    def reject(self, errors: list[RowError]) -> None:
        self.rejected += 1
        self.errors += errors

    def add(self, other: ImportReport) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.errors += other.errors
        self.seen |= other.seen


class Cells:
    """One row's cells, collecting what is wrong with them by column."""

    def __init__(self, kind: str, row: int, values: dict[str, str]) -> None:
        self.row = row
        self.values = {k.strip(): (v or "").strip() for k, v in values.items()}
        self.errors: list[RowError] = []
        for column in self.values.keys() - _KNOWN[kind]:
            self.error(column, f"unknown column; {kind} take {', '.join(COLUMNS[kind])}")
        for column in REQUIRED[kind]:
            if not self.values.get(column):
                self.error(column, "is required")
        for column in ("key", "customer_key"):
            if len(self.values.get(column, "")) > MAX_KEY:
                self.error(column, f"must be at most {MAX_KEY} characters")

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.row, column, reason))

    def has(self, column: str) -> bool:
        return column in self.values

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def flag(self, column: str) -> bool:
        text = self.get(column).lower()
        if text not in _TRUE | _FALSE:
            self.error(column, "must be true or false")
        return text in _TRUE

    def choice(self, column: str, allowed: tuple[str, ...], default: str) -> str:
        """The cell as one of `allowed` (the default when it is empty or wrong)."""
        text = self.get(column).lower().replace("-", "_").replace(" ", "_") or default
        if text not in allowed:
            self.error(column, f"must be one of {', '.join(allowed)}")
            return default
        return text

    def employee(self, column: str) -> str:
        return self.get(column).removeprefix(EMPLOYEE_PREFIX)

    def violations(self, found: list[FieldViolation]) -> None:
        """Domain violations ("person.decision_roles[0].role") as errors of their column."""
        for violation in found:
            column = violation.field.split(".", 1)[-1].split("[")[0].split(".")[0]
            column = {"department": "department", "parent_group": "key"}.get(column, column)
            self.error(column, violation.description)


def customer_changes(cells: Cells) -> dict:
    """The customer attributes the row sets (only the columns the file has)."""
    changes: dict = {}
    if cells.has("display_name"):
        changes["display_name"] = cells.get("display_name")
    if cells.has("industry"):
        changes["industry"] = cells.get("industry").lower()
    if cells.has("country_code"):
        changes["country_code"] = cells.get("country_code").upper()
    if cells.has("province"):
        changes["province"] = cells.get("province")
    if cells.has("ownership_type"):
        changes["ownership_type"] = cells.choice("ownership_type", OWNERSHIP_TYPES, "unspecified")
    if cells.has("lifecycle_state"):
        changes["lifecycle_state"] = LifecycleState(
            cells.choice("lifecycle_state", STATES, "prospect")
        )
    if cells.get("owner"):
        changes["owner_id"] = cells.employee("owner")
    return changes


# API field names of the attributes an import sets (for apply_update and the history).
CUSTOMER_FIELDS = {"owner_id": "owner"}
PERSON_FIELDS = {"owner_id": "owner", "department_id": "department"}


def person_changes(cells: Cells) -> dict:
    """The person attributes the row sets; the department is resolved by the caller."""
    changes: dict = {}
    for column in ("display_name", "title"):
        if cells.has(column):
            changes[column] = cells.get(column)
    if cells.has("layer"):
        changes["layer"] = Layer(cells.choice("layer", LAYERS, "unspecified"))
    if cells.has("decision_roles"):
        changes["decision_roles"] = roles_from_text(cells.get("decision_roles"))
    for column in ("veto_holder", "rising_star", "retired", "outside_org_chart"):
        if cells.has(column):
            changes[column] = cells.flag(column)
    if cells.get("owner"):
        changes["owner_id"] = cells.employee("owner")
    return changes


def department_path(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("/") if part.strip())


def paths_of(departments) -> dict[str, tuple[str, ...]]:
    """Each department's path of names from the top of its chart."""
    by_id = {d.id: d for d in departments}
    paths: dict[str, tuple[str, ...]] = {}

    def path(department_id: str, seen: frozenset = frozenset()) -> tuple[str, ...]:
        if department_id not in paths:
            department = by_id[department_id]
            parent = department.parent_id
            above = path(parent, seen | {department_id}) if parent and parent not in seen else ()
            paths[department_id] = (*above, department.display_name)
        return paths[department_id]

    for department in departments:
        path(department.id)
    return paths


def customer_row(customer: Customer) -> dict[str, str]:
    return {
        "key": customer.natural_key or customer.id,
        "display_name": customer.display_name,
        "industry": customer.industry,
        "country_code": customer.country_code,
        "province": customer.province,
        "ownership_type": customer.ownership_type,
        "lifecycle_state": customer.lifecycle_state.value,
        "owner": customer.owner_id,
    }


def person_row(person: Person, customer_key: str, department: str) -> dict[str, str]:
    return {
        "key": person.natural_key or person.id,
        "customer_key": customer_key,
        "display_name": person.display_name,
        "title": person.title,
        "department": department,
        "layer": person.layer.value,
        "decision_roles": roles_text(person.decision_roles),
        "veto_holder": str(person.veto_holder).lower(),
        "rising_star": str(person.rising_star).lower(),
        "retired": str(person.retired).lower(),
        "outside_org_chart": str(person.outside_org_chart).lower(),
        "owner": person.owner_id,
    }
