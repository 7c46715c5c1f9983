"""Server reflection answers in both versions, `grpc.reflection.v1` and `v1alpha`, with the
contract's comments in the descriptors it serves."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection_pb2 as messages

VERSIONS = ("grpc.reflection.v1", "grpc.reflection.v1alpha")


async def ask(port: int, version: str, **request) -> messages.ServerReflectionResponse:
    """One reflection request, on the wire as any client of that version sends it (the two
    versions' messages are the same on the wire)."""
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        call = channel.stream_stream(
            f"/{version}.ServerReflection/ServerReflectionInfo",
            request_serializer=messages.ServerReflectionRequest.SerializeToString,
            response_deserializer=messages.ServerReflectionResponse.FromString,
        )

        async def requests():
            yield messages.ServerReflectionRequest(**request)

        async for answer in call(requests()):
            return answer
        raise AssertionError("no answer")


@pytest.mark.parametrize("version", VERSIONS)
async def test_reflection_lists_and_describes_with_comments(archive, version):
    listed = await ask(archive.grpc_port, version, list_services="")
    names = {service.name for service in listed.list_services_response.service}
    assert {"mcr.archive.v1.ArchiveService", *(f"{v}.ServerReflection" for v in VERSIONS)} <= names
    found = await ask(
        archive.grpc_port, version, file_containing_symbol="mcr.archive.v1.ArchiveService"
    )
    files = [
        descriptor_pb2.FileDescriptorProto.FromString(raw)
        for raw in found.file_descriptor_response.file_descriptor_proto
    ]
    service_file = next(f for f in files if f.name == "mcr/archive/v1/archive_service.proto")
    notes = [loc.leading_comments for loc in service_file.source_code_info.location]
    assert any("customer" in note.lower() for note in notes)  # the comments came along
    assert "google/protobuf/timestamp.proto" in {f.name for f in files}  # and the imports


async def test_reflection_v1_describes_itself(archive):
    found = await ask(
        archive.grpc_port,
        "grpc.reflection.v1",
        file_containing_symbol="grpc.reflection.v1.ServerReflection",
    )
    [raw] = found.file_descriptor_response.file_descriptor_proto
    file = descriptor_pb2.FileDescriptorProto.FromString(raw)
    assert file.package == "grpc.reflection.v1"
    missing = await ask(archive.grpc_port, "grpc.reflection.v1", file_containing_symbol="no.Such")
    assert missing.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
