"""Helpers the benchmark scripts share: databases, percentiles, and printing the figures.

The scripts run as `uv run python bench/<name>.py`, so this folder is on `sys.path` and they
import this module as `_common`.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
from collections.abc import Iterator, Sequence
from pathlib import Path


@contextlib.contextmanager
def database_url(postgres: str | None, directory: Path, name: str) -> Iterator[str]:
    """A fresh database for one run: a SQLite file under `directory`, or, given the URL of a
    PostgreSQL server, a temporary database created on it and dropped afterwards."""
    if postgres is None:
        yield f"sqlite+aiosqlite:///{directory / f'{name}.db'}"
        return
    # The test kit's helper reads the server to use from MCR_TEST_POSTGRES; it creates the
    # database through `postgres`'s own database and drops it (WITH FORCE) at the end.
    from mcr_core.testing.kit import temporary_postgres_database

    os.environ["MCR_TEST_POSTGRES"] = postgres
    with temporary_postgres_database() as url:
        yield url


def percentile(ordered: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of already sorted values, nearest rank; NaN if empty."""
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        first, *rest = row
        parts = [first.ljust(widths[0])] + [c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        return "  ".join(parts)

    print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def emit_json(figures: dict) -> None:
    """The figures as the last line of output, one JSON object, for scripts to read."""
    print(json.dumps(figures, sort_keys=False), flush=True)
