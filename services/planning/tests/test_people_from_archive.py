"""Our people as the archive records them (issue 15, R-80, R-81): an owner's job grade and a
sponsor's layer and position are the archive's, never a request's; an owner or sponsor the
archive does not know is refused naming the field; a sponsor consents, and only they; every
manager sponsors three projects, and a report names those who do not."""

from __future__ import annotations

import grpc
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from test_planning_year import person
from test_refusals_and_gaps import goal_of, refused, target


async def test_an_owners_grade_is_the_archives(map_person, stub, auth, team):
    lead = auth("e-lead")
    customer = (await team()).name.removesuffix("/planningTeam")
    goal = await goal_of(stub, customer, lead)
    await map_person(person(customer, "cto", layer="high", support=1), lead)

    # e-buyer-am is grade 14 in the archive: the request's 20 does not lift them to a CXO.
    why = await refused(
        stub.CreateTarget(
            pb.CreateTargetRequest(
                parent=customer,
                target=target(
                    customer, "cto", goal, owner="employees/e-buyer-am", owner_job_grade=20
                ),
            ),
            metadata=lead,
        )
    )
    assert "grade 14 is below the grade 16" in why["target.owner_job_grade"]
    # An owner the archive does not know is bad input, named.
    why = await refused(
        stub.CreateTarget(
            pb.CreateTargetRequest(
                parent=customer, target=target(customer, "cto", goal, owner="employees/e-ghost")
            ),
            metadata=lead,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "the archive does not know employees/e-ghost" in why["target.owner"]
    # e-member is grade 17: selected, with the archive's grade whatever the request said.
    selected = await stub.CreateTarget(
        pb.CreateTargetRequest(
            parent=customer, target=target(customer, "cto", goal, owner_job_grade=1)
        ),
        metadata=lead,
    )
    assert selected.owner_job_grade == 17


async def test_sponsors_are_the_archives_consent_and_every_manager_sponsors_three(
    map_person, stub, auth, auth_keys, team, region
):
    """R-80: every manager sponsors three projects; R-81: the sponsor consents."""
    lead = auth("e-lead")
    vp = auth_keys.metadata(
        employee_id="e-vp", region=region, org_unit=f"/{region}/enterprise", roles=("manager",)
    )
    customer = (await team()).name.removesuffix("/planningTeam")
    goal = await goal_of(stub, customer, lead)
    await map_person(person(customer, "cto", layer="high", support=1), lead)
    selected = await stub.CreateTarget(
        pb.CreateTargetRequest(parent=customer, target=target(customer, "cto", goal)),
        metadata=lead,
    )

    def sponsorship(sponsor: str, project: str, layer: str = "low"):
        return stub.CreateSponsorship(
            pb.CreateSponsorshipRequest(
                parent=customer,
                sponsorship=planning_pb2.Sponsorship(
                    target=selected.name, sponsor=sponsor, sponsor_layer=layer, project=project
                ),
            ),
            metadata=lead,
        )

    why = await refused(sponsorship("employees/e-ghost", "p0"), grpc.StatusCode.INVALID_ARGUMENT)
    assert "the archive does not know employees/e-ghost" in why["sponsorship.sponsor"]

    async def short() -> dict[str, tuple[int, int, str]]:
        found = await stub.ListSponsorshipShortfalls(
            pb.ListSponsorshipShortfallsRequest(), metadata=vp
        )
        return {s.manager: (s.sponsorships, s.required, s.org_unit) for s in found.shortfalls}

    # e-vp and e-lead manage someone in the archive; neither sponsors anything yet.
    assert await short() == {
        "employees/e-vp": (0, 3, f"/{region}/enterprise"),
        "employees/e-lead": (0, 3, f"/{region}/enterprise/team-1"),
    }

    made = [await sponsorship("employees/e-vp", f"p{n}") for n in range(3)]
    # The layer and position are the archive's (grade 20: high), not the request's "low".
    assert {(s.sponsor_layer, s.sponsor_job_grade, s.sponsor_org_unit) for s in made} == {
        ("high", 20, f"/{region}/enterprise")
    }
    assert not any(s.consented for s in made)
    # Proposed is not sponsoring: the VP is still short until they consent.
    assert (await short())["employees/e-vp"][0] == 0

    # Only the sponsor consents.
    with_lead = await refused(
        stub.ConsentSponsorship(pb.ConsentSponsorshipRequest(name=made[0].name), metadata=lead),
        grpc.StatusCode.PERMISSION_DENIED,
    )
    assert with_lead == {}
    for s in made:
        consented = await stub.ConsentSponsorship(
            pb.ConsentSponsorshipRequest(name=s.name), metadata=vp
        )
        assert consented.consented and consented.consent_time.seconds > 0
    assert await short() == {"employees/e-lead": (0, 3, f"/{region}/enterprise/team-1")}
    # A team lead sees themself, not their own manager.
    mine = await stub.ListSponsorshipShortfalls(
        pb.ListSponsorshipShortfallsRequest(), metadata=auth("e-lead", manager=True)
    )
    assert [s.manager for s in mine.shortfalls] == ["employees/e-lead"]
