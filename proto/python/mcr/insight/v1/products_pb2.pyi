import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InformationProductKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INFORMATION_PRODUCT_KIND_UNSPECIFIED: _ClassVar[InformationProductKind]
    INFORMATION_PRODUCT_KIND_CUSTOMER_ANALYSIS_REPORT: _ClassVar[InformationProductKind]
    INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF: _ClassVar[InformationProductKind]
    INFORMATION_PRODUCT_KIND_CEO_CHANGE_REPORT: _ClassVar[InformationProductKind]
    INFORMATION_PRODUCT_KIND_FINANCIAL_ANALYSIS_REPORT: _ClassVar[InformationProductKind]
INFORMATION_PRODUCT_KIND_UNSPECIFIED: InformationProductKind
INFORMATION_PRODUCT_KIND_CUSTOMER_ANALYSIS_REPORT: InformationProductKind
INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF: InformationProductKind
INFORMATION_PRODUCT_KIND_CEO_CHANGE_REPORT: InformationProductKind
INFORMATION_PRODUCT_KIND_FINANCIAL_ANALYSIS_REPORT: InformationProductKind

class Commission(_message.Message):
    __slots__ = ("department", "grantees")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    GRANTEES_FIELD_NUMBER: _ClassVar[int]
    department: str
    grantees: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, department: _Optional[str] = ..., grantees: _Optional[_Iterable[str]] = ...) -> None: ...

class InformationProduct(_message.Message):
    __slots__ = ("name", "kind", "title", "body", "classification", "commission", "author", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    COMMISSION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: InformationProductKind
    title: str
    body: str
    classification: str
    commission: Commission
    author: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[InformationProductKind, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., classification: _Optional[str] = ..., commission: _Optional[_Union[Commission, _Mapping]] = ..., author: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
