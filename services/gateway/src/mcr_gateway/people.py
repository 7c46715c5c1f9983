"""The archive's organisation charts, persons and employees over REST.

`/v1/customers/{id}/departments`, `/v1/customers/{id}/persons`, `/v1/employees` and the
custom method `POST /v1/employees/{id}:transferPortfolio`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Request, Response
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import employee_pb2, person_pb2
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import Int32, PageSize, archive_stub, deadline, quoted, unquoted
from mcr_gateway.problems import Problem

router = APIRouter(tags=["organisation charts, persons and employees"])
Who = Annotated[Caller, Depends(caller)]

LayerName = Literal["unspecified", "senior", "middle", "grassroots"]
_LAYER_TO_PROTO = {
    "unspecified": person_pb2.LAYER_UNSPECIFIED,
    "senior": person_pb2.LAYER_SENIOR,
    "middle": person_pb2.LAYER_MIDDLE,
    "grassroots": person_pb2.LAYER_GRASSROOTS,
}
_LAYER_FROM_PROTO = {v: k for k, v in _LAYER_TO_PROTO.items()}


def _time(stamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def _mask(body: BaseModel) -> FieldMask:
    paths = sorted(body.model_fields_set)
    if not paths:
        raise Problem(400, "Invalid argument", "the body names no field to change",
                      [{"field": "body", "detail": "name at least one field"}])  # fmt: skip
    return FieldMask(paths=paths)


# --- departments -------------------------------------------------------------------------------


class DepartmentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    display_name: str | None = Field(default=None, examples=["网络部"])
    parent_department: str | None = Field(
        default=None, examples=["customers/3f2a…/departments/9c1d…"]
    )
    covering_employee: str | None = Field(
        default=None,
        examples=["employees/e-1002"],
        description="Who takes over persons moving into the department (territory rule)",
    )

    def to_proto(self, **extra) -> person_pb2.Department:
        values = {k: v for k, v in self.model_dump().items() if v is not None}
        return person_pb2.Department(**(values | extra))


class DepartmentCreate(DepartmentFields):
    display_name: str = Field(examples=["网络部"])


class Department(BaseModel):
    name: str
    display_name: str
    parent_department: str
    covering_employee: str
    create_time: datetime
    update_time: datetime
    etag: str

    @classmethod
    def from_proto(cls, message: person_pb2.Department) -> Department:
        return cls(
            name=message.name,
            display_name=message.display_name,
            parent_department=message.parent_department,
            covering_employee=message.covering_employee,
            create_time=_time(message.create_time),
            update_time=_time(message.update_time),
            etag=message.etag,
        )


class DepartmentList(BaseModel):
    departments: list[Department] = Field(description="Parents before their children")


@router.get("/v1/customers/{customer_id}/departments", response_model=DepartmentList)
async def list_departments(customer_id: str, request: Request, who: Who) -> DepartmentList:
    """A customer's organisation chart."""
    reply = await archive_stub(request).ListDepartments(
        pb.ListDepartmentsRequest(parent=f"customers/{customer_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return DepartmentList(departments=[Department.from_proto(d) for d in reply.departments])


@router.post("/v1/customers/{customer_id}/departments", status_code=201, response_model=Department)
async def create_department(
    customer_id: str, body: DepartmentCreate, request: Request, response: Response, who: Who
) -> Department:
    """Add a department to a customer's organisation chart."""
    created = await archive_stub(request).CreateDepartment(
        pb.CreateDepartmentRequest(parent=f"customers/{customer_id}", department=body.to_proto()),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(created.etag)
    return Department.from_proto(created)


@router.patch("/v1/customers/{customer_id}/departments/{department_id}", response_model=Department)
async def update_department(
    customer_id: str,
    department_id: str,
    body: DepartmentFields,
    request: Request,
    response: Response,
    who: Who,
    if_match: Annotated[str | None, Header()] = None,
) -> Department:
    """Rename a department or move it under another one (the chart stays a tree); a stale
    If-Match is refused with 412."""
    name = f"customers/{customer_id}/departments/{department_id}"
    updated = await archive_stub(request).UpdateDepartment(
        pb.UpdateDepartmentRequest(
            department=body.to_proto(name=name, etag=unquoted(if_match)), update_mask=_mask(body)
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(updated.etag)
    return Department.from_proto(updated)


@router.delete("/v1/customers/{customer_id}/departments/{department_id}", status_code=204)
async def delete_department(
    customer_id: str, department_id: str, request: Request, who: Who
) -> Response:
    """Delete a department with neither sub-departments nor persons."""
    await archive_stub(request).DeleteDepartment(
        pb.DeleteDepartmentRequest(name=f"customers/{customer_id}/departments/{department_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Response(status_code=204)


# --- persons -----------------------------------------------------------------------------------


RoleName = Literal["initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper"]
_ROLE_TO_PROTO = {
    role: person_pb2.DecisionRoleKind.Value(f"DECISION_ROLE_KIND_{role.upper()}")
    for role in RoleName.__args__
}
_ROLE_FROM_PROTO = {v: k for k, v in _ROLE_TO_PROTO.items()}


class DecisionRole(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario: str = Field(examples=["core-network-2027"])
    role: RoleName


class PersonFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    display_name: str | None = Field(default=None, examples=["李明"])
    title: str | None = Field(default=None, examples=["CTO"])
    department: str | None = Field(default=None, examples=["customers/3f2a…/departments/9c1d…"])
    layer: LayerName | None = Field(default=None, examples=["senior"])
    owner: str | None = Field(default=None, examples=["employees/e-1001"])
    veto_holder: bool | None = None
    rising_star: bool | None = None
    retired: bool | None = None
    decision_roles: list[DecisionRole] | None = Field(
        default=None, description="The person's roles per business scenario"
    )
    reports_to: str | None = Field(default=None, examples=["customers/3f2a…/persons/77ab…"])
    outside_org_chart: bool | None = Field(
        default=None, description="A hidden influencer outside the organisation chart"
    )

    def to_proto(self, **extra) -> person_pb2.Person:
        values = {k: v for k, v in self.model_dump().items() if v is not None}
        if "layer" in values:
            values["layer"] = _LAYER_TO_PROTO[values["layer"]]
        if "decision_roles" in values:
            values["decision_roles"] = [
                person_pb2.DecisionRole(scenario=r["scenario"], role=_ROLE_TO_PROTO[r["role"]])
                for r in values["decision_roles"]
            ]
        return person_pb2.Person(**(values | extra))


class PersonCreate(PersonFields):
    display_name: str = Field(examples=["李明"])
    individual: str | None = Field(
        default=None,
        examples=["individuals/5d1e…"],
        description="The same human as a person at another customer (person-in-context)",
    )


class Person(BaseModel):
    name: str
    display_name: str
    title: str
    department: str
    layer: LayerName
    owner: str
    veto_holder: bool
    rising_star: bool
    retired: bool
    decision_roles: list[DecisionRole]
    reports_to: str
    outside_org_chart: bool
    individual: str
    moved_to: str
    create_time: datetime
    update_time: datetime
    etag: str

    @classmethod
    def from_proto(cls, message: person_pb2.Person) -> Person:
        return cls(
            name=message.name,
            display_name=message.display_name,
            title=message.title,
            department=message.department,
            layer=_LAYER_FROM_PROTO[message.layer],
            owner=message.owner,
            veto_holder=message.veto_holder,
            rising_star=message.rising_star,
            retired=message.retired,
            decision_roles=[
                DecisionRole(scenario=r.scenario, role=_ROLE_FROM_PROTO[r.role])
                for r in message.decision_roles
            ],
            reports_to=message.reports_to,
            outside_org_chart=message.outside_org_chart,
            individual=message.individual,
            moved_to=message.moved_to,
            create_time=_time(message.create_time),
            update_time=_time(message.update_time),
            etag=message.etag,
        )


class PersonPage(BaseModel):
    persons: list[Person]
    next_page_token: str


def _person_name(customer_id: str, person_id: str) -> str:
    return f"customers/{customer_id}/persons/{person_id}"


@router.get("/v1/customers/{customer_id}/persons", response_model=PersonPage)
async def list_persons(
    customer_id: str,
    request: Request,
    who: Who,
    page_size: PageSize = 50,
    page_token: str = "",
) -> PersonPage:
    """The persons at a customer that you may see."""
    reply = await archive_stub(request).ListPersons(
        pb.ListPersonsRequest(
            parent=f"customers/{customer_id}", page_size=page_size, page_token=page_token
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return PersonPage(
        persons=[Person.from_proto(p) for p in reply.persons],
        next_page_token=reply.next_page_token,
    )


@router.post("/v1/customers/{customer_id}/persons", status_code=201, response_model=Person)
async def create_person(
    customer_id: str,
    body: PersonCreate,
    request: Request,
    response: Response,
    who: Who,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Person:
    """Record a person at a customer; you own the relationship unless `owner` says otherwise."""
    created = await archive_stub(request).CreatePerson(
        pb.CreatePersonRequest(
            parent=f"customers/{customer_id}",
            person=body.to_proto(),
            request_id=idempotency_key or "",
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["Location"] = f"/v1/{created.name}"
    response.headers["ETag"] = quoted(created.etag)
    return Person.from_proto(created)


@router.get("/v1/customers/{customer_id}/persons/{person_id}", response_model=Person)
async def get_person(
    customer_id: str, person_id: str, request: Request, response: Response, who: Who
) -> Person:
    found = await archive_stub(request).GetPerson(
        pb.GetPersonRequest(name=_person_name(customer_id, person_id)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(found.etag)
    return Person.from_proto(found)


@router.patch("/v1/customers/{customer_id}/persons/{person_id}", response_model=Person)
async def update_person(
    customer_id: str,
    person_id: str,
    body: PersonFields,
    request: Request,
    response: Response,
    who: Who,
    if_match: Annotated[str | None, Header()] = None,
) -> Person:
    """Change the fields present in the body; a stale If-Match is refused with 412."""
    message = body.to_proto(name=_person_name(customer_id, person_id), etag=unquoted(if_match))
    updated = await archive_stub(request).UpdatePerson(
        pb.UpdatePersonRequest(person=message, update_mask=_mask(body)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(updated.etag)
    return Person.from_proto(updated)


@router.delete("/v1/customers/{customer_id}/persons/{person_id}", status_code=204)
async def delete_person(
    customer_id: str,
    person_id: str,
    request: Request,
    who: Who,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    await archive_stub(request).DeletePerson(
        pb.DeletePersonRequest(name=_person_name(customer_id, person_id), etag=unquoted(if_match)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Response(status_code=204)


# --- employees ---------------------------------------------------------------------------------


class Employee(BaseModel):
    name: str
    display_name: str
    region: str
    org_unit: str
    job_grade: Int32
    active: bool

    @classmethod
    def from_proto(cls, message: employee_pb2.Employee) -> Employee:
        return cls(
            name=message.name,
            display_name=message.display_name,
            region=message.region,
            org_unit=message.org_unit,
            job_grade=message.job_grade,
            active=message.active,
        )


class EmployeeFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    display_name: str | None = None
    job_grade: int | None = Field(default=None, ge=0, le=30)
    active: bool | None = None


class EmployeePage(BaseModel):
    employees: list[Employee]
    next_page_token: str


class Transfer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to_employee: str = Field(examples=["employees/e-1002"])
    reason: str = Field(examples=["rotation"])


class Transferred(BaseModel):
    customers: list[str]
    persons: list[str]


@router.get("/v1/employees", response_model=EmployeePage)
async def list_employees(
    request: Request,
    who: Who,
    page_size: PageSize = 50,
    page_token: str = "",
) -> EmployeePage:
    """The employees of your region."""
    reply = await archive_stub(request).ListEmployees(
        pb.ListEmployeesRequest(page_size=page_size, page_token=page_token),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return EmployeePage(
        employees=[Employee.from_proto(e) for e in reply.employees],
        next_page_token=reply.next_page_token,
    )


@router.get("/v1/employees/{employee_id}", response_model=Employee)
async def get_employee(employee_id: str, request: Request, who: Who) -> Employee:
    found = await archive_stub(request).GetEmployee(
        pb.GetEmployeeRequest(name=f"employees/{employee_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Employee.from_proto(found)


@router.patch("/v1/employees/{employee_id}", response_model=Employee)
async def update_employee(
    employee_id: str, body: EmployeeFields, request: Request, who: Who
) -> Employee:
    """Change an employee's name, job grade or active flag (their superiors only)."""
    values = {k: v for k, v in body.model_dump().items() if v is not None}
    updated = await archive_stub(request).UpdateEmployee(
        pb.UpdateEmployeeRequest(
            employee=employee_pb2.Employee(name=f"employees/{employee_id}", **values),
            update_mask=_mask(body),
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Employee.from_proto(updated)


@router.post("/v1/employees/{employee_id}:transferPortfolio", response_model=Transferred)
async def transfer_portfolio(
    employee_id: str, body: Transfer, request: Request, who: Who
) -> Transferred:
    """Hand everything the employee owns to a successor of the same region, in one step."""
    moved = await archive_stub(request).TransferPortfolio(
        pb.TransferPortfolioRequest(
            from_employee=f"employees/{employee_id}",
            to_employee=body.to_employee,
            reason=body.reason,
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Transferred(customers=list(moved.customers), persons=list(moved.persons))
