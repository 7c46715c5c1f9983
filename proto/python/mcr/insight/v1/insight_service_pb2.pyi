import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mcr.common.v1 import authorization_pb2 as _authorization_pb2
from mcr.insight.v1 import analysis_pb2 as _analysis_pb2
from mcr.insight.v1 import monitoring_pb2 as _monitoring_pb2
from mcr.insight.v1 import products_pb2 as _products_pb2
from mcr.insight.v1 import sandbox_pb2 as _sandbox_pb2
from mcr.insight.v1 import tier_pb2 as _tier_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProfitQuadrant(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROFIT_QUADRANT_UNSPECIFIED: _ClassVar[ProfitQuadrant]
    PROFIT_QUADRANT_CHAMPION: _ClassVar[ProfitQuadrant]
    PROFIT_QUADRANT_FUTURE_STAR: _ClassVar[ProfitQuadrant]
    PROFIT_QUADRANT_SHRINK: _ClassVar[ProfitQuadrant]
    PROFIT_QUADRANT_CUT: _ClassVar[ProfitQuadrant]
PROFIT_QUADRANT_UNSPECIFIED: ProfitQuadrant
PROFIT_QUADRANT_CHAMPION: ProfitQuadrant
PROFIT_QUADRANT_FUTURE_STAR: ProfitQuadrant
PROFIT_QUADRANT_SHRINK: ProfitQuadrant
PROFIT_QUADRANT_CUT: ProfitQuadrant

class GetTierAssignmentRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListTierAssignmentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListTierAssignmentsResponse(_message.Message):
    __slots__ = ("tier_assignments", "next_page_token")
    TIER_ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tier_assignments: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierAssignment]
    next_page_token: str
    def __init__(self, tier_assignments: _Optional[_Iterable[_Union[_tier_pb2.TierAssignment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListTierHistoryRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTierHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierHistoryEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[_tier_pb2.TierHistoryEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ExplainTierRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ExplainTierResponse(_message.Message):
    __slots__ = ("tier_assignment", "components", "tiers", "assigned_by_plugin", "plugin_failures", "manual_decisions", "metrics", "industry", "ownership_type")
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TIER_ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    TIERS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_BY_PLUGIN_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FAILURES_FIELD_NUMBER: _ClassVar[int]
    MANUAL_DECISIONS_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_FIELD_NUMBER: _ClassVar[int]
    OWNERSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    tier_assignment: _tier_pb2.TierAssignment
    components: _containers.RepeatedCompositeFieldContainer[_tier_pb2.ScoreComponent]
    tiers: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierDefinition]
    assigned_by_plugin: str
    plugin_failures: _containers.RepeatedCompositeFieldContainer[PluginFailure]
    manual_decisions: _containers.RepeatedCompositeFieldContainer[_tier_pb2.ManualTierDecision]
    metrics: _containers.ScalarMap[str, str]
    industry: str
    ownership_type: str
    def __init__(self, tier_assignment: _Optional[_Union[_tier_pb2.TierAssignment, _Mapping]] = ..., components: _Optional[_Iterable[_Union[_tier_pb2.ScoreComponent, _Mapping]]] = ..., tiers: _Optional[_Iterable[_Union[_tier_pb2.TierDefinition, _Mapping]]] = ..., assigned_by_plugin: _Optional[str] = ..., plugin_failures: _Optional[_Iterable[_Union[PluginFailure, _Mapping]]] = ..., manual_decisions: _Optional[_Iterable[_Union[_tier_pb2.ManualTierDecision, _Mapping]]] = ..., metrics: _Optional[_Mapping[str, str]] = ..., industry: _Optional[str] = ..., ownership_type: _Optional[str] = ...) -> None: ...

class SetManualTierRequest(_message.Message):
    __slots__ = ("name", "tier", "justification", "expire_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    tier: str
    justification: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., tier: _Optional[str] = ..., justification: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClearManualTierRequest(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RescorePortfolioRequest(_message.Message):
    __slots__ = ("max_customers_per_migration",)
    MAX_CUSTOMERS_PER_MIGRATION_FIELD_NUMBER: _ClassVar[int]
    max_customers_per_migration: int
    def __init__(self, max_customers_per_migration: _Optional[int] = ...) -> None: ...

class GetTierConfigurationRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EvaluateTierConfigurationRequest(_message.Message):
    __slots__ = ("configuration", "max_customers_per_migration", "packs")
    CONFIGURATION_FIELD_NUMBER: _ClassVar[int]
    MAX_CUSTOMERS_PER_MIGRATION_FIELD_NUMBER: _ClassVar[int]
    PACKS_FIELD_NUMBER: _ClassVar[int]
    configuration: _tier_pb2.TierConfiguration
    max_customers_per_migration: int
    packs: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, configuration: _Optional[_Union[_tier_pb2.TierConfiguration, _Mapping]] = ..., max_customers_per_migration: _Optional[int] = ..., packs: _Optional[_Iterable[str]] = ...) -> None: ...

class ApplyTierConfigurationRequest(_message.Message):
    __slots__ = ("configuration", "expected_revision", "max_customers_per_migration")
    CONFIGURATION_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    MAX_CUSTOMERS_PER_MIGRATION_FIELD_NUMBER: _ClassVar[int]
    configuration: _tier_pb2.TierConfiguration
    expected_revision: int
    max_customers_per_migration: int
    def __init__(self, configuration: _Optional[_Union[_tier_pb2.TierConfiguration, _Mapping]] = ..., expected_revision: _Optional[int] = ..., max_customers_per_migration: _Optional[int] = ...) -> None: ...

class PortfolioEvaluation(_message.Message):
    __slots__ = ("configuration", "customers_evaluated", "migrations", "tier_counts", "plugin_failures", "applied", "packs", "tier_policies")
    class TierCountsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    CONFIGURATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    MIGRATIONS_FIELD_NUMBER: _ClassVar[int]
    TIER_COUNTS_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FAILURES_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    PACKS_FIELD_NUMBER: _ClassVar[int]
    TIER_POLICIES_FIELD_NUMBER: _ClassVar[int]
    configuration: _tier_pb2.TierConfiguration
    customers_evaluated: int
    migrations: _containers.RepeatedCompositeFieldContainer[TierMigration]
    tier_counts: _containers.ScalarMap[str, int]
    plugin_failures: _containers.RepeatedCompositeFieldContainer[PluginFailure]
    applied: bool
    packs: _containers.RepeatedScalarFieldContainer[str]
    tier_policies: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierPolicy]
    def __init__(self, configuration: _Optional[_Union[_tier_pb2.TierConfiguration, _Mapping]] = ..., customers_evaluated: _Optional[int] = ..., migrations: _Optional[_Iterable[_Union[TierMigration, _Mapping]]] = ..., tier_counts: _Optional[_Mapping[str, int]] = ..., plugin_failures: _Optional[_Iterable[_Union[PluginFailure, _Mapping]]] = ..., applied: _Optional[bool] = ..., packs: _Optional[_Iterable[str]] = ..., tier_policies: _Optional[_Iterable[_Union[_tier_pb2.TierPolicy, _Mapping]]] = ...) -> None: ...

class TierMigration(_message.Message):
    __slots__ = ("from_tier", "to_tier", "count", "customers", "reasons")
    FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    from_tier: str
    to_tier: str
    count: int
    customers: _containers.RepeatedScalarFieldContainer[str]
    reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, from_tier: _Optional[str] = ..., to_tier: _Optional[str] = ..., count: _Optional[int] = ..., customers: _Optional[_Iterable[str]] = ..., reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class PluginFailure(_message.Message):
    __slots__ = ("plugin", "hook", "reason", "customer_count", "customers")
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    HOOK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_COUNT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    hook: str
    reason: str
    customer_count: int
    customers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, plugin: _Optional[str] = ..., hook: _Optional[str] = ..., reason: _Optional[str] = ..., customer_count: _Optional[int] = ..., customers: _Optional[_Iterable[str]] = ...) -> None: ...

class ListTierDefinitionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListTierDefinitionsResponse(_message.Message):
    __slots__ = ("tiers",)
    TIERS_FIELD_NUMBER: _ClassVar[int]
    tiers: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierDefinition]
    def __init__(self, tiers: _Optional[_Iterable[_Union[_tier_pb2.TierDefinition, _Mapping]]] = ...) -> None: ...

class GetTierPolicyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListTierPoliciesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListTierPoliciesResponse(_message.Message):
    __slots__ = ("tier_policies",)
    TIER_POLICIES_FIELD_NUMBER: _ClassVar[int]
    tier_policies: _containers.RepeatedCompositeFieldContainer[_tier_pb2.TierPolicy]
    def __init__(self, tier_policies: _Optional[_Iterable[_Union[_tier_pb2.TierPolicy, _Mapping]]] = ...) -> None: ...

class ComputeMigrationClvRequest(_message.Message):
    __slots__ = ("brands", "initial_shares_percent", "transition_matrix", "contribution_per_purchase", "purchases_per_period", "discount_rate", "horizon_periods")
    BRANDS_FIELD_NUMBER: _ClassVar[int]
    INITIAL_SHARES_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TRANSITION_MATRIX_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_PER_PURCHASE_FIELD_NUMBER: _ClassVar[int]
    PURCHASES_PER_PERIOD_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_RATE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_PERIODS_FIELD_NUMBER: _ClassVar[int]
    brands: _containers.RepeatedScalarFieldContainer[str]
    initial_shares_percent: _containers.RepeatedScalarFieldContainer[float]
    transition_matrix: _containers.RepeatedCompositeFieldContainer[TransitionRow]
    contribution_per_purchase: float
    purchases_per_period: float
    discount_rate: float
    horizon_periods: int
    def __init__(self, brands: _Optional[_Iterable[str]] = ..., initial_shares_percent: _Optional[_Iterable[float]] = ..., transition_matrix: _Optional[_Iterable[_Union[TransitionRow, _Mapping]]] = ..., contribution_per_purchase: _Optional[float] = ..., purchases_per_period: _Optional[float] = ..., discount_rate: _Optional[float] = ..., horizon_periods: _Optional[int] = ...) -> None: ...

class TransitionRow(_message.Message):
    __slots__ = ("probabilities",)
    PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    probabilities: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, probabilities: _Optional[_Iterable[float]] = ...) -> None: ...

class ComputeMigrationClvResponse(_message.Message):
    __slots__ = ("brand_values",)
    BRAND_VALUES_FIELD_NUMBER: _ClassVar[int]
    brand_values: _containers.RepeatedCompositeFieldContainer[BrandClv]
    def __init__(self, brand_values: _Optional[_Iterable[_Union[BrandClv, _Mapping]]] = ...) -> None: ...

class BrandClv(_message.Message):
    __slots__ = ("brand", "lifetime_value", "shares_by_period")
    BRAND_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_VALUE_FIELD_NUMBER: _ClassVar[int]
    SHARES_BY_PERIOD_FIELD_NUMBER: _ClassVar[int]
    brand: str
    lifetime_value: float
    shares_by_period: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, brand: _Optional[str] = ..., lifetime_value: _Optional[float] = ..., shares_by_period: _Optional[_Iterable[float]] = ...) -> None: ...

class ComputeRetentionClvRequest(_message.Message):
    __slots__ = ("contribution_per_period", "retention_rate", "discount_rate", "horizon_periods", "acquisition_cost")
    CONTRIBUTION_PER_PERIOD_FIELD_NUMBER: _ClassVar[int]
    RETENTION_RATE_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_RATE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_PERIODS_FIELD_NUMBER: _ClassVar[int]
    ACQUISITION_COST_FIELD_NUMBER: _ClassVar[int]
    contribution_per_period: float
    retention_rate: float
    discount_rate: float
    horizon_periods: int
    acquisition_cost: float
    def __init__(self, contribution_per_period: _Optional[float] = ..., retention_rate: _Optional[float] = ..., discount_rate: _Optional[float] = ..., horizon_periods: _Optional[int] = ..., acquisition_cost: _Optional[float] = ...) -> None: ...

class ComputeRetentionClvResponse(_message.Message):
    __slots__ = ("lifetime_value", "discounted_contributions")
    LIFETIME_VALUE_FIELD_NUMBER: _ClassVar[int]
    DISCOUNTED_CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    lifetime_value: float
    discounted_contributions: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, lifetime_value: _Optional[float] = ..., discounted_contributions: _Optional[_Iterable[float]] = ...) -> None: ...

class ClassifyProfitQuadrantsRequest(_message.Message):
    __slots__ = ("customers", "current_profit_threshold", "future_profit_threshold")
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PROFIT_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    FUTURE_PROFIT_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    customers: _containers.RepeatedCompositeFieldContainer[CustomerProfit]
    current_profit_threshold: float
    future_profit_threshold: float
    def __init__(self, customers: _Optional[_Iterable[_Union[CustomerProfit, _Mapping]]] = ..., current_profit_threshold: _Optional[float] = ..., future_profit_threshold: _Optional[float] = ...) -> None: ...

class CustomerProfit(_message.Message):
    __slots__ = ("customer", "current_profit", "future_profit")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PROFIT_FIELD_NUMBER: _ClassVar[int]
    FUTURE_PROFIT_FIELD_NUMBER: _ClassVar[int]
    customer: str
    current_profit: float
    future_profit: float
    def __init__(self, customer: _Optional[str] = ..., current_profit: _Optional[float] = ..., future_profit: _Optional[float] = ...) -> None: ...

class ClassifyProfitQuadrantsResponse(_message.Message):
    __slots__ = ("classifications",)
    CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    classifications: _containers.RepeatedCompositeFieldContainer[ProfitClassification]
    def __init__(self, classifications: _Optional[_Iterable[_Union[ProfitClassification, _Mapping]]] = ...) -> None: ...

class ProfitClassification(_message.Message):
    __slots__ = ("customer", "quadrant", "advice")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    QUADRANT_FIELD_NUMBER: _ClassVar[int]
    ADVICE_FIELD_NUMBER: _ClassVar[int]
    customer: str
    quadrant: ProfitQuadrant
    advice: str
    def __init__(self, customer: _Optional[str] = ..., quadrant: _Optional[_Union[ProfitQuadrant, str]] = ..., advice: _Optional[str] = ...) -> None: ...

class GetStrategicSandboxRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateStrategicSandboxRequest(_message.Message):
    __slots__ = ("strategic_sandbox",)
    STRATEGIC_SANDBOX_FIELD_NUMBER: _ClassVar[int]
    strategic_sandbox: _sandbox_pb2.StrategicSandbox
    def __init__(self, strategic_sandbox: _Optional[_Union[_sandbox_pb2.StrategicSandbox, _Mapping]] = ...) -> None: ...

class CreateOpportunityRequest(_message.Message):
    __slots__ = ("parent", "opportunity", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    OPPORTUNITY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    opportunity: _sandbox_pb2.Opportunity
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., opportunity: _Optional[_Union[_sandbox_pb2.Opportunity, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class ListOpportunitiesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOpportunitiesResponse(_message.Message):
    __slots__ = ("opportunities", "next_page_token", "weights")
    OPPORTUNITIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    opportunities: _containers.RepeatedCompositeFieldContainer[_sandbox_pb2.Opportunity]
    next_page_token: str
    weights: _sandbox_pb2.OpportunityWeights
    def __init__(self, opportunities: _Optional[_Iterable[_Union[_sandbox_pb2.Opportunity, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., weights: _Optional[_Union[_sandbox_pb2.OpportunityWeights, _Mapping]] = ...) -> None: ...

class SelectOpportunityRequest(_message.Message):
    __slots__ = ("name", "market_target")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MARKET_TARGET_FIELD_NUMBER: _ClassVar[int]
    name: str
    market_target: _sandbox_pb2.MarketTarget
    def __init__(self, name: _Optional[str] = ..., market_target: _Optional[_Union[_sandbox_pb2.MarketTarget, _Mapping]] = ...) -> None: ...

class CompleteAnnualInsightRequest(_message.Message):
    __slots__ = ("parent", "year")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    parent: str
    year: int
    def __init__(self, parent: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class TakePortfolioSnapshotRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListPortfolioSnapshotsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPortfolioSnapshotsResponse(_message.Message):
    __slots__ = ("portfolio_snapshots", "next_page_token")
    PORTFOLIO_SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    portfolio_snapshots: _containers.RepeatedCompositeFieldContainer[_monitoring_pb2.PortfolioSnapshot]
    next_page_token: str
    def __init__(self, portfolio_snapshots: _Optional[_Iterable[_Union[_monitoring_pb2.PortfolioSnapshot, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRetrospectiveTasksRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRetrospectiveTasksResponse(_message.Message):
    __slots__ = ("retrospective_tasks",)
    RETROSPECTIVE_TASKS_FIELD_NUMBER: _ClassVar[int]
    retrospective_tasks: _containers.RepeatedCompositeFieldContainer[_monitoring_pb2.RetrospectiveTask]
    def __init__(self, retrospective_tasks: _Optional[_Iterable[_Union[_monitoring_pb2.RetrospectiveTask, _Mapping]]] = ...) -> None: ...

class GetValueReturnCurveRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateValueReturnCurveRequest(_message.Message):
    __slots__ = ("value_return_curve",)
    VALUE_RETURN_CURVE_FIELD_NUMBER: _ClassVar[int]
    value_return_curve: _monitoring_pb2.ValueReturnCurve
    def __init__(self, value_return_curve: _Optional[_Union[_monitoring_pb2.ValueReturnCurve, _Mapping]] = ...) -> None: ...

class RecordCustomerReviewRequest(_message.Message):
    __slots__ = ("parent",)
    PARENT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    def __init__(self, parent: _Optional[str] = ...) -> None: ...

class ListDueReviewsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDueReviewsResponse(_message.Message):
    __slots__ = ("due_reviews", "next_page_token")
    DUE_REVIEWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    due_reviews: _containers.RepeatedCompositeFieldContainer[_monitoring_pb2.DueReview]
    next_page_token: str
    def __init__(self, due_reviews: _Optional[_Iterable[_Union[_monitoring_pb2.DueReview, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetIndustryApplicabilityRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetInsightAnalysisRequest(_message.Message):
    __slots__ = ("name", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: int
    def __init__(self, name: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class UpdateInsightAnalysisRequest(_message.Message):
    __slots__ = ("insight_analysis",)
    INSIGHT_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    insight_analysis: _analysis_pb2.InsightAnalysis
    def __init__(self, insight_analysis: _Optional[_Union[_analysis_pb2.InsightAnalysis, _Mapping]] = ...) -> None: ...

class ListInsightAnalysisVersionsRequest(_message.Message):
    __slots__ = ("name", "page_size", "page_token")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    name: str
    page_size: int
    page_token: str
    def __init__(self, name: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListInsightAnalysisVersionsResponse(_message.Message):
    __slots__ = ("insight_analyses", "next_page_token")
    INSIGHT_ANALYSES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    insight_analyses: _containers.RepeatedCompositeFieldContainer[_analysis_pb2.InsightAnalysis]
    next_page_token: str
    def __init__(self, insight_analyses: _Optional[_Iterable[_Union[_analysis_pb2.InsightAnalysis, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetServiceStrategyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class UpdateServiceStrategyRequest(_message.Message):
    __slots__ = ("service_strategy",)
    SERVICE_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    service_strategy: _analysis_pb2.ServiceStrategy
    def __init__(self, service_strategy: _Optional[_Union[_analysis_pb2.ServiceStrategy, _Mapping]] = ...) -> None: ...

class CreateInformationProductRequest(_message.Message):
    __slots__ = ("parent", "information_product")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_PRODUCT_FIELD_NUMBER: _ClassVar[int]
    parent: str
    information_product: _products_pb2.InformationProduct
    def __init__(self, parent: _Optional[str] = ..., information_product: _Optional[_Union[_products_pb2.InformationProduct, _Mapping]] = ...) -> None: ...

class GetInformationProductRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListInformationProductsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListInformationProductsResponse(_message.Message):
    __slots__ = ("information_products", "next_page_token")
    INFORMATION_PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    information_products: _containers.RepeatedCompositeFieldContainer[_products_pb2.InformationProduct]
    next_page_token: str
    def __init__(self, information_products: _Optional[_Iterable[_Union[_products_pb2.InformationProduct, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
