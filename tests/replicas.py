"""What the scale-out test and `bench/scale_out.py` share: the archive's customer events as the
archive publishes them, and what the insight replicas made of them (read from its database)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import httpx
import sqlalchemy as sa
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.common.v1 import money_pb2
from mcr_archive.events import CUSTOMER_CREATED
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.clock import SystemClock
from mcr_insight.tiers.events import ARCHIVE_CONSUMER
from nats.js import JetStreamContext


def customer_created(number: int, region: str = "cn-south") -> tuple[bytes, dict[str, str]]:
    """One CustomerCreated as the archive's relay sends it: payload and CloudEvents headers."""
    stamp = Timestamp()
    stamp.GetCurrentTime()
    message = events_pb2.CustomerCreated(
        customer=customer_pb2.Customer(
            name=f"customers/{uuid.uuid4()}",
            display_name=f"Scale Out {number} Ltd",
            industry="telecom",
            country_code="CN",
            region=region,
            employee_count=1_000 + number,
            annual_revenue=money_pb2.Money(currency_code="CNY", units=10_000_000 * number),
            lifecycle_state=customer_pb2.LIFECYCLE_STATE_PROSPECT,
            create_time=stamp,
            update_time=stamp,
            etag=f"{number:016x}",
        )
    )
    headers = cloudevent_headers(
        event_id=str(uuid.uuid4()),
        source="mcr/archive",
        event_type=message.DESCRIPTOR.full_name,
        time=SystemClock().now(),
        resource=message.customer.name,
    )
    return message.SerializeToString(), headers


async def publish_customers(
    js: JetStreamContext, first: int, count: int, region: str = "cn-south"
) -> list[dict[str, str]]:
    """Publish `count` new customers (pipelined; every ack awaited); returns their headers."""
    futures, sent = [], []
    for number in range(first, first + count):
        payload, headers = customer_created(number, region)
        sent.append(headers)
        futures.append(await js.publish_async(CUSTOMER_CREATED, payload, headers=headers))
    for future in futures:
        await future
    return sent


@dataclass(frozen=True)
class Effects:
    """What insight's database holds after the events were handled."""

    handled: int  # event ids recorded by the shared durable consumer
    scored: int  # customers with a tier assignment
    history: int  # tier history rows (one per new customer: a double effect adds one)
    history_customers: int


async def effects(url: str) -> Effects:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:

            async def scalar(statement: str) -> int:
                return (await conn.execute(sa.text(statement))).scalar_one()

            return Effects(
                handled=await scalar(
                    f"SELECT count(*) FROM processed_events WHERE consumer = '{ARCHIVE_CONSUMER}'"
                ),
                scored=await scalar("SELECT count(*) FROM tier_assignments"),
                history=await scalar("SELECT count(*) FROM tier_history"),
                history_customers=await scalar(
                    "SELECT count(DISTINCT customer_id) FROM tier_history"
                ),
            )
    finally:
        await engine.dispose()


async def events_handled(admin_port: int) -> int:
    """The events one replica handled (its Prometheus counter on the admin port)."""
    async with httpx.AsyncClient() as client:
        text = (await client.get(f"http://127.0.0.1:{admin_port}/metrics")).text
    pattern = rf'^mcr_events_handled_total{{[^}}]*consumer="{ARCHIVE_CONSUMER}"[^}}]*outcome="ok"[^}}]*}} (\S+)'  # noqa: E501
    found = re.search(pattern, text, re.MULTILINE)
    return int(float(found.group(1))) if found else 0
