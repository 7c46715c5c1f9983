"""Refusals with clear reasons (decision 8, PBC, brand activity dates, sponsor limits), power-map
gap events that fire when the data opens a gap and clear when it closes, and visibility."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from planning_kit import eventually, violations
from test_planning_year import Subscriber, person, policy_and_tier, stamp


async def refused(call, code=grpc.StatusCode.FAILED_PRECONDITION) -> dict[str, str]:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    assert error.value.code() == code, error.value.details()
    return violations(error.value)


async def goal_of(stub, customer, metadata):
    return await stub.CreateMarketGoal(
        pb.CreateMarketGoalRequest(
            parent=customer,
            market_goal=planning_pb2.MarketGoal(
                kind="hilltop", product_segment="5G core", target_year=2026
            ),
        ),
        metadata=metadata,
    )


def target(customer, pid, goal, **fields) -> planning_pb2.Target:
    values = {
        "person": f"{customer}/persons/{pid}",
        "market_goal": goal.name,
        "owner": "employees/e-member",
        "owner_job_grade": 16,
        "owner_kpi": "KPI 1",
        "target_level": 2,
        "pr_route": ["cto"],
    } | fields
    return planning_pb2.Target(**values)


async def test_refusals(map_person, stub, auth, team):
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    goal = await goal_of(stub, customer, lead)
    for p in (
        person(customer, "rival-fan", support=-2),
        person(customer, "rival-coach", competitor_support={"rival": 3}),
        person(customer, "cto", layer="high", support=1),
    ):
        await map_person(p, lead)

    # A −2 person is never a PR target (decision 8), nor a competitor's strong supporter.
    why = await refused(
        stub.CreateTarget(
            pb.CreateTargetRequest(parent=customer, target=target(customer, "rival-fan", goal)),
            metadata=lead,
        )
    )
    assert "competitor's supporter is never a PR target" in why["target.person"]
    why = await refused(
        stub.CreateTarget(
            pb.CreateTargetRequest(parent=customer, target=target(customer, "rival-coach", goal)),
            metadata=lead,
        )
    )
    assert "supports competitor rival at +3" in why["target.person"]
    # An important target needs two information channels.
    why = await refused(
        stub.CreateTarget(
            pb.CreateTargetRequest(
                parent=customer,
                target=target(customer, "cto", goal, important=True, information_channels=["x"]),
            ),
            metadata=lead,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "two stable information channels" in why["target.information_channels"]

    # A card goal that is not measurable.
    why = await refused(
        stub.CreateExpansionCard(
            pb.CreateExpansionCardRequest(
                expansion_card=planning_pb2.ExpansionCard(
                    customer=customer,
                    person=f"{customer}/persons/cto",
                    owner="employees/e-member",
                    commitment=planning_pb2.Commitment(
                        goal="be closer to the CTO",
                        due_time=stamp(datetime(2026, 5, 1, tzinfo=UTC)),
                    ),
                    actions=["visit"],
                )
            ),
            metadata=auth("e-member", unit="team-1/sales"),
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "measurable" in why["expansion_card.commitment.metric"]
    assert "measurable" in why["expansion_card.commitment.target_value"]

    # A brand activity dated after the project's decision (Barcelona in April for March).
    project = await stub.CreateProject(
        pb.CreateProjectRequest(
            parent=customer,
            project=planning_pb2.Project(
                display_name="core network", decision_time=stamp(datetime(2026, 3, 15, tzinfo=UTC))
            ),
        ),
        metadata=lead,
    )
    activity = planning_pb2.BrandActivity(
        display_name="Barcelona exhibition",
        project=project.name,
        activity_time=stamp(datetime(2026, 4, 2, tzinfo=UTC)),
        invitees=6,
        days=3,
        budget_units=240_000,
    )
    why = await refused(
        stub.CreateBrandActivity(
            pb.CreateBrandActivityRequest(parent=customer, brand_activity=activity), metadata=lead
        )
    )
    assert "not before the project's decision on 2026-03-15" in why["brand_activity.activity_time"]
    activity.activity_time.CopyFrom(stamp(datetime(2026, 2, 20, tzinfo=UTC)))
    await stub.CreateBrandActivity(
        pb.CreateBrandActivityRequest(parent=customer, brand_activity=activity), metadata=lead
    )
    budget = await stub.RollUpBrandBudget(
        pb.RollUpBrandBudgetRequest(), metadata=auth("e-lead", manager=True)
    )
    assert (budget.activity_count, budget.budget_units, budget.invitees) == (1, 240_000, 6)

    # A sponsor over their project limit (three matching their level, book §1.21).
    selected = await stub.CreateTarget(
        pb.CreateTargetRequest(parent=customer, target=target(customer, "cto", goal)),
        metadata=lead,
    )
    for n in range(3):
        await stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=selected.name,
                    sponsor="employees/e-vp",
                    sponsor_layer="high",
                    project=f"p{n}",
                ),
            ),
            metadata=lead,
        )
    why = await refused(
        stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=selected.name,
                    sponsor="employees/e-vp",
                    sponsor_layer="high",
                    project="p4",
                ),
            ),
            metadata=lead,
        )
    )
    assert "already sponsors 3 projects" in why["sponsorship.sponsor"]
    # and a middle-level manager lacks status parity with a CXO
    why = await refused(
        stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=selected.name,
                    sponsor="employees/e-director",
                    sponsor_layer="middle",
                    project="p5",
                ),
            ),
            metadata=lead,
        )
    )
    assert "status parity" in why["sponsorship.sponsor"]

    # A decision chain through a person the power map does not know.
    why = await refused(
        stub.CreateDecisionChain(
            pb.CreateDecisionChainRequest(
                parent=customer,
                decision_chain=planning_pb2.DecisionChain(
                    scenario="trial site",
                    nodes=[
                        planning_pb2.DecisionChainNode(
                            person=f"{customer}/persons/ghost", role="decider"
                        )
                    ],
                ),
            ),
            metadata=lead,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "not on the power map" in why["decision_chain.nodes[0].person"]

    # A point of the activity plan that names no key person.
    why = await refused(
        stub.UpdateRelationshipPlan(
            pb.UpdateRelationshipPlanRequest(
                relationship_plan=planning_pb2.RelationshipPlan(
                    name=f"{customer}/relationshipPlans/2026",
                    activity_plan=[planning_pb2.ActivityPlanEntry(level="point", description="x")],
                    org_activities=[planning_pb2.OrgActivity(kind="golf", description="y")],
                )
            ),
            metadata=lead,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert set(why) == {
        "relationship_plan.activity_plan[0].persons",
        "relationship_plan.org_activities[0].kind",
    }

    # A question the six competitor questions do not have.
    why = await refused(
        stub.UpdateCompetitorAnalysis(
            pb.UpdateCompetitorAnalysisRequest(
                competitor_analysis=planning_pb2.CompetitorAnalysis(
                    name=f"{customer}/competitorAnalyses/rival", answers={"weather": "sunny"}
                )
            ),
            metadata=lead,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "competitor_analysis.answers[weather]" in why

    # Bad input names the field.
    why = await refused(
        map_person(person(customer, "x", support=5), lead),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "power_map_person.support" in why


async def test_gap_events_fire_and_clear(map_person, stub, auth, team, publish, nats_url, region):
    lead = auth("e-lead")
    created = await team()
    customer = created.name.removesuffix("/planningTeam")
    async with Subscriber(nats_url, region) as events:
        await policy_and_tier(publish, customer, region)

        def about(kind):
            return lambda e: e.customer == customer and e.kind == kind

        await events.wait_for("mcr.planning.coverage_gap.opened", about("single_threaded"))
        # The decider with nobody supportive, and no coach.
        await map_person(person(customer, "ceo", role="decider", layer="high"), lead)
        await events.wait_for("mcr.planning.coverage_gap.opened", about("no_coach"))
        opened = await events.wait_for(
            "mcr.planning.coverage_gap.opened", about("decider_unsupported")
        )
        assert opened[0].subject == f"{customer}/persons/ceo"
        power_map = await stub.GetPowerMap(
            pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
        )
        # and, in the decision chain of its business scenario, a decider without an owner
        # and without a supporter of ours at or above their layer (R-60, R-CON-13).
        assert {(g.kind, g.scenario) for g in power_map.gaps} == {
            ("single_threaded", ""),
            ("no_coach", ""),
            ("decider_unsupported", ""),
            ("decider_without_owner", "default"),
            ("no_supporter_at_decider_level", "default"),
        }

        # A coach who influences the CEO and a second supporter close all three.
        for p in (
            person(customer, "coach", support=3, coach=True),
            person(customer, "cto", layer="high", support=1),
        ):
            await map_person(p, lead)
        await stub.CreatePowerMapEdge(
            pb.CreatePowerMapEdgeRequest(
                parent=customer,
                power_map_edge=planning_pb2.PowerMapEdge(
                    source=f"{customer}/persons/coach",
                    target=f"{customer}/persons/ceo",
                    kind="influence",
                ),
            ),
            metadata=lead,
        )
        await stub.UpdatePowerMapPerson(
            pb.UpdatePowerMapPersonRequest(
                power_map_person=planning_pb2.PowerMapPerson(
                    person=f"{customer}/persons/ceo", owner="employees/e-lead"
                ),
                update_mask={"paths": ["owner"]},
            ),
            metadata=lead,
        )
        for kind in (
            "single_threaded",
            "no_coach",
            "decider_unsupported",
            "decider_without_owner",
            "no_supporter_at_decider_level",
        ):
            await events.wait_for("mcr.planning.coverage_gap.closed", about(kind))
        power_map = await stub.GetPowerMap(
            pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
        )
        # The decider now has an owner but no backup owner: A and B are both needed.
        assert [(g.kind, g.subject) for g in power_map.gaps] == [
            ("key_role_without_backup", f"{customer}/persons/ceo")
        ]

        # A goal that needs two exclusive CXOs, with one, opens that gap; the second closes it.
        await goal_of(stub, customer, lead)
        short = await events.wait_for(
            "mcr.planning.coverage_gap.opened", about("exclusive_cxos_short")
        )
        assert "needs 2 exclusive CXOs, have 0" in short[0].detail
        for pid in ("ceo", "cto"):
            await stub.UpdatePowerMapPerson(
                pb.UpdatePowerMapPersonRequest(
                    power_map_person=planning_pb2.PowerMapPerson(
                        person=f"{customer}/persons/{pid}", support=2
                    ),
                    update_mask={"paths": ["support"]},
                ),
                metadata=lead,
            )
        await events.wait_for("mcr.planning.coverage_gap.closed", about("exclusive_cxos_short"))
        compliance = await stub.GetTierCompliance(
            pb.GetTierComplianceRequest(customer=customer), metadata=lead
        )
        assert compliance.tier == "S"
        assert {o.code: o.met for o in compliance.obligations} == {
            "general_relationship": True,
            "key_relationship": True,
            "organisational_relationship": True,
        }
        assert compliance.compliant


async def test_visibility_follows_the_hierarchy(map_person, stub, auth, team, auth_keys):
    created = await team()
    customer = created.name.removesuffix("/planningTeam")
    member = auth("e-member", unit="team-1/sales")
    await map_person(person(customer, "cto", support=1), member)
    card = await stub.CreateExpansionCard(
        pb.CreateExpansionCardRequest(
            expansion_card=planning_pb2.ExpansionCard(
                customer=customer,
                person=f"{customer}/persons/cto",
                owner="employees/e-member",
                commitment=planning_pb2.Commitment(
                    goal="trial site agreed",
                    metric="trial sites",
                    target_value=1,
                    due_time=stamp(datetime(2026, 6, 30, tzinfo=UTC)),
                ),
                actions=["visit weekly"],
            )
        ),
        metadata=member,
    )
    # The owner and the owner's superior see the card; a peer does not, nor the team lead
    # without a manager's role.
    for metadata in (member, auth("e-boss", unit="", manager=True)):
        got = await stub.GetExpansionCard(
            pb.GetExpansionCardRequest(name=card.name), metadata=metadata
        )
        assert got.owner == "employees/e-member"
    for metadata in (auth("e-peer", unit="team-2/sales"), auth("e-lead")):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.GetExpansionCard(
                pb.GetExpansionCardRequest(name=card.name), metadata=metadata
            )
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
    listed = await stub.ListExpansionCards(
        pb.ListExpansionCardsRequest(), metadata=auth("e-peer", unit="team-2")
    )
    assert list(listed.expansion_cards) == []
    listed = await stub.ListExpansionCards(pb.ListExpansionCardsRequest(), metadata=member)
    assert [c.name for c in listed.expansion_cards] == [card.name]
    # The customer's planning is the team's: a peer team sees nothing of it.
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetPowerMap(
            pb.GetPowerMapRequest(name=f"{customer}/powerMap"),
            metadata=auth("e-peer", unit="team-2"),
        )
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    # Regions are isolated, whatever the role.
    other_region = auth_keys.metadata(
        employee_id="e-lead", region="elsewhere", org_unit="/elsewhere", roles=("manager",)
    )
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetCustomerTeam(
            pb.GetCustomerTeamRequest(name=created.name), metadata=other_region
        )
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    # A stale etag is refused, naming it.
    stale = planning_pb2.CustomerTeam(name=created.name, org_level="partner", etag="stale")
    why = await refused(
        stub.UpdateCustomerTeam(
            pb.UpdateCustomerTeamRequest(customer_team=stale, update_mask={"paths": ["org_level"]}),
            metadata=auth("e-lead"),
        )
    )
    assert "changed since it was read" in why["customer_team.etag"]
    # No token, no answer.
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetPowerMap(pb.GetPowerMapRequest(name=f"{customer}/powerMap"))
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert await eventually(
        lambda: stub.GetCustomerTeam(pb.GetCustomerTeamRequest(name=created.name), metadata=member)
    )


async def test_a_missed_card_retrospective_is_announced(
    map_person, stub, auth, team, fake_clock, nats_url, region
):
    customer = (await team()).name.removesuffix("/planningTeam")
    member = auth("e-member", unit="team-1/sales")
    await map_person(person(customer, "cto", support=1), member)
    card = await stub.CreateExpansionCard(
        pb.CreateExpansionCardRequest(
            expansion_card=planning_pb2.ExpansionCard(
                customer=customer,
                person=f"{customer}/persons/cto",
                owner="employees/e-member",
                commitment=planning_pb2.Commitment(
                    goal="trial site agreed",
                    metric="trial sites",
                    target_value=1,
                    due_time=stamp(datetime(2026, 7, 1, tzinfo=UTC)),
                ),
                actions=["visit weekly"],
            )
        ),
        metadata=member,
    )
    async with Subscriber(nats_url, region) as events:
        fake_clock.set(datetime(2026, 4, 6, 9, tzinfo=UTC))  # the first review was due 5 April
        missed = await events.wait_for("mcr.planning.plan_item.overdue")
        assert [(e.kind, e.item) for e in missed] == [
            ("card_retrospective", card.retrospectives[0].name)
        ]
    got = await stub.GetExpansionCard(pb.GetExpansionCardRequest(name=card.name), metadata=member)
    assert [r.state for r in got.retrospectives] == ["overdue", "open"]
