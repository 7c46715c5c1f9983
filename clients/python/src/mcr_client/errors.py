"""Refused calls, readable: the `google.rpc.Status` details a service attaches, decoded.

The platform answers bad input with INVALID_ARGUMENT and a `BadRequest` naming each field, a
stale etag with FAILED_PRECONDITION and a `PreconditionFailure`, and so on; `ApiError` carries
them, and its message says it all in one line.
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2

STATUS_DETAILS = "grpc-status-details-bin"
_DETAILS = (
    error_details_pb2.BadRequest,
    error_details_pb2.PreconditionFailure,
    error_details_pb2.ErrorInfo,
    error_details_pb2.ResourceInfo,
    error_details_pb2.QuotaFailure,
    error_details_pb2.RetryInfo,
    error_details_pb2.Help,
    error_details_pb2.LocalizedMessage,
)


class ApiError(grpc.aio.AioRpcError):
    """A call the platform refused: `code()`, `details()`, and the decoded `google.rpc`
    details: `field_violations` as (field, description) pairs, `precondition_failures`,
    `error_info` and the rest in `details_found`."""

    def __init__(self, error: grpc.aio.AioRpcError) -> None:
        super().__init__(
            error.code(),
            error.initial_metadata(),
            error.trailing_metadata(),
            error.details(),
            error.debug_error_string(),
        )
        self.details_found = decode_details(error.trailing_metadata())
        self.field_violations = [
            (v.field, v.description)
            for found in self.details_found
            if isinstance(found, error_details_pb2.BadRequest)
            for v in found.field_violations
        ]
        self.precondition_failures = [
            (v.subject, v.description)
            for found in self.details_found
            if isinstance(found, error_details_pb2.PreconditionFailure)
            for v in found.violations
        ]
        self.error_info = next(
            (d for d in self.details_found if isinstance(d, error_details_pb2.ErrorInfo)), None
        )

    def __str__(self) -> str:
        parts = [f"{self.code().name}: {self.details()}"]
        parts += [f"{name}: {why}" for name, why in self.field_violations]
        parts += [f"{subject}: {why}" for subject, why in self.precondition_failures]
        return "; ".join(parts)


def decode_details(metadata) -> list:
    """The `google.rpc` detail messages in a call's trailing metadata."""
    raw = next((value for key, value in (metadata or ()) if key == STATUS_DETAILS), None)
    if raw is None:
        return []
    status = status_pb2.Status.FromString(raw)
    found = []
    for detail in status.details:
        for kind in _DETAILS:
            if detail.Is(kind.DESCRIPTOR):
                message = kind()
                detail.Unpack(message)
                found.append(message)
    return found
