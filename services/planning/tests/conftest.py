"""Fixtures of planning's tests: a running planning service on a real database and NATS, and
a way to publish the other services' events on the real bus, as they do."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import grpc
import pytest
from mcr.planning.v1 import planning_pb2, planning_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings
from mcr_planning.__main__ import SPEC
from mcr_planning.config import PlanningSettings


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


@pytest.fixture
def team(stub, auth, region):
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
