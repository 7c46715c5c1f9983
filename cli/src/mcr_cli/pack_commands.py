"""`mcr plugins list|docs` for operators and `mcr plugin new` for partners."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from mcr_core.hookdocs import hook_docs, hook_hosts, render_reference
from rich.console import Console
from rich.table import Table

from mcr_cli.packs import installed_packs, scaffold

plugins = typer.Typer(help="Installed packs and the hook reference.", no_args_is_help=True)
plugin = typer.Typer(help="Write a new pack.", no_args_is_help=True)
console = Console(stderr=True)
REFERENCE = Path("docs/partners/hooks.md")


@plugins.command("list")
def list_packs() -> None:
    """Show every pack each service would load (after MCR_PLUGINS_ALLOW/BLOCK), with versions
    and hooks; exit 1 if a service would refuse one."""
    rows = installed_packs()
    table = Table(title="MCR packs")
    for column in ("service", "pack", "distribution", "version", "hooks", "status"):
        table.add_column(column)
    for row in rows:
        status = row.status if row.status == "loaded" else f"[red]{row.status}[/red]"
        table.add_row(row.host, row.name, row.distribution, row.version, row.hooks, status)
    Console().print(table)
    raise typer.Exit(0 if all(row.status == "loaded" for row in rows) else 1)


@plugins.command("docs")
def docs(
    output: Annotated[Path, typer.Option(help="Where the reference goes")] = REFERENCE,
    check: Annotated[bool, typer.Option(help="Exit 1 if the file is not current")] = False,
) -> None:
    """Write the hook reference for pack authors from the services' hookspecs."""
    text = render_reference(hook_docs(hook_hosts()))
    if check:
        current = output.read_text() if output.exists() else ""
        if current != text:
            console.print(f"{output} is stale: run `mcr plugins docs`")
            raise typer.Exit(1)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    console.print(f"wrote {output}")


@plugin.command("new")
def new(
    name: Annotated[str, typer.Argument(help="The industry, e.g. `telecom` → mcr-pack-telecom")],
    directory: Annotated[Path, typer.Option(help="Where to create the pack")] = Path(),
) -> None:
    """Scaffold a pack: pyproject with entry points, documented hooks, tests that pass."""
    try:
        root = scaffold(name, directory)
    except (ValueError, FileExistsError) as exc:
        console.print(str(exc))
        raise typer.Exit(2) from exc
    console.print(f"created {root}; next: pip install -e '{root}[test]' && pytest {root}")
