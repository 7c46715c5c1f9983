"""Fixtures of insight's tests: a running insight service on a real database and NATS, and a
way to announce archive customers on the real bus (as the archive does)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from insight_kit import assignment_name, eventually
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings
from mcr_insight.__main__ import SPEC
from mcr_insight.config import InsightSettings


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS also carries other tests' customers."""
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def insight(
    database_url, nats_url, auth_keys, tmp_path, fake_clock
) -> AsyncIterator[RunningService]:
    settings = service_settings(
        InsightSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
        plugin_timeout_seconds=0.5,
        scoring_chunk_size=50,
    )
    service = await start_service(SPEC, settings, clock=fake_clock)
    yield service
    await service.stop()


@pytest.fixture
async def stub(
    insight: RunningService,
) -> AsyncIterator[insight_service_pb2_grpc.InsightServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{insight.grpc_port}") as channel:
        yield insight_service_pb2_grpc.InsightServiceStub(channel)


@pytest.fixture
def auth(auth_keys: AuthKeys, region: str):
    """Call metadata for an account manager of this test's region who also works for the
    market department (manual tiers, tier configurations and snapshots are its permissions);
    claims may be changed."""

    def metadata(**claims):
        values = {
            "region": region,
            "org_unit": f"/{region}/enterprise/team-1",
            "roles": ("account_manager", "market_department"),
        } | claims
        return auth_keys.metadata(**values)

    return metadata


Announce = Callable[..., Awaitable[customer_pb2.Customer]]


@pytest.fixture
async def announce(nats_url, insight, region) -> AsyncIterator[Announce]:
    """`await announce("created", customer)`: publish an archive event as the archive would;
    `owner_org_unit` is the org unit of the customer's `owner` the events carry."""
    nc = await nats_client(nats_url)
    js = nc.jetstream()

    async def publish(
        kind: str, customer: customer_pb2.Customer, owner_org_unit: str = ""
    ) -> customer_pb2.Customer:
        now = datetime.now(UTC)
        stamp = Timestamp()
        stamp.FromDatetime(now)
        customer.update_time.CopyFrom(stamp)
        message = {
            "created": lambda: events_pb2.CustomerCreated(
                customer=customer, owner_org_unit=owner_org_unit
            ),
            "updated": lambda: events_pb2.CustomerUpdated(
                customer=customer, owner_org_unit=owner_org_unit
            ),
            "deleted": lambda: events_pb2.CustomerDeleted(
                name=customer.name, region=customer.region
            ),
        }[kind]()
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/archive",
            event_type=message.DESCRIPTOR.full_name,
            time=now,
            resource=customer.name,
        )
        await js.publish(
            f"mcr.archive.customer.{kind}", message.SerializeToString(), headers=headers
        )
        return customer

    yield publish
    await nc.drain()


@pytest.fixture
def scored(stub, auth):
    """`await scored(customer, tier=None)`: the assignment once insight has scored it."""

    async def wait(customer: customer_pb2.Customer, tier: str | None = None, **claims):
        async def check():
            got = await stub.GetTierAssignment(
                pb.GetTierAssignmentRequest(name=assignment_name(customer)),
                metadata=auth(**claims),
            )
            return got if tier is None or got.tier == tier else None

        return await eventually(check)

    return wait


@pytest.fixture
async def announce_revenue(nats_url, insight):
    """`await announce_revenue(customer, year, units, currency="CNY")`: the archive's
    YearlyRevenueRecorded on the real bus."""
    from mcr.common.v1 import money_pb2

    nc = await nats_client(nats_url)
    js = nc.jetstream()

    async def publish(customer, year: int, units: int, currency: str = "CNY") -> None:
        message = events_pb2.YearlyRevenueRecorded(
            customer=customer.name,
            region=customer.region,
            year=year,
            amount=money_pb2.Money(currency_code=currency, units=units),
        )
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/archive",
            event_type=message.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=customer.name,
        )
        await js.publish(
            "mcr.archive.revenue.recorded", message.SerializeToString(), headers=headers
        )

    yield publish
    await nc.drain()
