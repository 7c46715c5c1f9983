"""Issue writes through the satisfaction service vs the archive's GetCustomer, same run; and
the team KPIs over many issues.

Part 1: the full satisfaction service (`start_service`, real JWT, interceptors, database,
outbox to JetStream) in its own process; `--concurrency` client tasks each walk issues through
create → accept → distribute → start handling → resolve, every step a write transaction with
its event in the outbox. The baseline is the full archive service's GetCustomer (a read) in its
own process, driven by the same kind of client in the same run (see grpc_get_customer.py).

Part 2: `--kpi-issues` issues (100,000 by default; 1,000,000 for the issue's figure) written
straight into a migrated satisfaction database, then the KPI query of one team over a year
(two aggregate queries) timed, and the same counts folded in Python for comparison.

    uv run python bench/satisfaction_issues.py [--seconds 5] [--warmup 1] [--concurrency 16]
        [--kpi-issues 100000] [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import grpc
from _common import (
    Child,
    database_url,
    emit_json,
    ms,
    percentile,
    print_table,
    until_told_to_stop,
)
from grpc_get_customer import create_customer, drive
from grpc_get_customer import serve as serve_archive
from mcr.archive.v1 import archive_service_pb2
from mcr.satisfaction.v1 import issue_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc as pb_grpc
from mcr_archive.config import ArchiveSettings
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.storage import Database
from mcr_core.telemetry import setup_telemetry
from mcr_core.testing import AuthKeys, service_settings
from mcr_satisfaction import domain, store
from mcr_satisfaction.__main__ import MIGRATIONS, SPEC
from mcr_satisfaction.config import SatisfactionSettings

EMPLOYEE, UNIT = "e-1001", "/cn-south/enterprise/team-1"
STEPS = 5  # calls per issue


def serve_satisfaction(settings: ServiceSettings, conn: Connection) -> None:
    asyncio.run(_serve(settings, conn))


async def _serve(settings: ServiceSettings, conn: Connection) -> None:
    setup_telemetry(settings.service_name, "WARNING")
    service = await start_service(SPEC, settings)
    conn.send(service.grpc_port)
    await until_told_to_stop(conn)
    await service.stop()


async def walk_issues(target: str, metadata, concurrency: int, warmup: float, seconds: float):
    """Each task walks issues through the five steps back to back; every call is timed."""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = pb_grpc.SatisfactionServiceStub(channel)
        latencies: list[float] = []
        window = {"measuring": False, "running": True}

        async def timed(call, request) -> object:
            started = time.perf_counter()
            answer = await call(request, metadata=metadata)
            if window["measuring"]:
                latencies.append(time.perf_counter() - started)
            return answer

        async def walker() -> None:
            while window["running"]:
                issue = issue_pb2.Issue(
                    customer=f"customers/c{random.randrange(1000)}",
                    title="Bench issue",
                    type="technical",
                    urgency="normal",
                )
                created = await timed(stub.CreateIssue, pb.CreateIssueRequest(issue=issue))
                name = created.issue.name
                await timed(stub.AcceptIssue, pb.AcceptIssueRequest(name=name, valid=True))
                await timed(
                    stub.DistributeIssue,
                    pb.DistributeIssueRequest(
                        name=name, receiver=f"employees/{EMPLOYEE}", receiver_org_unit=UNIT
                    ),
                )
                await timed(stub.StartIssueHandling, pb.StartIssueHandlingRequest(name=name))
                await timed(stub.ResolveIssue, pb.ResolveIssueRequest(name=name, resolution="done"))

        walkers = [asyncio.create_task(walker()) for _ in range(concurrency)]
        await asyncio.sleep(warmup)
        window["measuring"], began = True, time.perf_counter()
        await asyncio.sleep(seconds)
        window["measuring"], elapsed = False, time.perf_counter() - began
        window["running"] = False
        await asyncio.gather(*walkers)
    return len(latencies), elapsed, sorted(latencies)


def run_calls(args, workdir: Path, nats_url: str, archive_db: str, satisfaction_db: str) -> dict:
    keys = AuthKeys(workdir / "keys")
    common = {
        "nats_url": nats_url,
        "auth_keys": keys,
        "data_dir": workdir,
        "outbox_poll_seconds": 1.0,
        "timer_poll_seconds": 1.0,
    }
    archive = Child(
        serve_archive, "full", service_settings(ArchiveSettings, database_url=archive_db, **common)
    )
    satisfaction = Child(
        serve_satisfaction,
        service_settings(SatisfactionSettings, database_url=satisfaction_db, **common),
    )
    try:
        archive_port, satisfaction_port = archive.start(), satisfaction.start()
        metadata = keys.metadata(employee_id=EMPLOYEE, org_unit=UNIT)
        target = f"127.0.0.1:{archive_port}"
        name = asyncio.run(create_customer(target, metadata))
        baseline = asyncio.run(
            drive(
                target,
                archive_service_pb2.GetCustomerRequest(name=name),
                metadata,
                args.concurrency,
                args.warmup,
                args.seconds,
            )
        )
        calls, elapsed, latencies = asyncio.run(
            walk_issues(
                f"127.0.0.1:{satisfaction_port}",
                metadata,
                args.concurrency,
                args.warmup,
                args.seconds,
            )
        )
    finally:
        satisfaction.stop()
        archive.stop()
    writes_qps = calls / elapsed
    print_table(
        f"{args.concurrency} concurrent tasks, {args.seconds:g} s after {args.warmup:g} s "
        f"warm-up ({args.database})",
        ("calls", "count", "QPS", "of GetCustomer", "p50 ms", "p99 ms"),
        [
            (
                "archive GetCustomer (read)",
                baseline.calls,
                baseline.qps,
                "100.0%",
                ms(baseline.p(50)),
                ms(baseline.p(99)),
            ),
            (
                "issue steps (write + event)",
                calls,
                writes_qps,
                f"{writes_qps / baseline.qps:.1%}",
                ms(percentile(latencies, 50)),
                ms(percentile(latencies, 99)),
            ),
        ],
    )
    print(f"issues walked through {STEPS} steps per second: {writes_qps / STEPS:,.1f}")
    return {
        "get_customer_qps": round(baseline.qps, 1),
        "issue_step_qps": round(writes_qps, 1),
        "issue_step_ratio": round(writes_qps / baseline.qps, 3),
        "issue_step_p50_ms": ms(percentile(latencies, 50)),
        "issue_step_p99_ms": ms(percentile(latencies, 99)),
    }


# --- KPIs over many issues -------------------------------------------------------------------


def _row(index: int, start: datetime, teams: list[str], rng: random.Random) -> dict:
    created = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
    level = rng.choices(("office", "region", "company"), (85, 12, 3))[0]
    resolved = rng.random() < 0.8
    closed = resolved and rng.random() < 0.9
    due = created + timedelta(hours=rng.choice((16, 64, 192)))
    return {
        "id": f"{index:012d}",
        "request_id": None,
        "customer_id": f"c{rng.randrange(5000)}",
        "region": "cn-south",
        "person": "",
        "state": "closed" if closed else "resolved" if resolved else "handling",
        "type": "technical",
        "urgency": rng.choices(domain.URGENCIES, (5, 20, 60, 15))[0],
        "valid": rng.random() < 0.95,
        "team": rng.choice(teams),
        "level": level,
        "distributions": rng.choices((1, 2), (90, 10))[0],
        "revisit_count": int(rng.random() < 0.15),
        "create_time": created,
        "sla_due_time": due,
        "resolve_time": created + timedelta(hours=10) if resolved else None,
        "close_time": created + timedelta(hours=rng.choice((12, 100, 300))) if closed else None,
        "version": 1,
        "body": {},
    }


async def run_kpis(args, db_url: str) -> dict:
    db = Database(db_url)
    await db.migrate(MIGRATIONS)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    teams = [f"/cn-south/office-{o}/team-{t}" for o in range(1, 5) for t in range(1, 6)]
    rng = random.Random(7)
    began = time.perf_counter()
    chunk = 5000
    for first in range(0, args.kpi_issues, chunk):
        rows = [
            _row(i, start, teams, rng) for i in range(first, min(first + chunk, args.kpi_issues))
        ]
        async with db.transaction() as conn:
            await conn.execute(store.issues.insert(), rows)
    loaded = time.perf_counter() - began
    end = start + timedelta(days=365)
    timings = {}
    for label, team in (
        ("one team", teams[0]),
        ("one office", "/cn-south/office-1"),
        ("the region", "/cn-south"),
    ):
        began = time.perf_counter()
        async with db.read() as conn:
            counts = await store.kpi_counts(conn, "cn-south", team, start, end)
        kpis = domain.kpis(counts)
        timings[label] = (time.perf_counter() - began, counts.new_valid, kpis)
    await db.close()
    print_table(
        f"Team KPIs over {args.kpi_issues:,} issues in one year ({args.database}; "
        f"loaded in {loaded:.1f} s)",
        ("team", "issues counted", "seconds", "self-resolution", "on-time closure"),
        [
            (
                label,
                n,
                round(s, 3),
                f"{k.self_resolution_rate:.1%}",
                f"{k.on_time_closure_rate:.1%}",
            )
            for label, (s, n, k) in timings.items()
        ],
    )
    return {
        "kpi_issues": args.kpi_issues,
        "kpi_load_seconds": round(loaded, 2),
        **{
            f"kpi_{label.replace(' ', '_')}_seconds": round(s, 3)
            for label, (s, _, _) in timings.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time per part")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured time first")
    parser.add_argument("--concurrency", type=int, default=16, help="client tasks")
    parser.add_argument("--kpi-issues", type=int, default=100_000, help="issues for the KPIs")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    parser.add_argument("--no-calls", action="store_true", help="only the KPI part")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    figures: dict = {"bench": "satisfaction_issues", "database": args.database}
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        nats = EmbeddedNats(workdir / "nats").start()
        try:
            with (
                database_url(args.postgres, workdir, "archive") as archive_db,
                database_url(args.postgres, workdir, "satisfaction") as satisfaction_db,
            ):
                if not args.no_calls:
                    figures |= run_calls(args, workdir, nats.url, archive_db, satisfaction_db)
            with database_url(args.postgres, workdir, f"kpis-{uuid.uuid4().hex[:6]}") as kpi_db:
                figures |= asyncio.run(run_kpis(args, kpi_db))
        finally:
            nats.stop()
    emit_json(figures)


if __name__ == "__main__":
    main()
