import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Survey(_message.Message):
    __slots__ = ("name", "customer", "region", "kind", "dimensions", "due_time", "sample_per_level", "sample_size", "answer_count", "mean_satisfaction", "create_time")
    class SamplePerLevelEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_PER_LEVEL_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    ANSWER_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEAN_SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    kind: str
    dimensions: _containers.RepeatedScalarFieldContainer[str]
    due_time: _timestamp_pb2.Timestamp
    sample_per_level: _containers.ScalarMap[str, int]
    sample_size: int
    answer_count: int
    mean_satisfaction: float
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., kind: _Optional[str] = ..., dimensions: _Optional[_Iterable[str]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sample_per_level: _Optional[_Mapping[str, int]] = ..., sample_size: _Optional[int] = ..., answer_count: _Optional[int] = ..., mean_satisfaction: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Rating(_message.Message):
    __slots__ = ("expectation", "perception")
    EXPECTATION_FIELD_NUMBER: _ClassVar[int]
    PERCEPTION_FIELD_NUMBER: _ClassVar[int]
    expectation: int
    perception: int
    def __init__(self, expectation: _Optional[int] = ..., perception: _Optional[int] = ...) -> None: ...

class SurveyAnswer(_message.Message):
    __slots__ = ("name", "person", "key_person", "level", "mode", "ratings", "satisfaction", "detractor", "issue", "create_time")
    class RatingsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Rating
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Rating, _Mapping]] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    KEY_PERSON_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    DETRACTOR_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    person: str
    key_person: bool
    level: str
    mode: str
    ratings: _containers.MessageMap[str, Rating]
    satisfaction: float
    detractor: bool
    issue: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., person: _Optional[str] = ..., key_person: _Optional[bool] = ..., level: _Optional[str] = ..., mode: _Optional[str] = ..., ratings: _Optional[_Mapping[str, Rating]] = ..., satisfaction: _Optional[float] = ..., detractor: _Optional[bool] = ..., issue: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VocItem(_message.Message):
    __slots__ = ("name", "customer", "region", "kind", "source", "summary", "stage", "weight", "issue", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    kind: str
    source: str
    summary: str
    stage: str
    weight: float
    issue: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., kind: _Optional[str] = ..., source: _Optional[str] = ..., summary: _Optional[str] = ..., stage: _Optional[str] = ..., weight: _Optional[float] = ..., issue: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImprovementItem(_message.Message):
    __slots__ = ("name", "region", "tier", "shortfall", "summary", "priority", "state", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    tier: str
    shortfall: str
    summary: str
    priority: int
    state: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., shortfall: _Optional[str] = ..., summary: _Optional[str] = ..., priority: _Optional[int] = ..., state: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TeamKpis(_message.Message):
    __slots__ = ("team", "new_valid_issues", "first_time_distribution_accuracy", "on_time_closure_rate", "self_resolution_rate", "region_self_resolution_rate", "revisit_coverage", "urgent_revisit_coverage", "office_over_cap", "region_over_cap", "revisit_coverage_met")
    TEAM_FIELD_NUMBER: _ClassVar[int]
    NEW_VALID_ISSUES_FIELD_NUMBER: _ClassVar[int]
    FIRST_TIME_DISTRIBUTION_ACCURACY_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_CLOSURE_RATE_FIELD_NUMBER: _ClassVar[int]
    SELF_RESOLUTION_RATE_FIELD_NUMBER: _ClassVar[int]
    REGION_SELF_RESOLUTION_RATE_FIELD_NUMBER: _ClassVar[int]
    REVISIT_COVERAGE_FIELD_NUMBER: _ClassVar[int]
    URGENT_REVISIT_COVERAGE_FIELD_NUMBER: _ClassVar[int]
    OFFICE_OVER_CAP_FIELD_NUMBER: _ClassVar[int]
    REGION_OVER_CAP_FIELD_NUMBER: _ClassVar[int]
    REVISIT_COVERAGE_MET_FIELD_NUMBER: _ClassVar[int]
    team: str
    new_valid_issues: int
    first_time_distribution_accuracy: float
    on_time_closure_rate: float
    self_resolution_rate: float
    region_self_resolution_rate: float
    revisit_coverage: float
    urgent_revisit_coverage: float
    office_over_cap: bool
    region_over_cap: bool
    revisit_coverage_met: bool
    def __init__(self, team: _Optional[str] = ..., new_valid_issues: _Optional[int] = ..., first_time_distribution_accuracy: _Optional[float] = ..., on_time_closure_rate: _Optional[float] = ..., self_resolution_rate: _Optional[float] = ..., region_self_resolution_rate: _Optional[float] = ..., revisit_coverage: _Optional[float] = ..., urgent_revisit_coverage: _Optional[float] = ..., office_over_cap: _Optional[bool] = ..., region_over_cap: _Optional[bool] = ..., revisit_coverage_met: _Optional[bool] = ...) -> None: ...
