"""What `mcr up` says once every process is healthy: where everything is, which packs answer,
what the demo loaded in each region, and which token sees what."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import grpc

from mcr_cli.credentials import DEMO_USERS, demo_user_hint, demo_user_token
from mcr_cli.demo import demo_tokens, load_demo, visible_customers
from mcr_cli.output import err, table
from mcr_cli.packs import BUILT_IN, active_packs
from mcr_cli.platform import RunState

HOSTS = ("archive", "insight", "planning", "contact", "satisfaction")
TOKEN_HOURS = 8


async def report_ready(
    state: RunState, seconds: float, data_dir: Path, demo: bool, allowed: list[str]
) -> None:
    lines = []
    if demo:
        try:
            loaded = await load_demo(state.grpc_targets(), demo_tokens(data_dir))
            lines = await demo_lines(state.grpc_targets(), data_dir, loaded)
        except grpc.aio.AioRpcError as exc:  # the platform runs on; the table says why
            lines = [f"demo data: not (all) loaded, a service refused it: {exc.details()}"]
    gateway = state.gateway_url()
    shown = table("what", "where", title=f"MCR platform ready in {seconds:.1f}s")
    shown.add_row("REST API + docs", f"{gateway}/docs")
    shown.add_row("console", f"{gateway}/console/")
    for process in state.processes:
        if process.get("grpc_port"):
            shown.add_row(
                process["name"],
                f"grpc 127.0.0.1:{process['grpc_port']}  admin "
                f"http://127.0.0.1:{process['admin_port']}/readyz",
            )
    shown.add_row("nats", state.nats_url)
    shown.add_row("data and logs", state.data_dir)
    shown.add_row("industry packs", packs_line(state, allowed))
    for line in lines:
        shown.add_row(*line.split(": ", 1))
    err.print(shown)
    err.print(f"token (cn-south account manager, {TOKEN_HOURS}h):")
    print(demo_user_token(data_dir, ttl=TOKEN_HOURS * 3600), flush=True)
    err.print("Ctrl-C stops everything.")


def packs_line(state: RunState, allowed: list[str]) -> str:
    """Which packs the running services answer with (their admin ports say), and which
    other packs are installed."""
    active = sorted({
        name
        for plugins in active_packs(state).values()
        for name, info in plugins.items()
        if (info.get("distribution") or BUILT_IN) != BUILT_IN
    })  # fmt: skip
    installed = sorted({ep.name for host in HOSTS for ep in entry_points(group=f"mcr.{host}")})
    idle = [name for name in installed if name not in active]
    said = f"active: {', '.join(active)}" if active else "active: none, the built-in defaults"
    if idle:
        said += f"; installed, not active: {', '.join(idle)} (`mcr up --pack NAME`)"
    if allowed and set(allowed) - set(active):
        said += f"; asked for but not loaded: {', '.join(sorted(set(allowed) - set(active)))}"
    return said


async def demo_lines(targets: dict[str, str], data_dir: Path, loaded: dict[str, int]) -> list[str]:
    """What the demo loaded in each region, and how many customers each region's demo token
    sees (a token sees its own region only)."""
    total = sum(loaded.values())
    per_region = ", ".join(f"{region} {count}" for region, count in loaded.items())
    seen = []
    for region in DEMO_USERS:
        count = await visible_customers(targets["archive"], demo_user_token(data_dir, region))
        how = "printed below" if region == "cn-south" else f"`{demo_user_hint(region)}`"
        seen.append(f"{region} token ({how}): {count} customers")
    return [
        f"demo data: {total} customers loaded: {per_region}",
        f"who sees what: {'; '.join(seen)}",
    ]
