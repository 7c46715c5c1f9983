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
