import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.archive.v1 import archive_service_pb2 as _archive_service_pb2
from mcr.archive.v1 import profile_pb2 as _profile_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetCustomerProfileRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateCustomerProfileRequest(_message.Message):
    __slots__ = ("customer_profile", "update_mask")
    CUSTOMER_PROFILE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    customer_profile: _profile_pb2.CustomerProfile
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, customer_profile: _Optional[_Union[_profile_pb2.CustomerProfile, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class GetVendorProfileRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateVendorProfileRequest(_message.Message):
    __slots__ = ("vendor_profile", "update_mask")
    VENDOR_PROFILE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    vendor_profile: _profile_pb2.VendorProfile
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, vendor_profile: _Optional[_Union[_profile_pb2.VendorProfile, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class SubmitProfileRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ReviewProfileRequest(_message.Message):
    __slots__ = ("name", "etag", "verdict", "comments")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    verdict: _profile_pb2.ReviewVerdict
    comments: _containers.RepeatedCompositeFieldContainer[_profile_pb2.ReviewComment]
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., verdict: _Optional[_Union[_profile_pb2.ReviewVerdict, str]] = ..., comments: _Optional[_Iterable[_Union[_profile_pb2.ReviewComment, _Mapping]]] = ...) -> None: ...

class ListProfileReviewsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListProfileReviewsResponse(_message.Message):
    __slots__ = ("reviews",)
    REVIEWS_FIELD_NUMBER: _ClassVar[int]
    reviews: _containers.RepeatedCompositeFieldContainer[_profile_pb2.ProfileReview]
    def __init__(self, reviews: _Optional[_Iterable[_Union[_profile_pb2.ProfileReview, _Mapping]]] = ...) -> None: ...

class ListProfileVersionsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListProfileVersionsResponse(_message.Message):
    __slots__ = ("versions", "next_page_token")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[_profile_pb2.ProfileVersion]
    next_page_token: str
    def __init__(self, versions: _Optional[_Iterable[_Union[_profile_pb2.ProfileVersion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetProfileVersionRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListProfileHistoryRequest(_message.Message):
    __slots__ = ("name", "as_of", "page_size", "page_token")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    name: str
    as_of: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    def __init__(self, name: _Optional[str] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetProfileCompletenessRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetBusinessNetworkSchemaRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...
