import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import money_pb2 as _money_pb2
from mcr.satisfaction.v1 import issue_pb2 as _issue_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Activity(_message.Message):
    __slots__ = ("name", "customer", "region", "type", "relationship_type", "state", "title", "start_time", "duration", "target_persons", "target_departments", "participants", "topics", "opportunity", "lifecycle_stage", "plan_item", "cost", "customer_share", "gift_value", "private_visit", "evaluation", "summary", "outstanding_issues", "compliance_flag", "owner", "create_time", "update_time", "close_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    TARGET_PERSONS_FIELD_NUMBER: _ClassVar[int]
    TARGET_DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    OPPORTUNITY_FIELD_NUMBER: _ClassVar[int]
    LIFECYCLE_STAGE_FIELD_NUMBER: _ClassVar[int]
    PLAN_ITEM_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_SHARE_FIELD_NUMBER: _ClassVar[int]
    GIFT_VALUE_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_VISIT_FIELD_NUMBER: _ClassVar[int]
    EVALUATION_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_ISSUES_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_FLAG_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    type: str
    relationship_type: str
    state: str
    title: str
    start_time: _timestamp_pb2.Timestamp
    duration: _duration_pb2.Duration
    target_persons: _containers.RepeatedScalarFieldContainer[str]
    target_departments: _containers.RepeatedScalarFieldContainer[str]
    participants: _containers.RepeatedScalarFieldContainer[str]
    topics: _containers.RepeatedScalarFieldContainer[str]
    opportunity: str
    lifecycle_stage: str
    plan_item: str
    cost: _money_pb2.Money
    customer_share: _money_pb2.Money
    gift_value: _money_pb2.Money
    private_visit: bool
    evaluation: ActivityEvaluation
    summary: str
    outstanding_issues: _containers.RepeatedCompositeFieldContainer[OutstandingIssue]
    compliance_flag: str
    owner: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., type: _Optional[str] = ..., relationship_type: _Optional[str] = ..., state: _Optional[str] = ..., title: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., target_persons: _Optional[_Iterable[str]] = ..., target_departments: _Optional[_Iterable[str]] = ..., participants: _Optional[_Iterable[str]] = ..., topics: _Optional[_Iterable[str]] = ..., opportunity: _Optional[str] = ..., lifecycle_stage: _Optional[str] = ..., plan_item: _Optional[str] = ..., cost: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., customer_share: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., gift_value: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., private_visit: _Optional[bool] = ..., evaluation: _Optional[_Union[ActivityEvaluation, _Mapping]] = ..., summary: _Optional[str] = ..., outstanding_issues: _Optional[_Iterable[_Union[OutstandingIssue, _Mapping]]] = ..., compliance_flag: _Optional[str] = ..., owner: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ActivityEvaluation(_message.Message):
    __slots__ = ("score", "note")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    score: int
    note: str
    def __init__(self, score: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class OutstandingIssue(_message.Message):
    __slots__ = ("title", "issue", "closed")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    title: str
    issue: str
    closed: bool
    def __init__(self, title: _Optional[str] = ..., issue: _Optional[str] = ..., closed: _Optional[bool] = ...) -> None: ...

class ActivityType(_message.Message):
    __slots__ = ("code", "display_name", "category", "brand", "revisit", "private_visit")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    REVISIT_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_VISIT_FIELD_NUMBER: _ClassVar[int]
    code: str
    display_name: str
    category: str
    brand: bool
    revisit: bool
    private_visit: bool
    def __init__(self, code: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[str] = ..., brand: _Optional[bool] = ..., revisit: _Optional[bool] = ..., private_visit: _Optional[bool] = ...) -> None: ...

class KeyEvent(_message.Message):
    __slots__ = ("name", "person", "dimension", "impact", "summary", "activity", "occur_time", "recorded_by", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    OCCUR_TIME_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    person: str
    dimension: str
    impact: int
    summary: str
    activity: str
    occur_time: _timestamp_pb2.Timestamp
    recorded_by: str
    region: str
    def __init__(self, name: _Optional[str] = ..., person: _Optional[str] = ..., dimension: _Optional[str] = ..., impact: _Optional[int] = ..., summary: _Optional[str] = ..., activity: _Optional[str] = ..., occur_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recorded_by: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...

class PersonCadence(_message.Message):
    __slots__ = ("name", "role", "owner", "owner_org_unit", "supervisor", "sponsor", "tier", "ideal_interval", "max_interval", "source", "last_contact_time", "due_time", "breach_time", "status", "region", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    IDEAL_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    MAX_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    LAST_CONTACT_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    BREACH_TIME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: str
    owner: str
    owner_org_unit: str
    supervisor: str
    sponsor: str
    tier: str
    ideal_interval: _duration_pb2.Duration
    max_interval: _duration_pb2.Duration
    source: str
    last_contact_time: _timestamp_pb2.Timestamp
    due_time: _timestamp_pb2.Timestamp
    breach_time: _timestamp_pb2.Timestamp
    status: str
    region: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., role: _Optional[str] = ..., owner: _Optional[str] = ..., owner_org_unit: _Optional[str] = ..., supervisor: _Optional[str] = ..., sponsor: _Optional[str] = ..., tier: _Optional[str] = ..., ideal_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., source: _Optional[str] = ..., last_contact_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., breach_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[str] = ..., region: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class DueContact(_message.Message):
    __slots__ = ("cadence", "role", "status", "due_time", "breach_time", "cold_stove")
    CADENCE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    BREACH_TIME_FIELD_NUMBER: _ClassVar[int]
    COLD_STOVE_FIELD_NUMBER: _ClassVar[int]
    cadence: str
    role: str
    status: str
    due_time: _timestamp_pb2.Timestamp
    breach_time: _timestamp_pb2.Timestamp
    cold_stove: bool
    def __init__(self, cadence: _Optional[str] = ..., role: _Optional[str] = ..., status: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., breach_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cold_stove: _Optional[bool] = ...) -> None: ...

class Coverage(_message.Message):
    __slots__ = ("tier", "required_visits", "done_visits")
    TIER_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_VISITS_FIELD_NUMBER: _ClassVar[int]
    DONE_VISITS_FIELD_NUMBER: _ClassVar[int]
    tier: str
    required_visits: int
    done_visits: int
    def __init__(self, tier: _Optional[str] = ..., required_visits: _Optional[int] = ..., done_visits: _Optional[int] = ...) -> None: ...

class VisitShare(_message.Message):
    __slots__ = ("office_visits", "private_visits", "since_time")
    OFFICE_VISITS_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_VISITS_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    office_visits: int
    private_visits: int
    since_time: _timestamp_pb2.Timestamp
    def __init__(self, office_visits: _Optional[int] = ..., private_visits: _Optional[int] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Reminder(_message.Message):
    __slots__ = ("name", "kind", "subject", "detail", "due_time", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    subject: str
    detail: str
    due_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ..., subject: _Optional[str] = ..., detail: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KeyDate(_message.Message):
    __slots__ = ("name", "kind", "month", "day", "next_reminder_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    NEXT_REMINDER_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    month: int
    day: int
    next_reminder_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ..., month: _Optional[int] = ..., day: _Optional[int] = ..., next_reminder_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Playbook(_message.Message):
    __slots__ = ("support_level", "goal", "actions", "rule", "plugin", "problem_customer_advice")
    SUPPORT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    GOAL_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_CUSTOMER_ADVICE_FIELD_NUMBER: _ClassVar[int]
    support_level: int
    goal: str
    actions: _containers.RepeatedScalarFieldContainer[str]
    rule: str
    plugin: str
    problem_customer_advice: str
    def __init__(self, support_level: _Optional[int] = ..., goal: _Optional[str] = ..., actions: _Optional[_Iterable[str]] = ..., rule: _Optional[str] = ..., plugin: _Optional[str] = ..., problem_customer_advice: _Optional[str] = ...) -> None: ...

class LifecycleStageGuide(_message.Message):
    __slots__ = ("stage", "goal", "activity_types", "departments", "roles", "done_activity_types", "missing_activity_types", "covered_departments")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    GOAL_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    DONE_ACTIVITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    MISSING_ACTIVITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    COVERED_DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    stage: str
    goal: str
    activity_types: _containers.RepeatedScalarFieldContainer[str]
    departments: _containers.RepeatedScalarFieldContainer[str]
    roles: _containers.RepeatedScalarFieldContainer[str]
    done_activity_types: _containers.RepeatedScalarFieldContainer[str]
    missing_activity_types: _containers.RepeatedScalarFieldContainer[str]
    covered_departments: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, stage: _Optional[str] = ..., goal: _Optional[str] = ..., activity_types: _Optional[_Iterable[str]] = ..., departments: _Optional[_Iterable[str]] = ..., roles: _Optional[_Iterable[str]] = ..., done_activity_types: _Optional[_Iterable[str]] = ..., missing_activity_types: _Optional[_Iterable[str]] = ..., covered_departments: _Optional[_Iterable[str]] = ...) -> None: ...

class VisitBriefing(_message.Message):
    __slots__ = ("customer", "open_issues", "issues_available", "cadences")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    OPEN_ISSUES_FIELD_NUMBER: _ClassVar[int]
    ISSUES_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    CADENCES_FIELD_NUMBER: _ClassVar[int]
    customer: str
    open_issues: _containers.RepeatedCompositeFieldContainer[_issue_pb2.Issue]
    issues_available: bool
    cadences: _containers.RepeatedCompositeFieldContainer[PersonCadence]
    def __init__(self, customer: _Optional[str] = ..., open_issues: _Optional[_Iterable[_Union[_issue_pb2.Issue, _Mapping]]] = ..., issues_available: _Optional[bool] = ..., cadences: _Optional[_Iterable[_Union[PersonCadence, _Mapping]]] = ...) -> None: ...
