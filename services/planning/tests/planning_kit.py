"""Helpers of planning's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import grpc


async def eventually(check: Callable[[], Awaitable], timeout: float = 90.0):
    """Retry `check` until it returns a truthy value without raising NOT_FOUND. The bound
    leaves room for a redelivery (an event a stopped service of an earlier test fetched comes
    back after the consumer's ack wait) and for the first planning service of a test session,
    which works through every tier change and customer the earlier tests announced."""
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


def violations(error: grpc.aio.AioRpcError) -> dict[str, str]:
    """The field violations of a refused call, by field."""
    from google.rpc import error_details_pb2, status_pb2

    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                request = error_details_pb2.BadRequest()
                if detail.Unpack(request):
                    return {v.field: v.description for v in request.field_violations}
                failure = error_details_pb2.PreconditionFailure()
                if detail.Unpack(failure):
                    return {v.subject: v.description for v in failure.violations}
    return {}
