import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProfileState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROFILE_STATE_UNSPECIFIED: _ClassVar[ProfileState]
    PROFILE_STATE_DRAFT: _ClassVar[ProfileState]
    PROFILE_STATE_IN_REVIEW: _ClassVar[ProfileState]
    PROFILE_STATE_PUBLISHED: _ClassVar[ProfileState]

class KeySubNetworkKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KEY_SUB_NETWORK_KIND_UNSPECIFIED: _ClassVar[KeySubNetworkKind]
    KEY_SUB_NETWORK_KIND_VALUE_REGION: _ClassVar[KeySubNetworkKind]
    KEY_SUB_NETWORK_KIND_VALUE_BUSINESS: _ClassVar[KeySubNetworkKind]

class ReviewVerdict(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REVIEW_VERDICT_UNSPECIFIED: _ClassVar[ReviewVerdict]
    REVIEW_VERDICT_APPROVED: _ClassVar[ReviewVerdict]
    REVIEW_VERDICT_CHANGES_REQUESTED: _ClassVar[ReviewVerdict]

class NetworkMetricValueType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NETWORK_METRIC_VALUE_TYPE_UNSPECIFIED: _ClassVar[NetworkMetricValueType]
    NETWORK_METRIC_VALUE_TYPE_INTEGER: _ClassVar[NetworkMetricValueType]
    NETWORK_METRIC_VALUE_TYPE_DECIMAL: _ClassVar[NetworkMetricValueType]
    NETWORK_METRIC_VALUE_TYPE_PERCENT: _ClassVar[NetworkMetricValueType]
    NETWORK_METRIC_VALUE_TYPE_TEXT: _ClassVar[NetworkMetricValueType]
    NETWORK_METRIC_VALUE_TYPE_BOOLEAN: _ClassVar[NetworkMetricValueType]
PROFILE_STATE_UNSPECIFIED: ProfileState
PROFILE_STATE_DRAFT: ProfileState
PROFILE_STATE_IN_REVIEW: ProfileState
PROFILE_STATE_PUBLISHED: ProfileState
KEY_SUB_NETWORK_KIND_UNSPECIFIED: KeySubNetworkKind
KEY_SUB_NETWORK_KIND_VALUE_REGION: KeySubNetworkKind
KEY_SUB_NETWORK_KIND_VALUE_BUSINESS: KeySubNetworkKind
REVIEW_VERDICT_UNSPECIFIED: ReviewVerdict
REVIEW_VERDICT_APPROVED: ReviewVerdict
REVIEW_VERDICT_CHANGES_REQUESTED: ReviewVerdict
NETWORK_METRIC_VALUE_TYPE_UNSPECIFIED: NetworkMetricValueType
NETWORK_METRIC_VALUE_TYPE_INTEGER: NetworkMetricValueType
NETWORK_METRIC_VALUE_TYPE_DECIMAL: NetworkMetricValueType
NETWORK_METRIC_VALUE_TYPE_PERCENT: NetworkMetricValueType
NETWORK_METRIC_VALUE_TYPE_TEXT: NetworkMetricValueType
NETWORK_METRIC_VALUE_TYPE_BOOLEAN: NetworkMetricValueType

class CustomerProfile(_message.Message):
    __slots__ = ("name", "region", "state", "sections", "key_events", "business_network", "key_sub_networks", "published_version", "review_round", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    KEY_EVENTS_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_NETWORK_FIELD_NUMBER: _ClassVar[int]
    KEY_SUB_NETWORKS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    REVIEW_ROUND_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    state: ProfileState
    sections: _containers.RepeatedCompositeFieldContainer[ProfileSection]
    key_events: _containers.RepeatedCompositeFieldContainer[KeyCalendarEvent]
    business_network: BusinessNetwork
    key_sub_networks: _containers.RepeatedCompositeFieldContainer[KeySubNetwork]
    published_version: int
    review_round: int
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., state: _Optional[_Union[ProfileState, str]] = ..., sections: _Optional[_Iterable[_Union[ProfileSection, _Mapping]]] = ..., key_events: _Optional[_Iterable[_Union[KeyCalendarEvent, _Mapping]]] = ..., business_network: _Optional[_Union[BusinessNetwork, _Mapping]] = ..., key_sub_networks: _Optional[_Iterable[_Union[KeySubNetwork, _Mapping]]] = ..., published_version: _Optional[int] = ..., review_round: _Optional[int] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class VendorProfile(_message.Message):
    __slots__ = ("name", "region", "state", "sections", "locked_competitors", "supplier_weights", "weighted_scores", "published_version", "review_round", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    LOCKED_COMPETITORS_FIELD_NUMBER: _ClassVar[int]
    SUPPLIER_WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_SCORES_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    REVIEW_ROUND_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    state: ProfileState
    sections: _containers.RepeatedCompositeFieldContainer[ProfileSection]
    locked_competitors: _containers.RepeatedScalarFieldContainer[str]
    supplier_weights: _containers.RepeatedCompositeFieldContainer[SupplierWeight]
    weighted_scores: _containers.RepeatedCompositeFieldContainer[WeightedScore]
    published_version: int
    review_round: int
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., state: _Optional[_Union[ProfileState, str]] = ..., sections: _Optional[_Iterable[_Union[ProfileSection, _Mapping]]] = ..., locked_competitors: _Optional[_Iterable[str]] = ..., supplier_weights: _Optional[_Iterable[_Union[SupplierWeight, _Mapping]]] = ..., weighted_scores: _Optional[_Iterable[_Union[WeightedScore, _Mapping]]] = ..., published_version: _Optional[int] = ..., review_round: _Optional[int] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ProfileSection(_message.Message):
    __slots__ = ("code", "fields")
    class FieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    code: str
    fields: _containers.ScalarMap[str, str]
    def __init__(self, code: _Optional[str] = ..., fields: _Optional[_Mapping[str, str]] = ...) -> None: ...

class KeyCalendarEvent(_message.Message):
    __slots__ = ("date", "title", "description")
    DATE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    date: str
    title: str
    description: str
    def __init__(self, date: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class BusinessNetwork(_message.Message):
    __slots__ = ("metrics", "product_experience")
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    METRICS_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_EXPERIENCE_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.ScalarMap[str, str]
    product_experience: str
    def __init__(self, metrics: _Optional[_Mapping[str, str]] = ..., product_experience: _Optional[str] = ...) -> None: ...

class KeySubNetwork(_message.Message):
    __slots__ = ("display_name", "kind", "subsidiary", "influence", "approval_path", "group_model_selection")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBSIDIARY_FIELD_NUMBER: _ClassVar[int]
    INFLUENCE_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_PATH_FIELD_NUMBER: _ClassVar[int]
    GROUP_MODEL_SELECTION_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    kind: KeySubNetworkKind
    subsidiary: str
    influence: str
    approval_path: str
    group_model_selection: bool
    def __init__(self, display_name: _Optional[str] = ..., kind: _Optional[_Union[KeySubNetworkKind, str]] = ..., subsidiary: _Optional[str] = ..., influence: _Optional[str] = ..., approval_path: _Optional[str] = ..., group_model_selection: _Optional[bool] = ...) -> None: ...

class SupplierWeight(_message.Message):
    __slots__ = ("dimension", "group", "weight", "our_score", "competitor_scores")
    class CompetitorScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    OUR_SCORE_FIELD_NUMBER: _ClassVar[int]
    COMPETITOR_SCORES_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    group: str
    weight: int
    our_score: float
    competitor_scores: _containers.ScalarMap[str, float]
    def __init__(self, dimension: _Optional[str] = ..., group: _Optional[str] = ..., weight: _Optional[int] = ..., our_score: _Optional[float] = ..., competitor_scores: _Optional[_Mapping[str, float]] = ...) -> None: ...

class WeightedScore(_message.Message):
    __slots__ = ("vendor", "score")
    VENDOR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    vendor: str
    score: float
    def __init__(self, vendor: _Optional[str] = ..., score: _Optional[float] = ...) -> None: ...

class ProfileVersion(_message.Message):
    __slots__ = ("name", "version", "customer_profile", "vendor_profile", "review_round", "submitted_by", "approved_by", "publish_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_PROFILE_FIELD_NUMBER: _ClassVar[int]
    VENDOR_PROFILE_FIELD_NUMBER: _ClassVar[int]
    REVIEW_ROUND_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: int
    customer_profile: CustomerProfile
    vendor_profile: VendorProfile
    review_round: int
    submitted_by: str
    approved_by: str
    publish_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., version: _Optional[int] = ..., customer_profile: _Optional[_Union[CustomerProfile, _Mapping]] = ..., vendor_profile: _Optional[_Union[VendorProfile, _Mapping]] = ..., review_round: _Optional[int] = ..., submitted_by: _Optional[str] = ..., approved_by: _Optional[str] = ..., publish_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ProfileReview(_message.Message):
    __slots__ = ("name", "round", "submitted_by", "submit_time", "verdict", "reviewer", "comments", "review_time", "published_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_TIME_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    REVIEW_TIME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    round: int
    submitted_by: str
    submit_time: _timestamp_pb2.Timestamp
    verdict: ReviewVerdict
    reviewer: str
    comments: _containers.RepeatedCompositeFieldContainer[ReviewComment]
    review_time: _timestamp_pb2.Timestamp
    published_version: int
    def __init__(self, name: _Optional[str] = ..., round: _Optional[int] = ..., submitted_by: _Optional[str] = ..., submit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., verdict: _Optional[_Union[ReviewVerdict, str]] = ..., reviewer: _Optional[str] = ..., comments: _Optional[_Iterable[_Union[ReviewComment, _Mapping]]] = ..., review_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_version: _Optional[int] = ...) -> None: ...

class ReviewComment(_message.Message):
    __slots__ = ("section", "field", "text")
    SECTION_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    section: str
    field: str
    text: str
    def __init__(self, section: _Optional[str] = ..., field: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class ProfileCompleteness(_message.Message):
    __slots__ = ("name", "tier", "required", "missing_sections", "customer_profile_version", "vendor_profile_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MISSING_SECTIONS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_PROFILE_VERSION_FIELD_NUMBER: _ClassVar[int]
    VENDOR_PROFILE_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    tier: str
    required: bool
    missing_sections: _containers.RepeatedCompositeFieldContainer[MissingSection]
    customer_profile_version: int
    vendor_profile_version: int
    def __init__(self, name: _Optional[str] = ..., tier: _Optional[str] = ..., required: _Optional[bool] = ..., missing_sections: _Optional[_Iterable[_Union[MissingSection, _Mapping]]] = ..., customer_profile_version: _Optional[int] = ..., vendor_profile_version: _Optional[int] = ...) -> None: ...

class MissingSection(_message.Message):
    __slots__ = ("profile", "section", "book_section", "title")
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    BOOK_SECTION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    profile: str
    section: str
    book_section: str
    title: str
    def __init__(self, profile: _Optional[str] = ..., section: _Optional[str] = ..., book_section: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class BusinessNetworkSchema(_message.Message):
    __slots__ = ("name", "industry", "metrics")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    name: str
    industry: str
    metrics: _containers.RepeatedCompositeFieldContainer[NetworkMetricDefinition]
    def __init__(self, name: _Optional[str] = ..., industry: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[NetworkMetricDefinition, _Mapping]]] = ...) -> None: ...

class NetworkMetricValue(_message.Message):
    __slots__ = ("code", "value", "value_type", "plugin")
    CODE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    VALUE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    code: str
    value: str
    value_type: NetworkMetricValueType
    plugin: str
    def __init__(self, code: _Optional[str] = ..., value: _Optional[str] = ..., value_type: _Optional[_Union[NetworkMetricValueType, str]] = ..., plugin: _Optional[str] = ...) -> None: ...

class NetworkMetricDefinition(_message.Message):
    __slots__ = ("code", "display_name", "local_name", "value_type", "unit", "plugin")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_TYPE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    code: str
    display_name: str
    local_name: str
    value_type: NetworkMetricValueType
    unit: str
    plugin: str
    def __init__(self, code: _Optional[str] = ..., display_name: _Optional[str] = ..., local_name: _Optional[str] = ..., value_type: _Optional[_Union[NetworkMetricValueType, str]] = ..., unit: _Optional[str] = ..., plugin: _Optional[str] = ...) -> None: ...
