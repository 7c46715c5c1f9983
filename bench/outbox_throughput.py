"""Events through the kernel's bus (outbox -> relay -> JetStream -> consumer) vs raw publishes.

Outbox path: writer tasks commit `Outbox.add` in `Database.transaction()` (a CustomerCreated per
event), the `OutboxRelay` publishes to JetStream, and an `EventConsumer` on its own database
handles each event once, recording one effect row. It counts from the first write to the last
event handled, so a backlog that is still draining is not counted as throughput. Raw path: the
same kind of payloads and headers published straight to a stream with nats-py, pipelined
(`publish_async`, futures awaited) and one at a time (`publish`) for reference.

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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from _common import database_url, emit_json, ms, percentile, print_table
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.common.v1 import money_pb2
from mcr_core.bus import EventConsumer, Outbox, OutboxRelay, connect, event_subject
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.bus.streams import ensure_service_stream
from mcr_core.clock import SystemClock
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.storage import Database
from nats.aio.client import Client
from nats.aio.msg import Msg
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
)


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
    started, futures = time.perf_counter(), []
    while time.perf_counter() - started < seconds:
        payload, headers = raw_message()
        futures.append(await js.publish_async(RAW_SUBJECT, payload, headers=headers))
    await asyncio.gather(*futures)
    return len(futures) / (time.perf_counter() - started)


async def raw_publish(js: JetStreamContext, seconds: float) -> float:
    """Events/s publishing one at a time, each waiting for its ack."""
    started, count = time.perf_counter(), 0
    while time.perf_counter() - started < seconds:
        payload, headers = raw_message()
        await js.publish(RAW_SUBJECT, payload, headers=headers)
        count += 1
    return count / (time.perf_counter() - started)


# --- the outbox path ------------------------------------------------------------------------


class TimedConsumer(EventConsumer):
    """Notes when each event was first handled: after its effect committed and it was acked."""

    def __init__(self, *, handled: dict[str, float], **kwargs) -> None:
        super().__init__(**kwargs)
        self.handled = handled

    async def handle(self, msg: Msg) -> None:
        await super().handle(msg)
        self.handled.setdefault((msg.headers or {}).get("ce-id", ""), time.perf_counter())


async def record_effect(event, session) -> None:
    await session.execute(effects.insert().values(event_id=event.id))


@dataclass
class Pipeline:
    writer_db: Database
    consumer_db: Database
    outbox: Outbox
    connections: list[Client]
    handled: dict[str, float] = field(default_factory=dict)
    tasks: list[asyncio.Task] = field(default_factory=list)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for nc in self.connections:
            await nc.drain()
        await self.writer_db.close()
        await self.consumer_db.close()


async def start_pipeline(nats_url: str, writer_url: str, consumer_url: str) -> Pipeline:
    """A writing service (database, outbox, relay) and a consuming service (its own database
    and NATS connection), wired as `start_service` wires them, at its default settings."""
    writer_db, consumer_db = Database(writer_url), Database(consumer_url)
    await writer_db.migrate()
    await consumer_db.migrate()
    async with consumer_db.engine.begin() as conn:
        await conn.run_sync(effects_metadata.create_all)
    writer_nc = await connect(nats_url, "bench-writer")
    consumer_nc = await connect(nats_url, "bench-consumer")
    stream = await ensure_service_stream(writer_nc.jetstream(), "bench")
    outbox = Outbox(source=SOURCE, clock=SystemClock())
    pipeline = Pipeline(writer_db, consumer_db, outbox, [writer_nc, consumer_nc])
    relay = OutboxRelay(writer_db, writer_nc.jetstream(), outbox)
    consumer = TimedConsumer(
        handled=pipeline.handled,
        name="bench-effects",
        stream=stream,
        subjects=[SUBJECT],
        handler=record_effect,
        db=consumer_db,
        js=consumer_nc.jetstream(),
    )
    await consumer.start()
    pipeline.tasks = [asyncio.create_task(relay.run()), asyncio.create_task(consumer.run())]
    return pipeline


async def commit_events(pipeline: Pipeline, committed: dict[str, float], per_txn: int) -> None:
    """One transaction staging `per_txn` events, as a service's command would."""
    async with pipeline.writer_db.transaction() as session:
        ids = []
        for _ in range(per_txn):
            message = customer_created()
            ids.append(
                await pipeline.outbox.add(session, SUBJECT, message, resource=message.customer.name)
            )
    # The commit time is known only after the commit, so it cannot travel inside the committed
    # row; writer and consumer share this process, so a map by event id is exact.
    committed.update(dict.fromkeys(ids, time.perf_counter()))


async def write(pipeline: Pipeline, committed: dict[str, float], per_txn: int, until: float):
    while time.perf_counter() < until:
        await commit_events(pipeline, committed, per_txn)


async def wait_handled(pipeline: Pipeline, ids: list[str], timeout: float) -> None:
    pending = list(ids)
    deadline = time.perf_counter() + timeout
    while pending and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
        pending = [i for i in pending if i not in pipeline.handled]


async def effect_counts(pipeline: Pipeline) -> Counter:
    async with pipeline.consumer_db.read() as session:
        rows = await session.execute(
            sa.select(effects.c.event_id, sa.func.count()).group_by(effects.c.event_id)
        )
        return Counter(dict(rows.all()))


@dataclass
class OutboxResult:
    per_txn: int
    committed: int
    handled: int
    lost: int
    duplicates: int
    events_per_second: float
    commits_per_second: float  # events committed per second while writing
    latencies: list[float]  # sorted, seconds: commit to handled

    def figures(self) -> dict:
        return {
            "events_per_txn": self.per_txn,
            "events_per_s": round(self.events_per_second, 1),
            "written_per_s": round(self.commits_per_second, 1),
            "p50_ms": ms(percentile(self.latencies, 50)),
            "p99_ms": ms(percentile(self.latencies, 99)),
            "committed": self.committed,
            "handled": self.handled,
            "lost": self.lost,
            "duplicates": self.duplicates,
        }


async def outbox_run(
    pipeline: Pipeline, writers: int, per_txn: int, seconds: float, drain: float
) -> OutboxResult:
    committed: dict[str, float] = {}
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(write(pipeline, committed, per_txn, until) for _ in range(writers)))
    written = time.perf_counter() - started
    await wait_handled(pipeline, list(committed), drain)
    return await outcome(pipeline, committed, per_txn, started, written)


async def idle_run(pipeline: Pipeline, events: int, gap: float, drain: float) -> OutboxResult:
    """Single events `gap` seconds apart into an idle pipeline: the latency of a quiet day."""
    committed: dict[str, float] = {}
    started = time.perf_counter()
    for _ in range(events):
        await commit_events(pipeline, committed, 1)
        await asyncio.sleep(gap)
    written = time.perf_counter() - started
    await wait_handled(pipeline, list(committed), drain)
    return await outcome(pipeline, committed, 1, started, written)


async def outcome(
    pipeline: Pipeline, committed: dict[str, float], per_txn: int, started: float, written: float
) -> OutboxResult:
    counts = await effect_counts(pipeline)
    seen = [i for i in committed if counts[i] > 0]
    done = [pipeline.handled[i] for i in seen if i in pipeline.handled]
    finished = max(done, default=time.perf_counter())
    return OutboxResult(
        per_txn=per_txn,
        committed=len(committed),
        handled=len(seen),
        lost=len(committed) - len(seen),
        duplicates=sum(counts[i] - 1 for i in seen),
        events_per_second=len(seen) / (finished - started),
        commits_per_second=len(committed) / written,
        latencies=sorted(pipeline.handled[i] - committed[i] for i in seen),
    )


# --- run and report --------------------------------------------------------------------------


async def run(args: argparse.Namespace, nats_url: str, writer_url: str, consumer_url: str):
    raw_nc = await connect(nats_url, "bench-raw")
    raw_js = raw_nc.jetstream()
    await ensure_service_stream(raw_js, "benchraw")
    raw = {
        "publish_async": await raw_publish_async(raw_js, args.seconds),
        "publish": await raw_publish(raw_js, args.seconds),
    }
    await raw_nc.drain()
    pipeline = await start_pipeline(nats_url, writer_url, consumer_url)
    try:
        results = [
            await outbox_run(pipeline, args.writers, per_txn, args.seconds, args.drain)
            for per_txn in sorted({1, args.batch})
        ]
        idle = await idle_run(pipeline, args.idle_events, 0.1, args.drain)
    finally:
        await pipeline.stop()
    return raw, results, idle


def report(args: argparse.Namespace, raw: dict, results: list[OutboxResult], idle: OutboxResult):
    single = results[0]
    ratio = single.events_per_second / raw["publish_async"]
    rows: list[tuple] = [
        ("raw js.publish_async (pipelined)", raw["publish_async"]),
        ("raw js.publish (awaited, 1 by 1)", raw["publish"]),
    ]
    for r in results:
        rows.append(
            (f"outbox, {r.per_txn} event/txn, {args.writers} writers", *_outbox_cells(r))
        )
    label = f"outbox, idle: {idle.committed} single events 100 ms apart"
    rows.append((label, "", "", *_outbox_cells(idle)[2:]))
    print_table(
        f"Events: {args.seconds:g} s per run ({args.database}); latency = commit to handled",
        ("path", "events/s", "written/s", "p50 ms", "p99 ms", "handled once"),
        [row + ("",) * (6 - len(row)) for row in rows],
    )
    print(f"outbox (1 event/txn) / raw publish_async  {ratio:6.1%}   goal >= {GOAL_RATIO:.0%}")
    exactly_once = all(r.lost == 0 and r.duplicates == 0 for r in [*results, idle])
    print(f"exactly once: {'yes' if exactly_once else 'NO'} (0 lost and 0 duplicate effects)")
    return {
        "bench": "outbox_throughput",
        "database": args.database,
        "seconds": args.seconds,
        "writers": args.writers,
        "raw_publish_async_per_s": round(raw["publish_async"], 1),
        "raw_publish_per_s": round(raw["publish"], 1),
        "outbox": [r.figures() for r in results],
        "idle": idle.figures(),
        "ratio": round(ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "exactly_once": exactly_once,
    }


def _outbox_cells(r: OutboxResult) -> tuple:
    return (
        r.events_per_second,
        r.commits_per_second,
        ms(percentile(r.latencies, 50)),
        ms(percentile(r.latencies, 99)),
        f"{r.handled}/{r.committed}, {r.lost} lost, {r.duplicates} dup",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time each path is driven")
    parser.add_argument("--writers", type=int, default=8, help="concurrent writer tasks")
    parser.add_argument("--batch", type=int, default=10, help="events per txn, batched variant")
    parser.add_argument("--idle-events", type=int, default=10, help="events into an idle bus")
    parser.add_argument("--drain", type=float, default=30.0, help="longest wait for the backlog")
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
                raw, results, idle = asyncio.run(run(args, nats.url, writer_url, consumer_url))
        finally:
            nats.stop()
    emit_json(report(args, raw, results, idle))


if __name__ == "__main__":
    main()
