"""Industry packs set the planning year: an internet pack revises quarterly; a pack that
fails or answers an impossible calendar does not stop the kickoff (the default pack answers)."""

from __future__ import annotations

from mcr.insight.v1 import events_pb2 as insight_events
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core.plugins import hookimpl
from mcr_planning.teams.domain import CycleCalendar
from planning_kit import eventually


class QuarterlyPack:
    """Weaker planners (tier B here) revise every quarter."""

    @hookimpl
    def planning_cycle(self, tier):
        if tier != "B":
            return None
        return CycleCalendar(revisions=((3, 31), (6, 30), (9, 30)))


class BrokenPack:
    @hookimpl
    def planning_cycle(self, tier):
        if tier == "C":
            raise RuntimeError("calendar service down")
        if tier == "A":
            return CycleCalendar(plan_due=(2, 30))  # no such day
        return None


async def test_packs_set_the_cycle_and_failures_fall_back(
    planning, stub, auth, team, publish, region
):
    planning.plugins.register(QuarterlyPack(), name="quarterly")
    planning.plugins.register(BrokenPack(), name="broken")
    customers = {}
    for tier in ("A", "B", "C"):
        created = await team()
        customer = created.name.removesuffix("/planningTeam")
        customers[tier] = customer
        await publish(
            "mcr.insight.tier.changed",
            insight_events.TierChanged(customer=customer, region=region, tier=tier),
            customer,
        )
        await eventually(lambda name=created.name, t=tier: _tier_is(stub, name, auth(), t))

    started = await stub.StartAnnualCycle(
        pb.StartAnnualCycleRequest(year=2026), metadata=auth("e-lead", manager=True)
    )
    assert started.issued_plans == 3
    again = await stub.StartAnnualCycle(
        pb.StartAnnualCycleRequest(year=2026), metadata=auth("e-lead", manager=True)
    )
    assert again.issued_plans == 0  # a team keeps the plan it has

    async def revisions(tier):
        plan = await stub.GetAnnualPlan(
            pb.GetAnnualPlanRequest(name=f"{customers[tier]}/annualPlans/2026"), metadata=auth()
        )
        due = [i.due_time.ToDatetime().date().isoformat() for i in plan.items]
        return [i for i in plan.items if i.kind == "revision"], due

    quarterly, _ = await revisions("B")
    assert [r.due_time.ToDatetime().month for r in quarterly] == [3, 6, 9]
    for tier in ("A", "C"):  # the default pack's calendar: one half-year revision in July
        found, due = await revisions(tier)
        assert [r.due_time.ToDatetime().month for r in found] == [7]
        assert due[0] == "2026-03-31"


async def _tier_is(stub, name, metadata, tier):
    got = await stub.GetCustomerTeam(pb.GetCustomerTeamRequest(name=name), metadata=metadata)
    return got.tier == tier
