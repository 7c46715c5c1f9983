"""The CLI's tests' kit: the `mcr` command run as a user runs it (a new process each time),
against the platform `mcr up` runs: real processes, real NATS, SQLite under a temporary data
folder, which every command finds from the run state `mcr up` writes. Test modules import
what they use from here (`from cli_kit import mcr`) and the fixture `demo_platform` through
cli/tests/conftest.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

MCR = [sys.executable, "-m", "mcr_cli.main"]
# Tables and messages unwrapped whatever the test runner's terminal; no colour codes.
QUIET = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


def mcr(*args: str, data_dir: Path | None = None, timeout: float = 120, **env: str):
    """Run `mcr ARGS` in a new process; `data_dir` is where it finds the running platform."""
    extra = {"MCR_DATA_DIR": str(data_dir)} if data_dir else {}
    return subprocess.run(
        [*MCR, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ | QUIET | extra | env,
    )


class RunningPlatform:
    """A running `mcr up` in its own process group, as a terminal would run it."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.data_dir = data_dir
        self.output = data_dir.parent / f"{data_dir.name}-up.log"
        with open(self.output, "w") as out:
            self.process = subprocess.Popen(
                [*MCR, "up", "--data-dir", str(data_dir), *extra],
                stdout=subprocess.PIPE,
                stderr=out,
                text=True,
                env=os.environ | QUIET,
            )
        self.token = self._read_token()
        self.state = json.loads((data_dir / "run.json").read_text())

    def _read_token(self, timeout: float = 120.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline().strip()
            if line.count(".") == 2:  # the token is the only thing on stdout
                return line
            if self.process.poll() is not None:
                break
        raise AssertionError(f"mcr up did not get ready: {self.output.read_text()[-3000:]}")

    @property
    def said(self) -> str:
        """What `mcr up` printed on stderr so far (the ready table)."""
        return self.output.read_text()

    def url(self, path: str) -> str:
        gateway = next(p for p in self.state["processes"] if p["name"] == "gateway")
        return f"http://127.0.0.1:{gateway['http_port']}{path}"

    def get(self, path: str, **params) -> dict:
        headers = {"Authorization": f"Bearer {self.token}"}
        response = httpx.get(self.url(path), headers=headers, params=params, timeout=10)
        response.raise_for_status()
        return response.json()

    def customers(self) -> list[dict]:
        return self.get("/v1/customers", page_size=1000)["customers"]

    def wait_for_tiers(self, timeout: float = 90.0) -> None:
        """Insight tiers the demo customers from the archive's events; wait until it has."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(c["tier"] for c in self.customers()):
                return
            time.sleep(0.5)
        raise TimeoutError(f"demo customers not tiered: {self.customers()}")

    def mcr(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return mcr(*args, data_dir=self.data_dir, **env)

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(60)
        finally:
            self.process.stdout.close()
