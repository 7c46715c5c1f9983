import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PortfolioSnapshot(_message.Message):
    __slots__ = ("name", "region", "take_time", "since_time", "total_customers", "tier_counts", "value_distribution", "added_customers", "lost_customers", "abnormal_losses", "retrospective_needed", "purchase_share_alerts")
    class TierCountsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TAKE_TIME_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    TOTAL_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    TIER_COUNTS_FIELD_NUMBER: _ClassVar[int]
    VALUE_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    ADDED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    LOST_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    ABNORMAL_LOSSES_FIELD_NUMBER: _ClassVar[int]
    RETROSPECTIVE_NEEDED_FIELD_NUMBER: _ClassVar[int]
    PURCHASE_SHARE_ALERTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    take_time: _timestamp_pb2.Timestamp
    since_time: _timestamp_pb2.Timestamp
    total_customers: int
    tier_counts: _containers.ScalarMap[str, int]
    value_distribution: _containers.RepeatedScalarFieldContainer[int]
    added_customers: int
    lost_customers: _containers.RepeatedCompositeFieldContainer[LostCustomer]
    abnormal_losses: _containers.RepeatedCompositeFieldContainer[LostCustomer]
    retrospective_needed: bool
    purchase_share_alerts: _containers.RepeatedCompositeFieldContainer[PurchaseShareAlert]
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., take_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., total_customers: _Optional[int] = ..., tier_counts: _Optional[_Mapping[str, int]] = ..., value_distribution: _Optional[_Iterable[int]] = ..., added_customers: _Optional[int] = ..., lost_customers: _Optional[_Iterable[_Union[LostCustomer, _Mapping]]] = ..., abnormal_losses: _Optional[_Iterable[_Union[LostCustomer, _Mapping]]] = ..., retrospective_needed: _Optional[bool] = ..., purchase_share_alerts: _Optional[_Iterable[_Union[PurchaseShareAlert, _Mapping]]] = ...) -> None: ...

class LostCustomer(_message.Message):
    __slots__ = ("customer", "previous_tier", "reason")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    customer: str
    previous_tier: str
    reason: str
    def __init__(self, customer: _Optional[str] = ..., previous_tier: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PurchaseShareAlert(_message.Message):
    __slots__ = ("tier", "previous_year", "year", "previous_share_percent", "share_percent", "causes_to_analyse")
    TIER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_YEAR_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    CAUSES_TO_ANALYSE_FIELD_NUMBER: _ClassVar[int]
    tier: str
    previous_year: int
    year: int
    previous_share_percent: float
    share_percent: float
    causes_to_analyse: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tier: _Optional[str] = ..., previous_year: _Optional[int] = ..., year: _Optional[int] = ..., previous_share_percent: _Optional[float] = ..., share_percent: _Optional[float] = ..., causes_to_analyse: _Optional[_Iterable[str]] = ...) -> None: ...

class RetrospectiveTask(_message.Message):
    __slots__ = ("name", "region", "snapshot", "customers", "reason", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    snapshot: str
    customers: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., snapshot: _Optional[str] = ..., customers: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ValueReturnCurve(_message.Message):
    __slots__ = ("name", "currency_code", "points", "comparisons", "recommendations", "update_time", "updated_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    COMPARISONS_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    currency_code: str
    points: _containers.RepeatedCompositeFieldContainer[CurvePoint]
    comparisons: _containers.RepeatedCompositeFieldContainer[CurveComparison]
    recommendations: _containers.RepeatedCompositeFieldContainer[RetierRecommendation]
    update_time: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, name: _Optional[str] = ..., currency_code: _Optional[str] = ..., points: _Optional[_Iterable[_Union[CurvePoint, _Mapping]]] = ..., comparisons: _Optional[_Iterable[_Union[CurveComparison, _Mapping]]] = ..., recommendations: _Optional[_Iterable[_Union[RetierRecommendation, _Mapping]]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class CurvePoint(_message.Message):
    __slots__ = ("year", "expected_units")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_UNITS_FIELD_NUMBER: _ClassVar[int]
    year: int
    expected_units: int
    def __init__(self, year: _Optional[int] = ..., expected_units: _Optional[int] = ...) -> None: ...

class CurveComparison(_message.Message):
    __slots__ = ("year", "expected_units", "actual_units", "shortfall")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_UNITS_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_UNITS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    year: int
    expected_units: int
    actual_units: int
    shortfall: bool
    def __init__(self, year: _Optional[int] = ..., expected_units: _Optional[int] = ..., actual_units: _Optional[int] = ..., shortfall: _Optional[bool] = ...) -> None: ...

class RetierRecommendation(_message.Message):
    __slots__ = ("customer", "year", "expected_units", "actual_units", "currency_code", "possible_causes", "create_time")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_UNITS_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_UNITS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    POSSIBLE_CAUSES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    customer: str
    year: int
    expected_units: int
    actual_units: int
    currency_code: str
    possible_causes: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, customer: _Optional[str] = ..., year: _Optional[int] = ..., expected_units: _Optional[int] = ..., actual_units: _Optional[int] = ..., currency_code: _Optional[str] = ..., possible_causes: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DueReview(_message.Message):
    __slots__ = ("customer", "industry", "interval_days", "plugin", "last_review_time", "due_time")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_DAYS_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    LAST_REVIEW_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    customer: str
    industry: str
    interval_days: int
    plugin: str
    last_review_time: _timestamp_pb2.Timestamp
    due_time: _timestamp_pb2.Timestamp
    def __init__(self, customer: _Optional[str] = ..., industry: _Optional[str] = ..., interval_days: _Optional[int] = ..., plugin: _Optional[str] = ..., last_review_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
