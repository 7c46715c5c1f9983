"""`mcr up`: start NATS, every service and the gateway as supervised processes.

A process that dies is reported and restarted (with back-off, up to a limit); NATS too, on
the same port and store directory, so its streams and consumers come back as they were and
the services reconnect by themselves (their outboxes hold what they could not publish
meanwhile). Ctrl-C or SIGTERM stops the gateway first, then the services (each drains its
work), then NATS.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path

import httpx
from mcr_core.auth import ensure_dev_keypair
from mcr_core.bus.authority import BusAuthority
from mcr_core.embedded_nats import EmbeddedNats, port_open

from mcr_cli.bus import authority_dir, service_credentials_file
from mcr_cli.platform import GATEWAY, SERVICES, ProcessSpec, RunState, assign_ports, nats_port

MAX_RESTARTS = 5


def environment(spec: ProcessSpec, data_dir: Path, nats_url: str, ports: dict[str, ProcessSpec]):
    env = os.environ | {
        "MCR_DATA_DIR": str(data_dir),
        "MCR_NATS_URL": nats_url,
        "MCR_AUTH_PUBLIC_KEY_FILE": str(data_dir / "keys" / "dev-signing-key.pub.pem"),
    }
    if spec.grpc_port:
        env["MCR_GRPC_ADDRESS"] = f"127.0.0.1:{spec.grpc_port}"
        env["MCR_ADMIN_ADDRESS"] = f"127.0.0.1:{spec.admin_port}"
        # Each service on the secured bus with the credentials its spec grants.
        env["MCR_NATS_CREDENTIALS_FILE"] = str(service_credentials_file(data_dir, spec.name))
    if spec.http_port:
        env["MCR_HTTP_ADDRESS"] = f"127.0.0.1:{spec.http_port}"
        for name, service in ports.items():
            if service.grpc_port:
                env[f"MCR_{name.upper()}_TARGET"] = f"127.0.0.1:{service.grpc_port}"
    return env


class Supervised:
    """One process of the platform, started again with the same command when it dies."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name, self.command, self.env, self.log_dir = name, command, env, log_dir
        self.process: asyncio.subprocess.Process | None = None
        self.restarts: list[float] = []

    @classmethod
    def service(cls, spec: ProcessSpec, env: dict[str, str], log_dir: Path) -> Supervised:
        return cls(spec.name, [sys.executable, "-m", spec.module], env, log_dir)

    @classmethod
    def nats(cls, nats: EmbeddedNats, log_dir: Path) -> Supervised:
        """The embedded NATS server: every start on the same port and store directory."""
        nats.prepare()  # its store, and its configuration when secured
        return cls("nats", nats.command(), dict(os.environ), log_dir)

    async def start(self) -> None:
        # The child inherits the descriptor; a short blocking open at start-up is fine here.
        log = open(self.log_dir / f"{self.name}.log", "ab")  # noqa: SIM115, ASYNC230
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,  # Ctrl-C reaches the supervisor only; it stops in order
        )
        log.close()

    async def watch(self, stopping: asyncio.Event, report, restarted=None) -> None:
        """Restart the process when it dies, until stopping or too many restarts;
        `restarted(self)` runs after each restart."""
        while not stopping.is_set():
            code = await self.process.wait()
            if stopping.is_set():
                return
            now = time.monotonic()
            self.restarts = [t for t in self.restarts if now - t < 60] + [now]
            if len(self.restarts) > MAX_RESTARTS:
                report(f"[red]{self.name} keeps failing (exit {code}); see its log[/red]")
                stopping.set()
                return
            report(f"[yellow]{self.name} exited with {code}; restarting[/yellow]")
            await asyncio.sleep(0.5 * len(self.restarts))
            await self.start()
            if restarted is not None:
                restarted(self)

    async def stop(self, grace: float) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), grace)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


async def ready(spec: ProcessSpec, client: httpx.AsyncClient) -> bool:
    url = (
        f"http://127.0.0.1:{spec.http_port}/healthz"
        if spec.http_port
        else f"http://127.0.0.1:{spec.admin_port}/readyz"
    )
    try:
        return (await client.get(url, timeout=1.0)).status_code == 200
    except httpx.HTTPError:
        return False


async def wait_ready(specs, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            states = await asyncio.gather(*(ready(spec, client) for spec in specs))
            if all(states):
                return True
            await asyncio.sleep(0.2)
    return False


def prepare(data_dir: Path) -> None:
    """Create the data folder, its log folder and the development key pair."""
    (data_dir / "logs").mkdir(parents=True, exist_ok=True)
    ensure_dev_keypair(data_dir)


async def listening(nats: EmbeddedNats, process: Supervised, timeout: float = 15.0) -> None:
    """Until the NATS server accepts connections (the services connect at start-up)."""
    async with asyncio.timeout(timeout):
        while not port_open(nats.host, nats.port):
            if process.process.returncode is not None:
                raise RuntimeError(f"nats-server exited with {process.process.returncode}")
            await asyncio.sleep(0.05)


async def run_platform(data_dir: Path, on_ready, report, ready_timeout: float = 90.0) -> int:
    """Run until Ctrl-C/SIGTERM; `on_ready(state, seconds)` runs once all are healthy."""
    started = time.monotonic()
    logs = data_dir / "logs"
    # Secured as everywhere: it trusts the data folder's authority only (`mcr bus`).
    authority = BusAuthority.ensure(authority_dir(data_dir))
    nats = EmbeddedNats(data_dir / "nats", port=nats_port(), authority=authority)
    specs = assign_ports((*SERVICES, GATEWAY))
    by_name = {spec.name: spec for spec in specs}
    # NATS first: it starts first and, stopping in reverse, stops last.
    processes = [Supervised.nats(nats, logs)] + [
        Supervised.service(spec, environment(spec, data_dir, nats.url, by_name), logs)
        for spec in specs
    ]
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    state = RunState(str(data_dir), nats.url, [asdict(s) for s in specs])

    def restarted(process: Supervised) -> None:
        state.pids[process.name] = process.process.pid
        state.save()
        if process.name == "nats":
            report(f"nats is back on {nats.url}; the services reconnect by themselves")

    try:
        await processes[0].start()
        await listening(nats, processes[0])
        for process in processes[1:]:
            await process.start()
        state.pids = {p.name: p.process.pid for p in processes}
        state.save()
        watchers = [asyncio.create_task(p.watch(stopping, report, restarted)) for p in processes]
        if not await wait_ready(specs, ready_timeout):
            report(f"[red]not all processes became ready; see {data_dir / 'logs'}[/red]")
            stopping.set()
        else:
            await on_ready(state, time.monotonic() - started)
        await stopping.wait()
        report("stopping…")
        for process in reversed(processes):  # the gateway first, NATS last
            await process.stop(grace=15.0)
        await asyncio.gather(*watchers, return_exceptions=True)
        return 0 if all(p.process.returncode in (0, -15) for p in processes) else 1
    finally:
        for process in processes:
            if process.process and process.process.returncode is None:
                process.process.kill()
        RunState.path(data_dir).unlink(missing_ok=True)
