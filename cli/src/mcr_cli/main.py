"""The `mcr` command line.

`mcr --help` and `mcr token` answer in well under half a second (bench/cli_startup.py): this
module and the command modules import only typer and the standard library at the top, and each
command imports what it uses (gRPC, SQLAlchemy, httpx, rich, the Kubernetes client) when it
runs. cli/tests/test_startup.py keeps it so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from mcr_core.auth.roles import DEFAULT_ROLES, EMPLOYEE

from mcr_cli import bus, pack_commands, region, tiers
from mcr_cli.options import (
    DEFAULT_DATA_DIR,
    Archive,
    DataDir,
    Token,
    archive_target,
    fail,
    running,
)

# Plain help (rich's help renderer alone costs more than the start-up budget), and no pretty
# tracebacks: they print local variables, a bearer token among them.
app = typer.Typer(
    help="Run and operate the MCR platform.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(tiers.app, name="tiers")
app.add_typer(pack_commands.plugins, name="plugins")
app.add_typer(pack_commands.plugin, name="plugin")
app.add_typer(bus.bus, name="bus")
app.add_typer(region.region, name="region")

# The kernel's roles for `mcr token --help` (plain data: no service machinery is loaded).
ROLE_HELP = "A role (repeatable), one of: " + "; ".join(
    f"{role.name} ({role.summary})" for role in DEFAULT_ROLES if role.name != EMPLOYEE
)


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
    signing_key: Annotated[
        Path | None,
        typer.Option(
            help="The issuer's current private key (Ed25519 PEM) instead of the local "
            "development key; the token names it in its `kid` header",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Print a development token signed with the local key (for `Authorization: Bearer`).
    Every signed-in employee may read (what they see follows the visibility rules); each role
    adds what it may change."""
    from mcr_cli.credentials import ACCOUNT_MANAGER, dev_token

    roles = role or [ACCOUNT_MANAGER]
    known = known_roles()
    for name in roles:
        if name not in known:
            raise typer.BadParameter(
                f"unknown role {name!r}; roles: {', '.join(known)}", param_hint="--role"
            )
    try:
        minted = dev_token(
            data_dir, employee, region, org_unit, roles, ttl, signing_key=signing_key
        )
    except ValueError as exc:  # not a PEM private key, or not Ed25519
        raise typer.BadParameter(str(exc), param_hint="--signing-key") from None
    print(minted)


def known_roles() -> list[str]:
    """The kernel's roles and the region's own (`MCR_ROLES`, `MCR_ROLES_FILE`), read without
    loading a service's machinery."""
    extra: dict = {}
    for text in (
        Path(os.environ["MCR_ROLES_FILE"]).read_text() if os.environ.get("MCR_ROLES_FILE") else "",
        os.environ.get("MCR_ROLES", ""),
    ):
        try:
            extra |= json.loads(text) if text.strip() else {}
        except (ValueError, TypeError):
            fail(f"the region's roles are not a JSON object of roles: {text[:80]}")
    names = [r.name for r in DEFAULT_ROLES if r.name != EMPLOYEE]
    return names + [name for name in extra if name not in names]


@app.command()
def up(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    demo: Annotated[bool, typer.Option(help="Load the demo customers once ready")] = False,
    pack: Annotated[
        list[str] | None,
        typer.Option(help="Activate an installed industry pack (repeatable; see `mcr plugins`)"),
    ] = None,
) -> None:
    """Start NATS, every service and the gateway on this machine (SQLite); Ctrl-C stops all.
    Only the built-in default packs answer unless --pack names installed ones."""
    import asyncio

    from mcr_cli.ready import report_ready
    from mcr_cli.supervisor import prepare, run_platform

    # One installation is one region, and a region chooses its packs: only the built-in
    # defaults and the packs named here answer (an explicit MCR_PLUGINS_ALLOW wins).
    os.environ.setdefault("MCR_PLUGINS_ALLOW", json.dumps(pack or []))
    active = json.loads(os.environ["MCR_PLUGINS_ALLOW"])

    async def on_ready(state, seconds: float) -> None:
        await report_ready(state, seconds, data_dir, demo, active)

    prepare(data_dir)
    code = asyncio.run(run_platform(data_dir, on_ready, _say))
    raise typer.Exit(code)


def _say(message: str) -> None:
    from mcr_cli.output import err

    err.print(message)


@app.command()
def demo(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Load the demo customers into the platform `mcr up` runs (safe to repeat)."""
    import asyncio

    from mcr_cli.demo import demo_tokens, load_demo
    from mcr_cli.ready import demo_lines

    targets = running(data_dir).grpc_targets()
    loaded = asyncio.run(load_demo(targets, demo_tokens(data_dir)))
    for line in asyncio.run(demo_lines(targets, data_dir, loaded)):
        _say(line)


@app.command()
def status(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Show the health of each process of the running platform; exit 1 if any is unhealthy."""
    import asyncio

    from mcr_cli.health import health
    from mcr_cli.output import out, table
    from mcr_cli.platform import RunState

    try:
        state = RunState.load(data_dir)
    except FileNotFoundError as exc:
        fail(str(exc))
    rows = asyncio.run(health(state))
    shown = table("process", "check", "state", title=f"MCR platform ({data_dir})")
    for name, check, ok in rows:
        shown.add_row(name, check, "[green]healthy[/green]" if ok else "[red]unhealthy[/red]")
    out.print(shown)
    raise typer.Exit(0 if all(ok for *_, ok in rows) else 1)


KINDS_HELP = "customers, persons, departments (org charts) or employees"
Kind = Annotated[str, typer.Argument(help=KINDS_HELP)]


def _check_kind(kind: str) -> None:
    from mcr_cli.bulk import KINDS

    if kind not in KINDS:
        fail(f"unknown kind {kind!r}: use {KINDS_HELP}", 2)


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
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Import customers, persons, org charts or employees (the `hr` role's); rows with the same
    key update, never repeat. Exit 0 when every row was taken, 3 when some were refused."""
    from mcr_cli.bulk import run_import

    _check_kind(kind)
    code = run_import(
        archive_target(data_dir, archive), _bearer(data_dir, token), kind, file, dry_run,
        batch_size, errors,
    )  # fmt: skip
    raise typer.Exit(code)


@app.command("export")
def export(
    kind: Kind,
    file: Annotated[Path, typer.Argument(help="The .csv or .xlsx file to write")],
    customer: Annotated[
        str, typer.Option(help="Only this customer: its id, customers/<id> or its display name")
    ] = "",
    archive: Archive = None,
    token: Token = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export the customers, persons, org charts or employees you may see, in the columns
    import takes (an export imports back onto the same records)."""
    from mcr_cli.bulk import run_export

    _check_kind(kind)
    run_export(archive_target(data_dir, archive), _bearer(data_dir, token), kind, file, customer)


def _bearer(data_dir: Path, token: str | None) -> str:
    from mcr_cli.credentials import caller_token

    return caller_token(data_dir, token)


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
    from mcr_cli.deploy import run_deploy

    run_deploy(region, context, dry_run, timeout)


@app.command("global-view")
def global_view(
    region: Annotated[
        list[str], typer.Option(help="A region feeding the view (its JetStream domain)")
    ],
    nats_url: Annotated[
        str, typer.Option("--nats", envvar="MCR_NATS_URL", help="The global hub's NATS")
    ] = "nats://127.0.0.1:4222",
    credentials: Annotated[
        Path | None,
        typer.Option(envvar="MCR_NATS_CREDENTIALS_FILE", help="The hub's admin credentials"),
    ] = None,
) -> None:
    """Create or update the global view (stream MCR_GLOBAL sourcing every region's roll-up)
    and print each region's newest tier counts and key figures."""
    from mcr_cli.health import show_global_view

    show_global_view(nats_url, region, credentials)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
