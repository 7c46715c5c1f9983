"""`/v1/customers`: the archive's customers over REST."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from pydantic import BaseModel, ConfigDict, Field, field_validator

from mcr_gateway.auth import Caller, caller
from mcr_gateway.problems import Problem

router = APIRouter(prefix="/v1/customers", tags=["customers"])

LifecycleState = Literal["prospect", "active", "dormant", "closed"]
OwnershipType = Literal["unspecified", "private", "state_owned", "foreign", "listed"]
_OWNERSHIP_TO_PROTO = {
    "unspecified": customer_pb2.OWNERSHIP_TYPE_UNSPECIFIED,
    "private": customer_pb2.OWNERSHIP_TYPE_PRIVATE,
    "state_owned": customer_pb2.OWNERSHIP_TYPE_STATE_OWNED,
    "foreign": customer_pb2.OWNERSHIP_TYPE_FOREIGN,
    "listed": customer_pb2.OWNERSHIP_TYPE_LISTED,
}
_OWNERSHIP_FROM_PROTO = {v: k for k, v in _OWNERSHIP_TO_PROTO.items()}
_STATE_TO_PROTO = {
    "prospect": customer_pb2.LIFECYCLE_STATE_PROSPECT,
    "active": customer_pb2.LIFECYCLE_STATE_ACTIVE,
    "dormant": customer_pb2.LIFECYCLE_STATE_DORMANT,
    "closed": customer_pb2.LIFECYCLE_STATE_CLOSED,
}
_STATE_FROM_PROTO = {v: k for k, v in _STATE_TO_PROTO.items()}


class Money(BaseModel):
    model_config = ConfigDict(extra="forbid")
    currency_code: str = Field(examples=["CNY"], description="ISO 4217 code")
    amount: str = Field(examples=["1250000000.00"], description="A decimal number as a string")

    @field_validator("amount")
    @classmethod
    def _decimal(cls, value: str) -> str:
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise ValueError("must be a decimal number such as 1250000.50") from exc
        if not number.is_finite() or number.as_tuple().exponent < -9:
            raise ValueError("must be finite, with at most 9 decimal places")
        return value

    def to_proto(self) -> money_pb2.Money:
        number = Decimal(self.amount)
        units = int(number)
        nanos = int((number - units) * 1_000_000_000)
        return money_pb2.Money(currency_code=self.currency_code, units=units, nanos=nanos)

    @classmethod
    def from_proto(cls, money: money_pb2.Money) -> Money:
        amount = Decimal(money.units) + Decimal(money.nanos) / Decimal(1_000_000_000)
        return cls(currency_code=money.currency_code, amount=f"{amount:f}")


class CustomerFields(BaseModel):
    """The fields a caller writes."""

    model_config = ConfigDict(extra="forbid")
    display_name: str | None = Field(default=None, examples=["华南移动"])
    industry: str | None = Field(default=None, examples=["telecom"])
    country_code: str | None = Field(default=None, examples=["CN"])
    parent_group: str | None = Field(default=None, examples=["customers/3f2a…"])
    annual_revenue: Money | None = None
    employee_count: int | None = Field(default=None, examples=[23000])
    lifecycle_state: LifecycleState | None = Field(default=None, examples=["active"])
    owner: str | None = Field(
        default=None, examples=["employees/e-1001"], description="Defaults to you on create"
    )
    ownership_type: OwnershipType | None = Field(default=None, examples=["state_owned"])
    province: str | None = Field(default=None, examples=["广东"])

    def to_proto(self, **extra) -> customer_pb2.Customer:
        message = customer_pb2.Customer(**extra)
        for field in (
            "display_name",
            "industry",
            "country_code",
            "parent_group",
            "owner",
            "province",
        ):
            if (value := getattr(self, field)) is not None:
                setattr(message, field, value)
        if self.employee_count is not None:
            if not -(2**31) <= self.employee_count < 2**31:
                raise Problem(400, "Invalid argument", "employee_count: out of range",
                              [{"field": "employee_count", "detail": "out of range"}])  # fmt: skip
            message.employee_count = self.employee_count
        if self.lifecycle_state is not None:
            message.lifecycle_state = _STATE_TO_PROTO[self.lifecycle_state]
        if self.ownership_type is not None:
            message.ownership_type = _OWNERSHIP_TO_PROTO[self.ownership_type]
        if self.annual_revenue is not None:
            message.annual_revenue.CopyFrom(self.annual_revenue.to_proto())
        return message


class CustomerCreate(CustomerFields):
    display_name: str = Field(examples=["华南移动"])
    region: str | None = Field(
        default=None, examples=["cn-south"], description="Defaults to the caller's region"
    )


class Customer(BaseModel):
    id: str
    name: str = Field(description="The resource name, customers/{id}")
    display_name: str
    industry: str
    country_code: str
    region: str
    parent_group: str
    annual_revenue: Money | None
    employee_count: Int32
    lifecycle_state: LifecycleState
    owner: str = Field(description="employees/{id}: the customer manager who owns it")
    tier: str = Field(description="The tier insight assigned; empty until first tiered")
    ownership_type: OwnershipType
    province: str
    credit_rating: str = Field(description="A–D from finance; empty until rated")
    create_time: datetime
    update_time: datetime
    etag: str

    @classmethod
    def from_proto(cls, message: customer_pb2.Customer) -> Customer:
        revenue = message.annual_revenue if message.HasField("annual_revenue") else None
        return cls(
            id=message.name.removeprefix("customers/"),
            name=message.name,
            display_name=message.display_name,
            industry=message.industry,
            country_code=message.country_code,
            region=message.region,
            parent_group=message.parent_group,
            annual_revenue=Money.from_proto(revenue) if revenue is not None else None,
            employee_count=message.employee_count,
            lifecycle_state=_STATE_FROM_PROTO[message.lifecycle_state],
            owner=message.owner,
            tier=message.tier,
            ownership_type=_OWNERSHIP_FROM_PROTO[message.ownership_type],
            province=message.province,
            credit_rating=message.credit_rating,
            create_time=message.create_time.ToDatetime(tzinfo=UTC),
            update_time=message.update_time.ToDatetime(tzinfo=UTC),
            etag=message.etag,
        )


class CustomerPage(BaseModel):
    customers: list[Customer]
    next_page_token: str = Field(
        description="Pass as page_token for the next page; empty at the end"
    )


def archive_stub(request: Request) -> pb_grpc.ArchiveServiceStub:
    return request.app.state.archive


# Whole numbers as the protobuf fields carry them: out of range is a 400 naming the field, never
# a failed conversion (a 500).
Int32 = Annotated[int, Field(ge=-(2**31), lt=2**31)]
Int64 = Annotated[int, Field(ge=-(2**63), lt=2**63)]

# A page size the services take (0 means their default); the bounds also keep it inside the
# int32 of the request messages, so an absurd value is a 400, never a failed conversion.
PageSize = Annotated[int, Query(ge=0, le=1000)]


def deadline(request: Request) -> float:
    return request.app.state.settings.upstream_deadline_seconds


def quoted(etag: str) -> str:
    return f'"{etag}"'


def unquoted(if_match: str | None) -> str:
    if not if_match or if_match.strip() == "*":
        return ""
    return if_match.strip().removeprefix("W/").strip('"')


@router.get("", response_model=CustomerPage, summary="List the customers you may see")
async def list_customers(
    request: Request,
    who: Annotated[Caller, Depends(caller)],
    page_size: PageSize = 50,
    page_token: str = "",
    filter: Annotated[str, Query(examples=['industry = "telecom"'])] = "",
) -> CustomerPage:
    page = await archive_stub(request).ListCustomers(
        pb.ListCustomersRequest(page_size=page_size, page_token=page_token, filter=filter),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return CustomerPage(
        customers=[Customer.from_proto(c) for c in page.customers],
        next_page_token=page.next_page_token,
    )


@router.post("", status_code=201, response_model=Customer, summary="Create a customer")
async def create_customer(
    request: Request,
    response: Response,
    body: CustomerCreate,
    who: Annotated[Caller, Depends(caller)],
    idempotency_key: Annotated[str | None, Header(description="Makes retries safe")] = None,
) -> Customer:
    created = await archive_stub(request).CreateCustomer(
        pb.CreateCustomerRequest(
            customer=body.to_proto(region=body.region or ""), request_id=idempotency_key or ""
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["Location"] = f"/v1/{created.name}"
    response.headers["ETag"] = quoted(created.etag)
    return Customer.from_proto(created)


@router.get("/{customer_id}", response_model=Customer, summary="Get a customer")
async def get_customer(
    customer_id: str, request: Request, response: Response, who: Annotated[Caller, Depends(caller)]
) -> Customer:
    found = await archive_stub(request).GetCustomer(
        pb.GetCustomerRequest(name=f"customers/{customer_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(found.etag)
    return Customer.from_proto(found)


@router.patch(
    "/{customer_id}",
    response_model=Customer,
    summary="Change some fields of a customer",
    description="Only the fields present in the body change. Send the ETag you read as "
    "If-Match; a stale one is refused with 412.",
)
async def update_customer(
    customer_id: str,
    body: CustomerFields,
    request: Request,
    response: Response,
    who: Annotated[Caller, Depends(caller)],
    if_match: Annotated[str | None, Header()] = None,
) -> Customer:
    paths = sorted(body.model_fields_set)
    if not paths:
        raise Problem(400, "Invalid argument", "the body names no field to change",
                      [{"field": "body", "detail": "name at least one field"}])  # fmt: skip
    updated = await archive_stub(request).UpdateCustomer(
        pb.UpdateCustomerRequest(
            customer=body.to_proto(name=f"customers/{customer_id}", etag=unquoted(if_match)),
            update_mask=FieldMask(paths=paths),
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(updated.etag)
    return Customer.from_proto(updated)


@router.delete("/{customer_id}", status_code=204, summary="Delete a customer")
async def delete_customer(
    customer_id: str,
    request: Request,
    who: Annotated[Caller, Depends(caller)],
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    await archive_stub(request).DeleteCustomer(
        pb.DeleteCustomerRequest(name=f"customers/{customer_id}", etag=unquoted(if_match)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Response(status_code=204)
