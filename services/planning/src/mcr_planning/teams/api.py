"""The teams part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument
from mcr_core.protobuf import parse_enum

from mcr_planning.domain import GeneralLevel, OrgLevel
from mcr_planning.mapping import members_from_proto, team_to_proto
from mcr_planning.teams.mapping import item_to_proto, plan_to_proto
from mcr_planning.teams.service import AnnualCycle, Teams

_ITEM_PARENTS = ("customers/{}/annualPlans/{}/items/{}", "expansionCards/{}/items/{}")


class TeamServicer:
    """Customer teams and the annual cycle."""

    def __init__(self, teams: Teams, cycle: AnnualCycle) -> None:
        self.teams = teams
        self.cycle = cycle

    async def GetCustomerTeam(self, request, context):
        (customer_id,) = names.parse(request.name, "customers/{}/planningTeam", "name")
        return team_to_proto(await self.teams.get_team(current_principal(), customer_id))

    async def UpdateCustomerTeam(self, request, context):
        team = request.customer_team
        (customer_id,) = names.parse(team.name, "customers/{}/planningTeam", "customer_team.name")
        fields = _mask(
            request.update_mask, {"members", "org_level", "general_level"}, "customer_team"
        ) or {"members", "org_level", "general_level"}
        members = members_from_proto(team.members) if "members" in fields else None
        org = general = None
        if "org_level" in fields and team.org_level:
            org = parse_enum(OrgLevel, team.org_level, "customer_team.org_level")
        if "general_level" in fields and team.general_level:
            general = parse_enum(GeneralLevel, team.general_level, "customer_team.general_level")
        updated = await self.teams.update_team(
            current_principal(), customer_id, members, org, general, team.etag
        )
        return team_to_proto(updated)

    async def StartAnnualCycle(self, request, context):
        issued = await self.cycle.start_cycle(current_principal(), request.year)
        return pb.StartAnnualCycleResponse(issued_plans=issued)

    async def GetAnnualPlan(self, request, context):
        customer_id, year = names.parse(request.name, "customers/{}/annualPlans/{}", "name")
        if not year.isdigit():
            raise InvalidArgument.field("name", "the plan's id is its year")
        plan = await self.cycle.get_plan(current_principal(), customer_id, int(year))
        return plan_to_proto(plan)

    async def ListAnnualPlans(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        found, token = await self.cycle.list_plans(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListAnnualPlansResponse(
            annual_plans=[plan_to_proto(p) for p in found], next_page_token=token
        )

    async def CompletePlanItem(self, request, context):
        parent, item_id = _item(request.name)
        item = await self.cycle.complete_item(
            current_principal(), parent, item_id, request.summary, request.achieved_value
        )
        return item_to_proto(item)


def _mask(update_mask, allowed: set[str], prefix: str) -> set[str] | None:
    paths = set(update_mask.paths) - {"*"}
    unknown = paths - allowed
    if unknown:
        raise InvalidArgument.field("update_mask", f"{prefix} has no field {sorted(unknown)[0]}")
    return paths or None


def _item(name: str) -> tuple[str, str]:
    """The parent and id of a plan or card item."""
    if name.startswith("expansionCards/"):
        card_id, item_id = names.parse(name, _ITEM_PARENTS[1], "name")
        return f"expansionCards/{card_id}", item_id
    customer_id, year, item_id = names.parse(name, _ITEM_PARENTS[0], "name")
    return f"customers/{customer_id}/annualPlans/{year}", item_id
