import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.archive.v1 import person_pb2 as _person_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CustomerTeam(_message.Message):
    __slots__ = ("name", "region", "tier", "members", "org_level", "general_level", "update_time", "etag", "customer_dates")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ORG_LEVEL_FIELD_NUMBER: _ClassVar[int]
    GENERAL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_DATES_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    tier: str
    members: _containers.RepeatedCompositeFieldContainer[TeamMember]
    org_level: str
    general_level: str
    update_time: _timestamp_pb2.Timestamp
    etag: str
    customer_dates: _containers.RepeatedCompositeFieldContainer[CustomerDate]
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., members: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ..., org_level: _Optional[str] = ..., general_level: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., customer_dates: _Optional[_Iterable[_Union[CustomerDate, _Mapping]]] = ...) -> None: ...

class CustomerDate(_message.Message):
    __slots__ = ("kind", "title", "month", "day", "lead_days", "source")
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    LEAD_DAYS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    title: str
    month: int
    day: int
    lead_days: int
    source: str
    def __init__(self, kind: _Optional[str] = ..., title: _Optional[str] = ..., month: _Optional[int] = ..., day: _Optional[int] = ..., lead_days: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class TeamMember(_message.Message):
    __slots__ = ("employee", "org_unit", "role")
    EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    employee: str
    org_unit: str
    role: str
    def __init__(self, employee: _Optional[str] = ..., org_unit: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class AnnualPlan(_message.Message):
    __slots__ = ("name", "region", "year", "tier", "items", "issue_time", "customer_dates")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    ISSUE_TIME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_DATES_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    year: int
    tier: str
    items: _containers.RepeatedCompositeFieldContainer[PlanItem]
    issue_time: _timestamp_pb2.Timestamp
    customer_dates: _containers.RepeatedCompositeFieldContainer[CustomerDate]
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ..., year: _Optional[int] = ..., tier: _Optional[str] = ..., items: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., issue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., customer_dates: _Optional[_Iterable[_Union[CustomerDate, _Mapping]]] = ...) -> None: ...

class PlanItem(_message.Message):
    __slots__ = ("name", "kind", "sequence", "due_time", "state", "complete_time", "completed_by", "summary", "customer_dates")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_TIME_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_BY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_DATES_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    sequence: int
    due_time: _timestamp_pb2.Timestamp
    state: str
    complete_time: _timestamp_pb2.Timestamp
    completed_by: str
    summary: str
    customer_dates: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ..., sequence: _Optional[int] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[str] = ..., complete_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_by: _Optional[str] = ..., summary: _Optional[str] = ..., customer_dates: _Optional[_Iterable[str]] = ...) -> None: ...

class RelationshipGoal(_message.Message):
    __slots__ = ("org_level", "exclusive_cxos", "non_exclusive_key_persons", "general_level")
    ORG_LEVEL_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_CXOS_FIELD_NUMBER: _ClassVar[int]
    NON_EXCLUSIVE_KEY_PERSONS_FIELD_NUMBER: _ClassVar[int]
    GENERAL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    org_level: str
    exclusive_cxos: int
    non_exclusive_key_persons: int
    general_level: str
    def __init__(self, org_level: _Optional[str] = ..., exclusive_cxos: _Optional[int] = ..., non_exclusive_key_persons: _Optional[int] = ..., general_level: _Optional[str] = ...) -> None: ...

class MarketGoal(_message.Message):
    __slots__ = ("name", "kind", "product_segment", "scope", "target_share_percent", "target_year", "description", "opportunity", "relationship_goal", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TARGET_SHARE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TARGET_YEAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OPPORTUNITY_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIP_GOAL_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    product_segment: str
    scope: str
    target_share_percent: float
    target_year: int
    description: str
    opportunity: str
    relationship_goal: RelationshipGoal
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ..., product_segment: _Optional[str] = ..., scope: _Optional[str] = ..., target_share_percent: _Optional[float] = ..., target_year: _Optional[int] = ..., description: _Optional[str] = ..., opportunity: _Optional[str] = ..., relationship_goal: _Optional[_Union[RelationshipGoal, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GoalGap(_message.Message):
    __slots__ = ("aspect", "required", "current", "met")
    ASPECT_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    aspect: str
    required: str
    current: str
    met: bool
    def __init__(self, aspect: _Optional[str] = ..., required: _Optional[str] = ..., current: _Optional[str] = ..., met: _Optional[bool] = ...) -> None: ...

class Assessment(_message.Message):
    __slots__ = ("name", "dimensions", "level", "evidence_key_events", "competitor_support", "note", "assessed_by", "assess_time", "spot_check")
    class DimensionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class CompetitorSupportEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_KEY_EVENTS_FIELD_NUMBER: _ClassVar[int]
    COMPETITOR_SUPPORT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ASSESSED_BY_FIELD_NUMBER: _ClassVar[int]
    ASSESS_TIME_FIELD_NUMBER: _ClassVar[int]
    SPOT_CHECK_FIELD_NUMBER: _ClassVar[int]
    name: str
    dimensions: _containers.ScalarMap[str, int]
    level: int
    evidence_key_events: _containers.RepeatedScalarFieldContainer[str]
    competitor_support: _containers.ScalarMap[str, int]
    note: str
    assessed_by: str
    assess_time: _timestamp_pb2.Timestamp
    spot_check: str
    def __init__(self, name: _Optional[str] = ..., dimensions: _Optional[_Mapping[str, int]] = ..., level: _Optional[int] = ..., evidence_key_events: _Optional[_Iterable[str]] = ..., competitor_support: _Optional[_Mapping[str, int]] = ..., note: _Optional[str] = ..., assessed_by: _Optional[str] = ..., assess_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., spot_check: _Optional[str] = ...) -> None: ...

class PowerMapPerson(_message.Message):
    __slots__ = ("person", "display_name", "role", "layer", "support", "competitor_support", "coach", "veto", "owner", "target_level", "has_target_level", "decision_roles", "customer_layer", "department", "reports_to", "outside_org_chart")
    class CompetitorSupportEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    PERSON_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LAYER_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_FIELD_NUMBER: _ClassVar[int]
    COMPETITOR_SUPPORT_FIELD_NUMBER: _ClassVar[int]
    COACH_FIELD_NUMBER: _ClassVar[int]
    VETO_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    HAS_TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    DECISION_ROLES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_LAYER_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TO_FIELD_NUMBER: _ClassVar[int]
    OUTSIDE_ORG_CHART_FIELD_NUMBER: _ClassVar[int]
    person: str
    display_name: str
    role: str
    layer: str
    support: int
    competitor_support: _containers.ScalarMap[str, int]
    coach: bool
    veto: bool
    owner: str
    target_level: int
    has_target_level: bool
    decision_roles: _containers.RepeatedCompositeFieldContainer[_person_pb2.DecisionRole]
    customer_layer: _person_pb2.Layer
    department: str
    reports_to: str
    outside_org_chart: bool
    def __init__(self, person: _Optional[str] = ..., display_name: _Optional[str] = ..., role: _Optional[str] = ..., layer: _Optional[str] = ..., support: _Optional[int] = ..., competitor_support: _Optional[_Mapping[str, int]] = ..., coach: _Optional[bool] = ..., veto: _Optional[bool] = ..., owner: _Optional[str] = ..., target_level: _Optional[int] = ..., has_target_level: _Optional[bool] = ..., decision_roles: _Optional[_Iterable[_Union[_person_pb2.DecisionRole, _Mapping]]] = ..., customer_layer: _Optional[_Union[_person_pb2.Layer, str]] = ..., department: _Optional[str] = ..., reports_to: _Optional[str] = ..., outside_org_chart: _Optional[bool] = ...) -> None: ...

class PowerMapEdge(_message.Message):
    __slots__ = ("name", "source", "target", "kind", "archive_record", "influence_kind")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ARCHIVE_RECORD_FIELD_NUMBER: _ClassVar[int]
    INFLUENCE_KIND_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: str
    target: str
    kind: str
    archive_record: str
    influence_kind: _person_pb2.InfluenceKind
    def __init__(self, name: _Optional[str] = ..., source: _Optional[str] = ..., target: _Optional[str] = ..., kind: _Optional[str] = ..., archive_record: _Optional[str] = ..., influence_kind: _Optional[_Union[_person_pb2.InfluenceKind, str]] = ...) -> None: ...

class CoverageGap(_message.Message):
    __slots__ = ("name", "kind", "subject", "detail", "open_time", "scenario")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    OPEN_TIME_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: str
    subject: str
    detail: str
    open_time: _timestamp_pb2.Timestamp
    scenario: str
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[str] = ..., subject: _Optional[str] = ..., detail: _Optional[str] = ..., open_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., scenario: _Optional[str] = ...) -> None: ...

class PowerMap(_message.Message):
    __slots__ = ("name", "persons", "edges", "gaps", "departments")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    EDGES_FIELD_NUMBER: _ClassVar[int]
    GAPS_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    persons: _containers.RepeatedCompositeFieldContainer[PowerMapPerson]
    edges: _containers.RepeatedCompositeFieldContainer[PowerMapEdge]
    gaps: _containers.RepeatedCompositeFieldContainer[CoverageGap]
    departments: _containers.RepeatedCompositeFieldContainer[_person_pb2.Department]
    def __init__(self, name: _Optional[str] = ..., persons: _Optional[_Iterable[_Union[PowerMapPerson, _Mapping]]] = ..., edges: _Optional[_Iterable[_Union[PowerMapEdge, _Mapping]]] = ..., gaps: _Optional[_Iterable[_Union[CoverageGap, _Mapping]]] = ..., departments: _Optional[_Iterable[_Union[_person_pb2.Department, _Mapping]]] = ...) -> None: ...

class Target(_message.Message):
    __slots__ = ("name", "person", "market_goal", "owner", "owner_job_grade", "owner_kpi", "backup", "target_level", "important", "information_channels", "pr_route", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    MARKET_GOAL_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_JOB_GRADE_FIELD_NUMBER: _ClassVar[int]
    OWNER_KPI_FIELD_NUMBER: _ClassVar[int]
    BACKUP_FIELD_NUMBER: _ClassVar[int]
    TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    IMPORTANT_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    PR_ROUTE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    person: str
    market_goal: str
    owner: str
    owner_job_grade: int
    owner_kpi: str
    backup: str
    target_level: int
    important: bool
    information_channels: _containers.RepeatedScalarFieldContainer[str]
    pr_route: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., person: _Optional[str] = ..., market_goal: _Optional[str] = ..., owner: _Optional[str] = ..., owner_job_grade: _Optional[int] = ..., owner_kpi: _Optional[str] = ..., backup: _Optional[str] = ..., target_level: _Optional[int] = ..., important: _Optional[bool] = ..., information_channels: _Optional[_Iterable[str]] = ..., pr_route: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Sponsorship(_message.Message):
    __slots__ = ("name", "target", "sponsor", "sponsor_layer", "project", "consented", "consent_time", "sponsor_org_unit", "sponsor_job_grade")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_LAYER_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    CONSENTED_FIELD_NUMBER: _ClassVar[int]
    CONSENT_TIME_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_JOB_GRADE_FIELD_NUMBER: _ClassVar[int]
    name: str
    target: str
    sponsor: str
    sponsor_layer: str
    project: str
    consented: bool
    consent_time: _timestamp_pb2.Timestamp
    sponsor_org_unit: str
    sponsor_job_grade: int
    def __init__(self, name: _Optional[str] = ..., target: _Optional[str] = ..., sponsor: _Optional[str] = ..., sponsor_layer: _Optional[str] = ..., project: _Optional[str] = ..., consented: _Optional[bool] = ..., consent_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sponsor_org_unit: _Optional[str] = ..., sponsor_job_grade: _Optional[int] = ...) -> None: ...

class SponsorshipShortfall(_message.Message):
    __slots__ = ("manager", "org_unit", "sponsorships", "required")
    MANAGER_FIELD_NUMBER: _ClassVar[int]
    ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    SPONSORSHIPS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    manager: str
    org_unit: str
    sponsorships: int
    required: int
    def __init__(self, manager: _Optional[str] = ..., org_unit: _Optional[str] = ..., sponsorships: _Optional[int] = ..., required: _Optional[int] = ...) -> None: ...

class Commitment(_message.Message):
    __slots__ = ("goal", "metric", "target_value", "due_time")
    GOAL_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TARGET_VALUE_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    goal: str
    metric: str
    target_value: float
    due_time: _timestamp_pb2.Timestamp
    def __init__(self, goal: _Optional[str] = ..., metric: _Optional[str] = ..., target_value: _Optional[float] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExpansionCard(_message.Message):
    __slots__ = ("name", "customer", "person", "owner", "owner_org_unit", "sponsor", "commitment", "actions", "retrospectives", "start_time", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    SPONSOR_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    RETROSPECTIVES_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    person: str
    owner: str
    owner_org_unit: str
    sponsor: str
    commitment: Commitment
    actions: _containers.RepeatedScalarFieldContainer[str]
    retrospectives: _containers.RepeatedCompositeFieldContainer[PlanItem]
    start_time: _timestamp_pb2.Timestamp
    region: str
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., person: _Optional[str] = ..., owner: _Optional[str] = ..., owner_org_unit: _Optional[str] = ..., sponsor: _Optional[str] = ..., commitment: _Optional[_Union[Commitment, _Mapping]] = ..., actions: _Optional[_Iterable[str]] = ..., retrospectives: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., region: _Optional[str] = ...) -> None: ...

class Project(_message.Message):
    __slots__ = ("name", "display_name", "decision_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DECISION_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    decision_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., decision_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BrandActivity(_message.Message):
    __slots__ = ("name", "display_name", "project", "activity_time", "invitees", "days", "budget_units")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_TIME_FIELD_NUMBER: _ClassVar[int]
    INVITEES_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    BUDGET_UNITS_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    project: str
    activity_time: _timestamp_pb2.Timestamp
    invitees: int
    days: int
    budget_units: int
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., project: _Optional[str] = ..., activity_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., invitees: _Optional[int] = ..., days: _Optional[int] = ..., budget_units: _Optional[int] = ...) -> None: ...

class CompetitorAnalysis(_message.Message):
    __slots__ = ("name", "answers", "unanswered", "update_time")
    class AnswersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    UNANSWERED_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    answers: _containers.ScalarMap[str, str]
    unanswered: _containers.RepeatedScalarFieldContainer[str]
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., answers: _Optional[_Mapping[str, str]] = ..., unanswered: _Optional[_Iterable[str]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ObligationStatus(_message.Message):
    __slots__ = ("code", "met", "checked", "reason")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    CHECKED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    code: str
    met: bool
    checked: bool
    reason: str
    def __init__(self, code: _Optional[str] = ..., met: _Optional[bool] = ..., checked: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class Handover(_message.Message):
    __slots__ = ("person", "from_employee", "to_employee", "reason", "handover_time")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    FROM_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    TO_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    HANDOVER_TIME_FIELD_NUMBER: _ClassVar[int]
    person: str
    from_employee: str
    to_employee: str
    reason: str
    handover_time: _timestamp_pb2.Timestamp
    def __init__(self, person: _Optional[str] = ..., from_employee: _Optional[str] = ..., to_employee: _Optional[str] = ..., reason: _Optional[str] = ..., handover_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DecisionChain(_message.Message):
    __slots__ = ("name", "scenario", "nodes", "create_time", "missing_roles", "expected_pattern")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MISSING_ROLES_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_PATTERN_FIELD_NUMBER: _ClassVar[int]
    name: str
    scenario: str
    nodes: _containers.RepeatedCompositeFieldContainer[DecisionChainNode]
    create_time: _timestamp_pb2.Timestamp
    missing_roles: _containers.RepeatedScalarFieldContainer[str]
    expected_pattern: str
    def __init__(self, name: _Optional[str] = ..., scenario: _Optional[str] = ..., nodes: _Optional[_Iterable[_Union[DecisionChainNode, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., missing_roles: _Optional[_Iterable[str]] = ..., expected_pattern: _Optional[str] = ...) -> None: ...

class DecisionChainNode(_message.Message):
    __slots__ = ("person", "role", "hidden")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    person: str
    role: str
    hidden: bool
    def __init__(self, person: _Optional[str] = ..., role: _Optional[str] = ..., hidden: _Optional[bool] = ...) -> None: ...

class RelationshipPlan(_message.Message):
    __slots__ = ("name", "department_coverage", "staff_duties", "org_activities", "activity_plan", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_COVERAGE_FIELD_NUMBER: _ClassVar[int]
    STAFF_DUTIES_FIELD_NUMBER: _ClassVar[int]
    ORG_ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_PLAN_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    department_coverage: _containers.RepeatedCompositeFieldContainer[DepartmentCoverage]
    staff_duties: _containers.RepeatedCompositeFieldContainer[StaffDuty]
    org_activities: _containers.RepeatedCompositeFieldContainer[OrgActivity]
    activity_plan: _containers.RepeatedCompositeFieldContainer[ActivityPlanEntry]
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., department_coverage: _Optional[_Iterable[_Union[DepartmentCoverage, _Mapping]]] = ..., staff_duties: _Optional[_Iterable[_Union[StaffDuty, _Mapping]]] = ..., org_activities: _Optional[_Iterable[_Union[OrgActivity, _Mapping]]] = ..., activity_plan: _Optional[_Iterable[_Union[ActivityPlanEntry, _Mapping]]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class DepartmentCoverage(_message.Message):
    __slots__ = ("department", "contacts_per_quarter", "persons_to_cover")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    CONTACTS_PER_QUARTER_FIELD_NUMBER: _ClassVar[int]
    PERSONS_TO_COVER_FIELD_NUMBER: _ClassVar[int]
    department: str
    contacts_per_quarter: int
    persons_to_cover: int
    def __init__(self, department: _Optional[str] = ..., contacts_per_quarter: _Optional[int] = ..., persons_to_cover: _Optional[int] = ...) -> None: ...

class StaffDuty(_message.Message):
    __slots__ = ("role", "duty")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    role: str
    duty: str
    def __init__(self, role: _Optional[str] = ..., duty: _Optional[str] = ...) -> None: ...

class OrgActivity(_message.Message):
    __slots__ = ("kind", "description", "planned_time")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PLANNED_TIME_FIELD_NUMBER: _ClassVar[int]
    kind: str
    description: str
    planned_time: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[str] = ..., description: _Optional[str] = ..., planned_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ActivityPlanEntry(_message.Message):
    __slots__ = ("level", "description", "persons", "departments")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    level: str
    description: str
    persons: _containers.RepeatedScalarFieldContainer[str]
    departments: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, level: _Optional[str] = ..., description: _Optional[str] = ..., persons: _Optional[_Iterable[str]] = ..., departments: _Optional[_Iterable[str]] = ...) -> None: ...

class DerivedSupport(_message.Message):
    __slots__ = ("name", "levels", "derived_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    DERIVED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    levels: _containers.RepeatedCompositeFieldContainer[DerivedDimensionLevel]
    derived_by: str
    def __init__(self, name: _Optional[str] = ..., levels: _Optional[_Iterable[_Union[DerivedDimensionLevel, _Mapping]]] = ..., derived_by: _Optional[str] = ...) -> None: ...

class DerivedDimensionLevel(_message.Message):
    __slots__ = ("dimension", "level", "citations", "derived_level", "override")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    CITATIONS_FIELD_NUMBER: _ClassVar[int]
    DERIVED_LEVEL_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    level: int
    citations: _containers.RepeatedCompositeFieldContainer[EvidenceCitation]
    derived_level: int
    override: SupportOverride
    def __init__(self, dimension: _Optional[str] = ..., level: _Optional[int] = ..., citations: _Optional[_Iterable[_Union[EvidenceCitation, _Mapping]]] = ..., derived_level: _Optional[int] = ..., override: _Optional[_Union[SupportOverride, _Mapping]] = ...) -> None: ...

class SupportOverride(_message.Message):
    __slots__ = ("dimension", "level", "justification", "author", "create_time", "expire_time")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    level: int
    justification: str
    author: str
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, dimension: _Optional[str] = ..., level: _Optional[int] = ..., justification: _Optional[str] = ..., author: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class EvidenceCitation(_message.Message):
    __slots__ = ("key_event", "occur_time", "impact", "weight")
    KEY_EVENT_FIELD_NUMBER: _ClassVar[int]
    OCCUR_TIME_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    key_event: str
    occur_time: _timestamp_pb2.Timestamp
    impact: int
    weight: float
    def __init__(self, key_event: _Optional[str] = ..., occur_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., impact: _Optional[int] = ..., weight: _Optional[float] = ...) -> None: ...
