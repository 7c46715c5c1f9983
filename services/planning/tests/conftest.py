"""Fixtures of planning's tests: a running planning service on a real database and NATS, and
a way to publish the other services' events on the real bus, as they do."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import grpc
import pytest
from mcr.archive.v1 import employee_pb2, person_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.planning.v1 import planning_pb2, planning_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings
from mcr_planning.__main__ import SPEC
from mcr_planning.config import PlanningSettings
from mcr_planning.domain import DecisionRole, Layer
from mcr_planning.powermap.mapping import LAYER_TO_ARCHIVE, ROLE_TO_ARCHIVE
from planning_kit import eventually


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS also carries other tests' events."""
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def planning(
    database_url, nats_url, auth_keys, tmp_path, fake_clock
) -> AsyncIterator[RunningService]:
    settings = service_settings(
        PlanningSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
        plugin_timeout_seconds=2.0,
    )
    service = await start_service(SPEC, settings, clock=fake_clock)
    yield service
    await service.stop()


@pytest.fixture
async def stub(planning) -> AsyncIterator[planning_service_pb2_grpc.PlanningServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{planning.grpc_port}") as channel:
        yield planning_service_pb2_grpc.PlanningServiceStub(channel)


@pytest.fixture
def auth(auth_keys: AuthKeys, region: str):
    """Call metadata for an employee of this test's region: `auth("e-lead", manager=True)`."""

    def metadata(employee_id: str = "e-lead", *, unit: str = "team-1", manager: bool = False):
        roles = ("account_manager", "manager") if manager else ("account_manager",)
        return auth_keys.metadata(
            employee_id=employee_id,
            region=region,
            org_unit=f"/{region}/enterprise/{unit}",
            roles=roles,
        )

    return metadata


Publish = Callable[..., Awaitable[None]]


@pytest.fixture
async def publish(nats_url, planning) -> AsyncIterator[Publish]:
    """`await publish("mcr.insight.tier.changed", message, resource)`: as the owner would."""
    nc = await nats_client(nats_url)
    js = nc.jetstream()

    async def send(subject: str, message, resource: str = "") -> None:
        source = subject.split(".")[1]
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source=f"mcr/{source}",
            event_type=message.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=resource,
        )
        await js.publish(subject, message.SerializeToString(), headers=headers)

    yield send
    await nc.drain()


# Our employees as the archive announces them: (id, unit under /region/enterprise, job grade,
# manager). The last one's manager makes e-vp a manager: when e-vp shows as one, planning has
# read them all (one consumer, in the order published).
STAFF = (
    ("e-lead", "team-1", 18, "e-vp"),
    ("e-member", "team-1/sales", 17, "e-lead"),
    ("e-buyer-am", "team-1", 14, "e-lead"),
    ("e-vp", "", 20, ""),
    ("e-director", "team-1", 15, "e-vp"),
)


@pytest.fixture
async def staff(stub, publish, region, auth_keys) -> None:
    """The archive announces the cast of planning's tests, and planning has read it."""
    for employee_id, unit, grade, manager in STAFF:
        employee = employee_pb2.Employee(
            name=f"employees/{employee_id}",
            region=region,
            org_unit=f"/{region}/enterprise/{unit}".rstrip("/"),
            job_grade=grade,
            active=True,
            manager=f"employees/{manager}" if manager else "",
        )
        changed = archive_events.EmployeeChanged(employee=employee)
        await publish("mcr.archive.employee.changed", changed, employee.name)
    vp = auth_keys.metadata(
        employee_id="e-vp", region=region, org_unit=f"/{region}/enterprise", roles=("manager",)
    )

    async def vp_is_a_manager():
        found = await stub.ListSponsorshipShortfalls(
            pb.ListSponsorshipShortfallsRequest(), metadata=vp
        )
        return any(s.manager == "employees/e-vp" for s in found.shortfalls)

    await eventually(vp_is_a_manager)


@pytest.fixture
def team(stub, auth, region, staff):
    """`await team(customer_id)`: a customer team led by e-lead (team-1) with e-member."""

    async def make(customer_id: str | None = None, **fields) -> planning_pb2.CustomerTeam:
        customer_id = customer_id or f"c-{uuid.uuid4().hex[:8]}"
        members = [
            planning_pb2.TeamMember(
                employee="employees/e-lead", org_unit=f"/{region}/enterprise/team-1", role="leader"
            ),
            planning_pb2.TeamMember(
                employee="employees/e-member",
                org_unit=f"/{region}/enterprise/team-1/sales",
                role="member",
            ),
        ]
        values = {"org_level": "cooperation", "general_level": "medium"} | fields
        return await stub.UpdateCustomerTeam(
            pb.UpdateCustomerTeamRequest(
                customer_team=planning_pb2.CustomerTeam(
                    name=f"customers/{customer_id}/planningTeam", members=members, **values
                )
            ),
            metadata=auth("e-lead", manager=True),
        )

    return make


@pytest.fixture
def map_person(stub, publish, region):
    """`await map_person(person, metadata)`: the archive announces the person (their role and
    layer in its vocabulary, as the request names them), the power map follows, then the team
    sets its own fields with the request."""

    async def put(person: planning_pb2.PowerMapPerson, metadata, **request):
        customer = person.person.split("/persons/")[0]
        roles = (
            [
                person_pb2.DecisionRole(
                    scenario="default", role=ROLE_TO_ARCHIVE[DecisionRole(person.role)]
                )
            ]
            if person.role
            else []
        )
        known = person_pb2.Person(
            name=person.person,
            title=person.display_name,
            layer=LAYER_TO_ARCHIVE.get(Layer(person.layer)) if person.layer else 0,
            veto_holder=person.veto,
            decision_roles=roles,
        )
        await publish(
            "mcr.archive.person.created",
            archive_events.PersonCreated(person=known, region=region),
            person.person,
        )

        async def on_map():
            found = await stub.GetPowerMap(
                pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=metadata
            )
            return any(p.person == person.person for p in found.persons)

        await eventually(on_map)
        return await stub.UpdatePowerMapPerson(
            pb.UpdatePowerMapPersonRequest(power_map_person=person, **request), metadata=metadata
        )

    return put
