"""Customer (CP) and vendor (VP) profiles over REST: working copies with ETags, review rounds,
versions, field history, completeness and the business-network schema. Responses are the
protobuf resources in JSON (field names as in the .proto files); problems name the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.json_format import MessageToDict
from mcr.archive.v1 import profile_pb2 as ppb
from mcr.archive.v1 import profile_service_pb2 as pb
from mcr.archive.v1 import profile_service_pb2_grpc as pb_grpc
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import PageSize, deadline, quoted, unquoted
from mcr_gateway.examples import created, ok
from mcr_gateway.problems import Problem

router = APIRouter(tags=["customer and vendor profiles"])
Who = Annotated[Caller, Depends(caller)]
IfMatch = Annotated[str | None, Header()]
KINDS = ("customerProfile", "vendorProfile")

Sections = dict[str, dict[str, str]]
SECTIONS_DOC = (
    "Sections by code, each with its fields, for example "
    '{"competitive_environment": {"position": "head"}}; only the sections given are replaced.'
)


def profile_stub(request: Request) -> pb_grpc.ProfileServiceStub:
    return request.app.state.profiles


def _json(message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def _sections(sections: Sections) -> list[ppb.ProfileSection]:
    return [ppb.ProfileSection(code=code, fields=fields) for code, fields in sections.items()]


def _mask(body: BaseModel) -> list[str]:
    paths = []
    for name in sorted(body.model_fields_set):
        if name == "sections" and body.sections:
            paths += [f"sections.{code}" for code in body.sections]
        else:
            paths.append(name)
    if not paths:
        raise Problem(400, "Invalid argument", "the body names no part to change",
                      [{"field": "body", "detail": "name at least one part"}])  # fmt: skip
    return paths


class KeyEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: str = Field(examples=["2027-03-15"])
    title: str
    description: str = ""


class BusinessNetwork(BaseModel):
    model_config = ConfigDict(extra="forbid")
    metrics: dict[str, str] = Field(default_factory=dict, examples=[{"base_stations": "12000"}])
    product_experience: str = ""


class SubNetwork(BaseModel):
    model_config = ConfigDict(extra="forbid")
    display_name: str
    kind: Literal["value_region", "value_business"]
    subsidiary: str = Field(default="", examples=["customers/3f1c..."])
    influence: str = ""
    approval_path: str = ""
    group_model_selection: bool = False


class CustomerProfileParts(BaseModel):
    """Only the parts present change."""

    model_config = ConfigDict(extra="forbid")
    sections: Sections | None = Field(default=None, description=SECTIONS_DOC)
    key_events: list[KeyEvent] | None = None
    business_network: BusinessNetwork | None = None
    key_sub_networks: list[SubNetwork] | None = None

    def to_proto(self, name: str, etag: str) -> ppb.CustomerProfile:
        network = self.business_network or BusinessNetwork()
        return ppb.CustomerProfile(
            name=name,
            etag=etag,
            sections=_sections(self.sections or {}),
            key_events=[ppb.KeyCalendarEvent(**e.model_dump()) for e in self.key_events or []],
            business_network=ppb.BusinessNetwork(**network.model_dump()),
            key_sub_networks=[
                ppb.KeySubNetwork(
                    **n.model_dump(exclude={"kind"}),
                    kind=ppb.KeySubNetworkKind.Value(f"KEY_SUB_NETWORK_KIND_{n.kind.upper()}"),
                )
                for n in self.key_sub_networks or []
            ],
        )


class Weight(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dimension: str
    group: str = ""
    # The bounds keep the values inside what the protobuf fields carry (int32, finite
    # doubles); the archive checks the book's rules (1..100, 0..10) and names the field.
    weight: int = Field(
        ge=-(2**31), lt=2**31, description="Percent; the weights of the table sum to 100"
    )
    our_score: float = Field(default=0, allow_inf_nan=False, description="0 to 10")
    competitor_scores: dict[str, Annotated[float, Field(allow_inf_nan=False)]] = Field(
        default_factory=dict, description="By locked competitor, 0 to 10"
    )


class VendorProfileParts(BaseModel):
    """Only the parts present change."""

    model_config = ConfigDict(extra="forbid")
    sections: Sections | None = Field(default=None, description=SECTIONS_DOC)
    locked_competitors: list[str] | None = Field(default=None, description="At most two")
    supplier_weights: list[Weight] | None = None

    def to_proto(self, name: str, etag: str) -> ppb.VendorProfile:
        return ppb.VendorProfile(
            name=name,
            etag=etag,
            sections=_sections(self.sections or {}),
            locked_competitors=self.locked_competitors or [],
            supplier_weights=[
                ppb.SupplierWeight(**w.model_dump()) for w in self.supplier_weights or []
            ],
        )


class Comment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    section: str = ""
    field: str = ""
    text: str


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verdict: Literal["approved", "changes_requested"]
    comments: list[Comment] = Field(default_factory=list)


def _answer(response: Response, profile) -> dict[str, Any]:
    response.headers["ETag"] = quoted(profile.etag)
    return _json(profile)


@router.get("/v1/customers/{customer_id}/customerProfile", responses=ok(examples.CUSTOMER_PROFILE))
async def get_customer_profile(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    """The working copy of the customer profile (CP); empty before its first change."""
    found = await profile_stub(request).GetCustomerProfile(
        pb.GetCustomerProfileRequest(name=f"customers/{customer_id}/customerProfile"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _answer(response, found)


@router.patch(
    "/v1/customers/{customer_id}/customerProfile",
    responses=ok(examples.CUSTOMER_PROFILE_DRAFT),
)
async def update_customer_profile(
    customer_id: str,
    body: CustomerProfileParts,
    request: Request,
    response: Response,
    who: Who,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Change parts of the CP draft; refused (409) while a review round is open."""
    paths = _mask(body)
    message = body.to_proto(f"customers/{customer_id}/customerProfile", unquoted(if_match))
    updated = await profile_stub(request).UpdateCustomerProfile(
        pb.UpdateCustomerProfileRequest(
            customer_profile=message, update_mask=FieldMask(paths=paths)
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _answer(response, updated)


@router.get(
    "/v1/customers/{customer_id}/vendorProfile",
    responses=ok(examples.VENDOR_PROFILE_PUBLISHED),
)
async def get_vendor_profile(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    """The working copy of the vendor profile (VP), with the computed weighted scores."""
    found = await profile_stub(request).GetVendorProfile(
        pb.GetVendorProfileRequest(name=f"customers/{customer_id}/vendorProfile"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _answer(response, found)


@router.patch("/v1/customers/{customer_id}/vendorProfile", responses=ok(examples.VENDOR_PROFILE))
async def update_vendor_profile(
    customer_id: str,
    body: VendorProfileParts,
    request: Request,
    response: Response,
    who: Who,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Change parts of the VP draft: at most two locked competitors, weights summing to 100."""
    paths = _mask(body)
    message = body.to_proto(f"customers/{customer_id}/vendorProfile", unquoted(if_match))
    updated = await profile_stub(request).UpdateVendorProfile(
        pb.UpdateVendorProfileRequest(vendor_profile=message, update_mask=FieldMask(paths=paths)),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _answer(response, updated)


def _profile_routes(kind: str) -> None:
    """The review, version and history routes of one kind of profile."""
    base = f"/v1/customers/{{customer_id}}/{kind}"
    example = examples.PROFILE_ROUTES[kind]

    def name(customer_id: str) -> str:
        return f"customers/{customer_id}/{kind}"

    @router.post(
        f"{base}:submit",
        status_code=201,
        name=f"submit_{kind}",
        responses=created(example["submit"]),
    )
    async def submit(
        customer_id: str, request: Request, who: Who, if_match: IfMatch = None
    ) -> dict[str, Any]:
        """Submit the draft for review: opens a review round and freezes the draft."""
        review = await profile_stub(request).SubmitProfile(
            pb.SubmitProfileRequest(name=name(customer_id), etag=unquoted(if_match)),
            metadata=who.metadata,
            timeout=deadline(request),
        )
        return _json(review)

    @router.post(f"{base}:review", name=f"review_{kind}", responses=ok(example["review"]))
    async def review(
        customer_id: str, body: Verdict, request: Request, who: Who, if_match: IfMatch = None
    ) -> dict[str, Any]:
        """Close the open round (a manager other than the submitter): approval publishes a
        new version; changes requested reopen the draft."""
        verdict = ppb.ReviewVerdict.Value(f"REVIEW_VERDICT_{body.verdict.upper()}")
        closed = await profile_stub(request).ReviewProfile(
            pb.ReviewProfileRequest(
                name=name(customer_id),
                etag=unquoted(if_match),
                verdict=verdict,
                comments=[ppb.ReviewComment(**c.model_dump()) for c in body.comments],
            ),
            metadata=who.metadata,
            timeout=deadline(request),
        )
        return _json(closed)

    @router.get(f"{base}/reviews", name=f"list_{kind}_reviews", responses=ok(example["reviews"]))
    async def reviews(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
        found = await profile_stub(request).ListProfileReviews(
            pb.ListProfileReviewsRequest(parent=name(customer_id)),
            metadata=who.metadata,
            timeout=deadline(request),
        )
        return _json(found)

    @router.get(f"{base}/versions", name=f"list_{kind}_versions", responses=ok(example["versions"]))
    async def versions(
        customer_id: str,
        request: Request,
        who: Who,
        page_size: PageSize = 0,
        page_token: str = "",
    ) -> dict[str, Any]:
        """The approved versions, latest first."""
        found = await profile_stub(request).ListProfileVersions(
            pb.ListProfileVersionsRequest(
                parent=name(customer_id), page_size=page_size, page_token=page_token
            ),
            metadata=who.metadata,
            timeout=deadline(request),
        )
        return _json(found)

    @router.get(
        f"{base}/versions/{{version}}",
        name=f"get_{kind}_version",
        responses=ok(example["version"]),
    )
    async def version(
        customer_id: str, version: Annotated[int, Path(ge=1)], request: Request, who: Who
    ) -> dict[str, Any]:
        found = await profile_stub(request).GetProfileVersion(
            pb.GetProfileVersionRequest(name=f"{name(customer_id)}/versions/{version}"),
            metadata=who.metadata,
            timeout=deadline(request),
        )
        return _json(found)

    @router.get(f"{base}:history", name=f"{kind}_history", responses=ok(example["history"]))
    async def history(
        customer_id: str,
        request: Request,
        who: Who,
        as_of: datetime | None = None,
        page_size: PageSize = 0,
        page_token: str = "",
    ) -> dict[str, Any]:
        """Who changed which field of the draft, when; `as_of` gives the values then."""
        message = pb.ListProfileHistoryRequest(
            name=name(customer_id), page_size=page_size, page_token=page_token
        )
        if as_of is not None:
            if as_of.tzinfo is None:
                detail = [{"field": "as_of", "detail": "give a time zone, e.g. Z"}]
                raise Problem(400, "Invalid argument", "as_of needs a time zone", detail)
            message.as_of.FromDatetime(as_of)
        found = await profile_stub(request).ListProfileHistory(
            message, metadata=who.metadata, timeout=deadline(request)
        )
        return _json(found)


for _kind in KINDS:
    _profile_routes(_kind)


@router.get(
    "/v1/customers/{customer_id}/profileCompleteness",
    responses=ok(examples.PROFILE_COMPLETENESS),
)
async def profile_completeness(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    """Whether the customer's tier obliges a CP and VP, and which sections they lack."""
    found = await profile_stub(request).GetProfileCompleteness(
        pb.GetProfileCompletenessRequest(name=f"customers/{customer_id}/profileCompleteness"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return MessageToDict(
        found, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


@router.get(
    "/v1/customers/{customer_id}/businessNetworkSchema",
    responses=ok(examples.BUSINESS_NETWORK_SCHEMA),
)
async def business_network_schema(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    """The business-network metrics of the customer's industry (from the industry plugins)."""
    found = await profile_stub(request).GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"customers/{customer_id}/businessNetworkSchema"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(found)
