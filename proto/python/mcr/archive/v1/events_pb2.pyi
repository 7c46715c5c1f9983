from google.protobuf import field_mask_pb2 as _field_mask_pb2
from mcr.archive.v1 import customer_pb2 as _customer_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CustomerCreated(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ...) -> None: ...

class CustomerUpdated(_message.Message):
    __slots__ = ("customer", "changed_fields")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    changed_fields: _field_mask_pb2.FieldMask
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., changed_fields: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class CustomerDeleted(_message.Message):
    __slots__ = ("name", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...
