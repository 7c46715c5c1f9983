"""Wiring of the gateway: `mcr-gateway` (or `python -m mcr_gateway`)."""

from __future__ import annotations

import uvicorn
from mcr_core.telemetry import setup_telemetry

from mcr_gateway.app import create_app
from mcr_gateway.config import GatewaySettings


def main() -> None:
    settings = GatewaySettings()
    setup_telemetry(settings.service_name, settings.log_level, environment=settings.environment)
    host, _, port = settings.http_address.rpartition(":")
    uvicorn.run(
        create_app(settings),
        host=host or "127.0.0.1",
        port=int(port),
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=int(settings.shutdown_grace_seconds),
    )


if __name__ == "__main__":
    main()
