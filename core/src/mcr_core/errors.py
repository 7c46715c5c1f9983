"""Domain errors: the one vocabulary services use to refuse a request.

Services raise these from their domain and store code; the gRPC error interceptor
(`mcr_core.rpc.interceptors`) maps them to status codes in one place, and the gateway maps the
status codes to HTTP problems. Messages must never contain personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc


@dataclass(frozen=True)
class FieldViolation:
    """One bad field: `field` is the request path (`customer.annual_revenue.units`)."""

    field: str
    description: str


class DomainError(Exception):
    """A request the domain refuses; `code` is the gRPC status it maps to."""

    code: grpc.StatusCode = grpc.StatusCode.FAILED_PRECONDITION

    def __init__(self, message: str, violations: tuple[FieldViolation, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations = violations


class InvalidArgument(DomainError):
    """The request itself is malformed; at least one field violation names the field."""

    code = grpc.StatusCode.INVALID_ARGUMENT

    def __init__(self, *violations: FieldViolation) -> None:
        if not violations:
            raise ValueError("InvalidArgument needs at least one field violation")
        summary = "; ".join(f"{v.field}: {v.description}" for v in violations)
        super().__init__(f"invalid argument: {summary}", violations)

    @classmethod
    def field(cls, field: str, description: str) -> InvalidArgument:
        return cls(FieldViolation(field, description))


class FailedPrecondition(DomainError):
    """The request is well-formed but the current state forbids it (a stale etag, a rule)."""

    code = grpc.StatusCode.FAILED_PRECONDITION

    @classmethod
    def field(cls, field: str, description: str) -> FailedPrecondition:
        return cls(f"{field}: {description}", (FieldViolation(field, description),))


class NotFound(DomainError):
    """The resource does not exist, or the caller may not see it (the two are not told apart)."""

    code = grpc.StatusCode.NOT_FOUND


class AlreadyExists(DomainError):
    code = grpc.StatusCode.ALREADY_EXISTS


class PermissionDenied(DomainError):
    code = grpc.StatusCode.PERMISSION_DENIED


class Unauthenticated(DomainError):
    code = grpc.StatusCode.UNAUTHENTICATED


class Unavailable(DomainError):
    """A dependency is down; the caller may retry."""

    code = grpc.StatusCode.UNAVAILABLE


def collect(violations: list[FieldViolation]) -> None:
    """Raise one InvalidArgument naming every violation found, or return if there are none."""
    if violations:
        raise InvalidArgument(*violations)
