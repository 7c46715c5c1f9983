"""General and organisational relationship plans of a customer team, per year (book §1.18)."""

from __future__ import annotations

from mcr_core.auth import Principal
from mcr_core.errors import FailedPrecondition, NotFound
from mcr_core.service import Kernel

from mcr_planning.domain import etag_of
from mcr_planning.relationship_plans import store
from mcr_planning.relationship_plans.domain import RelationshipPlan, check_relationship_plan
from mcr_planning.service import visible_team


class RelationshipPlans:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def relationship_plan(
        self, principal: Principal, customer_id: str, year: int
    ) -> RelationshipPlan:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_plan(conn, customer_id, year)
        if found is None:
            raise NotFound(f"customers/{customer_id}/relationshipPlans/{year} not found")
        return found

    async def update_relationship_plan(
        self,
        principal: Principal,
        customer_id: str,
        year: int,
        parts: dict[str, list[dict]],
        etag: str,
    ) -> RelationshipPlan:
        """Replace the parts given; the others stay as they were."""
        check_relationship_plan(parts)
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            current = await store.get_plan(conn, customer_id, year)
            if current is not None and etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "relationship_plan.etag", "the plan changed since it was read"
                )
            body = (dict(current.body) if current else {}) | parts
            now = self.kernel.clock.now()
            plan = RelationshipPlan(customer_id, year, body, now, etag_of(body, now))
            await store.save_plan(conn, plan)
            return plan
