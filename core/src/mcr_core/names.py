"""Resource names (AIP-122): parsed and formatted in one place for every service.

A pattern names the collections and marks each id with `{}`: `"customers/{}/persons/{}"`.
`parse` answers the ids or refuses the name with INVALID_ARGUMENT naming the request field,
so a caller learns which field was wrong and what shape was expected.
"""

from __future__ import annotations

import re
from functools import cache

from mcr_core.errors import InvalidArgument

# One id rule for every resource: 1-64 letters, digits, '.', '_' or '-', not starting with a
# punctuation mark (UUIDs, employee numbers such as e-1001, tier codes, years).
ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
_ID = re.compile(rf"^{ID}$")

CUSTOMER = "customers/{}"
PERSON = "customers/{}/persons/{}"
EMPLOYEE = "employees/{}"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(pattern).replace(r"\{\}", f"({ID})") + "$")


def shown(pattern: str) -> str:
    """The pattern as the documentation writes it: customers/{id}/persons/{id}."""
    return pattern.replace("{}", "{id}")


def parse(name: str, pattern: str, field: str) -> tuple[str, ...]:
    """The ids of `name` in the order of `pattern`; INVALID_ARGUMENT on `field` otherwise."""
    match = _compiled(pattern).match(name)
    if match is None:
        raise InvalidArgument.field(field, f"must look like {shown(pattern)}")
    return match.groups()


def match(name: str, pattern: str) -> tuple[str, ...] | None:
    """The ids of `name` if it has the form of `pattern`, else None (no refusal: for checks
    that collect several violations before answering)."""
    found = _compiled(pattern).match(name)
    return found.groups() if found else None


def parse_one(name: str, pattern: str, field: str) -> str:
    """The one id of a name whose pattern has one (`customers/{}/strategicSandbox`)."""
    (found,) = parse(name, pattern, field)
    return found


def format_name(pattern: str, *ids: str) -> str:
    """The name of the resource with these ids: `format_name(PERSON, "c1", "p1")`."""
    return pattern.format(*ids)


def is_id(value: str) -> bool:
    return bool(_ID.match(value))


def customer_id(name: str, field: str) -> str:
    """The id of `customers/{customer_id}`."""
    return parse_one(name, CUSTOMER, field)


def person_ids(name: str, field: str) -> tuple[str, str]:
    """(customer id, person id) of `customers/{customer_id}/persons/{person_id}`."""
    customer, person = parse(name, PERSON, field)
    return customer, person


def employee_id(name: str, field: str) -> str:
    """The id of `employees/{employee_id}`."""
    return parse_one(name, EMPLOYEE, field)


def optional_employee_id(name: str, field: str) -> str:
    """The id of an employee name that may be left empty ("" then)."""
    return employee_id(name, field) if name else ""


def customer_name(customer_id: str) -> str:
    return format_name(CUSTOMER, customer_id)


def employee_name(employee_id: str) -> str:
    """`employees/{id}`, or "" for no employee."""
    return format_name(EMPLOYEE, employee_id) if employee_id else ""
