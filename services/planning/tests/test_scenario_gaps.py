"""Coverage gaps per business scenario open and close with the data, announced like the others:
the archive draws each scenario's decision chain (its persons' decision roles), the team adds
support, owners and A/B targets (R-60, R-61, R-66, R-CON-13)."""

from __future__ import annotations

from mcr.archive.v1 import events_pb2 as archive_events
from mcr.archive.v1 import person_pb2
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from test_planning_year import Subscriber
from test_refusals_and_gaps import goal_of, target

DECIDER = person_pb2.DECISION_ROLE_KIND_DECIDER
APPROVER = person_pb2.DECISION_ROLE_KIND_APPROVER
BUYER = person_pb2.DECISION_ROLE_KIND_BUYER


async def test_gaps_per_scenario_open_and_close_with_the_data(
    stub, auth, team, publish, nats_url, region
):
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")

    async def announce(pid: str, layer, *roles):
        known = person_pb2.Person(
            name=f"{customer}/persons/{pid}",
            title=pid.upper(),
            layer=layer,
            decision_roles=[person_pb2.DecisionRole(scenario=s, role=r) for s, r in roles],
        )
        created = archive_events.PersonCreated(person=known, region=region)
        await publish("mcr.archive.person.created", created, known.name)

    def team_sets(pid: str, **fields):
        return stub.UpdatePowerMapPerson(
            pb.UpdatePowerMapPersonRequest(
                power_map_person=planning_pb2.PowerMapPerson(
                    person=f"{customer}/persons/{pid}", **fields
                ),
                update_mask={"paths": list(fields)},
            ),
            metadata=lead,
        )

    ceo, cfo = f"{customer}/persons/ceo", f"{customer}/persons/cfo"
    async with Subscriber(nats_url, region) as events:

        def gap(kind, scenario, subject):
            return lambda e: (
                (e.customer, e.kind, e.scenario, e.subject)
                == (
                    customer,
                    kind,
                    scenario,
                    subject,
                )
            )

        async def opened(kind, scenario, subject):
            return await events.wait_for(
                "mcr.planning.coverage_gap.opened", gap(kind, scenario, subject)
            )

        async def closed(kind, scenario, subject):
            return await events.wait_for(
                "mcr.planning.coverage_gap.closed", gap(kind, scenario, subject)
            )

        await announce("ceo", person_pb2.LAYER_SENIOR, ("grid", DECIDER), ("it", APPROVER))
        await announce("buyer", person_pb2.LAYER_MIDDLE, ("grid", BUYER))
        await announce("cfo", person_pb2.LAYER_SENIOR, ("it", DECIDER))
        # the grid decider has no owner; R-CON-13: no supporter at their layer.
        await opened("decider_without_owner", "grid", ceo)
        await opened("no_supporter_at_decider_level", "grid", ceo)
        await opened("decider_without_owner", "it", cfo)
        await opened("no_supporter_at_decider_level", "it", cfo)

        # the rival's supporter in the IT chain is senior, ours nowhere.
        await team_sets("cfo", competitor_support={"rival": 1})
        found = await opened("competitor_supporter_above_ours", "it", customer)
        assert "rival" in found[0].detail and "ours nowhere" in found[0].detail
        # Our middle-layer supporter there is still below the rival's senior one.
        await team_sets("buyer", support=1)
        # The CEO supports us: level with the rival in IT, our supporter at the grid decider's
        # layer; the CEO's owner closes that gap and opens the B role's.
        await team_sets("ceo", support=1, owner="employees/e-lead")
        await closed("competitor_supporter_above_ours", "it", customer)
        await closed("no_supporter_at_decider_level", "grid", ceo)
        await closed("no_supporter_at_decider_level", "it", cfo)  # the CEO is in that chain too
        await closed("decider_without_owner", "grid", ceo)
        await opened("key_role_without_backup", "grid", ceo)
        await opened("key_role_without_backup", "it", ceo)

        # An A/B target on the CEO closes both.
        goal = await goal_of(stub, customer, lead)
        await stub.CreateTarget(
            pb.CreateTargetRequest(
                parent=customer,
                target=target(
                    customer, "ceo", goal, owner="employees/e-lead", backup="employees/e-member"
                ),
            ),
            metadata=lead,
        )
        await closed("key_role_without_backup", "grid", ceo)
        await closed("key_role_without_backup", "it", ceo)

    power_map = await stub.GetPowerMap(
        pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
    )
    per_scenario = {(g.kind, g.scenario, g.subject) for g in power_map.gaps if g.scenario}
    assert per_scenario == {("decider_without_owner", "it", cfo)}
