"""`mcr region`: a region's backup and restore (its JetStream streams and each service's
database; `mcr_core.backup` says why in that order and what a restore replays).

On one machine the defaults are `mcr up`'s: each service's SQLite file and the NATS server of
the data folder (the running one, or, when `mcr up` is stopped, the folder's store served for
the time of the command). For a Kubernetes region, name each database and the NATS server
(port-forwards) with the bus's admin credentials (deploy/README.md, Operations).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import typer

from mcr_cli.options import DEFAULT_DATA_DIR, DataDir, fail

# Light at import (typer and the standard library): the kernel loads when a command runs.
region = typer.Typer(help="A region's backup and restore.", no_args_is_help=True)
SERVICES = ("archive", "insight", "planning", "contact", "satisfaction")

Databases = Annotated[
    list[str] | None,
    typer.Option(
        "--database",
        help="SERVICE=URL, once per service (default: each service's SQLite file in the data "
        "folder, as `mcr up` runs them)",
    ),
]
NatsUrl = Annotated[
    str | None,
    typer.Option(help="The region's NATS (default: the data folder's, as `mcr up` runs it)"),
]
Credentials = Annotated[
    Path | None,
    typer.Option(
        "--nats-credentials",
        envvar="MCR_NATS_CREDENTIALS_FILE",
        help="The bus admin's .creds file (default: issued by the data folder's authority)",
    ),
]


@region.command()
def backup(
    directory: Annotated[Path, typer.Argument(help="A new, empty folder for the backup")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    database: Databases = None,
    nats_url: NatsUrl = None,
    nats_credentials: Credentials = None,
) -> None:
    """Back up the region while it runs: every stream's snapshot, then each database."""
    import asyncio

    from mcr_core.backup import BackupError, backup_region

    databases = _databases(data_dir, database)

    async def run():
        async with _bus(data_dir, nats_url, nats_credentials, running_ok=True) as nc:
            return await backup_region(nc, databases, directory, progress=typer.echo)

    try:
        manifest = asyncio.run(run())
    except BackupError as exc:
        fail(str(exc))
    seconds = manifest.finished_at - manifest.started_at
    typer.echo(f"backup written to {directory} in {seconds:.1f} s")


@region.command()
def restore(
    directory: Annotated[Path, typer.Argument(help="A folder `mcr region backup` wrote")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    database: Databases = None,
    nats_url: NatsUrl = None,
    nats_credentials: Credentials = None,
) -> None:
    """Restore the region from a backup; its services must be stopped (and start afterwards:
    their relays publish again what the backup's databases committed after the snapshot)."""
    import asyncio

    from mcr_core.backup import BackupError, restore_region

    databases = _databases(data_dir, database)

    async def run():
        async with _bus(data_dir, nats_url, nats_credentials, running_ok=False) as nc:
            return await restore_region(nc, databases, directory, progress=typer.echo)

    try:
        replayed = asyncio.run(run())
    except BackupError as exc:
        fail(str(exc))
    typer.echo(f"restored from {directory}; {sum(replayed.values())} events to publish again")


def _databases(data_dir: Path, given: list[str] | None) -> dict[str, str]:
    if not given:
        return {name: f"sqlite:///{data_dir / f'{name}.db'}" for name in SERVICES}
    databases = {}
    for entry in given:
        service, _, url = entry.partition("=")
        if service not in SERVICES or not url:
            known = ", ".join(SERVICES)
            raise typer.BadParameter(
                f"{service!r}: write SERVICE=URL, SERVICE one of {known}", param_hint="--database"
            )
        databases[service] = url
    return databases


@contextlib.asynccontextmanager
async def _bus(
    data_dir: Path, url: str | None, credentials: Path | None, *, running_ok: bool
) -> AsyncIterator:
    """A connection to the region's NATS as its admin; without a URL, the data folder's
    server (refused for a restore while `mcr up` runs: its services would write meanwhile)."""
    from mcr_core.bus.streams import connect

    if url is not None:
        nc = await connect(url, "mcr-region", credentials=credentials)
        try:
            yield nc
        finally:
            await nc.close()
        return
    async with _data_folder_nats(data_dir, running_ok) as (url, admin):
        nc = await connect(url, "mcr-region", credentials=credentials or admin)
        try:
            yield nc
        finally:
            await nc.close()


@contextlib.asynccontextmanager
async def _data_folder_nats(data_dir: Path, running_ok: bool) -> AsyncIterator[tuple[str, Path]]:
    from mcr_core.bus.authority import BusAuthority, write_credentials
    from mcr_core.embedded_nats import EmbeddedNats, port_open

    from mcr_cli.bus import authority_dir
    from mcr_cli.platform import RunState

    authority = BusAuthority.ensure(authority_dir(data_dir))
    admin = write_credentials(
        authority_dir(data_dir) / "credentials" / "admin.creds",
        authority.admin_credentials(ttl_days=1),
    )
    try:
        running = RunState.load(data_dir).nats_url
    except FileNotFoundError:
        running = None
    if running is not None:
        host, _, port = running.rpartition("//")[2].partition(":")
        if port_open(host, int(port)):
            if not running_ok:
                fail(f"`mcr up` runs from {data_dir}: stop it first (Ctrl-C), then restore")
            yield running, admin
            return
    server = EmbeddedNats(data_dir / "nats", authority=authority).start()
    try:
        yield server.url, admin
    finally:
        server.stop()
