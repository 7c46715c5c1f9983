"""A whole planning year for a demo customer team on the fake clock: the year-end kickoff
issues the three-piece set, the team assesses, sets goals and targets, keeps a card with its
retrospectives, revises at half-year and evaluates at year end; what it leaves undone is
announced as overdue."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import nats
import nats.errors
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.contact.v1 import events_pb2 as contact_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2
from mcr.planning.v1 import events_pb2, planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core.testing import nats_client
from planning_kit import eventually

S_OBLIGATIONS = ("general_relationship", "key_relationship", "organisational_relationship")


def stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


class Subscriber:
    """Reads planning's events of one region from MCR_PLANNING."""

    def __init__(self, nats_url: str, region: str) -> None:
        self.nats_url, self.region, self.seen = nats_url, region, []

    async def __aenter__(self):
        self.nc = await nats_client(self.nats_url)
        self.sub = await self.nc.jetstream().pull_subscribe("mcr.planning.>", stream="MCR_PLANNING")
        return self

    async def __aexit__(self, *exc):
        await self.sub.unsubscribe()
        await self.nc.close()  # a drain would wait for the pending pull request to expire

    async def poll(self) -> list:
        try:
            messages = await self.sub.fetch(200, timeout=0.5)
        except (TimeoutError, nats.errors.TimeoutError):
            return self.seen
        for message in messages:
            await message.ack()
            kind = {
                "mcr.planning.annual_plan.issued": events_pb2.AnnualPlanIssued,
                "mcr.planning.plan_item.overdue": events_pb2.PlanItemOverdue,
                "mcr.planning.coverage_gap.opened": events_pb2.CoverageGapOpened,
                "mcr.planning.coverage_gap.closed": events_pb2.CoverageGapClosed,
                "mcr.planning.key_person.changed": events_pb2.KeyPersonPlanChanged,
            }[message.subject]
            event = kind.FromString(message.data)
            if event.region == self.region:
                self.seen.append((message.subject, event))
        return self.seen

    async def wait_for(self, subject: str, predicate=lambda e: True, timeout: float = 15.0):
        async def found():
            return [e for s, e in await self.poll() if s == subject and predicate(e)]

        return await eventually(found, timeout)


async def policy_and_tier(publish, customer: str, region: str, tier: str = "S") -> None:
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}",
        tier=tier,
        plugin="test",
        relationship_obligations=[tier_pb2.RelationshipObligation(code=c) for c in S_OBLIGATIONS],
        etag=uuid.uuid4().hex[:16],
    )
    await publish(
        "mcr.insight.tier_policy.changed",
        insight_events.TierPolicyChanged(policy=policy),
        policy.name,
    )
    await publish(
        "mcr.insight.tier.changed",
        insight_events.TierChanged(customer=customer, region=region, tier=tier),
        customer,
    )


def person(customer: str, pid: str, **fields) -> planning_pb2.PowerMapPerson:
    values = {"display_name": pid.upper(), "role": "influencer", "layer": "middle"} | fields
    return planning_pb2.PowerMapPerson(person=f"{customer}/persons/{pid}", **values)


async def test_a_whole_planning_year(
    map_person, stub, auth, team, publish, fake_clock, nats_url, region
):
    lead, member, boss = (
        auth("e-lead"),
        auth("e-member", unit="team-1/sales"),
        auth("e-lead", manager=True),
    )
    created = await team()
    customer = created.name.removesuffix("/planningTeam")
    await policy_and_tier(publish, customer, region)
    await eventually(
        lambda: _tier_is(stub, created.name, lead, "S"),
    )

    async with Subscriber(nats_url, region) as events:
        # Year-end kickoff: 1 December issues the plan for next year, the three-piece set due
        # by the end of March.
        fake_clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
        issued = await events.wait_for("mcr.planning.annual_plan.issued")
        assert issued[0].annual_plan == f"{customer}/annualPlans/2027"
        plan = await stub.GetAnnualPlan(
            pb.GetAnnualPlanRequest(name=issued[0].annual_plan), metadata=lead
        )
        kinds = [(i.kind, i.sequence) for i in plan.items]
        three = {"current_state_assessment", "goal_statement", "pr_plan"}
        assert {k for k, _ in kinds[:3]} == three
        assert all(
            i.due_time.ToDatetime().date().isoformat() == "2027-03-31" for i in plan.items[:3]
        )
        assert ("revision", 1) in kinds and kinds[-1] == ("evaluation", 1)
        assert plan.tier == "S"

        # Current-state assessment: the power map and an evidence-based assessment.
        for p in (
            person(customer, "ceo", role="decider", layer="high"),
            person(customer, "cto", layer="high", support=1),
            person(customer, "cfo", layer="high", role="approver"),
        ):
            await map_person(p, lead)
        # Step 1 of the five: the decision chain of the bid evaluation, hidden influencer too.
        chain = await stub.CreateDecisionChain(
            pb.CreateDecisionChainRequest(
                parent=customer,
                decision_chain=planning_pb2.DecisionChain(
                    scenario="bid evaluation",
                    nodes=[
                        planning_pb2.DecisionChainNode(
                            person=f"{customer}/persons/cto", role="influencer"
                        ),
                        planning_pb2.DecisionChainNode(
                            person=f"{customer}/persons/cfo", role="approver", hidden=True
                        ),
                        planning_pb2.DecisionChainNode(
                            person=f"{customer}/persons/ceo", role="decider"
                        ),
                    ],
                ),
            ),
            metadata=lead,
        )
        chains = await stub.ListDecisionChains(
            pb.ListDecisionChainsRequest(parent=customer), metadata=boss
        )
        assert [c.name for c in chains.decision_chains] == [chain.name]
        assert [n.hidden for n in chain.nodes] == [False, True, False]
        key_event = f"{customer}/keyEvents/{uuid.uuid4().hex[:8]}"
        await publish(
            "mcr.contact.key_event.recorded",
            contact_events.KeyEventRecorded(
                key_event=key_event,
                customer=customer,
                region=region,
                person=f"{customer}/persons/cto",
                dimension="decision_support",
                impact=2,
                occur_time=stamp(fake_clock.now()),
            ),
            key_event,
        )
        assessment = await _assess_when_evidence_arrives(stub, customer, key_event, lead)
        assert assessment.level == 2
        history = await stub.ListAssessments(
            pb.ListAssessmentsRequest(parent=f"{customer}/persons/cto"), metadata=boss
        )
        assert [a.level for a in history.assessments] == [2]
        checked = await stub.SpotCheckAssessment(
            pb.SpotCheckAssessmentRequest(name=assessment.name, result="confirmed"), metadata=boss
        )
        assert checked.spot_check == "confirmed"

        # Goals: the book's 40% of product A in Guangdong, and its gap.
        goal = await stub.CreateMarketGoal(
            pb.CreateMarketGoalRequest(
                parent=customer,
                market_goal=planning_pb2.MarketGoal(
                    kind="share",
                    product_segment="product A",
                    scope="Guangdong",
                    target_share_percent=40,
                    target_year=2027,
                    description="40% share of product A in Guangdong",
                ),
                request_id="goal-1",
            ),
            metadata=lead,
        )
        assert goal.relationship_goal.exclusive_cxos == 2
        gap = await stub.AnalyzeGoalGap(pb.AnalyzeGoalGapRequest(name=goal.name), metadata=lead)
        by_aspect = {g.aspect: g for g in gap.gaps}
        assert (by_aspect["exclusive_cxos"].current, by_aspect["exclusive_cxos"].met) == (
            "1",
            False,
        )
        assert by_aspect["org_level"].required == "partner"
        assert not by_aspect["org_level"].met

        # The six competitor questions, answered over time.
        analysis = await stub.UpdateCompetitorAnalysis(
            pb.UpdateCompetitorAnalysisRequest(
                competitor_analysis=planning_pb2.CompetitorAnalysis(
                    name=f"{customer}/competitorAnalyses/rival",
                    answers={
                        "strategy_positioning": "this customer is their main battlefield",
                        "support_points": "their CTO ally; quarrel with procurement",
                    },
                )
            ),
            metadata=lead,
        )
        assert len(analysis.unanswered) == 4 and "our_differentiation" in analysis.unanswered
        await stub.UpdateCompetitorAnalysis(
            pb.UpdateCompetitorAnalysisRequest(
                competitor_analysis=planning_pb2.CompetitorAnalysis(
                    name=analysis.name, answers={"our_differentiation": "reference-site visits"}
                )
            ),
            metadata=lead,
        )
        analysis = await stub.GetCompetitorAnalysis(
            pb.GetCompetitorAnalysisRequest(name=analysis.name), metadata=boss
        )
        assert len(analysis.answers) == 3 and len(analysis.unanswered) == 3

        # The general and organisational relationship plan of the year.
        plan_name = f"{customer}/relationshipPlans/2027"
        relationship = await stub.UpdateRelationshipPlan(
            pb.UpdateRelationshipPlanRequest(
                relationship_plan=planning_pb2.RelationshipPlan(
                    name=plan_name,
                    department_coverage=[
                        planning_pb2.DepartmentCoverage(
                            department="network planning", contacts_per_quarter=6
                        ),
                        planning_pb2.DepartmentCoverage(
                            department="procurement", persons_to_cover=4
                        ),
                    ],
                    staff_duties=[
                        planning_pb2.StaffDuty(
                            role="product_manager", duty="meets planning monthly"
                        )
                    ],
                    org_activities=[
                        planning_pb2.OrgActivity(
                            kind="identification",
                            description="reference-site visit",
                            planned_time=stamp(datetime(2027, 2, 10, tzinfo=UTC)),
                        )
                    ],
                    activity_plan=[
                        planning_pb2.ActivityPlanEntry(
                            level="point",
                            description="CFO dinner",
                            persons=[f"{customer}/persons/cfo"],
                        ),
                        planning_pb2.ActivityPlanEntry(
                            level="line", description="tech day", departments=["network planning"]
                        ),
                        planning_pb2.ActivityPlanEntry(
                            level="surface", description="new-year fair"
                        ),
                    ],
                )
            ),
            metadata=lead,
        )
        relationship = await stub.UpdateRelationshipPlan(
            pb.UpdateRelationshipPlanRequest(
                relationship_plan=planning_pb2.RelationshipPlan(
                    name=plan_name,
                    staff_duties=[planning_pb2.StaffDuty(role="delivery_manager", duty="site")],
                    etag=relationship.etag,
                ),
                update_mask={"paths": ["staff_duties"]},
            ),
            metadata=lead,
        )
        assert [d.role for d in relationship.staff_duties] == ["delivery_manager"]
        assert len(relationship.activity_plan) == 3 and len(relationship.department_coverage) == 2

        # Key-person plan: the CFO as a target with an owner, a B role and an action plan.
        target = await stub.CreateTarget(
            pb.CreateTargetRequest(
                parent=customer,
                target=planning_pb2.Target(
                    person=f"{customer}/persons/cfo",
                    market_goal=goal.name,
                    owner="employees/e-member",
                    owner_job_grade=17,
                    owner_kpi="KPI 3: CFO relationship",
                    backup="employees/e-lead",
                    target_level=2,
                    important=True,
                    information_channels=["coach at finance", "partner bank"],
                    pr_route=["procurement director", "cfo"],
                ),
            ),
            metadata=lead,
        )
        await stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=target.name,
                    sponsor="employees/e-vp",
                    sponsor_layer="high",
                    project="core network 2027",
                ),
            ),
            metadata=lead,
        )

        # The expansion card of the target's owner, with its three-monthly retrospectives.
        card = await stub.CreateExpansionCard(
            pb.CreateExpansionCardRequest(
                expansion_card=planning_pb2.ExpansionCard(
                    customer=customer,
                    person=f"{customer}/persons/cfo",
                    owner="employees/e-member",
                    sponsor="employees/e-vp",
                    commitment=planning_pb2.Commitment(
                        goal="new product selected with the CFO's support",
                        metric="selections",
                        target_value=1,
                        due_time=stamp(datetime(2027, 5, 31, tzinfo=UTC)),
                    ),
                    actions=["visit 3 times a week", "company visit every 3 months"],
                ),
            ),
            metadata=member,
        )
        retro = [(r.due_time.ToDatetime().date().isoformat(), r.state) for r in card.retrospectives]
        assert retro == [("2027-03-01", "open"), ("2027-05-31", "open")]

        # The three-piece set is done before the end of March.
        for item in plan.items[:3]:
            await stub.CompletePlanItem(
                pb.CompletePlanItemRequest(name=item.name, summary=f"{item.kind} agreed"),
                metadata=lead,
            )
        fake_clock.set(datetime(2027, 2, 28, 12, tzinfo=UTC))
        await stub.CompletePlanItem(
            pb.CompletePlanItemRequest(
                name=card.retrospectives[0].name, summary="two visits a week", achieved_value=0
            ),
            metadata=member,
        )

        # The first quarterly self-check is forgotten: it is announced overdue in April.
        fake_clock.set(datetime(2027, 4, 1, 9, tzinfo=UTC))
        overdue = await events.wait_for("mcr.planning.plan_item.overdue")
        assert [(e.kind, e.customer) for e in overdue] == [("self_check", customer)]

        # The card's last retrospective, the half-year revision, the evaluation.
        fake_clock.set(datetime(2027, 5, 30, 9, tzinfo=UTC))
        await stub.CompletePlanItem(
            pb.CompletePlanItemRequest(
                name=card.retrospectives[1].name, summary="selected", achieved_value=1
            ),
            metadata=member,
        )
        items = {(i.kind, i.sequence): i for i in plan.items}
        for when, key, summary in (
            (datetime(2027, 6, 29, 9, tzinfo=UTC), ("self_check", 2), "on track"),
            (datetime(2027, 7, 20, 9, tzinfo=UTC), ("revision", 1), "revised with the goals"),
            (datetime(2027, 9, 29, 9, tzinfo=UTC), ("self_check", 3), "CFO at +1"),
            (datetime(2027, 12, 10, 9, tzinfo=UTC), ("self_check", 4), "CFO at +2"),
            (datetime(2027, 12, 20, 9, tzinfo=UTC), ("evaluation", 1), "goal reached: 41%"),
        ):
            fake_clock.set(when)
            await stub.CompletePlanItem(
                pb.CompletePlanItemRequest(name=items[key].name, summary=summary),
                metadata=boss if key[0] == "evaluation" else lead,
            )
        fake_clock.set(datetime(2028, 1, 2, 9, tzinfo=UTC))
        plan = await stub.GetAnnualPlan(pb.GetAnnualPlanRequest(name=plan.name), metadata=lead)
        states = {(i.kind, i.sequence): i.state for i in plan.items}
        assert states.pop(("self_check", 1)) == "overdue"
        assert set(states.values()) == {"done"}
        card = await stub.GetExpansionCard(
            pb.GetExpansionCardRequest(name=card.name), metadata=boss
        )
        assert [r.state for r in card.retrospectives] == ["done", "done"]
        # The next year's kickoff came at its time too (1 December 2027).
        issued = await events.wait_for("mcr.planning.annual_plan.issued", lambda e: e.year == 2028)
        assert issued[0].customer == customer
        overdue = await events.wait_for("mcr.planning.plan_item.overdue")
        assert len(overdue) == 1


async def _tier_is(stub, name, metadata, tier):
    found = await stub.GetCustomerTeam(pb.GetCustomerTeamRequest(name=name), metadata=metadata)
    return found.tier == tier


async def _assess_when_evidence_arrives(stub, customer, key_event, metadata):
    """Contact's key event reaches planning through the bus; until it has, the assessment is
    refused for want of evidence."""
    import grpc

    request = pb.CreateAssessmentRequest(
        parent=f"{customer}/persons/cto",
        assessment=planning_pb2.Assessment(
            dimensions={"acceptance": 2, "participation": 2, "decision_support": 2},
            evidence_key_events=[key_event],
            competitor_support={"rival": -1},
        ),
    )

    async def attempt():
        try:
            return await stub.CreateAssessment(request, metadata=metadata)
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.FAILED_PRECONDITION:
                return None
            raise

    return await eventually(attempt, timeout=15)
