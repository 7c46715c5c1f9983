import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TierCounts(_message.Message):
    __slots__ = ("region", "as_of", "customers_by_tier")
    class CustomersByTierEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    REGION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_BY_TIER_FIELD_NUMBER: _ClassVar[int]
    region: str
    as_of: _timestamp_pb2.Timestamp
    customers_by_tier: _containers.ScalarMap[str, int]
    def __init__(self, region: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., customers_by_tier: _Optional[_Mapping[str, int]] = ...) -> None: ...

class TierMigrations(_message.Message):
    __slots__ = ("region", "period_start", "period_end", "migrations")
    class Migration(_message.Message):
        __slots__ = ("from_tier", "to_tier", "customers")
        FROM_TIER_FIELD_NUMBER: _ClassVar[int]
        TO_TIER_FIELD_NUMBER: _ClassVar[int]
        CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
        from_tier: str
        to_tier: str
        customers: int
        def __init__(self, from_tier: _Optional[str] = ..., to_tier: _Optional[str] = ..., customers: _Optional[int] = ...) -> None: ...
    REGION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    MIGRATIONS_FIELD_NUMBER: _ClassVar[int]
    region: str
    period_start: _timestamp_pb2.Timestamp
    period_end: _timestamp_pb2.Timestamp
    migrations: _containers.RepeatedCompositeFieldContainer[TierMigrations.Migration]
    def __init__(self, region: _Optional[str] = ..., period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., migrations: _Optional[_Iterable[_Union[TierMigrations.Migration, _Mapping]]] = ...) -> None: ...

class KpiFigures(_message.Message):
    __slots__ = ("region", "service", "as_of", "figures")
    class FiguresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    REGION_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    region: str
    service: str
    as_of: _timestamp_pb2.Timestamp
    figures: _containers.ScalarMap[str, float]
    def __init__(self, region: _Optional[str] = ..., service: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., figures: _Optional[_Mapping[str, float]] = ...) -> None: ...
