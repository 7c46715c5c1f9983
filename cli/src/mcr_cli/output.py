"""Where the commands print: tables on stdout, messages on stderr, at full width.

Rich wraps a table to 80 columns when the output is not a terminal (a pipe, a file, a test)
and cuts its cells; a table here is never cut: on a terminal it gets the terminal's width,
elsewhere as much as it needs.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

UNLIMITED = 10_000


def _console(stderr: bool) -> Console:
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console = Console(stderr=stderr, width=UNLIMITED)
    return console


out = _console(stderr=False)
err = _console(stderr=True)


def table(*columns: str, title: str | None = None, caption: str | None = None) -> Table:
    """A table with these column headers, its cells never folded into ellipses."""
    shown = Table(title=title, caption=caption, caption_justify="left")
    for column in columns:
        shown.add_column(column, overflow="fold")
    return shown
