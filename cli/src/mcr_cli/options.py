"""The options several commands share, and how a command finds the running platform.

Light on purpose (typer and the standard library): every `mcr` command imports this module,
and `mcr --help` must not pay for what only one command uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from mcr_cli.platform import RunState

# `mcr_core.config.default_data_dir()`, without importing the settings machinery (pydantic)
# on every start; cli/tests/test_startup.py checks that the two agree.
DEFAULT_DATA_DIR = Path.home() / ".mcr"

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir", envvar="MCR_DATA_DIR", help="Where the platform keeps its data and keys"
    ),
]
Token = Annotated[
    str | None,
    typer.Option("--token", envvar="MCR_TOKEN", help="Bearer token (default: a development token)"),
]
Gateway = Annotated[
    str | None,
    typer.Option(
        "--gateway",
        envvar="MCR_GATEWAY",
        help="The gateway's base URL (default: the one `mcr up` runs from --data-dir)",
    ),
]
Archive = Annotated[
    str | None,
    typer.Option(help="The archive's gRPC address (default: the one `mcr up` runs)"),
]


def running(data_dir: Path) -> RunState:
    """The platform `mcr up` runs from `data_dir`, or a clear exit saying how to start it."""
    try:
        return RunState.load(data_dir)
    except FileNotFoundError as exc:
        fail(f"{exc}, or say where it runs (--gateway / --archive)")


def gateway_url(data_dir: Path, gateway: str | None) -> str:
    """The gateway to call: the one given, else the running platform's (whatever port
    `mcr up` found free), never a guessed port."""
    return gateway.rstrip("/") if gateway else running(data_dir).gateway_url()


def archive_target(data_dir: Path, archive: str | None) -> str:
    return archive or running(data_dir).grpc_targets()["archive"]


def fail(message: str, code: int = 1) -> NoReturn:
    """Say what went wrong on stderr, plainly (no traceback), and exit with `code`."""
    typer.echo(message, err=True)
    raise typer.Exit(code)
