"""`mcr plugins list|docs` for operators and `mcr plugin new` for partners."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mcr_cli.options import DEFAULT_DATA_DIR, DataDir, fail

plugins = typer.Typer(
    help="Installed and active packs, and the hook reference.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
plugin = typer.Typer(help="Write a new pack.", no_args_is_help=True, rich_markup_mode=None)
REFERENCE = Path("docs/partners/hooks.md")


@plugins.command("list")
def list_packs(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Show every pack installed here for each service (the built-in defaults too), whether it
    loads, and whether the running platform (`mcr up` from --data-dir) has it active; exit 1
    if a service would refuse one."""
    from mcr_cli.output import out, table
    from mcr_cli.packs import active_packs, installed_packs, with_activity
    from mcr_cli.platform import RunState

    rows = installed_packs()
    try:
        state = RunState.load(data_dir)
    except FileNotFoundError:
        caption = (
            f"active: the platform is not running from {data_dir}, so nothing is; "
            "`mcr up --pack NAME` activates an installed pack"
        )
    else:
        rows = with_activity(rows, active_packs(state))
        caption = (
            "active: what each running service loaded (its admin port's /plugins); "
            "`mcr up --pack NAME` activates an installed pack"
        )
    shown = table("service", "pack", "distribution", "version", "hooks", "installed", "active",
                  title="MCR packs", caption=caption)  # fmt: skip
    for row in rows:
        shown.add_row(row.host, row.name, row.distribution, row.version, row.hooks,
                      row.installed, row.active)  # fmt: skip
    out.print(shown)
    raise typer.Exit(1 if any(row.refused for row in rows) else 0)


@plugins.command("docs")
def docs(
    output: Annotated[Path, typer.Option(help="Where the reference goes")] = REFERENCE,
    check: Annotated[bool, typer.Option(help="Exit 1 if the file is not current")] = False,
) -> None:
    """Write the hook reference for pack authors from the services' hookspecs."""
    from mcr_core.hookdocs import hook_docs, hook_hosts, render_reference

    text = render_reference(hook_docs(hook_hosts()))
    if check:
        current = output.read_text() if output.exists() else ""
        if current != text:
            fail(f"{output} is stale: run `mcr plugins docs`")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    typer.echo(f"wrote {output}", err=True)


@plugin.command("new")
def new(
    name: Annotated[str, typer.Argument(help="The industry, e.g. `telecom` → mcr-pack-telecom")],
    directory: Annotated[
        Path | None,
        typer.Option(
            help="Where to create the pack (default: here, or next to the platform's workspace "
            "when here is inside it)"
        ),
    ] = None,
) -> None:
    """Scaffold a pack: pyproject with entry points, documented hooks, tests that pass."""
    from mcr_cli.packs import (
        default_parent,
        is_member,
        platform_checkout,
        scaffold,
        workspace_root,
    )

    parent = directory or default_parent(Path.cwd())
    checkout = platform_checkout()
    try:
        root = scaffold(name, parent, checkout).resolve()
    except (ValueError, FileExistsError) as exc:
        fail(str(exc), 2)
    workspace = workspace_root(root.parent)
    if workspace is None:
        where = "a project of its own: its own environment and lock"
    elif is_member(workspace, root):
        where = f"a member of the workspace {workspace}: `uv lock` there adds it to its uv.lock"
    else:
        where = f"inside {workspace} but not a member: its own environment and lock"
    pack = name.replace("_", "-")
    run_from = f"(from {checkout}) " if checkout else ""
    typer.echo(
        f"created {root} ({where})\n"
        f"next:\n"
        f"  cd {root} && uv run --extra test pytest\n"
        f"  {run_from}uv run --with-editable {root} mcr up --demo --pack {pack}",
        err=True,
    )
