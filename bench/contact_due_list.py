"""The daily due list over many person cadences: time and memory.

Two ways the due list is computed, each next to a baseline measured in the same run:

- in memory, the domain rule (`domain.due_list`: status, breach first, cold stoves) over every
  cadence of the portfolio, as a nightly batch would, against a bare filter-and-sort of the
  same rows; time, rows per second and the peak memory the call allocates (tracemalloc);
- in the database, one owner's due list as `ListDueContacts` computes it (the indexed
  `person_cadences` query, then the domain rule), against reading one cadence by its key.

    uv run python bench/contact_due_list.py [--cadences 100000] [--per-owner 1000]
                                            [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]

`--cadences 1000000` is the issue's size (about a minute on SQLite, most of it the inserts).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import database_url, emit_json, median, ms, percentile, print_table
from mcr_contact import store
from mcr_contact.__main__ import MIGRATIONS
from mcr_contact.domain import due_list
from mcr_core.storage import Database

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_END = NOW.replace(hour=0) + timedelta(days=1)
COLD_DAYS = 90
CHUNK = 10_000
QUERIES = 200


def cadence_rows(count: int, per_owner: int, seed: int = 7) -> list[dict]:
    """Cadences as contact stores them: ideal 21–45 days, maximum a third longer, the last
    contact up to 1.4 ideal intervals ago (about 29 % fall due by today, 5 % breached)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        ideal = timedelta(days=rng.randint(21, 45))
        maximum = ideal * 4 / 3
        last = NOW - ideal * rng.uniform(0, 1.4)
        customer = f"c{n // 20:07d}"
        rows.append(
            {
                "person": f"customers/{customer}/persons/p{n:08d}",
                "customer_id": customer,
                "region": "bench",
                "role": "key_person",
                "owner_id": f"e{n % (count // per_owner or 1):06d}",
                "owner_unit": "/bench/team",
                "supervisor_id": "boss",
                "sponsor_id": "",
                "tier": "A",
                "ideal_seconds": ideal.total_seconds(),
                "max_seconds": maximum.total_seconds(),
                "source": "policy",
                "since_time": last - timedelta(days=200),
                "first_contact_time": last - timedelta(days=100),
                "last_contact_time": last,
                "due_time": last + ideal,
                "breach_time": last + maximum,
            }
        )
    return rows


def as_tuples(rows: list[dict]) -> list[tuple]:
    return [
        (
            r["person"],
            r["customer_id"],
            r["role"],
            r["due_time"],
            r["breach_time"],
            r["last_contact_time"],
            r["since_time"],
        )
        for r in rows
    ]


def timed_with_peak(function, *args):
    """The result and time of a plain call, and the peak it allocates (a second, traced call:
    tracing slows the call, so it is not timed)."""
    began = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - began
    tracemalloc.start()
    function(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def bare_filter_sort(tuples: list[tuple]) -> list[tuple]:
    return sorted((t for t in tuples if t[3] <= DAY_END), key=lambda t: (t[3], t[0]))


async def database_figures(url: str, rows: list[dict], owners: int) -> dict:
    db = Database(url)
    await db.migrate(MIGRATIONS)
    began = time.perf_counter()
    for start in range(0, len(rows), CHUNK):
        async with db.transaction() as conn:
            await conn.execute(store.person_cadences.insert(), rows[start : start + CHUNK])
    inserted = time.perf_counter() - began
    rng = random.Random(11)
    due_lists, keyed, sizes = [], [], []
    for _ in range(QUERIES):
        owner = f"e{rng.randrange(owners):06d}"
        person = rows[rng.randrange(len(rows))]["person"]
        async with db.read() as conn:
            began = time.perf_counter()
            tracked = await store.due_rows(conn, owner, DAY_END)
            entries = due_list((tuple(t[:7]) for t in tracked), DAY_END, COLD_DAYS)
            due_lists.append(time.perf_counter() - began)
            sizes.append(len(entries))
            began = time.perf_counter()
            await store.get_tracked(conn, person)
            keyed.append(time.perf_counter() - began)
    await db.close()
    return {
        "insert_seconds": inserted,
        "due_list": sorted(due_lists),
        "keyed": sorted(keyed),
        "due_per_owner": median(sizes),
    }


def run(args: argparse.Namespace, url: str) -> dict:
    began = time.perf_counter()
    rows = cadence_rows(args.cadences, args.per_owner)
    tuples = as_tuples(rows)
    generated = time.perf_counter() - began
    entries, rule_seconds, rule_peak = timed_with_peak(due_list, tuples, DAY_END, COLD_DAYS)
    bare, bare_seconds, bare_peak = timed_with_peak(bare_filter_sort, tuples)
    assert len(entries) == len(bare)  # the same cadences fall due either way
    breached = sum(e.status == "breached" for e in entries)
    cold = sum(e.cold for e in entries)
    owners = max(args.cadences // args.per_owner, 1)
    db = asyncio.run(database_figures(url, rows, owners))
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print_table(
        f"Due list over {args.cadences:,} person cadences, in memory (generated in "
        f"{generated:.1f} s)",
        ("computation", "seconds", "rows/s", "peak MiB", "of bare time"),
        [
            ("bare filter and sort", bare_seconds, args.cadences / bare_seconds,
             bare_peak / 2**20, "1.00x"),
            ("domain.due_list (status, order, cold)", rule_seconds, args.cadences / rule_seconds,
             rule_peak / 2**20, f"{rule_seconds / bare_seconds:.2f}x"),
        ],
    )  # fmt: skip
    print(f"{len(entries):,} due by today, {breached:,} breached (escalated), {cold:,} cold stoves")
    print_table(
        f"One owner's due list in the database ({args.database}, {owners:,} owners, "
        f"{args.per_owner:,} cadences each; {args.cadences:,} rows inserted in "
        f"{db['insert_seconds']:.1f} s)",
        ("query", "p50 ms", "p99 ms", "of keyed p50"),
        [
            ("one cadence by its key (baseline)", ms(percentile(db["keyed"], 50)),
             ms(percentile(db["keyed"], 99)), "1.0x"),
            (f"due list of one owner (~{db['due_per_owner']:.0f} due)",
             ms(percentile(db["due_list"], 50)), ms(percentile(db["due_list"], 99)),
             f"{percentile(db['due_list'], 50) / percentile(db['keyed'], 50):.1f}x"),
        ],
    )  # fmt: skip
    print(f"process peak RSS {rss_mib:,.0f} MiB")
    return {
        "bench": "contact_due_list",
        "database": args.database,
        "cadences": args.cadences,
        "owners": owners,
        "rule_seconds": round(rule_seconds, 3),
        "bare_seconds": round(bare_seconds, 3),
        "rule_over_bare": round(rule_seconds / bare_seconds, 2),
        "rule_peak_mib": round(rule_peak / 2**20, 1),
        "due": len(entries),
        "breached": breached,
        "insert_seconds": round(db["insert_seconds"], 1),
        "owner_due_list_p50_ms": ms(percentile(db["due_list"], 50)),
        "owner_due_list_p99_ms": ms(percentile(db["due_list"], 99)),
        "keyed_p50_ms": ms(percentile(db["keyed"], 50)),
        "peak_rss_mib": round(rss_mib),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cadences", type=int, default=100_000, help="person cadences")
    parser.add_argument("--per-owner", type=int, default=1000, help="cadences per owner")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with (
        tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp,
        database_url(args.postgres, Path(tmp), "contact") as url,
    ):
        figures = run(args, url)
    emit_json(figures)


if __name__ == "__main__":
    main()
