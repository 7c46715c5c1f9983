"""Helpers behind the test kit's fixtures, usable directly in tests too."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path

import grpc
import nats
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import create_async_engine

from mcr_core.auth import TokenVerifier, mint_token
from mcr_core.bus.grants import service_identity
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.rpc import GrpcServer
from mcr_core.rpc.server import Registration
from mcr_core.service import load_spec


def uv_command() -> list[str] | None:
    """The uv that runs these tests: `uv run` names itself in $UV; else uv on the PATH, in the
    user's own tool folder (where scripts/bootstrap.sh installs it, not on CI's PATH), or as
    a module of this Python. None when there is none."""
    for found in (os.environ.get("UV"), shutil.which("uv"), Path.home() / ".local/bin/uv"):
        if found and Path(found).is_file():
            return [str(found)]
    return None


DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
# The kit's secured NATS servers by URL: a service under test and the test's own connections
# find the credentials the server's authority issues here.
_SECURED: dict[str, EmbeddedNats] = {}


def secure_nats(server: EmbeddedNats) -> EmbeddedNats:
    """Register a server whose authority issues the credentials for its URL."""
    _SECURED[server.url] = server
    return server


def service_credentials(nats_url: str, service: str) -> Path | None:
    """The credentials of `service` (from its `ServiceSpec`: its consumers and roll-ups) on the
    kit's secured server at `nats_url`; None where the server is open."""
    server = _SECURED.get(nats_url)
    if server is None or server.authority is None:
        return None
    spec = load_spec(service)
    creds = server.authority.service_credentials(service, spec.consumes, spec.rollups)
    return server.credentials(service_identity(service), creds)


def app_credentials(nats_url: str, app: str, sources: Sequence[str], **grant) -> Path:
    """An internal app's credentials on the kit's secured server (see
    `BusAuthority.app_credentials`)."""
    server = _SECURED[nats_url]
    assert server.authority is not None
    return server.credentials(f"app-{app}", server.authority.app_credentials(app, sources, **grant))


async def nats_client(nats_url: str, **options) -> Client:
    """A connection as the admin (every subject): a test publishing another service's events
    or reading a stream. On an open server, a plain connection."""
    server = _SECURED.get(nats_url)
    credentials = server.admin_credentials() if server else None
    if credentials is not None:
        options["user_credentials"] = str(credentials)
    return await nats.connect(nats_url, **options)


class AuthKeys:
    """A throwaway signing key pair; `token()` mints, `verifier` verifies."""

    def __init__(self, directory: Path) -> None:
        key = Ed25519PrivateKey.generate()
        self.private_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        directory.mkdir(parents=True, exist_ok=True)
        self.public_key_file = directory / "signing.pub.pem"
        self.public_key_file.write_bytes(self.public_pem)
        self.verifier = TokenVerifier(self.public_pem, issuer="mcr", audience="mcr")

    def token(
        self,
        employee_id: str = "e-1001",
        *,
        region: str = "cn-south",
        org_unit: str = "/cn-south/enterprise/team-1",
        roles: tuple[str, ...] = ("account_manager",),
        ttl_seconds: int = 3600,
        now: float | None = None,
    ) -> str:
        return mint_token(
            self.private_pem,
            employee_id=employee_id,
            region=region,
            org_unit=org_unit,
            roles=roles,
            ttl_seconds=ttl_seconds,
            now=now,
        )

    def metadata(self, **kwargs) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token(**kwargs)}"),)


def service_settings(
    settings_class: type[ServiceSettings],
    *,
    database_url: str,
    nats_url: str,
    auth_keys: AuthKeys,
    data_dir: Path,
    **overrides,
) -> ServiceSettings:
    """Settings for a service under test: loopback ports picked by the OS, fast polling."""
    service = settings_class.model_fields["service_name"].default
    values = {
        "database_url": database_url,
        "nats_url": nats_url,
        "nats_credentials_file": service_credentials(nats_url, service),
        "auth_public_key_file": auth_keys.public_key_file,
        "data_dir": data_dir,
        "grpc_address": "127.0.0.1:0",
        "admin_address": "127.0.0.1:0",
        "outbox_poll_seconds": 0.2,
        "timer_poll_seconds": 0.1,
        "shutdown_grace_seconds": 2.0,
        "consumer_ack_wait_seconds": 5.0,
        # Installed industry packs stay off unless a test activates them, as a region's
        # configuration does: only the built-in default packs answer.
        "plugins_allow": [],
    }
    return settings_class(**(values | overrides))


def postgres_admin_url() -> str:
    return os.environ.get("MCR_TEST_POSTGRES", DEFAULT_POSTGRES)


def postgres_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("MCR_REQUIRE_POSTGRES"))


@contextlib.contextmanager
def another_database(like: str, directory: Path, name: str) -> Iterator[str]:
    """A second service's own database, of the same kind as `like`: a SQLite file `name`.db in
    `directory`, or a fresh PostgreSQL database."""
    if like.startswith("sqlite"):
        yield f"sqlite:///{directory / f'{name}.db'}"
        return
    with temporary_postgres_database() as url:
        yield url


@contextlib.contextmanager
def temporary_postgres_database() -> Iterator[str]:
    """Create a fresh database on the local server; yields its SQLAlchemy URL."""
    admin = sa.make_url(postgres_admin_url()).set(drivername="postgresql+asyncpg")
    name = f"mcr_test_{uuid.uuid4().hex[:12]}"

    async def run(statement: str) -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(sa.text(statement))
        finally:
            await engine.dispose()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextlib.asynccontextmanager
async def serve_grpc(
    registrations: Sequence[Registration], service_names: Sequence[str], verifier: TokenVerifier
) -> AsyncIterator[grpc.aio.Channel]:
    """An in-process gRPC server on a loopback port, and a channel to it."""
    server = GrpcServer("127.0.0.1:0", registrations, service_names, verifier)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            yield channel
    finally:
        await server.stop(0.5)
