"""The brand part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.protobuf import from_timestamp, required_time

from mcr_planning.brand.domain import BudgetEstimate
from mcr_planning.brand.mapping import brand_activity_to_proto, project_to_proto
from mcr_planning.brand.service import Brand


class BrandServicer:
    """Projects, brand activities and the region's brand budget."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand

    async def CreateProject(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        p = request.project
        decision = from_timestamp(p.decision_time) if p.HasField("decision_time") else None
        row = await self.brand.create_project(
            current_principal(), customer_id, p.display_name, decision
        )
        return project_to_proto(row)

    async def CreateBrandActivity(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        a = request.brand_activity
        project_id = ""
        if a.project:
            project_customer, project_id = names.parse(
                a.project, "customers/{}/projects/{}", "brand_activity.project"
            )
            project_id = project_id if project_customer == customer_id else ""
        when = required_time(a, "activity_time", "brand_activity.activity_time")
        row = await self.brand.create_brand_activity(
            current_principal(),
            customer_id,
            a.display_name,
            project_id,
            when,
            BudgetEstimate(a.invitees, a.days, a.budget_units),
        )
        return brand_activity_to_proto(row)

    async def RollUpBrandBudget(self, request, context):
        start = from_timestamp(request.start_time) if request.HasField("start_time") else None
        end = from_timestamp(request.end_time) if request.HasField("end_time") else None
        principal = current_principal()
        row = await self.brand.budget_rollup(principal, start, end)
        return pb.RollUpBrandBudgetResponse(
            region=principal.region,
            activity_count=row.count,
            budget_units=int(row.budget),
            invitees=int(row.invitees),
        )
