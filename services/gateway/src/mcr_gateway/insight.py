"""The insight service over REST: tiers and their explanation, tier configurations (what-if
and apply), tier policies, the strategic sandbox, portfolio monitoring, applicability, insight
analyses, service strategies and information products.

Request and response bodies are the protobuf resources in JSON (field names as in the .proto
files); a body that does not parse is a 400 problem naming the field, and the service's field
violations come back with the resource prefix removed (the body is the resource). Etags travel
in `ETag` / `If-Match`; retries of a create are made safe with `Idempotency-Key`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from google.protobuf.json_format import ParseDict, ParseError
from google.protobuf.message import Message
from mcr.insight.v1 import analysis_pb2, monitoring_pb2, products_pb2, sandbox_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc as pb_grpc

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import PageSize, deadline, quoted, unquoted
from mcr_gateway.examples import created, ok
from mcr_gateway.problems import Problem
from mcr_gateway.protojson import to_json

router = APIRouter(tags=["insight"])
Who = Annotated[Caller, Depends(caller)]
IfMatch = Annotated[str | None, Header(description="The etag read; a stale one gives 412")]
IdempotencyKey = Annotated[str | None, Header(description="Makes retries safe")]


def _insight(request: Request) -> pb_grpc.InsightServiceStub:
    return request.app.state.insight


_json = to_json


_FIELD_IN_PARSE_ERROR = (
    re.compile(r'has no field named "(?P<field>[^"]+)"'),
    re.compile(r"Failed to parse (?P<field>\w+) field"),
    re.compile(r"for (?:enum )?field (?P<field>[\w.]+)"),
)


async def _body(request: Request, message: Message) -> Message:
    """The JSON body parsed into `message`; a 400 problem naming the field otherwise."""
    try:
        data = await request.json()
    except ValueError as exc:
        raise Problem(400, "Invalid argument", "the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise Problem(400, "Invalid argument", "the body must be a JSON object")
    try:
        return ParseDict(data, message)
    except ParseError as exc:
        text = str(exc)
        match = next((m for p in _FIELD_IN_PARSE_ERROR if (m := p.search(text))), None)
        field = match.group("field") if match else "body"
        raise Problem(
            400, "Invalid argument", f"{field}: {text}", [{"field": field, "detail": text}]
        ) from exc


async def _call(request: Request, who: Caller, method: str, message: Message):
    rpc = getattr(_insight(request), method)
    return await rpc(message, metadata=who.metadata, timeout=deadline(request))


def _customer(customer_id: str) -> str:
    return f"customers/{customer_id}"


# ---------------------------------------------------------------------------------------------
# Tiers
# ---------------------------------------------------------------------------------------------


@router.get(
    "/v1/customers/{customer_id}/tierAssignment",
    responses=ok(examples.TIER_ASSIGNMENT),
    summary="A customer's tier",
)
async def get_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/tierAssignment"
    return _json(
        await _call(request, who, "GetTierAssignment", pb.GetTierAssignmentRequest(name=name))
    )


@router.get(
    "/v1/customers/{customer_id}/tierAssignment:explain",
    responses=ok(examples.EXPLANATION),
    summary="Why the customer is in its tier: every score component and the plugin behind it",
)
async def explain_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/tierAssignment"
    return _json(await _call(request, who, "ExplainTier", pb.ExplainTierRequest(name=name)))


@router.get(
    "/v1/tierAssignments",
    responses=ok(examples.TIER_ASSIGNMENTS),
    summary="The region's tier assignments, a page at a time",
)
async def list_tiers(
    request: Request, who: Who, filter: str = "", page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListTierAssignmentsRequest(
        filter=filter, page_size=page_size, page_token=page_token
    )
    return _json(await _call(request, who, "ListTierAssignments", message))


@router.get(
    "/v1/customers/{customer_id}/tierHistory",
    responses=ok(examples.TIER_HISTORY),
    summary="A customer's tier changes",
)
async def tier_history(
    customer_id: str, request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListTierHistoryRequest(
        parent=_customer(customer_id), page_size=page_size, page_token=page_token
    )
    return _json(await _call(request, who, "ListTierHistory", message))


@router.post(
    "/v1/customers/{customer_id}/tierAssignment:setManual",
    responses=ok(examples.TIER_ASSIGNMENT),
    summary="Set the tier by hand, with a justification and an expiry",
)
async def set_manual_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = await _body(request, pb.SetManualTierRequest())
    message.name = f"{_customer(customer_id)}/tierAssignment"
    return _json(await _call(request, who, "SetManualTier", message))


@router.post(
    "/v1/customers/{customer_id}/tierAssignment:clearManual",
    responses=ok(examples.TIER_ASSIGNMENT),
    summary="Withdraw the manual tier decision",
)
async def clear_manual_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = await _body(request, pb.ClearManualTierRequest())
    message.name = f"{_customer(customer_id)}/tierAssignment"
    return _json(await _call(request, who, "ClearManualTier", message))


@router.get(
    "/v1/tierConfiguration",
    responses=ok(examples.TIER_CONFIGURATION),
    summary="The region's tier configuration in force",
)
async def get_configuration(request: Request, who: Who) -> dict[str, Any]:
    return _json(
        await _call(request, who, "GetTierConfiguration", pb.GetTierConfigurationRequest())
    )


@router.post(
    "/v1/tierConfiguration:evaluate",
    responses=ok(examples.EVALUATION),
    summary="What-if: the migrations a candidate configuration would cause; nothing changes",
)
async def evaluate_configuration(request: Request, who: Who) -> dict[str, Any]:
    message = await _body(request, pb.EvaluateTierConfigurationRequest())
    return _json(await _call(request, who, "EvaluateTierConfiguration", message))


@router.post(
    "/v1/tierConfiguration:apply",
    responses=ok(examples.EVALUATION),
    summary="Apply a configuration and re-tier the portfolio",
)
async def apply_configuration(request: Request, who: Who) -> dict[str, Any]:
    message = await _body(request, pb.ApplyTierConfigurationRequest())
    return _json(await _call(request, who, "ApplyTierConfiguration", message))


@router.post(
    "/v1/tierAssignments:rescore",
    responses=ok(examples.EVALUATION),
    summary="Re-tier the region's portfolio",
)
async def rescore(request: Request, who: Who) -> dict[str, Any]:
    return _json(await _call(request, who, "RescorePortfolio", pb.RescorePortfolioRequest()))


@router.get(
    "/v1/tierDefinitions",
    responses=ok(examples.TIER_DEFINITIONS),
    summary="The tiers of the active packs, highest first",
)
async def tier_definitions(request: Request, who: Who) -> dict[str, Any]:
    return _json(await _call(request, who, "ListTierDefinitions", pb.ListTierDefinitionsRequest()))


@router.get(
    "/v1/tierPolicies",
    responses=ok(examples.TIER_POLICIES),
    summary="What each tier is owed (the active packs' policies)",
)
async def list_tier_policies(request: Request, who: Who) -> dict[str, Any]:
    return _json(await _call(request, who, "ListTierPolicies", pb.ListTierPoliciesRequest()))


@router.get(
    "/v1/tierPolicies/{tier}", responses=ok(examples.TIER_POLICY), summary="What one tier is owed"
)
async def get_tier_policy(tier: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.GetTierPolicyRequest(name=f"tierPolicies/{tier}")
    return _json(await _call(request, who, "GetTierPolicy", message))


# ---------------------------------------------------------------------------------------------
# The strategic sandbox
# ---------------------------------------------------------------------------------------------


@router.get(
    "/v1/customers/{customer_id}/strategicSandbox",
    responses=ok(examples.STRATEGIC_SANDBOX),
    summary="The strategic sandbox",
)
async def get_sandbox(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/strategicSandbox"
    found = await _call(
        request, who, "GetStrategicSandbox", pb.GetStrategicSandboxRequest(name=name)
    )
    response.headers["ETag"] = quoted(found.etag)
    return _json(found)


@router.put(
    "/v1/customers/{customer_id}/strategicSandbox",
    responses=ok(examples.STRATEGIC_SANDBOX),
    summary="Replace the product segments (spend shares summing to 100%) and vendor shares",
)
async def put_sandbox(
    customer_id: str, request: Request, response: Response, who: Who, if_match: IfMatch = None
) -> dict[str, Any]:
    sandbox = await _body(request, sandbox_pb2.StrategicSandbox())
    sandbox.name = f"{_customer(customer_id)}/strategicSandbox"
    sandbox.etag = unquoted(if_match)
    message = pb.UpdateStrategicSandboxRequest(strategic_sandbox=sandbox)
    saved = await _call(request, who, "UpdateStrategicSandbox", message)
    response.headers["ETag"] = quoted(saved.etag)
    return _json(saved)


@router.post(
    "/v1/customers/{customer_id}/opportunities",
    responses=created(examples.OPPORTUNITY),
    status_code=201,
    summary="Propose an opportunity (the front line)",
)
async def create_opportunity(
    customer_id: str,
    request: Request,
    response: Response,
    who: Who,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    opportunity = await _body(request, sandbox_pb2.Opportunity())
    message = pb.CreateOpportunityRequest(
        parent=_customer(customer_id), opportunity=opportunity, request_id=idempotency_key or ""
    )
    created = await _call(request, who, "CreateOpportunity", message)
    response.headers["Location"] = f"/v1/{created.name}"
    return _json(created)


@router.get(
    "/v1/customers/{customer_id}/opportunities",
    responses=ok(examples.OPPORTUNITIES),
    summary="The opportunities, most attractive first, with the ranking weights",
)
async def list_opportunities(
    customer_id: str, request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListOpportunitiesRequest(
        parent=_customer(customer_id), page_size=page_size, page_token=page_token
    )
    return _json(await _call(request, who, "ListOpportunities", message))


@router.post(
    "/v1/customers/{customer_id}/opportunities/{opportunity_id}:select",
    responses=ok(examples.SELECTED_OPPORTUNITY),
    summary="Select an opportunity as a market target (the market department); body: the target",
)
async def select_opportunity(
    customer_id: str, opportunity_id: str, request: Request, who: Who
) -> dict[str, Any]:
    target = await _body(request, sandbox_pb2.MarketTarget())
    message = pb.SelectOpportunityRequest(
        name=f"{_customer(customer_id)}/opportunities/{opportunity_id}", market_target=target
    )
    return _json(await _call(request, who, "SelectOpportunity", message))


@router.post(
    "/v1/customers/{customer_id}/annualInsights:complete",
    responses=ok(examples.ANNUAL_INSIGHT),
    summary="Record the year's insight as done; an empty sandbox is flagged",
)
async def complete_annual_insight(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = await _body(request, pb.CompleteAnnualInsightRequest())
    message.parent = _customer(customer_id)
    return _json(await _call(request, who, "CompleteAnnualInsight", message))


@router.get(
    "/v1/customers/{customer_id}/industryApplicability",
    responses=ok(examples.INDUSTRY_APPLICABILITY),
    summary="Whether relationship management pays with this customer (seed 000)",
)
async def industry_applicability(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/industryApplicability"
    message = pb.GetIndustryApplicabilityRequest(name=name)
    return _json(await _call(request, who, "GetIndustryApplicability", message))


# ---------------------------------------------------------------------------------------------
# Portfolio monitoring
# ---------------------------------------------------------------------------------------------


@router.post(
    "/v1/portfolioSnapshots",
    responses=created(examples.PORTFOLIO_SNAPSHOT),
    status_code=201,
    summary="Take a portfolio snapshot now",
)
async def take_snapshot(request: Request, who: Who) -> dict[str, Any]:
    message = pb.TakePortfolioSnapshotRequest()
    return _json(await _call(request, who, "TakePortfolioSnapshot", message))


@router.get(
    "/v1/portfolioSnapshots",
    responses=ok(examples.PORTFOLIO_SNAPSHOTS),
    summary="The region's portfolio snapshots, newest first",
)
async def list_snapshots(
    request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListPortfolioSnapshotsRequest(page_size=page_size, page_token=page_token)
    return _json(await _call(request, who, "ListPortfolioSnapshots", message))


@router.get(
    "/v1/retrospectiveTasks",
    responses=ok(examples.RETROSPECTIVE_TASKS),
    summary="Management retrospectives abnormal losses call for",
)
async def list_retrospectives(request: Request, who: Who) -> dict[str, Any]:
    message = pb.ListRetrospectiveTasksRequest()
    return _json(await _call(request, who, "ListRetrospectiveTasks", message))


@router.get(
    "/v1/customers/{customer_id}/valueReturnCurve",
    responses=ok(examples.VALUE_RETURN_CURVE),
    summary="Expected revenue per year against the actual, with re-tier recommendations",
)
async def get_curve(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/valueReturnCurve"
    message = pb.GetValueReturnCurveRequest(name=name)
    return _json(await _call(request, who, "GetValueReturnCurve", message))


@router.put(
    "/v1/customers/{customer_id}/valueReturnCurve",
    responses=ok(examples.VALUE_RETURN_CURVE),
    summary="Set the value-return curve",
)
async def put_curve(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    curve = await _body(request, monitoring_pb2.ValueReturnCurve())
    curve.name = f"{_customer(customer_id)}/valueReturnCurve"
    message = pb.UpdateValueReturnCurveRequest(value_return_curve=curve)
    return _json(await _call(request, who, "UpdateValueReturnCurve", message))


@router.post(
    "/v1/customers/{customer_id}/reviews",
    responses=created(examples.DUE_REVIEW),
    status_code=201,
    summary="Record a strategy review",
)
async def record_review(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.RecordCustomerReviewRequest(parent=_customer(customer_id))
    return _json(await _call(request, who, "RecordCustomerReview", message))


@router.get(
    "/v1/dueReviews",
    responses=ok(examples.DUE_REVIEWS),
    summary="Customers whose strategy review is due by their industry",
)
async def due_reviews(
    request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListDueReviewsRequest(page_size=page_size, page_token=page_token)
    return _json(await _call(request, who, "ListDueReviews", message))


# ---------------------------------------------------------------------------------------------
# Insight analyses and service strategies
# ---------------------------------------------------------------------------------------------


@router.get(
    "/v1/customers/{customer_id}/analyses/{kind}",
    responses=ok(examples.INSIGHT_ANALYSIS),
    summary="An analysis (latest version, or ?version=n)",
)
async def get_analysis(
    customer_id: str,
    kind: str,
    request: Request,
    response: Response,
    who: Who,
    version: Annotated[int, Query(ge=0, lt=2**31)] = 0,
) -> dict[str, Any]:
    message = pb.GetInsightAnalysisRequest(
        name=f"{_customer(customer_id)}/analyses/{kind}", version=version
    )
    found = await _call(request, who, "GetInsightAnalysis", message)
    response.headers["ETag"] = quoted(found.etag)
    return _json(found)


@router.put(
    "/v1/customers/{customer_id}/analyses/{kind}",
    responses=ok(examples.INSIGHT_ANALYSIS),
    summary="Write the next version of an analysis; conclusions are hypotheses until verified",
)
async def put_analysis(
    customer_id: str,
    kind: str,
    request: Request,
    response: Response,
    who: Who,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    analysis = await _body(request, analysis_pb2.InsightAnalysis())
    analysis.name = f"{_customer(customer_id)}/analyses/{kind}"
    analysis.etag = unquoted(if_match)
    message = pb.UpdateInsightAnalysisRequest(insight_analysis=analysis)
    saved = await _call(request, who, "UpdateInsightAnalysis", message)
    response.headers["ETag"] = quoted(saved.etag)
    return _json(saved)


@router.get(
    "/v1/customers/{customer_id}/analyses/{kind}/versions",
    responses=ok(examples.INSIGHT_ANALYSIS_VERSIONS),
    summary="The versions of an analysis, newest first",
)
async def analysis_versions(
    customer_id: str,
    kind: str,
    request: Request,
    who: Who,
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListInsightAnalysisVersionsRequest(
        name=f"{_customer(customer_id)}/analyses/{kind}",
        page_size=page_size,
        page_token=page_token,
    )
    return _json(await _call(request, who, "ListInsightAnalysisVersions", message))


@router.get(
    "/v1/customers/{customer_id}/serviceStrategy",
    responses=ok(examples.SERVICE_STRATEGY),
    summary="The service strategy",
)
async def get_strategy(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/serviceStrategy"
    found = await _call(request, who, "GetServiceStrategy", pb.GetServiceStrategyRequest(name=name))
    response.headers["ETag"] = quoted(found.etag)
    return _json(found)


@router.put(
    "/v1/customers/{customer_id}/serviceStrategy",
    responses=ok(examples.SERVICE_STRATEGY),
    summary="Write the service strategy: why the customer chooses us, a few core values",
)
async def put_strategy(
    customer_id: str, request: Request, response: Response, who: Who, if_match: IfMatch = None
) -> dict[str, Any]:
    strategy = await _body(request, analysis_pb2.ServiceStrategy())
    strategy.name = f"{_customer(customer_id)}/serviceStrategy"
    strategy.etag = unquoted(if_match)
    message = pb.UpdateServiceStrategyRequest(service_strategy=strategy)
    saved = await _call(request, who, "UpdateServiceStrategy", message)
    response.headers["ETag"] = quoted(saved.etag)
    return _json(saved)


# ---------------------------------------------------------------------------------------------
# Information products
# ---------------------------------------------------------------------------------------------


@router.post(
    "/v1/customers/{customer_id}/informationProducts",
    responses=created(examples.INFORMATION_PRODUCT),
    status_code=201,
    summary="Write a report or brief (the market department); special reports need a commission",
)
async def create_product(
    customer_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    product = await _body(request, products_pb2.InformationProduct())
    message = pb.CreateInformationProductRequest(
        parent=_customer(customer_id), information_product=product
    )
    created = await _call(request, who, "CreateInformationProduct", message)
    response.headers["Location"] = f"/v1/{created.name}"
    return _json(created)


@router.get(
    "/v1/customers/{customer_id}/informationProducts",
    responses=ok(examples.INFORMATION_PRODUCTS),
    summary="The reports the caller's level or commission grants allow, newest first",
)
async def list_products(
    customer_id: str, request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListInformationProductsRequest(
        parent=_customer(customer_id), page_size=page_size, page_token=page_token
    )
    return _json(await _call(request, who, "ListInformationProducts", message))


@router.get(
    "/v1/customers/{customer_id}/informationProducts/{product_id}",
    responses=ok(examples.INFORMATION_PRODUCT),
    summary="One report, if the caller's level or a commission grant allows it",
)
async def get_product(
    customer_id: str, product_id: str, request: Request, who: Who
) -> dict[str, Any]:
    name = f"{_customer(customer_id)}/informationProducts/{product_id}"
    message = pb.GetInformationProductRequest(name=name)
    return _json(await _call(request, who, "GetInformationProduct", message))


__all__ = ["router"]
