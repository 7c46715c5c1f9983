"""Events through the kernel's bus (outbox -> relay -> JetStream -> consumer) vs raw publishes.

Outbox path: writer tasks commit `Outbox.add` in `Database.transaction()` (a CustomerCreated per
event) and the `OutboxRelay` publishes them to JetStream, as a service process does; an
`EventConsumer` in another process (another service: its own database and connection) handles
each event once, recording one effect row. Throughput counts from the first write to the last
event handled, so a backlog still draining is not counted. Raw path: the same kind of payloads
and headers published straight to a stream with nats-py, pipelined (`publish_async`, futures
awaited) and one at a time (`publish`) for reference.

    uv run python bench/outbox_throughput.py [--seconds 5] [--writers 8] [--batch 10]
                                             [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import sqlalchemy as sa
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
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.common.v1 import money_pb2
from mcr_core.bus import EventConsumer, Outbox, OutboxRelay, connect, event_subject
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.bus.streams import ensure_service_stream
from mcr_core.clock import SystemClock
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.storage import Database
from mcr_core.telemetry import setup_telemetry
from nats.aio.client import Client
from nats.js import JetStreamContext

GOAL_RATIO = 0.25
SUBJECT = event_subject("bench", "customer", "created")  # stream MCR_BENCH
RAW_SUBJECT = event_subject("benchraw", "customer", "created")  # stream MCR_BENCHRAW
SOURCE = "mcr/bench"
_numbers = itertools.count(1)

# The consumer's effect: one row per handling, so a duplicate effect shows as a second row.
effects_metadata = sa.MetaData()
effects = sa.Table(
    "bench_effects",
    effects_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("handled_at", sa.Float, nullable=False),  # time.monotonic() of the consumer
)


def now() -> float:
    # CLOCK_MONOTONIC: one clock for every process of the machine, so the writer can subtract
    # its commit times from the consumer's handling times.
    return time.monotonic()


def customer_created() -> events_pb2.CustomerCreated:
    """A realistic small event (about 200 bytes), different each time."""
    number = next(_numbers)
    stamp = Timestamp()
    stamp.GetCurrentTime()
    return events_pb2.CustomerCreated(
        customer=customer_pb2.Customer(
            name=f"customers/{uuid.uuid4()}",
            display_name=f"华南移动 Bench {number} Ltd",
            industry="telecom",
            country_code="CN",
            region="cn-south",
            employee_count=12_000 + number,
            annual_revenue=money_pb2.Money(currency_code="CNY", units=3_000_000_000),
            lifecycle_state=customer_pb2.LIFECYCLE_STATE_PROSPECT,
            create_time=stamp,
            update_time=stamp,
            etag=f"{number:016x}",
        )
    )


# --- raw nats-py ------------------------------------------------------------------------------


def raw_message() -> tuple[bytes, dict[str, str]]:
    """What the relay would send for one event: the payload and its CloudEvents headers."""
    message = customer_created()
    headers = cloudevent_headers(
        event_id=str(uuid.uuid4()),
        source=SOURCE,
        event_type=message.DESCRIPTOR.full_name,
        time=SystemClock().now(),
        resource=message.customer.name,
    )
    return message.SerializeToString(), headers


async def raw_publish_async(js: JetStreamContext, seconds: float) -> float:
    """Events/s with pipelined publishes: send without waiting (nats-py keeps up to 4000 in
    flight), then await every ack; the time runs until the last ack."""
    started, futures = now(), []
    while now() - started < seconds:
        payload, headers = raw_message()
        futures.append(await js.publish_async(RAW_SUBJECT, payload, headers=headers))
    await asyncio.gather(*futures)
    return len(futures) / (now() - started)


async def raw_publish(js: JetStreamContext, seconds: float) -> float:
    """Events/s publishing one at a time, each waiting for its ack."""
    started, count = now(), 0
    while now() - started < seconds:
        payload, headers = raw_message()
        await js.publish(RAW_SUBJECT, payload, headers=headers)
        count += 1
    return count / (now() - started)


async def raw_run(nats_url: str, seconds: float) -> dict[str, float]:
    nc = await connect(nats_url, "bench-raw")
    js = nc.jetstream()
    await ensure_service_stream(js, "benchraw")  # the same stream settings as a service's
    try:
        return {
            "publish_async": await raw_publish_async(js, seconds),
            "publish": await raw_publish(js, seconds),
        }
    finally:
        await nc.drain()


# --- the consuming service (its own process) -------------------------------------------------


def consume(nats_url: str, db_url: str, conn: Connection) -> None:
    asyncio.run(_consume(nats_url, db_url, conn))


async def _consume(nats_url: str, db_url: str, conn: Connection) -> None:
    setup_telemetry("bench-consumer", "WARNING")  # real spans, as in a service
    db = Database(db_url)
    await db.migrate()
    async with db.engine.begin() as connection:
        await connection.run_sync(effects_metadata.create_all)
    nc = await connect(nats_url, "bench-consumer")
    js = nc.jetstream()
    stream = await ensure_service_stream(js, "bench")
    # The kernel's defaults (those `Kernel.consumer` passes come from ServiceSettings).
    consumer = EventConsumer(
        name="bench-effects", stream=stream, subjects=[SUBJECT], handler=record_effect, db=db, js=js
    )
    await consumer.start()
    task = asyncio.create_task(consumer.run())
    conn.send("ready")
    await until_told_to_stop(conn)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await consumer.stop()
    await nc.drain()
    await db.close()


async def record_effect(event, session) -> None:
    await session.execute(effects.insert().values(event_id=event.id, handled_at=now()))


# --- the writing service (this process) -------------------------------------------------------


@dataclass
class Writer:
    """A service's database, outbox and relay, wired as `start_service` wires them."""

    db: Database
    outbox: Outbox
    nc: Client
    relay: asyncio.Task

    async def stop(self) -> None:
        self.relay.cancel()
        await asyncio.gather(self.relay, return_exceptions=True)
        await self.nc.drain()
        await self.db.close()


async def start_writer(nats_url: str, db_url: str) -> Writer:
    setup_telemetry("bench-writer", "WARNING")
    db = Database(db_url)
    await db.migrate()
    nc = await connect(nats_url, "bench-writer")
    await ensure_service_stream(nc.jetstream(), "bench")
    outbox = Outbox(source=SOURCE, clock=SystemClock())
    relay = OutboxRelay(db, nc.jetstream(), outbox)  # the ServiceSettings defaults
    return Writer(db, outbox, nc, asyncio.create_task(relay.run(), name="outbox-relay"))


async def commit_events(writer: Writer, committed: dict[str, float], per_txn: int) -> None:
    """One transaction staging `per_txn` events, as a service's command would."""
    async with writer.db.transaction() as session:
        ids = []
        for _ in range(per_txn):
            message = customer_created()
            ids.append(
                await writer.outbox.add(session, SUBJECT, message, resource=message.customer.name)
            )
    # The commit time is known only once committed, so it cannot travel in the committed row or
    # its headers; it is kept here by event id and joined with the consumer's effect rows.
    committed.update(dict.fromkeys(ids, now()))


async def write(writer: Writer, committed: dict[str, float], per_txn: int, until: float):
    while now() < until:
        await commit_events(writer, committed, per_txn)


# --- measuring the outbox path ---------------------------------------------------------------


@dataclass
class OutboxResult:
    per_txn: int
    committed: int
    handled: int
    lost: int
    duplicates: int
    events_per_second: float  # first write to last event handled
    written_per_second: float  # events committed per second while writing
    latencies: list[float]  # sorted, seconds: commit to handled

    def figures(self) -> dict:
        return {
            "events_per_txn": self.per_txn,
            "events_per_s": round(self.events_per_second, 1),
            "written_per_s": round(self.written_per_second, 1),
            "p50_ms": ms(percentile(self.latencies, 50)),
            "p99_ms": ms(percentile(self.latencies, 99)),
            "committed": self.committed,
            "handled": self.handled,
            "lost": self.lost,
            "duplicates": self.duplicates,
        }


class Effects:
    """The parent's read-only view of the consumer's database."""

    def __init__(self, db_url: str) -> None:
        self.db = Database(db_url)
        self.expected = 0  # events committed by all runs so far

    async def wait(self, timeout: float) -> None:
        """Until every committed event has an effect, or `timeout` seconds pass."""
        query = sa.select(sa.func.count(sa.distinct(effects.c.event_id)))
        deadline = now() + timeout
        while now() < deadline:
            async with self.db.read() as session:
                if (await session.execute(query)).scalar_one() >= self.expected:
                    return
            await asyncio.sleep(0.05)

    async def by_event(self) -> dict[str, tuple[int, float]]:
        """Event id -> (effects recorded, first handling time)."""
        query = sa.select(
            effects.c.event_id, sa.func.count(), sa.func.min(effects.c.handled_at)
        ).group_by(effects.c.event_id)
        async with self.db.read() as session:
            return {row[0]: (row[1], row[2]) for row in await session.execute(query)}

    async def result(
        self, committed: dict[str, float], per_txn: int, started: float, written: float
    ) -> OutboxResult:
        found = await self.by_event()
        seen = {i: found[i] for i in committed if i in found}
        finished = max((handled for _, handled in seen.values()), default=now())
        return OutboxResult(
            per_txn=per_txn,
            committed=len(committed),
            handled=len(seen),
            lost=len(committed) - len(seen),
            duplicates=sum(count - 1 for count, _ in seen.values()),
            events_per_second=len(seen) / (finished - started),
            written_per_second=len(committed) / written,
            latencies=sorted(handled - committed[i] for i, (_, handled) in seen.items()),
        )


async def sustained_run(
    writer: Writer, found: Effects, writers: int, per_txn: int, seconds: float, drain: float
) -> OutboxResult:
    """`writers` tasks commit for `seconds`; then wait for the consumer to catch up."""
    committed: dict[str, float] = {}
    started = now()
    await asyncio.gather(
        *(write(writer, committed, per_txn, started + seconds) for _ in range(writers))
    )
    written = now() - started
    found.expected += len(committed)
    await found.wait(drain)
    return await found.result(committed, per_txn, started, written)


async def idle_run(writer: Writer, found: Effects, events: int, drain: float) -> OutboxResult:
    """Single events 100 ms apart into a quiet bus: the latency of a quiet day."""
    committed: dict[str, float] = {}
    started = now()
    for _ in range(events):
        await commit_events(writer, committed, 1)
        await asyncio.sleep(0.1)
    written = now() - started
    found.expected += len(committed)
    await found.wait(drain)
    return await found.result(committed, 1, started, written)


async def outbox_runs(args: argparse.Namespace, nats_url: str, writer_url: str, consumer_url: str):
    consumer = Child(consume, nats_url, consumer_url)
    consumer.start()
    writer = await start_writer(nats_url, writer_url)
    found = Effects(consumer_url)
    try:
        results = [
            await sustained_run(writer, found, args.writers, per_txn, args.seconds, args.drain)
            for per_txn in sorted({1, args.batch})
        ]
        idle = await idle_run(writer, found, args.idle_events, args.drain)
    finally:
        await writer.stop()
        await found.db.close()
        consumer.stop()
    return results, idle


# --- report ----------------------------------------------------------------------------------


def report(args: argparse.Namespace, raw: dict, results: list[OutboxResult], idle: OutboxResult):
    ratio = results[0].events_per_second / raw["publish_async"]
    rows: list[tuple] = [
        ("raw js.publish_async (pipelined)", raw["publish_async"]),
        ("raw js.publish (awaited, 1 by 1)", raw["publish"]),
        *((f"outbox, {r.per_txn} event/txn, {args.writers} writers", *_cells(r)) for r in results),
        (f"outbox, idle: {idle.committed} events 100 ms apart", "", "", *_cells(idle)[2:]),
    ]
    print_table(
        f"Events, {args.seconds:g} s per run ({args.database}); latency: commit to handled",
        ("path", "events/s", "written/s", "p50 ms", "p99 ms", "effects"),
        [row + ("",) * (6 - len(row)) for row in rows],
    )
    exactly_once = all(r.lost == 0 and r.duplicates == 0 for r in [*results, idle])
    goal = f"goal >= {GOAL_RATIO:.0%}: {met(ratio >= GOAL_RATIO)}"
    print(f"outbox (1 event/txn) / raw publish_async  {ratio:6.1%}   {goal}")
    print(f"exactly once: {'yes' if exactly_once else 'NO'} (every event one effect)")
    if any(r.lost for r in [*results, idle]):
        print(f"lost: no effect {args.drain:g} s after writing; a longer --drain tells slow/lost")
    return {
        "bench": "outbox_throughput",
        "database": args.database,
        "seconds": args.seconds,
        "writers": args.writers,
        "raw_publish_async_per_s": round(raw["publish_async"], 1),
        "raw_publish_per_s": round(raw["publish"], 1),
        "outbox": [r.figures() for r in results],
        "idle": {k: v for k, v in idle.figures().items() if not k.endswith("per_s")},
        "ratio": round(ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "exactly_once": exactly_once,
    }


def _cells(r: OutboxResult) -> tuple:
    return (
        r.events_per_second,
        r.written_per_second,
        ms(percentile(r.latencies, 50)),
        ms(percentile(r.latencies, 99)),
        f"{r.handled}/{r.committed} once, {r.lost} lost, {r.duplicates} dup",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time each path is driven")
    parser.add_argument("--writers", type=int, default=8, help="concurrent writer tasks")
    parser.add_argument("--batch", type=int, default=10, help="events per txn, batched variant")
    parser.add_argument("--idle-events", type=int, default=10, help="events into a quiet bus")
    parser.add_argument(
        "--drain", type=float, default=20.0, help="longest wait for the consumer to catch up"
    )
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        nats = EmbeddedNats(workdir / "nats").start()
        try:
            with (
                database_url(args.postgres, workdir, "writer") as writer_url,
                database_url(args.postgres, workdir, "consumer") as consumer_url,
            ):
                raw = asyncio.run(raw_run(nats.url, args.seconds))
                results, idle = asyncio.run(outbox_runs(args, nats.url, writer_url, consumer_url))
        finally:
            nats.stop()
    emit_json(report(args, raw, results, idle))


if __name__ == "__main__":
    main()
