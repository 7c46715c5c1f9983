"""The whole platform as real OS processes on free ports, with the demo data of `mcr up`.

The five services and the gateway each run as `python -m <module>` on their own SQLite files,
sharing the test session's NATS, exactly as `mcr up` wires them; the demo customers are loaded
through the archive's gRPC API by `mcr_cli.demo.load_demo`.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from mcr_cli.demo import load_demo
from mcr_cli.demo_planning import MANAGER_TOKEN
from mcr_core.embedded_nats import free_port
from mcr_core.testing import AuthKeys
from processes import ServiceProcess

# Who signs in: the demo's account manager, a peer on another team of the same region, the
# demo's account manager of another region, and the region's enterprise manager (a superior).
USERS = {
    "owner": dict(employee_id="e-1001", region="cn-south", org_unit="/cn-south/enterprise/team-1"),
    "peer": dict(employee_id="e-1002", region="cn-south", org_unit="/cn-south/enterprise/team-2"),
    "eu": dict(employee_id="e-2001", region="eu-west", org_unit="/eu-west/enterprise/team-1"),
    "manager": dict(
        employee_id="e-1000",
        region="cn-south",
        org_unit="/cn-south/enterprise",
        roles=("account_manager", "manager"),
    ),
}


SERVICES = ("archive", "insight", "planning", "contact", "satisfaction")


def oidc_accounts() -> dict[str, dict]:
    """The users above as an identity provider's accounts (`oidc_kit.OidcProvider`)."""
    return {
        user["employee_id"]: {
            "region": user["region"],
            "org_unit": user["org_unit"],
            "roles": list(user.get("roles", ("account_manager",))),
        }
        for user in USERS.values()
    }


def run(coroutine):
    """Run `coroutine` to its end on a loop of its own (the caller may be inside one)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


class Platform:
    def __init__(self, directory: Path, nats_url: str) -> None:
        self.directory = directory
        self.keys = AuthKeys(directory / "keys")
        self.env = {
            "MCR_NATS_URL": nats_url,
            "MCR_AUTH_PUBLIC_KEY_FILE": str(self.keys.public_key_file),
            "MCR_DATA_DIR": str(directory),
        }
        self.services: dict[str, ServiceProcess] = {}
        self.gateway: subprocess.Popen | None = None
        self.http_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.oidc = None
        # Settings of one service only, such as its own PostgreSQL database.
        self.service_env: dict[str, dict[str, str]] = {}

    def use_oidc(self, provider) -> None:
        """Verify the tokens of `provider` (an `oidc_kit.OidcProvider`) in every process, as
        production does; the users' tokens then come from signing in there."""
        self.oidc = provider
        self.env |= provider.settings_env()
        del self.env["MCR_AUTH_PUBLIC_KEY_FILE"]

    def token(self, who: str) -> str:
        if self.oidc is not None:
            return self.oidc.token(USERS[who]["employee_id"])
        return self.keys.token(**USERS[who])

    def start(self) -> Platform:
        for name in SERVICES:
            env = self.env | self.service_env.get(name, {})
            process = ServiceProcess(f"mcr_{name}", env, self.directory / f"{name}.log")
            self.services[name] = process
            run(process.start(timeout=90))  # a shared machine under load starts slowly
        self._start_gateway()
        self.load_demo()
        self._wait_for_tiers()
        return self

    def load_demo(self) -> None:
        """The demo data, loaded as `mcr up --demo` loads it (safe to repeat)."""
        tokens = {
            "cn-south": self.token("owner"),
            "eu-west": self.token("eu"),
            MANAGER_TOKEN: self.token("manager"),
        }
        targets = {name: f"127.0.0.1:{p.grpc_port}" for name, p in self.services.items()}
        run(load_demo(targets, tokens))

    def _start_gateway(self, timeout: float = 90.0) -> None:
        env = (
            os.environ
            | self.env
            | {
                "MCR_HTTP_ADDRESS": f"127.0.0.1:{self.http_port}",
            }
            | {
                f"MCR_{name.upper()}_TARGET": f"127.0.0.1:{process.grpc_port}"
                for name, process in self.services.items()
            }
        )
        with open(self.directory / "gateway.log", "ab") as out:
            self.gateway = subprocess.Popen(
                [sys.executable, "-m", "mcr_gateway"], env=env, stdout=out, stderr=out
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.gateway.poll() is not None:
                raise RuntimeError((self.directory / "gateway.log").read_text()[-2000:])
            try:
                if httpx.get(f"{self.url}/healthz").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError("the gateway did not start")

    def get(self, path: str, who: str = "owner", **params) -> dict:
        response = httpx.get(
            f"{self.url}{path}",
            params=params,
            headers={"Authorization": f"Bearer {self.token(who)}"},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def _wait_for_tiers(self, timeout: float = 60.0) -> None:
        """Insight scores the demo customers from the archive's events and the archive learns
        their tiers back from insight's: wait until the round trip is done."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            customers = self.get("/v1/customers", page_size=1000)["customers"]
            if customers and all(c["tier"] for c in customers):
                return
            time.sleep(0.3)
        raise TimeoutError(f"demo customers not tiered: {customers}")

    def stop(self) -> None:
        if self.gateway is not None and self.gateway.poll() is None:
            self.gateway.terminate()
            self.gateway.wait(20)
        for process in self.services.values():
            if process.process is not None and process.process.poll() is None:
                process.terminate()


@pytest.fixture(scope="module")
def platform(nats_url, tmp_path_factory):
    """The platform of `mcr up --demo`, once per test module (import this fixture)."""
    running = Platform(tmp_path_factory.mktemp("platform"), nats_url)
    try:
        yield running.start()
    finally:
        running.stop()
