"""The planning service over REST: customer teams, annual plans and their due items, market
goals and their gap, the power map, targets, expansion cards and tier compliance.

Request bodies are typed (unknown fields are refused); responses are the protobuf resources in
JSON (field names as in the .proto files). Errors are problem+json naming the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.planning.v1 import planning_pb2 as res
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc as pb_grpc
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import Int32, Int64, PageSize, deadline
from mcr_gateway.examples import ok

router = APIRouter(tags=["planning"])
Who = Annotated[Caller, Depends(caller)]
Support = Annotated[int, Field(ge=-3, le=3, description="−3..+3 (decision 6)")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _planning(request: Request) -> pb_grpc.PlanningServiceStub:
    return request.app.state.planning


def _json(message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def _stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


async def _call(request: Request, who: Caller, method: str, message) -> dict[str, Any]:
    rpc = getattr(_planning(request), method)
    return _json(await rpc(message, metadata=who.metadata, timeout=deadline(request)))


# --- customer teams and the annual cycle ------------------------------------------------------


class TeamMemberIn(Strict):
    employee: str = Field(examples=["employees/e-1001"])
    org_unit: str = Field(examples=["/cn-south/enterprise/team-3"])
    role: Literal["leader", "member"] = "member"


class CustomerTeamIn(Strict):
    members: list[TeamMemberIn]
    org_level: Literal["none", "contact", "cooperation", "partner", "strategic"] = "none"
    general_level: Literal["low", "medium", "high"] = "low"


@router.get(
    "/v1/customers/{customer_id}/planningTeam",
    responses=ok(examples.PLANNING_TEAM),
    summary="A customer's planning team",
)
async def get_team(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"customers/{customer_id}/planningTeam"
    return await _call(request, who, "GetCustomerTeam", pb.GetCustomerTeamRequest(name=name))


@router.put(
    "/v1/customers/{customer_id}/planningTeam",
    responses=ok(examples.PLANNING_TEAM),
    summary="Set a customer's planning team",
)
async def put_team(
    customer_id: str, body: CustomerTeamIn, request: Request, who: Who
) -> dict[str, Any]:
    team = res.CustomerTeam(
        name=f"customers/{customer_id}/planningTeam",
        members=[res.TeamMember(**m.model_dump()) for m in body.members],
        org_level=body.org_level,
        general_level=body.general_level,
        etag=request.headers.get("If-Match", "").strip('"'),
    )
    message = pb.UpdateCustomerTeamRequest(customer_team=team)
    return await _call(request, who, "UpdateCustomerTeam", message)


class CycleIn(Strict):
    year: Int32 = Field(examples=[2027])


@router.post(
    "/v1/annualPlans:start",
    responses=ok(examples.CYCLE_STARTED),
    summary="Start a plan year for the caller's region",
)
async def start_cycle(body: CycleIn, request: Request, who: Who) -> dict[str, Any]:
    message = pb.StartAnnualCycleRequest(year=body.year)
    return await _call(request, who, "StartAnnualCycle", message)


@router.get(
    "/v1/customers/{customer_id}/annualPlans",
    responses=ok(examples.ANNUAL_PLANS),
    summary="A customer's annual plans, newest first",
)
async def list_plans(
    customer_id: str,
    request: Request,
    who: Who,
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListAnnualPlansRequest(
        parent=f"customers/{customer_id}", page_size=page_size, page_token=page_token
    )
    return await _call(request, who, "ListAnnualPlans", message)


@router.get(
    "/v1/customers/{customer_id}/annualPlans/{year}",
    responses=ok(examples.ANNUAL_PLAN),
    summary="A customer's annual plan",
)
async def get_plan(customer_id: str, year: int, request: Request, who: Who) -> dict[str, Any]:
    name = f"customers/{customer_id}/annualPlans/{year}"
    return await _call(request, who, "GetAnnualPlan", pb.GetAnnualPlanRequest(name=name))


class CompletionIn(Strict):
    summary: str = Field(min_length=1)
    achieved_value: float = 0


@router.post(
    "/v1/customers/{customer_id}/annualPlans/{year}/items/{item_id}:complete",
    responses=ok(examples.PLAN_ITEM),
    summary="Mark a due item of a plan done",
)
async def complete_plan_item(
    customer_id: str, year: int, item_id: str, body: CompletionIn, request: Request, who: Who
) -> dict[str, Any]:
    name = f"customers/{customer_id}/annualPlans/{year}/items/{item_id}"
    message = pb.CompletePlanItemRequest(name=name, **body.model_dump())
    return await _call(request, who, "CompletePlanItem", message)


# --- market goals -----------------------------------------------------------------------------


class MarketGoalIn(Strict):
    kind: Literal["hilltop", "share", "profit", "competition"]
    product_segment: str = Field(examples=["product A"])
    scope: str = Field(default="", examples=["Guangdong"])
    target_share_percent: float = Field(default=0, ge=0, le=100)
    target_year: Int32 = Field(examples=[2027])
    description: str = ""


@router.post(
    "/v1/customers/{customer_id}/marketGoals",
    responses=ok(examples.MARKET_GOAL),
    summary="Enter a market goal",
)
async def create_goal(
    customer_id: str, body: MarketGoalIn, request: Request, who: Who
) -> dict[str, Any]:
    message = pb.CreateMarketGoalRequest(
        parent=f"customers/{customer_id}",
        market_goal=res.MarketGoal(**body.model_dump()),
        request_id=request.headers.get("Idempotency-Key", ""),
    )
    return await _call(request, who, "CreateMarketGoal", message)


@router.get(
    "/v1/customers/{customer_id}/marketGoals",
    responses=ok(examples.MARKET_GOALS),
    summary="A customer's market goals",
)
async def list_goals(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.ListMarketGoalsRequest(parent=f"customers/{customer_id}")
    return await _call(request, who, "ListMarketGoals", message)


@router.get(
    "/v1/customers/{customer_id}/marketGoals/{goal_id}:analyzeGap",
    responses=ok(examples.GOAL_GAP),
    summary="The gap between the goal's relationships and today",
)
async def analyze_gap(customer_id: str, goal_id: str, request: Request, who: Who):
    name = f"customers/{customer_id}/marketGoals/{goal_id}"
    return await _call(request, who, "AnalyzeGoalGap", pb.AnalyzeGoalGapRequest(name=name))


# --- power map and targets --------------------------------------------------------------------


class PowerMapPersonIn(Strict):
    display_name: str = ""
    # Deprecated: the archive's decision roles and layer win; these count only while the
    # archive records none for the person.
    role: (
        Literal["initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper"]
        | None
    ) = None
    layer: Literal["low", "middle", "high"] | None = None
    support: Support = 0
    competitor_support: dict[str, Support] = {}
    coach: bool = False
    veto: bool = False
    owner: str = ""


@router.get(
    "/v1/customers/{customer_id}/powerMap",
    responses=ok(examples.POWER_MAP),
    summary="The power map with its gaps",
)
async def get_power_map(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    name = f"customers/{customer_id}/powerMap"
    return await _call(request, who, "GetPowerMap", pb.GetPowerMapRequest(name=name))


@router.put(
    "/v1/customers/{customer_id}/powerMap/persons/{person_id}",
    responses=ok(examples.POWER_MAP_PERSON),
    summary="Put a person on the power map",
)
async def put_power_map_person(
    customer_id: str, person_id: str, body: PowerMapPersonIn, request: Request, who: Who
) -> dict[str, Any]:
    person = res.PowerMapPerson(
        person=f"customers/{customer_id}/persons/{person_id}", **body.model_dump(exclude_none=True)
    )
    message = pb.UpdatePowerMapPersonRequest(power_map_person=person, update_mask=FieldMask())
    return await _call(request, who, "UpdatePowerMapPerson", message)


class TargetIn(Strict):
    person: str = Field(examples=["customers/c-1/persons/p-1"])
    market_goal: str
    owner: str
    # Deprecated and ignored: planning reads the owner's grade from the archive.
    owner_job_grade: Int32 = Field(default=0, ge=0)
    owner_kpi: str
    backup: str = ""
    target_level: Support
    important: bool = False
    information_channels: list[str] = []
    pr_route: list[str] = []


@router.post(
    "/v1/customers/{customer_id}/targets",
    responses=ok(examples.TARGET),
    summary="Select a PR target (four checks)",
)
async def create_target(
    customer_id: str, body: TargetIn, request: Request, who: Who
) -> dict[str, Any]:
    message = pb.CreateTargetRequest(
        parent=f"customers/{customer_id}", target=res.Target(**body.model_dump())
    )
    return await _call(request, who, "CreateTarget", message)


@router.get(
    "/v1/customers/{customer_id}/tierCompliance",
    responses=ok(examples.TIER_COMPLIANCE),
    summary="The tier's obligations met",
)
async def tier_compliance(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.GetTierComplianceRequest(customer=f"customers/{customer_id}")
    return await _call(request, who, "GetTierCompliance", message)


# --- expansion cards --------------------------------------------------------------------------


class CommitmentIn(Strict):
    goal: str
    metric: str = ""
    target_value: float = 0
    due_time: datetime


class ExpansionCardIn(Strict):
    customer: str
    person: str
    owner: str
    sponsor: str = ""
    commitment: CommitmentIn
    actions: list[str]


@router.post(
    "/v1/expansionCards",
    responses=ok(examples.EXPANSION_CARD),
    summary="Create a key-customer expansion card",
)
async def create_card(body: ExpansionCardIn, request: Request, who: Who) -> dict[str, Any]:
    data = body.model_dump()
    commitment = data.pop("commitment")
    card = res.ExpansionCard(
        **data,
        commitment=res.Commitment(
            goal=commitment["goal"],
            metric=commitment["metric"],
            target_value=commitment["target_value"],
            due_time=_stamp(commitment["due_time"]),
        ),
    )
    message = pb.CreateExpansionCardRequest(expansion_card=card)
    return await _call(request, who, "CreateExpansionCard", message)


@router.get(
    "/v1/expansionCards/{card_id}",
    responses=ok(examples.EXPANSION_CARD),
    summary="An expansion card (owner and superiors)",
)
async def get_card(card_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.GetExpansionCardRequest(name=f"expansionCards/{card_id}")
    return await _call(request, who, "GetExpansionCard", message)


@router.get(
    "/v1/expansionCards",
    responses=ok(examples.EXPANSION_CARDS),
    summary="The expansion cards the caller may see",
)
async def list_cards(
    request: Request,
    who: Who,
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListExpansionCardsRequest(page_size=page_size, page_token=page_token)
    return await _call(request, who, "ListExpansionCards", message)


@router.post(
    "/v1/expansionCards/{card_id}/items/{item_id}:complete",
    responses=ok(examples.RETROSPECTIVE),
    summary="Record a card's retrospective",
)
async def complete_card_item(
    card_id: str, item_id: str, body: CompletionIn, request: Request, who: Who
) -> dict[str, Any]:
    name = f"expansionCards/{card_id}/items/{item_id}"
    message = pb.CompletePlanItemRequest(name=name, **body.model_dump())
    return await _call(request, who, "CompletePlanItem", message)


# --- assessments, decision chains, competitor questions ---------------------------------------

Dimension = Literal[
    "acceptance",
    "participation",
    "information_transfer",
    "business_guidance",
    "decision_support",
    "competitive_attitude",
]


class AssessmentIn(Strict):
    dimensions: dict[Dimension, Support] = Field(description="Only the relevant dimensions")
    evidence_key_events: list[str] = []
    competitor_support: dict[str, Support] = {}
    note: str = ""


@router.post(
    "/v1/customers/{customer_id}/persons/{person_id}/assessments",
    responses=ok(examples.ASSESSMENT),
    summary="Assess a key person (a positive level needs recorded key events)",
)
async def create_assessment(
    customer_id: str, person_id: str, body: AssessmentIn, request: Request, who: Who
) -> dict[str, Any]:
    message = pb.CreateAssessmentRequest(
        parent=f"customers/{customer_id}/persons/{person_id}",
        assessment=res.Assessment(**body.model_dump()),
    )
    return await _call(request, who, "CreateAssessment", message)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/assessments",
    responses=ok(examples.ASSESSMENTS),
    summary="A key person's assessments, newest first",
)
async def list_assessments(
    customer_id: str, person_id: str, request: Request, who: Who
) -> dict[str, Any]:
    message = pb.ListAssessmentsRequest(parent=f"customers/{customer_id}/persons/{person_id}")
    return await _call(request, who, "ListAssessments", message)


class ChainNodeIn(Strict):
    person: str
    role: Literal["initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper"]
    hidden: bool = False


class DecisionChainIn(Strict):
    scenario: str = Field(examples=["bid evaluation"])
    nodes: list[ChainNodeIn]


@router.post(
    "/v1/customers/{customer_id}/decisionChains",
    responses=ok(examples.DECISION_CHAIN),
    summary="Draw a decision chain",
)
async def create_chain(
    customer_id: str, body: DecisionChainIn, request: Request, who: Who
) -> dict[str, Any]:
    chain = res.DecisionChain(
        scenario=body.scenario,
        nodes=[res.DecisionChainNode(**n.model_dump()) for n in body.nodes],
    )
    message = pb.CreateDecisionChainRequest(parent=f"customers/{customer_id}", decision_chain=chain)
    return await _call(request, who, "CreateDecisionChain", message)


@router.get(
    "/v1/customers/{customer_id}/decisionChains",
    responses=ok(examples.DECISION_CHAINS),
    summary="A customer's decision chains",
)
async def list_chains(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.ListDecisionChainsRequest(parent=f"customers/{customer_id}")
    return await _call(request, who, "ListDecisionChains", message)


class CompetitorAnswersIn(Strict):
    answers: dict[
        Literal[
            "strategy_positioning",
            "development_strategy",
            "relationship_strategy",
            "relationship_means",
            "support_points",
            "our_differentiation",
        ],
        str,
    ]


@router.put(
    "/v1/customers/{customer_id}/competitorAnalyses/{competitor}",
    responses=ok(examples.COMPETITOR_ANALYSIS),
    summary="Answer the six competitor questions (the answers given replace the old)",
)
async def put_competitor(
    customer_id: str, competitor: str, body: CompetitorAnswersIn, request: Request, who: Who
) -> dict[str, Any]:
    analysis = res.CompetitorAnalysis(
        name=f"customers/{customer_id}/competitorAnalyses/{competitor}", answers=body.answers
    )
    message = pb.UpdateCompetitorAnalysisRequest(competitor_analysis=analysis)
    return await _call(request, who, "UpdateCompetitorAnalysis", message)


@router.get(
    "/v1/customers/{customer_id}/competitorAnalyses/{competitor}",
    responses=ok(examples.COMPETITOR_ANALYSIS),
    summary="A competitor analysis with the questions still open",
)
async def get_competitor(
    customer_id: str, competitor: str, request: Request, who: Who
) -> dict[str, Any]:
    name = f"customers/{customer_id}/competitorAnalyses/{competitor}"
    message = pb.GetCompetitorAnalysisRequest(name=name)
    return await _call(request, who, "GetCompetitorAnalysis", message)


# --- opportunity list, brand activities, handovers --------------------------------------------


class ProjectIn(Strict):
    display_name: str
    decision_time: datetime | None = None


@router.post(
    "/v1/customers/{customer_id}/projects",
    responses=ok(examples.PROJECT),
    summary="Add to the opportunity list",
)
async def create_project(
    customer_id: str, body: ProjectIn, request: Request, who: Who
) -> dict[str, Any]:
    project = res.Project(display_name=body.display_name)
    if body.decision_time is not None:
        project.decision_time.CopyFrom(_stamp(body.decision_time))
    message = pb.CreateProjectRequest(parent=f"customers/{customer_id}", project=project)
    return await _call(request, who, "CreateProject", message)


class BrandActivityIn(Strict):
    display_name: str
    project: str = Field(examples=["customers/c-1/projects/p-1"])
    activity_time: datetime
    invitees: Int32
    days: Int32
    budget_units: Int64


@router.post(
    "/v1/customers/{customer_id}/brandActivities",
    responses=ok(examples.BRAND_ACTIVITY),
    summary="Plan a brand activity (project, date before its decision, budget)",
)
async def create_brand_activity(
    customer_id: str, body: BrandActivityIn, request: Request, who: Who
) -> dict[str, Any]:
    data = body.model_dump()
    activity = res.BrandActivity(**(data | {"activity_time": _stamp(data["activity_time"])}))
    message = pb.CreateBrandActivityRequest(
        parent=f"customers/{customer_id}", brand_activity=activity
    )
    return await _call(request, who, "CreateBrandActivity", message)


@router.get(
    "/v1/brandActivities:rollUp",
    responses=ok(examples.BRAND_BUDGET),
    summary="The region's brand budget (managers)",
)
async def roll_up_brand_budget(request: Request, who: Who) -> dict[str, Any]:
    return await _call(request, who, "RollUpBrandBudget", pb.RollUpBrandBudgetRequest())


@router.get(
    "/v1/customers/{customer_id}/handovers",
    responses=ok(examples.HANDOVERS),
    summary="Relationships that changed hands",
)
async def list_handovers(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.ListHandoversRequest(parent=f"customers/{customer_id}")
    return await _call(request, who, "ListHandovers", message)
