"""Insight analyses (客户洞察, book ch.2 §1.10): structured, versioned, conclusions are
hypotheses until verified; and the service strategy (大客户服务策略, book ch.2 §1.12).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, replace
from dataclasses import dataclass as plain_dataclass
from datetime import datetime
from enum import StrEnum

from mcr_core import names
from mcr_core.errors import FieldViolation, InvalidArgument

from mcr_insight.domain import CUSTOMER_PREFIX

ANALYSIS = "customers/{}/analyses/{}"


def analysis_name_parts(name: str, field_path: str = "name") -> tuple[str, str]:
    """(customer id, kind) of customers/{customer_id}/analyses/{kind}."""
    customer_id, kind = names.parse(name, ANALYSIS, field_path)
    if kind not in ANALYSIS_KINDS:
        raise InvalidArgument.field(
            field_path, f"the analysis kind must be one of {list(ANALYSIS_KINDS)}"
        )
    return customer_id, kind


# ---------------------------------------------------------------------------------------------
# Insight analyses (客户洞察, book ch.2 §1.10): structured, versioned, hypotheses until confirmed
# ---------------------------------------------------------------------------------------------

# The analysis kinds of a customer: resource id → the content's field.
ANALYSIS_KINDS = {
    "externalEnvironment": "external_environment",
    "enterpriseOverview": "enterprise_overview",
    "needs": "needs",
    "procurementDecisionPattern": "procurement_decision_pattern",
}
MAX_STATEMENT = 2000


class ConclusionStatus(StrEnum):
    HYPOTHESIS = "hypothesis"  # 假设: not yet verified with the customer
    CONFIRMED = "confirmed"
    REFUTED = "refuted"


@plain_dataclass(frozen=True)
class AnalysisVersion:
    """One version of one analysis. `content` is the analysis as plain data (the API's field
    names); every conclusion in it is a mapping with `statement` and `status`."""

    customer_id: str
    kind: str
    version: int
    content: Mapping
    etag: str
    update_time: datetime
    updated_by: str

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.customer_id}/analyses/{self.kind}"

    @property
    def open_hypotheses(self) -> int:
        return sum(
            1 for _, c in conclusions_in(self.content) if c["status"] == ConclusionStatus.HYPOTHESIS
        )


def conclusions_in(data: object, path: str = "") -> Iterable[tuple[str, dict]]:
    """Every conclusion (a mapping with a `statement`) in an analysis, with its field path."""
    if isinstance(data, dict):
        if "statement" in data:
            yield path, data
            return
        for key, value in data.items():
            yield from conclusions_in(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from conclusions_in(value, f"{path}[{index}]")


def settle_conclusions(
    content: dict, previous: Mapping | None, now: datetime, path: str
) -> list[FieldViolation]:
    """Check every conclusion, make an unstated status a hypothesis, and stamp when each was
    confirmed or refuted (kept from the previous version when nothing changed)."""
    before = {p: c for p, c in conclusions_in(previous or {})}
    found = []
    for at, conclusion in conclusions_in(content):
        field_path = f"{path}.{at}"
        statement = conclusion.get("statement", "").strip()
        if not statement:
            found.append(FieldViolation(f"{field_path}.statement", "is required"))
        elif len(statement) > MAX_STATEMENT:
            found.append(
                FieldViolation(f"{field_path}.statement", f"at most {MAX_STATEMENT} characters")
            )
        conclusion["statement"] = statement
        status = conclusion.setdefault("status", ConclusionStatus.HYPOTHESIS)
        if status == ConclusionStatus.HYPOTHESIS:
            conclusion.pop("verify_time", None)
            continue
        if not conclusion.get("verified_with", "").strip():
            found.append(
                FieldViolation(
                    f"{field_path}.verified_with",
                    f"say with whom the conclusion was {status}: a conclusion is a "
                    "hypothesis until verified with the customer",
                )
            )
        old = before.get(at)
        same = old and old["statement"] == statement and old["status"] == status
        conclusion["verify_time"] = old["verify_time"] if same else now.isoformat()
    return found


_CHOICES = {
    "external_environment": {"substitute_kind": ("opportunity", "threat")},
    "procurement_decision_pattern": {
        "centralisation": ("central", "local"),
        "decision_making": ("one_person", "collective"),
        "priority": ("commercial", "technical", "relationship"),
    },
}


def analysis_violations(field: str, content: Mapping, path: str) -> list[FieldViolation]:
    """The rules of each kind beyond its conclusions."""
    found = []
    for key, allowed in _CHOICES.get(field, {}).items():
        if content.get(key, "") not in ("", *allowed):
            found.append(FieldViolation(f"{path}.{key}", f"must be one of {list(allowed)}"))
    if field == "needs":
        for index, need in enumerate(content.get("needs", [])):
            for key in ("need", "fulfilment", "horizon"):
                if key not in need:
                    found.append(FieldViolation(f"{path}.needs[{index}].{key}", "is required"))
    if field == "procurement_decision_pattern":
        for index, item in enumerate(content.get("approval_thresholds", [])):
            at = f"{path}.approval_thresholds[{index}]"
            if int(item.get("min_amount_units", 0)) < 0:
                found.append(FieldViolation(f"{at}.min_amount_units", "must be 0 or more"))
            if not re.match(r"^[A-Z]{3}$", item.get("currency_code", "")):
                found.append(FieldViolation(f"{at}.currency_code", "must be like CNY"))
            if not item.get("approver", "").strip():
                found.append(FieldViolation(f"{at}.approver", "is required"))
    return found


def content_etag(content: Mapping) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Service strategy (大客户服务策略, book ch.2 §1.12)
# ---------------------------------------------------------------------------------------------

# What customers choose us for (「例如公司的进取心、解决方案的创新能力、快速响应能力、定制化
# 服务、价格低、融资服务、商业咨询、便利性」).
CUSTOMER_VALUES = (
    "enterprising",
    "solution_innovation",
    "rapid_response",
    "customised_service",
    "low_price",
    "financing",
    "business_consulting",
    "convenience",
)
MAX_CORE_VALUES = 3  # "select a few demands" to commit to


@plain_dataclass(frozen=True)
class ServiceSolution:
    demand: str
    solution: str
    profit_model: str


@plain_dataclass(frozen=True)
class ServiceStrategy:
    customer_id: str
    customer_demands: tuple[str, ...]
    why_customer_chooses_us: str
    core_values: tuple[str, ...]
    strategic_control_points: tuple[str, ...]
    solutions: tuple[ServiceSolution, ...] = ()
    version: int = 0
    etag: str = ""
    update_time: datetime | None = None
    updated_by: str = ""


def strategy_violations(s: ServiceStrategy, path: str = "service_strategy") -> list[FieldViolation]:
    found = []
    for index, demand in enumerate(s.customer_demands):
        if demand not in CUSTOMER_VALUES or s.customer_demands.count(demand) > 1:
            found.append(
                FieldViolation(
                    f"{path}.customer_demands[{index}]",
                    f"name each once, from {list(CUSTOMER_VALUES)}",
                )
            )
    if not s.why_customer_chooses_us.strip():
        found.append(FieldViolation(f"{path}.why_customer_chooses_us", "is required"))
    elif len(s.why_customer_chooses_us) > MAX_STATEMENT:
        found.append(FieldViolation(f"{path}.why_customer_chooses_us", "is too long"))
    if not 1 <= len(s.core_values) <= MAX_CORE_VALUES:
        found.append(
            FieldViolation(
                f"{path}.core_values", f"commit to a few: 1 to {MAX_CORE_VALUES} core values"
            )
        )
    for index, value in enumerate(s.core_values):
        if value not in s.customer_demands:
            found.append(
                FieldViolation(
                    f"{path}.core_values[{index}]",
                    "a core value must be one of the customer's demands",
                )
            )
    for index, point in enumerate(s.strategic_control_points):
        if not point.strip() or len(point) > 500:
            found.append(
                FieldViolation(f"{path}.strategic_control_points[{index}]", "1-500 characters")
            )
    for index, solution in enumerate(s.solutions):
        if not solution.demand.strip() or not solution.solution.strip():
            found.append(
                FieldViolation(f"{path}.solutions[{index}]", "give the demand and the solution")
            )
    return found


def strategy_etag(s: ServiceStrategy) -> str:
    content = asdict(replace(s, etag="", update_time=None, updated_by="", version=0))
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]
