import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class KeyEventRecorded(_message.Message):
    __slots__ = ("key_event", "customer", "region", "person", "dimension", "impact", "summary", "activity", "recorded_by", "occur_time")
    KEY_EVENT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    OCCUR_TIME_FIELD_NUMBER: _ClassVar[int]
    key_event: str
    customer: str
    region: str
    person: str
    dimension: str
    impact: int
    summary: str
    activity: str
    recorded_by: str
    occur_time: _timestamp_pb2.Timestamp
    def __init__(self, key_event: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., person: _Optional[str] = ..., dimension: _Optional[str] = ..., impact: _Optional[int] = ..., summary: _Optional[str] = ..., activity: _Optional[str] = ..., recorded_by: _Optional[str] = ..., occur_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ActivityLogged(_message.Message):
    __slots__ = ("activity", "customer", "region", "type", "state", "target_persons", "plan_item", "start_time")
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TARGET_PERSONS_FIELD_NUMBER: _ClassVar[int]
    PLAN_ITEM_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    activity: str
    customer: str
    region: str
    type: str
    state: str
    target_persons: _containers.RepeatedScalarFieldContainer[str]
    plan_item: str
    start_time: _timestamp_pb2.Timestamp
    def __init__(self, activity: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., type: _Optional[str] = ..., state: _Optional[str] = ..., target_persons: _Optional[_Iterable[str]] = ..., plan_item: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ActivityClosed(_message.Message):
    __slots__ = ("activity", "customer", "region")
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    activity: str
    customer: str
    region: str
    def __init__(self, activity: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...

class CadenceBreached(_message.Message):
    __slots__ = ("cadence", "customer", "region", "owner", "supervisor", "breach_time")
    CADENCE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_FIELD_NUMBER: _ClassVar[int]
    BREACH_TIME_FIELD_NUMBER: _ClassVar[int]
    cadence: str
    customer: str
    region: str
    owner: str
    supervisor: str
    breach_time: _timestamp_pb2.Timestamp
    def __init__(self, cadence: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., owner: _Optional[str] = ..., supervisor: _Optional[str] = ..., breach_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CustomerCalendarPlanned(_message.Message):
    __slots__ = ("customer", "region", "dates", "plan_time")
    class CustomerDate(_message.Message):
        __slots__ = ("kind", "title", "month", "day", "lead_days", "source")
        KIND_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        MONTH_FIELD_NUMBER: _ClassVar[int]
        DAY_FIELD_NUMBER: _ClassVar[int]
        LEAD_DAYS_FIELD_NUMBER: _ClassVar[int]
        SOURCE_FIELD_NUMBER: _ClassVar[int]
        kind: str
        title: str
        month: int
        day: int
        lead_days: int
        source: str
        def __init__(self, kind: _Optional[str] = ..., title: _Optional[str] = ..., month: _Optional[int] = ..., day: _Optional[int] = ..., lead_days: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    DATES_FIELD_NUMBER: _ClassVar[int]
    PLAN_TIME_FIELD_NUMBER: _ClassVar[int]
    customer: str
    region: str
    dates: _containers.RepeatedCompositeFieldContainer[CustomerCalendarPlanned.CustomerDate]
    plan_time: _timestamp_pb2.Timestamp
    def __init__(self, customer: _Optional[str] = ..., region: _Optional[str] = ..., dates: _Optional[_Iterable[_Union[CustomerCalendarPlanned.CustomerDate, _Mapping]]] = ..., plan_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
