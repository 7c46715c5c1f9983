"""`mcr` start-up: how long a command takes before it does anything, against a bare Python.

Each command runs as a new process, as a user's shell runs it (`<venv>/bin/mcr ...`), and is
timed from spawn to exit; `python -c pass` with the same interpreter, in the same run, is the
floor no command can go below. The runs of the commands are interleaved, so a busy spell of
the machine falls on all of them alike; the median and the best of `--runs` are printed.
As on a user's machine, Python keeps the bytecode it compiles (PYTHONDONTWRITEBYTECODE is
dropped for the commands), and one run of each, not measured, writes it first. The CPU time
the process used (user + system) is printed too: on a busy machine the wall time grows with
the others' load, the CPU time hardly.

    uv run python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import emit_json, median, met, ms, print_table

GOAL_SECONDS = 0.5
MCR = str(Path(sys.executable).with_name("mcr"))


def commands(data_dir: str) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "mcr --help": [MCR, "--help"],
        "mcr token": [MCR, "token", "--data-dir", data_dir],
        "mcr tiers --help": [MCR, "tiers", "--help"],
        "mcr import --help": [MCR, "import", "--help"],
    }


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return elapsed, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        runs = commands(data_dir)
        for command in runs.values():  # bytecode written, the key pair made: not measured
            timed(command)
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, command in runs.items():
                wall, cpu = timed(command)
                walls[name].append(wall)
                cpus[name].append(cpu)
    floor = median(walls["python -c pass"])
    rows, figures = [], {"runs": args.runs, "cpus": os.cpu_count(), "load": os.getloadavg()[0]}
    for name, values in walls.items():
        typical, cpu = median(values), median(cpus[name])
        goal = "" if name.startswith("python") else met(typical < GOAL_SECONDS)
        rows.append((name, ms(typical), ms(min(values)), ms(typical - floor), ms(cpu), goal))
        figures[name] = {"median_ms": ms(typical), "best_ms": ms(min(values)),
                         "cpu_median_ms": ms(cpu)}  # fmt: skip
    print_table(
        f"CLI start-up, {args.runs} runs each, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs (goal: mcr --help and mcr token under "
        f"{GOAL_SECONDS * 1000:.0f} ms)",
        ("command", "median ms", "best ms", "over bare python ms", "CPU ms", "goal"),
        rows,
    )
    emit_json(figures)


if __name__ == "__main__":
    main()
