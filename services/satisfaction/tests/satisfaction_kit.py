"""Helpers of satisfaction's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import grpc
import nats
from mcr_core.testing import nats_client


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


async def published(nats_url: str, subject: str, resource: str, settle: float = 0.3):
    """Every event on `subject` (wildcards allowed) about `resource` in the satisfaction
    stream as (subject, CloudEvents type, bytes), after giving the outbox relay `settle`
    seconds to publish what it has."""
    await asyncio.sleep(settle)
    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(subject, stream="MCR_SATISFACTION")
        found = []
        while True:
            try:
                batch = await sub.fetch(500, timeout=1)
            except (nats.errors.TimeoutError, TimeoutError):
                break
            found += [
                (m.subject, m.headers.get("ce-type"), m.data)
                for m in batch
                if m.headers and m.headers.get("ce-subject") == resource
            ]
        return found
    finally:
        await nc.close()


def customer_name() -> str:
    return f"customers/{uuid.uuid4().hex[:12]}"
