import datetime

from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.archive.v1 import account_team_pb2 as _account_team_pb2
from mcr.archive.v1 import customer_pb2 as _customer_pb2
from mcr.archive.v1 import employee_pb2 as _employee_pb2
from mcr.archive.v1 import person_pb2 as _person_pb2
from mcr.archive.v1 import postcard_pb2 as _postcard_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from mcr.common.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RecordKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORD_KIND_UNSPECIFIED: _ClassVar[RecordKind]
    RECORD_KIND_CUSTOMERS: _ClassVar[RecordKind]
    RECORD_KIND_PERSONS: _ClassVar[RecordKind]
    RECORD_KIND_DEPARTMENTS: _ClassVar[RecordKind]
    RECORD_KIND_EMPLOYEES: _ClassVar[RecordKind]
RECORD_KIND_UNSPECIFIED: RecordKind
RECORD_KIND_CUSTOMERS: RecordKind
RECORD_KIND_PERSONS: RecordKind
RECORD_KIND_DEPARTMENTS: RecordKind
RECORD_KIND_EMPLOYEES: RecordKind

class GetCustomerRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListCustomersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListCustomersResponse(_message.Message):
    __slots__ = ("customers", "next_page_token")
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    customers: _containers.RepeatedCompositeFieldContainer[_customer_pb2.Customer]
    next_page_token: str
    def __init__(self, customers: _Optional[_Iterable[_Union[_customer_pb2.Customer, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateCustomerRequest(_message.Message):
    __slots__ = ("customer", "request_id")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    request_id: str
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateCustomerRequest(_message.Message):
    __slots__ = ("customer", "update_mask")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteCustomerRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class GetEmployeeRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListEmployeesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEmployeesResponse(_message.Message):
    __slots__ = ("employees", "next_page_token")
    EMPLOYEES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    employees: _containers.RepeatedCompositeFieldContainer[_employee_pb2.Employee]
    next_page_token: str
    def __init__(self, employees: _Optional[_Iterable[_Union[_employee_pb2.Employee, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateEmployeeRequest(_message.Message):
    __slots__ = ("employee", "update_mask")
    EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    employee: _employee_pb2.Employee
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, employee: _Optional[_Union[_employee_pb2.Employee, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class TransferPortfolioRequest(_message.Message):
    __slots__ = ("from_employee", "to_employee", "reason")
    FROM_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    TO_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    from_employee: str
    to_employee: str
    reason: str
    def __init__(self, from_employee: _Optional[str] = ..., to_employee: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TransferPortfolioResponse(_message.Message):
    __slots__ = ("customers", "persons")
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    customers: _containers.RepeatedScalarFieldContainer[str]
    persons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, customers: _Optional[_Iterable[str]] = ..., persons: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateDepartmentRequest(_message.Message):
    __slots__ = ("parent", "department", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    department: _person_pb2.Department
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., department: _Optional[_Union[_person_pb2.Department, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class ListDepartmentsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListDepartmentsResponse(_message.Message):
    __slots__ = ("departments",)
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    departments: _containers.RepeatedCompositeFieldContainer[_person_pb2.Department]
    def __init__(self, departments: _Optional[_Iterable[_Union[_person_pb2.Department, _Mapping]]] = ...) -> None: ...

class UpdateDepartmentRequest(_message.Message):
    __slots__ = ("department", "update_mask")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    department: _person_pb2.Department
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, department: _Optional[_Union[_person_pb2.Department, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteDepartmentRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetPersonRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListPersonsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPersonsResponse(_message.Message):
    __slots__ = ("persons", "next_page_token")
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    persons: _containers.RepeatedCompositeFieldContainer[_person_pb2.Person]
    next_page_token: str
    def __init__(self, persons: _Optional[_Iterable[_Union[_person_pb2.Person, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreatePersonRequest(_message.Message):
    __slots__ = ("parent", "person", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    person: _person_pb2.Person
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., person: _Optional[_Union[_person_pb2.Person, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdatePersonRequest(_message.Message):
    __slots__ = ("person", "update_mask")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    person: _person_pb2.Person
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, person: _Optional[_Union[_person_pb2.Person, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeletePersonRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ListFieldHistoryRequest(_message.Message):
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

class FieldChange(_message.Message):
    __slots__ = ("field", "old_value", "new_value", "actor", "change_time")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    OLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    NEW_VALUE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    field: str
    old_value: str
    new_value: str
    actor: str
    change_time: _timestamp_pb2.Timestamp
    def __init__(self, field: _Optional[str] = ..., old_value: _Optional[str] = ..., new_value: _Optional[str] = ..., actor: _Optional[str] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListFieldHistoryResponse(_message.Message):
    __slots__ = ("changes", "next_page_token", "values")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[FieldChange]
    next_page_token: str
    values: _containers.ScalarMap[str, str]
    def __init__(self, changes: _Optional[_Iterable[_Union[FieldChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., values: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetPostcardRequest(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdatePostcardRequest(_message.Message):
    __slots__ = ("postcard", "update_mask")
    POSTCARD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    postcard: _postcard_pb2.Postcard
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, postcard: _Optional[_Union[_postcard_pb2.Postcard, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class ListSensitiveReadsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class SensitiveRead(_message.Message):
    __slots__ = ("reader", "fields", "reason", "read_time")
    READER_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    READ_TIME_FIELD_NUMBER: _ClassVar[int]
    reader: str
    fields: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    read_time: _timestamp_pb2.Timestamp
    def __init__(self, reader: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., read_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListSensitiveReadsResponse(_message.Message):
    __slots__ = ("reads",)
    READS_FIELD_NUMBER: _ClassVar[int]
    reads: _containers.RepeatedCompositeFieldContainer[SensitiveRead]
    def __init__(self, reads: _Optional[_Iterable[_Union[SensitiveRead, _Mapping]]] = ...) -> None: ...

class GetAccountTeamRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateAccountTeamRequest(_message.Message):
    __slots__ = ("account_team",)
    ACCOUNT_TEAM_FIELD_NUMBER: _ClassVar[int]
    account_team: _account_team_pb2.AccountTeam
    def __init__(self, account_team: _Optional[_Union[_account_team_pb2.AccountTeam, _Mapping]] = ...) -> None: ...

class RateCreditRequest(_message.Message):
    __slots__ = ("name", "rating", "cause", "note")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    name: str
    rating: str
    cause: _customer_pb2.CreditEventCause
    note: str
    def __init__(self, name: _Optional[str] = ..., rating: _Optional[str] = ..., cause: _Optional[_Union[_customer_pb2.CreditEventCause, str]] = ..., note: _Optional[str] = ...) -> None: ...

class CreditRatingChange(_message.Message):
    __slots__ = ("previous_rating", "rating", "cause", "note", "actor", "change_time")
    PREVIOUS_RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    previous_rating: str
    rating: str
    cause: _customer_pb2.CreditEventCause
    note: str
    actor: str
    change_time: _timestamp_pb2.Timestamp
    def __init__(self, previous_rating: _Optional[str] = ..., rating: _Optional[str] = ..., cause: _Optional[_Union[_customer_pb2.CreditEventCause, str]] = ..., note: _Optional[str] = ..., actor: _Optional[str] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListCreditHistoryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListCreditHistoryResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[CreditRatingChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[CreditRatingChange, _Mapping]]] = ...) -> None: ...

class YearlyRevenue(_message.Message):
    __slots__ = ("customer", "year", "amount")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    customer: str
    year: int
    amount: _money_pb2.Money
    def __init__(self, customer: _Optional[str] = ..., year: _Optional[int] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class RecordYearlyRevenueRequest(_message.Message):
    __slots__ = ("revenue",)
    REVENUE_FIELD_NUMBER: _ClassVar[int]
    revenue: YearlyRevenue
    def __init__(self, revenue: _Optional[_Union[YearlyRevenue, _Mapping]] = ...) -> None: ...

class ListYearlyRevenueRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListYearlyRevenueResponse(_message.Message):
    __slots__ = ("years",)
    YEARS_FIELD_NUMBER: _ClassVar[int]
    years: _containers.RepeatedCompositeFieldContainer[YearlyRevenue]
    def __init__(self, years: _Optional[_Iterable[_Union[YearlyRevenue, _Mapping]]] = ...) -> None: ...

class CreateInfluenceLinkRequest(_message.Message):
    __slots__ = ("parent", "influence_link")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INFLUENCE_LINK_FIELD_NUMBER: _ClassVar[int]
    parent: str
    influence_link: _person_pb2.InfluenceLink
    def __init__(self, parent: _Optional[str] = ..., influence_link: _Optional[_Union[_person_pb2.InfluenceLink, _Mapping]] = ...) -> None: ...

class ListInfluenceLinksRequest(_message.Message):
    __slots__ = ("parent", "person")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    parent: str
    person: str
    def __init__(self, parent: _Optional[str] = ..., person: _Optional[str] = ...) -> None: ...

class ListInfluenceLinksResponse(_message.Message):
    __slots__ = ("influence_links",)
    INFLUENCE_LINKS_FIELD_NUMBER: _ClassVar[int]
    influence_links: _containers.RepeatedCompositeFieldContainer[_person_pb2.InfluenceLink]
    def __init__(self, influence_links: _Optional[_Iterable[_Union[_person_pb2.InfluenceLink, _Mapping]]] = ...) -> None: ...

class DeleteInfluenceLinkRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class MovePersonRequest(_message.Message):
    __slots__ = ("name", "department", "customer", "title", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    department: str
    customer: str
    title: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., department: _Optional[str] = ..., customer: _Optional[str] = ..., title: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListPersonMovesRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListPersonMovesResponse(_message.Message):
    __slots__ = ("moves",)
    MOVES_FIELD_NUMBER: _ClassVar[int]
    moves: _containers.RepeatedCompositeFieldContainer[_person_pb2.PersonMove]
    def __init__(self, moves: _Optional[_Iterable[_Union[_person_pb2.PersonMove, _Mapping]]] = ...) -> None: ...

class ListPersonContextsRequest(_message.Message):
    __slots__ = ("individual",)
    INDIVIDUAL_FIELD_NUMBER: _ClassVar[int]
    individual: str
    def __init__(self, individual: _Optional[str] = ...) -> None: ...

class ListPersonContextsResponse(_message.Message):
    __slots__ = ("persons",)
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    persons: _containers.RepeatedCompositeFieldContainer[_person_pb2.Person]
    def __init__(self, persons: _Optional[_Iterable[_Union[_person_pb2.Person, _Mapping]]] = ...) -> None: ...

class SearchCustomersRequest(_message.Message):
    __slots__ = ("query", "industry", "region", "tier", "owner", "page_size", "page_token")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    query: str
    industry: str
    region: str
    tier: str
    owner: str
    page_size: int
    page_token: str
    def __init__(self, query: _Optional[str] = ..., industry: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., owner: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchCustomersResponse(_message.Message):
    __slots__ = ("customers", "next_page_token")
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    customers: _containers.RepeatedCompositeFieldContainer[_customer_pb2.Customer]
    next_page_token: str
    def __init__(self, customers: _Optional[_Iterable[_Union[_customer_pb2.Customer, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SearchPersonsRequest(_message.Message):
    __slots__ = ("query", "industry", "region", "tier", "owner", "page_size", "page_token")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    query: str
    industry: str
    region: str
    tier: str
    owner: str
    page_size: int
    page_token: str
    def __init__(self, query: _Optional[str] = ..., industry: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., owner: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchPersonsResponse(_message.Message):
    __slots__ = ("persons", "next_page_token")
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    persons: _containers.RepeatedCompositeFieldContainer[_person_pb2.Person]
    next_page_token: str
    def __init__(self, persons: _Optional[_Iterable[_Union[_person_pb2.Person, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ImportRow(_message.Message):
    __slots__ = ("row", "values")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ROW_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    row: int
    values: _containers.ScalarMap[str, str]
    def __init__(self, row: _Optional[int] = ..., values: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ImportRecordsRequest(_message.Message):
    __slots__ = ("kind", "dry_run", "rows")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    kind: RecordKind
    dry_run: bool
    rows: _containers.RepeatedCompositeFieldContainer[ImportRow]
    def __init__(self, kind: _Optional[_Union[RecordKind, str]] = ..., dry_run: _Optional[bool] = ..., rows: _Optional[_Iterable[_Union[ImportRow, _Mapping]]] = ...) -> None: ...

class RowError(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ImportRecordsResponse(_message.Message):
    __slots__ = ("created", "updated", "unchanged", "rejected", "errors", "dry_run")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: _containers.RepeatedCompositeFieldContainer[RowError]
    dry_run: bool
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ..., unchanged: _Optional[int] = ..., rejected: _Optional[int] = ..., errors: _Optional[_Iterable[_Union[RowError, _Mapping]]] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class ExportRecordsRequest(_message.Message):
    __slots__ = ("kind", "customer")
    KIND_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    kind: RecordKind
    customer: str
    def __init__(self, kind: _Optional[_Union[RecordKind, str]] = ..., customer: _Optional[str] = ...) -> None: ...

class ExportRecordsResponse(_message.Message):
    __slots__ = ("columns", "rows")
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedScalarFieldContainer[str]
    rows: _containers.RepeatedCompositeFieldContainer[ExportRow]
    def __init__(self, columns: _Optional[_Iterable[str]] = ..., rows: _Optional[_Iterable[_Union[ExportRow, _Mapping]]] = ...) -> None: ...

class ExportRow(_message.Message):
    __slots__ = ("values",)
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.ScalarMap[str, str]
    def __init__(self, values: _Optional[_Mapping[str, str]] = ...) -> None: ...
