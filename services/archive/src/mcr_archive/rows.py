"""Rows of import and export files (CSV, XLSX) <-> the archive's domain. Pure: no I/O.

A file names records by natural keys: a customer by its `key` (unique in its region), a person
by its `key` (unique at its customer) and its `customer_key`, a department by its path in the
chart ("总部/网络部"), an employee by its `employee_id`. A record created through the API has no
key; its id stands in for it, so an export re-imports onto the same records. Every field an
import can set is exported, and an exported file imports back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from mcr_core.errors import FieldViolation

from mcr_archive.domain import (
    CREDIT_RATINGS,
    EMPLOYEE_PREFIX,
    Customer,
    Employee,
    Layer,
    LifecycleState,
    Money,
    Person,
    money_amount,
    roles_from_text,
    roles_text,
)

CUSTOMERS, PERSONS, DEPARTMENTS, EMPLOYEES = "customers", "persons", "departments", "employees"
COLUMNS = {
    CUSTOMERS: ("key", "display_name", "industry", "country_code", "region", "province",
                "ownership_type", "lifecycle_state", "owner", "parent_group", "annual_revenue",
                "annual_revenue_currency", "employee_count", "credit_rating"),
    PERSONS: ("key", "customer_key", "display_name", "title", "department", "layer",
              "decision_roles", "veto_holder", "rising_star", "retired", "outside_org_chart",
              "reports_to", "owner"),
    DEPARTMENTS: ("customer_key", "department", "covering_employee"),
    EMPLOYEES: ("employee_id", "display_name", "region", "org_unit", "job_grade", "manager",
                "active"),
}  # fmt: skip
_KNOWN = {kind: frozenset(columns) for kind, columns in COLUMNS.items()}
REQUIRED = {
    CUSTOMERS: ("key", "display_name"),
    PERSONS: ("key", "customer_key", "display_name"),
    DEPARTMENTS: ("customer_key", "department"),
    EMPLOYEES: ("employee_id",),
}
OWNERSHIP_TYPES = ("unspecified", "private", "state_owned", "foreign", "listed")
LAYERS = tuple(layer.value for layer in Layer)
STATES = tuple(state.value for state in LifecycleState)
MAX_KEY = 128
_TRUE = {"true", "yes", "y", "1", "是", "x"}
_FALSE = {"false", "no", "n", "0", "否", ""}
_EMPLOYEE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_ORG_UNIT = re.compile(r"^(/[^/\s]+)+$")


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
    # Records the import wrote so far, by natural key (groups and bosses later rows name; in a
    # dry run the database never holds them), and the rows naming one not written yet.
    known: dict = field(default_factory=dict)
    deferred: list[tuple[int, dict[str, str]]] = field(default_factory=list)

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
        self.known |= other.known
        self.deferred += other.deferred


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

    def flag(self, column: str, default: bool = False) -> bool:
        text = self.get(column).lower()
        if text not in _TRUE | _FALSE:
            self.error(column, "must be true or false (also yes/no, 1/0, 是/否)")
        return text in _TRUE if text else default

    def count(self, column: str, default: int = 0) -> int:
        """A whole number, thousands separators allowed ("26,000")."""
        text = re.sub(r"[,_\s]", "", self.get(column))
        if not text:
            return default
        if not text.isdigit():
            self.error(column, f"must be a whole number, not {self.get(column)!r}")
            return default
        return int(text)

    def money(self, amount_column: str, currency_column: str) -> Money | None:
        """An amount and its ISO 4217 currency, from two cells; None when both are empty."""
        text = re.sub(r"[,_\s]", "", self.get(amount_column))
        currency = self.get(currency_column).upper()
        if not text and not currency:
            return None
        if not text or not currency:
            missing = currency_column if text else amount_column
            self.error(missing, f"{amount_column} needs both an amount and a currency (CNY)")
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            self.error(amount_column, f"must be an amount such as 61000000000, not {text!r}")
            return None
        if not amount.is_finite():
            self.error(amount_column, "must be an amount such as 61000000000")
            return None
        units = int(amount)
        return Money(currency, units, int((amount - units) * 1_000_000_000))

    def choice(self, column: str, allowed: tuple[str, ...], default: str) -> str:
        """The cell as one of `allowed` (the default when it is empty or wrong)."""
        text = self.get(column).lower().replace("-", "_").replace(" ", "_") or default
        if text not in allowed:
            self.error(column, f"must be one of {', '.join(allowed)}, not {self.get(column)!r}")
            return default
        return text

    def employee(self, column: str) -> str:
        return self.get(column).removeprefix(EMPLOYEE_PREFIX)

    def violations(self, found: list[FieldViolation]) -> None:
        """Domain violations ("person.decision_roles[0].role") as errors of their column."""
        for violation in found:
            column = violation.field.split(".", 1)[-1].split("[")[0].split(".")[0]
            if column == "annual_revenue" and violation.field.endswith("currency_code"):
                column = "annual_revenue_currency"
            self.error(column, _explained(column, violation.description))


def _explained(column: str, reason: str) -> str:
    """A domain refusal said in the file's terms: an enum's allowed values listed."""
    if column == "decision_roles":
        return f"{reason} (write scenario:role; scenario:role, e.g. core:decider; it:user)"
    return reason


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
    if cells.has("annual_revenue") or cells.has("annual_revenue_currency"):
        changes["annual_revenue"] = cells.money("annual_revenue", "annual_revenue_currency")
    if cells.has("employee_count"):
        changes["employee_count"] = cells.count("employee_count")
    if cells.get("credit_rating"):
        rating = cells.get("credit_rating").upper()
        if rating not in CREDIT_RATINGS:
            cells.error("credit_rating", f"must be one of {', '.join(CREDIT_RATINGS)}")
        changes["credit_rating"] = rating
    return changes


# API field names of the attributes an import sets (for apply_update and the history).
CUSTOMER_FIELDS = {"owner_id": "owner", "parent_group_id": "parent_group"}
PERSON_FIELDS = {"owner_id": "owner", "department_id": "department", "reports_to_id": "reports_to"}


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


# The column naming a row's record, and the column naming the record it refers to.
_REFERENCES = {
    CUSTOMERS: ("key", "parent_group"),
    PERSONS: ("key", "reports_to"),
    EMPLOYEES: ("employee_id", "manager"),
}


def referents_first(
    kind: str, rows: list[tuple[int, dict[str, str]]]
) -> list[tuple[int, dict[str, str]]]:
    """The rows reordered so that a row naming another row's record (a group, a boss, a
    manager) comes after that row; otherwise in file order. A cycle is left as it is: the
    import refuses it."""

    def key(values: dict[str, str], column: str) -> tuple[str, str]:
        scope = values.get("customer_key", "") if kind == PERSONS else ""
        return scope, values.get(column, "").removeprefix(EMPLOYEE_PREFIX)

    own, referent = _REFERENCES[kind]
    index = {key(values, own): i for i, (_, values) in enumerate(rows)}
    placed: set[int] = set()
    ordered = []
    for start in range(len(rows)):
        chain: list[int] = []
        i: int | None = start
        while i is not None and i not in placed and i not in chain:
            chain.append(i)
            i = index.get(key(rows[i][1], referent))
        for j in reversed(chain):
            placed.add(j)
            ordered.append(rows[j])
    return ordered


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


def employee_changes(cells: Cells) -> dict:
    """The employee attributes the row sets; region and manager are checked by the caller."""
    changes: dict = {}
    if cells.has("display_name"):
        changes["display_name"] = cells.get("display_name")
    if cells.get("org_unit"):
        unit = cells.get("org_unit").rstrip("/")
        if not _ORG_UNIT.match(unit):
            cells.error("org_unit", "must be a path in the organisation tree, e.g. /cn-south/sales")
        changes["org_unit"] = unit
    if cells.has("job_grade"):
        changes["job_grade"] = cells.count("job_grade")
    if cells.has("active"):
        changes["active"] = cells.flag("active", default=True)
    if cells.has("manager"):
        changes["manager_id"] = cells.employee("manager")
    if not _EMPLOYEE_ID.match(cells.employee("employee_id")):
        cells.error("employee_id", "use 1-64 letters, digits, '.', '-' or '_'")
    return changes


def customer_row(customer: Customer, group_key: str = "") -> dict[str, str]:
    revenue = customer.annual_revenue
    return {
        "key": customer.natural_key or customer.id,
        "display_name": customer.display_name,
        "industry": customer.industry,
        "country_code": customer.country_code,
        "region": customer.region,
        "province": customer.province,
        "ownership_type": customer.ownership_type,
        "lifecycle_state": customer.lifecycle_state.value,
        "owner": customer.owner_id,
        "parent_group": group_key,
        "annual_revenue": money_amount(revenue),
        "annual_revenue_currency": revenue.currency_code if revenue else "",
        "employee_count": str(customer.employee_count),
        "credit_rating": customer.credit_rating,
    }


def employee_row(employee: Employee) -> dict[str, str]:
    return {
        "employee_id": employee.employee_id,
        "display_name": employee.display_name,
        "region": employee.region,
        "org_unit": employee.org_unit,
        "job_grade": str(employee.job_grade),
        "manager": employee.manager_id,
        "active": str(employee.active).lower(),
    }


def person_row(
    person: Person, customer_key: str, department: str, boss_key: str = ""
) -> dict[str, str]:
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
        "reports_to": boss_key,
        "owner": person.owner_id,
    }
