import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from mcr.insight.v1 import tier_pb2 as _tier_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TierChanged(_message.Message):
    __slots__ = ("customer", "region", "previous_tier", "tier", "source", "reason", "value_score", "change_time")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCORE_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    customer: str
    region: str
    previous_tier: str
    tier: str
    source: _tier_pb2.TierSource
    reason: str
    value_score: float
    change_time: _timestamp_pb2.Timestamp
    def __init__(self, customer: _Optional[str] = ..., region: _Optional[str] = ..., previous_tier: _Optional[str] = ..., tier: _Optional[str] = ..., source: _Optional[_Union[_tier_pb2.TierSource, str]] = ..., reason: _Optional[str] = ..., value_score: _Optional[float] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TierPolicyChanged(_message.Message):
    __slots__ = ("policy", "previous_etag")
    POLICY_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_ETAG_FIELD_NUMBER: _ClassVar[int]
    policy: _tier_pb2.TierPolicy
    previous_etag: str
    def __init__(self, policy: _Optional[_Union[_tier_pb2.TierPolicy, _Mapping]] = ..., previous_etag: _Optional[str] = ...) -> None: ...

class MarketTargetSelected(_message.Message):
    __slots__ = ("opportunity", "customer", "region", "goal_kind", "product_segment", "target_share_percent", "target_year", "description")
    OPPORTUNITY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    GOAL_KIND_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    TARGET_SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TARGET_YEAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    opportunity: str
    customer: str
    region: str
    goal_kind: str
    product_segment: str
    target_share_percent: float
    target_year: int
    description: str
    def __init__(self, opportunity: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., goal_kind: _Optional[str] = ..., product_segment: _Optional[str] = ..., target_share_percent: _Optional[float] = ..., target_year: _Optional[int] = ..., description: _Optional[str] = ...) -> None: ...
