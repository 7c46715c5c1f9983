"""Helpers of the archive's tests: create records over gRPC, catch refusals, read events."""

from __future__ import annotations

import grpc
import pytest
from archive_people import OWNER
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, person_pb2
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


def fields(error: grpc.aio.AioRpcError) -> list[str]:
    return [v.field for v in field_violations(error)]


async def customer(stub, auth, name: str, claims=OWNER, **fields_) -> customer_pb2.Customer:
    return await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=name, **fields_)),
        metadata=auth(**claims),
    )


async def department(stub, auth, parent: str, name: str, claims=OWNER, **fields_):
    return await stub.CreateDepartment(
        pb.CreateDepartmentRequest(
            parent=parent, department=person_pb2.Department(display_name=name, **fields_)
        ),
        metadata=auth(**claims),
    )


async def person(stub, auth, parent: str, name: str, claims=OWNER, **fields_):
    return await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=parent, person=person_pb2.Person(display_name=name, **fields_)
        ),
        metadata=auth(**claims),
    )


async def announced(archive, subject: str, decode, where, count: int = 1) -> list:
    """The first `count` events on `subject` in the archive's stream that satisfy `where`
    (the stream is shared by the tests of a session)."""
    nc = await nats_client(archive.kernel.settings.nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(subject, stream=archive.kernel.stream)
        found = []
        while len(found) < count:
            for message in await sub.fetch(100, timeout=5):
                event = decode(message.data)
                if where(event):
                    found.append(event)
                await message.ack()
        return found
    finally:
        await nc.drain()
