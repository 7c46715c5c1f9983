"""The gateway's FastAPI application: routers, error handlers, upstream channels, tracing."""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import grpc
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from mcr.archive.v1 import archive_service_pb2_grpc, profile_service_pb2_grpc
from mcr.contact.v1 import contact_service_pb2_grpc
from mcr.insight.v1 import insight_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2_grpc
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc
from mcr_core.auth import Verifier, verifier_for
from mcr_core.rpc.channels import service_channel
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from starlette.exceptions import HTTPException as StarletteHTTPException

from mcr_gateway import (
    archive_more,
    console,
    contact,
    customers,
    insight,
    people,
    people_network,
    planning,
    problems,
    profiles,
    satisfaction,
)
from mcr_gateway.asyncapi import mount_asyncapi
from mcr_gateway.config import GatewaySettings
from mcr_gateway.observability import observe

# Swagger UI's files, shipped in the swagger-ui-py package (no CDN).
SWAGGER_UI = Path(importlib.util.find_spec("swagger_ui").submodule_search_locations[0]) / "static"

DESCRIPTION = """
The REST API of the MCR platform (Manage Client Relationship).

Every call needs `Authorization: Bearer <token>` (in development, `mcr token` prints one).
Errors are RFC 9457 problem details (`application/problem+json`) whose `errors` name the field.
Updates take the resource's ETag in `If-Match`; creates take an `Idempotency-Key`.
"""


# The stubs the routers find on `app.state`: attribute → (service whose target it calls, stub).
UPSTREAMS = {
    "archive": ("archive", archive_service_pb2_grpc.ArchiveServiceStub),
    "profiles": ("archive", profile_service_pb2_grpc.ProfileServiceStub),
    "insight": ("insight", insight_service_pb2_grpc.InsightServiceStub),
    "planning": ("planning", planning_service_pb2_grpc.PlanningServiceStub),
    "contact": ("contact", contact_service_pb2_grpc.ContactServiceStub),
    "satisfaction": ("satisfaction", satisfaction_service_pb2_grpc.SatisfactionServiceStub),
}


def create_app(settings: GatewaySettings, verifier: Verifier | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        channels = {
            service: service_channel(getattr(settings, f"{service}_target"), settings)
            for service in {service for service, _ in UPSTREAMS.values()}
        }
        for attribute, (service, stub) in UPSTREAMS.items():
            setattr(app.state, attribute, stub(channels[service]))
        await app.state.verifier.start()
        try:
            yield
        finally:
            for channel in channels.values():
                await channel.close()

    app = FastAPI(
        title="MCR platform API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from local files: the docs work offline
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.verifier = verifier or verifier_for(settings)
    # First: archive_more's `{record:path}:history` would take the profiles' own history.
    app.include_router(profiles.router)
    # Next: its `...:history` paths would otherwise be taken for ids by the routes below.
    app.include_router(archive_more.router)
    app.include_router(people_network.router)
    app.include_router(customers.router)
    app.include_router(people.router)
    app.include_router(insight.router)
    app.include_router(planning.router)
    app.include_router(contact.router)
    app.include_router(satisfaction.router)
    app.add_exception_handler(grpc.aio.AioRpcError, problems.grpc_error_handler)
    app.add_exception_handler(RequestValidationError, problems.validation_error_handler)
    app.add_exception_handler(problems.Problem, problems.problem_handler)
    app.add_exception_handler(StarletteHTTPException, problems.http_error_handler)
    app.add_exception_handler(Exception, problems.unexpected_error_handler)

    app.mount("/static/swagger-ui", StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    console.mount(app)
    mount_asyncapi(app)
    app.openapi = lambda: problems.openapi_with_problems(app)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="MCR platform API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
        )

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    observe(app)  # /metrics and the access log
    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,metrics")
    return app
