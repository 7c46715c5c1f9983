"""Projects and brand activities: the three checks (book §1.18 "relationship activities need a
project").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument

# ---------------------------------------------------------------------------------------------
# Brand activities: the three checks (book §1.18 "relationship activities need a project")
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """An entry on the customer's opportunity-point list (机会点清单)."""

    id: str
    display_name: str
    decision_date: date | None


@dataclass(frozen=True)
class BudgetEstimate:
    invitees: int
    days: int
    amount_units: int  # in the deployment's currency


def check_brand_activity(
    project: Project | None, project_field: str, activity_date: date, budget: BudgetEstimate
) -> None:
    if project is None:
        raise FailedPrecondition.field(
            project_field, "a brand activity must support a project on the opportunity list"
        )
    if project.decision_date is not None and activity_date >= project.decision_date:
        raise FailedPrecondition.field(
            "brand_activity.activity_time",
            f"{activity_date.isoformat()} is not before the project's decision on "
            f"{project.decision_date.isoformat()}",
        )
    violations = []
    if budget.invitees <= 0:
        violations.append(FieldViolation("brand_activity.invitees", "estimate the invitees"))
    if budget.days <= 0:
        violations.append(FieldViolation("brand_activity.days", "estimate the days"))
    if budget.amount_units <= 0:
        violations.append(FieldViolation("brand_activity.budget_units", "estimate the cost"))
    if violations:
        raise InvalidArgument(*violations)


@dataclass(frozen=True)
class ProjectRecord:
    """A project on a customer's opportunity-point list, as recorded."""

    id: str
    customer_id: str
    display_name: str
    decision_time: datetime | None


@dataclass(frozen=True)
class BrandActivity:
    """A planned brand activity (company visit, reference site, exhibition)."""

    id: str
    customer_id: str
    region: str
    display_name: str
    project_id: str
    activity_time: datetime
    invitees: int
    days: int
    budget_units: int


@dataclass(frozen=True)
class BudgetRollup:
    """The brand-activity budget of a region, summed."""

    region: str
    count: int
    budget: int
    invitees: int
