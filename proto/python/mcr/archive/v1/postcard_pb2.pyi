import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NeedCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NEED_CATEGORY_UNSPECIFIED: _ClassVar[NeedCategory]
    NEED_CATEGORY_PERSONAL: _ClassVar[NeedCategory]
    NEED_CATEGORY_CAREER: _ClassVar[NeedCategory]

class MaslowLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MASLOW_LEVEL_UNSPECIFIED: _ClassVar[MaslowLevel]
    MASLOW_LEVEL_PHYSIOLOGICAL: _ClassVar[MaslowLevel]
    MASLOW_LEVEL_SAFETY: _ClassVar[MaslowLevel]
    MASLOW_LEVEL_SOCIAL: _ClassVar[MaslowLevel]
    MASLOW_LEVEL_ESTEEM: _ClassVar[MaslowLevel]
    MASLOW_LEVEL_SELF_ACTUALISATION: _ClassVar[MaslowLevel]
NEED_CATEGORY_UNSPECIFIED: NeedCategory
NEED_CATEGORY_PERSONAL: NeedCategory
NEED_CATEGORY_CAREER: NeedCategory
MASLOW_LEVEL_UNSPECIFIED: MaslowLevel
MASLOW_LEVEL_PHYSIOLOGICAL: MaslowLevel
MASLOW_LEVEL_SAFETY: MaslowLevel
MASLOW_LEVEL_SOCIAL: MaslowLevel
MASLOW_LEVEL_ESTEEM: MaslowLevel
MASLOW_LEVEL_SELF_ACTUALISATION: MaslowLevel

class Postcard(_message.Message):
    __slots__ = ("name", "education", "hobbies", "career_history", "needs", "home_address", "family", "religion", "taboos", "sensitive_withheld", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EDUCATION_FIELD_NUMBER: _ClassVar[int]
    HOBBIES_FIELD_NUMBER: _ClassVar[int]
    CAREER_HISTORY_FIELD_NUMBER: _ClassVar[int]
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    HOME_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    RELIGION_FIELD_NUMBER: _ClassVar[int]
    TABOOS_FIELD_NUMBER: _ClassVar[int]
    SENSITIVE_WITHHELD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    education: str
    hobbies: str
    career_history: _containers.RepeatedCompositeFieldContainer[CareerStep]
    needs: _containers.RepeatedCompositeFieldContainer[Need]
    home_address: str
    family: str
    religion: str
    taboos: str
    sensitive_withheld: bool
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., education: _Optional[str] = ..., hobbies: _Optional[str] = ..., career_history: _Optional[_Iterable[_Union[CareerStep, _Mapping]]] = ..., needs: _Optional[_Iterable[_Union[Need, _Mapping]]] = ..., home_address: _Optional[str] = ..., family: _Optional[str] = ..., religion: _Optional[str] = ..., taboos: _Optional[str] = ..., sensitive_withheld: _Optional[bool] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CareerStep(_message.Message):
    __slots__ = ("organisation", "position", "start_year", "end_year", "reason")
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    START_YEAR_FIELD_NUMBER: _ClassVar[int]
    END_YEAR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    position: str
    start_year: int
    end_year: int
    reason: str
    def __init__(self, organisation: _Optional[str] = ..., position: _Optional[str] = ..., start_year: _Optional[int] = ..., end_year: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class Need(_message.Message):
    __slots__ = ("description", "category", "maslow_level", "implicit", "bullseye", "sensitive")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MASLOW_LEVEL_FIELD_NUMBER: _ClassVar[int]
    IMPLICIT_FIELD_NUMBER: _ClassVar[int]
    BULLSEYE_FIELD_NUMBER: _ClassVar[int]
    SENSITIVE_FIELD_NUMBER: _ClassVar[int]
    description: str
    category: NeedCategory
    maslow_level: MaslowLevel
    implicit: bool
    bullseye: bool
    sensitive: bool
    def __init__(self, description: _Optional[str] = ..., category: _Optional[_Union[NeedCategory, str]] = ..., maslow_level: _Optional[_Union[MaslowLevel, str]] = ..., implicit: _Optional[bool] = ..., bullseye: _Optional[bool] = ..., sensitive: _Optional[bool] = ...) -> None: ...
