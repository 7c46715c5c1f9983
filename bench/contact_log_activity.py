"""LogActivity through the full contact service, with its events, vs the archive's GetCustomer.

Both servers are the real services (`start_service`: interceptors, a real JWT on every call,
the database, the outbox), each in its own process. LogActivity validates the activity, asks
the plugins for the activity types and the region's gift limit, writes the activity, its
stakeholders and an `ActivityLogged` event in one transaction, and resets the cadence of its
tracked target person; the relay then publishes the events to JetStream. GetCustomer is the
kernel's simplest read, measured in the same run as the baseline. The same client drives both:
N tasks calling back to back over one channel, a warm-up, then a measured window. After the
window the script waits until every logged activity's event is in the stream.

    uv run python bench/contact_log_activity.py [--seconds 5] [--warmup 1] [--concurrency 16]
                                                [--postgres postgresql+asyncpg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import grpc
import nats
from _common import (
    Child,
    database_url,
    emit_json,
    ms,
    percentile,
    print_table,
    until_told_to_stop,
)
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from grpc_get_customer import create_customer
from grpc_get_customer import serve as serve_archive
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import archive_service_pb2_grpc as archive_grpc
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.contact.v1 import contact_service_pb2_grpc as pb_grpc
from mcr_archive.config import ArchiveSettings
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.telemetry import setup_telemetry
from mcr_core.testing import AuthKeys, service_settings

GOAL_RATIO = 0.25  # a write with an event and a cadence reset vs the simplest read


def serve_contact(settings: ServiceSettings, conn: Connection) -> None:
    asyncio.run(_serve_contact(settings, conn))


async def _serve_contact(settings: ServiceSettings, conn: Connection) -> None:
    setup_telemetry(settings.service_name, "WARNING")
    service = await start_service(CONTACT, settings)
    conn.send(service.grpc_port)
    await until_told_to_stop(conn)
    await service.stop()


class Window:
    def __init__(self) -> None:
        self.measuring, self.running = False, True
        self.latencies: list[float] = []
        self.calls = 0  # every call, warm-up included (the events to wait for)


async def drive(call, concurrency: int, warmup: float, seconds: float):
    window = Window()

    async def caller() -> None:
        while window.running:
            started = time.perf_counter()
            await call()
            window.calls += 1
            if window.measuring:
                window.latencies.append(time.perf_counter() - started)

    callers = [asyncio.create_task(caller()) for _ in range(concurrency)]
    await asyncio.sleep(warmup)
    window.measuring, began = True, time.perf_counter()
    await asyncio.sleep(seconds)
    window.measuring, elapsed = False, time.perf_counter() - began
    window.running = False
    await asyncio.gather(*callers)
    latencies = sorted(window.latencies)
    return len(latencies) / elapsed, latencies, window.calls


async def measure_get_customer(port: int, metadata, args) -> tuple:
    name = await create_customer(f"127.0.0.1:{port}", metadata)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = archive_grpc.ArchiveServiceStub(channel)
        request = archive_pb.GetCustomerRequest(name=name)
        return await drive(
            lambda: stub.GetCustomer(request, metadata=metadata),
            args.concurrency,
            args.warmup,
            args.seconds,
        )


def _stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


async def measure_log_activity(port: int, metadata, args) -> tuple:
    customer = f"customers/{uuid.uuid4()}"
    persons = [f"{customer}/persons/{uuid.uuid4()}" for _ in range(args.persons)]
    twenty = Duration()
    twenty.FromTimedelta(timedelta(minutes=20))
    counter = itertools.count()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = pb_grpc.ContactServiceStub(channel)
        # Tracked persons, so that every logged visit also resets a cadence and its timers;
        # visits go round them, as an account team's do (one person would be a hot row).
        for person in persons:
            await stub.TrackPerson(
                pb.TrackPersonRequest(
                    person_cadence=contact_pb2.PersonCadence(
                        name=f"{person}/cadence", role="sponsor"
                    )
                ),
                metadata=metadata,
            )

        def call():
            n = next(counter)
            activity = contact_pb2.Activity(
                customer=customer,
                type="daily_visit",
                relationship_type="key",
                state="done",
                title=f"visit {n}",
                start_time=_stamp(datetime.now(UTC) - timedelta(minutes=30)),
                duration=twenty,
                target_persons=[persons[n % len(persons)]],
            )
            return stub.LogActivity(pb.LogActivityRequest(activity=activity), metadata=metadata)

        return await drive(call, args.concurrency, args.warmup, args.seconds)


async def events_in_stream(nats_url: str, expected: int, timeout: float = 60) -> tuple[int, float]:
    """How many `ActivityLogged` events reached the stream, and how long after the last call."""
    nc = await nats.connect(nats_url)
    began = time.perf_counter()
    try:
        js = nc.jetstream()
        while True:
            info = await js.stream_info("MCR_CONTACT", subjects_filter="mcr.contact.activity.>")
            count = sum((info.state.subjects or {}).values())
            if count >= expected or time.perf_counter() - began > timeout:
                return count, time.perf_counter() - began
            await asyncio.sleep(0.1)
    finally:
        await nc.drain()


def run(args: argparse.Namespace, workdir: Path, nats_url: str, urls: dict[str, str]) -> dict:
    keys = AuthKeys(workdir / "keys")
    common = {
        "nats_url": nats_url,
        "auth_keys": keys,
        "data_dir": workdir,
        "outbox_poll_seconds": 1.0,
        "timer_poll_seconds": 1.0,
    }
    archive_settings = service_settings(ArchiveSettings, database_url=urls["archive"], **common)
    contact_settings = service_settings(ContactSettings, database_url=urls["contact"], **common)
    archive = Child(serve_archive, "full", archive_settings)
    contact = Child(serve_contact, contact_settings)
    try:
        archive_port, contact_port = archive.start(), contact.start()
        metadata = keys.metadata()
        baseline = asyncio.run(measure_get_customer(archive_port, metadata, args))
        logged = asyncio.run(measure_log_activity(contact_port, metadata, args))
        published, drained = asyncio.run(events_in_stream(nats_url, logged[2]))
    finally:
        archive.stop()
        contact.stop()
    return report(args, baseline, logged, published, drained)


def report(args, baseline, logged, published: int, drained: float) -> dict:
    ratio = logged[0] / baseline[0]
    rows = [
        ("GetCustomer (archive, baseline)", len(baseline[1]), baseline[0], "100.0%",
         ms(percentile(baseline[1], 50)), ms(percentile(baseline[1], 99))),
        ("LogActivity + event (contact)", len(logged[1]), logged[0], f"{ratio:.1%}",
         ms(percentile(logged[1], 50)), ms(percentile(logged[1], 99))),
    ]  # fmt: skip
    print_table(
        f"{args.concurrency} concurrent calls over one channel, {args.seconds:g} s after "
        f"{args.warmup:g} s warm-up ({args.database})",
        ("call", "calls", "QPS", "of GetCustomer", "p50 ms", "p99 ms"),
        rows,
    )
    print(
        f"events in the stream: {published:,} of {logged[2]:,} activities logged "
        f"(all in {drained:.1f} s after the last call)"
    )
    print(f"LogActivity/GetCustomer {ratio:6.1%}   goal >= {GOAL_RATIO:.0%}: "
          f"{'met' if ratio >= GOAL_RATIO else 'NOT met'}")  # fmt: skip
    return {
        "bench": "contact_log_activity",
        "database": args.database,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "get_customer_qps": round(baseline[0], 1),
        "log_activity_qps": round(logged[0], 1),
        "log_activity_p50_ms": ms(percentile(logged[1], 50)),
        "log_activity_p99_ms": ms(percentile(logged[1], 99)),
        "qps_ratio": round(ratio, 3),
        "activities_logged": logged[2],
        "events_published": published,
        "drain_seconds": round(drained, 2),
        "goal_qps_ratio": GOAL_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time per call")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured time first")
    parser.add_argument("--concurrency", type=int, default=16, help="client tasks")
    parser.add_argument("--persons", type=int, default=64, help="tracked persons visited")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        server = EmbeddedNats(workdir / "nats").start()
        try:
            with (
                database_url(args.postgres, workdir, "archive") as archive_url,
                database_url(args.postgres, workdir, "contact") as contact_url,
            ):
                urls = {"archive": archive_url, "contact": contact_url}
                figures = run(args, workdir, server.url, urls)
        finally:
            server.stop()
    emit_json(figures)


if __name__ == "__main__":
    main()
