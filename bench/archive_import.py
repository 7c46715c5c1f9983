"""Importing customers and persons from CSV vs a raw bulk insert of the same rows (issue 3).

The import path is the one `mcr import` takes: the CSV file read and streamed in batches over
gRPC (ImportRecords) to the real archive service in its own process, which checks every row,
resolves natural keys, writes each batch in one transaction with field history and one event
per record through the outbox. The baseline writes the same rows, read from the same files,
into the same tables of the same database in the same run, with nothing checked: PostgreSQL's
COPY (asyncpg `copy_records_to_table`) or SQLite's `executemany`, one transaction per table.

    uv run python bench/archive_import.py [--customers 2000] [--postgres URL]
    uv run python bench/archive_import.py --full        # the issue's 100,000 / 300,000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

import sqlalchemy as sa
from _common import Child, database_url, emit_json, met, print_table, until_told_to_stop
from mcr_archive import store
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_cli.bulk import import_file
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.tables import read_rows, write_rows
from mcr_core.telemetry import setup_telemetry
from mcr_core.testing import AuthKeys, service_settings

GOAL = 0.20  # the import keeps at least 20 % of raw COPY's rows/s on PostgreSQL
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
INDUSTRIES = ("telecom", "finance", "healthcare", "energy", "manufacturing", "government")
LAYERS = ("senior", "middle", "grassroots")
ROLES = ("initiator", "user", "influencer", "decider", "approver", "buyer", "gatekeeper")
CUSTOMER_COLUMNS = ["key", "display_name", "industry", "province", "ownership_type"]
PERSON_COLUMNS = ["key", "customer_key", "display_name", "title", "layer", "decision_roles",
                  "veto_holder"]  # fmt: skip


def write_files(workdir: Path, customers: int, prefix: str) -> tuple[Path, Path]:
    """The customers and 3 persons per customer, as an account team's files would be."""
    rng = random.Random(7)
    customer_file, person_file = (
        workdir / f"{prefix}customers.csv",
        workdir / f"{prefix}persons.csv",
    )
    write_rows(customer_file, "csv", CUSTOMER_COLUMNS, (
        {"key": f"{prefix}C{i}", "display_name": f"{rng.choice('南北东西中')}海{i}号公司",
         "industry": rng.choice(INDUSTRIES), "province": "广东", "ownership_type": "private"}
        for i in range(customers)
    ))  # fmt: skip
    write_rows(person_file, "csv", PERSON_COLUMNS, (
        {"key": f"P{j}", "customer_key": f"{prefix}C{i}",
         "display_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
         "title": "总监", "layer": rng.choice(LAYERS),
         "decision_roles": f"core:{rng.choice(ROLES)}", "veto_holder": str(j == 0).lower()}
        for i in range(customers) for j in range(3)
    ))  # fmt: skip
    return customer_file, person_file


# --- the archive (its own process) -----------------------------------------------------------


def serve(settings: ServiceSettings, conn: Connection) -> None:
    asyncio.run(_serve(settings, conn))


async def _serve(settings: ServiceSettings, conn: Connection) -> None:
    setup_telemetry(settings.service_name, "WARNING")
    service = await start_service(SPEC, settings)
    conn.send(service.grpc_port)
    await until_told_to_stop(conn)
    await service.stop()


async def import_both(target: str, token: str, files: tuple[Path, Path], batch: int) -> dict:
    figures = {}
    for kind, path in zip(("customers", "persons"), files, strict=True):
        started = time.perf_counter()
        report = await import_file(target, token, kind, path, False, batch)
        figures[kind] = (time.perf_counter() - started, report.created, report.rejected)
    return figures


# --- the baseline: the same rows, straight into the tables -----------------------------------


def raw_records(files: tuple[Path, Path]) -> tuple[list[dict], list[dict]]:
    now = datetime.now(UTC)
    ids: dict[str, str] = {}
    customers = []
    for _, row in read_rows(files[0], "csv"):
        ids[row["key"]] = customer_id = str(uuid.uuid4())
        customers.append({
            "id": customer_id, "display_name": row["display_name"], "industry": row["industry"],
            "country_code": "", "region": "cn-south", "employee_count": 0,
            "lifecycle_state": "prospect", "create_time": now, "update_time": now, "revision": 1,
            "owner_id": "e-1001", "tier": "", "ownership_type": row["ownership_type"],
            "province": row["province"], "credit_rating": "", "natural_key": row["key"],
            "search_key": "",
        })  # fmt: skip
    persons = []
    for _, row in read_rows(files[1], "csv"):
        person_id = str(uuid.uuid4())
        persons.append({
            "id": person_id, "customer_id": ids[row["customer_key"]],
            "display_name": row["display_name"], "title": row["title"], "layer": row["layer"],
            "owner_id": "e-1001", "veto_holder": row["veto_holder"] == "true",
            "rising_star": False, "retired": False, "create_time": now, "update_time": now,
            "revision": 1, "decision_roles": json.dumps([]), "outside_org_chart": False,
            "individual_id": person_id, "natural_key": row["key"], "search_key": "",
        })  # fmt: skip
    return customers, persons


async def raw_postgres(url: str, tables: list[tuple[sa.Table, list[dict]]]) -> None:
    import asyncpg

    plain = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(plain)
    try:
        for table, rows in tables:
            columns = list(rows[0])
            async with conn.transaction():
                await conn.copy_records_to_table(
                    table.name, records=[tuple(r[c] for c in columns) for r in rows],
                    columns=columns,
                )  # fmt: skip
    finally:
        await conn.close()


def raw_sqlite(url: str, tables: list[tuple[sa.Table, list[dict]]]) -> None:
    conn = sqlite3.connect(sa.make_url(url).database)
    try:
        for table, rows in tables:
            columns = list(rows[0])
            sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: E501
            with conn:
                conn.executemany(sql, [tuple(_sqlite(r[c]) for c in columns) for r in rows])
    finally:
        conn.close()


def _sqlite(value):
    return value.replace(tzinfo=None).isoformat(" ") if isinstance(value, datetime) else value


def raw_insert(url: str, files: tuple[Path, Path]) -> dict:
    figures = {}
    started = time.perf_counter()
    customers, persons = raw_records(files)
    for table, rows in ((store.customers, customers), (store.persons, persons)):
        if url.startswith("sqlite"):
            raw_sqlite(url, [(table, rows)])
        else:
            asyncio.run(raw_postgres(url, [(table, rows)]))
        figures[table.name] = (time.perf_counter() - started, len(rows), 0)
        started = time.perf_counter()
    return figures


# --- run and report --------------------------------------------------------------------------


def run(args: argparse.Namespace, workdir: Path, nats_url: str, db_url: str) -> dict:
    keys = AuthKeys(workdir / "keys")
    settings = service_settings(
        ArchiveSettings, database_url=db_url, nats_url=nats_url, auth_keys=keys,
        data_dir=workdir, outbox_poll_seconds=1.0, timer_poll_seconds=1.0,
    )  # fmt: skip
    imported_files = write_files(workdir, args.customers, "")
    raw_files = write_files(workdir, args.customers, "raw-")
    server = Child(serve, settings)
    try:
        port = server.start()
        token = keys.token()
        imported = asyncio.run(import_both(f"127.0.0.1:{port}", token, imported_files, args.batch))
    finally:
        server.stop()
    raw = raw_insert(db_url, raw_files)
    return report(args, imported, raw)


def report(args, imported: dict, raw: dict) -> dict:
    rate = {
        name: sum(r[1] for r in figures.values()) / sum(r[0] for r in figures.values())
        for name, figures in (("import", imported), ("raw", raw))
    }
    ratio = rate["import"] / rate["raw"]
    raw_name = "COPY" if args.database == "postgresql" else "executemany"
    rows = [
        (f"import {kind} (gRPC stream, checks, history, outbox)", n, s, n / s)
        for kind, (s, n, _) in imported.items()
    ] + [(f"raw {raw_name} {table}", n, s, n / s) for table, (s, n, _) in raw.items()]
    print_table(
        f"Import from CSV, {args.customers:,} customers and {3 * args.customers:,} persons "
        f"({args.database}, batches of {args.batch})",
        ("path", "rows", "seconds", "rows/s"),
        rows,
    )
    rejected = sum(r[2] for r in imported.values())
    print(f"rows refused by the import: {rejected}")
    goal = f"goal >= {GOAL:.0%} of raw COPY on PostgreSQL"
    verdict = met(ratio >= GOAL) if args.database == "postgresql" else "(measured on PostgreSQL)"
    print(f"import/raw rows/s  {ratio:6.1%}   {goal}: {verdict}")
    return {
        "bench": "archive_import", "database": args.database, "customers": args.customers,
        "persons": 3 * args.customers, "batch": args.batch,
        "import_rows_per_s": round(rate["import"], 1), "raw_rows_per_s": round(rate["raw"], 1),
        "ratio": round(ratio, 3), "goal_ratio": GOAL, "rejected": rejected,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=2000, help="N customers, 3N persons")
    parser.add_argument("--full", action="store_true", help="the issue's 100,000 customers")
    parser.add_argument("--batch", type=int, default=1000, help="rows per import batch")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    if args.full:
        args.customers = 100_000
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
