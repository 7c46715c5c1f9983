"""The web console: static ES modules served by the gateway, no build step, no CDN.

The console is a client of the public REST API like any integration: it signs in with a bearer
token (development: one from `mcr token`; production: the region's OIDC provider, see
`config.json`) and calls `/v1/...`. Pages of further services are further modules in
`static/pages/` registered in `static/routes.js`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from mcr_core.config import OIDC_CLAIMS

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


def _headers(settings) -> dict[str, str]:
    """The security headers; with an identity provider, the page may also fetch its discovery
    document and token endpoint (and nothing else of another origin)."""
    if not (settings.oidc_issuer and settings.oidc_client_id):
        return SECURITY_HEADERS
    issuer = urlsplit(settings.oidc_issuer)
    origin = f"{issuer.scheme}://{issuer.netloc}"
    policy = SECURITY_HEADERS["Content-Security-Policy"] + f"; connect-src 'self' {origin}"
    return SECURITY_HEADERS | {"Content-Security-Policy": policy}


@router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/console/")


@router.get("/console")
@router.get("/console/")
async def index(request: Request) -> FileResponse:
    # Routes live after the `#`, so this one document serves every page of the console.
    return FileResponse(STATIC / "index.html", headers=_headers(request.app.state.settings))


@router.get("/console/config.json")
async def config(request: Request) -> dict[str, object]:
    """How the console signs in. `token` is the development mode (paste a `mcr token`); with
    an identity provider and the console's client there (`MCR_OIDC_ISSUER`,
    `MCR_OIDC_CLIENT_ID`) it is `{"mode": "oidc", "issuer": ..., "client_id": ..., "scope":
    ...}` and the console's `auth.js` runs the authorisation-code flow with PKCE instead."""
    settings = request.app.state.settings
    if settings.oidc_issuer and settings.oidc_client_id:
        return {
            "auth": {
                "mode": "oidc",
                "issuer": settings.oidc_issuer,
                "client_id": settings.oidc_client_id,
                "scope": settings.oidc_scope,
                # Where the console finds who is signed in, for display (the services map
                # the same claims to verify).
                "claims": {
                    field: path
                    for field, path in (OIDC_CLAIMS | settings.oidc_claims).items()
                    if field != "roles"
                },
            }
        }
    return {"auth": {"mode": "token"}}


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console")
