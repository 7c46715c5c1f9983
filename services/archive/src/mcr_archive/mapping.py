"""Proto <-> domain mapping for the archive, shared by the servicer and the events."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from mcr_core.errors import InvalidArgument

from mcr_archive.domain import NAME_PREFIX, Customer, LifecycleState, Money, customer_id_from_name

_STATE_TO_PROTO = {
    LifecycleState.PROSPECT: customer_pb2.LIFECYCLE_STATE_PROSPECT,
    LifecycleState.ACTIVE: customer_pb2.LIFECYCLE_STATE_ACTIVE,
    LifecycleState.DORMANT: customer_pb2.LIFECYCLE_STATE_DORMANT,
    LifecycleState.CLOSED: customer_pb2.LIFECYCLE_STATE_CLOSED,
}
_STATE_FROM_PROTO = {v: k for k, v in _STATE_TO_PROTO.items()}


def lifecycle_from_proto(value: int, default: LifecycleState | None) -> LifecycleState:
    if value == customer_pb2.LIFECYCLE_STATE_UNSPECIFIED and default is not None:
        return default
    if value not in _STATE_FROM_PROTO:
        raise InvalidArgument.field("customer.lifecycle_state", "must be a lifecycle state")
    return _STATE_FROM_PROTO[value]


def lifecycle_filter_value(text: str) -> str:
    """`LIFECYCLE_STATE_ACTIVE` or `ACTIVE` (as in a filter) to the stored spelling."""
    name = text.upper().removeprefix("LIFECYCLE_STATE_")
    try:
        return LifecycleState[name].value
    except KeyError as exc:
        raise InvalidArgument.field("filter", f"unknown lifecycle_state {text!r}") from exc


def customer_to_proto(customer: Customer) -> customer_pb2.Customer:
    message = customer_pb2.Customer(
        name=customer.name,
        display_name=customer.display_name,
        industry=customer.industry,
        country_code=customer.country_code,
        region=customer.region,
        parent_group=f"{NAME_PREFIX}{customer.parent_group_id}" if customer.parent_group_id else "",
        employee_count=customer.employee_count,
        lifecycle_state=_STATE_TO_PROTO[customer.lifecycle_state],
        etag=customer.etag,
    )
    if customer.annual_revenue is not None:
        revenue = customer.annual_revenue
        message.annual_revenue.CopyFrom(
            money_pb2.Money(
                currency_code=revenue.currency_code, units=revenue.units, nanos=revenue.nanos
            )
        )
    for field, moment in (
        ("create_time", customer.create_time),
        ("update_time", customer.update_time),
    ):
        if moment is not None:
            stamp = Timestamp()
            stamp.FromDatetime(moment)
            getattr(message, field).CopyFrom(stamp)
    return message


def customer_from_proto(
    message: customer_pb2.Customer,
    *,
    customer_id: str,
    region: str,
    default_state: LifecycleState | None,
) -> Customer:
    """The fields a caller may set, as a domain Customer (ids and times come from the server)."""
    parent = None
    if message.parent_group:
        parent = customer_id_from_name(message.parent_group, "customer.parent_group")
    revenue = None
    if message.HasField("annual_revenue"):
        money = message.annual_revenue
        revenue = Money(money.currency_code.upper(), money.units, money.nanos)
    return Customer(
        id=customer_id,
        display_name=message.display_name.strip(),
        region=region,
        industry=message.industry,
        country_code=message.country_code.upper(),
        parent_group_id=parent,
        annual_revenue=revenue,
        employee_count=message.employee_count,
        lifecycle_state=lifecycle_from_proto(message.lifecycle_state, default_state),
    )
