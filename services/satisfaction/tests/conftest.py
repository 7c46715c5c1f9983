"""Fixtures of satisfaction's tests: a running satisfaction service on a real database and
NATS, callers of one region, and a way to publish insight's events on the real bus."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf.message import Message
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings
from mcr_satisfaction.__main__ import SPEC
from mcr_satisfaction.config import SatisfactionSettings


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS also carries other tests' events."""
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def satisfaction(
    database_url, nats_url, auth_keys, tmp_path, fake_clock
) -> AsyncIterator[RunningService]:
    settings = service_settings(
        SatisfactionSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
        plugin_timeout_seconds=0.5,
    )
    service = await start_service(SPEC, settings, clock=fake_clock)
    yield service
    await service.stop()


@pytest.fixture
async def stub(
    satisfaction: RunningService,
) -> AsyncIterator[satisfaction_service_pb2_grpc.SatisfactionServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{satisfaction.grpc_port}") as channel:
        yield satisfaction_service_pb2_grpc.SatisfactionServiceStub(channel)


@pytest.fixture
def who(auth_keys: AuthKeys, region: str):
    """`who("am-1", "office-1/team-1", manager=False)`: call metadata for an employee of this
    test's region sitting at the given unit."""

    def metadata(employee: str, unit: str = "office-1/team-1", manager: bool = False):
        roles = ("manager",) if manager else ("account_manager",)
        return auth_keys.metadata(
            employee_id=employee, region=region, org_unit=f"/{region}/{unit}", roles=roles
        )

    return metadata


@pytest.fixture
async def publish(nats_url, satisfaction):
    """`await publish(subject, message, resource)`: publish as insight would."""
    nc = await nats_client(nats_url)
    js = nc.jetstream()

    async def send(subject: str, message: Message, resource: str) -> None:
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/insight",
            event_type=message.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=resource,
        )
        await js.publish(subject, message.SerializeToString(), headers=headers)

    yield send
    await nc.drain()
