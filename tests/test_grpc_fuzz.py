"""Malformed, truncated, oversized and out-of-range requests to every method of every service.

Every method of the contract (enumerated from the descriptors) gets bytes that are not its
message, its message cut short, a string field that is not UTF-8, a message over the size
limit, and well-formed messages whose numbers sit at the ends of their types, from a caller
holding every permission (so the requests reach the services' own validation). No answer may
be UNKNOWN or INTERNAL, no answer may name an internal class, and every service must still
answer its health check afterwards. The services run as real processes on SQLite.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Iterator

import grpc
import pytest
from google.protobuf import descriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from grpc_health.v1 import health_pb2, health_pb2_grpc
from mcr_core.auth.permissions import contract_methods
from mcr_core.rpc.server import MAX_REQUEST_BYTES
from mcr_core.testing import AuthKeys
from platform_kit import SERVICES, run
from processes import ServiceProcess

FORBIDDEN = {grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL}
# What grpc's client says when it could not send a message of a call the service has ended.
CLIENT_SEND_FAILED = "SendMessageOperation"
CUT_WHILE_SENDING = "cut while sending"
INTERNAL_NAME = re.compile(r"Traceback \(|<class |\b[A-Z][A-Za-z]+(Error|Exception)\b")
F = descriptor.FieldDescriptor
EXTREMES = {
    F.CPPTYPE_INT32: (2**31 - 1, -(2**31)),
    F.CPPTYPE_INT64: (2**63 - 1, -(2**63)),
    F.CPPTYPE_UINT32: (2**32 - 1, 0),
    F.CPPTYPE_UINT64: (2**64 - 1, 0),
    F.CPPTYPE_DOUBLE: (float("inf"), float("nan")),
    F.CPPTYPE_FLOAT: (float("-inf"), float("nan")),
}


def service_of(method: str) -> str:
    return method.split("/")[1].split(".")[1]


def method_descriptor(method: str) -> descriptor.MethodDescriptor:
    from google.protobuf import descriptor_pool

    service, _, name = method.lstrip("/").rpartition("/")
    return descriptor_pool.Default().FindServiceByName(service).methods_by_name[name]


def filled(message_type: descriptor.Descriptor, extreme: int, depth: int = 0) -> Message:
    """A message with every field set: numbers at one end of their type (`extreme` picks
    which), strings and resource names that look real, one level of nested messages."""
    message = GetMessageClass(message_type)()
    for field in message_type.fields:
        if field.containing_oneof is not None and field.containing_oneof.fields[0] != field:
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            continue
        value = _value(field, extreme, depth)
        if value is None:
            continue
        target = getattr(message, field.name)
        if field.is_repeated:
            if field.message_type is not None:
                target.add().CopyFrom(value)
            else:
                target.append(value)
        elif field.message_type is not None:
            target.CopyFrom(value)
        else:
            setattr(message, field.name, value)
    return message


def _value(field: descriptor.FieldDescriptor, extreme: int, depth: int):
    if field.message_type is not None:
        if depth >= 1 or field.message_type.full_name.startswith("google.protobuf."):
            return None
        return filled(field.message_type, extreme, depth + 1)
    if field.cpp_type in EXTREMES:
        return EXTREMES[field.cpp_type][extreme]
    if field.cpp_type == F.CPPTYPE_BOOL:
        return True
    if field.cpp_type == F.CPPTYPE_ENUM:
        return 2**31 - 1 if extreme == 0 else -1  # not a declared value
    if field.cpp_type == F.CPPTYPE_STRING:
        if field.type == F.TYPE_BYTES:
            return b"\x00\xff" * 8
        names = ("customers/c-0001/persons/p-1", "x" * 5000)
        return names[extreme]
    return None


def _first_string_field(message_type: descriptor.Descriptor) -> int | None:
    for field in message_type.fields:
        if field.type == F.TYPE_STRING:
            return field.number
    return None


def payloads(method: str) -> Iterator[tuple[str, bytes]]:
    """(what, bytes): the requests every method gets."""
    request = method_descriptor(method).input_type
    rng = random.Random(method)  # the same bytes every run
    for size in (1, 7, 64, 512):
        yield f"random-{size}", bytes(rng.getrandbits(8) for _ in range(size))
    yield "wire-type-mix", b"\x0a\xff\xff\xff\xff\x0f" + b"\x08" * 3
    whole = filled(request, 0).SerializeToString()
    if len(whole) > 2:
        yield "truncated", whole[: len(whole) // 2 + 1]
    number = _first_string_field(request)
    if number is not None:
        yield "not-utf8", bytes([number << 3 | 2, 4]) + b"\xff\xfe\xc0\xc1"
    for extreme in (0, 1):
        yield f"extremes-{extreme}", filled(request, extreme).SerializeToString()


@pytest.fixture(scope="module")
def services(nats_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz")
    keys = AuthKeys(directory / "keys")
    env = {
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(keys.public_key_file),
        "MCR_DATA_DIR": str(directory),
    }
    running = {}
    try:
        for name in SERVICES:
            running[name] = ServiceProcess(f"mcr_{name}", env, directory / f"{name}.log")
            run(running[name].start())
        yield keys, running
    finally:
        for process in running.values():
            if process.process is not None and process.process.poll() is None:
                process.terminate()


def _client_streaming(method: str) -> bool:
    return method_descriptor(method).client_streaming


async def _send(
    channel: grpc.aio.Channel, method: str, data: bytes, metadata
) -> grpc.StatusCode | None:
    """The service's answer, or None when the client could not send: see `_send_oversized`."""
    shape = method_descriptor(method)
    try:
        if shape.client_streaming:
            call = channel.stream_unary(method)

            async def requests():
                yield data
                yield data

            await call(requests(), metadata=metadata, timeout=20)
        elif shape.server_streaming:
            async for _ in channel.unary_stream(method)(data, metadata=metadata, timeout=20):
                pass
        else:
            await channel.unary_unary(method)(data, metadata=metadata, timeout=20)
    except grpc.aio.AioRpcError as error:
        details = error.details() or ""
        if shape.client_streaming and CLIENT_SEND_FAILED in (error.debug_error_string() or ""):
            return None
        assert error.code() not in FORBIDDEN, f"{method}: {error.code().name} {details}"
        assert not INTERNAL_NAME.search(details), f"{method}: {details}"
        return error.code()
    return grpc.StatusCode.OK


async def _send_oversized(channel: grpc.aio.Channel, method: str, data: bytes, metadata) -> str:
    """The service's answer to an oversized message. On a client-streaming call the service
    refuses the message as its first bytes arrive and ends the call while the client is still
    sending it (HTTP/2 flow control holds the rest); grpc's client then reports its own failed
    send (INTERNAL, "Internal error from Core") in place of the service's status, which it
    discards. Which side wins is a race: the call is made again, and when the client never
    finishes sending, the service ended the call without taking the message: CUT_WHILE_SENDING.
    """
    for _ in range(3):
        if (code := await _send(channel, method, data, metadata)) is not None:
            return code.name
    return CUT_WHILE_SENDING


@pytest.mark.timeout(900)
def test_no_request_makes_a_service_fail(services):
    keys, running = services
    metadata = keys.metadata(
        employee_id="e-fuzz",
        org_unit="/cn-south",
        roles=("management", "manager", "account_manager", "market_department", "hr", "qa"),
    )
    methods = sorted(contract_methods())
    oversized = b"\x0a" + b"\xff\xff\xff\x02" + b"x" * (MAX_REQUEST_BYTES + 1024)

    async def fuzz() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
        failures: dict[str, dict[str, str]] = {}
        too_big: dict[str, str] = {}
        for name, process in running.items():
            async with grpc.aio.insecure_channel(
                f"127.0.0.1:{process.grpc_port}",
                options=[("grpc.max_send_message_length", 2 * MAX_REQUEST_BYTES)],
            ) as channel:
                for method in (m for m in methods if service_of(m) == name):
                    for what, data in payloads(method):
                        try:
                            await _send(channel, method, data, metadata)
                        except AssertionError as problem:
                            failures.setdefault(method, {})[what] = str(problem)[:300]
                    too_big[method] = await _send_oversized(channel, method, oversized, metadata)
                health = await health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(), timeout=10
                )
                assert health.status == health_pb2.HealthCheckResponse.SERVING, name
        return failures, too_big

    failures, too_big = asyncio.run(fuzz())
    assert not failures, "\n".join(
        f"{m} {w}: {p}" for m, f in failures.items() for w, p in f.items()
    )
    # Every method refuses it; a client-streaming call may end before the client could send.
    unrefused = {
        method: answer
        for method, answer in too_big.items()
        if answer != "RESOURCE_EXHAUSTED"
        and not (answer == CUT_WHILE_SENDING and _client_streaming(method))
    }
    assert not unrefused, unrefused
    for process in running.values():
        assert process.process.poll() is None, f"{process.module} died"
