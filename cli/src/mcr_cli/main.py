"""The `mcr` command line."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import grpc
import httpx
import typer
from grpc_health.v1 import health_pb2, health_pb2_grpc
from mcr_core.auth import ensure_dev_keypair, mint_token
from mcr_core.config import default_data_dir
from rich.console import Console
from rich.table import Table

from mcr_cli.demo import load_demo
from mcr_cli.platform import RunState
from mcr_cli.supervisor import prepare, run_platform

app = typer.Typer(help="Run and operate the MCR platform.", no_args_is_help=True)
console = Console(stderr=True)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir", envvar="MCR_DATA_DIR", help="Where the platform keeps its data and keys"
    ),
]
DEFAULT_DATA_DIR = default_data_dir()
DEMO_USERS = {
    "cn-south": ("e-1001", "/cn-south/enterprise/team-1"),
    "eu-west": ("e-2001", "/eu-west/enterprise/team-1"),
}


def _token(data_dir: Path, employee: str, region: str, org_unit: str, roles, ttl: int) -> str:
    private_pem, _ = ensure_dev_keypair(data_dir)
    return mint_token(
        private_pem,
        employee_id=employee,
        region=region,
        org_unit=org_unit,
        roles=tuple(roles),
        ttl_seconds=ttl,
    )


def _demo_tokens(data_dir: Path) -> dict[str, str]:
    return {
        region: _token(data_dir, employee, region, unit, ["account-manager"], 3600)
        for region, (employee, unit) in DEMO_USERS.items()
    }


@app.command()
def token(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    employee: Annotated[str, typer.Option(help="Employee id (the token's subject)")] = "e-1001",
    region: Annotated[str, typer.Option(help="Sales region the employee works in")] = "cn-south",
    org_unit: Annotated[str, typer.Option(help="Position in the organisation tree")] = (
        "/cn-south/enterprise/team-1"
    ),
    role: Annotated[list[str] | None, typer.Option(help="A role (repeatable)")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds", min=60)] = 8 * 3600,
) -> None:
    """Print a development token signed with the local key (for `Authorization: Bearer`)."""
    print(_token(data_dir, employee, region, org_unit, role or ["account-manager"], ttl))


@app.command()
def up(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    demo: Annotated[bool, typer.Option(help="Load the demo customers once ready")] = False,
) -> None:
    """Start NATS, every service and the gateway on this machine (SQLite); Ctrl-C stops all."""

    async def on_ready(state: RunState, seconds: float) -> None:
        if demo:
            archive = state.spec("archive")
            count = await load_demo(f"127.0.0.1:{archive.grpc_port}", _demo_tokens(data_dir))
            console.print(f"loaded {count} demo customers")
        gateway = state.spec("gateway")
        table = Table(title=f"MCR platform ready in {seconds:.1f}s", show_header=True)
        table.add_column("process")
        table.add_column("address")
        table.add_row("REST API + docs", f"http://127.0.0.1:{gateway.http_port}/docs")
        table.add_row("console", f"http://127.0.0.1:{gateway.http_port}/console/")
        for process in state.processes:
            if process.get("grpc_port"):
                table.add_row(
                    process["name"],
                    f"grpc 127.0.0.1:{process['grpc_port']}  admin "
                    f"http://127.0.0.1:{process['admin_port']}/readyz",
                )
        table.add_row("nats", state.nats_url)
        table.add_row("data and logs", state.data_dir)
        console.print(table)
        console.print("token (cn-south account manager, 8h):")
        print(_token(data_dir, "e-1001", "cn-south", DEMO_USERS["cn-south"][1],
                     ["account-manager"], 8 * 3600), flush=True)  # fmt: skip
        console.print("Ctrl-C stops everything.")

    prepare(data_dir)
    code = asyncio.run(run_platform(data_dir, on_ready, console.print))
    raise typer.Exit(code)


@app.command()
def demo(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Load the demo customers into the platform `mcr up` runs (safe to repeat)."""
    state = RunState.load(data_dir)
    archive = state.spec("archive")
    count = asyncio.run(load_demo(f"127.0.0.1:{archive.grpc_port}", _demo_tokens(data_dir)))
    console.print(f"loaded {count} demo customers")


async def _health(state: RunState) -> list[tuple[str, str, bool]]:
    rows = []
    async with httpx.AsyncClient(timeout=2) as client:
        for process in state.processes:
            name = process["name"]
            if process.get("grpc_port"):
                target = f"127.0.0.1:{process['grpc_port']}"
                try:
                    async with grpc.aio.insecure_channel(target) as channel:
                        reply = await health_pb2_grpc.HealthStub(channel).Check(
                            health_pb2.HealthCheckRequest(), timeout=2
                        )
                    serving = reply.status == health_pb2.HealthCheckResponse.SERVING
                except grpc.aio.AioRpcError:
                    serving = False
                rows.append((name, f"grpc {target}", serving))
                url = f"http://127.0.0.1:{process['admin_port']}/readyz"
            else:
                url = f"http://127.0.0.1:{process['http_port']}/healthz"
            try:
                ok = (await client.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            rows.append((name, url, ok))
    return rows


@app.command()
def status(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Show the health of each process of the running platform; exit 1 if any is unhealthy."""
    try:
        state = RunState.load(data_dir)
    except FileNotFoundError as exc:
        console.print(str(exc))
        raise typer.Exit(1) from exc
    rows = asyncio.run(_health(state))
    table = Table(title=f"MCR platform ({data_dir})")
    for column in ("process", "check", "state"):
        table.add_column(column)
    for name, check, ok in rows:
        table.add_row(name, check, "[green]healthy[/green]" if ok else "[red]unhealthy[/red]")
    Console().print(table)
    raise typer.Exit(0 if all(ok for *_, ok in rows) else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
