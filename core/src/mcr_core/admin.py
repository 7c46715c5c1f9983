"""The admin HTTP port of a service: liveness, readiness, Prometheus metrics, loaded plugins."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Awaitable, Callable

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ReadinessCheck = Callable[[], Awaitable[dict[str, bool]]]
PluginList = Callable[[], list[dict]]


def admin_app(readiness: ReadinessCheck, plugins: PluginList) -> Starlette:
    async def livez(_: Request) -> Response:
        return JSONResponse({"status": "alive"})

    async def readyz(_: Request) -> Response:
        checks = await readiness()
        ready = all(checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    async def plugin_list(_: Request) -> Response:
        return JSONResponse({"plugins": plugins()})

    return Starlette(
        routes=[
            Route("/livez", livez),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route("/plugins", plugin_list),
        ]
    )


class _EmbeddedServer(uvicorn.Server):
    # The service owns SIGTERM/SIGINT (graceful stop); uvicorn must not take them over.
    @contextlib.contextmanager
    def capture_signals(self):
        yield


def bind(address: str) -> socket.socket:
    """A listening TCP socket for `host:port` (port 0 picks a free one)."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]") or "0.0.0.0"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port)))
    sock.listen(128)
    sock.setblocking(False)
    return sock


class HttpServer:
    """An ASGI app served by uvicorn inside the running event loop (admin port, tests)."""

    def __init__(self, address: str, app, *, lifespan: str = "off") -> None:
        self.socket = bind(address)
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan=lifespan)
        self._server = _EmbeddedServer(config)
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve(sockets=[self.socket]))
        # uvicorn reports readiness only through this flag.
        while not self._server.started and not self._task.done():  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task
