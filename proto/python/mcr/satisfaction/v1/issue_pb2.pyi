import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Issue(_message.Message):
    __slots__ = ("name", "customer", "person", "title", "type", "urgency", "state", "sla_due_time", "create_time", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SLA_DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    person: str
    title: str
    type: str
    urgency: str
    state: str
    sla_due_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    region: str
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., person: _Optional[str] = ..., title: _Optional[str] = ..., type: _Optional[str] = ..., urgency: _Optional[str] = ..., state: _Optional[str] = ..., sla_due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., region: _Optional[str] = ...) -> None: ...

class IssueDetail(_message.Message):
    __slots__ = ("issue", "source", "valid", "major", "key_person", "submitter", "acceptor", "receiver", "owner", "level", "escalation_count", "escalation_reason", "distribution_count", "case_reference", "plan", "customer_consent", "in_contract", "response_due_time", "response_time", "resolve_time", "close_time", "resolution", "revisits", "qa_tracebacks", "breached_slas", "care_representative", "etag")
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    MAJOR_FIELD_NUMBER: _ClassVar[int]
    KEY_PERSON_FIELD_NUMBER: _ClassVar[int]
    SUBMITTER_FIELD_NUMBER: _ClassVar[int]
    ACCEPTOR_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_REASON_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CONSENT_FIELD_NUMBER: _ClassVar[int]
    IN_CONTRACT_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    REVISITS_FIELD_NUMBER: _ClassVar[int]
    QA_TRACEBACKS_FIELD_NUMBER: _ClassVar[int]
    BREACHED_SLAS_FIELD_NUMBER: _ClassVar[int]
    CARE_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    issue: Issue
    source: str
    valid: bool
    major: bool
    key_person: bool
    submitter: str
    acceptor: str
    receiver: str
    owner: str
    level: str
    escalation_count: int
    escalation_reason: str
    distribution_count: int
    case_reference: str
    plan: str
    customer_consent: bool
    in_contract: bool
    response_due_time: _timestamp_pb2.Timestamp
    response_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    resolution: str
    revisits: _containers.RepeatedCompositeFieldContainer[IssueRevisit]
    qa_tracebacks: _containers.RepeatedCompositeFieldContainer[QaTraceback]
    breached_slas: _containers.RepeatedScalarFieldContainer[str]
    care_representative: str
    etag: str
    def __init__(self, issue: _Optional[_Union[Issue, _Mapping]] = ..., source: _Optional[str] = ..., valid: _Optional[bool] = ..., major: _Optional[bool] = ..., key_person: _Optional[bool] = ..., submitter: _Optional[str] = ..., acceptor: _Optional[str] = ..., receiver: _Optional[str] = ..., owner: _Optional[str] = ..., level: _Optional[str] = ..., escalation_count: _Optional[int] = ..., escalation_reason: _Optional[str] = ..., distribution_count: _Optional[int] = ..., case_reference: _Optional[str] = ..., plan: _Optional[str] = ..., customer_consent: _Optional[bool] = ..., in_contract: _Optional[bool] = ..., response_due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., response_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolution: _Optional[str] = ..., revisits: _Optional[_Iterable[_Union[IssueRevisit, _Mapping]]] = ..., qa_tracebacks: _Optional[_Iterable[_Union[QaTraceback, _Mapping]]] = ..., breached_slas: _Optional[_Iterable[str]] = ..., care_representative: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class IssueRevisit(_message.Message):
    __slots__ = ("contact", "score", "comment", "revisited_by", "revisit_time")
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    REVISITED_BY_FIELD_NUMBER: _ClassVar[int]
    REVISIT_TIME_FIELD_NUMBER: _ClassVar[int]
    contact: str
    score: int
    comment: str
    revisited_by: str
    revisit_time: _timestamp_pb2.Timestamp
    def __init__(self, contact: _Optional[str] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ..., revisited_by: _Optional[str] = ..., revisit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QaTraceback(_message.Message):
    __slots__ = ("accountable", "finding", "traced_by", "trace_time")
    ACCOUNTABLE_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    TRACED_BY_FIELD_NUMBER: _ClassVar[int]
    TRACE_TIME_FIELD_NUMBER: _ClassVar[int]
    accountable: str
    finding: str
    traced_by: str
    trace_time: _timestamp_pb2.Timestamp
    def __init__(self, accountable: _Optional[str] = ..., finding: _Optional[str] = ..., traced_by: _Optional[str] = ..., trace_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
