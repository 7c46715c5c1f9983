"""The power map with its gaps for one big customer (issue: planning).

A customer with `--persons` (500) persons and `--edges` (2,000) reporting/influence/conflict
edges, read with `GetPowerMap` over gRPC through the full planning service (token check,
visibility, the persons, edges and open gaps), one call after another; and
`UpdatePowerMapPerson`, which also computes the customer's coverage gaps again and announces
the ones that open or close. The baseline in the same run is `GetCustomerTeam` of the same
customer (same service, same token and visibility check, one small read): the ratios say what
the size of the map costs.

    uv run python bench/planning_power_map.py [--persons 500] [--edges 2000] [--calls 200]
                                             [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import grpc
from _common import database_url, emit_json, ms, percentile, print_table
from mcr.planning.v1 import planning_pb2
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc as pb_grpc
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.testing import AuthKeys, service_settings
from mcr_planning import store
from mcr_planning.__main__ import SPEC
from mcr_planning.config import PlanningSettings
from mcr_planning.domain import DecisionRole, EdgeKind, Layer, PowerEdge
from mcr_planning.powermap import store as map_store
from mcr_planning.powermap.domain import coverage_gaps

CUSTOMER = "c-big"
REGION = "cn-south"
UNIT = "/cn-south/enterprise/team-1"


async def seed(service, persons: int, edges: int) -> None:
    rng = random.Random(7)
    roles, layers = list(DecisionRole), list(Layer)
    names = [f"customers/{CUSTOMER}/persons/p{i:04d}" for i in range(persons)]
    async with service.kernel.db.transaction() as conn:
        now = datetime.now(UTC)
        await conn.execute(
            store.teams.insert().values(
                customer_id=CUSTOMER,
                region=REGION,
                tier="S",
                org_level="cooperation",
                general_level="medium",
                update_time=now,
                etag="x",
            )
        )
        await conn.execute(
            store.stakeholders.insert().values(
                resource=f"customers/{CUSTOMER}", employee_id="e-1001", org_unit=UNIT, role="leader"
            )
        )
        await conn.execute(
            map_store.tier_obligations.insert().values(
                tier="S", codes=["key_relationship", "general_relationship"], etag="x"
            )
        )
        await conn.execute(
            map_store.persons.insert(),
            [
                {
                    "customer_id": CUSTOMER,
                    "person": name,
                    "display_name": f"P{i}",
                    "role": rng.choice(roles).value,
                    "layer": rng.choice(layers).value,
                    "support": rng.randint(-3, 2),
                    "competitor_support": {"rival": rng.randint(-3, 3)},
                    "coach": False,
                    "veto": rng.random() < 0.05,
                    "owner": "e-1001",
                    "target_level": 3 if rng.random() < 0.1 else None,
                    "in_archive": True,
                }
                for i, name in enumerate(names)
            ],
        )
        await conn.execute(
            map_store.edges.insert(),
            [
                {
                    "id": str(uuid.uuid4()),
                    "customer_id": CUSTOMER,
                    "source": rng.choice(names),
                    "target": rng.choice(names),
                    "kind": rng.choice(list(EdgeKind)).value,
                }
                for _ in range(edges)
            ],
        )


async def latencies(call, calls: int) -> list[float]:
    for _ in range(min(20, calls)):
        await call()
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return sorted(times)


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
    try:
        await seed(service, args.persons, args.edges)
        metadata = keys.metadata(region=REGION, org_unit=UNIT)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}") as channel:
            stub = pb_grpc.PlanningServiceStub(channel)
            team = pb.GetCustomerTeamRequest(name=f"customers/{CUSTOMER}/planningTeam")
            power_map = pb.GetPowerMapRequest(name=f"customers/{CUSTOMER}/powerMap")
            flip = [0]

            async def update():
                flip[0] ^= 1  # a coach appears and goes: a gap closes and opens each time
                person = planning_pb2.PowerMapPerson(
                    person=f"customers/{CUSTOMER}/persons/p0000", coach=bool(flip[0])
                )
                await stub.UpdatePowerMapPerson(
                    pb.UpdatePowerMapPersonRequest(
                        power_map_person=person, update_mask={"paths": ["coach"]}
                    ),
                    metadata=metadata,
                )

            await update()  # computes the gaps of the seeded map once
            got = await stub.GetPowerMap(power_map, metadata=metadata)
            results = {
                "baseline GetCustomerTeam": await latencies(
                    lambda: stub.GetCustomerTeam(team, metadata=metadata), args.calls
                ),
                "GetPowerMap": await latencies(
                    lambda: stub.GetPowerMap(power_map, metadata=metadata), args.calls
                ),
                "UpdatePowerMapPerson (+gaps)": await latencies(update, args.calls),
            }
        async with service.kernel.db.read() as conn:
            persons = await map_store.persons_of(conn, CUSTOMER)
            edge_rows = await map_store.edges_of(conn, CUSTOMER)
        edges = [PowerEdge(r.source, r.target, EdgeKind(r.kind)) for r in edge_rows]

        async def compute():
            coverage_gaps("c", frozenset({"key_relationship"}), persons, edges, None)

        results["coverage_gaps() alone"] = await latencies(compute, args.calls)
    finally:
        await service.stop()
    base = percentile(results["baseline GetCustomerTeam"], 50)
    rows = [
        (
            label,
            len(times),
            ms(percentile(times, 50)),
            ms(percentile(times, 99)),
            f"{percentile(times, 50) / base:.1f}x",
        )
        for label, times in results.items()
    ]
    print_table(
        f"Power map of {args.persons} persons, {args.edges} edges, {len(got.gaps)} open gaps "
        f"({args.database}, calls one after another)",
        ("call", "calls", "p50 ms", "p99 ms", "p50 / baseline"),
        rows,
    )
    keys_ = {
        "baseline GetCustomerTeam": "baseline",
        "GetPowerMap": "get_power_map",
        "UpdatePowerMapPerson (+gaps)": "update_person",
        "coverage_gaps() alone": "gaps_only",
    }
    return {
        "bench": "planning_power_map",
        "database": args.database,
        "persons": args.persons,
        "edges": args.edges,
        "open_gaps": len(got.gaps),
        **{
            f"{keys_[label]}_{q}": ms(percentile(times, n))
            for label, times in results.items()
            for q, n in (("p50_ms", 50), ("p99_ms", 99))
        },
        "get_power_map_p50_ratio": round(percentile(results["GetPowerMap"], 50) / base, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=500)
    parser.add_argument("--edges", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=200, help="measured calls per kind")
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
