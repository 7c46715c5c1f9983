"""The power map follows the archive (decision 7, book §1.19–1.20): a customer recorded only in
the archive (departments, persons with decision roles per business scenario, layers, a veto
holder, reporting lines, influence links) has a complete power map in planning without a
planning write, in the archive's vocabulary; a departure leaves it; a person the archive does
not know is refused. The archive and planning run as in production, over real NATS and gRPC,
each on its own database (SQLite, then PostgreSQL)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as apb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, person_pb2
from mcr.planning.v1 import planning_pb2, planning_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as ppb
from mcr_core.rpc import field_violations
from mcr_core.service import RunningService, start_service
from mcr_core.testing import service_settings
from mcr_core.testing.kit import another_database
from mcr_planning.__main__ import SPEC as PLANNING
from mcr_planning.config import PlanningSettings

DECIDER = person_pb2.DECISION_ROLE_KIND_DECIDER
INFLUENCER = person_pb2.DECISION_ROLE_KIND_INFLUENCER
BUYER = person_pb2.DECISION_ROLE_KIND_BUYER


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS carries other tests' events too."""
    return f"m-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def planning_database_url(database_url, tmp_path) -> Iterator[str]:
    """Planning's own database, of the same kind as the archive's."""
    with another_database(database_url, tmp_path, "planning") as url:
        yield url


@pytest.fixture
async def planning(
    archive, planning_database_url, nats_url, auth_keys, tmp_path
) -> AsyncIterator[RunningService]:
    directory = tmp_path / "planning"
    directory.mkdir()
    settings = service_settings(
        PlanningSettings,
        database_url=planning_database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=directory,
    )
    service = await start_service(PLANNING, settings)
    yield service
    await service.stop()


async def _eventually(check, timeout: float = 60.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            found = await check()
            if found:
                return found
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the power map did not follow the archive in time")
        await asyncio.sleep(0.05)


async def test_a_customer_recorded_only_in_the_archive_has_its_power_map(
    archive, planning, auth_keys, region
):
    owner = auth_keys.metadata(
        employee_id="e-1001", region=region, org_unit=f"/{region}/enterprise/team-1"
    )
    archive_channel = grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}")
    planning_channel = grpc.aio.insecure_channel(f"127.0.0.1:{planning.grpc_port}")
    async with archive_channel, planning_channel:
        chart = archive_service_pb2_grpc.ArchiveServiceStub(archive_channel)
        plans = planning_service_pb2_grpc.PlanningServiceStub(planning_channel)

        customer = await chart.CreateCustomer(
            apb.CreateCustomerRequest(
                customer=customer_pb2.Customer(
                    display_name="珠江电网",
                    ownership_type=customer_pb2.OWNERSHIP_TYPE_STATE_OWNED,
                )
            ),
            metadata=owner,
        )

        async def department(name: str, parent: str = "") -> person_pb2.Department:
            return await chart.CreateDepartment(
                apb.CreateDepartmentRequest(
                    parent=customer.name,
                    department=person_pb2.Department(display_name=name, parent_department=parent),
                ),
                metadata=owner,
            )

        office = await department("总经理办公室")
        procurement = await department("采购部", office.name)

        async def person(title: str, **fields) -> person_pb2.Person:
            return await chart.CreatePerson(
                apb.CreatePersonRequest(
                    parent=customer.name,
                    person=person_pb2.Person(display_name=f"{title}本人", title=title, **fields),
                ),
                metadata=owner,
            )

        ceo = await person(
            "总经理",
            department=office.name,
            layer=person_pb2.LAYER_SENIOR,
            veto_holder=True,
            decision_roles=[
                person_pb2.DecisionRole(scenario="grid-2027", role=DECIDER),
                person_pb2.DecisionRole(scenario="it-outsourcing", role=INFLUENCER),
            ],
        )
        buyer = await person(
            "采购部主任",
            department=procurement.name,
            layer=person_pb2.LAYER_MIDDLE,
            reports_to=ceo.name,
            decision_roles=[person_pb2.DecisionRole(scenario="grid-2027", role=BUYER)],
        )
        mentor = await person("老院长", outside_org_chart=True)
        await chart.CreateInfluenceLink(
            apb.CreateInfluenceLinkRequest(
                parent=customer.name,
                influence_link=person_pb2.InfluenceLink(
                    source=mentor.name,
                    target=ceo.name,
                    kind=person_pb2.INFLUENCE_KIND_CONFIDANT,
                    direction=person_pb2.INFLUENCE_DIRECTION_ONE_WAY,
                    strength=5,
                ),
            ),
            metadata=owner,
        )
        await chart.CreateInfluenceLink(
            apb.CreateInfluenceLinkRequest(
                parent=customer.name,
                influence_link=person_pb2.InfluenceLink(
                    source=buyer.name,
                    target=mentor.name,
                    kind=person_pb2.INFLUENCE_KIND_CONFLICT,
                    direction=person_pb2.INFLUENCE_DIRECTION_MUTUAL,
                    strength=3,
                ),
            ),
            metadata=owner,
        )

        async def read() -> planning_pb2.PowerMap:
            return await plans.GetPowerMap(
                ppb.GetPowerMapRequest(name=f"{customer.name}/powerMap"), metadata=owner
            )

        async def complete():
            found = await read()
            return found if len(found.edges) == 4 and len(found.departments) == 2 else None

        power_map = await _eventually(complete)
        by_person = {p.person: p for p in power_map.persons}
        assert set(by_person) == {ceo.name, buyer.name, mentor.name}
        head = by_person[ceo.name]
        assert head.customer_layer == person_pb2.LAYER_SENIOR and head.veto
        assert [(r.scenario, r.role) for r in head.decision_roles] == [
            ("grid-2027", DECIDER),
            ("it-outsourcing", INFLUENCER),
        ]
        assert (head.role, head.layer) == ("decider", "high")  # the former vocabulary, derived
        assert head.display_name == "总经理" and head.owner == "employees/e-1001"
        assert head.department == office.name
        assert by_person[buyer.name].reports_to == ceo.name
        assert by_person[mentor.name].outside_org_chart
        edges = {(e.source, e.target, e.kind, e.influence_kind) for e in power_map.edges}
        assert edges == {
            (buyer.name, ceo.name, "reporting", 0),
            (mentor.name, ceo.name, "influence", person_pb2.INFLUENCE_KIND_CONFIDANT),
            (buyer.name, mentor.name, "conflict", person_pb2.INFLUENCE_KIND_CONFLICT),
            (mentor.name, buyer.name, "conflict", person_pb2.INFLUENCE_KIND_CONFLICT),
        }
        assert {(d.name, d.parent_department) for d in power_map.departments} == {
            (office.name, ""),
            (procurement.name, office.name),
        }
        # The map's gaps come with it: a decider nobody supportive reaches, no coach.
        assert {(g.kind, g.subject) for g in power_map.gaps} >= {
            ("decider_unsupported", ceo.name),
            ("no_coach", customer.name),
        }

        # The team adds only its own: support, a coach. The archive's facts stay.
        mine = planning_pb2.PowerMapPerson(
            person=mentor.name, support=3, coach=True, layer="low", role="user", veto=True
        )
        updated = await plans.UpdatePowerMapPerson(
            ppb.UpdatePowerMapPersonRequest(power_map_person=mine), metadata=owner
        )
        assert (updated.support, updated.coach, updated.veto) == (3, True, False)

        # A person the archive does not know is refused, naming the field.
        ghost = planning_pb2.PowerMapPerson(
            person=f"{customer.name}/persons/ghost", role="decider", layer="high"
        )
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await plans.UpdatePowerMapPerson(
                ppb.UpdatePowerMapPersonRequest(power_map_person=ghost), metadata=owner
            )
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert [v.field for v in field_violations(refused.value)] == ["power_map_person.person"]

        # The buyer retires: they leave the map with their edges; the map follows.
        await chart.UpdatePerson(
            apb.UpdatePersonRequest(
                person=person_pb2.Person(name=buyer.name, retired=True, etag=buyer.etag),
                update_mask=FieldMask(paths=["retired"]),
            ),
            metadata=owner,
        )

        async def departed():
            found = await read()
            return found if buyer.name not in {p.person for p in found.persons} else None

        after = await _eventually(departed)
        assert {(e.source, e.target) for e in after.edges} == {(mentor.name, ceo.name)}
        assert {p.person: p.support for p in after.persons}[mentor.name] == 3
