"""Server interceptors: logging and metrics, error mapping, authentication.

Each wraps the method handler's behaviour (rather than acting in `intercept_service` alone), so
what it sets up, such as the principal of the call, is in force while the servicer runs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
from opentelemetry import metrics, trace

from mcr_core.auth import TokenVerifier, principal_scope
from mcr_core.errors import DomainError, Unauthenticated
from mcr_core.rpc.status import domain_error_status, internal_status

log = logging.getLogger(__name__)
_duration = metrics.get_meter(__name__).create_histogram(
    "mcr_rpc_server_duration", unit="ms", description="gRPC server call duration"
)

Behavior = Callable[..., Any]


def _wrap_handler(handler: grpc.RpcMethodHandler, wrap: Callable[[Behavior], Behavior]):
    """A copy of `handler` whose behaviour is `wrap(behaviour)` (unary responses only wrap
    the coroutine; streaming responses wrap the async generator)."""
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(
            wrap(handler.unary_unary),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(
            _wrap_stream(handler.unary_stream, wrap),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler  # client-streaming methods are not used by the platform


def _wrap_stream(behavior: Behavior, wrap: Callable[[Behavior], Behavior]) -> Behavior:
    # Collect the stream inside the wrapped coroutine so that errors map the same way.
    async def collect(request, context):
        return [item async for item in behavior(request, context)]

    wrapped = wrap(collect)

    async def stream(request, context):
        for item in await wrapped(request, context):
            yield item

    return stream


class _Wrapping(grpc.aio.ServerInterceptor):
    def applies(self, method: str) -> bool:
        return True

    def wrap(self, behavior: Behavior, method: str) -> Behavior:
        raise NotImplementedError

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        if handler is None or not self.applies(details.method):
            return handler
        return _wrap_handler(handler, lambda behavior: self.wrap(behavior, details.method))


class ObservabilityInterceptor(_Wrapping):
    """Records each call's duration and code; logs failures with the method, never the data."""

    def wrap(self, behavior: Behavior, method: str) -> Behavior:
        async def observed(request, context):
            started = time.perf_counter()
            try:
                return await behavior(request, context)
            finally:
                code = context.code() or grpc.StatusCode.OK
                code_name = code.name if isinstance(code, grpc.StatusCode) else str(code)
                elapsed = (time.perf_counter() - started) * 1000
                _duration.record(elapsed, {"rpc.method": method, "rpc.grpc.status_code": code_name})
                if code_name != "OK":
                    log.info(
                        "rpc failed",
                        extra={"rpc_method": method, "code": code_name, "ms": round(elapsed, 2)},
                    )

        return observed


class ErrorInterceptor(_Wrapping):
    """The one place domain errors become status codes; anything else becomes a bare INTERNAL
    with a reference to the trace, and the traceback goes to the log only."""

    def wrap(self, behavior: Behavior, method: str) -> Behavior:
        async def mapped(request, context):
            try:
                return await behavior(request, context)
            except DomainError as exc:
                await context.abort_with_status(domain_error_status(exc))
            except (grpc.aio.AbortError, asyncio.CancelledError):
                raise
            except Exception:
                span = trace.get_current_span().get_span_context()
                reference = format(span.trace_id, "032x") if span.is_valid else "none"
                log.exception("unhandled error", extra={"rpc_method": method})
                await context.abort_with_status(internal_status(reference))

        return mapped


class AuthInterceptor(_Wrapping):
    """Verifies the bearer token of every call but health and reflection, and makes its
    principal current for the servicer (`mcr_core.auth.current_principal()`)."""

    def __init__(self, verifier: TokenVerifier, public_prefixes: tuple[str, ...]) -> None:
        self.verifier = verifier
        self.public_prefixes = public_prefixes

    def applies(self, method: str) -> bool:
        return not method.startswith(self.public_prefixes)

    def wrap(self, behavior: Behavior, method: str) -> Behavior:
        async def authenticated(request, context):
            authorization = None
            for key, value in context.invocation_metadata() or ():
                if key == "authorization":
                    authorization = value
                    break
            try:
                principal = self.verifier.verify_bearer(authorization)
            except Unauthenticated as exc:
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, exc.message)
            with principal_scope(principal):
                return await behavior(request, context)

        return authenticated
