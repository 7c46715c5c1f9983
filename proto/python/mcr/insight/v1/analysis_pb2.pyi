import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConclusionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONCLUSION_STATUS_UNSPECIFIED: _ClassVar[ConclusionStatus]
    CONCLUSION_STATUS_HYPOTHESIS: _ClassVar[ConclusionStatus]
    CONCLUSION_STATUS_CONFIRMED: _ClassVar[ConclusionStatus]
    CONCLUSION_STATUS_REFUTED: _ClassVar[ConclusionStatus]

class NeedFulfilment(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NEED_FULFILMENT_UNSPECIFIED: _ClassVar[NeedFulfilment]
    NEED_FULFILMENT_NOW: _ClassVar[NeedFulfilment]
    NEED_FULFILMENT_CUSTOM_DEVELOPMENT: _ClassVar[NeedFulfilment]
    NEED_FULFILMENT_STRATEGIC: _ClassVar[NeedFulfilment]

class NeedHorizon(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NEED_HORIZON_UNSPECIFIED: _ClassVar[NeedHorizon]
    NEED_HORIZON_SHORT_TERM: _ClassVar[NeedHorizon]
    NEED_HORIZON_MEDIUM_TERM: _ClassVar[NeedHorizon]
    NEED_HORIZON_LONG_TERM: _ClassVar[NeedHorizon]
CONCLUSION_STATUS_UNSPECIFIED: ConclusionStatus
CONCLUSION_STATUS_HYPOTHESIS: ConclusionStatus
CONCLUSION_STATUS_CONFIRMED: ConclusionStatus
CONCLUSION_STATUS_REFUTED: ConclusionStatus
NEED_FULFILMENT_UNSPECIFIED: NeedFulfilment
NEED_FULFILMENT_NOW: NeedFulfilment
NEED_FULFILMENT_CUSTOM_DEVELOPMENT: NeedFulfilment
NEED_FULFILMENT_STRATEGIC: NeedFulfilment
NEED_HORIZON_UNSPECIFIED: NeedHorizon
NEED_HORIZON_SHORT_TERM: NeedHorizon
NEED_HORIZON_MEDIUM_TERM: NeedHorizon
NEED_HORIZON_LONG_TERM: NeedHorizon

class Conclusion(_message.Message):
    __slots__ = ("statement", "status", "verified_with", "verify_time")
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_WITH_FIELD_NUMBER: _ClassVar[int]
    VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    statement: str
    status: ConclusionStatus
    verified_with: str
    verify_time: _timestamp_pb2.Timestamp
    def __init__(self, statement: _Optional[str] = ..., status: _Optional[_Union[ConclusionStatus, str]] = ..., verified_with: _Optional[str] = ..., verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExternalEnvironment(_message.Message):
    __slots__ = ("barriers_to_entry", "substitute_threat", "substitute_kind", "bargaining_power", "rivalry", "industry_outlook")
    BARRIERS_TO_ENTRY_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_THREAT_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_KIND_FIELD_NUMBER: _ClassVar[int]
    BARGAINING_POWER_FIELD_NUMBER: _ClassVar[int]
    RIVALRY_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_OUTLOOK_FIELD_NUMBER: _ClassVar[int]
    barriers_to_entry: Conclusion
    substitute_threat: Conclusion
    substitute_kind: str
    bargaining_power: Conclusion
    rivalry: Conclusion
    industry_outlook: Conclusion
    def __init__(self, barriers_to_entry: _Optional[_Union[Conclusion, _Mapping]] = ..., substitute_threat: _Optional[_Union[Conclusion, _Mapping]] = ..., substitute_kind: _Optional[str] = ..., bargaining_power: _Optional[_Union[Conclusion, _Mapping]] = ..., rivalry: _Optional[_Union[Conclusion, _Mapping]] = ..., industry_outlook: _Optional[_Union[Conclusion, _Mapping]] = ...) -> None: ...

class EnterpriseOverview(_message.Message):
    __slots__ = ("vision_mission", "performance_trend", "core_capability", "strategic_control_point", "opportunities", "threats")
    VISION_MISSION_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_TREND_FIELD_NUMBER: _ClassVar[int]
    CORE_CAPABILITY_FIELD_NUMBER: _ClassVar[int]
    STRATEGIC_CONTROL_POINT_FIELD_NUMBER: _ClassVar[int]
    OPPORTUNITIES_FIELD_NUMBER: _ClassVar[int]
    THREATS_FIELD_NUMBER: _ClassVar[int]
    vision_mission: Conclusion
    performance_trend: Conclusion
    core_capability: Conclusion
    strategic_control_point: Conclusion
    opportunities: _containers.RepeatedCompositeFieldContainer[Conclusion]
    threats: _containers.RepeatedCompositeFieldContainer[Conclusion]
    def __init__(self, vision_mission: _Optional[_Union[Conclusion, _Mapping]] = ..., performance_trend: _Optional[_Union[Conclusion, _Mapping]] = ..., core_capability: _Optional[_Union[Conclusion, _Mapping]] = ..., strategic_control_point: _Optional[_Union[Conclusion, _Mapping]] = ..., opportunities: _Optional[_Iterable[_Union[Conclusion, _Mapping]]] = ..., threats: _Optional[_Iterable[_Union[Conclusion, _Mapping]]] = ...) -> None: ...

class Need(_message.Message):
    __slots__ = ("need", "fulfilment", "horizon")
    NEED_FIELD_NUMBER: _ClassVar[int]
    FULFILMENT_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    need: Conclusion
    fulfilment: NeedFulfilment
    horizon: NeedHorizon
    def __init__(self, need: _Optional[_Union[Conclusion, _Mapping]] = ..., fulfilment: _Optional[_Union[NeedFulfilment, str]] = ..., horizon: _Optional[_Union[NeedHorizon, str]] = ...) -> None: ...

class NeedsMatrix(_message.Message):
    __slots__ = ("needs", "strategic_pain_points")
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    STRATEGIC_PAIN_POINTS_FIELD_NUMBER: _ClassVar[int]
    needs: _containers.RepeatedCompositeFieldContainer[Need]
    strategic_pain_points: _containers.RepeatedCompositeFieldContainer[Conclusion]
    def __init__(self, needs: _Optional[_Iterable[_Union[Need, _Mapping]]] = ..., strategic_pain_points: _Optional[_Iterable[_Union[Conclusion, _Mapping]]] = ...) -> None: ...

class ApprovalThreshold(_message.Message):
    __slots__ = ("min_amount_units", "currency_code", "approver")
    MIN_AMOUNT_UNITS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    APPROVER_FIELD_NUMBER: _ClassVar[int]
    min_amount_units: int
    currency_code: str
    approver: str
    def __init__(self, min_amount_units: _Optional[int] = ..., currency_code: _Optional[str] = ..., approver: _Optional[str] = ...) -> None: ...

class CategoryOwner(_message.Message):
    __slots__ = ("category", "owner")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    category: str
    owner: str
    def __init__(self, category: _Optional[str] = ..., owner: _Optional[str] = ...) -> None: ...

class ProcurementDecisionPattern(_message.Message):
    __slots__ = ("centralisation", "decision_making", "priority", "approval_thresholds", "category_owners", "government_or_financed", "acceptance_signer", "payment_signer", "predicted_changes")
    CENTRALISATION_FIELD_NUMBER: _ClassVar[int]
    DECISION_MAKING_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_OWNERS_FIELD_NUMBER: _ClassVar[int]
    GOVERNMENT_OR_FINANCED_FIELD_NUMBER: _ClassVar[int]
    ACCEPTANCE_SIGNER_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_SIGNER_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_CHANGES_FIELD_NUMBER: _ClassVar[int]
    centralisation: str
    decision_making: str
    priority: str
    approval_thresholds: _containers.RepeatedCompositeFieldContainer[ApprovalThreshold]
    category_owners: _containers.RepeatedCompositeFieldContainer[CategoryOwner]
    government_or_financed: bool
    acceptance_signer: str
    payment_signer: str
    predicted_changes: _containers.RepeatedCompositeFieldContainer[Conclusion]
    def __init__(self, centralisation: _Optional[str] = ..., decision_making: _Optional[str] = ..., priority: _Optional[str] = ..., approval_thresholds: _Optional[_Iterable[_Union[ApprovalThreshold, _Mapping]]] = ..., category_owners: _Optional[_Iterable[_Union[CategoryOwner, _Mapping]]] = ..., government_or_financed: _Optional[bool] = ..., acceptance_signer: _Optional[str] = ..., payment_signer: _Optional[str] = ..., predicted_changes: _Optional[_Iterable[_Union[Conclusion, _Mapping]]] = ...) -> None: ...

class InsightAnalysis(_message.Message):
    __slots__ = ("name", "version", "external_environment", "enterprise_overview", "needs", "procurement_decision_pattern", "open_hypotheses", "etag", "update_time", "updated_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_OVERVIEW_FIELD_NUMBER: _ClassVar[int]
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    PROCUREMENT_DECISION_PATTERN_FIELD_NUMBER: _ClassVar[int]
    OPEN_HYPOTHESES_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: int
    external_environment: ExternalEnvironment
    enterprise_overview: EnterpriseOverview
    needs: NeedsMatrix
    procurement_decision_pattern: ProcurementDecisionPattern
    open_hypotheses: int
    etag: str
    update_time: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[int] = ..., external_environment: _Optional[_Union[ExternalEnvironment, _Mapping]] = ..., enterprise_overview: _Optional[_Union[EnterpriseOverview, _Mapping]] = ..., needs: _Optional[_Union[NeedsMatrix, _Mapping]] = ..., procurement_decision_pattern: _Optional[_Union[ProcurementDecisionPattern, _Mapping]] = ..., open_hypotheses: _Optional[int] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class ServiceSolution(_message.Message):
    __slots__ = ("demand", "solution", "profit_model")
    DEMAND_FIELD_NUMBER: _ClassVar[int]
    SOLUTION_FIELD_NUMBER: _ClassVar[int]
    PROFIT_MODEL_FIELD_NUMBER: _ClassVar[int]
    demand: str
    solution: str
    profit_model: str
    def __init__(self, demand: _Optional[str] = ..., solution: _Optional[str] = ..., profit_model: _Optional[str] = ...) -> None: ...

class ServiceStrategy(_message.Message):
    __slots__ = ("name", "customer_demands", "why_customer_chooses_us", "core_values", "strategic_control_points", "solutions", "version", "etag", "update_time", "updated_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_DEMANDS_FIELD_NUMBER: _ClassVar[int]
    WHY_CUSTOMER_CHOOSES_US_FIELD_NUMBER: _ClassVar[int]
    CORE_VALUES_FIELD_NUMBER: _ClassVar[int]
    STRATEGIC_CONTROL_POINTS_FIELD_NUMBER: _ClassVar[int]
    SOLUTIONS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    customer_demands: _containers.RepeatedScalarFieldContainer[str]
    why_customer_chooses_us: str
    core_values: _containers.RepeatedScalarFieldContainer[str]
    strategic_control_points: _containers.RepeatedScalarFieldContainer[str]
    solutions: _containers.RepeatedCompositeFieldContainer[ServiceSolution]
    version: int
    etag: str
    update_time: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, name: _Optional[str] = ..., customer_demands: _Optional[_Iterable[str]] = ..., why_customer_chooses_us: _Optional[str] = ..., core_values: _Optional[_Iterable[str]] = ..., strategic_control_points: _Optional[_Iterable[str]] = ..., solutions: _Optional[_Iterable[_Union[ServiceSolution, _Mapping]]] = ..., version: _Optional[int] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...
