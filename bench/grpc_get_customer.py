"""GetCustomer through the full archive service vs a bare grpc.aio server, same client.

The full server is the real archive (`start_service`): OTel tracing, observability, error
mapping and auth interceptors with a real JWT, and a database read. The bare server registers
an `ArchiveService` whose GetCustomer returns an empty Customer, with no interceptors. A third
server, the kernel's `GrpcServer` around that empty servicer, splits the gap between the two
into interceptors and database. Each server runs in its own process so the client does not take
the server's CPU; the client is the same code for all: N tasks calling over one channel for a
fixed time after a warm-up.

    uv run python bench/grpc_get_customer.py [--seconds 5] [--warmup 1] [--concurrency 16]
                                             [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import grpc
from _common import (
    Child,
    database_url,
    emit_json,
    met,
    ms,
    percentile,
    print_table,
    until_told_to_stop,
)
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_core.auth import verifier_for
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.rpc import GrpcServer
from mcr_core.service import start_service
from mcr_core.telemetry import setup_telemetry
from mcr_core.testing import AuthKeys, service_settings

GOAL_QPS_RATIO = 0.60
GOAL_P99_RATIO = 2.0
# Measured in this order; "stack" is the kernel's gRPC server with an empty handler.
KINDS = ("bare", "stack", "full")
LABELS = {
    "bare": "bare grpc.aio, empty handler",
    "stack": "kernel interceptors, empty handler",
    "full": "full archive service",
}


# --- servers (each in its own process: `Child`) ---------------------------------------------


def serve(kind: str, settings: ServiceSettings, conn: Connection) -> None:
    """Process entry: start one server, send its port, serve until the parent says stop."""
    servers = {"bare": _serve_bare, "stack": _serve_stack, "full": _serve_full}
    asyncio.run(servers[kind](settings, conn))


async def _serve_full(settings: ServiceSettings, conn: Connection) -> None:
    # As `run_service` does: a real tracer and meter provider, so spans and metrics are
    # recorded (not no-ops). WARNING keeps the service's start/stop lines off the bench output.
    setup_telemetry(settings.service_name, "WARNING")
    service = await start_service(SPEC, settings)
    conn.send(service.grpc_port)
    await until_told_to_stop(conn)
    await service.stop()


class EmptyArchive(pb_grpc.ArchiveServiceServicer):
    async def GetCustomer(self, request, context):
        return customer_pb2.Customer()


async def _serve_bare(_settings: ServiceSettings, conn: Connection) -> None:
    # The same server option as the platform's GrpcServer, and nothing else.
    server = grpc.aio.server(options=[("grpc.so_reuseport", 0)])
    pb_grpc.add_ArchiveServiceServicer_to_server(EmptyArchive(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    conn.send(port)
    await until_told_to_stop(conn)
    await server.stop(1)


async def _serve_stack(settings: ServiceSettings, conn: Connection) -> None:
    """The kernel's GrpcServer (all its interceptors, the real token check) around the empty
    servicer: no database. It splits the gap between bare and full in two."""
    setup_telemetry(settings.service_name, "WARNING")
    server = GrpcServer(
        "127.0.0.1:0",
        [(pb_grpc.add_ArchiveServiceServicer_to_server, EmptyArchive())],
        SPEC.service_names,
        verifier_for(settings),
    )
    await server.start()
    conn.send(server.port)
    await until_told_to_stop(conn)
    await server.stop(1)


# --- client (the same for every server) ------------------------------------------------------


@dataclass
class Result:
    calls: int
    seconds: float
    latencies: list[float]  # sorted, seconds

    @property
    def qps(self) -> float:
        return self.calls / self.seconds

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)


async def drive(target: str, request, metadata, concurrency: int, warmup: float, seconds: float):
    """`concurrency` tasks call GetCustomer back to back over one channel; the calls that end
    in the measured window after the warm-up count."""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = pb_grpc.ArchiveServiceStub(channel)
        await stub.GetCustomer(request, metadata=metadata)  # connected, and it answers
        latencies: list[float] = []
        window = {"measuring": False, "running": True}

        async def caller() -> None:
            while window["running"]:
                started = time.perf_counter()
                await stub.GetCustomer(request, metadata=metadata)
                if window["measuring"]:
                    latencies.append(time.perf_counter() - started)

        callers = [asyncio.create_task(caller()) for _ in range(concurrency)]
        await asyncio.sleep(warmup)
        window["measuring"], began = True, time.perf_counter()
        await asyncio.sleep(seconds)
        window["measuring"], elapsed = False, time.perf_counter() - began
        window["running"] = False
        await asyncio.gather(*callers)  # a failed call fails the run: no figures from errors
    return Result(len(latencies), elapsed, sorted(latencies))


async def create_customer(target: str, metadata) -> str:
    """One customer for the full server to read (the bare server ignores the name)."""
    async with grpc.aio.insecure_channel(target) as channel:
        created = await pb_grpc.ArchiveServiceStub(channel).CreateCustomer(
            pb.CreateCustomerRequest(
                customer=customer_pb2.Customer(
                    display_name="华南移动 Bench Ltd",
                    industry="telecom",
                    country_code="CN",
                    employee_count=12_000,
                    annual_revenue=money_pb2.Money(currency_code="CNY", units=3_000_000_000),
                ),
                request_id="bench-1",
            ),
            metadata=metadata,
        )
    return created.name


# --- run and report --------------------------------------------------------------------------


def run(args: argparse.Namespace, workdir: Path, nats_url: str, db_url: str) -> dict:
    keys = AuthKeys(workdir / "keys")
    settings = service_settings(
        ArchiveSettings,
        database_url=db_url,
        nats_url=nats_url,
        auth_keys=keys,
        data_dir=workdir,
        # The kit polls fast for tests; a running service polls at the defaults, and the
        # background polls should not eat into the figures.
        outbox_poll_seconds=1.0,
        timer_poll_seconds=1.0,
    )
    servers = {kind: Child(serve, kind, settings) for kind in KINDS}
    try:
        ports = {kind: server.start() for kind, server in servers.items()}
        metadata = keys.metadata()  # one real token, verified on every call
        name = asyncio.run(create_customer(f"127.0.0.1:{ports['full']}", metadata))
        request = pb.GetCustomerRequest(name=name)
        results = {
            kind: asyncio.run(
                drive(
                    f"127.0.0.1:{ports[kind]}",
                    request,
                    metadata,
                    args.concurrency,
                    args.warmup,
                    args.seconds,
                )
            )
            for kind in KINDS
        }
    finally:
        for server in servers.values():
            server.stop()
    return report(args, results)


def report(args: argparse.Namespace, results: dict[str, Result]) -> dict:
    bare, full = results["bare"], results["full"]
    qps_ratio = full.qps / bare.qps
    p99_ratio = full.p(99) / bare.p(99)
    print_table(
        f"GetCustomer: {args.concurrency} concurrent calls over one channel, "
        f"{args.seconds:g} s after {args.warmup:g} s warm-up ({args.database})",
        ("server", "calls", "QPS", "of bare", "p50 ms", "p99 ms"),
        [
            (LABELS[kind], r.calls, r.qps, f"{r.qps / bare.qps:.1%}", ms(r.p(50)), ms(r.p(99)))
            for kind, r in results.items()
        ],
    )
    qps_goal = f"goal >= {GOAL_QPS_RATIO:.0%}: {met(qps_ratio >= GOAL_QPS_RATIO)}"
    p99_goal = f"goal <= {GOAL_P99_RATIO:g}x: {met(p99_ratio <= GOAL_P99_RATIO)}"
    print(f"QPS full/bare  {qps_ratio:6.1%}   {qps_goal}")
    print(f"p99 full/bare  {p99_ratio:6.2f}x   {p99_goal}")
    return {
        "bench": "grpc_get_customer",
        "database": args.database,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        **{
            f"{kind}_{key}": value
            for kind, r in results.items()
            for key, value in (
                ("qps", round(r.qps, 1)),
                ("p50_ms", ms(r.p(50))),
                ("p99_ms", ms(r.p(99))),
            )
        },
        "qps_ratio": round(qps_ratio, 3),
        "p99_ratio": round(p99_ratio, 3),
        "goal_qps_ratio": GOAL_QPS_RATIO,
        "goal_p99_ratio": GOAL_P99_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time per server")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured time first")
    parser.add_argument("--concurrency", type=int, default=16, help="client tasks")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        nats = EmbeddedNats(workdir / "nats").start()
        try:
            with database_url(args.postgres, workdir, "archive") as db_url:
                figures = run(args, workdir, nats.url, db_url)
        finally:
            nats.stop()
    emit_json(figures)


if __name__ == "__main__":
    main()
