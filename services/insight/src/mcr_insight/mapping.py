"""Proto <-> domain for what insight's areas share: the archive's customer as insight keeps it."""

from __future__ import annotations

from collections.abc import Callable

from mcr.archive.v1 import customer_pb2 as archive_pb2
from mcr.archive.v1 import profile_pb2
from mcr_core.auth import Stakeholder
from mcr_core.protobuf import enum_code

from mcr_insight.domain import CUSTOMER_PREFIX, EMPLOYEE_PREFIX, CustomerFacts


def facts_from_proto(customer: archive_pb2.Customer) -> CustomerFacts:
    """The facts insight scores on; the lifecycle state is dropped on purpose (decision 5)."""
    revenue = customer.annual_revenue if customer.HasField("annual_revenue") else None
    return CustomerFacts(
        id=customer.name.removeprefix(CUSTOMER_PREFIX),
        region=customer.region,
        display_name=customer.display_name,
        industry=customer.industry,
        country_code=customer.country_code,
        parent_group_id=customer.parent_group.removeprefix(CUSTOMER_PREFIX) or None,
        revenue_currency=revenue.currency_code if revenue else None,
        revenue_units=revenue.units if revenue else None,
        employee_count=customer.employee_count,
        ownership_type=enum_code(customer, "ownership_type"),
    )


def owner_from_proto(customer: archive_pb2.Customer, org_unit: str) -> tuple[Stakeholder, ...]:
    """The customer's owner as a stakeholder (none when the archive names no owner)."""
    owner = customer.owner.removeprefix(EMPLOYEE_PREFIX)
    return (Stakeholder(owner, org_unit),) if owner else ()


_METRIC_TYPES: dict[int, Callable[[str], int | float | bool | str]] = {
    profile_pb2.NETWORK_METRIC_VALUE_TYPE_INTEGER: int,
    profile_pb2.NETWORK_METRIC_VALUE_TYPE_DECIMAL: float,
    profile_pb2.NETWORK_METRIC_VALUE_TYPE_PERCENT: float,
    profile_pb2.NETWORK_METRIC_VALUE_TYPE_BOOLEAN: lambda value: value == "true",
}


def metrics_from_proto(values) -> dict[str, int | float | bool | str]:
    """A published profile's metrics as the packs' hooks receive them: each value of the type
    its schema declares (the archive validated it against that type); text stays text."""
    metrics: dict[str, int | float | bool | str] = {}
    for metric in values:
        parse = _METRIC_TYPES.get(metric.value_type, str)
        try:
            metrics[metric.code] = parse(metric.value)
        except ValueError:
            continue  # not of its type: the archive refuses such values, so none arrives
    return metrics
