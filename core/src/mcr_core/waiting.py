"""Waiting for an event with a timeout, in a way a stop can always interrupt."""

from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait until `event` is set or `timeout` seconds pass; True when it was set.

    Not `asyncio.wait_for`: on Python 3.11 it swallows a cancellation that arrives in the same
    turn as the event, and a background loop built on it would outlive its service's stop.
    """
    waiter = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiter}, timeout=timeout)
    finally:
        waiter.cancel()
    return event.is_set()
