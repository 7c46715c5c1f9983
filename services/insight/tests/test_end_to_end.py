"""End to end: a customer created through the archive service is scored by insight, and a
subscriber receives its `TierChanged` (two services in-process on the same NATS)."""

from __future__ import annotations

import nats
import nats.errors
import pytest
from insight_kit import eventually
from mcr.archive.v1 import archive_service_pb2, archive_service_pb2_grpc, customer_pb2
from mcr.common.v1 import money_pb2
from mcr.insight.v1 import events_pb2, tier_pb2
from mcr_archive.__main__ import SPEC as ARCHIVE
from mcr_archive.config import ArchiveSettings
from mcr_core.service import start_service
from mcr_core.testing import nats_client, service_settings


@pytest.fixture
async def archive(nats_url, auth_keys, tmp_path, insight):
    settings = service_settings(
        ArchiveSettings,
        database_url=f"sqlite:///{tmp_path / 'archive.db'}",  # its own database
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(ARCHIVE, settings)
    yield service
    await service.stop()


async def test_an_archive_customer_reaches_a_tier_changed_subscriber(
    archive, auth, scored, region, nats_url
):
    import grpc

    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        created = await archive_service_pb2_grpc.ArchiveServiceStub(channel).CreateCustomer(
            archive_service_pb2.CreateCustomerRequest(
                customer=customer_pb2.Customer(
                    display_name="华南移动",
                    industry="telecom",
                    country_code="CN",
                    annual_revenue=money_pb2.Money(currency_code="CNY", units=10_000_000_000),
                    employee_count=20_000,
                )
            ),
            metadata=auth(),
        )
    assert created.region == region

    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe("mcr.insight.tier.changed", stream="MCR_INSIGHT")

        async def tier_changed():
            try:
                messages = await sub.fetch(100, timeout=2)
            except nats.errors.TimeoutError:
                return None
            for message in messages:
                await message.ack()
                if message.headers["ce-subject"] == created.name:
                    return events_pb2.TierChanged.FromString(message.data)
            return None

        change = await eventually(tier_changed, timeout=20)
    finally:
        await nc.drain()
    assert (change.previous_tier, change.tier, change.region) == ("", "A", region)
    assert change.source == tier_pb2.TIER_SOURCE_COMPUTED
    assert (await scored(created)).tier == "A"


async def test_revenue_the_archive_records_meets_the_value_return_curve(
    archive, stub, auth, scored
):
    """Archive RecordYearlyRevenue → YearlyRevenueRecorded → insight's curve comparison."""
    import grpc
    from insight_kit import eventually
    from mcr.insight.v1 import insight_service_pb2 as pb
    from mcr.insight.v1 import monitoring_pb2 as mon

    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        archive_stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        created = await archive_stub.CreateCustomer(
            archive_service_pb2.CreateCustomerRequest(
                customer=customer_pb2.Customer(
                    display_name="华南移动",
                    industry="telecom",
                    country_code="CN",
                    annual_revenue=money_pb2.Money(currency_code="CNY", units=10_000_000_000),
                    employee_count=20_000,
                )
            ),
            metadata=auth(),
        )
        await scored(created)
        name = f"{created.name}/valueReturnCurve"
        curve = mon.ValueReturnCurve(
            name=name,
            currency_code="CNY",
            points=[mon.CurvePoint(year=2025, expected_units=50_000_000)],
        )
        await stub.UpdateValueReturnCurve(
            pb.UpdateValueReturnCurveRequest(value_return_curve=curve), metadata=auth()
        )
        await archive_stub.RecordYearlyRevenue(
            archive_service_pb2.RecordYearlyRevenueRequest(
                revenue=archive_service_pb2.YearlyRevenue(
                    customer=created.name,
                    year=2025,
                    amount=money_pb2.Money(currency_code="CNY", units=20_000_000),
                )
            ),
            metadata=auth(),
        )

    async def recommended():
        got = await stub.GetValueReturnCurve(
            pb.GetValueReturnCurveRequest(name=name), metadata=auth()
        )
        return got if got.recommendations else None

    got = await eventually(recommended, timeout=20)
    assert got.comparisons[0].actual_units == 20_000_000 and got.comparisons[0].shortfall
    assert got.recommendations[0].year == 2025
