"""Information products of the market department (book ch.2 §1.13, R-112): reports and briefs
classified for director level, special reports on a directed commission.
"""

from __future__ import annotations

from dataclasses import dataclass as plain_dataclass
from datetime import datetime
from enum import StrEnum

from mcr_core.errors import FieldViolation

from mcr_insight.domain import CUSTOMER_PREFIX

# ---------------------------------------------------------------------------------------------
# Information products of the market department (book ch.2 §1.13, R-112)
# ---------------------------------------------------------------------------------------------


class ProductKind(StrEnum):
    CUSTOMER_ANALYSIS_REPORT = "customer_analysis_report"  # 客户分析报告
    DYNAMICS_BRIEF = "dynamics_brief"  # 客户动态简报
    CEO_CHANGE_REPORT = "ceo_change_report"  # 客户CEO变化专题分析报告
    FINANCIAL_ANALYSIS_REPORT = "financial_analysis_report"  # 财务分析报告


DIRECTOR_LEVEL = "director"  # low classification: director level (总监层) and above
COMMISSIONED = "commissioned"  # special reports: only on a directed commission (定向委托)
# The roles at director level and above; a deployment's token issuer gives them.
DIRECTOR_AND_ABOVE = frozenset({"director", "vice_president", "executive"})
CLASSIFICATION_LEVELS = {DIRECTOR_LEVEL: DIRECTOR_AND_ABOVE, COMMISSIONED: frozenset()}
SPECIAL_REPORTS = frozenset({ProductKind.CEO_CHANGE_REPORT, ProductKind.FINANCIAL_ANALYSIS_REPORT})


def classification_of(kind: ProductKind) -> str:
    return COMMISSIONED if kind in SPECIAL_REPORTS else DIRECTOR_LEVEL


@plain_dataclass(frozen=True)
class Commission:
    """A professional department's directed request for a special report: it grants the
    report to the employees named."""

    department: str
    grantees: tuple[str, ...]


@plain_dataclass(frozen=True)
class InformationProduct:
    id: str
    customer_id: str
    region: str
    kind: ProductKind
    title: str
    body: str
    commission: Commission | None
    author: str
    create_time: datetime

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.customer_id}/informationProducts/{self.id}"

    @property
    def classification(self) -> str:
        return classification_of(self.kind)

    @property
    def grantees(self) -> tuple[str, ...]:
        """Who reads it by name: the author, and the commission's grantees."""
        granted = self.commission.grantees if self.commission else ()
        return (self.author, *granted)


def product_violations(
    kind: ProductKind | None, title: str, body: str, commission: Commission | None
) -> list[FieldViolation]:
    path = "information_product"
    found = []
    if kind is None:
        found.append(
            FieldViolation(f"{path}.kind", f"must be one of {[k.value for k in ProductKind]}")
        )
    if not title.strip() or len(title) > 200:
        found.append(FieldViolation(f"{path}.title", "is required (at most 200 characters)"))
    if not body.strip() or len(body) > 100_000:
        found.append(FieldViolation(f"{path}.body", "is required (at most 100,000 characters)"))
    if kind in SPECIAL_REPORTS:
        if commission is None or not commission.department.strip():
            found.append(
                FieldViolation(
                    f"{path}.commission.department",
                    "a special report is made only on a department's commission",
                )
            )
        if commission is None or not commission.grantees:
            found.append(
                FieldViolation(f"{path}.commission.grantees", "name who the report is for")
            )
    elif commission is not None:
        found.append(FieldViolation(f"{path}.commission", "only special reports are commissioned"))
    return found
