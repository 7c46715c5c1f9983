"""`mcr up`: time to all healthy, idle memory of each process, time to a clean stop.

Each run starts the real command (`python -m mcr_cli.main up --data-dir <fresh tmp>`) as a
subprocess, polls the health endpoints whose ports it writes to <data-dir>/run.json (the same
checks as `mcr status`, without starting a Python process per poll), reads VmRSS of every
process after an idle pause, then sends SIGINT, as Ctrl-C would, and times the stop.

    uv run python bench/mcr_up.py [--runs 3] [--idle 3]
                                  [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _common import database_url, emit_json, median, print_table

READY_TIMEOUT = 90.0
STOP_TIMEOUT = 60.0


@dataclass
class Run:
    ready_seconds: float
    stop_seconds: float
    exit_code: int
    clean: bool  # exit 0, no process left behind, run.json removed
    rss_mib: dict[str, float] = field(default_factory=dict)  # process name -> VmRSS


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB
    return float("nan")


def children(pid: int) -> dict[int, str]:
    """The direct children of `pid`: pid -> executable name."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        # comm is in parentheses and may hold spaces; the fields after it are plain.
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
        if int(rest.split()[1]) == pid:
            found[int(entry.name)] = name
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent has not reaped it yet


def health_urls(run_state: dict) -> list[str]:
    """The checks `mcr status` makes over HTTP: a service's /readyz, the gateway's /healthz."""
    urls = []
    for process in run_state["processes"]:
        if process.get("admin_port"):
            urls.append(f"http://127.0.0.1:{process['admin_port']}/readyz")
        else:
            urls.append(f"http://127.0.0.1:{process['http_port']}/healthz")
    return urls


def wait_healthy(supervisor: subprocess.Popen, data_dir: Path) -> dict:
    """Poll until run.json is written and every process answers healthy; returns run.json."""
    deadline = time.monotonic() + READY_TIMEOUT
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if supervisor.poll() is not None:
                raise RuntimeError(f"mcr up exited with {supervisor.returncode}; see {data_dir}")
            state = _read_state(data_dir)
            if state and all(_healthy(client, url) for url in health_urls(state)):
                return state
            time.sleep(0.05)
    raise RuntimeError(f"not healthy in {READY_TIMEOUT}s; see {data_dir / 'logs'}")


def _read_state(data_dir: Path) -> dict | None:
    try:
        return json.loads((data_dir / "run.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None  # not written yet, or being written


def _healthy(client: httpx.Client, url: str) -> bool:
    try:
        return client.get(url).status_code == 200
    except httpx.HTTPError:
        return False


def measure_rss(supervisor_pid: int, state: dict) -> dict[str, float]:
    """VmRSS of the supervisor, each process in run.json, and NATS (a child not in run.json)."""
    pids = {"supervisor (mcr up)": supervisor_pid, **state["pids"]}
    for pid, name in children(supervisor_pid).items():
        if name == "nats-server":
            pids["nats-server"] = pid
    return {name: rss_mib(pid) for name, pid in pids.items()}


def one_run(args: argparse.Namespace, data_dir: Path, env: dict[str, str]) -> Run:
    command = [sys.executable, "-m", "mcr_cli.main", "up", "--data-dir", str(data_dir)]
    data_dir.mkdir(parents=True)
    with open(data_dir / "mcr-up.out", "wb") as output:
        started = time.monotonic()
        supervisor = subprocess.Popen(command, stdout=output, stderr=output, env=env)
        try:
            state = wait_healthy(supervisor, data_dir)
            ready = time.monotonic() - started
            time.sleep(args.idle)  # let start-up garbage settle; idle timers and polls run
            rss = measure_rss(supervisor.pid, state)
            processes = [*state["pids"].values(), *children(supervisor.pid)]
            stopping = time.monotonic()
            supervisor.send_signal(signal.SIGINT)
            code = supervisor.wait(STOP_TIMEOUT)
            stopped = time.monotonic() - stopping
        finally:
            if supervisor.poll() is None:
                supervisor.kill()
                supervisor.wait()
    left = [pid for pid in processes if alive(pid)]
    clean = code == 0 and not left and not (data_dir / "run.json").exists()
    return Run(ready, stopped, code, clean, rss)


def report(args: argparse.Namespace, runs: list[Run]) -> dict:
    names = list(runs[0].rss_mib)
    rows = [
        (f"run {i}", r.ready_seconds, r.stop_seconds, _clean(r), *(r.rss_mib[n] for n in names))
        for i, r in enumerate(runs, 1)
    ]
    ready = [r.ready_seconds for r in runs]
    stop = [r.stop_seconds for r in runs]
    rss = {n: [r.rss_mib[n] for r in runs if n in r.rss_mib] for n in names}
    for label, pick in (("min", min), ("median", median)):
        rows.append((label, pick(ready), pick(stop), "", *(pick(v) for v in rss.values())))
    print_table(
        f"mcr up ({args.database}): seconds to all healthy and to a clean stop after SIGINT; "
        f"VmRSS MiB after {args.idle:g} s idle",
        ("", "ready s", "stop s", "clean", *names),
        rows,
    )
    total = [sum(r.rss_mib.values()) for r in runs]
    print(f"all processes together: median {median(total):.0f} MiB")
    return {
        "bench": "mcr_up",
        "database": args.database,
        "runs": len(runs),
        "ready_s": {"min": round(min(ready), 2), "median": round(median(ready), 2)},
        "stop_s": {"min": round(min(stop), 2), "median": round(median(stop), 2)},
        "rss_mib_median": {n: round(median(v), 1) for n, v in rss.items()},
        "rss_mib_total_median": round(median(total), 1),
        "all_clean": all(r.clean for r in runs),
    }


def _clean(run: Run) -> str:
    return "yes" if run.clean else f"NO (exit {run.exit_code})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh data dir each")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle before RSS")
    parser.add_argument("--postgres", metavar="URL", help="the archive on PostgreSQL")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    runs = []
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        for number in range(1, args.runs + 1):
            data_dir = Path(tmp) / f"run-{number}"
            env = os.environ | {"PYTHONUNBUFFERED": "1"}
            env.pop("MCR_DATABASE_URL", None)  # SQLite files under the data dir by default
            with ExitStack() as stack:
                if args.postgres:
                    # The supervisor passes its environment on: the archive gets a fresh database.
                    url = stack.enter_context(database_url(args.postgres, Path(tmp), "archive"))
                    env["MCR_DATABASE_URL"] = url
                runs.append(one_run(args, data_dir, env))
    emit_json(report(args, runs))


if __name__ == "__main__":
    main()
