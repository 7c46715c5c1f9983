"""Fixtures of the cross-service tests: the archive and the gateway on real sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_core.admin import HttpServer
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, service_settings
from mcr_gateway.app import create_app
from mcr_gateway.config import GatewaySettings
from mcr_insight.__main__ import SPEC as INSIGHT
from mcr_insight.config import InsightSettings


@pytest.fixture
async def archive(database_url, nats_url, auth_keys, tmp_path) -> AsyncIterator[RunningService]:
    settings = service_settings(
        ArchiveSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(SPEC, settings)
    yield service
    await service.stop()


@pytest.fixture
async def insight(
    archive, sqlite_url, nats_url, auth_keys, tmp_path
) -> AsyncIterator[RunningService]:
    """The insight service, consuming the archive's events (on SQLite: its own database)."""
    settings = service_settings(
        InsightSettings,
        database_url=sqlite_url.replace("service.db", "insight.db"),
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(INSIGHT, settings)
    yield service
    await service.stop()


@pytest.fixture
def insight_target() -> str:
    """Where the gateway finds insight: nowhere, unless a test module overrides this fixture
    with the `insight` fixture's port."""
    return "127.0.0.1:1"


@pytest.fixture
def planning_target() -> str:
    """Where the gateway finds planning: nowhere, unless a test module overrides this fixture."""
    return "127.0.0.1:1"


@pytest.fixture
def contact_target() -> str:
    """Where the gateway finds contact: nowhere, unless a test module overrides this fixture."""
    return "127.0.0.1:1"


@pytest.fixture
async def gateway(
    archive: RunningService,
    insight_target: str,
    planning_target: str,
    contact_target: str,
    auth_keys: AuthKeys,
    tmp_path,
) -> AsyncIterator[str]:
    """The gateway served by uvicorn on a loopback port; yields its base URL."""
    settings = GatewaySettings(
        archive_target=f"127.0.0.1:{archive.grpc_port}",
        insight_target=insight_target,
        planning_target=planning_target,
        contact_target=contact_target,
        auth_public_key_file=auth_keys.public_key_file,
        data_dir=tmp_path,
    )
    server = HttpServer("127.0.0.1:0", create_app(settings), lifespan="on")
    await server.start()
    yield f"http://127.0.0.1:{server.port}"
    await server.stop()


@pytest.fixture
async def rest(gateway: str, auth_keys: AuthKeys) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {auth_keys.token()}"}
    async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=10) as client:
        yield client
