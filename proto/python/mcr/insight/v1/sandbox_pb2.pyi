import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OpportunitySource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPPORTUNITY_SOURCE_UNSPECIFIED: _ClassVar[OpportunitySource]
    OPPORTUNITY_SOURCE_SALES: _ClassVar[OpportunitySource]
    OPPORTUNITY_SOURCE_TECHNICAL: _ClassVar[OpportunitySource]
    OPPORTUNITY_SOURCE_DELIVERY: _ClassVar[OpportunitySource]

class OpportunityHorizon(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPPORTUNITY_HORIZON_UNSPECIFIED: _ClassVar[OpportunityHorizon]
    OPPORTUNITY_HORIZON_SHORT_TERM: _ClassVar[OpportunityHorizon]
    OPPORTUNITY_HORIZON_MEDIUM_TERM: _ClassVar[OpportunityHorizon]
    OPPORTUNITY_HORIZON_LONG_TERM: _ClassVar[OpportunityHorizon]

class OpportunityState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPPORTUNITY_STATE_UNSPECIFIED: _ClassVar[OpportunityState]
    OPPORTUNITY_STATE_PROPOSED: _ClassVar[OpportunityState]
    OPPORTUNITY_STATE_SELECTED: _ClassVar[OpportunityState]
OPPORTUNITY_SOURCE_UNSPECIFIED: OpportunitySource
OPPORTUNITY_SOURCE_SALES: OpportunitySource
OPPORTUNITY_SOURCE_TECHNICAL: OpportunitySource
OPPORTUNITY_SOURCE_DELIVERY: OpportunitySource
OPPORTUNITY_HORIZON_UNSPECIFIED: OpportunityHorizon
OPPORTUNITY_HORIZON_SHORT_TERM: OpportunityHorizon
OPPORTUNITY_HORIZON_MEDIUM_TERM: OpportunityHorizon
OPPORTUNITY_HORIZON_LONG_TERM: OpportunityHorizon
OPPORTUNITY_STATE_UNSPECIFIED: OpportunityState
OPPORTUNITY_STATE_PROPOSED: OpportunityState
OPPORTUNITY_STATE_SELECTED: OpportunityState

class StrategicSandbox(_message.Message):
    __slots__ = ("name", "customer", "segments", "etag", "update_time", "updated_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    segments: _containers.RepeatedCompositeFieldContainer[ProductSegment]
    etag: str
    update_time: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., segments: _Optional[_Iterable[_Union[ProductSegment, _Mapping]]] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class ProductSegment(_message.Message):
    __slots__ = ("product_segment", "spend_share_percent", "vendor_shares")
    PRODUCT_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SPEND_SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    VENDOR_SHARES_FIELD_NUMBER: _ClassVar[int]
    product_segment: str
    spend_share_percent: float
    vendor_shares: _containers.RepeatedCompositeFieldContainer[VendorShare]
    def __init__(self, product_segment: _Optional[str] = ..., spend_share_percent: _Optional[float] = ..., vendor_shares: _Optional[_Iterable[_Union[VendorShare, _Mapping]]] = ...) -> None: ...

class VendorShare(_message.Message):
    __slots__ = ("vendor", "share_percent")
    VENDOR_FIELD_NUMBER: _ClassVar[int]
    SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    vendor: str
    share_percent: float
    def __init__(self, vendor: _Optional[str] = ..., share_percent: _Optional[float] = ...) -> None: ...

class OpportunityRatings(_message.Message):
    __slots__ = ("market_space", "growth", "profit", "competition_intensity", "business_fit")
    MARKET_SPACE_FIELD_NUMBER: _ClassVar[int]
    GROWTH_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FIELD_NUMBER: _ClassVar[int]
    COMPETITION_INTENSITY_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_FIT_FIELD_NUMBER: _ClassVar[int]
    market_space: float
    growth: float
    profit: float
    competition_intensity: float
    business_fit: float
    def __init__(self, market_space: _Optional[float] = ..., growth: _Optional[float] = ..., profit: _Optional[float] = ..., competition_intensity: _Optional[float] = ..., business_fit: _Optional[float] = ...) -> None: ...

class OpportunityWeights(_message.Message):
    __slots__ = ("market_space", "growth", "profit", "competition_intensity", "business_fit", "plugin")
    MARKET_SPACE_FIELD_NUMBER: _ClassVar[int]
    GROWTH_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FIELD_NUMBER: _ClassVar[int]
    COMPETITION_INTENSITY_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_FIT_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    market_space: float
    growth: float
    profit: float
    competition_intensity: float
    business_fit: float
    plugin: str
    def __init__(self, market_space: _Optional[float] = ..., growth: _Optional[float] = ..., profit: _Optional[float] = ..., competition_intensity: _Optional[float] = ..., business_fit: _Optional[float] = ..., plugin: _Optional[str] = ...) -> None: ...

class MarketTarget(_message.Message):
    __slots__ = ("goal_kind", "target_share_percent", "target_year", "description")
    GOAL_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TARGET_YEAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    goal_kind: str
    target_share_percent: float
    target_year: int
    description: str
    def __init__(self, goal_kind: _Optional[str] = ..., target_share_percent: _Optional[float] = ..., target_year: _Optional[int] = ..., description: _Optional[str] = ...) -> None: ...

class Opportunity(_message.Message):
    __slots__ = ("name", "customer", "product_segment", "source_role", "horizon", "pain_point", "description", "ratings", "attractiveness", "state", "proposed_by", "propose_time", "selected_by", "select_time", "market_target")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ROLE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    PAIN_POINT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    ATTRACTIVENESS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    PROPOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    SELECTED_BY_FIELD_NUMBER: _ClassVar[int]
    SELECT_TIME_FIELD_NUMBER: _ClassVar[int]
    MARKET_TARGET_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    product_segment: str
    source_role: OpportunitySource
    horizon: OpportunityHorizon
    pain_point: str
    description: str
    ratings: OpportunityRatings
    attractiveness: float
    state: OpportunityState
    proposed_by: str
    propose_time: _timestamp_pb2.Timestamp
    selected_by: str
    select_time: _timestamp_pb2.Timestamp
    market_target: MarketTarget
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., product_segment: _Optional[str] = ..., source_role: _Optional[_Union[OpportunitySource, str]] = ..., horizon: _Optional[_Union[OpportunityHorizon, str]] = ..., pain_point: _Optional[str] = ..., description: _Optional[str] = ..., ratings: _Optional[_Union[OpportunityRatings, _Mapping]] = ..., attractiveness: _Optional[float] = ..., state: _Optional[_Union[OpportunityState, str]] = ..., proposed_by: _Optional[str] = ..., propose_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., selected_by: _Optional[str] = ..., select_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., market_target: _Optional[_Union[MarketTarget, _Mapping]] = ...) -> None: ...

class AnnualInsight(_message.Message):
    __slots__ = ("name", "customer", "year", "sandbox_empty", "finding", "completed_by", "complete_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_EMPTY_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_BY_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    year: int
    sandbox_empty: bool
    finding: str
    completed_by: str
    complete_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., year: _Optional[int] = ..., sandbox_empty: _Optional[bool] = ..., finding: _Optional[str] = ..., completed_by: _Optional[str] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IndustryApplicability(_message.Message):
    __slots__ = ("name", "industry", "industry_structure", "conditions", "applicable", "plugin")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_STRUCTURE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    APPLICABLE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    name: str
    industry: str
    industry_structure: str
    conditions: _containers.RepeatedCompositeFieldContainer[ApplicabilityCondition]
    applicable: bool
    plugin: str
    def __init__(self, name: _Optional[str] = ..., industry: _Optional[str] = ..., industry_structure: _Optional[str] = ..., conditions: _Optional[_Iterable[_Union[ApplicabilityCondition, _Mapping]]] = ..., applicable: _Optional[bool] = ..., plugin: _Optional[str] = ...) -> None: ...

class ApplicabilityCondition(_message.Message):
    __slots__ = ("code", "met", "explanation")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    code: str
    met: bool
    explanation: str
    def __init__(self, code: _Optional[str] = ..., met: _Optional[bool] = ..., explanation: _Optional[str] = ...) -> None: ...
