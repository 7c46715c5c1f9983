"""A crash at any point loses no committed event and duplicates none (real processes).

The archive runs as its own OS process; a failpoint holds it at one step of the outbox relay,
where the test kills it with SIGKILL; the restarted process finishes the work.
"""

from __future__ import annotations

import asyncio

import grpc
import pytest
import sqlalchemy as sa
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr_archive.events import CUSTOMER_CREATED
from mcr_core.bus import EventConsumer, stream_name
from mcr_core.storage import Database
from mcr_core.testing import nats_client
from processes import ServiceProcess

effects = sa.Table("effects", sa.MetaData(), sa.Column("event_id", sa.String(64), unique=True))


async def create_customer(port: int, auth_keys, display_name: str, claims=None) -> str:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        created = await archive_service_pb2_grpc.ArchiveServiceStub(channel).CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=display_name)),
            metadata=auth_keys.metadata(**(claims or {})),
            timeout=10,
        )
    return created.name


async def published_for(js, resource: str) -> int:
    """How many messages the archive stream holds for `resource`."""
    sub = await js.pull_subscribe(CUSTOMER_CREATED, stream=stream_name("archive"))
    count = 0
    try:
        while True:
            for message in await sub.fetch(100, timeout=0.5):
                count += message.headers.get("ce-subject") == resource
                await message.ack()
    except TimeoutError:
        pass
    finally:
        await sub.unsubscribe()
    return count


@pytest.mark.parametrize("failpoint", ["outbox.before_publish", "outbox.after_publish"])
async def test_kill_9_in_the_relay_delivers_the_event_exactly_once(
    failpoint, database_url, nats_url, auth_keys, tmp_path
):
    env = {
        "MCR_DATABASE_URL": database_url,
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    nc = await nats_client(nats_url)
    js = nc.jetstream()
    # A new employee's first call records them (EmployeeChanged, published before the
    # customer's event): a first process meets the caller, so the hang below holds the
    # customer's event alone.
    meeting = await ServiceProcess("mcr_archive", env, tmp_path / "meeting.log").start()
    known = await create_customer(meeting.grpc_port, auth_keys, "Warm-up Ltd")
    async with asyncio.timeout(30):
        while await published_for(js, known) < 1:
            await asyncio.sleep(0.2)
    meeting.terminate()
    crashing = await ServiceProcess(
        "mcr_archive", env | {"MCR_FAILPOINTS": f"{failpoint}=hang"}, tmp_path / "first.log"
    ).start()
    resource = await create_customer(crashing.grpc_port, auth_keys, "Crash Test Ltd")
    try:
        await asyncio.sleep(1.0)  # the relay reaches the failpoint and waits there
        expected = 1 if failpoint.endswith("after_publish") else 0
        async with asyncio.timeout(15):  # a loaded machine's relay may need longer to get there
            while (published := await published_for(js, resource)) < expected:
                await asyncio.sleep(0.2)
        assert published == expected
        crashing.kill()

        restarted = await ServiceProcess("mcr_archive", env, tmp_path / "second.log").start()
        consumer_db = Database(f"sqlite:///{tmp_path / 'consumer.db'}")
        await consumer_db.migrate()
        async with consumer_db.engine.begin() as conn:
            await conn.run_sync(effects.metadata.create_all)

        async def count_effect(event, session) -> None:
            if event.resource == resource:
                await session.execute(effects.insert().values(event_id=event.id))

        consumer = EventConsumer(
            name=f"crash-{failpoint.replace('.', '-')}",
            stream=stream_name("archive"),
            subjects=[CUSTOMER_CREATED],
            handler=count_effect,
            db=consumer_db,
            js=js,
        )
        await consumer.start()
        consuming = asyncio.create_task(consumer.run())

        async def effect_count() -> int:
            async with consumer_db.read() as session:
                return (
                    await session.execute(sa.select(sa.func.count()).select_from(effects))
                ).scalar()

        try:
            async with asyncio.timeout(20):
                while await effect_count() == 0:
                    await asyncio.sleep(0.1)
            await asyncio.sleep(1.5)  # room for a duplicate to arrive, if there were one
        finally:
            consuming.cancel()
            await asyncio.gather(consuming, return_exceptions=True)
            await consumer.stop()
        assert await effect_count() == 1
        assert await published_for(js, resource) == 1  # JetStream dropped the re-publish
        assert restarted.terminate() == 0  # and it stops gracefully on SIGTERM
        await consumer_db.close()
    finally:
        await nc.drain()


async def test_kill_9_during_a_handover_moves_nothing_then_the_retry_moves_all(
    database_url, nats_url, auth_keys, tmp_path
):
    env = {
        "MCR_DATABASE_URL": database_url,
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    owner = {"employee_id": "e-1001", "org_unit": "/cn-south/enterprise/team-1"}
    successor = {"employee_id": "e-1002", "org_unit": "/cn-south/enterprise/team-1"}
    head = {"employee_id": "e-0900", "org_unit": "/cn-south/enterprise", "roles": ("manager",)}
    crashing = await ServiceProcess(
        "mcr_archive",
        env | {"MCR_FAILPOINTS": "archive.transfer.before_commit=hang"},
        tmp_path / "first.log",
    ).start()
    names = [
        await create_customer(crashing.grpc_port, auth_keys, f"客户{i}", owner) for i in range(3)
    ]
    await create_customer(crashing.grpc_port, auth_keys, "successor's own", successor)
    request = pb.TransferPortfolioRequest(
        from_employee="employees/e-1001", to_employee="employees/e-1002", reason="leave"
    )
    async with grpc.aio.insecure_channel(f"127.0.0.1:{crashing.grpc_port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        pending = asyncio.ensure_future(
            stub.TransferPortfolio(request, metadata=auth_keys.metadata(**head), timeout=30)
        )
        await asyncio.sleep(1.0)  # the transfer waits at the failpoint, uncommitted
        crashing.kill()
        with pytest.raises(grpc.aio.AioRpcError):
            await pending

    restarted = await ServiceProcess("mcr_archive", env, tmp_path / "second.log").start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{restarted.grpc_port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        for name in names:  # nothing half-moved
            got = await stub.GetCustomer(
                pb.GetCustomerRequest(name=name), metadata=auth_keys.metadata(**owner)
            )
            assert got.owner == "employees/e-1001"
        moved = await stub.TransferPortfolio(request, metadata=auth_keys.metadata(**head))
        assert sorted(moved.customers) == sorted(names)
    assert restarted.terminate() == 0
