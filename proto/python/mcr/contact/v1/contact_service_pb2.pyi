import datetime

from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from mcr.contact.v1 import contact_pb2 as _contact_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LogActivityRequest(_message.Message):
    __slots__ = ("activity", "request_id")
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    activity: _contact_pb2.Activity
    request_id: str
    def __init__(self, activity: _Optional[_Union[_contact_pb2.Activity, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetActivityRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListActivitiesRequest(_message.Message):
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

class ListActivitiesResponse(_message.Message):
    __slots__ = ("activities", "next_page_token")
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    activities: _containers.RepeatedCompositeFieldContainer[_contact_pb2.Activity]
    next_page_token: str
    def __init__(self, activities: _Optional[_Iterable[_Union[_contact_pb2.Activity, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CompleteActivityRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CloseActivityRequest(_message.Message):
    __slots__ = ("name", "summary", "closed_issue_titles")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ISSUE_TITLES_FIELD_NUMBER: _ClassVar[int]
    name: str
    summary: str
    closed_issue_titles: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., summary: _Optional[str] = ..., closed_issue_titles: _Optional[_Iterable[str]] = ...) -> None: ...

class ListActivityTypesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListActivityTypesResponse(_message.Message):
    __slots__ = ("activity_types",)
    ACTIVITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    activity_types: _containers.RepeatedCompositeFieldContainer[_contact_pb2.ActivityType]
    def __init__(self, activity_types: _Optional[_Iterable[_Union[_contact_pb2.ActivityType, _Mapping]]] = ...) -> None: ...

class RecordKeyEventRequest(_message.Message):
    __slots__ = ("parent", "key_event", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    KEY_EVENT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    key_event: _contact_pb2.KeyEvent
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., key_event: _Optional[_Union[_contact_pb2.KeyEvent, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class TrackPersonRequest(_message.Message):
    __slots__ = ("person_cadence",)
    PERSON_CADENCE_FIELD_NUMBER: _ClassVar[int]
    person_cadence: _contact_pb2.PersonCadence
    def __init__(self, person_cadence: _Optional[_Union[_contact_pb2.PersonCadence, _Mapping]] = ...) -> None: ...

class GetPersonCadenceRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListDueContactsRequest(_message.Message):
    __slots__ = ("owner", "day")
    OWNER_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    owner: str
    day: _timestamp_pb2.Timestamp
    def __init__(self, owner: _Optional[str] = ..., day: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListDueContactsResponse(_message.Message):
    __slots__ = ("due_contacts", "coverage", "visit_share")
    DUE_CONTACTS_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    VISIT_SHARE_FIELD_NUMBER: _ClassVar[int]
    due_contacts: _containers.RepeatedCompositeFieldContainer[_contact_pb2.DueContact]
    coverage: _containers.RepeatedCompositeFieldContainer[_contact_pb2.Coverage]
    visit_share: _contact_pb2.VisitShare
    def __init__(self, due_contacts: _Optional[_Iterable[_Union[_contact_pb2.DueContact, _Mapping]]] = ..., coverage: _Optional[_Iterable[_Union[_contact_pb2.Coverage, _Mapping]]] = ..., visit_share: _Optional[_Union[_contact_pb2.VisitShare, _Mapping]] = ...) -> None: ...

class ListRemindersRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRemindersResponse(_message.Message):
    __slots__ = ("reminders", "next_page_token")
    REMINDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    reminders: _containers.RepeatedCompositeFieldContainer[_contact_pb2.Reminder]
    next_page_token: str
    def __init__(self, reminders: _Optional[_Iterable[_Union[_contact_pb2.Reminder, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateKeyDateRequest(_message.Message):
    __slots__ = ("parent", "key_date")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    KEY_DATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    key_date: _contact_pb2.KeyDate
    def __init__(self, parent: _Optional[str] = ..., key_date: _Optional[_Union[_contact_pb2.KeyDate, _Mapping]] = ...) -> None: ...

class ListKeyDatesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListKeyDatesResponse(_message.Message):
    __slots__ = ("key_dates", "next_page_token")
    KEY_DATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    key_dates: _containers.RepeatedCompositeFieldContainer[_contact_pb2.KeyDate]
    next_page_token: str
    def __init__(self, key_dates: _Optional[_Iterable[_Union[_contact_pb2.KeyDate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateKeyDateRequest(_message.Message):
    __slots__ = ("key_date", "update_mask")
    KEY_DATE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    key_date: _contact_pb2.KeyDate
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, key_date: _Optional[_Union[_contact_pb2.KeyDate, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteKeyDateRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class SuggestPlaybookRequest(_message.Message):
    __slots__ = ("person", "support_level")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    person: str
    support_level: int
    def __init__(self, person: _Optional[str] = ..., support_level: _Optional[int] = ...) -> None: ...

class GetLifecycleGuideRequest(_message.Message):
    __slots__ = ("opportunity",)
    OPPORTUNITY_FIELD_NUMBER: _ClassVar[int]
    opportunity: str
    def __init__(self, opportunity: _Optional[str] = ...) -> None: ...

class GetLifecycleGuideResponse(_message.Message):
    __slots__ = ("stages",)
    STAGES_FIELD_NUMBER: _ClassVar[int]
    stages: _containers.RepeatedCompositeFieldContainer[_contact_pb2.LifecycleStageGuide]
    def __init__(self, stages: _Optional[_Iterable[_Union[_contact_pb2.LifecycleStageGuide, _Mapping]]] = ...) -> None: ...

class GetVisitBriefingRequest(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: str
    def __init__(self, customer: _Optional[str] = ...) -> None: ...
