"""Errors as RFC 9457 problem details (`application/problem+json`), naming the field.

gRPC status codes map to HTTP statuses here, in one table; the field violations a service
attached become `errors: [{field, detail}]` with REST field names.
"""

from __future__ import annotations

from typing import Any

import grpc
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from mcr_core.rpc import field_violations
from opentelemetry import trace
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
_RESOURCES = {
    "customer", "person", "department", "employee", "postcard", "account_team", "revenue",
    "customer_profile", "vendor_profile",
    # insight's resources
    "strategic_sandbox", "opportunity", "market_target", "value_return_curve",
    "insight_analysis", "service_strategy", "information_product",
}  # fmt: skip
# The planning service's request resources.
_RESOURCES |= {
    "customer_team", "market_goal", "power_map_person", "power_map_edge", "target",
    "sponsorship", "expansion_card", "brand_activity", "assessment", "competitor_analysis",
}  # fmt: skip
# The contact service's request resources.
_RESOURCES |= {"activity", "key_event", "person_cadence", "key_date"}

_HTTP_STATUS = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.FAILED_PRECONDITION: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}


def documented(status: int, title: str, detail: str, when: str) -> dict[str, Any]:
    example: dict[str, Any] = {
        "type": f"urn:mcr:problem:{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": "/v1/customers/3f2a0c1e-8d6b-4b7e-9a51-2c1d0e4f5a6b",
    }
    if status == 400:
        example["errors"] = [{"field": "display_name", "detail": "must not be empty"}]
    return {
        "description": when,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"},
                                   "example": example}},
    }  # fmt: skip


# The errors every operation may answer, as RFC 9457 problem details, for the OpenAPI
# document (openapi_with_problems adds them to every operation of every router).
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: documented(400, "Invalid argument", "display_name: must not be empty",
                     "A field is invalid; `errors` names each field"),
    401: documented(401, "Unauthenticated", "missing bearer token", "No or a bad bearer token"),
    403: documented(403, "Permission denied", "only the owner and their superiors may do this",
                     "The caller may see the record but not do this"),
    404: documented(404, "Not found", "customers/3f2a… not found",
                     "No such record, or not visible to the caller (visibility rules)"),
    409: documented(409, "Failed precondition", "the department has persons",
                     "The request conflicts with the record's state"),
    412: documented(412, "Failed precondition", "If-Match: the customer changed since you read it",
                     "If-Match names an old ETag: read the record again"),
    503: documented(503, "Unavailable", "the archive service is unavailable",
                     "A service behind the gateway cannot be reached; retry later"),
}  # fmt: skip

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "trace_id": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "detail": {"type": "string"}},
            },
        },
    },
}


class Problem(Exception):
    """An error the gateway itself answers (before any service is called)."""

    def __init__(
        self, status: int, title: str, detail: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or []


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:mcr:problem:{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = errors
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        body["trace_id"] = format(span.trace_id, "032x")
    if status == 401:
        headers = {"WWW-Authenticate": 'Bearer realm="mcr"'} | (headers or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


# gRPC field paths (after the resource prefix) whose REST spelling differs: REST money is a
# decimal `amount`, and the etag travels in If-Match.
_REST_SPELLING = {
    "annual_revenue.units": "annual_revenue.amount",
    "annual_revenue.nanos": "annual_revenue.amount",
    "amount.units": "amount",
    "amount.nanos": "amount",
    "etag": "If-Match",
}


def rest_field(grpc_field: str) -> str:
    """`customer.annual_revenue.units` -> `annual_revenue.amount` (REST spelling): REST bodies
    are the resource itself, so the gRPC request's resource prefix goes."""
    resource, _, rest = grpc_field.partition(".")
    field = rest if resource in _RESOURCES and rest else grpc_field
    return _REST_SPELLING.get(field, field)


async def grpc_error_handler(request: Request, exc: grpc.aio.AioRpcError) -> JSONResponse:
    code = exc.code()
    violations = field_violations(exc)
    status = _HTTP_STATUS.get(code, 500)
    if code == grpc.StatusCode.FAILED_PRECONDITION and any(
        v.field.endswith("etag") for v in violations
    ):
        status = 412  # a stale If-Match
    detail = exc.details() or code.name
    if status == 500:
        detail = "internal error"  # never pass a server's internals on
    errors = [{"field": rest_field(v.field), "detail": v.description} for v in violations]
    if errors:
        detail = "; ".join(f"{e['field']}: {e['detail']}" for e in errors)
    title = code.name.replace("_", " ").capitalize() if status != 500 else "Internal error"
    return problem_response(request, status, title, detail, errors)


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error["loc"] if part not in ("body", "query", "path")]
        errors.append({"field": ".".join(location) or "body", "detail": error["msg"]})
    detail = "; ".join(f"{e['field']}: {e['detail']}" for e in errors)
    return problem_response(request, 400, "Invalid argument", detail, errors)


async def problem_handler(request: Request, exc: Problem) -> JSONResponse:
    return problem_response(request, exc.status, exc.title, exc.detail, exc.errors)


async def http_error_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
    return problem_response(request, exc.status_code, title, str(exc.detail), headers=exc.headers)


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    import logging

    logging.getLogger(__name__).exception("unhandled gateway error")
    return problem_response(request, 500, "Internal error", "internal error")


def openapi_with_problems(app) -> dict[str, Any]:
    """The app's OpenAPI document, every operation with the problem responses it may give.

    FastAPI documents request validation as 422 with its own body; the gateway answers 400
    problem details instead (validation_error_handler), so the document says that.
    """
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = PROBLEM_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                for status, response in RESPONSES.items():
                    responses.setdefault(str(status), response)
        app.openapi_schema = document
    return app.openapi_schema
