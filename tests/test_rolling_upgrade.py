"""A rolling upgrade from the previous release (deploy/README.md, rolling upgrade), on real
processes: the previous release's code (`previous_release.json`, its commit's tree with its own
locked environment) and the current one run at once on one PostgreSQL database per service and
one NATS, as the pods of both versions do during a rollout.

The previous release's archive and insight run and take writes; the current release's
migration job migrates both databases under them; a current replica of each starts
(`MCR_MIGRATIONS=verify`), joins the archive's headless name, and the previous one leaves and
drains; writes never pause. Afterwards no write failed, every acknowledged customer is there,
each has exactly one tier history row at insight and its tier back at the archive: events went
both ways between the versions, none lost, none handled twice.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import grpc
import pytest
import sqlalchemy as sa
from headless import headless_dns
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_core.embedded_nats import EmbeddedNats, free_port
from mcr_core.rpc.channels import service_channel
from mcr_core.storage import Database
from mcr_core.testing.kit import temporary_postgres_database, uv_command
from mcr_core.transport import TransportSettings
from processes import ServiceProcess

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = json.loads((Path(__file__).parent / "previous_release.json").read_text())


@pytest.fixture(scope="session")
def previous_python() -> str:
    """The previous release's interpreter, its tree and environment made once (from git and
    the release's lock file) under the user's cache."""
    commit = PREVIOUS["release"]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    tree = cache / "mcr" / "releases" / commit
    python, made = tree / ".venv" / "bin" / "python", tree / ".made"
    if made.exists():
        return str(python)
    uv = uv_command()
    git = ["git", "-C", str(ROOT)]
    known = subprocess.run([*git, "cat-file", "-e", f"{commit}^{{commit}}"], check=False)
    if known.returncode != 0 or uv is None:
        pytest.skip(f"the previous release {commit} is not in this clone, or uv is missing")
    # Made where it stays: the environment's editable installs name the tree's path.
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run([*git, "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
    subprocess.run(
        [*uv, "sync", "--locked", "--all-packages", "--quiet"], cwd=tree, check=True, timeout=600
    )
    made.touch()
    return str(python)


@pytest.fixture
def urls(postgres_available):
    if not postgres_available:
        pytest.skip("no PostgreSQL")
    with temporary_postgres_database() as archive, temporary_postgres_database() as insight:
        yield {"archive": archive, "insight": insight}


class Writes:
    def __init__(self, stub, auth_keys) -> None:
        self.stub, self.auth_keys = stub, auth_keys
        self.acknowledged: list[str] = []
        self.failures: list[str] = []
        self.running = True

    async def run(self) -> None:
        while self.running:
            try:
                created = await self.stub.CreateCustomer(
                    pb.CreateCustomerRequest(
                        customer=customer_pb2.Customer(
                            display_name=f"Upgrade {len(self.acknowledged)} Ltd"
                        )
                    ),
                    metadata=self.auth_keys.metadata(),
                    timeout=15,
                )
                self.acknowledged.append(created.name.removeprefix("customers/"))
            except grpc.aio.AioRpcError as exc:
                self.failures.append(f"{exc.code().name}: {exc.details()}")
            await asyncio.sleep(0.02)


async def rows(url: str, statement: str) -> list:
    db = Database(url, pool_size=1)
    try:
        async with db.read() as conn:
            return list((await conn.execute(sa.text(statement))).all())
    finally:
        await db.close()


@pytest.mark.timeout(420)
async def test_the_previous_release_and_this_one_share_the_database_and_bus_losing_nothing(
    previous_python, urls, auth_keys, tmp_path
):
    server = EmbeddedNats(tmp_path / "nats").start()
    env = {
        "MCR_NATS_URL": server.url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    port = free_port()
    running: list[ServiceProcess] = []

    async def start(service: str, python: str, host: str, **settings: str) -> ServiceProcess:
        process = ServiceProcess(
            f"mcr_{service}",
            env | {"MCR_DATABASE_URL": urls[service]} | settings,
            tmp_path / f"{service}-{host}.log",
            python=python,
        )
        process.env["MCR_GRPC_ADDRESS"] = f"{host}:{port if service == 'archive' else free_port()}"
        running.append(await process.start(timeout=90))
        return process

    with headless_dns([]) as (dns, dns_port):
        try:
            old_archive = await start("archive", previous_python, "127.0.0.1")
            old_insight = await start("insight", previous_python, "127.0.0.3")
            dns.addresses.append("127.0.0.1")
            target = f"dns://127.0.0.1:{dns_port}/archive.mcr.test:{port}"
            async with service_channel(target, TransportSettings()) as channel:
                writes = Writes(archive_service_pb2_grpc.ArchiveServiceStub(channel), auth_keys)
                writing = asyncio.create_task(writes.run())
                await asyncio.sleep(1.0)
                for service in ("archive", "insight"):  # the new release's migration job
                    job = await asyncio.to_thread(
                        subprocess.run,
                        [sys.executable, "-m", f"mcr_{service}"],
                        env=os.environ | env | {
                            "MCR_DATABASE_URL": urls[service], "MCR_MIGRATIONS": "only",
                            "MCR_PLUGINS_ALLOW": "[]",
                        },
                        capture_output=True, text=True, timeout=120, check=False,
                    )  # fmt: skip
                    assert job.returncode == 0, job.stderr[-2000:]
                await asyncio.sleep(1.0)  # the previous release works on the new schema
                # The rollout: a new replica ready, then the previous one leaves and drains.
                await start("archive", sys.executable, "127.0.0.2", MCR_MIGRATIONS="verify")
                dns.addresses[:] = ["127.0.0.2"]
                assert await asyncio.to_thread(old_archive.terminate) == 0
                await asyncio.sleep(1.0)
                await start("insight", sys.executable, "127.0.0.4", MCR_MIGRATIONS="verify")
                assert await asyncio.to_thread(old_insight.terminate) == 0
                await asyncio.sleep(1.0)
                writes.running = False
                await writing

            async with asyncio.timeout(90):
                while True:
                    customers = dict(await rows(urls["archive"], "SELECT id, tier FROM customers"))
                    history = Counter(
                        customer for (customer,) in await rows(
                            urls["insight"], "SELECT customer_id FROM tier_history"
                        )
                    )  # fmt: skip
                    if set(history) >= set(writes.acknowledged) and all(customers.values()):
                        break
                    await asyncio.sleep(0.3)
            await asyncio.sleep(1.5)  # a second effect would show by now
            history = Counter(
                customer for (customer,) in await rows(
                    urls["insight"], "SELECT customer_id FROM tier_history"
                )
            )  # fmt: skip
        finally:
            for process in running:
                if process.process is not None and process.process.poll() is None:
                    process.terminate()
            server.stop()

    assert writes.failures == []
    assert len(writes.acknowledged) > 50
    assert set(writes.acknowledged) == set(customers)  # every acknowledged write, no other
    assert set(history) == set(customers) and set(history.values()) == {1}
