"""gRPC plumbing: the server bootstrap, the interceptors, and the error-to-status mapping."""

from mcr_core.rpc.server import PUBLIC_METHOD_PREFIXES, GrpcServer
from mcr_core.rpc.status import domain_error_status, field_violations

__all__ = ["PUBLIC_METHOD_PREFIXES", "GrpcServer", "domain_error_status", "field_violations"]
