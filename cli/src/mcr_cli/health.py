"""`mcr status` (each process of the running platform) and `mcr global-view` (the regions'
roll-up on a global NATS)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import grpc
import httpx
import nats
from grpc_health.v1 import health_pb2, health_pb2_grpc
from mcr.rollup.v1 import aggregates_pb2
from mcr_core import rollup
from mcr_core.bus.streams import nats_servers
from nats import errors as nats_errors
from nats.js import errors as nats_js_errors

from mcr_cli.options import fail
from mcr_cli.output import out, table
from mcr_cli.platform import RunState


async def health(state: RunState) -> list[tuple[str, str, bool]]:
    """(process, check, healthy) for each check: gRPC health and admin readiness of every
    service, the gateway's /healthz."""
    rows = []
    async with httpx.AsyncClient(timeout=2) as client:
        for process in state.processes:
            name = process["name"]
            if process.get("grpc_port"):
                target = f"127.0.0.1:{process['grpc_port']}"
                rows.append((name, f"grpc {target}", await _serving(target)))
                url = f"http://127.0.0.1:{process['admin_port']}/readyz"
            else:
                url = f"http://127.0.0.1:{process['http_port']}/healthz"
            try:
                ok = (await client.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            rows.append((name, url, ok))
    return rows


async def _serving(target: str) -> bool:
    try:
        async with grpc.aio.insecure_channel(target) as channel:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=2
            )
    except grpc.aio.AioRpcError:
        return False
    return reply.status == health_pb2.HealthCheckResponse.SERVING


def show_global_view(nats_url: str, regions: list[str], credentials: Path | None = None) -> None:
    try:
        rows = asyncio.run(_global_view(nats_url, regions, credentials))
    except (OSError, TimeoutError, nats_errors.Error) as exc:
        fail(f"global view failed: {type(exc).__name__}: {exc}")
    shown = table("region", "customers by tier", "key figures",
                  title=f"global view ({len(regions)} regions)")  # fmt: skip
    for row in rows:
        shown.add_row(*row)
    out.print(shown)


async def _global_view(
    nats_url: str, regions: list[str], credentials: Path | None = None
) -> list[tuple[str, str, str]]:
    async def quiet(_: Exception) -> None:  # the failure is reported once, below
        pass

    # One retry per server, then NoServersError (nats-py loops forever without a bound).
    nc = await nats.connect(
        nats_servers(nats_url),
        connect_timeout=5,
        max_reconnect_attempts=1,
        reconnect_time_wait=0.2,
        error_cb=quiet,
        # The hub is secured as every NATS of the platform: its admin credentials.
        **({"user_credentials": str(credentials)} if credentials else {}),
    )
    try:
        js = nc.jetstream()
        await rollup.ensure_global_view(js, regions)
        rows = []
        for name in regions:
            try:
                counts = await rollup.latest(js, aggregates_pb2.TierCounts, name)
                kpis = await rollup.latest(js, aggregates_pb2.KpiFigures, name, "insight")
            except nats_js_errors.NotFoundError:
                rows.append((name, "nothing yet", ""))
                continue
            tiers = " ".join(f"{t}={n}" for t, n in sorted(counts.customers_by_tier.items()))
            figures = " ".join(f"{k}={v:g}" for k, v in sorted(kpis.figures.items()))
            rows.append((name, tiers, figures))
        return rows
    finally:
        await nc.close()
