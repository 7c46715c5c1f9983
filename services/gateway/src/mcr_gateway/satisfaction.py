"""The satisfaction service over REST: issues through the ITR flow, surveys, voice of
customer, improvement items and team KPIs.

Request bodies and responses are the protobuf messages in JSON (field names as in the .proto
files); a body that does not fit the message is a 400 problem naming the field.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Request
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from google.protobuf.message import Message
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc as pb_grpc

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import PageSize, deadline
from mcr_gateway.examples import ok
from mcr_gateway.problems import Problem

router = APIRouter(tags=["satisfaction"])
Who = Annotated[Caller, Depends(caller)]
Json = Annotated[dict[str, Any], Body(default_factory=dict)]


def _satisfaction(request: Request) -> pb_grpc.SatisfactionServiceStub:
    return request.app.state.satisfaction


def _json(message: Message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def _parse(body: dict[str, Any], message: Message, **fields: Any) -> Message:
    """The body as the request message; path parameters win over the body."""
    try:
        ParseDict(body | fields, message)
    except ParseError as exc:
        raise Problem(
            400, "Bad Request", str(exc), [{"field": "body", "message": str(exc)}]
        ) from exc
    return message


async def _call(request: Request, who: Caller, method: str, message: Message) -> dict[str, Any]:
    rpc = getattr(_satisfaction(request), method)
    return _json(await rpc(message, metadata=who.metadata, timeout=deadline(request)))


# ---------------------------------------------------------------------------------------------
# Issues
# ---------------------------------------------------------------------------------------------


@router.get(
    "/v1/customers/{customer_id}/issues",
    responses=ok(examples.ISSUES),
    summary="A customer's issues",
)
async def list_customer_issues(
    customer_id: str,
    request: Request,
    who: Who,
    filter: str = "",
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListIssuesRequest(
        parent=f"customers/{customer_id}",
        filter=filter,
        page_size=page_size,
        page_token=page_token,
    )
    return await _call(request, who, "ListIssues", message)


@router.get("/v1/issues", responses=ok(examples.ISSUES), summary="The issues the caller may see")
async def list_issues(
    request: Request, who: Who, filter: str = "", page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListIssuesRequest(
        parent="customers/-", filter=filter, page_size=page_size, page_token=page_token
    )
    return await _call(request, who, "ListIssues", message)


@router.post(
    "/v1/issues",
    status_code=201,
    responses=ok(examples.ISSUE_DETAIL, 201),
    summary="Submit an issue",
)
async def create_issue(
    request: Request,
    who: Who,
    body: Json,
    idempotency_key: Annotated[str, Header()] = "",
) -> dict[str, Any]:
    message = _parse(body, pb.CreateIssueRequest(), request_id=idempotency_key)
    return await _call(request, who, "CreateIssue", message)


@router.get(
    "/v1/issues/{issue_id}",
    responses=ok(examples.ISSUE_DETAIL),
    summary="An issue with its parties, revisits, tracebacks",
)
async def get_issue(issue_id: str, request: Request, who: Who) -> dict[str, Any]:
    return await _call(request, who, "GetIssue", pb.GetIssueRequest(name=f"issues/{issue_id}"))


# The ITR steps, as custom methods: POST /v1/issues/{id}:{verb}.
_STEPS: dict[str, tuple[str, type[Message]]] = {
    "accept": ("AcceptIssue", pb.AcceptIssueRequest),
    "distribute": ("DistributeIssue", pb.DistributeIssueRequest),
    "searchCaseLibrary": ("SearchCaseLibrary", pb.SearchCaseLibraryRequest),
    "startHandling": ("StartIssueHandling", pb.StartIssueHandlingRequest),
    "escalate": ("EscalateIssue", pb.EscalateIssueRequest),
    "resolve": ("ResolveIssue", pb.ResolveIssueRequest),
    "revisit": ("RevisitIssue", pb.RevisitIssueRequest),
    "recordQaTraceback": ("RecordQaTraceback", pb.RecordQaTracebackRequest),
    "close": ("CloseIssue", pb.CloseIssueRequest),
}


@router.post(
    "/v1/issues/{issue_id}:{step}",
    responses=ok(examples.ISSUE_DETAIL),
    summary="One ITR step: accept, distribute, searchCaseLibrary, startHandling, escalate, "
    "resolve, revisit, recordQaTraceback or close",
)
async def issue_step(
    issue_id: str, step: str, request: Request, who: Who, body: Json
) -> dict[str, Any]:
    if step not in _STEPS:
        raise Problem(404, "Not Found", f"no step {step!r}; use one of {', '.join(_STEPS)}")
    method, message_type = _STEPS[step]
    message = _parse(body, message_type(), name=f"issues/{issue_id}")
    return await _call(request, who, method, message)


# ---------------------------------------------------------------------------------------------
# Surveys, voice of customer, improvement items, KPIs
# ---------------------------------------------------------------------------------------------


@router.post(
    "/v1/surveys",
    status_code=201,
    responses=ok(examples.SURVEY, 201),
    summary="Create a survey and its sample plan",
)
async def create_survey(request: Request, who: Who, body: Json) -> dict[str, Any]:
    return await _call(request, who, "CreateSurvey", _parse(body, pb.CreateSurveyRequest()))


@router.post(
    "/v1/surveys:planProject",
    responses=ok(examples.SURVEYS, 201),
    status_code=201,
    summary="A closed project's surveys: all customers of a large one, 10% of a small one's",
)
async def plan_project_surveys(request: Request, who: Who, body: Json) -> dict[str, Any]:
    message = _parse(body, pb.PlanProjectSurveysRequest())
    return await _call(request, who, "PlanProjectSurveys", message)


@router.post(
    "/v1/surveys/{survey_id}/answers",
    status_code=201,
    responses=ok(examples.SURVEY_ANSWER, 201),
    summary="Record a respondent's answer",
)
async def create_answer(survey_id: str, request: Request, who: Who, body: Json) -> dict[str, Any]:
    message = _parse(
        {"answer": body}, pb.CreateSurveyAnswerRequest(), parent=f"surveys/{survey_id}"
    )
    return await _call(request, who, "CreateSurveyAnswer", message)


@router.post(
    "/v1/vocItems",
    status_code=201,
    responses=ok(examples.VOC_ITEM, 201),
    summary="Collect a voice of the customer",
)
async def create_voc_item(request: Request, who: Who, body: Json) -> dict[str, Any]:
    message = _parse({"voc_item": body}, pb.CreateVocItemRequest())
    return await _call(request, who, "CreateVocItem", message)


@router.post(
    "/v1/vocItems/{item_id}:advance",
    responses=ok(examples.VOC_ITEM),
    summary="Move a voice one stage on",
)
async def advance_voc_item(item_id: str, request: Request, who: Who, body: Json) -> dict[str, Any]:
    message = _parse(body, pb.AdvanceVocItemRequest(), name=f"vocItems/{item_id}")
    return await _call(request, who, "AdvanceVocItem", message)


@router.post(
    "/v1/improvementItems",
    status_code=201,
    responses=ok(examples.IMPROVEMENT_ITEM, 201),
    summary="Record a shortfall to improve",
)
async def create_improvement_item(request: Request, who: Who, body: Json) -> dict[str, Any]:
    message = _parse({"improvement_item": body}, pb.CreateImprovementItemRequest())
    return await _call(request, who, "CreateImprovementItem", message)


@router.get(
    "/v1/improvementItems",
    responses=ok(examples.IMPROVEMENT_ITEMS),
    summary="The region's improvement items, by priority",
)
async def list_improvement_items(request: Request, who: Who, state: str = "") -> dict[str, Any]:
    return await _call(
        request, who, "ListImprovementItems", pb.ListImprovementItemsRequest(state=state)
    )


@router.post(
    "/v1/improvementItems/{item_id}:advance",
    responses=ok(examples.IMPROVEMENT_ITEM),
    summary="Move an improvement item on",
)
async def advance_improvement_item(
    item_id: str, request: Request, who: Who, body: Json
) -> dict[str, Any]:
    message = _parse(body, pb.AdvanceImprovementItemRequest(), name=f"improvementItems/{item_id}")
    return await _call(request, who, "AdvanceImprovementItem", message)


@router.get(
    "/v1/customers/{customer_id}/weeklyIssueQuota",
    responses=ok(examples.WEEKLY_ISSUE_QUOTA),
    summary="A customer's valid issues of a week against its quota",
)
async def weekly_issue_quota(
    customer_id: str, request: Request, who: Who, annual_revenue_usd: int, week_start_time: str
) -> dict[str, Any]:
    body = {
        "customer": f"customers/{customer_id}",
        "annual_revenue_usd": str(annual_revenue_usd),
        "week_start_time": week_start_time,
    }
    message = _parse(body, pb.CheckWeeklyIssueQuotaRequest())
    return await _call(request, who, "CheckWeeklyIssueQuota", message)


@router.get(
    "/v1/teamKpis",
    responses=ok(examples.TEAM_KPIS),
    summary="A team's issue and revisit KPIs over a period",
)
async def team_kpis(
    request: Request, who: Who, team: str, start_time: str, end_time: str
) -> dict[str, Any]:
    body = {"team": team, "start_time": start_time, "end_time": end_time}
    return await _call(request, who, "GetTeamKpis", _parse(body, pb.GetTeamKpisRequest()))


@router.get(
    "/v1/customers/{customer_id}/surveyResults",
    responses=ok(examples.SURVEY_RESULTS),
    summary="Survey answers per expectation: mean expectation and perception, gap, respondents "
    "(customer_id '-' for every visible customer; `survey` for one survey)",
)
async def survey_results(
    customer_id: str, request: Request, who: Who, survey: str = ""
) -> dict[str, Any]:
    message = pb.GetSurveyResultsRequest(
        parent=f"customers/{customer_id}", survey=f"surveys/{survey}" if survey else ""
    )
    return await _call(request, who, "GetSurveyResults", message)
