"""Domain errors to `google.rpc.Status`, and back (for clients such as the gateway)."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from mcr_core.errors import DomainError, FieldViolation


def domain_error_status(error: DomainError) -> grpc.Status:
    """The status for a refused request: its code, message, and BadRequest field violations."""
    status = status_pb2.Status(code=error.code.value[0], message=error.message)
    if error.violations:
        details = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(
                    field=v.field, description=v.description
                )
                for v in error.violations
            ]
        )
        packed = any_pb2.Any()
        packed.Pack(details)
        status.details.append(packed)
    return rpc_status.to_status(status)


def internal_status(reference: str) -> grpc.Status:
    return rpc_status.to_status(
        status_pb2.Status(code=code_pb2.INTERNAL, message=f"internal error (reference {reference})")
    )


def field_violations(error: grpc.aio.AioRpcError | grpc.RpcError) -> list[FieldViolation]:
    """The field violations a server attached to an error, if any."""
    status = rpc_status.from_call(error) if hasattr(error, "trailing_metadata") else None
    if status is None:
        return []
    found: list[FieldViolation] = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found += [FieldViolation(v.field, v.description) for v in bad.field_violations]
    return found
