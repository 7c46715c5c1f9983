"""Proto <-> domain for projects and brand activities."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.protobuf import timestamp

from mcr_planning.brand.domain import BrandActivity, ProjectRecord

# --- projects, brand, competitors, compliance, handovers -------------------------------------


def project_to_proto(row: ProjectRecord) -> pb.Project:
    message = pb.Project(
        name=f"customers/{row.customer_id}/projects/{row.id}", display_name=row.display_name
    )
    if row.decision_time is not None:
        message.decision_time.CopyFrom(timestamp(row.decision_time))
    return message


def brand_activity_to_proto(row: BrandActivity) -> pb.BrandActivity:
    return pb.BrandActivity(
        name=f"customers/{row.customer_id}/brandActivities/{row.id}",
        display_name=row.display_name,
        project=f"customers/{row.customer_id}/projects/{row.project_id}",
        activity_time=timestamp(row.activity_time),
        invitees=row.invitees,
        days=row.days,
        budget_units=row.budget_units,
    )
