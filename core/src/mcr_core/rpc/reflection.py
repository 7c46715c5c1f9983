"""Server reflection, `grpc.reflection.v1` and `v1alpha`, serving descriptors with comments.

grpcio-reflection serves only `v1alpha`, and from the generated modules, which carry no
comments. Here one servicer answers both versions (their messages are the same on the wire;
v1's descriptor is v1alpha's under its own package), and a file of the contract is served as
`proto/generate.py` wrote it with its source info (`mcr/descriptors.binpb`), so `grpcurl
describe` and generated clients see every comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2 as alpha
from grpc_reflection.v1alpha._async import ReflectionServicer as AlphaServicer

V1 = "grpc.reflection.v1.ServerReflection"
V1ALPHA = "grpc.reflection.v1alpha.ServerReflection"
_POOL = descriptor_pool.Default()


@cache
def _with_comments() -> dict[str, bytes]:
    """The contract's files as generated with their comments, by file name."""
    try:
        data = (resources.files("mcr") / "descriptors.binpb").read_bytes()
    except FileNotFoundError:
        return {}
    return {
        f.name: f.SerializeToString()
        for f in descriptor_pb2.FileDescriptorSet.FromString(data).file
    }


@cache
def _register_v1() -> None:
    """Put `grpc/reflection/v1/reflection.proto` in the pool: v1alpha's under the v1 package."""
    try:
        _POOL.FindFileByName("grpc/reflection/v1/reflection.proto")
        return
    except KeyError:
        pass
    file = descriptor_pb2.FileDescriptorProto()
    alpha.DESCRIPTOR.CopyToProto(file)
    file.name, file.package = "grpc/reflection/v1/reflection.proto", "grpc.reflection.v1"
    for message in file.message_type:
        for field in message.field:
            if field.HasField("type_name"):  # proto2: setting "" would mark it present
                field.type_name = field.type_name.replace(".v1alpha.", ".v1.")
    for method in file.service[0].method:
        method.input_type = method.input_type.replace(".v1alpha.", ".v1.")
        method.output_type = method.output_type.replace(".v1alpha.", ".v1.")
    _POOL.Add(file)


class ReflectionServicer(AlphaServicer):
    """grpcio-reflection's servicer, answering files with the contract's comments."""

    def _file_response(self, request, descriptor) -> alpha.ServerReflectionResponse:
        served, pending, seen = [], [descriptor], set()
        while pending:
            file = pending.pop()
            if file.name in seen:
                continue
            seen.add(file.name)
            pending.extend(file.dependencies)
            raw = _with_comments().get(file.name)
            if raw is None:
                proto = descriptor_pb2.FileDescriptorProto()
                file.CopyToProto(proto)
                raw = proto.SerializeToString()
            served.append(raw)
        return alpha.ServerReflectionResponse(
            original_request=request,
            file_descriptor_response=alpha.FileDescriptorResponse(file_descriptor_proto=served),
        )

    def _file_by_filename(self, request, filename):
        try:
            return self._file_response(request, self._pool.FindFileByName(filename))
        except KeyError:
            return super()._file_by_filename(request, filename)

    def _file_containing_symbol(self, request, fully_qualified_name):
        try:
            return self._file_response(
                request, self._pool.FindFileContainingSymbol(fully_qualified_name)
            )
        except KeyError:
            return super()._file_containing_symbol(request, fully_qualified_name)


def enable_reflection(service_names: Sequence[str], server: grpc.aio.Server) -> None:
    """Serve reflection v1 and v1alpha for `service_names` (and the two reflection services)."""
    _register_v1()
    servicer = ReflectionServicer((*service_names, V1, V1ALPHA))
    handler = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=alpha.ServerReflectionRequest.FromString,
        response_serializer=alpha.ServerReflectionResponse.SerializeToString,
    )
    for service in (V1, V1ALPHA):
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(service, {"ServerReflectionInfo": handler}),)
        )
