import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from mcr.satisfaction.v1 import issue_pb2 as _issue_pb2
from mcr.satisfaction.v1 import survey_pb2 as _survey_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListIssuesRequest(_message.Message):
    __slots__ = ("parent", "filter", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    filter: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., filter: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListIssuesResponse(_message.Message):
    __slots__ = ("issues", "next_page_token")
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    issues: _containers.RepeatedCompositeFieldContainer[_issue_pb2.Issue]
    next_page_token: str
    def __init__(self, issues: _Optional[_Iterable[_Union[_issue_pb2.Issue, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateIssueRequest(_message.Message):
    __slots__ = ("issue", "source", "major", "key_person", "contract_resolution_time", "request_id", "acceptor", "acceptor_org_unit")
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MAJOR_FIELD_NUMBER: _ClassVar[int]
    KEY_PERSON_FIELD_NUMBER: _ClassVar[int]
    CONTRACT_RESOLUTION_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTOR_FIELD_NUMBER: _ClassVar[int]
    ACCEPTOR_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    issue: _issue_pb2.Issue
    source: str
    major: bool
    key_person: bool
    contract_resolution_time: _duration_pb2.Duration
    request_id: str
    acceptor: str
    acceptor_org_unit: str
    def __init__(self, issue: _Optional[_Union[_issue_pb2.Issue, _Mapping]] = ..., source: _Optional[str] = ..., major: _Optional[bool] = ..., key_person: _Optional[bool] = ..., contract_resolution_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., request_id: _Optional[str] = ..., acceptor: _Optional[str] = ..., acceptor_org_unit: _Optional[str] = ...) -> None: ...

class GetIssueRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class AcceptIssueRequest(_message.Message):
    __slots__ = ("name", "valid", "type")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    name: str
    valid: bool
    type: str
    def __init__(self, name: _Optional[str] = ..., valid: _Optional[bool] = ..., type: _Optional[str] = ...) -> None: ...

class DistributeIssueRequest(_message.Message):
    __slots__ = ("name", "receiver", "receiver_org_unit")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    name: str
    receiver: str
    receiver_org_unit: str
    def __init__(self, name: _Optional[str] = ..., receiver: _Optional[str] = ..., receiver_org_unit: _Optional[str] = ...) -> None: ...

class StartIssueHandlingRequest(_message.Message):
    __slots__ = ("name", "case_reference", "plan", "customer_consent", "in_contract")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CONSENT_FIELD_NUMBER: _ClassVar[int]
    IN_CONTRACT_FIELD_NUMBER: _ClassVar[int]
    name: str
    case_reference: str
    plan: str
    customer_consent: bool
    in_contract: bool
    def __init__(self, name: _Optional[str] = ..., case_reference: _Optional[str] = ..., plan: _Optional[str] = ..., customer_consent: _Optional[bool] = ..., in_contract: _Optional[bool] = ...) -> None: ...

class EscalateIssueRequest(_message.Message):
    __slots__ = ("name", "reason", "owner", "owner_org_unit")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    owner: str
    owner_org_unit: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ..., owner: _Optional[str] = ..., owner_org_unit: _Optional[str] = ...) -> None: ...

class ResolveIssueRequest(_message.Message):
    __slots__ = ("name", "resolution", "new_needs")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    NEW_NEEDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    resolution: str
    new_needs: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., resolution: _Optional[str] = ..., new_needs: _Optional[_Iterable[str]] = ...) -> None: ...

class RevisitIssueRequest(_message.Message):
    __slots__ = ("name", "contact", "score", "comment", "person")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    name: str
    contact: str
    score: int
    comment: str
    person: str
    def __init__(self, name: _Optional[str] = ..., contact: _Optional[str] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ..., person: _Optional[str] = ...) -> None: ...

class RecordQaTracebackRequest(_message.Message):
    __slots__ = ("name", "accountable", "finding")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTABLE_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    name: str
    accountable: str
    finding: str
    def __init__(self, name: _Optional[str] = ..., accountable: _Optional[str] = ..., finding: _Optional[str] = ...) -> None: ...

class CloseIssueRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CreateSurveyRequest(_message.Message):
    __slots__ = ("survey", "annual_order_value_usd", "activity_end_time", "industry")
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_ORDER_VALUE_USD_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_END_TIME_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    survey: _survey_pb2.Survey
    annual_order_value_usd: int
    activity_end_time: _timestamp_pb2.Timestamp
    industry: str
    def __init__(self, survey: _Optional[_Union[_survey_pb2.Survey, _Mapping]] = ..., annual_order_value_usd: _Optional[int] = ..., activity_end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., industry: _Optional[str] = ...) -> None: ...

class CreateSurveyAnswerRequest(_message.Message):
    __slots__ = ("parent", "answer")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    answer: _survey_pb2.SurveyAnswer
    def __init__(self, parent: _Optional[str] = ..., answer: _Optional[_Union[_survey_pb2.SurveyAnswer, _Mapping]] = ...) -> None: ...

class CreateVocItemRequest(_message.Message):
    __slots__ = ("voc_item",)
    VOC_ITEM_FIELD_NUMBER: _ClassVar[int]
    voc_item: _survey_pb2.VocItem
    def __init__(self, voc_item: _Optional[_Union[_survey_pb2.VocItem, _Mapping]] = ...) -> None: ...

class AdvanceVocItemRequest(_message.Message):
    __slots__ = ("name", "stage", "issue")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    stage: str
    issue: str
    def __init__(self, name: _Optional[str] = ..., stage: _Optional[str] = ..., issue: _Optional[str] = ...) -> None: ...

class CreateImprovementItemRequest(_message.Message):
    __slots__ = ("improvement_item",)
    IMPROVEMENT_ITEM_FIELD_NUMBER: _ClassVar[int]
    improvement_item: _survey_pb2.ImprovementItem
    def __init__(self, improvement_item: _Optional[_Union[_survey_pb2.ImprovementItem, _Mapping]] = ...) -> None: ...

class AdvanceImprovementItemRequest(_message.Message):
    __slots__ = ("name", "state")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: str
    def __init__(self, name: _Optional[str] = ..., state: _Optional[str] = ...) -> None: ...

class ListImprovementItemsRequest(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: str
    def __init__(self, state: _Optional[str] = ...) -> None: ...

class ListImprovementItemsResponse(_message.Message):
    __slots__ = ("improvement_items",)
    IMPROVEMENT_ITEMS_FIELD_NUMBER: _ClassVar[int]
    improvement_items: _containers.RepeatedCompositeFieldContainer[_survey_pb2.ImprovementItem]
    def __init__(self, improvement_items: _Optional[_Iterable[_Union[_survey_pb2.ImprovementItem, _Mapping]]] = ...) -> None: ...

class GetTeamKpisRequest(_message.Message):
    __slots__ = ("team", "start_time", "end_time")
    TEAM_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    team: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, team: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlanProjectSurveysRequest(_message.Message):
    __slots__ = ("project", "customers", "large_project", "industry")
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    LARGE_PROJECT_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    project: str
    customers: _containers.RepeatedScalarFieldContainer[str]
    large_project: bool
    industry: str
    def __init__(self, project: _Optional[str] = ..., customers: _Optional[_Iterable[str]] = ..., large_project: _Optional[bool] = ..., industry: _Optional[str] = ...) -> None: ...

class PlanProjectSurveysResponse(_message.Message):
    __slots__ = ("surveys",)
    SURVEYS_FIELD_NUMBER: _ClassVar[int]
    surveys: _containers.RepeatedCompositeFieldContainer[_survey_pb2.Survey]
    def __init__(self, surveys: _Optional[_Iterable[_Union[_survey_pb2.Survey, _Mapping]]] = ...) -> None: ...

class CheckWeeklyIssueQuotaRequest(_message.Message):
    __slots__ = ("customer", "annual_revenue_usd", "week_start_time")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REVENUE_USD_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_TIME_FIELD_NUMBER: _ClassVar[int]
    customer: str
    annual_revenue_usd: int
    week_start_time: _timestamp_pb2.Timestamp
    def __init__(self, customer: _Optional[str] = ..., annual_revenue_usd: _Optional[int] = ..., week_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WeeklyIssueQuota(_message.Message):
    __slots__ = ("customer", "quota", "recorded", "met")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    customer: str
    quota: int
    recorded: int
    met: bool
    def __init__(self, customer: _Optional[str] = ..., quota: _Optional[int] = ..., recorded: _Optional[int] = ..., met: _Optional[bool] = ...) -> None: ...

class SearchCaseLibraryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CaseGuide(_message.Message):
    __slots__ = ("reference", "summary", "plugin")
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    reference: str
    summary: str
    plugin: str
    def __init__(self, reference: _Optional[str] = ..., summary: _Optional[str] = ..., plugin: _Optional[str] = ...) -> None: ...

class SearchCaseLibraryResponse(_message.Message):
    __slots__ = ("guides",)
    GUIDES_FIELD_NUMBER: _ClassVar[int]
    guides: _containers.RepeatedCompositeFieldContainer[CaseGuide]
    def __init__(self, guides: _Optional[_Iterable[_Union[CaseGuide, _Mapping]]] = ...) -> None: ...

class GetSurveyResultsRequest(_message.Message):
    __slots__ = ("parent", "survey")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    survey: str
    def __init__(self, parent: _Optional[str] = ..., survey: _Optional[str] = ...) -> None: ...

class SurveyResults(_message.Message):
    __slots__ = ("parent", "survey_count", "respondents", "dimensions")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SURVEY_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESPONDENTS_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    parent: str
    survey_count: int
    respondents: int
    dimensions: _containers.RepeatedCompositeFieldContainer[DimensionResult]
    def __init__(self, parent: _Optional[str] = ..., survey_count: _Optional[int] = ..., respondents: _Optional[int] = ..., dimensions: _Optional[_Iterable[_Union[DimensionResult, _Mapping]]] = ...) -> None: ...

class DimensionResult(_message.Message):
    __slots__ = ("dimension", "mean_expectation", "mean_perception", "gap", "respondents")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    MEAN_EXPECTATION_FIELD_NUMBER: _ClassVar[int]
    MEAN_PERCEPTION_FIELD_NUMBER: _ClassVar[int]
    GAP_FIELD_NUMBER: _ClassVar[int]
    RESPONDENTS_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    mean_expectation: float
    mean_perception: float
    gap: float
    respondents: int
    def __init__(self, dimension: _Optional[str] = ..., mean_expectation: _Optional[float] = ..., mean_perception: _Optional[float] = ..., gap: _Optional[float] = ..., respondents: _Optional[int] = ...) -> None: ...
