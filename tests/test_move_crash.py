"""A kill -9 in the middle of a person's move loses nothing: the move is all or nothing, and
its events, once committed, reach NATS after a restart (real processes)."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, events_pb2, person_pb2
from mcr_archive.events import PERSON_MOVED
from mcr_core.bus import stream_name
from mcr_core.testing import nats_client
from processes import ServiceProcess

OWNER = {"employee_id": "e-1001", "org_unit": "/cn-south/enterprise/team-1"}
WEST = {"employee_id": "e-2001", "region": "eu-west", "org_unit": "/eu-west/enterprise"}


async def moved_events(js, person: str) -> list[events_pb2.PersonMoved]:
    sub = await js.pull_subscribe(PERSON_MOVED, stream=stream_name("archive"))
    found = []
    try:
        while True:
            for message in await sub.fetch(100, timeout=1.0):
                event = events_pb2.PersonMoved.FromString(message.data)
                if event.previous_person == person:
                    found.append(event)
                await message.ack()
    except TimeoutError:
        pass
    finally:
        await sub.unsubscribe()
    return found


async def test_kill_9_during_a_move_moves_nothing_then_the_retry_moves_once(
    database_url, nats_url, auth_keys, tmp_path
):
    env = {
        "MCR_DATABASE_URL": database_url,
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
        "MCR_DATA_DIR": str(tmp_path),
    }
    crashing = await ServiceProcess(
        "mcr_archive",
        env | {"MCR_FAILPOINTS": "archive.move.before_commit=hang"},
        tmp_path / "first.log",
    ).start()
    as_owner, as_west = auth_keys.metadata(**OWNER), auth_keys.metadata(**WEST)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{crashing.grpc_port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        ours = await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="南海电信")),
            metadata=as_owner,
        )
        theirs = await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="Rhein AG")),
            metadata=as_west,
        )
        zhang = await stub.CreatePerson(
            pb.CreatePersonRequest(parent=ours.name, person=person_pb2.Person(display_name="张伟")),
            metadata=as_owner,
        )
        request = pb.MovePersonRequest(name=zhang.name, customer=theirs.name)
        pending = asyncio.ensure_future(stub.MovePerson(request, metadata=as_owner, timeout=30))
        await asyncio.sleep(1.0)  # the move waits at the failpoint, uncommitted
        crashing.kill()
        with pytest.raises(grpc.aio.AioRpcError):
            await pending

    nc = await nats_client(nats_url)
    restarted = await ServiceProcess("mcr_archive", env, tmp_path / "second.log").start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{restarted.grpc_port}") as channel:
            stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
            got = await stub.GetPerson(pb.GetPersonRequest(name=zhang.name), metadata=as_owner)
            assert (got.moved_to, got.etag) == ("", zhang.etag)  # nothing half-moved
            listed = await stub.ListPersons(
                pb.ListPersonsRequest(parent=theirs.name), metadata=as_west
            )
            assert list(listed.persons) == []
            moves = await stub.ListPersonMoves(
                pb.ListPersonMovesRequest(parent=zhang.name), metadata=as_owner
            )
            assert list(moves.moves) == []

            after = await stub.MovePerson(request, metadata=as_owner)
            assert after.owner == "employees/e-2001"
        async with asyncio.timeout(20):
            while not (announced := await moved_events(nc.jetstream(), zhang.name)):
                await asyncio.sleep(0.2)
        assert [e.person for e in announced] == [after.name]  # exactly once
        assert restarted.terminate() == 0
    finally:
        await nc.drain()
