import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TeamRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEAM_ROLE_UNSPECIFIED: _ClassVar[TeamRole]
    TEAM_ROLE_CUSTOMER_MANAGER: _ClassVar[TeamRole]
    TEAM_ROLE_PRODUCT_MANAGER: _ClassVar[TeamRole]
    TEAM_ROLE_DELIVERY_MANAGER: _ClassVar[TeamRole]
    TEAM_ROLE_SOLUTION_MANAGER: _ClassVar[TeamRole]
    TEAM_ROLE_SERVICE_MANAGER: _ClassVar[TeamRole]
TEAM_ROLE_UNSPECIFIED: TeamRole
TEAM_ROLE_CUSTOMER_MANAGER: TeamRole
TEAM_ROLE_PRODUCT_MANAGER: TeamRole
TEAM_ROLE_DELIVERY_MANAGER: TeamRole
TEAM_ROLE_SOLUTION_MANAGER: TeamRole
TEAM_ROLE_SERVICE_MANAGER: TeamRole

class AccountTeam(_message.Message):
    __slots__ = ("name", "members", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    members: _containers.RepeatedCompositeFieldContainer[AccountTeamMember]
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., members: _Optional[_Iterable[_Union[AccountTeamMember, _Mapping]]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class AccountTeamMember(_message.Message):
    __slots__ = ("employee", "role", "backup_for", "paired_persons")
    EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BACKUP_FOR_FIELD_NUMBER: _ClassVar[int]
    PAIRED_PERSONS_FIELD_NUMBER: _ClassVar[int]
    employee: str
    role: TeamRole
    backup_for: str
    paired_persons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, employee: _Optional[str] = ..., role: _Optional[_Union[TeamRole, str]] = ..., backup_for: _Optional[str] = ..., paired_persons: _Optional[_Iterable[str]] = ...) -> None: ...
