from google.protobuf import field_mask_pb2 as _field_mask_pb2
from mcr.archive.v1 import account_team_pb2 as _account_team_pb2
from mcr.archive.v1 import customer_pb2 as _customer_pb2
from mcr.archive.v1 import employee_pb2 as _employee_pb2
from mcr.archive.v1 import person_pb2 as _person_pb2
from mcr.archive.v1 import profile_pb2 as _profile_pb2
from mcr.common.v1 import event_pb2 as _event_pb2
from mcr.common.v1 import money_pb2 as _money_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CustomerCreated(_message.Message):
    __slots__ = ("customer", "owner_org_unit")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    owner_org_unit: str
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., owner_org_unit: _Optional[str] = ...) -> None: ...

class CustomerUpdated(_message.Message):
    __slots__ = ("customer", "changed_fields", "owner_org_unit")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_UNIT_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.Customer
    changed_fields: _field_mask_pb2.FieldMask
    owner_org_unit: str
    def __init__(self, customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., changed_fields: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., owner_org_unit: _Optional[str] = ...) -> None: ...

class CustomerDeleted(_message.Message):
    __slots__ = ("name", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...

class PersonCreated(_message.Message):
    __slots__ = ("person", "region")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    person: _person_pb2.Person
    region: str
    def __init__(self, person: _Optional[_Union[_person_pb2.Person, _Mapping]] = ..., region: _Optional[str] = ...) -> None: ...

class PersonUpdated(_message.Message):
    __slots__ = ("person", "changed_fields", "region")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    person: _person_pb2.Person
    changed_fields: _field_mask_pb2.FieldMask
    region: str
    def __init__(self, person: _Optional[_Union[_person_pb2.Person, _Mapping]] = ..., changed_fields: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., region: _Optional[str] = ...) -> None: ...

class PersonDeleted(_message.Message):
    __slots__ = ("name", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    region: str
    def __init__(self, name: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...

class DepartmentChanged(_message.Message):
    __slots__ = ("department", "deleted")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    department: _person_pb2.Department
    deleted: bool
    def __init__(self, department: _Optional[_Union[_person_pb2.Department, _Mapping]] = ..., deleted: _Optional[bool] = ...) -> None: ...

class PortfolioTransferred(_message.Message):
    __slots__ = ("from_employee", "to_employee", "reason", "customers", "persons", "region")
    FROM_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    TO_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    from_employee: str
    to_employee: str
    reason: str
    customers: _containers.RepeatedScalarFieldContainer[str]
    persons: _containers.RepeatedScalarFieldContainer[str]
    region: str
    def __init__(self, from_employee: _Optional[str] = ..., to_employee: _Optional[str] = ..., reason: _Optional[str] = ..., customers: _Optional[_Iterable[str]] = ..., persons: _Optional[_Iterable[str]] = ..., region: _Optional[str] = ...) -> None: ...

class PostcardUpdated(_message.Message):
    __slots__ = ("name", "changed_fields", "region")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    name: str
    changed_fields: _field_mask_pb2.FieldMask
    region: str
    def __init__(self, name: _Optional[str] = ..., changed_fields: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., region: _Optional[str] = ...) -> None: ...

class AccountTeamChanged(_message.Message):
    __slots__ = ("account_team", "region", "member_org_units")
    class MemberOrgUnitsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACCOUNT_TEAM_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ORG_UNITS_FIELD_NUMBER: _ClassVar[int]
    account_team: _account_team_pb2.AccountTeam
    region: str
    member_org_units: _containers.ScalarMap[str, str]
    def __init__(self, account_team: _Optional[_Union[_account_team_pb2.AccountTeam, _Mapping]] = ..., region: _Optional[str] = ..., member_org_units: _Optional[_Mapping[str, str]] = ...) -> None: ...

class YearlyRevenueRecorded(_message.Message):
    __slots__ = ("customer", "region", "year", "amount")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    customer: str
    region: str
    year: int
    amount: _money_pb2.Money
    def __init__(self, customer: _Optional[str] = ..., region: _Optional[str] = ..., year: _Optional[int] = ..., amount: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class PersonMoved(_message.Message):
    __slots__ = ("person", "previous_person", "previous_department", "department", "previous_region", "region", "previous_owner", "owner", "territory_case")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_PERSON_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_REGION_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_OWNER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    TERRITORY_CASE_FIELD_NUMBER: _ClassVar[int]
    person: str
    previous_person: str
    previous_department: str
    department: str
    previous_region: str
    region: str
    previous_owner: str
    owner: str
    territory_case: str
    def __init__(self, person: _Optional[str] = ..., previous_person: _Optional[str] = ..., previous_department: _Optional[str] = ..., department: _Optional[str] = ..., previous_region: _Optional[str] = ..., region: _Optional[str] = ..., previous_owner: _Optional[str] = ..., owner: _Optional[str] = ..., territory_case: _Optional[str] = ...) -> None: ...

class HandoverIntroductionRequested(_message.Message):
    __slots__ = ("person", "customer", "region", "from_employee", "to_employee", "reason")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    FROM_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    TO_EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    person: str
    customer: str
    region: str
    from_employee: str
    to_employee: str
    reason: str
    def __init__(self, person: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., from_employee: _Optional[str] = ..., to_employee: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ProfileChanged(_message.Message):
    __slots__ = ("name", "customer", "region", "state", "changed_fields", "review_round")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    REVIEW_ROUND_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    state: _profile_pb2.ProfileState
    changed_fields: _field_mask_pb2.FieldMask
    review_round: int
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., state: _Optional[_Union[_profile_pb2.ProfileState, str]] = ..., changed_fields: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., review_round: _Optional[int] = ...) -> None: ...

class ProfilePublished(_message.Message):
    __slots__ = ("name", "customer", "region", "version", "approved_by", "network_metrics")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    NETWORK_METRICS_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer: str
    region: str
    version: int
    approved_by: str
    network_metrics: _containers.RepeatedCompositeFieldContainer[_profile_pb2.NetworkMetricValue]
    def __init__(self, name: _Optional[str] = ..., customer: _Optional[str] = ..., region: _Optional[str] = ..., version: _Optional[int] = ..., approved_by: _Optional[str] = ..., network_metrics: _Optional[_Iterable[_Union[_profile_pb2.NetworkMetricValue, _Mapping]]] = ...) -> None: ...

class ProfileSectionsMissing(_message.Message):
    __slots__ = ("customer", "region", "tier", "previous_tier", "missing_sections")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_TIER_FIELD_NUMBER: _ClassVar[int]
    MISSING_SECTIONS_FIELD_NUMBER: _ClassVar[int]
    customer: str
    region: str
    tier: str
    previous_tier: str
    missing_sections: _containers.RepeatedCompositeFieldContainer[_profile_pb2.MissingSection]
    def __init__(self, customer: _Optional[str] = ..., region: _Optional[str] = ..., tier: _Optional[str] = ..., previous_tier: _Optional[str] = ..., missing_sections: _Optional[_Iterable[_Union[_profile_pb2.MissingSection, _Mapping]]] = ...) -> None: ...

class InfluenceLinkChanged(_message.Message):
    __slots__ = ("name", "source", "target", "region", "deleted", "kind", "direction", "strength")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    STRENGTH_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: str
    target: str
    region: str
    deleted: bool
    kind: _person_pb2.InfluenceKind
    direction: _person_pb2.InfluenceDirection
    strength: int
    def __init__(self, name: _Optional[str] = ..., source: _Optional[str] = ..., target: _Optional[str] = ..., region: _Optional[str] = ..., deleted: _Optional[bool] = ..., kind: _Optional[_Union[_person_pb2.InfluenceKind, str]] = ..., direction: _Optional[_Union[_person_pb2.InfluenceDirection, str]] = ..., strength: _Optional[int] = ...) -> None: ...

class EmployeeChanged(_message.Message):
    __slots__ = ("employee",)
    EMPLOYEE_FIELD_NUMBER: _ClassVar[int]
    employee: _employee_pb2.Employee
    def __init__(self, employee: _Optional[_Union[_employee_pb2.Employee, _Mapping]] = ...) -> None: ...
