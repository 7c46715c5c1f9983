"""Helpers of insight's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import grpc
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2


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
