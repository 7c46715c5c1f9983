"""The keypersons part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_planning.keypersons.domain import Target
from mcr_planning.keypersons.mapping import (
    shortfall_to_proto,
    sponsorship_to_proto,
    target_to_proto,
)
from mcr_planning.keypersons.service import KeyPersons


class KeyPersonServicer:
    """PR targets and sponsors."""

    def __init__(self, key_persons: KeyPersons) -> None:
        self.key_persons = key_persons

    async def CreateTarget(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        t = request.target
        person_customer, _ = names.person_ids(t.person, "target.person")
        if person_customer != customer_id:
            raise InvalidArgument.field("target.person", "a person of this customer")
        goal_id = ""
        if t.market_goal:
            goal_customer, goal_id = names.parse(
                t.market_goal, "customers/{}/marketGoals/{}", "target.market_goal"
            )
            goal_id = goal_id if goal_customer == customer_id else ""
        draft = Target(
            id="",
            customer_id=customer_id,
            person=t.person,
            market_goal=goal_id,
            owner=names.employee_id(t.owner, "target.owner"),
            owner_job_grade=t.owner_job_grade,
            owner_kpi=t.owner_kpi,
            backup=names.optional_employee_id(t.backup, "target.backup"),
            target_level=t.target_level,
            important=t.important,
            information_channels=[c.strip() for c in t.information_channels],
            pr_route=[r.strip() for r in t.pr_route if r.strip()],
            create_time=None,  # type: ignore[arg-type]  # set when the target is created
        )
        target = await self.key_persons.create_target(current_principal(), customer_id, draft)
        return target_to_proto(target)

    async def ListTargets(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        rows = await self.key_persons.targets(current_principal(), customer_id)
        return pb.ListTargetsResponse(targets=[target_to_proto(r) for r in rows])

    async def CreateSponsorship(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        s = request.sponsorship
        target_customer, target_id = names.parse(
            s.target, "customers/{}/targets/{}", "sponsorship.target"
        )
        if target_customer != customer_id:
            raise InvalidArgument.field("sponsorship.target", "a target of this customer")
        row = await self.key_persons.create_sponsorship(
            current_principal(),
            customer_id,
            target_id,
            names.employee_id(s.sponsor, "sponsorship.sponsor"),
            s.project,
        )
        return sponsorship_to_proto(row)

    async def ConsentSponsorship(self, request, context):
        customer_id, sponsorship_id = names.parse(
            request.name, "customers/{}/sponsorships/{}", "name"
        )
        row = await self.key_persons.consent(current_principal(), customer_id, sponsorship_id)
        return sponsorship_to_proto(row)

    async def ListSponsorshipShortfalls(self, request, context):
        rows = await self.key_persons.shortfalls(current_principal())
        return pb.ListSponsorshipShortfallsResponse(
            shortfalls=[shortfall_to_proto(r) for r in rows]
        )
