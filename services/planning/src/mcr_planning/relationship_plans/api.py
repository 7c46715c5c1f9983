"""The relationship plans part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_planning.relationship_plans.domain import RELATIONSHIP_PLAN_PARTS
from mcr_planning.relationship_plans.mapping import (
    relationship_plan_parts,
    relationship_plan_to_proto,
)
from mcr_planning.relationship_plans.service import RelationshipPlans


class RelationshipPlanServicer:
    """Relationship plans."""

    def __init__(self, plans: RelationshipPlans) -> None:
        self.plans = plans

    async def GetRelationshipPlan(self, request, context):
        customer_id, year = _plan_year(request.name, "name")
        found = await self.plans.relationship_plan(current_principal(), customer_id, year)
        return relationship_plan_to_proto(found)

    async def UpdateRelationshipPlan(self, request, context):
        plan = request.relationship_plan
        customer_id, year = _plan_year(plan.name, "relationship_plan.name")
        fields = _mask(
            request.update_mask, set(RELATIONSHIP_PLAN_PARTS), "relationship_plan"
        ) or set(RELATIONSHIP_PLAN_PARTS)
        row = await self.plans.update_relationship_plan(
            current_principal(),
            customer_id,
            year,
            relationship_plan_parts(plan, fields),
            plan.etag,
        )
        return relationship_plan_to_proto(row)


def _mask(update_mask, allowed: set[str], prefix: str) -> set[str] | None:
    paths = set(update_mask.paths) - {"*"}
    unknown = paths - allowed
    if unknown:
        raise InvalidArgument.field("update_mask", f"{prefix} has no field {sorted(unknown)[0]}")
    return paths or None


def _plan_year(name: str, field: str) -> tuple[str, int]:
    customer_id, year = names.parse(name, "customers/{}/relationshipPlans/{}", field)
    if not year.isdigit():
        raise InvalidArgument.field(field, "the plan's id is its year")
    return customer_id, int(year)
