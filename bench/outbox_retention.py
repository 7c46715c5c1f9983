"""What keeping published events for a restore costs the outbox relay (`outbox_published`,
`MCR_OUTBOX_RETENTION_SECONDS`): the relay drains the same committed events with the retention
off (0: the baseline, measured in the same run) and at its default (1 h), alternately, and
prints events per second of each and their ratio.

    uv run python bench/outbox_retention.py [--events 3000] [--rounds 3]
                                            [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path

import nats
from _common import database_url, emit_json, median, print_table
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr_core.bus import Outbox, OutboxRelay, ensure_service_stream
from mcr_core.bus.outbox import DEFAULT_RETENTION_SECONDS
from mcr_core.clock import SystemClock
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.storage import Database

SETTINGS = {"off (baseline)": 0.0, "1 h (default)": DEFAULT_RETENTION_SECONDS}


async def drain(url: str, js, events: int, retention: float) -> float:
    """Commit `events` (100 per transaction), then time the relay publishing them all."""
    db = Database(url)
    await db.migrate()
    outbox = Outbox(source="mcr/bench", clock=SystemClock())
    message = events_pb2.CustomerCreated(customer=customer_pb2.Customer(display_name="Bench"))
    try:
        for _ in range(0, events, 100):
            async with db.transaction() as conn:
                await outbox.add_many(conn, [("mcr.bench.customer.created", message, "r")] * 100)
        relay = OutboxRelay(db, js, outbox, retention_seconds=retention)
        started = time.perf_counter()
        published = await relay.publish_all()
        return published / (time.perf_counter() - started)
    finally:
        await db.close()


async def measure(args: argparse.Namespace, urls: list[dict[str, str]], store: Path):
    server = EmbeddedNats(store).start()
    nc = await nats.connect(server.url)
    try:
        js = nc.jetstream()
        await ensure_service_stream(js, "bench")
        rates: dict[str, list[float]] = {name: [] for name in SETTINGS}
        for round_urls in urls:  # alternately, so both see the same machine's load
            for name, retention in SETTINGS.items():
                rates[name].append(await drain(round_urls[name], js, args.events, retention))
        return rates
    finally:
        await nc.close()
        server.stop()


def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as directory, contextlib.ExitStack() as databases:
        # Fresh databases made before the event loop runs (the kit makes them with its own).
        urls = [
            {
                name: databases.enter_context(
                    database_url(args.postgres, Path(directory), f"r{round_}-{index}")
                )
                for index, name in enumerate(SETTINGS)
            }
            for round_ in range(args.rounds)
        ]
        rates = asyncio.run(measure(args, urls, Path(directory) / "nats"))
    baseline = median(rates["off (baseline)"])
    rows = [
        [name, median(values), min(values), max(values), median(values) / baseline]
        for name, values in rates.items()
    ]
    database = "PostgreSQL" if args.postgres else "SQLite"
    print_table(
        f"outbox relay, {args.events} events, {args.rounds} rounds, {database}",
        ["retention", "events/s (median)", "min", "max", "vs baseline"],
        rows,
    )
    emit_json({name: median(values) for name, values in rates.items()})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    main(parser.parse_args())
