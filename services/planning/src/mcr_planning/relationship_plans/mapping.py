"""Proto <-> domain for relationship plans."""

from __future__ import annotations

from datetime import datetime

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.protobuf import from_timestamp, timestamp

from mcr_planning.relationship_plans.domain import RelationshipPlan


def relationship_plan_parts(m: pb.RelationshipPlan, fields: set[str]) -> dict[str, list[dict]]:
    """The parts of a request's plan as plain data, only those in `fields`."""
    readers = {
        "department_coverage": lambda: [
            {
                "department": c.department.strip(),
                "contacts_per_quarter": c.contacts_per_quarter,
                "persons_to_cover": c.persons_to_cover,
            }
            for c in m.department_coverage
        ],
        "staff_duties": lambda: [
            {"role": d.role.strip(), "duty": d.duty.strip()} for d in m.staff_duties
        ],
        "org_activities": lambda: [
            {
                "kind": a.kind,
                "description": a.description.strip(),
                "planned_time": from_timestamp(a.planned_time).isoformat()
                if a.HasField("planned_time")
                else "",
            }
            for a in m.org_activities
        ],
        "activity_plan": lambda: [
            {
                "level": e.level,
                "description": e.description.strip(),
                "persons": list(e.persons),
                "departments": list(e.departments),
            }
            for e in m.activity_plan
        ],
    }
    return {field: readers[field]() for field in fields}


def relationship_plan_to_proto(row: RelationshipPlan) -> pb.RelationshipPlan:
    body = row.body
    activities = []
    for a in body.get("org_activities", []):
        activity = pb.OrgActivity(kind=a["kind"], description=a["description"])
        if a["planned_time"]:
            activity.planned_time.CopyFrom(timestamp(datetime.fromisoformat(a["planned_time"])))
        activities.append(activity)
    return pb.RelationshipPlan(
        name=f"customers/{row.customer_id}/relationshipPlans/{row.year}",
        department_coverage=[
            pb.DepartmentCoverage(**c) for c in body.get("department_coverage", [])
        ],
        staff_duties=[pb.StaffDuty(**d) for d in body.get("staff_duties", [])],
        org_activities=activities,
        activity_plan=[pb.ActivityPlanEntry(**e) for e in body.get("activity_plan", [])],
        update_time=timestamp(row.update_time),
        etag=row.etag,
    )
