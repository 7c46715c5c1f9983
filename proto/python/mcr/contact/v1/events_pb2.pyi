import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
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
