import datetime

from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from mcr.planning.v1 import planning_pb2 as _planning_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetCustomerTeamRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateCustomerTeamRequest(_message.Message):
    __slots__ = ("customer_team", "update_mask")
    CUSTOMER_TEAM_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    customer_team: _planning_pb2.CustomerTeam
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, customer_team: _Optional[_Union[_planning_pb2.CustomerTeam, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class StartAnnualCycleRequest(_message.Message):
    __slots__ = ("year",)
    YEAR_FIELD_NUMBER: _ClassVar[int]
    year: int
    def __init__(self, year: _Optional[int] = ...) -> None: ...

class StartAnnualCycleResponse(_message.Message):
    __slots__ = ("issued_plans",)
    ISSUED_PLANS_FIELD_NUMBER: _ClassVar[int]
    issued_plans: int
    def __init__(self, issued_plans: _Optional[int] = ...) -> None: ...

class GetAnnualPlanRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListAnnualPlansRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAnnualPlansResponse(_message.Message):
    __slots__ = ("annual_plans", "next_page_token")
    ANNUAL_PLANS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    annual_plans: _containers.RepeatedCompositeFieldContainer[_planning_pb2.AnnualPlan]
    next_page_token: str
    def __init__(self, annual_plans: _Optional[_Iterable[_Union[_planning_pb2.AnnualPlan, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CompletePlanItemRequest(_message.Message):
    __slots__ = ("name", "summary", "achieved_value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ACHIEVED_VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    summary: str
    achieved_value: float
    def __init__(self, name: _Optional[str] = ..., summary: _Optional[str] = ..., achieved_value: _Optional[float] = ...) -> None: ...

class CreateMarketGoalRequest(_message.Message):
    __slots__ = ("parent", "market_goal", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    MARKET_GOAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    market_goal: _planning_pb2.MarketGoal
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., market_goal: _Optional[_Union[_planning_pb2.MarketGoal, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class ListMarketGoalsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListMarketGoalsResponse(_message.Message):
    __slots__ = ("market_goals",)
    MARKET_GOALS_FIELD_NUMBER: _ClassVar[int]
    market_goals: _containers.RepeatedCompositeFieldContainer[_planning_pb2.MarketGoal]
    def __init__(self, market_goals: _Optional[_Iterable[_Union[_planning_pb2.MarketGoal, _Mapping]]] = ...) -> None: ...

class AnalyzeGoalGapRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class AnalyzeGoalGapResponse(_message.Message):
    __slots__ = ("relationship_goal", "gaps")
    RELATIONSHIP_GOAL_FIELD_NUMBER: _ClassVar[int]
    GAPS_FIELD_NUMBER: _ClassVar[int]
    relationship_goal: _planning_pb2.RelationshipGoal
    gaps: _containers.RepeatedCompositeFieldContainer[_planning_pb2.GoalGap]
    def __init__(self, relationship_goal: _Optional[_Union[_planning_pb2.RelationshipGoal, _Mapping]] = ..., gaps: _Optional[_Iterable[_Union[_planning_pb2.GoalGap, _Mapping]]] = ...) -> None: ...

class CreateAssessmentRequest(_message.Message):
    __slots__ = ("parent", "assessment")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    assessment: _planning_pb2.Assessment
    def __init__(self, parent: _Optional[str] = ..., assessment: _Optional[_Union[_planning_pb2.Assessment, _Mapping]] = ...) -> None: ...

class ListAssessmentsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListAssessmentsResponse(_message.Message):
    __slots__ = ("assessments",)
    ASSESSMENTS_FIELD_NUMBER: _ClassVar[int]
    assessments: _containers.RepeatedCompositeFieldContainer[_planning_pb2.Assessment]
    def __init__(self, assessments: _Optional[_Iterable[_Union[_planning_pb2.Assessment, _Mapping]]] = ...) -> None: ...

class SpotCheckAssessmentRequest(_message.Message):
    __slots__ = ("name", "result")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    name: str
    result: str
    def __init__(self, name: _Optional[str] = ..., result: _Optional[str] = ...) -> None: ...

class GetPowerMapRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdatePowerMapPersonRequest(_message.Message):
    __slots__ = ("power_map_person", "update_mask")
    POWER_MAP_PERSON_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    power_map_person: _planning_pb2.PowerMapPerson
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, power_map_person: _Optional[_Union[_planning_pb2.PowerMapPerson, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeletePowerMapPersonRequest(_message.Message):
    __slots__ = ("person",)
    PERSON_FIELD_NUMBER: _ClassVar[int]
    person: str
    def __init__(self, person: _Optional[str] = ...) -> None: ...

class CreatePowerMapEdgeRequest(_message.Message):
    __slots__ = ("parent", "power_map_edge")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    POWER_MAP_EDGE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    power_map_edge: _planning_pb2.PowerMapEdge
    def __init__(self, parent: _Optional[str] = ..., power_map_edge: _Optional[_Union[_planning_pb2.PowerMapEdge, _Mapping]] = ...) -> None: ...

class DeletePowerMapEdgeRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListHandoversRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListHandoversResponse(_message.Message):
    __slots__ = ("handovers",)
    HANDOVERS_FIELD_NUMBER: _ClassVar[int]
    handovers: _containers.RepeatedCompositeFieldContainer[_planning_pb2.Handover]
    def __init__(self, handovers: _Optional[_Iterable[_Union[_planning_pb2.Handover, _Mapping]]] = ...) -> None: ...

class CreateTargetRequest(_message.Message):
    __slots__ = ("parent", "target")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    parent: str
    target: _planning_pb2.Target
    def __init__(self, parent: _Optional[str] = ..., target: _Optional[_Union[_planning_pb2.Target, _Mapping]] = ...) -> None: ...

class ListTargetsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListTargetsResponse(_message.Message):
    __slots__ = ("targets",)
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    targets: _containers.RepeatedCompositeFieldContainer[_planning_pb2.Target]
    def __init__(self, targets: _Optional[_Iterable[_Union[_planning_pb2.Target, _Mapping]]] = ...) -> None: ...

class GetDerivedSupportRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CreateSupportOverrideRequest(_message.Message):
    __slots__ = ("parent", "support_override")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    support_override: _planning_pb2.SupportOverride
    def __init__(self, parent: _Optional[str] = ..., support_override: _Optional[_Union[_planning_pb2.SupportOverride, _Mapping]] = ...) -> None: ...

class ConsentSponsorshipRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListSponsorshipShortfallsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSponsorshipShortfallsResponse(_message.Message):
    __slots__ = ("shortfalls",)
    SHORTFALLS_FIELD_NUMBER: _ClassVar[int]
    shortfalls: _containers.RepeatedCompositeFieldContainer[_planning_pb2.SponsorshipShortfall]
    def __init__(self, shortfalls: _Optional[_Iterable[_Union[_planning_pb2.SponsorshipShortfall, _Mapping]]] = ...) -> None: ...

class CreateSponsorshipRequest(_message.Message):
    __slots__ = ("parent", "sponsorship")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SPONSORSHIP_FIELD_NUMBER: _ClassVar[int]
    parent: str
    sponsorship: _planning_pb2.Sponsorship
    def __init__(self, parent: _Optional[str] = ..., sponsorship: _Optional[_Union[_planning_pb2.Sponsorship, _Mapping]] = ...) -> None: ...

class CreateExpansionCardRequest(_message.Message):
    __slots__ = ("expansion_card",)
    EXPANSION_CARD_FIELD_NUMBER: _ClassVar[int]
    expansion_card: _planning_pb2.ExpansionCard
    def __init__(self, expansion_card: _Optional[_Union[_planning_pb2.ExpansionCard, _Mapping]] = ...) -> None: ...

class GetExpansionCardRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListExpansionCardsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListExpansionCardsResponse(_message.Message):
    __slots__ = ("expansion_cards", "next_page_token")
    EXPANSION_CARDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    expansion_cards: _containers.RepeatedCompositeFieldContainer[_planning_pb2.ExpansionCard]
    next_page_token: str
    def __init__(self, expansion_cards: _Optional[_Iterable[_Union[_planning_pb2.ExpansionCard, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateProjectRequest(_message.Message):
    __slots__ = ("parent", "project")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    project: _planning_pb2.Project
    def __init__(self, parent: _Optional[str] = ..., project: _Optional[_Union[_planning_pb2.Project, _Mapping]] = ...) -> None: ...

class CreateBrandActivityRequest(_message.Message):
    __slots__ = ("parent", "brand_activity")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    BRAND_ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    brand_activity: _planning_pb2.BrandActivity
    def __init__(self, parent: _Optional[str] = ..., brand_activity: _Optional[_Union[_planning_pb2.BrandActivity, _Mapping]] = ...) -> None: ...

class RollUpBrandBudgetRequest(_message.Message):
    __slots__ = ("start_time", "end_time")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RollUpBrandBudgetResponse(_message.Message):
    __slots__ = ("region", "activity_count", "budget_units", "invitees")
    REGION_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_COUNT_FIELD_NUMBER: _ClassVar[int]
    BUDGET_UNITS_FIELD_NUMBER: _ClassVar[int]
    INVITEES_FIELD_NUMBER: _ClassVar[int]
    region: str
    activity_count: int
    budget_units: int
    invitees: int
    def __init__(self, region: _Optional[str] = ..., activity_count: _Optional[int] = ..., budget_units: _Optional[int] = ..., invitees: _Optional[int] = ...) -> None: ...

class UpdateCompetitorAnalysisRequest(_message.Message):
    __slots__ = ("competitor_analysis",)
    COMPETITOR_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    competitor_analysis: _planning_pb2.CompetitorAnalysis
    def __init__(self, competitor_analysis: _Optional[_Union[_planning_pb2.CompetitorAnalysis, _Mapping]] = ...) -> None: ...

class GetCompetitorAnalysisRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetTierComplianceRequest(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: str
    def __init__(self, customer: _Optional[str] = ...) -> None: ...

class GetTierComplianceResponse(_message.Message):
    __slots__ = ("tier", "obligations", "compliant")
    TIER_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    tier: str
    obligations: _containers.RepeatedCompositeFieldContainer[_planning_pb2.ObligationStatus]
    compliant: bool
    def __init__(self, tier: _Optional[str] = ..., obligations: _Optional[_Iterable[_Union[_planning_pb2.ObligationStatus, _Mapping]]] = ..., compliant: _Optional[bool] = ...) -> None: ...

class CreateDecisionChainRequest(_message.Message):
    __slots__ = ("parent", "decision_chain")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DECISION_CHAIN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    decision_chain: _planning_pb2.DecisionChain
    def __init__(self, parent: _Optional[str] = ..., decision_chain: _Optional[_Union[_planning_pb2.DecisionChain, _Mapping]] = ...) -> None: ...

class ListDecisionChainsRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListDecisionChainsResponse(_message.Message):
    __slots__ = ("decision_chains",)
    DECISION_CHAINS_FIELD_NUMBER: _ClassVar[int]
    decision_chains: _containers.RepeatedCompositeFieldContainer[_planning_pb2.DecisionChain]
    def __init__(self, decision_chains: _Optional[_Iterable[_Union[_planning_pb2.DecisionChain, _Mapping]]] = ...) -> None: ...

class GetRelationshipPlanRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateRelationshipPlanRequest(_message.Message):
    __slots__ = ("relationship_plan", "update_mask")
    RELATIONSHIP_PLAN_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    relationship_plan: _planning_pb2.RelationshipPlan
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, relationship_plan: _Optional[_Union[_planning_pb2.RelationshipPlan, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...
