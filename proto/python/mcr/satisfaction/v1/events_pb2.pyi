import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RiskSignalled(_message.Message):
    __slots__ = ("person", "customer", "region", "issue", "cause", "signal_time")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    SIGNAL_TIME_FIELD_NUMBER: _ClassVar[int]
    person: str
    customer: str
    region: str
    issue: str
    cause: str
    signal_time: _timestamp_pb2.Timestamp
    def __init__(self, person: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., issue: _Optional[str] = ..., cause: _Optional[str] = ..., signal_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
