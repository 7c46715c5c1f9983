"""The `mcr` command line."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Annotated

import grpc
import httpx
import nats
import typer
import yaml
from grpc_health.v1 import health_pb2, health_pb2_grpc
from mcr.rollup.v1 import aggregates_pb2
from mcr_core import rollup
from mcr_core.auth import (
    ACCOUNT_MANAGER,
    DEFAULT_ROLES,
    EMPLOYEE,
    ensure_dev_keypair,
    mint_token,
    role_table_for,
)
from mcr_core.bus.streams import nats_servers
from mcr_core.config import ServiceSettings, default_data_dir
from mcr_core.tables import TableError, format_of
from nats import errors as nats_errors
from nats.js import errors as nats_js_errors
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from mcr_cli import deploy as deployment
from mcr_cli import tiers
from mcr_cli.bulk import KINDS, count_rows, export_file, import_file, write_errors
from mcr_cli.demo import load_demo
from mcr_cli.demo_planning import MANAGER_TOKEN
from mcr_cli.pack_commands import plugin, plugins
from mcr_cli.platform import RunState
from mcr_cli.supervisor import prepare, run_platform

app = typer.Typer(help="Run and operate the MCR platform.", no_args_is_help=True)
app.add_typer(tiers.app, name="tiers")
console = Console(stderr=True)
app.add_typer(plugins, name="plugins")
app.add_typer(plugin, name="plugin")

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
    tokens = {
        region: _token(data_dir, employee, region, unit, ["account_manager"], 3600)
        for region, (employee, unit) in DEMO_USERS.items()
    }
    # Setting up the customer team and starting the annual cycle are a manager's (planning).
    tokens[MANAGER_TOKEN] = _token(
        data_dir, "e-1000", "cn-south", "/cn-south/enterprise", ["account_manager", "manager"], 3600
    )
    return tokens


# The roles of the kernel's table, for `mcr token --help` (a region may add more: MCR_ROLES).
ROLE_HELP = "A role (repeatable), one of: " + "; ".join(
    f"{role.name} ({role.summary})" for role in DEFAULT_ROLES if role.name != EMPLOYEE
)


def _known_roles(roles: list[str]) -> list[str]:
    """The roles, or a usage error naming the unknown one and the roles there are."""
    settings = ServiceSettings()
    table = role_table_for(settings.roles, settings.roles_file)
    for role in roles:
        if role not in table.names or role == EMPLOYEE:
            known = ", ".join(name for name in table.names if name != EMPLOYEE)
            raise typer.BadParameter(f"unknown role {role!r}; roles: {known}", param_hint="--role")
    return roles


@app.command()
def token(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    employee: Annotated[str, typer.Option(help="Employee id (the token's subject)")] = "e-1001",
    region: Annotated[str, typer.Option(help="Sales region the employee works in")] = "cn-south",
    org_unit: Annotated[str, typer.Option(help="Position in the organisation tree")] = (
        "/cn-south/enterprise/team-1"
    ),
    role: Annotated[list[str] | None, typer.Option(help=ROLE_HELP)] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds", min=60)] = 8 * 3600,
) -> None:
    """Print a development token signed with the local key (for `Authorization: Bearer`).
    Every signed-in employee may read (what they see follows the visibility rules); each role
    adds what it may change."""
    roles = _known_roles(role or [ACCOUNT_MANAGER])
    print(_token(data_dir, employee, region, org_unit, roles, ttl))


@app.command()
def up(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    demo: Annotated[bool, typer.Option(help="Load the demo customers once ready")] = False,
    pack: Annotated[
        list[str] | None,
        typer.Option(help="Activate an installed industry pack (repeatable; see `mcr plugins`)"),
    ] = None,
) -> None:
    """Start NATS, every service and the gateway on this machine (SQLite); Ctrl-C stops all."""
    # One installation is one region, and a region chooses its packs: only the built-in
    # defaults and the packs named here answer (an explicit MCR_PLUGINS_ALLOW wins).
    os.environ.setdefault("MCR_PLUGINS_ALLOW", json.dumps(pack or []))

    async def on_ready(state: RunState, seconds: float) -> None:
        if demo:
            count = await load_demo(state.grpc_targets(), _demo_tokens(data_dir))
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
                     ["account_manager"], 8 * 3600), flush=True)  # fmt: skip
        console.print("Ctrl-C stops everything.")

    prepare(data_dir)
    code = asyncio.run(run_platform(data_dir, on_ready, console.print))
    raise typer.Exit(code)


@app.command()
def demo(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Load the demo customers into the platform `mcr up` runs (safe to repeat)."""
    targets = RunState.load(data_dir).grpc_targets()
    count = asyncio.run(load_demo(targets, _demo_tokens(data_dir)))
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


def _archive_target(data_dir: Path, archive: str | None) -> str:
    if archive:
        return archive
    try:
        return f"127.0.0.1:{RunState.load(data_dir).spec('archive').grpc_port}"
    except FileNotFoundError as exc:
        console.print("the platform is not running here: start `mcr up` or pass --archive")
        raise typer.Exit(1) from exc


Kind = Annotated[str, typer.Argument(help="customers, persons or departments (org charts)")]
Archive = Annotated[
    str | None, typer.Option(help="The archive's gRPC address (default: the running platform)")
]
TokenOption = Annotated[
    str | None,
    typer.Option(envvar="MCR_TOKEN", help="Bearer token (default: a development token)"),
]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        console.print(f"unknown kind {kind!r}: use customers, persons or departments")
        raise typer.Exit(2)


def _caller_token(data_dir: Path, token: str | None) -> str:
    if token:
        return token
    employee, unit = DEMO_USERS["cn-south"]
    return _token(data_dir, employee, "cn-south", unit, ["account_manager"], 3600)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console,
    )  # fmt: skip


@app.command("import")
def import_(
    kind: Kind,
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file with a header row")],
    dry_run: Annotated[bool, typer.Option(help="Check every row, write nothing")] = False,
    errors: Annotated[
        Path | None, typer.Option(help="Write the row-level error report to this .csv/.xlsx")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, max=5000)] = 1000,
    archive: Archive = None,
    token: TokenOption = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Import customers, persons or org charts; rows with the same key update, never repeat.
    Exit 0 when every row was taken, 3 when some were refused."""
    _check_kind(kind)
    try:
        total = count_rows(file)
    except (TableError, OSError) as exc:
        console.print(f"cannot read {file}: {exc}")
        raise typer.Exit(2) from exc
    target, bearer = _archive_target(data_dir, archive), _caller_token(data_dir, token)
    with _progress() as progress:
        task = progress.add_task(f"{'checking' if dry_run else 'importing'} {kind}", total=total)
        try:
            report = asyncio.run(
                import_file(target, bearer, kind, file, dry_run, batch_size,
                            lambda n: progress.advance(task, n))
            )  # fmt: skip
        except grpc.aio.AioRpcError as exc:
            console.print(f"the archive refused the import: {exc.details()}")
            raise typer.Exit(1) from exc
    verb = "would be" if report.dry_run else "were"
    console.print(
        f"{report.created} {verb} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.rejected} refused"
    )
    if report.errors:
        table = Table("row", "column", "reason", title="refused rows")
        for error in report.errors[:50]:
            table.add_row(str(error.row), error.column, error.reason)
        console.print(table)
        if len(report.errors) > 50:
            console.print(f"... and {len(report.errors) - 50} more (use --errors FILE)")
        if errors:
            write_errors(errors, report)
            console.print(f"error report written to {errors}")
    raise typer.Exit(3 if report.rejected else 0)


@app.command("export")
def export(
    kind: Kind,
    file: Annotated[Path, typer.Argument(help="The .csv or .xlsx file to write")],
    customer: Annotated[str, typer.Option(help="Only this customer, customers/{id}")] = "",
    archive: Archive = None,
    token: TokenOption = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export the customers, persons or org charts you may see, in the columns import takes."""
    _check_kind(kind)
    try:
        format_of(file)
    except TableError as exc:
        console.print(str(exc))
        raise typer.Exit(2) from exc
    target, bearer = _archive_target(data_dir, archive), _caller_token(data_dir, token)
    with _progress() as progress:
        task = progress.add_task(f"exporting {kind}", total=None)
        try:
            count = asyncio.run(
                export_file(target, bearer, kind, file, customer,
                            lambda n: progress.advance(task, n))
            )  # fmt: skip
        except grpc.aio.AioRpcError as exc:
            console.print(f"the archive refused the export: {exc.details()}")
            raise typer.Exit(1) from exc
    console.print(f"{count} {kind} written to {file}")


@app.command()
def deploy(
    region: Annotated[str, typer.Argument(help="A region: an overlay in deploy/overlays")],
    context: Annotated[
        str | None, typer.Option(help="The kube context to apply to (from your kubeconfig)")
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Show what would be applied; with --context the API server validates it too",
        ),
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the rollout")] = 600,
) -> None:
    """Render a region's Kubernetes manifests; apply them to a cluster with --context."""
    try:
        objects = deployment.render(region)
        if context is None:
            if not dry_run:
                console.print("no --context: nothing applied (add --dry-run to see the plan)")
                raise typer.Exit(2)
            table = Table(title=f"would apply to region {region}: {len(objects)} objects")
            table.add_column("kind")
            table.add_column("namespace")
            table.add_column("name")
            for obj in objects:
                meta = obj["metadata"]
                table.add_row(obj["kind"], meta.get("namespace", ""), meta["name"])
            console.print(table)
            print(yaml.safe_dump_all(objects, sort_keys=False), end="")
            return
        cluster = deployment.Cluster(context)
        states = deployment.apply(
            objects, cluster, dry_run=dry_run, timeout=timeout, report=console.print
        )
    except deployment.DeployError as exc:
        console.print(f"[red]deploy failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    table = Table(title=f"region {region} on {context}")
    for column in ("workload", "ready", "updated"):
        table.add_column(column)
    for state in states:
        table.add_row(
            f"{state.kind} {state.name}",
            f"{state.ready}/{state.wanted}",
            f"{state.updated}/{state.wanted}",
        )
    Console().print(table)


@app.command("global-view")
def global_view(
    region: Annotated[
        list[str], typer.Option(help="A region feeding the view (its JetStream domain)")
    ],
    nats_url: Annotated[
        str, typer.Option("--nats", envvar="MCR_NATS_URL", help="The global hub's NATS")
    ] = "nats://127.0.0.1:4222",
) -> None:
    """Create or update the global view (stream MCR_GLOBAL sourcing every region's roll-up)
    and print each region's newest tier counts and key figures."""
    try:
        rows = asyncio.run(_global_view(nats_url, region))
    except (OSError, TimeoutError, nats_errors.Error) as exc:
        console.print(f"[red]global view failed:[/red] {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from exc
    table = Table(title=f"global view ({len(region)} regions)")
    for column in ("region", "customers by tier", "key figures"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


async def _global_view(nats_url: str, regions: list[str]) -> list[tuple[str, str, str]]:
    async def quiet(_: Exception) -> None:  # the failure is reported once, below
        pass

    # One retry per server, then NoServersError (nats-py loops forever without a bound).
    nc = await nats.connect(
        nats_servers(nats_url),
        connect_timeout=5,
        max_reconnect_attempts=1,
        reconnect_time_wait=0.2,
        error_cb=quiet,
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


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
