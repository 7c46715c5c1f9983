"""Helpers of contact's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import grpc
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.contact.v1 import contact_pb2
from mcr_core.testing import nats_client


def new_id() -> str:
    return str(uuid.uuid4())


def stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


def span(delta: timedelta) -> Duration:
    value = Duration()
    value.FromTimedelta(delta)
    return value


def person_of(customer_id: str, person_id: str | None = None) -> str:
    return f"customers/{customer_id}/persons/{person_id or new_id()}"


def visit(customer_id: str, persons: list[str], start: datetime, **fields) -> contact_pb2.Activity:
    values = {
        "customer": f"customers/{customer_id}",
        "type": "daily_visit",
        "relationship_type": "key",
        "state": "done",
        "title": "golden 20 minutes",
        "start_time": stamp(start),
        "duration": span(timedelta(minutes=20)),
        "target_persons": persons,
    }
    return contact_pb2.Activity(**(values | fields))


async def eventually(check: Callable[[], Awaitable], timeout: float = 10.0):
    """Retry `check` until it returns a truthy value without raising; return that value."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            value = await check()
            if value:
                return value
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def settled(*services) -> None:
    """Wait until every timer due on the (fake) clock has fired in one of `services`."""
    import sqlalchemy as sa
    from mcr_core.timers import timers_table

    service = services[0]
    now = service.kernel.clock.now()

    async def done():
        async with service.kernel.db.read() as conn:
            pending = await conn.execute(
                sa.select(sa.func.count()).where(
                    timers_table.c.fired_at.is_(None), timers_table.c.due_at <= now
                )
            )
            return pending.scalar_one() == 0

    await eventually(done, timeout=20)


async def fetch_events(nats_url: str, subject: str, stream: str, resources: set[str]) -> dict:
    """The events on `subject` about `resources`, decoded lazily by the caller."""
    import nats
    import nats.errors

    nc = await nats_client(nats_url)
    found: dict[str, list[bytes]] = {}
    try:
        sub = await nc.jetstream().subscribe(subject, stream=stream, ordered_consumer=True)
        while True:
            try:
                message = await sub.next_msg(timeout=1)
            except nats.errors.TimeoutError:
                break
            resource = (message.headers or {}).get("ce-subject", "")
            if resource in resources:
                found.setdefault(resource, []).append(message.data)
    finally:
        await nc.drain()
    return found
