"""Fixtures of the kernel's tests: a migrated kernel database and a JetStream context."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from mcr_core.bus import ensure_dead_letter_stream, ensure_service_stream
from mcr_core.storage import Database
from mcr_core.testing import nats_client


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.close()


@pytest.fixture
async def js(nats_url: str):
    nc = await nats_client(nats_url)
    yield nc.jetstream()
    await nc.drain()


@pytest.fixture
async def service(js) -> str:
    """A service name with its own fresh stream, so tests never see each other's events."""
    name = f"t{uuid.uuid4().hex[:10]}"
    await ensure_service_stream(js, name)
    await ensure_dead_letter_stream(js)
    return name
