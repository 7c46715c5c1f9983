"""The year-end kickoff for many customer teams (issue: planning).

`--teams` (2,000 by default; the issue's figure is 10,000) customer teams of one region, then
`StartAnnualCycle` over gRPC issues each its annual plan: the plan, its nine due items (the
three-piece set, four self-checks, the half-year revision, the evaluation), one timer and one
`AnnualPlanIssued` in the outbox, 500 teams per transaction. The baseline in the same run
writes the same plan and item rows with bare inserts (no timers, no outbox, no plugin calls):
the ratio is what the rest of the kickoff costs.

    uv run python bench/planning_kickoff.py [--teams 2000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import grpc
from _common import database_url, emit_json, print_table
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc as pb_grpc
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.testing import AuthKeys, service_settings
from mcr_planning import store
from mcr_planning.__main__ import SPEC
from mcr_planning.config import PlanningSettings
from mcr_planning.teams import store as cycle_store
from mcr_planning.teams.domain import CycleCalendar, year_items

REGION = "cn-south"
UNIT = "/cn-south/enterprise"
CHUNK = 500


async def seed(db, teams: int) -> None:
    now = datetime.now(UTC)
    for start in range(0, teams, 2000):
        async with db.transaction() as conn:
            ids = [f"c{i:06d}" for i in range(start, min(teams, start + 2000))]
            await conn.execute(
                store.teams.insert(),
                [
                    {
                        "customer_id": c,
                        "region": REGION,
                        "tier": "AB"[i % 2],
                        "org_level": "contact",
                        "general_level": "low",
                        "update_time": now,
                        "etag": "x",
                    }
                    for i, c in enumerate(ids)
                ],
            )


async def bare(db, teams: int, year: int) -> float:
    """The same rows, written with plain inserts into the plan and item tables."""
    now = datetime.now(UTC)
    items = year_items(year, CycleCalendar())
    started = time.perf_counter()
    for start in range(0, teams, CHUNK):
        async with db.transaction() as conn:
            ids = [f"c{i:06d}" for i in range(start, min(teams, start + CHUNK))]
            await conn.execute(
                cycle_store.plans.insert(),
                [
                    {"customer_id": c, "year": year, "region": REGION, "tier": "A",
                     "issue_time": now}
                    for c in ids
                ],
            )  # fmt: skip
            await conn.execute(
                cycle_store.items.insert(),
                [
                    {
                        "id": str(uuid.uuid4()),
                        "parent": f"customers/{c}/annualPlans/{year}",
                        "customer_id": c,
                        "region": REGION,
                        "kind": i.kind.value,
                        "sequence": i.sequence,
                        "due_time": i.due_time,
                        "state": "open",
                        "complete_time": None,
                        "completed_by": "",
                        "summary": "",
                        "achieved_value": None,
                    }
                    for c in ids
                    for i in items
                ],
            )
    return time.perf_counter() - started


async def run(args, workdir: Path, nats_url: str, db_url: str) -> dict:
    keys = AuthKeys(workdir / "keys")
    settings = service_settings(
        PlanningSettings,
        database_url=db_url,
        nats_url=nats_url,
        auth_keys=keys,
        data_dir=workdir,
        outbox_poll_seconds=1.0,
        timer_poll_seconds=1.0,
    )
    service = await start_service(SPEC, settings)
    year = datetime.now(UTC).year + 1
    try:
        await seed(service.kernel.db, args.teams)
        baseline = await bare(service.kernel.db, args.teams, year - 1)  # another year's rows
        metadata = keys.metadata(region=REGION, org_unit=UNIT, roles=("manager",))
        async with grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}") as channel:
            stub = pb_grpc.PlanningServiceStub(channel)
            started = time.perf_counter()
            issued = await stub.StartAnnualCycle(
                pb.StartAnnualCycleRequest(year=year), metadata=metadata, timeout=600
            )
            kickoff = time.perf_counter() - started
    finally:
        await service.stop()
    items = len(year_items(year, CycleCalendar()))
    print_table(
        f"Year-end kickoff of {args.teams:,} customer teams ({args.database})",
        ("run", "teams", "seconds", "teams/s", "items/s", "of bare"),
        [
            ("bare inserts (baseline)", args.teams, round(baseline, 2), args.teams / baseline,
             args.teams * items / baseline, "100%"),
            ("StartAnnualCycle", issued.issued_plans, round(kickoff, 2), args.teams / kickoff,
             args.teams * items / kickoff, f"{baseline / kickoff:.0%}"),
        ],
    )  # fmt: skip
    return {
        "bench": "planning_kickoff",
        "database": args.database,
        "teams": args.teams,
        "issued_plans": issued.issued_plans,
        "kickoff_seconds": round(kickoff, 2),
        "kickoff_teams_per_second": round(args.teams / kickoff, 1),
        "bare_seconds": round(baseline, 2),
        "kickoff_of_bare": round(baseline / kickoff, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        nats = EmbeddedNats(workdir / "nats").start()
        try:
            with database_url(args.postgres, workdir, "planning") as db_url:
                figures = asyncio.run(run(args, workdir, nats.url, db_url))
        finally:
            nats.stop()
    emit_json(figures)


if __name__ == "__main__":
    main()
