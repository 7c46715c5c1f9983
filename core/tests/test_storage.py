"""The storage module's transactions under cancellation."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from mcr_core.storage import Database


async def test_a_cancelled_transaction_ends_with_the_cancellation_alone(postgres_url):
    """Cancelling a transaction mid-statement (as stopping a service does) invalidates its
    connection; ending the transaction must not reconnect to clean up (that left an un-awaited
    connect behind and replaced the CancelledError). PostgreSQL only: SQLite's inline driver
    does not yield to the loop mid-statement."""
    db = Database(postgres_url)
    started = asyncio.Event()

    async def slow() -> None:
        async with db.transaction() as conn:
            started.set()
            await conn.execute(sa.text("SELECT pg_sleep(5)"))

    try:
        task = asyncio.create_task(slow())
        await started.wait()
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        async with db.transaction() as conn:  # the pool still serves
            assert (await conn.execute(sa.text("SELECT 1"))).scalar_one() == 1
    finally:
        await db.close()
