"""`/asyncapi.json`: the published contract of the platform's events (AsyncAPI 3.0).

Generated from the protos by `mcr_core.bus.asyncapi` (the same contract every service's outbox
checks its events against). Public, like `/openapi.json`: it describes, it discloses no data.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from mcr_core.bus.asyncapi import document


def mount_asyncapi(app: FastAPI) -> None:
    @app.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi_json() -> JSONResponse:
        return JSONResponse(document(), media_type="application/json")
