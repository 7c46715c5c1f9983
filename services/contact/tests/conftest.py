"""Fixtures of contact's tests: the contact service in-process over a real socket on a real
database and NATS, a contract double of satisfaction's `SatisfactionService`, and a way to
publish insight's and the archive's committed events on the real bus."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import grpc
import pytest
from mcr.contact.v1 import contact_service_pb2_grpc
from mcr.satisfaction.v1 import issue_pb2, satisfaction_service_pb2, satisfaction_service_pb2_grpc
from mcr_contact.__main__ import SPEC
from mcr_contact.config import ContactSettings
from mcr_core.auth import current_principal
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.rpc import GrpcServer
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings


class SatisfactionContractDouble(satisfaction_service_pb2_grpc.SatisfactionServiceServicer):
    """Serves the committed `SatisfactionService.ListIssues` contract from a list of issues,
    behind the platform's real auth interceptor, and records what contact asked for. It
    stands in for the satisfaction service, which is built in parallel."""

    def __init__(self) -> None:
        self.issues: list[issue_pb2.Issue] = []
        self.requests: list[tuple[str, str, str]] = []  # (parent, filter, caller region)

    async def ListIssues(self, request, context):
        principal = current_principal()
        self.requests.append((request.parent, request.filter, principal.region))
        issues = [
            i
            for i in self.issues
            if i.customer == request.parent and i.state != "closed" and i.region == principal.region
        ]
        return satisfaction_service_pb2.ListIssuesResponse(issues=issues)


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS also carries other tests' events."""
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def satisfaction(auth_keys) -> AsyncIterator[tuple[SatisfactionContractDouble, int]]:
    double = SatisfactionContractDouble()
    name = satisfaction_service_pb2.DESCRIPTOR.services_by_name["SatisfactionService"].full_name
    server = GrpcServer(
        "127.0.0.1:0",
        [(satisfaction_service_pb2_grpc.add_SatisfactionServiceServicer_to_server, double)],
        [name],
        auth_keys.verifier,
    )
    await server.start()
    yield double, server.port
    await server.stop(0.2)


@pytest.fixture
def contact_settings(database_url, nats_url, auth_keys, tmp_path, satisfaction):
    def build(**overrides) -> ContactSettings:
        values = {
            "database_url": database_url,
            "nats_url": nats_url,
            "auth_keys": auth_keys,
            "data_dir": tmp_path,
            "plugin_timeout_seconds": 0.5,
            # The test machine is shared: a commit may take longer than the kit's 2 s grace.
            "shutdown_grace_seconds": 10.0,
            "satisfaction_target": f"127.0.0.1:{satisfaction[1]}",
        } | overrides
        return service_settings(ContactSettings, **values)

    return build


@pytest.fixture
async def start_contact(contact_settings, fake_clock):
    """`await start_contact()`: another contact process on the same database (restarts and
    replicas); all are stopped after the test."""
    running: list[RunningService] = []

    async def start(**overrides) -> RunningService:
        service = await start_service(SPEC, contact_settings(**overrides), clock=fake_clock)
        running.append(service)
        return service

    yield start
    for service in running:
        await _stop_quietly(service)


async def _stop_quietly(service: RunningService) -> None:
    if getattr(service, "_stopped", False):
        return
    service._stopped = True  # type: ignore[attr-defined]
    await service.stop()


@pytest.fixture
def stop_contact():
    return _stop_quietly


@pytest.fixture
async def contact(start_contact) -> RunningService:
    return await start_contact()


@pytest.fixture
async def stub(contact) -> AsyncIterator[contact_service_pb2_grpc.ContactServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{contact.grpc_port}") as channel:
        yield contact_service_pb2_grpc.ContactServiceStub(channel)


@pytest.fixture
def auth(auth_keys: AuthKeys, region: str) -> Callable[..., tuple]:
    """Call metadata for an account manager of this test's region (claims may be changed)."""

    def metadata(**claims):
        values = {"region": region, "org_unit": f"/{region}/enterprise/team-1"} | claims
        return auth_keys.metadata(**values)

    return metadata


@pytest.fixture
async def publish(nats_url):
    """`await publish(subject, message, source)`: an event as its service would publish it."""
    nc = await nats_client(nats_url)
    js = nc.jetstream()

    async def send(subject: str, message, source: str, resource: str = "") -> None:
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
