"""Protobuf helpers every service's mapping needs: times, durations and enums, in one place.

Times in the domain are aware `datetime`s in UTC; on the wire they are `Timestamp`s. Enums in
the domain are `StrEnum`s; on the wire either strings (parsed with the field's path) or proto
enums (mapped with an explicit table, so a renamed constant cannot pass silently).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from mcr_core.errors import InvalidArgument

E = TypeVar("E", bound=StrEnum)
K = TypeVar("K")
V = TypeVar("V")


def timestamp(moment: datetime) -> Timestamp:
    """A Timestamp of an aware datetime (naive ones are taken as UTC)."""
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC) if moment.tzinfo else moment)
    return stamp


def optional_timestamp(moment: datetime | None) -> Timestamp | None:
    """None stays None, so that an unset time leaves the message field unset."""
    return None if moment is None else timestamp(moment)


def from_timestamp(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def time_field(message: Message, field: str) -> datetime | None:
    """The time in `message.<field>`, or None when the field is unset."""
    return from_timestamp(getattr(message, field)) if message.HasField(field) else None


def required_time(message: Message, field: str, path: str) -> datetime:
    """The time in `message.<field>`; INVALID_ARGUMENT on `path` when it is unset."""
    found = time_field(message, field)
    if found is None:
        raise InvalidArgument.field(path, "is required")
    return found


def duration(delta: timedelta | None = None, *, hours: float = 0, days: float = 0) -> Duration:
    value = Duration()
    value.FromTimedelta(delta if delta is not None else timedelta(hours=hours, days=days))
    return value


def parse_enum(kind: type[E], value: str, field: str) -> E:
    """The member of `kind` spelled `value`; INVALID_ARGUMENT on `field` listing the choices."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidArgument.field(field, f"{value!r} is not one of {allowed}") from None


def reverse(table: Mapping[K, V]) -> dict[V, K]:
    """The inverse of a one-to-one enum table (domain member -> proto number)."""
    inverse = {value: key for key, value in table.items()}
    if len(inverse) != len(table):
        raise ValueError("the table maps two members to one value")
    return inverse


def enum_from_proto(table: Mapping[int, V], number: int, field: str) -> V:
    """The domain value of a proto enum number; INVALID_ARGUMENT on `field` when unknown or
    unspecified (the table leaves UNSPECIFIED out)."""
    try:
        return table[number]
    except KeyError:
        raise InvalidArgument.field(field, "is required: choose one of the listed values") from None


def enum_code(message: Message, field: str) -> str:
    """An enum field's value as the lower-case code packs and rules use: `ownership_type`
    OWNERSHIP_TYPE_STATE_OWNED is "state_owned" (its zero value is "unspecified")."""
    descriptor = message.DESCRIPTOR.fields_by_name[field].enum_type
    name = descriptor.values_by_number[getattr(message, field)].name
    prefix = descriptor.name
    upper = "".join(f"_{c}" if c.isupper() else c for c in prefix).lstrip("_").upper()
    return name.removeprefix(f"{upper}_").lower()
