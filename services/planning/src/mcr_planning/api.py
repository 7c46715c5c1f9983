"""Planning's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument, NotFound

from mcr_planning import mapping
from mcr_planning.domain import (
    RELATIONSHIP_PLAN_PARTS,
    BudgetEstimate,
    GeneralLevel,
    GoalKind,
    Layer,
    MarketGoal,
    OrgLevel,
    PowerEdge,
    customer_id_from_name,
    employee_id_from_name,
    name_parts,
    parse_enum,
    person_ids_from_name,
    unanswered,
)
from mcr_planning.service import Planning

_ITEM_PARENTS = ("customers/{}/annualPlans/{}/items/{}", "expansionCards/{}/items/{}")


def _mask(update_mask, allowed: set[str], prefix: str) -> set[str] | None:
    paths = set(update_mask.paths) - {"*"}
    unknown = paths - allowed
    if unknown:
        raise InvalidArgument.field("update_mask", f"{prefix} has no field {sorted(unknown)[0]}")
    return paths or None


class PlanningServicer(pb_grpc.PlanningServiceServicer):
    def __init__(self, planning: Planning) -> None:
        self.planning = planning

    # --- teams ------------------------------------------------------------------------------

    async def GetCustomerTeam(self, request, context):
        (customer_id,) = name_parts(request.name, "customers/{}/planningTeam", "name")
        return mapping.team_to_proto(await self.planning.get_team(current_principal(), customer_id))

    async def UpdateCustomerTeam(self, request, context):
        team = request.customer_team
        (customer_id,) = name_parts(team.name, "customers/{}/planningTeam", "customer_team.name")
        fields = _mask(
            request.update_mask, {"members", "org_level", "general_level"}, "customer_team"
        ) or {"members", "org_level", "general_level"}
        members = mapping.members_from_proto(team.members) if "members" in fields else None
        org = general = None
        if "org_level" in fields and team.org_level:
            org = parse_enum(OrgLevel, team.org_level, "customer_team.org_level")
        if "general_level" in fields and team.general_level:
            general = parse_enum(GeneralLevel, team.general_level, "customer_team.general_level")
        updated = await self.planning.update_team(
            current_principal(), customer_id, members, org, general, team.etag
        )
        return mapping.team_to_proto(updated)

    # --- the annual cycle -------------------------------------------------------------------

    async def StartAnnualCycle(self, request, context):
        issued = await self.planning.start_cycle(current_principal(), request.year)
        return pb.StartAnnualCycleResponse(issued_plans=issued)

    async def GetAnnualPlan(self, request, context):
        customer_id, year = name_parts(request.name, "customers/{}/annualPlans/{}", "name")
        if not year.isdigit():
            raise InvalidArgument.field("name", "the plan's id is its year")
        plan, items = await self.planning.get_plan(current_principal(), customer_id, int(year))
        return mapping.plan_to_proto(plan, items)

    async def ListAnnualPlans(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        found, token = await self.planning.list_plans(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListAnnualPlansResponse(
            annual_plans=[mapping.plan_to_proto(p, i) for p, i in found], next_page_token=token
        )

    async def CompletePlanItem(self, request, context):
        parent, item_id = _item(request.name)
        item = await self.planning.complete_item(
            current_principal(), parent, item_id, request.summary, request.achieved_value
        )
        return mapping.item_to_proto(item)

    # --- goals ------------------------------------------------------------------------------

    async def CreateMarketGoal(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        g = request.market_goal
        goal = MarketGoal(
            parse_enum(GoalKind, g.kind, "market_goal.kind"),
            g.product_segment.strip(),
            g.target_share_percent,
            g.target_year,
            g.description.strip(),
            g.scope.strip(),
        )
        row = await self.planning.create_goal(
            current_principal(), customer_id, goal, "", request.request_id
        )
        return mapping.goal_to_proto(row)

    async def ListMarketGoals(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        rows = await self.planning.list_goals(current_principal(), customer_id)
        return pb.ListMarketGoalsResponse(market_goals=[mapping.goal_to_proto(r) for r in rows])

    async def AnalyzeGoalGap(self, request, context):
        customer_id, goal_id = name_parts(request.name, "customers/{}/marketGoals/{}", "name")
        goal, gaps = await self.planning.analyze_gap(current_principal(), customer_id, goal_id)
        return pb.AnalyzeGoalGapResponse(
            relationship_goal=mapping.relationship_goal_to_proto(goal),
            gaps=[mapping.gap_to_proto(g) for g in gaps],
        )

    # --- assessments ------------------------------------------------------------------------

    async def CreateAssessment(self, request, context):
        customer_id, _ = person_ids_from_name(request.parent, "parent")
        a = request.assessment
        row = await self.planning.assess(
            current_principal(),
            customer_id,
            request.parent,
            dict(a.dimensions),
            list(a.evidence_key_events),
            dict(a.competitor_support),
            a.note.strip(),
        )
        return mapping.assessment_to_proto(row)

    async def ListAssessments(self, request, context):
        customer_id, _ = person_ids_from_name(request.parent, "parent")
        rows = await self.planning.assessments(current_principal(), customer_id, request.parent)
        return pb.ListAssessmentsResponse(
            assessments=[mapping.assessment_to_proto(r) for r in rows]
        )

    async def SpotCheckAssessment(self, request, context):
        customer_id, person_id, assessment_id = name_parts(
            request.name, "customers/{}/persons/{}/assessments/{}", "name"
        )
        person = f"customers/{customer_id}/persons/{person_id}"
        row = await self.planning.spot_check(
            current_principal(), customer_id, person, assessment_id, request.result
        )
        return mapping.assessment_to_proto(row)

    # --- power map --------------------------------------------------------------------------

    async def GetPowerMap(self, request, context):
        (customer_id,) = name_parts(request.name, "customers/{}/powerMap", "name")
        persons, edges, gaps = await self.planning.power_map(current_principal(), customer_id)
        return mapping.power_map_to_proto(request.name, persons, edges, gaps)

    async def UpdatePowerMapPerson(self, request, context):
        fields = _mask(request.update_mask, mapping.PERSON_FIELDS, "power_map_person")
        customer_id, person = mapping.person_from_proto(request.power_map_person, fields)
        saved = await self.planning.update_person(current_principal(), customer_id, person, fields)
        return mapping.person_to_proto(saved)

    async def DeletePowerMapPerson(self, request, context):
        customer_id, _ = person_ids_from_name(request.person, "person")
        await self.planning.delete_person(current_principal(), customer_id, request.person)
        return Empty()

    async def CreatePowerMapEdge(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        e = request.power_map_edge
        for path, value in (("source", e.source), ("target", e.target)):
            owner, _ = person_ids_from_name(value, f"power_map_edge.{path}")
            if owner != customer_id:
                raise InvalidArgument.field(f"power_map_edge.{path}", "a person of this customer")
        edge = PowerEdge(e.source, e.target, mapping.edge_kind(e.kind))
        row = await self.planning.create_edge(current_principal(), customer_id, edge)
        return mapping.edge_to_proto(row)

    async def DeletePowerMapEdge(self, request, context):
        customer_id, edge_id = name_parts(request.name, "customers/{}/powerMapEdges/{}", "name")
        await self.planning.delete_edge(current_principal(), customer_id, edge_id)
        return Empty()

    async def CreateDecisionChain(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        chain = request.decision_chain
        row = await self.planning.create_chain(
            current_principal(),
            customer_id,
            chain.scenario,
            mapping.chain_nodes_from_proto(chain.nodes),
        )
        return mapping.chain_to_proto(row, await self.planning.decision_pattern(customer_id))

    async def ListDecisionChains(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        rows = await self.planning.chains(current_principal(), customer_id)
        pattern = await self.planning.decision_pattern(customer_id)
        return pb.ListDecisionChainsResponse(
            decision_chains=[mapping.chain_to_proto(r, pattern) for r in rows]
        )

    async def ListHandovers(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        rows = await self.planning.handovers(current_principal(), customer_id)
        return pb.ListHandoversResponse(handovers=[mapping.handover_to_proto(r) for r in rows])

    # --- targets and sponsors ---------------------------------------------------------------

    async def CreateTarget(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        t = request.target
        person_customer, _ = person_ids_from_name(t.person, "target.person")
        if person_customer != customer_id:
            raise InvalidArgument.field("target.person", "a person of this customer")
        goal_id = ""
        if t.market_goal:
            goal_customer, goal_id = name_parts(
                t.market_goal, "customers/{}/marketGoals/{}", "target.market_goal"
            )
            goal_id = goal_id if goal_customer == customer_id else ""
        row = await self.planning.create_target(
            current_principal(),
            customer_id,
            t.person,
            goal_id,
            employee_id_from_name(t.owner, "target.owner"),
            t.owner_job_grade,
            t.owner_kpi,
            mapping.optional_employee(t.backup, "target.backup"),
            t.target_level,
            t.important,
            [c.strip() for c in t.information_channels],
            [r.strip() for r in t.pr_route if r.strip()],
        )
        return mapping.target_to_proto(row)

    async def ListTargets(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        rows = await self.planning.targets(current_principal(), customer_id)
        return pb.ListTargetsResponse(targets=[mapping.target_to_proto(r) for r in rows])

    async def CreateSponsorship(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        s = request.sponsorship
        target_customer, target_id = name_parts(
            s.target, "customers/{}/targets/{}", "sponsorship.target"
        )
        if target_customer != customer_id:
            raise InvalidArgument.field("sponsorship.target", "a target of this customer")
        row = await self.planning.create_sponsorship(
            current_principal(),
            customer_id,
            target_id,
            employee_id_from_name(s.sponsor, "sponsorship.sponsor"),
            parse_enum(Layer, s.sponsor_layer, "sponsorship.sponsor_layer"),
            s.project,
        )
        return mapping.sponsorship_to_proto(row)

    # --- cards ------------------------------------------------------------------------------

    async def CreateExpansionCard(self, request, context):
        card = request.expansion_card
        customer_id = customer_id_from_name(card.customer, "expansion_card.customer")
        person_customer, _ = person_ids_from_name(card.person, "expansion_card.person")
        if person_customer != customer_id:
            raise InvalidArgument.field("expansion_card.person", "a person of the card's customer")
        if not card.HasField("commitment"):
            raise InvalidArgument.field("expansion_card.commitment", "is required")
        row, items = await self.planning.create_card(
            current_principal(),
            customer_id,
            card.person,
            employee_id_from_name(card.owner, "expansion_card.owner"),
            mapping.optional_employee(card.sponsor, "expansion_card.sponsor"),
            mapping.commitment_from_proto(card.commitment),
            list(card.actions),
        )
        return mapping.card_to_proto(row, items)

    async def GetExpansionCard(self, request, context):
        (card_id,) = name_parts(request.name, "expansionCards/{}", "name")
        row, items = await self.planning.get_card(current_principal(), card_id)
        return mapping.card_to_proto(row, items)

    async def ListExpansionCards(self, request, context):
        found, token = await self.planning.list_cards(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListExpansionCardsResponse(
            expansion_cards=[mapping.card_to_proto(r, i) for r, i in found],
            next_page_token=token,
        )

    # --- projects, brand activities, competitors, compliance --------------------------------

    async def CreateProject(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        p = request.project
        decision = mapping.from_timestamp(p.decision_time) if p.HasField("decision_time") else None
        row = await self.planning.create_project(
            current_principal(), customer_id, p.display_name, decision
        )
        return mapping.project_to_proto(row)

    async def CreateBrandActivity(self, request, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        a = request.brand_activity
        project_id = ""
        if a.project:
            project_customer, project_id = name_parts(
                a.project, "customers/{}/projects/{}", "brand_activity.project"
            )
            project_id = project_id if project_customer == customer_id else ""
        when = mapping.required_time(a, "activity_time", "brand_activity.activity_time")
        row = await self.planning.create_brand_activity(
            current_principal(),
            customer_id,
            a.display_name,
            project_id,
            when,
            BudgetEstimate(a.invitees, a.days, a.budget_units),
        )
        return mapping.brand_activity_to_proto(row)

    async def RollUpBrandBudget(self, request, context):
        start = (
            mapping.from_timestamp(request.start_time) if request.HasField("start_time") else None
        )
        end = mapping.from_timestamp(request.end_time) if request.HasField("end_time") else None
        principal = current_principal()
        row = await self.planning.budget_rollup(principal, start, end)
        return pb.RollUpBrandBudgetResponse(
            region=principal.region,
            activity_count=row.count,
            budget_units=int(row.budget),
            invitees=int(row.invitees),
        )

    async def GetRelationshipPlan(self, request, context):
        customer_id, year = _plan_year(request.name, "name")
        row = await self.planning.relationship_plan(current_principal(), customer_id, year)
        if row is None:
            raise NotFound(f"{request.name} not found")
        return mapping.relationship_plan_to_proto(row)

    async def UpdateRelationshipPlan(self, request, context):
        plan = request.relationship_plan
        customer_id, year = _plan_year(plan.name, "relationship_plan.name")
        fields = _mask(
            request.update_mask, set(RELATIONSHIP_PLAN_PARTS), "relationship_plan"
        ) or set(RELATIONSHIP_PLAN_PARTS)
        row = await self.planning.update_relationship_plan(
            current_principal(),
            customer_id,
            year,
            mapping.relationship_plan_parts(plan, fields),
            plan.etag,
        )
        return mapping.relationship_plan_to_proto(row)

    async def UpdateCompetitorAnalysis(self, request, context):
        a = request.competitor_analysis
        customer_id, competitor = name_parts(
            a.name, "customers/{}/competitorAnalyses/{}", "competitor_analysis.name"
        )
        row = await self.planning.update_competitor(
            current_principal(), customer_id, competitor, dict(a.answers)
        )
        return mapping.competitor_to_proto(row, unanswered(row.answers))

    async def GetCompetitorAnalysis(self, request, context):
        customer_id, competitor = name_parts(
            request.name, "customers/{}/competitorAnalyses/{}", "name"
        )
        row = await self.planning.get_competitor(current_principal(), customer_id, competitor)
        return mapping.competitor_to_proto(row, unanswered(row.answers))

    async def GetTierCompliance(self, request, context):
        customer_id = customer_id_from_name(request.customer, "customer")
        tier, statuses = await self.planning.compliance(current_principal(), customer_id)
        checked = [s for s in statuses if s.checked]
        return pb.GetTierComplianceResponse(
            tier=tier,
            obligations=[mapping.obligation_to_proto(s) for s in statuses],
            compliant=all(s.met for s in checked),
        )


def _plan_year(name: str, field: str) -> tuple[str, int]:
    customer_id, year = name_parts(name, "customers/{}/relationshipPlans/{}", field)
    if not year.isdigit():
        raise InvalidArgument.field(field, "the plan's id is its year")
    return customer_id, int(year)


def _item(name: str) -> tuple[str, str]:
    """The parent and id of a plan or card item."""
    if name.startswith("expansionCards/"):
        card_id, item_id = name_parts(name, _ITEM_PARENTS[1], "name")
        return f"expansionCards/{card_id}", item_id
    customer_id, year, item_id = name_parts(name, _ITEM_PARENTS[0], "name")
    return f"customers/{customer_id}/annualPlans/{year}", item_id
