"""The server interceptor: tracing, authentication, authorization, error mapping, metrics.

One interceptor does them all in a single wrapper around the method's behaviour (rather than
stacked interceptors), because every layer costs a coroutine and a closure on each call; each
concern is its own small function below. The wrapped handler is built once per method and
cached, with the permission the method declares on the contract read once from the descriptor
pool. The wrapper runs in the call's own task, so the principal it sets is in force while the
servicer runs.

Requests that are not valid protobuf never reach a servicer: the request deserializer is
wrapped so that bytes it cannot parse become `MALFORMED`, which the wrapper answers with
INVALID_ARGUMENT (grpc itself would answer UNKNOWN naming the parser's exception class).
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

from mcr_core.auth import Principal, Verifier, principal_scope
from mcr_core.auth.permissions import RoleTable, method_permission
from mcr_core.errors import (
    DomainError,
    InvalidArgument,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)
from mcr_core.rpc.status import domain_error_status, internal_status

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)
_duration = metrics.get_meter(__name__).create_histogram(
    "mcr_rpc_server_duration", unit="ms", description="gRPC server call duration"
)

Behavior = Callable[..., Any]
PrincipalHook = Callable[[Principal], Awaitable[None]]


class _Malformed:
    """What the wrapped deserializer hands on for bytes that are not the method's message."""

    def __repr__(self) -> str:
        return "MALFORMED"


MALFORMED = _Malformed()


def _tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserializer is None:
        return None

    def deserialize(data: bytes) -> Any:
        try:
            return deserializer(data)
        except Exception:  # DecodeError and the parser's own errors: the caller's bytes
            return MALFORMED

    return deserialize


def _malformed(deserializer: Callable[[bytes], Any] | None) -> InvalidArgument:
    message = getattr(getattr(deserializer, "__self__", None), "DESCRIPTOR", None)
    name = message.full_name if message is not None else "the method's request"
    return InvalidArgument.field("request", f"not a valid {name} message (protobuf)")


async def _checked_stream(requests, refusal: InvalidArgument):
    async for request in requests:
        if request is MALFORMED:
            raise refusal
        yield request


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
    """`on_principal` runs once per principal a process sees (the archive records employees
    from the tokens they call with), before the first call it makes is served."""

    SEEN_SIZE = 10_000

    def __init__(
        self,
        verifier: Verifier,
        public_prefixes: tuple[str, ...],
        roles: RoleTable | None = None,
        on_principal: PrincipalHook | None = None,
    ) -> None:
        self.verifier = verifier
        self.public_prefixes = public_prefixes
        self.roles = roles or RoleTable.default()
        self.on_principal = on_principal
        self._seen: set[Principal] = set()
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
        deserializer = handler.request_deserializer
        refusal = _malformed(deserializer)
        options = {
            "request_deserializer": _tolerant(deserializer),
            "response_serializer": handler.response_serializer,
        }
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap(handler.unary_unary, method, public, refusal), **options
            )
        if handler.unary_stream:
            stream = handler.unary_stream

            async def collected(request, context):
                return [item async for item in stream(request, context)]

            wrapped = self._wrap(collected, method, public, refusal)

            async def streaming(request, context):
                for item in await wrapped(request, context):
                    yield item

            return grpc.unary_stream_rpc_method_handler(streaming, **options)
        if handler.stream_unary:  # bulk uploads: the request is an iterator of messages
            upload = handler.stream_unary

            async def checked(requests, context):
                return await upload(_checked_stream(requests, refusal), context)

            return grpc.stream_unary_rpc_method_handler(
                self._wrap(checked, method, public, refusal), **options
            )
        return handler  # bidirectional streams are not used

    def _wrap(
        self, behavior: Behavior, method: str, public: bool, refusal: InvalidArgument
    ) -> Behavior:
        # Semantic conventions: the span is `package.Service/Method`, service and method apart.
        span_name = method.lstrip("/")
        service, _, name = span_name.rpartition("/")
        attributes = {"rpc.system": "grpc", "rpc.service": service, "rpc.method": name}
        authorize = None if public else self._authorizer(method)

        async def call(request, context: grpc.aio.ServicerContext):
            started = time.perf_counter()
            metadata = context.invocation_metadata() or ()
            parent = propagate.extract(metadata, getter=_GETTER)
            with tracer.start_as_current_span(
                span_name, context=parent, kind=SpanKind.SERVER, attributes=attributes
            ) as span:
                try:
                    if authorize is None:
                        if request is MALFORMED:
                            raise refusal
                        return await behavior(request, context)
                    principal = await self.verifier.authenticate_bearer(_authorization(metadata))
                    authorize(principal)
                    if request is MALFORMED:
                        raise refusal
                    if self.on_principal is not None and principal not in self._seen:
                        await self._first_call(principal)
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

    def _authorizer(self, method: str) -> Callable[[Principal], None]:
        """The method's permission check: its declared permission, read once here, granted by
        the caller's roles (one dictionary lookup per call once a role set has been seen). A
        method that declares none is refused to everyone (default deny)."""
        permission = method_permission(method)
        table = self.roles
        decided: dict[frozenset[str], bool] = {}

        def authorize(principal: Principal) -> None:
            allowed = decided.get(principal.roles)
            if allowed is None:
                allowed = permission is not None and table.grants(principal.roles, permission)
                if len(decided) < 1_000:
                    decided[principal.roles] = allowed
            if not allowed:
                if permission is None:
                    raise PermissionDenied(f"{method} declares no permission: refused to all")
                raise PermissionDenied(f"permission {permission} is needed")

        return authorize

    async def _first_call(self, principal: Principal) -> None:
        await self.on_principal(principal)
        if len(self._seen) >= self.SEEN_SIZE:
            self._seen.clear()
        self._seen.add(principal)

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
