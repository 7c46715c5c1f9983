"""Projects on a customer's opportunity-point list and brand activities with the three checks
(a project, a date before its decision, a budget), and the region's brand budget."""

from __future__ import annotations

import uuid
from datetime import datetime

from mcr_core.auth import MANAGER, Principal
from mcr_core.errors import InvalidArgument, PermissionDenied
from mcr_core.service import Kernel

from mcr_planning.brand import store
from mcr_planning.brand.domain import (
    BrandActivity,
    BudgetEstimate,
    BudgetRollup,
    Project,
    ProjectRecord,
    check_brand_activity,
)
from mcr_planning.service import visible_team


class Brand:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def create_project(
        self, principal: Principal, customer_id: str, display_name: str, decision: datetime | None
    ) -> ProjectRecord:
        if not display_name.strip():
            raise InvalidArgument.field("project.display_name", "name the project")
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            project = ProjectRecord(str(uuid.uuid4()), customer_id, display_name.strip(), decision)
            await store.add_project(conn, project)
            return project

    async def create_brand_activity(
        self,
        principal: Principal,
        customer_id: str,
        display_name: str,
        project_id: str,
        when: datetime,
        budget: BudgetEstimate,
    ) -> BrandActivity:
        if not display_name.strip():
            raise InvalidArgument.field("brand_activity.display_name", "name the activity")
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_project(conn, project_id) if project_id else None
            project = None
            if found is not None and found.customer_id == customer_id:
                decided = found.decision_time.date() if found.decision_time else None
                project = Project(found.id, found.display_name, decided)
            check_brand_activity(project, "brand_activity.project", when.date(), budget)
            activity = BrandActivity(
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                region=team.region,
                display_name=display_name.strip(),
                project_id=project_id,
                activity_time=when,
                invitees=budget.invitees,
                days=budget.days,
                budget_units=budget.amount_units,
            )
            await store.add_brand_activity(conn, activity)
            return activity

    async def budget_rollup(
        self, principal: Principal, start: datetime | None, end: datetime | None
    ) -> BudgetRollup:
        if not principal.has_role(MANAGER):
            raise PermissionDenied("the regional brand budget is a manager's view")
        async with self.kernel.db.read() as conn:
            return await store.budget_rollup(conn, principal.region, start, end)
