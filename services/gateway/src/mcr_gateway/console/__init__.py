"""The web console: static ES modules served by the gateway, no build step, no CDN.

The console is a client of the public REST API like any integration: it signs in with a bearer
token (development: one from `mcr token`; later: an OIDC provider, see `config.json`) and calls
`/v1/...`. Pages of further services are further modules in `static/pages/` registered in
`static/routes.js`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
# Everything from this origin, nothing inline: no CDN can slip in, and a name that contains
# markup stays text even if a page got it wrong.
SECURITY_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
router = APIRouter(include_in_schema=False)


@router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/console/")


@router.get("/console")
@router.get("/console/")
async def index() -> FileResponse:
    # Routes live after the `#`, so this one document serves every page of the console.
    return FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)


@router.get("/console/config.json")
async def config() -> dict[str, object]:
    """How the console signs in. `token` is the development mode (paste a `mcr token`); an
    identity provider is added as `{"mode": "oidc", "issuer": ..., "client_id": ...}` and the
    console's `auth.js` runs the authorisation-code flow instead, with nothing else changing."""
    return {"auth": {"mode": "token"}}


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console")
