"""The runtime database role cannot change the schema, yet the service works with it; the
migration role, used by the migration init container, can (deploy/components/postgres/roles.sql,
the grants an operator runs once per service database)."""

from __future__ import annotations

import asyncio
import subprocess
import uuid

import grpc
import pytest
import sqlalchemy as sa
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_cli import deploy
from mcr_core.testing.kit import postgres_admin_url, temporary_postgres_database
from processes import ServiceProcess
from sqlalchemy.ext.asyncio import create_async_engine
from test_operations import base_env, run_once

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
ROLES = deploy.deploy_dir() / "components" / "postgres" / "roles.sql"


def as_role(url: str, role: str) -> str:
    return sa.make_url(url).set(username=role, password="").render_as_string(hide_password=False)


def psql(url: str, **variables: str) -> None:
    plain = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    options = [arg for name, value in variables.items() for arg in ("-v", f"{name}={value}")]
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *options, "-d", plain, "-f", str(ROLES)],
        check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


async def refused(url: str, statement: str) -> str:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(sa.text(statement))
    except sa.exc.ProgrammingError as error:
        return str(error.orig)
    finally:
        await engine.dispose()
    raise AssertionError(f"the runtime role could run {statement!r}")


def test_the_runtime_role_serves_but_cannot_change_the_schema(
    postgres_available, tmp_path, nats_url, auth_keys
):
    if not postgres_available:
        pytest.skip(f"no PostgreSQL at {postgres_admin_url()}")
    suffix = uuid.uuid4().hex[:8]
    migrator, runtime = f"mcr_t{suffix}_migrator", f"mcr_t{suffix}"
    try:
        with temporary_postgres_database() as url:
            psql(
                url, migrator=migrator, runtime=runtime,
                migrator_password=uuid.uuid4().hex, runtime_password=uuid.uuid4().hex,
            )  # fmt: skip
            env = base_env(tmp_path, nats_url, auth_keys) | {"MCR_PLUGINS_ALLOW": "[]"}
            as_runtime = env | {"MCR_DATABASE_URL": as_role(url, runtime)}
            # The runtime role may not migrate: a service that tried would fail at start.
            assert run_once("mcr_archive", as_runtime | {"MCR_MIGRATIONS": "only"}).returncode
            job = env | {"MCR_DATABASE_URL": as_role(url, migrator), "MCR_MIGRATIONS": "only"}
            assert run_once("mcr_archive", job).returncode == 0
            service = ServiceProcess(
                "mcr_archive", as_runtime | {"MCR_MIGRATIONS": "verify"}, tmp_path / "a.log"
            )
            asyncio.run(service.start())
            try:
                assert asyncio.run(create_and_read(service.grpc_port, auth_keys))
            finally:
                assert service.terminate() == 0
            denials = asyncio.run(runtime_refusals(as_role(url, runtime)))
            assert "must be owner" in denials["ALTER TABLE customers ADD COLUMN x integer"]
            assert "must be owner" in denials["DROP TABLE outbox"]
            assert "permission denied for schema" in denials["CREATE TABLE anything (x integer)"]
    finally:
        asyncio.run(drop_roles(runtime, migrator))


async def create_and_read(port: int, auth_keys) -> bool:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        customer = customer_pb2.Customer(display_name="Runtime Role Ltd")
        created = await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer), metadata=auth_keys.metadata()
        )
        read = await stub.GetCustomer(
            pb.GetCustomerRequest(name=created.name), metadata=auth_keys.metadata()
        )
    return read.display_name == "Runtime Role Ltd"


async def runtime_refusals(url: str) -> dict[str, str]:
    statements = (
        "ALTER TABLE customers ADD COLUMN x integer",
        "DROP TABLE outbox",
        "CREATE TABLE anything (x integer)",
    )
    return {statement: await refused(url, statement) for statement in statements}


async def drop_roles(*roles: str) -> None:
    admin = sa.make_url(postgres_admin_url()).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            for role in roles:
                await conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
    finally:
        await engine.dispose()
