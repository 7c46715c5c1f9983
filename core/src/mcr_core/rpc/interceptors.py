"""The server interceptor: tracing, authentication, error mapping and call metrics.

One interceptor does the four in a single wrapper around the method's behaviour (rather than
four stacked interceptors), because every layer costs a coroutine and a closure on each call;
each concern is its own small function below. The wrapped handler is built once per method and
cached. The wrapper runs in the call's own task, so the principal it sets is in force while the
servicer runs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
from opentelemetry import metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from sqlalchemy.exc import DBAPIError

from mcr_core.auth import TokenVerifier, principal_scope
from mcr_core.errors import DomainError, Unauthenticated, Unavailable
from mcr_core.rpc.status import domain_error_status, internal_status

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)
_duration = metrics.get_meter(__name__).create_histogram(
    "mcr_rpc_server_duration", unit="ms", description="gRPC server call duration"
)

Behavior = Callable[..., Any]


class _MetadataGetter:
    """Reads W3C trace context (`traceparent`) from gRPC metadata pairs."""

    def get(self, carrier: tuple, key: str) -> list[str] | None:
        values = [value for name, value in carrier if name == key]
        return values or None

    def keys(self, carrier: tuple) -> list[str]:
        return [name for name, _ in carrier]


_GETTER = _MetadataGetter()


def _authorization(metadata: tuple) -> str | None:
    for key, value in metadata:
        if key == "authorization":
            return value
    return None


async def _map_error(context: grpc.aio.ServicerContext, exc: Exception, method: str) -> None:
    """The one place an exception becomes a status: domain errors keep their code and field
    violations, a lost database connection is UNAVAILABLE (retryable), anything else is a
    bare INTERNAL that points at the trace; the traceback goes to the log only."""
    if isinstance(exc, DomainError):
        await context.abort_with_status(domain_error_status(exc))
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        await context.abort_with_status(domain_error_status(Unavailable("database unavailable")))
    span = trace.get_current_span().get_span_context()
    reference = format(span.trace_id, "032x") if span.is_valid else "none"
    log.exception("unhandled error", extra={"rpc_method": method})
    await context.abort_with_status(internal_status(reference))


def _code_name(context: grpc.aio.ServicerContext) -> str:
    code = context.code() or grpc.StatusCode.OK
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


def _code_number(context: grpc.aio.ServicerContext) -> int:
    code = context.code() or grpc.StatusCode.OK
    return code.value[0] if isinstance(code, grpc.StatusCode) else int(code)


class ServerInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, verifier: TokenVerifier, public_prefixes: tuple[str, ...]) -> None:
        self.verifier = verifier
        self.public_prefixes = public_prefixes
        self._wrapped: dict[str, grpc.RpcMethodHandler] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        method = details.method
        wrapped = self._wrapped.get(method)
        if wrapped is None:
            handler = await continuation(details)
            if handler is None:
                return None
            wrapped = self._wrapped[method] = self._wrap_handler(handler, method)
        return wrapped

    def _wrap_handler(self, handler: grpc.RpcMethodHandler, method: str) -> grpc.RpcMethodHandler:
        public = method.startswith(self.public_prefixes)
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap(handler.unary_unary, method, public),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            stream = handler.unary_stream

            async def collected(request, context):
                return [item async for item in stream(request, context)]

            wrapped = self._wrap(collected, method, public)

            async def streaming(request, context):
                for item in await wrapped(request, context):
                    yield item

            return grpc.unary_stream_rpc_method_handler(
                streaming,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_unary:  # bulk uploads: the request is an iterator of messages
            return grpc.stream_unary_rpc_method_handler(
                self._wrap(handler.stream_unary, method, public),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler  # bidirectional streams are not used

    def _wrap(self, behavior: Behavior, method: str, public: bool) -> Behavior:
        # Semantic conventions: the span is `package.Service/Method`, service and method apart.
        span_name = method.lstrip("/")
        service, _, name = span_name.rpartition("/")
        attributes = {"rpc.system": "grpc", "rpc.service": service, "rpc.method": name}

        async def call(request, context: grpc.aio.ServicerContext):
            started = time.perf_counter()
            metadata = context.invocation_metadata() or ()
            parent = propagate.extract(metadata, getter=_GETTER)
            with tracer.start_as_current_span(
                span_name, context=parent, kind=SpanKind.SERVER, attributes=attributes
            ) as span:
                try:
                    if public:
                        return await behavior(request, context)
                    principal = self.verifier.verify_bearer(_authorization(metadata))
                    with principal_scope(principal):
                        return await behavior(request, context)
                except Unauthenticated as exc:
                    await context.abort(grpc.StatusCode.UNAUTHENTICATED, exc.message)
                except (grpc.aio.AbortError, asyncio.CancelledError):
                    raise
                except Exception as exc:
                    await _map_error(context, exc, method)
                finally:
                    self._record(context, span, method, started)

        return call

    @staticmethod
    def _record(context, span: trace.Span, method: str, started: float) -> None:
        code = _code_name(context)
        elapsed = (time.perf_counter() - started) * 1000
        span.set_attribute("rpc.grpc.status_code", _code_number(context))
        _duration.record(elapsed, {"rpc.method": method, "rpc.grpc.status_code": code})
        if code != "OK":
            span.set_status(Status(StatusCode.ERROR, code))
            log.info(
                "rpc failed", extra={"rpc_method": method, "code": code, "ms": round(elapsed, 2)}
            )
