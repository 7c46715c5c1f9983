"""Planning's demo records for 南海电信广东分公司: the customer team, this year's annual plan,
a market goal, the power map (support for us and for the competitor 华信, a coach, the veto
holder, influence and a conflict), a decision chain and two expansion cards, one with its first
retrospective done.

Setting up a team and starting the annual cycle are a manager's: the demo's cn-south manager
signs those (`MANAGER_TOKEN` in `DemoWorld.tokens`); the account manager, the team's leader,
does the rest. Records without a request id are created only when none is there yet.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import grpc
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.planning.v1 import planning_pb2 as res
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc

from mcr_cli.demo import CHART_OF, DemoWorld

# The key of the region manager's token in DemoWorld.tokens.
MANAGER_TOKEN = "cn-south/manager"
OWNER = "employees/e-1001"
OWNER_UNIT = "/cn-south/enterprise/team-1"
SPONSOR = "employees/e-1000"
COMPETITOR = "huaxin"  # 华信通信, the competitor locked at this customer
CHART_WAIT_STEPS = 600  # of 0.1 s: the archive's events reach planning within a minute

# (person key, title on the map, role, layer, support for us, for 华信, coach, veto, owner)
POWER_MAP = (
    ("ceo", "总经理", "decider", "high", 1, 1, False, True, SPONSOR),
    ("cto", "CTO", "influencer", "high", 1, -1, False, False, OWNER),
    ("buyer", "采购部主任", "buyer", "middle", 0, 2, False, False, OWNER),
    ("planner", "规划室副主任", "user", "middle", 3, -2, True, False, OWNER),
)
# (from, to, kind): who influences whom, and who is in conflict.
EDGES = (
    ("cto", "ceo", "influence"),
    ("planner", "cto", "influence"),
    ("buyer", "ceo", "influence"),
    ("buyer", "cto", "conflict"),
)
# The buyer's assessment: process dimensions only, leaning to the competitor (no key event
# is needed below neutral).
BUYER_ASSESSMENT = {"acceptance": -1, "participation": 0, "competitive_attitude": -2}
CHAIN = (("planner", "initiator", False), ("cto", "influencer", False),
         ("buyer", "buyer", False), ("ceo", "decider", False))  # fmt: skip
# (person key, goal, metric, target, months to the due date, actions, retrospective summary)
CARDS = (
    ("cto", "李明认可我方5G核心网演进方案并推动立项", "技术交流次数", 12, 5,
     ("每两周一次技术交流", "邀请参观深圳样板点"), "已完成4次交流，方案进入规划室评审"),
    ("planner", "陈晓牵头完成5G核心网试点规划", "试点站点数", 3, 6,
     ("每周拜访规划室", "联合编写试点方案"), ""),
)  # fmt: skip


async def load(world: DemoWorld) -> None:
    customer = world.customers[CHART_OF]
    async with grpc.aio.insecure_channel(world.targets["planning"]) as channel:
        stub = planning_service_pb2_grpc.PlanningServiceStub(channel)
        manager = (("authorization", f"Bearer {world.tokens[MANAGER_TOKEN]}"),)
        owner = world.metadata("cn-south")
        await _team(stub, customer, manager)
        year = datetime.now(UTC).year
        await stub.StartAnnualCycle(pb.StartAnnualCycleRequest(year=year), metadata=manager)
        await stub.CreateMarketGoal(
            pb.CreateMarketGoalRequest(
                parent=customer,
                market_goal=res.MarketGoal(
                    kind="share",
                    product_segment="wireless core",
                    scope="广东",
                    target_share_percent=35,
                    target_year=year + 1,
                    description="5G核心网份额从20%提升到35%",
                ),
                request_id="demo-goal-5g-core",
            ),
            metadata=owner,
        )
        await _power_map(stub, world, customer, owner)
        await _cards(stub, world, customer, owner)


async def _team(stub, customer: str, manager) -> None:
    team = res.CustomerTeam(
        name=f"{customer}/planningTeam",
        members=[res.TeamMember(employee=OWNER, org_unit=OWNER_UNIT, role="leader")],
        org_level="cooperation",
        general_level="medium",
    )
    await stub.UpdateCustomerTeam(
        pb.UpdateCustomerTeamRequest(customer_team=team), metadata=manager
    )


async def _power_map(stub, world: DemoWorld, customer: str, owner) -> None:
    persons = world.persons
    await _charted(stub, customer, owner, {persons[key] for key, *_ in POWER_MAP})
    for key, title, role, layer, us, them, coach, _veto, owned_by in POWER_MAP:
        # The layer and the veto are the archive's; the role counts while the archive
        # records no decision role for the person.
        person = res.PowerMapPerson(
            person=persons[key], display_name=title, role=role, layer=layer, support=us,
            competitor_support={COMPETITOR: them}, coach=coach, owner=owned_by,
        )  # fmt: skip
        request = pb.UpdatePowerMapPersonRequest(power_map_person=person, update_mask=FieldMask())
        await stub.UpdatePowerMapPerson(request, metadata=owner)
    current = await stub.GetPowerMap(
        pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=owner
    )
    if not current.edges:
        for source, target, kind in EDGES:
            edge = res.PowerMapEdge(source=persons[source], target=persons[target], kind=kind)
            await stub.CreatePowerMapEdge(
                pb.CreatePowerMapEdgeRequest(parent=customer, power_map_edge=edge), metadata=owner
            )
    buyer = persons["buyer"]
    history = await stub.ListAssessments(pb.ListAssessmentsRequest(parent=buyer), metadata=owner)
    if not history.assessments:
        assessment = res.Assessment(
            dimensions=BUYER_ASSESSMENT,
            competitor_support={COMPETITOR: 2},
            note="采购评审中倾向华信的报价",
        )
        await stub.CreateAssessment(
            pb.CreateAssessmentRequest(parent=buyer, assessment=assessment), metadata=owner
        )
    chains = await stub.ListDecisionChains(
        pb.ListDecisionChainsRequest(parent=customer), metadata=owner
    )
    if not chains.decision_chains:
        nodes = [res.DecisionChainNode(person=persons[k], role=r, hidden=h) for k, r, h in CHAIN]
        chain = res.DecisionChain(scenario="5G核心网招标评审", nodes=nodes)
        await stub.CreateDecisionChain(
            pb.CreateDecisionChainRequest(parent=customer, decision_chain=chain), metadata=owner
        )


async def _charted(stub, customer: str, owner, persons: set[str]) -> None:
    """Wait until planning's power map follows the archive's persons (they come by the
    archive's events, a moment after the archive recorded them)."""
    request = pb.GetPowerMapRequest(name=f"{customer}/powerMap")
    for _ in range(CHART_WAIT_STEPS):
        current = await stub.GetPowerMap(request, metadata=owner)
        if persons <= {p.person for p in current.persons}:
            return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"planning's power map of {customer} did not follow the archive")


async def _cards(stub, world: DemoWorld, customer: str, owner) -> None:
    listed = await stub.ListExpansionCards(
        pb.ListExpansionCardsRequest(page_size=1000), metadata=owner
    )
    carded = {c.person for c in listed.expansion_cards}
    for key, goal, metric, target, months, actions, retrospective in CARDS:
        if world.persons[key] in carded:
            continue
        due = Timestamp()
        due.FromDatetime(datetime.now(UTC) + timedelta(days=30 * months))
        card = res.ExpansionCard(
            customer=customer,
            person=world.persons[key],
            owner=OWNER,
            sponsor=SPONSOR,
            commitment=res.Commitment(goal=goal, metric=metric, target_value=target, due_time=due),
            actions=actions,
        )
        created = await stub.CreateExpansionCard(
            pb.CreateExpansionCardRequest(expansion_card=card), metadata=owner
        )
        if retrospective:
            first = created.retrospectives[0].name
            await stub.CompletePlanItem(
                pb.CompletePlanItemRequest(name=first, summary=retrospective, achieved_value=4),
                metadata=owner,
            )
