"""The key-person plan announced (R-CON-8/10): selecting a target and a sponsor's consent each
publish the person's whole plan, which contact follows without a manual step."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from planning_kit import eventually
from test_planning_year import Subscriber, person
from test_refusals_and_gaps import goal_of, target


async def test_a_target_and_a_consented_sponsor_are_announced_with_the_whole_plan(
    map_person, stub, auth, auth_keys, team, region, nats_url
):
    lead = auth("e-lead")
    vp = auth_keys.metadata(
        employee_id="e-vp", region=region, org_unit=f"/{region}/enterprise", roles=("manager",)
    )
    customer = (await team()).name.removesuffix("/planningTeam")
    goal = await goal_of(stub, customer, lead)
    cto = f"{customer}/persons/cto"
    await map_person(person(customer, "cto", layer="high", support=1), lead)

    async with Subscriber(nats_url, region) as events:

        async def plans() -> list:
            seen = await events.poll()
            return [e for subject, e in seen if subject == "mcr.planning.key_person.changed"]

        selected = await stub.CreateTarget(
            pb.CreateTargetRequest(parent=customer, target=target(customer, "cto", goal)),
            metadata=lead,
        )
        [chosen] = await eventually(plans)
        assert (chosen.person, chosen.customer, chosen.target) == (cto, customer, True)
        assert (chosen.owner, list(chosen.sponsors)) == ("employees/e-member", [])

        # Proposed is not sponsoring: only the sponsor's consent changes the plan.
        proposed = await stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=selected.name, sponsor="employees/e-vp", project="core network"
                ),
            ),
            metadata=lead,
        )
        await stub.ConsentSponsorship(pb.ConsentSponsorshipRequest(name=proposed.name), metadata=vp)

        async def sponsored() -> list:
            return [e for e in await plans() if e.sponsors]

        [after] = await eventually(sponsored)
        assert (after.target, after.owner, list(after.sponsors)) == (
            True,
            "employees/e-member",
            ["employees/e-vp"],
        )
        # Consenting again announces nothing new.
        await stub.ConsentSponsorship(pb.ConsentSponsorshipRequest(name=proposed.name), metadata=vp)
        await plans()
        assert len(await plans()) == 2
