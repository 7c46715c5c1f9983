import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OwnershipType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OWNERSHIP_TYPE_UNSPECIFIED: _ClassVar[OwnershipType]
    OWNERSHIP_TYPE_PRIVATE: _ClassVar[OwnershipType]
    OWNERSHIP_TYPE_STATE_OWNED: _ClassVar[OwnershipType]
    OWNERSHIP_TYPE_FOREIGN: _ClassVar[OwnershipType]
    OWNERSHIP_TYPE_LISTED: _ClassVar[OwnershipType]

class CreditEventCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CREDIT_EVENT_CAUSE_UNSPECIFIED: _ClassVar[CreditEventCause]
    CREDIT_EVENT_CAUSE_REVIEW: _ClassVar[CreditEventCause]
    CREDIT_EVENT_CAUSE_BAD_DEBT: _ClassVar[CreditEventCause]
    CREDIT_EVENT_CAUSE_LONG_OVERDUE: _ClassVar[CreditEventCause]

class LifecycleState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LIFECYCLE_STATE_UNSPECIFIED: _ClassVar[LifecycleState]
    LIFECYCLE_STATE_PROSPECT: _ClassVar[LifecycleState]
    LIFECYCLE_STATE_ACTIVE: _ClassVar[LifecycleState]
    LIFECYCLE_STATE_DORMANT: _ClassVar[LifecycleState]
    LIFECYCLE_STATE_CLOSED: _ClassVar[LifecycleState]
OWNERSHIP_TYPE_UNSPECIFIED: OwnershipType
OWNERSHIP_TYPE_PRIVATE: OwnershipType
OWNERSHIP_TYPE_STATE_OWNED: OwnershipType
OWNERSHIP_TYPE_FOREIGN: OwnershipType
OWNERSHIP_TYPE_LISTED: OwnershipType
CREDIT_EVENT_CAUSE_UNSPECIFIED: CreditEventCause
CREDIT_EVENT_CAUSE_REVIEW: CreditEventCause
CREDIT_EVENT_CAUSE_BAD_DEBT: CreditEventCause
CREDIT_EVENT_CAUSE_LONG_OVERDUE: CreditEventCause
LIFECYCLE_STATE_UNSPECIFIED: LifecycleState
LIFECYCLE_STATE_PROSPECT: LifecycleState
LIFECYCLE_STATE_ACTIVE: LifecycleState
LIFECYCLE_STATE_DORMANT: LifecycleState
LIFECYCLE_STATE_CLOSED: LifecycleState

class Customer(_message.Message):
    __slots__ = ("name", "display_name", "industry", "country_code", "region", "parent_group", "annual_revenue", "employee_count", "lifecycle_state", "create_time", "update_time", "etag", "owner", "tier", "ownership_type", "province", "credit_rating")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    PARENT_GROUP_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REVENUE_FIELD_NUMBER: _ClassVar[int]
    EMPLOYEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIFECYCLE_STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    OWNERSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    CREDIT_RATING_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    industry: str
    country_code: str
    region: str
    parent_group: str
    annual_revenue: _money_pb2.Money
    employee_count: int
    lifecycle_state: LifecycleState
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    owner: str
    tier: str
    ownership_type: OwnershipType
    province: str
    credit_rating: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., industry: _Optional[str] = ..., country_code: _Optional[str] = ..., region: _Optional[str] = ..., parent_group: _Optional[str] = ..., annual_revenue: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., employee_count: _Optional[int] = ..., lifecycle_state: _Optional[_Union[LifecycleState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., owner: _Optional[str] = ..., tier: _Optional[str] = ..., ownership_type: _Optional[_Union[OwnershipType, str]] = ..., province: _Optional[str] = ..., credit_rating: _Optional[str] = ...) -> None: ...
