"""`mcr bus`: the bus's trust chain and the credentials it issues.

On one machine the authority lives under the data folder (`<data-dir>/bus`), created by the
first `mcr up`; `mcr bus app` then issues an internal app's credentials the way `mcr token`
issues a token. A Kubernetes installation creates its authority once with `mcr bus init DIR`,
gives NATS `auth.conf` and keeps `signing.nk` with its secrets (docs/internal-apps/README.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mcr_cli.options import DEFAULT_DATA_DIR, DataDir, fail

# Light at import (typer and the standard library): every `mcr` command imports this module;
# each command imports the kernel's authority when it runs.
bus = typer.Typer(help="NATS credentials: the authority and what it issues.", no_args_is_help=True)
SERVICES = ("archive", "insight", "planning", "contact", "satisfaction")

Authority = Annotated[
    Path | None,
    typer.Option(
        "--authority",
        envvar="MCR_BUS_AUTHORITY",
        help="The authority's folder (default: <data-dir>/bus, made by `mcr up`)",
    ),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the .creds file here (mode 600)")
]


def authority_dir(data_dir: Path) -> Path:
    return data_dir / "bus"


def service_credentials_file(data_dir: Path, service: str) -> Path:
    """Issue `service` its credentials from its spec (as `mcr up` gives them at each start)."""
    from mcr_core.bus.authority import BusAuthority, write_credentials
    from mcr_core.bus.grants import service_identity
    from mcr_core.service import load_spec

    authority = BusAuthority.ensure(authority_dir(data_dir))
    spec = load_spec(service)
    creds = authority.service_credentials(service, spec.consumes, spec.rollups)
    path = authority_dir(data_dir) / "credentials" / f"{service_identity(service)}.creds"
    return write_credentials(path, creds)


def _load(authority: Path | None, data_dir: Path):
    from mcr_core.bus.authority import BusAuthority

    try:
        return BusAuthority.load(authority or authority_dir(data_dir))
    except FileNotFoundError as exc:
        fail(str(exc))


def _emit(creds: str, output: Path | None) -> None:
    from mcr_core.bus.authority import write_credentials

    if output is None:
        print(creds, end="")
    else:
        write_credentials(output, creds)
        typer.echo(f"credentials written to {output}", err=True)


@bus.command()
def init(
    directory: Annotated[Path, typer.Argument(help="An empty folder for the authority's keys")],
) -> None:
    """Create an installation's authority: operator, accounts, signing key, and the server's
    `auth.conf` (include it in nats.conf; it holds no secret)."""
    from mcr_core.bus.authority import BusAuthority

    if (directory / "signing.nk").exists():
        fail(f"{directory} already holds an authority; nothing changed")
    BusAuthority.create().save(directory)
    typer.echo(f"authority created in {directory}: give NATS {directory / 'auth.conf'}", err=True)


@bus.command()
def app(
    name: Annotated[str, typer.Argument(help="The app's name; its consumers are NAME[-purpose]")],
    stream: Annotated[
        list[str], typer.Option(help="A service whose events the app reads (repeatable)")
    ],
    consumer: Annotated[
        list[str] | None,
        typer.Option(help="Another consumer name, NAME-<purpose> (repeatable)"),
    ] = None,
    ttl_days: Annotated[float, typer.Option(help="Valid for this many days", min=0.01)] = 90,
    output: Output = None,
    authority: Authority = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Issue an internal app's credentials: it reads the granted services' streams through its
    own durable consumers, and can neither publish nor touch a service's consumers."""
    from mcr_core.bus.grants import GrantError

    unknown = sorted(set(stream) - set(SERVICES))
    if unknown:
        fail(f"--stream {', '.join(unknown)}: not a service ({', '.join(SERVICES)})", 2)
    try:
        creds = _load(authority, data_dir).app_credentials(name, stream, consumer or [], ttl_days)
    except GrantError as exc:
        fail(str(exc), 2)
    _emit(creds, output)


@bus.command()
def service(
    name: Annotated[str, typer.Argument(help="The service (its spec says what it may do)")],
    output: Output = None,
    authority: Authority = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Issue a service's credentials from its declared grant (for a Kubernetes Secret)."""
    from mcr_core.service import load_spec

    if name not in SERVICES:
        fail(f"{name}: not a service ({', '.join(SERVICES)})", 2)
    spec = load_spec(name)
    _emit(_load(authority, data_dir).service_credentials(name, spec.consumes, spec.rollups), output)


@bus.command()
def admin(
    ttl_days: Annotated[float, typer.Option(help="Valid for this many days", min=0.01)] = 1,
    output: Output = None,
    authority: Authority = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Issue short-lived admin credentials (every subject): for an operator's repair work."""
    _emit(_load(authority, data_dir).admin_credentials(ttl_days), output)
