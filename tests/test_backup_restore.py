"""A region's backup and restore on real processes and both databases (deploy/README.md,
Operations): the archive and insight run as OS processes on their own databases and a NATS
server of their own; customers are written before and during `mcr region backup` and after it;
the services stop, `mcr region restore` puts the backup back, the services start again.

Then every customer acknowledged before the archive's database backup began is there, none
written after the backup ended is, and each customer's `CustomerCreated` had exactly one
effect at insight (one tier history row) and its tier came back to the archive: the events
the restore replayed (from the outbox and its kept published rows) were handled once.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import grpc
import pytest
import sqlalchemy as sa
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.storage import Database
from mcr_core.testing.kit import temporary_postgres_database
from processes import ServiceProcess

pytestmark = pytest.mark.slow
SERVICES = ("archive", "insight")


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request, tmp_path: Path, postgres_available: bool):
    """Each service's database, of one kind."""
    if request.param == "sqlite":
        yield {name: f"sqlite:///{tmp_path / f'{name}.db'}" for name in SERVICES}
        return
    if not postgres_available:
        pytest.skip("no PostgreSQL")
    with temporary_postgres_database() as archive, temporary_postgres_database() as insight:
        yield {"archive": archive, "insight": insight}


def mcr_region(command: str, directory: Path, nats_url: str, urls: dict[str, str]) -> str:
    mcr = Path(sys.executable).with_name("mcr")
    options = [f"--database={service}={url}" for service, url in urls.items()]
    done = subprocess.run(
        [mcr, "region", command, directory, f"--nats-url={nats_url}", *options],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


class Writer:
    """Customers created one after the other; each acknowledgement with its time."""

    def __init__(self, channel: grpc.aio.Channel, auth_keys) -> None:
        self.stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        self.auth_keys = auth_keys
        self.acknowledged: list[tuple[str, float]] = []
        self.running = False

    async def write(self, count: int) -> None:
        for _ in range(count):
            created = await self.stub.CreateCustomer(
                pb.CreateCustomerRequest(
                    customer=customer_pb2.Customer(
                        display_name=f"Backup {len(self.acknowledged)} Ltd"
                    )
                ),
                metadata=self.auth_keys.metadata(),
                timeout=15,
            )
            self.acknowledged.append((created.name.removeprefix("customers/"), time.time()))

    async def write_until_stopped(self) -> None:
        self.running = True
        while self.running:
            await self.write(1)
            await asyncio.sleep(0.01)


async def rows(url: str, statement: str) -> list:
    db = Database(url, pool_size=1)
    try:
        async with db.read() as conn:
            return list((await conn.execute(sa.text(statement))).all())
    finally:
        await db.close()


async def settled(urls: dict[str, str]) -> tuple[dict[str, str], Counter]:
    """The archive's customers with their tiers, and insight's history rows per customer,
    once every customer has its tier back from insight."""
    async with asyncio.timeout(90):
        while True:
            customers = dict(await rows(urls["archive"], "SELECT id, tier FROM customers"))
            history = Counter(
                customer for (customer,) in await rows(
                    urls["insight"], "SELECT customer_id FROM tier_history"
                )
            )  # fmt: skip
            if customers and all(customers.values()) and set(history) >= set(customers):
                await asyncio.sleep(1.5)  # a duplicate effect would show by now
                return customers, Counter(
                    customer for (customer,) in await rows(
                        urls["insight"], "SELECT customer_id FROM tier_history"
                    )
                )  # fmt: skip
            await asyncio.sleep(0.3)


@pytest.mark.timeout(420)
async def test_a_region_restored_from_its_backup_has_every_acknowledged_write_once(
    urls, tmp_path, auth_keys
):
    server = EmbeddedNats(tmp_path / "nats").start()
    env = {
        "MCR_NATS_URL": server.url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    running: dict[str, ServiceProcess] = {}

    async def start(round_: str) -> None:
        for name, url in urls.items():
            running[name] = await ServiceProcess(
                f"mcr_{name}", env | {"MCR_DATABASE_URL": url}, tmp_path / f"{name}-{round_}.log"
            ).start(timeout=90)

    backup = tmp_path / "backup"
    try:
        await start("before")
        target = f"127.0.0.1:{running['archive'].grpc_port}"
        async with grpc.aio.insecure_channel(target) as channel:
            writer = Writer(channel, auth_keys)
            await writer.write(20)
            writing = asyncio.create_task(writer.write_until_stopped())
            await asyncio.sleep(0.5)
            await asyncio.to_thread(mcr_region, "backup", backup, server.url, urls)
            await asyncio.sleep(0.5)  # write more, after the backup
            writer.running = False
            await writing
        await settled(urls)
        for process in running.values():  # the region stops (scaled to zero)
            assert await asyncio.to_thread(process.terminate) == 0

        output = await asyncio.to_thread(mcr_region, "restore", backup, server.url, urls)
        assert "events to publish again" in output
        await start("after")
        customers, history = await settled(urls)
    finally:
        for process in running.values():
            if process.process is not None and process.process.poll() is None:
                process.terminate()
        server.stop()

    manifest = json.loads((backup / "manifest.json").read_text())
    before = {c for c, at in writer.acknowledged if at < manifest["databases"]["archive"]["at"]}
    after = {c for c, at in writer.acknowledged if at > manifest["finished_at"]}
    assert len(before) > 20 and after, (len(before), len(after))
    assert before <= set(customers)  # every write acknowledged before the backup
    assert not after & set(customers)  # the restore point: the end of the backup
    assert set(history) == set(customers)  # no effect of a write the restore undid
    assert set(history.values()) == {1}  # exactly one effect per event
