"""Fixtures of the archive's tests: a running archive service on a real database and NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from mcr.archive.v1 import archive_service_pb2_grpc
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, service_settings


@pytest.fixture
async def archive(
    database_url, nats_url, auth_keys, tmp_path, fake_clock
) -> AsyncIterator[RunningService]:
    settings = service_settings(
        ArchiveSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(SPEC, settings, clock=fake_clock)
    yield service
    await service.stop()


@pytest.fixture
async def stub(
    archive: RunningService,
) -> AsyncIterator[archive_service_pb2_grpc.ArchiveServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        yield archive_service_pb2_grpc.ArchiveServiceStub(channel)


@pytest.fixture
def auth(auth_keys: AuthKeys):
    """Call metadata for an account manager of cn-south (or pass claims to change that)."""
    return auth_keys.metadata
