import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AnnualPlanIssued(_message.Message):
    __slots__ = ("annual_plan", "customer", "region", "year", "plan_due_time")
    ANNUAL_PLAN_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PLAN_DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    annual_plan: str
    customer: str
    region: str
    year: int
    plan_due_time: _timestamp_pb2.Timestamp
    def __init__(self, annual_plan: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., year: _Optional[int] = ..., plan_due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlanItemOverdue(_message.Message):
    __slots__ = ("item", "customer", "region", "kind", "due_time")
    ITEM_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    item: str
    customer: str
    region: str
    kind: str
    due_time: _timestamp_pb2.Timestamp
    def __init__(self, item: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., kind: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CoverageGapOpened(_message.Message):
    __slots__ = ("gap", "customer", "region", "kind", "subject", "detail", "open_time", "scenario")
    GAP_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    OPEN_TIME_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    gap: str
    customer: str
    region: str
    kind: str
    subject: str
    detail: str
    open_time: _timestamp_pb2.Timestamp
    scenario: str
    def __init__(self, gap: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., kind: _Optional[str] = ..., subject: _Optional[str] = ..., detail: _Optional[str] = ..., open_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., scenario: _Optional[str] = ...) -> None: ...

class CoverageGapClosed(_message.Message):
    __slots__ = ("gap", "customer", "region", "kind", "subject", "close_time", "scenario")
    GAP_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    gap: str
    customer: str
    region: str
    kind: str
    subject: str
    close_time: _timestamp_pb2.Timestamp
    scenario: str
    def __init__(self, gap: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., kind: _Optional[str] = ..., subject: _Optional[str] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., scenario: _Optional[str] = ...) -> None: ...

class KeyPersonPlanChanged(_message.Message):
    __slots__ = ("person", "customer", "region", "target", "owner", "sponsors", "change_time")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    SPONSORS_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    person: str
    customer: str
    region: str
    target: bool
    owner: str
    sponsors: _containers.RepeatedScalarFieldContainer[str]
    change_time: _timestamp_pb2.Timestamp
    def __init__(self, person: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., target: _Optional[bool] = ..., owner: _Optional[str] = ..., sponsors: _Optional[_Iterable[str]] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
