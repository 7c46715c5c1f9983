"""General and organisational relationship plans (book §1.18)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from mcr_core.errors import FieldViolation, InvalidArgument

# ---------------------------------------------------------------------------------------------
# General and organisational relationship plans (book §1.18)
# ---------------------------------------------------------------------------------------------

ORG_ACTIVITY_KINDS = ("communication", "matching", "joint_work", "identification")
PLAN_LEVELS = ("point", "line", "surface")
RELATIONSHIP_PLAN_PARTS = ("department_coverage", "staff_duties", "org_activities", "activity_plan")


def check_relationship_plan(plan: Mapping[str, list[dict]]) -> None:
    """Coverage targets are counts per named department; every role's duty is stated; the
    organisational activities are of the four kinds; a point names persons, a line names
    departments, every entry says what is done."""
    p = "relationship_plan"
    violations = []
    seen = set()
    for i, c in enumerate(plan.get("department_coverage", [])):
        if not c["department"].strip() or c["department"] in seen:
            violations.append(
                FieldViolation(f"{p}.department_coverage[{i}].department", "name each once")
            )
        seen.add(c["department"])
        if c["contacts_per_quarter"] <= 0 and c["persons_to_cover"] <= 0:
            violations.append(
                FieldViolation(
                    f"{p}.department_coverage[{i}]", "set a contact or a coverage target"
                )
            )
    for i, d in enumerate(plan.get("staff_duties", [])):
        if not d["role"].strip() or not d["duty"].strip():
            violations.append(FieldViolation(f"{p}.staff_duties[{i}]", "name the role and duty"))
    for i, a in enumerate(plan.get("org_activities", [])):
        if a["kind"] not in ORG_ACTIVITY_KINDS:
            violations.append(
                FieldViolation(
                    f"{p}.org_activities[{i}].kind", f"one of {', '.join(ORG_ACTIVITY_KINDS)}"
                )
            )
    for i, e in enumerate(plan.get("activity_plan", [])):
        path = f"{p}.activity_plan[{i}]"
        if e["level"] not in PLAN_LEVELS:
            violations.append(FieldViolation(f"{path}.level", "point, line or surface"))
        elif e["level"] == "point" and not e["persons"]:
            violations.append(FieldViolation(f"{path}.persons", "a point names key persons"))
        elif e["level"] == "line" and not e["departments"]:
            violations.append(FieldViolation(f"{path}.departments", "a line names departments"))
        if not e["description"].strip():
            violations.append(FieldViolation(f"{path}.description", "say what is done"))
    if violations:
        raise InvalidArgument(*violations)


@dataclass(frozen=True)
class RelationshipPlan:
    """A customer team's general and organisational relationship plan for a year."""

    customer_id: str
    year: int
    body: Mapping[str, object]
    update_time: datetime
    etag: str
