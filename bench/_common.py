"""Helpers the benchmark scripts share: databases, percentiles, and printing the figures.

The scripts run as `uv run python bench/<name>.py`, so this folder is on `sys.path` and they
import this module as `_common`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path


@contextlib.contextmanager
def database_url(postgres: str | None, directory: Path, name: str) -> Iterator[str]:
    """A fresh database for one run: a SQLite file under `directory`, or, given the URL of a
    PostgreSQL server, a temporary database created on it and dropped afterwards."""
    if postgres is None:
        yield f"sqlite:///{directory / f'{name}.db'}"
        return
    # The test kit's helper reads the server to use from MCR_TEST_POSTGRES; it creates the
    # database through `postgres`'s own database and drops it (WITH FORCE) at the end.
    from mcr_core.testing.kit import temporary_postgres_database

    os.environ["MCR_TEST_POSTGRES"] = postgres
    with temporary_postgres_database() as url:
        yield url


class Child:
    """`main(*args, conn)` run in a spawned process (a fresh interpreter: no forked gRPC or
    event-loop state), which sends one message once ready and stops when told to."""

    def __init__(self, main: Callable[..., None], *args: object) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self.process = context.Process(target=main, args=(*args, child_end), daemon=True)

    def start(self, timeout: float = 60) -> object:
        """Start it and return what it sent once ready."""
        self.process.start()
        deadline = time.monotonic() + timeout
        while not self._conn.poll(0.1):
            if not self.process.is_alive():
                raise RuntimeError(f"{self.process.name} exited with {self.process.exitcode}")
            if time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"{self.process.name} was not ready in {timeout}s")
        return self._conn.recv()

    def stop(self, timeout: float = 15) -> None:
        if self.process.is_alive():
            self._conn.send("stop")
            self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


async def until_told_to_stop(conn: Connection) -> None:
    """In a child: wait for the parent's stop message without blocking the event loop."""
    await asyncio.to_thread(conn.recv)


def percentile(ordered: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of already sorted values, nearest rank; NaN if empty."""
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
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
        cells = [c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        return "  ".join([first.ljust(widths[0]), *cells])

    print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def _cell(value: object) -> str:
    if isinstance(value, float):  # about three significant digits, never fewer than 0.01
        decimals = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
        return f"{value:,.{decimals}f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def emit_json(figures: dict) -> None:
    """The figures as the last line of output, one JSON object, for scripts to read."""
    print(json.dumps(figures, sort_keys=False), flush=True)
