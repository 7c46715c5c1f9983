"""What the visibility policy costs a GetPerson (issue: archive).

Three ways to read the same person, in one process and one run, on SQLite (or PostgreSQL with
--postgres): the archive's use case with the real policy (the person, its customer and both
owners' positions in one query, then region and hierarchy rules), the same use case with an
empty policy (the query unchanged, no rule evaluated), and a bare read of the person's row.
The first minus the third is what visibility costs per call.

    uv run python bench/person_visibility.py [--calls 5000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from _common import database_url, emit_json, print_table
from mcr_archive import store
from mcr_archive.__main__ import MIGRATIONS
from mcr_archive.domain import Customer, Employee, Person
from mcr_archive.service import PersonArchive
from mcr_core.auth import MANAGER, Principal, VisibilityPolicy
from mcr_core.clock import SystemClock
from mcr_core.storage import Database


class _Kernel:
    """The two parts of the kernel PersonArchive.get uses."""

    def __init__(self, db: Database, policy: VisibilityPolicy) -> None:
        self.db, self.policy, self.clock = db, policy, SystemClock()


async def seed(db: Database) -> None:
    now = datetime.now(UTC)
    async with db.transaction() as conn:
        for employee_id, unit in (("e-1", "/r/sd/team-1"), ("e-9", "/r/sd")):
            await store.save_employee(
                conn, Employee(employee_id, "r", unit, create_time=now, update_time=now)
            )
        customer = Customer(id="c", display_name="C", region="r", owner_id="e-1")
        await store.insert_customer(conn, replace(customer, create_time=now, update_time=now), None)
        person = Person(id="p", customer_id="c", display_name="P", owner_id="e-1")
        await store.insert_person(conn, replace(person, create_time=now, update_time=now), None)


async def timed(call, calls: int) -> float:
    for _ in range(200):
        await call()
    started = time.perf_counter()
    for _ in range(calls):
        await call()
    return (time.perf_counter() - started) / calls * 1e6


async def run(url: str, calls: int) -> dict:
    db = Database(url)
    await db.migrate(MIGRATIONS)
    await seed(db)
    superior = Principal("e-9", "r", "/r/sd", frozenset({MANAGER}))
    with_policy = PersonArchive(_Kernel(db, VisibilityPolicy()))
    without = PersonArchive(_Kernel(db, VisibilityPolicy(rules=[])))
    bare_query = sa.select(store.persons).where(store.persons.c.id == sa.bindparam("id"))

    async def bare() -> None:
        async with db.read() as conn:
            (await conn.execute(bare_query, {"id": "p"})).first()

    figures = {
        "with_policy_us": await timed(lambda: with_policy.get(superior, "c", "p"), calls),
        "empty_policy_us": await timed(lambda: without.get(superior, "c", "p"), calls),
        "bare_read_us": await timed(bare, calls),
    }
    await db.close()
    figures["policy_cost_us"] = figures["with_policy_us"] - figures["bare_read_us"]
    return {k: round(v, 1) for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database_url(args.postgres, Path(tmp), "a") as url:
        figures = asyncio.run(run(url, args.calls))
    backend = "postgresql" if args.postgres else "sqlite"
    print_table(
        f"GetPerson, {args.calls} serial calls ({backend}), microseconds per call",
        ("read", "us/call"),
        [
            ("use case, real policy (superior reading)", figures["with_policy_us"]),
            ("use case, empty policy", figures["empty_policy_us"]),
            ("bare row read", figures["bare_read_us"]),
            ("visibility cost (policy - bare)", figures["policy_cost_us"]),
        ],
    )
    emit_json({"bench": "person_visibility", "database": backend, "calls": args.calls} | figures)


if __name__ == "__main__":
    main()
