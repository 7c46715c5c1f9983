import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Layer(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LAYER_UNSPECIFIED: _ClassVar[Layer]
    LAYER_SENIOR: _ClassVar[Layer]
    LAYER_MIDDLE: _ClassVar[Layer]
    LAYER_GRASSROOTS: _ClassVar[Layer]

class DecisionRoleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DECISION_ROLE_KIND_UNSPECIFIED: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_INITIATOR: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_USER: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_INFLUENCER: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_DECIDER: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_APPROVER: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_BUYER: _ClassVar[DecisionRoleKind]
    DECISION_ROLE_KIND_GATEKEEPER: _ClassVar[DecisionRoleKind]

class InfluenceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INFLUENCE_KIND_UNSPECIFIED: _ClassVar[InfluenceKind]
    INFLUENCE_KIND_CONFIDANT: _ClassVar[InfluenceKind]
    INFLUENCE_KIND_CONFLICT: _ClassVar[InfluenceKind]

class InfluenceDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INFLUENCE_DIRECTION_UNSPECIFIED: _ClassVar[InfluenceDirection]
    INFLUENCE_DIRECTION_ONE_WAY: _ClassVar[InfluenceDirection]
    INFLUENCE_DIRECTION_MUTUAL: _ClassVar[InfluenceDirection]
LAYER_UNSPECIFIED: Layer
LAYER_SENIOR: Layer
LAYER_MIDDLE: Layer
LAYER_GRASSROOTS: Layer
DECISION_ROLE_KIND_UNSPECIFIED: DecisionRoleKind
DECISION_ROLE_KIND_INITIATOR: DecisionRoleKind
DECISION_ROLE_KIND_USER: DecisionRoleKind
DECISION_ROLE_KIND_INFLUENCER: DecisionRoleKind
DECISION_ROLE_KIND_DECIDER: DecisionRoleKind
DECISION_ROLE_KIND_APPROVER: DecisionRoleKind
DECISION_ROLE_KIND_BUYER: DecisionRoleKind
DECISION_ROLE_KIND_GATEKEEPER: DecisionRoleKind
INFLUENCE_KIND_UNSPECIFIED: InfluenceKind
INFLUENCE_KIND_CONFIDANT: InfluenceKind
INFLUENCE_KIND_CONFLICT: InfluenceKind
INFLUENCE_DIRECTION_UNSPECIFIED: InfluenceDirection
INFLUENCE_DIRECTION_ONE_WAY: InfluenceDirection
INFLUENCE_DIRECTION_MUTUAL: InfluenceDirection

class Department(_message.Message):
    __slots__ = ("name", "display_name", "parent_department", "create_time", "update_time", "etag", "covering_employee")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    COVERING_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    parent_department: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    covering_employee: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., parent_department: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., covering_employee: _Optional[str] = ...) -> None: ...

class Person(_message.Message):
    __slots__ = ("name", "display_name", "title", "department", "layer", "owner", "veto_holder", "rising_star", "retired", "create_time", "update_time", "etag", "decision_roles", "reports_to", "outside_org_chart", "individual", "moved_to")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    LAYER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    VETO_HOLDER_FIELD_NUMBER: _ClassVar[int]
    RISING_STAR_FIELD_NUMBER: _ClassVar[int]
    RETIRED_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    DECISION_ROLES_FIELD_NUMBER: _ClassVar[int]
    REPORTS_TO_FIELD_NUMBER: _ClassVar[int]
    OUTSIDE_ORG_CHART_FIELD_NUMBER: _ClassVar[int]
    INDIVIDUAL_FIELD_NUMBER: _ClassVar[int]
    MOVED_TO_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    title: str
    department: str
    layer: Layer
    owner: str
    veto_holder: bool
    rising_star: bool
    retired: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    decision_roles: _containers.RepeatedCompositeFieldContainer[DecisionRole]
    reports_to: str
    outside_org_chart: bool
    individual: str
    moved_to: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., title: _Optional[str] = ..., department: _Optional[str] = ..., layer: _Optional[_Union[Layer, str]] = ..., owner: _Optional[str] = ..., veto_holder: _Optional[bool] = ..., rising_star: _Optional[bool] = ..., retired: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., decision_roles: _Optional[_Iterable[_Union[DecisionRole, _Mapping]]] = ..., reports_to: _Optional[str] = ..., outside_org_chart: _Optional[bool] = ..., individual: _Optional[str] = ..., moved_to: _Optional[str] = ...) -> None: ...

class DecisionRole(_message.Message):
    __slots__ = ("scenario", "role")
    SCENARIO_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    scenario: str
    role: DecisionRoleKind
    def __init__(self, scenario: _Optional[str] = ..., role: _Optional[_Union[DecisionRoleKind, str]] = ...) -> None: ...

class InfluenceLink(_message.Message):
    __slots__ = ("name", "source", "target", "kind", "direction", "strength", "note", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: str
    target: str
    kind: InfluenceKind
    direction: InfluenceDirection
    strength: int
    note: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., source: _Optional[str] = ..., target: _Optional[str] = ..., kind: _Optional[_Union[InfluenceKind, str]] = ..., direction: _Optional[_Union[InfluenceDirection, str]] = ..., strength: _Optional[int] = ..., note: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PersonMove(_message.Message):
    __slots__ = ("person", "previous_person", "previous_department", "department", "previous_region", "region", "previous_owner", "owner", "territory_case", "actor", "move_time")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_PERSON_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_REGION_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    TERRITORY_CASE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    MOVE_TIME_FIELD_NUMBER: _ClassVar[int]
    person: str
    previous_person: str
    previous_department: str
    department: str
    previous_region: str
    region: str
    previous_owner: str
    owner: str
    territory_case: str
    actor: str
    move_time: _timestamp_pb2.Timestamp
    def __init__(self, person: _Optional[str] = ..., previous_person: _Optional[str] = ..., previous_department: _Optional[str] = ..., department: _Optional[str] = ..., previous_region: _Optional[str] = ..., region: _Optional[str] = ..., previous_owner: _Optional[str] = ..., owner: _Optional[str] = ..., territory_case: _Optional[str] = ..., actor: _Optional[str] = ..., move_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
