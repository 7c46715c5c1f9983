"""The archive's domain: customer enterprises and the rules on them. Pure: no I/O.

Decision 1: a `Customer` is an enterprise (客户); persons working there are separate records.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

import pycountry
from mcr_core.errors import FieldViolation, InvalidArgument

NAME_PREFIX = "customers/"
MAX_NAME_LENGTH = 200
_INDUSTRY = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_REGION = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
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
    }
)
IMMUTABLE_FIELDS: frozenset[str] = frozenset(
    {"name", "region", "create_time", "update_time", "etag"}
)
_FIELD_ATTRIBUTE = {"parent_group": "parent_group_id"}


def etag_of(customer_id: str, revision: int) -> str:
    return hashlib.sha256(f"{customer_id}:{revision}".encode()).hexdigest()[:16]


def customer_id_from_name(name: str, field_path: str = "name") -> str:
    customer_id = name.removeprefix(NAME_PREFIX)
    if customer_id == name or not _ID.match(customer_id):
        raise InvalidArgument.field(field_path, "must look like customers/{customer_id}")
    return customer_id


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


def check_update_mask(paths: list[str]) -> frozenset[str]:
    """The mutable fields an update names; empty or `*` means all of them."""
    if not paths or paths == ["*"]:
        return MUTABLE_FIELDS
    problems = []
    for path in paths:
        if path in IMMUTABLE_FIELDS:
            problems.append(FieldViolation("update_mask", f"{path} cannot be changed"))
        elif path not in MUTABLE_FIELDS:
            problems.append(FieldViolation("update_mask", f"unknown field {path!r}"))
    if problems:
        raise InvalidArgument(*problems)
    return frozenset(paths)


@dataclass(frozen=True)
class Change:
    """The result of applying an update: the new customer and the fields that really changed."""

    customer: Customer
    changed: tuple[str, ...] = field(default=())


def apply_update(current: Customer, proposed: Customer, mask: frozenset[str]) -> Change:
    """Copy the masked fields of `proposed` onto `current`, and say which changed."""
    updates = {}
    for api_field in sorted(mask):
        attribute = _FIELD_ATTRIBUTE.get(api_field, api_field)
        new = getattr(proposed, attribute)
        if new != getattr(current, attribute):
            updates[attribute] = new
            updates.setdefault("_changed", []).append(api_field)
    changed = tuple(updates.pop("_changed", ()))
    if not changed:
        return Change(current)
    return Change(replace(current, **updates, revision=current.revision + 1), changed)
