"""More of the archive over REST: personal postcards, their audit trail, account teams and
field history. Responses are the protobuf resources in JSON (field names as in the .proto
files); bodies are validated here and again by the archive.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.json_format import ParseDict, ParseError
from mcr.archive.v1 import account_team_pb2, customer_pb2, postcard_pb2
from mcr.archive.v1 import archive_service_pb2 as pb
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import Money, PageSize, archive_stub, deadline, quoted, unquoted
from mcr_gateway.examples import ok
from mcr_gateway.problems import Problem
from mcr_gateway.protojson import to_json

router = APIRouter(tags=["postcards, account teams and history"])
Who = Annotated[Caller, Depends(caller)]


_json = to_json


def _parse(body: dict, message):
    try:
        return ParseDict(body, message)
    except ParseError as exc:
        raise Problem(
            400, "Invalid argument", str(exc), [{"field": "body", "detail": str(exc)}]
        ) from exc


class CareerStep(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation: str = ""
    position: str = ""
    start_year: int = Field(default=0, ge=0, le=9999)
    end_year: int = Field(default=0, ge=0, le=9999)
    reason: str = ""


class Need(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    category: Literal["NEED_CATEGORY_PERSONAL", "NEED_CATEGORY_CAREER"] | None = None
    maslow_level: str | None = Field(default=None, examples=["MASLOW_LEVEL_ESTEEM"])
    implicit: bool = False
    bullseye: bool = False
    sensitive: bool = Field(default=False, description="Follows the region's policy")


class PostcardFields(BaseModel):
    """Only the fields present change. home_address, family, religion and taboos are
    sensitive: refused where the region does not store them (decision 10)."""

    model_config = ConfigDict(extra="forbid")
    education: str | None = None
    hobbies: str | None = None
    career_history: list[CareerStep] | None = None
    needs: list[Need] | None = None
    home_address: str | None = None
    family: str | None = None
    religion: str | None = None
    taboos: str | None = None


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employee: str = Field(examples=["employees/e-1002"])
    role: str = Field(examples=["TEAM_ROLE_PRODUCT_MANAGER"])
    backup_for: str = Field(default="", examples=["employees/e-1001"])
    paired_persons: list[str] = Field(default_factory=list)


class Team(BaseModel):
    model_config = ConfigDict(extra="forbid")
    members: list[Member]


def _postcard(customer_id: str, person_id: str) -> str:
    return f"customers/{customer_id}/persons/{person_id}/postcard"


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/postcard", responses=ok(examples.POSTCARD)
)
async def get_postcard(
    customer_id: str,
    person_id: str,
    request: Request,
    response: Response,
    who: Who,
    reason: Annotated[str, Query(description="Why you need the sensitive fields (audited)")] = "",
) -> dict[str, Any]:
    """A person's postcard; sensitive fields only with a reason, and that read is audited."""
    found = await archive_stub(request).GetPostcard(
        pb.GetPostcardRequest(name=_postcard(customer_id, person_id), reason=reason),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(found.etag)
    return _json(found)


@router.patch(
    "/v1/customers/{customer_id}/persons/{person_id}/postcard", responses=ok(examples.POSTCARD)
)
async def update_postcard(
    customer_id: str,
    person_id: str,
    body: PostcardFields,
    request: Request,
    response: Response,
    who: Who,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    paths = sorted(body.model_fields_set)
    if not paths:
        raise Problem(400, "Invalid argument", "the body names no field to change",
                      [{"field": "body", "detail": "name at least one field"}])  # fmt: skip
    fields = body.model_dump(exclude_none=True)
    message = _parse(fields, postcard_pb2.Postcard())
    message.name = _postcard(customer_id, person_id)
    message.etag = unquoted(if_match)
    updated = await archive_stub(request).UpdatePostcard(
        pb.UpdatePostcardRequest(postcard=message, update_mask=FieldMask(paths=paths)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(updated.etag)
    return _json(updated)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/sensitiveReads",
    responses=ok(examples.SENSITIVE_READS),
)
async def list_sensitive_reads(
    customer_id: str, person_id: str, request: Request, who: Who
) -> dict[str, Any]:
    """Who read this person's sensitive fields, when and why."""
    reads = await archive_stub(request).ListSensitiveReads(
        pb.ListSensitiveReadsRequest(parent=f"customers/{customer_id}/persons/{person_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reads)


@router.get("/v1/customers/{customer_id}/accountTeam", responses=ok(examples.ACCOUNT_TEAM))
async def get_account_team(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    team = await archive_stub(request).GetAccountTeam(
        pb.GetAccountTeamRequest(name=f"customers/{customer_id}/accountTeam"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(team.etag)
    return _json(team)


@router.put("/v1/customers/{customer_id}/accountTeam", responses=ok(examples.ACCOUNT_TEAM))
async def replace_account_team(
    customer_id: str,
    body: Team,
    request: Request,
    response: Response,
    who: Who,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Restaff the account team (the customer's owner and their superiors only)."""
    message = _parse(body.model_dump(), account_team_pb2.AccountTeam())
    message.name = f"customers/{customer_id}/accountTeam"
    message.etag = unquoted(if_match)
    team = await archive_stub(request).UpdateAccountTeam(
        pb.UpdateAccountTeamRequest(account_team=message),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    response.headers["ETag"] = quoted(team.etag)
    return _json(team)


@router.get("/v1/{record:path}:history", responses=ok(examples.FIELD_HISTORY))
async def field_history(
    record: str,
    request: Request,
    who: Who,
    as_of: datetime | None = None,
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    """What the archive knew of a customer or person, and when (`as_of` for a past moment)."""
    message = pb.ListFieldHistoryRequest(name=record, page_size=page_size, page_token=page_token)
    if as_of is not None:
        if as_of.tzinfo is None:
            raise Problem(400, "Invalid argument", "as_of needs a time zone",
                          [{"field": "as_of", "detail": "give a time zone, e.g. Z"}])  # fmt: skip
        message.as_of.FromDatetime(as_of)
    history = await archive_stub(request).ListFieldHistory(
        message, metadata=who.metadata, timeout=deadline(request)
    )
    return _json(history)


class CreditRating(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rating: Literal["A", "B", "C", "D"]
    cause: Literal["review", "bad_debt", "long_overdue"]
    note: str = ""


_CAUSES = {
    "review": customer_pb2.CREDIT_EVENT_CAUSE_REVIEW,
    "bad_debt": customer_pb2.CREDIT_EVENT_CAUSE_BAD_DEBT,
    "long_overdue": customer_pb2.CREDIT_EVENT_CAUSE_LONG_OVERDUE,
}


@router.post("/v1/customers/{customer_id}:rateCredit", responses=ok(examples.RATED_CUSTOMER))
async def rate_credit(
    customer_id: str, body: CreditRating, request: Request, who: Who
) -> dict[str, Any]:
    """Set the financial credit rating; a bad debt or long overdue never raises it."""
    rated = await archive_stub(request).RateCredit(
        pb.RateCreditRequest(
            name=f"customers/{customer_id}",
            rating=body.rating,
            cause=_CAUSES[body.cause],
            note=body.note,
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(rated)


@router.get("/v1/customers/{customer_id}/creditHistory", responses=ok(examples.CREDIT_HISTORY))
async def credit_history(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    history = await archive_stub(request).ListCreditHistory(
        pb.ListCreditHistoryRequest(name=f"customers/{customer_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(history)


@router.put("/v1/customers/{customer_id}/revenue/{year}", responses=ok(examples.YEARLY_REVENUE))
async def record_yearly_revenue(
    customer_id: str, year: int, body: Money, request: Request, who: Who
) -> dict[str, Any]:
    """Record the revenue we earned from the customer in `year` (replaces that year)."""
    recorded = await archive_stub(request).RecordYearlyRevenue(
        pb.RecordYearlyRevenueRequest(
            revenue=pb.YearlyRevenue(
                customer=f"customers/{customer_id}", year=year, amount=body.to_proto()
            )
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(recorded)


@router.get("/v1/customers/{customer_id}/revenue", responses=ok(examples.REVENUE))
async def list_yearly_revenue(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    """The revenue we earned from the customer, year by year."""
    years = await archive_stub(request).ListYearlyRevenue(
        pb.ListYearlyRevenueRequest(name=f"customers/{customer_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(years)
