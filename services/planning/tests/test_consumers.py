"""What other services announce, published on the real bus as they publish it: insight's
market targets become market goals, archive's person moves and portfolio transfers move
targets, owners and cards (handover tracked), satisfaction's risk signals weigh on support,
contact's calendar of a customer shows on its planning team."""

from __future__ import annotations

from datetime import UTC, datetime

from mcr.archive.v1 import customer_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.contact.v1 import events_pb2 as contact_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.satisfaction.v1 import events_pb2 as satisfaction_events
from mcr_core.plugins import hookimpl
from mcr_planning.hooks import DecisionPattern, DecisionRole
from planning_kit import eventually
from test_planning_year import person, stamp


async def test_a_market_target_becomes_a_market_goal(stub, auth, team, publish, region):
    customer = (await team()).name.removesuffix("/planningTeam")
    selected = insight_events.MarketTargetSelected(
        opportunity=f"{customer}/opportunities/o-1",
        customer=customer,
        region=region,
        goal_kind="share",
        product_segment="product A",
        target_share_percent=40,
        target_year=2026,
        description="40% of product A",
    )
    for _ in range(2):  # announced twice: one goal
        await publish("mcr.insight.market_target.selected", selected, selected.opportunity)

    async def goals():
        found = await stub.ListMarketGoals(
            pb.ListMarketGoalsRequest(parent=customer), metadata=auth("e-lead")
        )
        return list(found.market_goals)

    goal = (await eventually(goals))[0]
    assert goal.opportunity == selected.opportunity
    assert goal.relationship_goal.org_level == "partner"
    assert goal.relationship_goal.exclusive_cxos == 2


async def test_moves_and_transfers_reassign_targets_owners_and_cards(
    map_person, stub, auth, team, publish, region
):
    lead, member = auth("e-lead"), auth("e-member", unit="team-1/sales")
    customer = (await team()).name.removesuffix("/planningTeam")
    cto = f"{customer}/persons/cto"
    await map_person(person(customer, "cto", support=1), lead)
    goal = await stub.CreateMarketGoal(
        pb.CreateMarketGoalRequest(
            parent=customer,
            market_goal=planning_pb2.MarketGoal(
                kind="profit", product_segment="services", target_year=2026
            ),
        ),
        metadata=lead,
    )
    await stub.CreateTarget(
        pb.CreateTargetRequest(
            parent=customer,
            target=planning_pb2.Target(
                person=cto,
                market_goal=goal.name,
                owner="employees/e-member",
                owner_job_grade=15,
                owner_kpi="KPI 2",
                backup="employees/e-lead",
                target_level=2,
                pr_route=["cto"],
            ),
        ),
        metadata=lead,
    )
    card = await stub.CreateExpansionCard(
        pb.CreateExpansionCardRequest(
            expansion_card=planning_pb2.ExpansionCard(
                customer=customer,
                person=cto,
                owner="employees/e-member",
                commitment=planning_pb2.Commitment(
                    goal="trial",
                    metric="sites",
                    target_value=1,
                    due_time=stamp(datetime(2026, 6, 1, tzinfo=UTC)),
                ),
                actions=["visit"],
            )
        ),
        metadata=member,
    )

    # The member leaves: the archive transfers their portfolio to the lead.
    await publish(
        "mcr.archive.portfolio.transferred",
        archive_events.PortfolioTransferred(
            from_employee="employees/e-member",
            to_employee="employees/e-lead",
            reason="left the company",
            customers=[customer],
            persons=[cto],
            region=region,
        ),
    )

    async def handed_over():
        found = await stub.ListHandovers(pb.ListHandoversRequest(parent=customer), metadata=lead)
        return list(found.handovers)

    handover = (await eventually(handed_over))[0]
    assert (handover.from_employee, handover.to_employee) == (
        "employees/e-member",
        "employees/e-lead",
    )
    targets = await stub.ListTargets(pb.ListTargetsRequest(parent=customer), metadata=lead)
    assert [(t.owner, t.backup) for t in targets.targets] == [
        ("employees/e-lead", "employees/e-lead")
    ]
    moved = await stub.GetExpansionCard(pb.GetExpansionCardRequest(name=card.name), metadata=lead)
    assert moved.owner == "employees/e-lead"
    power_map = await stub.GetPowerMap(
        pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
    )
    assert power_map.persons[0].owner == "employees/e-lead"
    # The leaver's seat on the customer team went to the successor.
    seats = await stub.GetCustomerTeam(
        pb.GetCustomerTeamRequest(name=f"{customer}/planningTeam"), metadata=lead
    )
    assert [(m.employee, m.role) for m in seats.members] == [("employees/e-lead", "leader")]

    # The CTO moves department; the archive's territory rule names the new owner.
    await publish(
        "mcr.archive.person.moved",
        archive_events.PersonMoved(
            person=cto,
            previous_department="planning",
            department="procurement",
            previous_region=region,
            region=region,
            previous_owner="employees/e-lead",
            owner="employees/e-buyer-am",
            territory_case="department",
        ),
        cto,
    )
    handovers = await eventually(
        lambda: _at_least(handed_over, 2),
    )
    assert handovers[1].to_employee == "employees/e-buyer-am"
    assert "department" in handovers[1].reason
    targets = await stub.ListTargets(pb.ListTargetsRequest(parent=customer), metadata=lead)
    assert targets.targets[0].owner == "employees/e-buyer-am"


async def _at_least(read, n):
    found = await read()
    return found if len(found) >= n else None


async def test_a_risk_signal_weighs_on_the_persons_support(
    map_person, stub, auth, team, publish, region
):
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    await map_person(person(customer, "cio", support=2), lead)
    await publish(
        "mcr.satisfaction.risk.signalled",
        satisfaction_events.RiskSignalled(
            person=f"{customer}/persons/cio",
            customer=customer,
            region=region,
            issue="issues/i-1",
            cause="complaint",
        ),
    )

    async def lowered():
        found = await stub.GetPowerMap(
            pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
        )
        return found.persons[0].support == 1

    assert await eventually(lowered)


class ByOwnership:
    """A pack's decision patterns (the manufacturing pack ships real ones)."""

    @hookimpl
    def planning_decision_pattern(self, customer):
        if customer.industry != "process_manufacturing":
            return None
        if customer.ownership_type != "state_owned":
            return None
        roles = (DecisionRole.INITIATOR, DecisionRole.DECIDER, DecisionRole.APPROVER)
        return DecisionPattern(roles, "the group approves")


class Empty:
    @hookimpl
    def planning_decision_pattern(self, customer):
        return DecisionPattern((), "")  # invalid: reported, skipped


async def test_a_chain_lists_the_roles_its_customers_ownership_type_expects(
    map_person, planning, stub, auth, team, publish, region
):
    planning.plugins.register(Empty(), name="empty")
    planning.plugins.register(ByOwnership(), name="by-ownership")
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    await map_person(person(customer, "gm"), lead)
    chain = planning_pb2.DecisionChain(
        scenario="kiln upgrade",
        nodes=[planning_pb2.DecisionChainNode(person=f"{customer}/persons/gm", role="decider")],
    )

    async def drawn():
        request = pb.CreateDecisionChainRequest(parent=customer, decision_chain=chain)
        return await stub.CreateDecisionChain(request, metadata=lead)

    unknown = await drawn()  # the archive has not told planning about the customer yet
    assert list(unknown.missing_roles) == [] and unknown.expected_pattern == ""

    created = archive_events.CustomerCreated(
        customer=customer_pb2.Customer(
            name=customer,
            region=region,
            industry="process_manufacturing",
            ownership_type=customer_pb2.OWNERSHIP_TYPE_STATE_OWNED,
        )
    )
    await publish("mcr.archive.customer.created", created, customer)

    async def listed():
        found = await stub.ListDecisionChains(
            pb.ListDecisionChainsRequest(parent=customer), metadata=lead
        )
        return found.decision_chains[0] if found.decision_chains[0].missing_roles else None

    chain_now = await eventually(listed)
    assert list(chain_now.missing_roles) == ["initiator", "approver"]
    assert chain_now.expected_pattern == "the group approves"


async def test_the_customers_calendar_as_contact_announces_it_each_time(
    stub, auth, team, publish, region
):
    customer = (await team()).name.removesuffix("/planningTeam")
    tender = contact_events.CustomerCalendarPlanned.CustomerDate(
        kind="tender_batch", title="tender opens", month=3, day=1, lead_days=21, source="energy"
    )

    async def announce(*dates) -> None:
        planned = contact_events.CustomerCalendarPlanned(
            customer=customer,
            region=region,
            dates=dates,
            plan_time=stamp(datetime(2026, 11, 1, tzinfo=UTC)),
        )
        await publish("mcr.contact.customer_calendar.planned", planned, f"{customer}/calendar")

    async def dates() -> list[tuple[str, str]]:
        found = await stub.GetCustomerTeam(
            pb.GetCustomerTeamRequest(name=f"{customer}/planningTeam"), metadata=auth("e-lead")
        )
        return [(d.kind, d.source) for d in found.customer_dates]

    await announce(tender)
    assert await eventually(dates) == [("tender_batch", "energy")]
    # The whole calendar each time: the customer's industry moved to one no pack serves.
    await announce()

    async def cleared() -> bool:
        return await dates() == []

    assert await eventually(cleared)
