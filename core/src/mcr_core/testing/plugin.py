"""The pytest plugin of the test kit (entry point `pytest11: mcr`). See `mcr_core.testing`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pluggy
import pytest
import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.ext.asyncio import create_async_engine

from mcr_core.bus.authority import BusAuthority
from mcr_core.clock import FakeClock
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.plugins import PROJECT, PluginHost
from mcr_core.testing.kit import (
    AuthKeys,
    postgres_admin_url,
    postgres_required,
    secure_nats,
    serve_grpc,
    temporary_postgres_database,
)

_EXPORTER = InMemorySpanExporter()
_EXPORTING_PROVIDER: TracerProvider | None = None


@pytest.fixture(scope="session")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedNats]:
    # Secured as everywhere the platform runs: every service under test connects with its
    # own credentials (`service_settings`), the test itself as the admin (`nats_client`).
    server = EmbeddedNats(tmp_path_factory.mktemp("nats-store"), authority=BusAuthority.create())
    secure_nats(server.start())
    yield server
    server.stop()


@pytest.fixture(scope="session")
def nats_url(nats_server: EmbeddedNats) -> str:
    return nats_server.url


def _postgres_reachable() -> bool:
    import asyncio

    async def probe() -> None:
        url = sa.make_url(postgres_admin_url()).set(drivername="postgresql+asyncpg")
        engine = create_async_engine(url, connect_args={"timeout": 3})
        try:
            async with engine.connect() as conn:
                await conn.execute(sa.text("SELECT 1"))
        finally:
            await engine.dispose()

    try:
        asyncio.run(probe())
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    reachable = _postgres_reachable()
    if not reachable and postgres_required():
        pytest.fail(f"PostgreSQL at {postgres_admin_url()} is required here but does not answer")
    return reachable


@pytest.fixture
def postgres_url(postgres_available: bool) -> Iterator[str]:
    if not postgres_available:
        pytest.skip(f"no PostgreSQL at {postgres_admin_url()} (set MCR_TEST_POSTGRES)")
    with temporary_postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'service.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """The test runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(fixture)


@pytest.fixture
def auth_keys(tmp_path: Path) -> AuthKeys:
    return AuthKeys(tmp_path / "keys")


@pytest.fixture
def grpc_serve():
    """`async with grpc_serve(registrations, service_names, verifier) as channel: ...`"""
    return serve_grpc


@pytest.fixture
def span_exporter() -> Iterator[InMemorySpanExporter]:
    """The spans finished during this test (one tracer provider for the whole session)."""
    global _EXPORTING_PROVIDER
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    if _EXPORTING_PROVIDER is not provider:
        provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
        _EXPORTING_PROVIDER = provider
    _EXPORTER.clear()
    yield _EXPORTER
    _EXPORTER.clear()


@pytest.fixture
def plugin_manager() -> pluggy.PluginManager:
    return pluggy.PluginManager(PROJECT)


@pytest.fixture
def plugin_host():
    """`plugin_host(host, specs, plugin, ...)`: a host with just these plugins registered."""

    def build(host: str, specs, *plugins: object, timeout_seconds: float = 0.5) -> PluginHost:
        plugin_host = PluginHost(host, specs, discover=False, timeout_seconds=timeout_seconds)
        for plugin in plugins:
            plugin_host.register(plugin)
        plugin_host.check()
        return plugin_host

    return build


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def pytest_report_header(config: pytest.Config) -> str:
    required = "required" if postgres_required() else "optional"
    ci = os.environ.get("CI", "")
    return f"mcr test kit: PostgreSQL {postgres_admin_url()} ({required}), CI={ci}"
