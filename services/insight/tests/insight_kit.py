"""Helpers of insight's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import grpc
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from mcr_core.testing import nats_client


def archive_customer(region: str, **fields) -> customer_pb2.Customer:
    values = {
        "name": f"customers/{uuid.uuid4()}",
        "display_name": "华南移动",
        "region": region,
        "industry": "telecom",
        "country_code": "CN",
        "annual_revenue": money_pb2.Money(currency_code="CNY", units=10_000_000_000),
        "employee_count": 20_000,
        "lifecycle_state": customer_pb2.LIFECYCLE_STATE_PROSPECT,
    }
    return customer_pb2.Customer(**(values | fields))


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


def assignment_name(customer: customer_pb2.Customer) -> str:
    return f"{customer.name}/tierAssignment"


async def published(nats_url: str, subject: str, resource: str, timeout: float = 20.0) -> bytes:
    """The payload of the event on `subject` about `resource`, once the relay published it."""
    import nats
    import nats.errors

    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(subject, stream="MCR_INSIGHT")

        async def find():
            try:
                messages = await sub.fetch(100, timeout=1)
            except nats.errors.TimeoutError:
                return None
            for message in messages:
                await message.ack()
                if message.headers["ce-subject"] == resource:
                    return message.data
            return None

        return await eventually(find, timeout)
    finally:
        await nc.drain()


async def refused(call) -> grpc.aio.AioRpcError:
    """The error a call that must fail ends with."""
    try:
        await call
    except grpc.aio.AioRpcError as error:
        return error
    raise AssertionError("the call succeeded")
