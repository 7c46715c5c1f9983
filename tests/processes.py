"""Run a service as a real OS process for fault-injection tests."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from mcr_core.embedded_nats import free_port
from mcr_core.testing import service_credentials


class ServiceProcess:
    """`python -m <module>` with MCR_* settings; `kill()` is a `kill -9`."""

    def __init__(
        self,
        module: str,
        env: dict[str, str],
        log: Path,
        *,
        own_session: bool = False,
        python: str = sys.executable,
    ) -> None:
        # own_session: a session of its own is a scheduling group of its own under Linux's
        # autogroup, as each pod is a cgroup of its own; without it every process a benchmark
        # starts shares one CPU share with the benchmark when the machine is busy.
        # python: another release's interpreter runs that release's code (a rolling upgrade).
        self.module, self.log, self.own_session, self.python = module, log, own_session, python
        self.grpc_port, self.admin_port = free_port(), free_port()
        self.env = (
            os.environ
            # Installed industry packs stay off unless the test activates them.
            | {"MCR_PLUGINS_ALLOW": "[]"}
            | env
            | {
                "MCR_GRPC_ADDRESS": f"127.0.0.1:{self.grpc_port}",
                "MCR_ADMIN_ADDRESS": f"127.0.0.1:{self.admin_port}",
                "MCR_OUTBOX_POLL_SECONDS": "0.2",
                "MCR_SHUTDOWN_GRACE_SECONDS": "3",
            }
        )
        # A service connects to the kit's secured NATS with the credentials its spec grants.
        if "MCR_NATS_CREDENTIALS_FILE" not in self.env:
            nats_url = self.env.get("MCR_NATS_URL", "")
            credentials = service_credentials(nats_url, module.removeprefix("mcr_"))
            if credentials is not None:
                self.env["MCR_NATS_CREDENTIALS_FILE"] = str(credentials)
        self.process: subprocess.Popen | None = None

    def spawn(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [self.python, "-m", self.module],
                env=self.env,
                stdout=out,
                stderr=out,
                start_new_session=self.own_session,
            )

    async def start(self, timeout: float = 30.0) -> ServiceProcess:
        """Spawn the process and wait until its admin port reports ready."""
        self.spawn()
        async with httpx.AsyncClient() as client, asyncio.timeout(timeout):
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.module} exited: {self.log.read_text()[-2000:]}")
                try:
                    ready = await client.get(f"http://127.0.0.1:{self.admin_port}/readyz")
                    if ready.status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def terminate(self, timeout: float = 20.0) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)
