"""The `mcr` command as a user runs it: `mcr up --demo`, `mcr status`, `mcr demo`, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from mcr_core.auth import TokenVerifier

MCR = [sys.executable, "-m", "mcr_cli.main"]


def mcr(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MCR, *args, "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60
    )


class Platform:
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
            )
        self.token = self._read_token()
        self.state = json.loads((data_dir / "run.json").read_text())

    def _read_token(self, timeout: float = 90.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline().strip()
            if line.count(".") == 2:  # the token is the only thing on stdout
                return line
            if self.process.poll() is not None:
                break
        raise AssertionError(f"mcr up did not get ready: {self.output.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        gateway = next(p for p in self.state["processes"] if p["name"] == "gateway")
        return f"http://127.0.0.1:{gateway['http_port']}{path}"

    def get(self, path: str) -> dict:
        response = httpx.get(self.url(path), headers={"Authorization": f"Bearer {self.token}"})
        response.raise_for_status()
        return response.json()

    def customers(self) -> list[dict]:
        return self.get("/v1/customers")["customers"]

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(60)
        finally:
            self.process.stdout.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_up_with_demo_data_status_and_clean_stop(tmp_path):
    data_dir = tmp_path / "mcr"
    platform = Platform(data_dir, "--demo")
    try:
        demo = platform.customers()
        assert len(demo) == 6  # the cn-south demo customers; eu-west ones are invisible
        status = mcr("status", data_dir=data_dir)
        assert status.returncode == 0, status.stdout + status.stderr
        assert status.stdout.count("healthy") == 11  # gRPC and admin of five services, gateway
        chart_of = next(c for c in demo if c["display_name"] == "南海电信广东分公司")
        persons = platform.get(f"/v1/customers/{chart_of['id']}/persons")["persons"]
        assert {p["display_name"] for p in persons} == {"周建国", "李明", "王芳", "陈晓"}
        assert mcr("demo", data_dir=data_dir).returncode == 0
        assert len(platform.customers()) == 6  # loading again creates nothing new
        assert len(platform.get(f"/v1/customers/{chart_of['id']}/departments")["departments"]) == 4
    finally:
        code = platform.interrupt()
    assert code == 0, platform.output.read_text()[-3000:]
    assert not any(alive(pid) for pid in platform.state["pids"].values())
    assert not (data_dir / "run.json").exists()
    assert mcr("status", data_dir=data_dir).returncode == 1

    again = Platform(data_dir)  # the data survives a restart
    try:
        assert {c["name"] for c in again.customers()} == {c["name"] for c in demo}
    finally:
        assert again.interrupt() == 0


def test_token_is_signed_with_the_local_key(tmp_path):
    printed = mcr("token", "--employee", "e-9", "--region", "eu-west", data_dir=tmp_path)
    assert printed.returncode == 0, printed.stderr
    public_pem = (tmp_path / "keys" / "dev-signing-key.pub.pem").read_bytes()
    principal = TokenVerifier(public_pem, issuer="mcr", audience="mcr").verify(
        printed.stdout.strip()
    )
    assert (principal.employee_id, principal.region) == ("e-9", "eu-west")
