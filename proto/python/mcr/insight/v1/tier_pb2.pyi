import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TierSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIER_SOURCE_UNSPECIFIED: _ClassVar[TierSource]
    TIER_SOURCE_COMPUTED: _ClassVar[TierSource]
    TIER_SOURCE_MANUAL: _ClassVar[TierSource]

class ValueHorizon(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VALUE_HORIZON_UNSPECIFIED: _ClassVar[ValueHorizon]
    VALUE_HORIZON_CURRENT: _ClassVar[ValueHorizon]
    VALUE_HORIZON_LONG_TERM: _ClassVar[ValueHorizon]

class ValueVisibility(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VALUE_VISIBILITY_UNSPECIFIED: _ClassVar[ValueVisibility]
    VALUE_VISIBILITY_EXPLICIT: _ClassVar[ValueVisibility]
    VALUE_VISIBILITY_IMPLICIT: _ClassVar[ValueVisibility]
TIER_SOURCE_UNSPECIFIED: TierSource
TIER_SOURCE_COMPUTED: TierSource
TIER_SOURCE_MANUAL: TierSource
VALUE_HORIZON_UNSPECIFIED: ValueHorizon
VALUE_HORIZON_CURRENT: ValueHorizon
VALUE_HORIZON_LONG_TERM: ValueHorizon
VALUE_VISIBILITY_UNSPECIFIED: ValueVisibility
VALUE_VISIBILITY_EXPLICIT: ValueVisibility
VALUE_VISIBILITY_IMPLICIT: ValueVisibility

class TierAssignment(_message.Message):
    __slots__ = ("name", "customer", "region", "tier", "computed_tier", "value_score", "source", "manual_decision", "configuration_revision", "scoring_incomplete", "tier_change_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_TIER_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCORE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MANUAL_DECISION_FIELD_NUMBER: _ClassVar[int]
    CONFIGURATION_REVISION_FIELD_NUMBER: _ClassVar[int]
    SCORING_INCOMPLETE_FIELD_NUMBER: _ClassVar[int]
    TIER_CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    tier: str
    computed_tier: str
    value_score: float
    source: TierSource
    manual_decision: ManualTierDecision
    configuration_revision: int
    scoring_incomplete: bool
    tier_change_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., computed_tier: _Optional[str] = ..., value_score: _Optional[float] = ..., source: _Optional[_Union[TierSource, str]] = ..., manual_decision: _Optional[_Union[ManualTierDecision, _Mapping]] = ..., configuration_revision: _Optional[int] = ..., scoring_incomplete: _Optional[bool] = ..., tier_change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ManualTierDecision(_message.Message):
    __slots__ = ("tier", "justification", "decided_by", "decide_time", "expire_time", "end_time", "end_reason")
    TIER_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    tier: str
    justification: str
    decided_by: str
    decide_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    end_reason: str
    def __init__(self, tier: _Optional[str] = ..., justification: _Optional[str] = ..., decided_by: _Optional[str] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_reason: _Optional[str] = ...) -> None: ...

class ScoreComponent(_message.Message):
    __slots__ = ("plugin", "dimension", "value", "weight", "effective_weight", "horizon", "visibility", "explanation")
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    dimension: str
    value: float
    weight: float
    effective_weight: float
    horizon: ValueHorizon
    visibility: ValueVisibility
    explanation: str
    def __init__(self, plugin: _Optional[str] = ..., dimension: _Optional[str] = ..., value: _Optional[float] = ..., weight: _Optional[float] = ..., effective_weight: _Optional[float] = ..., horizon: _Optional[_Union[ValueHorizon, str]] = ..., visibility: _Optional[_Union[ValueVisibility, str]] = ..., explanation: _Optional[str] = ...) -> None: ...

class TierDefinition(_message.Message):
    __slots__ = ("code", "display_name", "local_name", "rank", "min_score", "plugin")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_NAME_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    code: str
    display_name: str
    local_name: str
    rank: int
    min_score: float
    plugin: str
    def __init__(self, code: _Optional[str] = ..., display_name: _Optional[str] = ..., local_name: _Optional[str] = ..., rank: _Optional[int] = ..., min_score: _Optional[float] = ..., plugin: _Optional[str] = ...) -> None: ...

class TierPolicy(_message.Message):
    __slots__ = ("name", "tier", "plugin", "reception_standard", "commercial_level", "service_response_time", "requirement_priority", "supply_priority", "relationship_obligations", "contact_cadences", "issue_slas", "survey_interval", "review_interval", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    RECEPTION_STANDARD_FIELD_NUMBER: _ClassVar[int]
    COMMERCIAL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    SERVICE_RESPONSE_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUIREMENT_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SUPPLY_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIP_OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_CADENCES_FIELD_NUMBER: _ClassVar[int]
    ISSUE_SLAS_FIELD_NUMBER: _ClassVar[int]
    SURVEY_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    REVIEW_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    tier: str
    plugin: str
    reception_standard: str
    commercial_level: str
    service_response_time: _duration_pb2.Duration
    requirement_priority: int
    supply_priority: int
    relationship_obligations: _containers.RepeatedCompositeFieldContainer[RelationshipObligation]
    contact_cadences: _containers.RepeatedCompositeFieldContainer[ContactCadence]
    issue_slas: _containers.RepeatedCompositeFieldContainer[IssueSla]
    survey_interval: _duration_pb2.Duration
    review_interval: _duration_pb2.Duration
    etag: str
    def __init__(self, name: _Optional[str] = ..., tier: _Optional[str] = ..., plugin: _Optional[str] = ..., reception_standard: _Optional[str] = ..., commercial_level: _Optional[str] = ..., service_response_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., requirement_priority: _Optional[int] = ..., supply_priority: _Optional[int] = ..., relationship_obligations: _Optional[_Iterable[_Union[RelationshipObligation, _Mapping]]] = ..., contact_cadences: _Optional[_Iterable[_Union[ContactCadence, _Mapping]]] = ..., issue_slas: _Optional[_Iterable[_Union[IssueSla, _Mapping]]] = ..., survey_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., review_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class RelationshipObligation(_message.Message):
    __slots__ = ("code", "description")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    code: str
    description: str
    def __init__(self, code: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class ContactCadence(_message.Message):
    __slots__ = ("role", "interval", "minimum_contacts", "ideal_interval", "max_interval")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_CONTACTS_FIELD_NUMBER: _ClassVar[int]
    IDEAL_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    MAX_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    role: str
    interval: _duration_pb2.Duration
    minimum_contacts: int
    ideal_interval: _duration_pb2.Duration
    max_interval: _duration_pb2.Duration
    def __init__(self, role: _Optional[str] = ..., interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., minimum_contacts: _Optional[int] = ..., ideal_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class IssueSla(_message.Message):
    __slots__ = ("severity", "response_time", "resolution_time")
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_TIME_FIELD_NUMBER: _ClassVar[int]
    severity: str
    response_time: _duration_pb2.Duration
    resolution_time: _duration_pb2.Duration
    def __init__(self, severity: _Optional[str] = ..., response_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., resolution_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class TierHistoryEntry(_message.Message):
    __slots__ = ("customer", "previous_tier", "tier", "source", "reason", "value_score", "changed_by", "change_time", "configuration_revision")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VALUE_SCORE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    CONFIGURATION_REVISION_FIELD_NUMBER: _ClassVar[int]
    customer: str
    previous_tier: str
    tier: str
    source: TierSource
    reason: str
    value_score: float
    changed_by: str
    change_time: _timestamp_pb2.Timestamp
    configuration_revision: int
    def __init__(self, customer: _Optional[str] = ..., previous_tier: _Optional[str] = ..., tier: _Optional[str] = ..., source: _Optional[_Union[TierSource, str]] = ..., reason: _Optional[str] = ..., value_score: _Optional[float] = ..., changed_by: _Optional[str] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., configuration_revision: _Optional[int] = ...) -> None: ...

class TierConfiguration(_message.Message):
    __slots__ = ("scoring_plugins", "dimension_weights", "thresholds", "revision", "update_time", "updated_by")
    class DimensionWeightsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    SCORING_PLUGINS_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    scoring_plugins: _containers.RepeatedScalarFieldContainer[str]
    dimension_weights: _containers.ScalarMap[str, float]
    thresholds: _containers.RepeatedCompositeFieldContainer[TierThreshold]
    revision: int
    update_time: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, scoring_plugins: _Optional[_Iterable[str]] = ..., dimension_weights: _Optional[_Mapping[str, float]] = ..., thresholds: _Optional[_Iterable[_Union[TierThreshold, _Mapping]]] = ..., revision: _Optional[int] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class TierThreshold(_message.Message):
    __slots__ = ("tier", "min_score")
    TIER_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    tier: str
    min_score: float
    def __init__(self, tier: _Optional[str] = ..., min_score: _Optional[float] = ...) -> None: ...
