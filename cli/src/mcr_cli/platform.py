"""What `mcr up` runs: the processes of one installation on one machine, and their ports."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ProcessSpec:
    """One supervised process: a domain service (gRPC + admin port) or the gateway (HTTP)."""

    name: str
    module: str
    grpc_port: int | None = None
    admin_port: int | None = None
    http_port: int | None = None


# Preferred ports; `mcr up` takes a free one instead when a preferred port is busy.
NATS_PORT = 14222
SERVICES = (
    ProcessSpec("archive", "mcr_archive", grpc_port=50051, admin_port=9101),
    ProcessSpec("insight", "mcr_insight", grpc_port=50052, admin_port=9102),
    ProcessSpec("planning", "mcr_planning", grpc_port=50053, admin_port=9103),
    ProcessSpec("contact", "mcr_contact", grpc_port=50054, admin_port=9104),
    ProcessSpec("satisfaction", "mcr_satisfaction", grpc_port=50055, admin_port=9105),
)
GATEWAY = ProcessSpec("gateway", "mcr_gateway", http_port=8080)


def _port(preferred: int, taken: set[int]) -> int:
    from mcr_core.embedded_nats import free_port, port_open

    port = preferred
    while port in taken or port_open("127.0.0.1", port):
        port = free_port()
    taken.add(port)
    return port


def assign_ports(specs: tuple[ProcessSpec, ...]) -> tuple[ProcessSpec, ...]:
    taken: set[int] = set()
    assigned = []
    for spec in specs:
        assigned.append(
            ProcessSpec(
                spec.name,
                spec.module,
                grpc_port=_port(spec.grpc_port, taken) if spec.grpc_port else None,
                admin_port=_port(spec.admin_port, taken) if spec.admin_port else None,
                http_port=_port(spec.http_port, taken) if spec.http_port else None,
            )
        )
    return tuple(assigned)


def nats_port() -> int:
    return _port(NATS_PORT, set())


@dataclass
class RunState:
    """What a running `mcr up` wrote down for `mcr status` and `mcr demo`."""

    data_dir: str
    nats_url: str
    processes: list[dict] = field(default_factory=list)
    pids: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def path(data_dir: Path) -> Path:
        return data_dir / "run.json"

    def save(self) -> None:
        path = self.path(Path(self.data_dir))
        path.write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, data_dir: Path) -> RunState:
        path = cls.path(data_dir)
        if not path.exists():
            raise FileNotFoundError(f"nothing runs from {data_dir}: start it with `mcr up`")
        return cls(**json.loads(path.read_text()))

    def grpc_targets(self) -> dict[str, str]:
        """Each service's gRPC address, by service name."""
        return {
            p["name"]: f"127.0.0.1:{p['grpc_port']}" for p in self.processes if p.get("grpc_port")
        }

    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.spec('gateway').http_port}"

    def admin_urls(self) -> dict[str, str]:
        """Each service's admin port (liveness, readiness, metrics, `/plugins`), by name."""
        return {
            p["name"]: f"http://127.0.0.1:{p['admin_port']}"
            for p in self.processes
            if p.get("admin_port")
        }

    def spec(self, name: str) -> ProcessSpec:
        for process in self.processes:
            if process["name"] == name:
                return ProcessSpec(**process)
        raise KeyError(name)
