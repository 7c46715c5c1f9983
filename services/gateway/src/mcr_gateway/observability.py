"""What the gateway tells its operators: Prometheus metrics on `/metrics` and a JSON access log.

The request metrics (rate, errors, duration: `http_server_request_duration_seconds` by route
template, method and status) come from OpenTelemetry's FastAPI instrumentation, exported by the
kernel's Prometheus reader (`mcr_core.telemetry`); `/metrics` serves them. The access log
writes one line per request with the method, the route *template* (`/v1/customers/{id}`, never
the path with its ids), the status, the duration and the response size, plus the trace id the
kernel's log format adds. It never writes a query string (a search is a person's name), a
body, a header (the bearer token) or the client's address. `/metrics` is for the cluster's
Prometheus: the Ingress does not route it (deploy/components/edge).
"""

from __future__ import annotations

import logging
import time

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("mcr_gateway.access")
# Probes and scrapes: frequent, and of no interest in an access log.
QUIET_PATHS = frozenset({"/healthz", "/metrics"})


def route_template(scope: Scope) -> str:
    """The template of the route that answered (`/v1/customers/{customer}`), or `unmatched`."""
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return template or "unmatched"


class AccessLog:
    """Pure ASGI middleware (it does not buffer streamed responses): one log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in QUIET_PATHS:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        response = {"status": 500, "bytes": 0}

        async def observe(message: Message) -> None:
            if message["type"] == "http.response.start":
                response["status"] = message["status"]
            elif message["type"] == "http.response.body":
                response["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            log.info(
                "http request",
                extra={
                    "http_method": scope["method"],
                    "http_route": route_template(scope),
                    "status": response["status"],
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "response_bytes": response["bytes"],
                },
            )


async def metrics(_: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def observe(app: FastAPI) -> None:
    """Add `/metrics` and the access log to the gateway's application."""
    app.add_middleware(AccessLog)
    app.add_route("/metrics", metrics, include_in_schema=False)
