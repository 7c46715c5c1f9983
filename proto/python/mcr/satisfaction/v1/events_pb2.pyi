import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from mcr.satisfaction.v1 import issue_pb2 as _issue_pb2
from mcr.satisfaction.v1 import survey_pb2 as _survey_pb2
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

class IssueChanged(_message.Message):
    __slots__ = ("issue", "change", "actor", "level", "score")
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    issue: _issue_pb2.Issue
    change: str
    actor: str
    level: str
    score: int
    def __init__(self, issue: _Optional[_Union[_issue_pb2.Issue, _Mapping]] = ..., change: _Optional[str] = ..., actor: _Optional[str] = ..., level: _Optional[str] = ..., score: _Optional[int] = ...) -> None: ...

class IssueSlaBreached(_message.Message):
    __slots__ = ("issue", "customer", "region", "sla", "due_time")
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SLA_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    issue: str
    customer: str
    region: str
    sla: str
    due_time: _timestamp_pb2.Timestamp
    def __init__(self, issue: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., sla: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TeamKeyEventRaised(_message.Message):
    __slots__ = ("issue", "customer", "region", "team", "impact", "reason")
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    issue: str
    customer: str
    region: str
    team: str
    impact: int
    reason: str
    def __init__(self, issue: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., team: _Optional[str] = ..., impact: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class SurveyAnswered(_message.Message):
    __slots__ = ("survey", "customer", "region", "satisfaction", "detractor", "mean_satisfaction", "answer_count")
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    DETRACTOR_FIELD_NUMBER: _ClassVar[int]
    MEAN_SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    ANSWER_COUNT_FIELD_NUMBER: _ClassVar[int]
    survey: str
    customer: str
    region: str
    satisfaction: float
    detractor: bool
    mean_satisfaction: float
    answer_count: int
    def __init__(self, survey: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., satisfaction: _Optional[float] = ..., detractor: _Optional[bool] = ..., mean_satisfaction: _Optional[float] = ..., answer_count: _Optional[int] = ...) -> None: ...

class ResurveyDue(_message.Message):
    __slots__ = ("person", "customer", "region", "issue", "survey")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    person: str
    customer: str
    region: str
    issue: str
    survey: str
    def __init__(self, person: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., issue: _Optional[str] = ..., survey: _Optional[str] = ...) -> None: ...

class VocItemChanged(_message.Message):
    __slots__ = ("voc_item",)
    VOC_ITEM_FIELD_NUMBER: _ClassVar[int]
    voc_item: _survey_pb2.VocItem
    def __init__(self, voc_item: _Optional[_Union[_survey_pb2.VocItem, _Mapping]] = ...) -> None: ...

class ImprovementItemChanged(_message.Message):
    __slots__ = ("improvement_item",)
    IMPROVEMENT_ITEM_FIELD_NUMBER: _ClassVar[int]
    improvement_item: _survey_pb2.ImprovementItem
    def __init__(self, improvement_item: _Optional[_Union[_survey_pb2.ImprovementItem, _Mapping]] = ...) -> None: ...

class SurveyCreated(_message.Message):
    __slots__ = ("survey", "trigger")
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    survey: _survey_pb2.Survey
    trigger: str
    def __init__(self, survey: _Optional[_Union[_survey_pb2.Survey, _Mapping]] = ..., trigger: _Optional[str] = ...) -> None: ...

class IssueQuotaMissed(_message.Message):
    __slots__ = ("customer", "region", "week_start_time", "quota", "recorded")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_TIME_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    customer: str
    region: str
    week_start_time: _timestamp_pb2.Timestamp
    quota: int
    recorded: int
    def __init__(self, customer: _Optional[str] = ..., region: _Optional[str] = ..., week_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., quota: _Optional[int] = ..., recorded: _Optional[int] = ...) -> None: ...
