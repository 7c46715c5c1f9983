"""From an archive update to the `TierChanged` a subscriber receives: latency at a steady rate.

The real archive and the real insight run as two processes (`start_service`, each with its own
SQLite or PostgreSQL database) on one NATS JetStream server. The client updates customers over
the archive's gRPC API at a steady `--rate`, each update moving the customer between a
strategic and a general enterprise (revenue and headcount), so every update re-tiers it. A
NATS subscriber sees both the archive's `CustomerUpdated` and insight's `TierChanged`:

- archive: update call → `CustomerUpdated` published (the archive's outbox and relay), the
  baseline measured in the same run;
- end to end: update call → `TierChanged` received (the above, then insight's consumer,
  scoring through the plugin host, its transaction and outbox, and its relay);
- insight's part: `CustomerUpdated` seen → `TierChanged` seen.

    uv run python bench/insight_tier_latency.py            # 20 updates/s for 15 s
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import grpc
import nats
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
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from mcr_core.config import ServiceSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import start_service
from mcr_core.testing import AuthKeys, service_settings

REGION = "bench"
# Insight's part should stay within a few times the archive's own event latency.
GOAL_P99_MS = 1000.0
BIG = {"revenue": 100_000_000_000, "employees": 200_000}  # strategic (S)
SMALL = {"revenue": 1_000_000, "employees": 10}  # general (C)


def serve(kind: str, settings: ServiceSettings, conn: Connection) -> None:
    asyncio.run(_serve(kind, settings, conn))


async def _serve(kind: str, settings: ServiceSettings, conn: Connection) -> None:
    if kind == "archive":
        from mcr_archive.__main__ import SPEC
    else:
        from mcr_insight.__main__ import SPEC
    service = await start_service(SPEC, settings)
    conn.send(service.grpc_port)
    await until_told_to_stop(conn)
    await service.stop()


def settings_for(kind: str, workdir: Path, nats_url: str, db_url: str, keys: AuthKeys):
    if kind == "archive":
        from mcr_archive.config import ArchiveSettings as Settings
    else:
        from mcr_insight.config import InsightSettings as Settings
    return service_settings(
        Settings,
        database_url=db_url,
        nats_url=nats_url,
        auth_keys=keys,
        data_dir=workdir / kind,
        # Running services poll at their defaults; events wake the relays on commit anyway.
        outbox_poll_seconds=1.0,
        timer_poll_seconds=1.0,
    )


def customer(size: dict, **fields) -> customer_pb2.Customer:
    return customer_pb2.Customer(
        employee_count=size["employees"],
        annual_revenue=money_pb2.Money(currency_code="CNY", units=size["revenue"]),
        **fields,
    )


class Watch:
    """Arrival times of each customer's next archive update and next tier change."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.updated: dict[str, float] = {}
        self.archive: list[float] = []
        self.total: list[float] = []
        self.insight: list[float] = []
        self.done: dict[str, asyncio.Event] = {}

    async def on_message(self, msg) -> None:
        now = time.perf_counter()
        name = (msg.headers or {}).get("ce-subject", "")
        if name not in self.sent:
            return
        if msg.subject == "mcr.archive.customer.updated" and name not in self.updated:
            self.updated[name] = now
            self.archive.append(now - self.sent[name])
        elif msg.subject == "mcr.insight.tier.changed":
            started = self.sent.pop(name)
            self.total.append(now - started)
            if (seen := self.updated.pop(name, None)) is not None:
                self.insight.append(now - seen)
            self.done[name].set()


async def drive(args, ports: dict[str, int], nats_url: str, keys: AuthKeys) -> Watch:
    metadata = keys.metadata(region=REGION)
    watch = Watch()
    nc = await nats.connect(nats_url)
    await nc.subscribe("mcr.archive.customer.updated", cb=watch.on_message)
    await nc.subscribe("mcr.insight.tier.changed", cb=watch.on_message)

    async def dead_letter(msg) -> None:  # a figure from failing handlers would mean nothing
        print("dead letter:", (msg.headers or {}).get("Mcr-Dead-Letter-Reason"))

    await nc.subscribe("mcr.deadletter.>", cb=dead_letter)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ports['archive']}") as channel:
        stub = pb_grpc.ArchiveServiceStub(channel)
        names, etags, sizes = [], {}, {}
        for index in range(args.customers):
            created = await stub.CreateCustomer(
                pb.CreateCustomerRequest(
                    customer=customer(
                        SMALL,
                        display_name=f"Bench customer {index}",
                        industry="telecom",
                        country_code="CN",
                        region=REGION,
                    ),
                    request_id=f"bench-{index}",
                ),
                metadata=metadata,
            )
            names.append(created.name)
            etags[created.name], sizes[created.name] = created.etag, SMALL
        await asyncio.sleep(2)  # insight tiers the new customers; not measured

        async def update(name: str) -> None:
            size = BIG if sizes[name] is SMALL else SMALL
            watch.done[name] = asyncio.Event()
            watch.sent[name] = time.perf_counter()
            updated = await stub.UpdateCustomer(
                pb.UpdateCustomerRequest(
                    customer=customer(size, name=name, etag=etags[name]),
                    update_mask=FieldMask(paths=["employee_count", "annual_revenue"]),
                ),
                metadata=metadata,
            )
            etags[name], sizes[name] = updated.etag, size

        interval = 1 / args.rate
        total = int(args.rate * (args.warmup + args.seconds))
        warm = int(args.rate * args.warmup)
        tasks = []
        start = time.perf_counter()
        for index in range(total):
            name = names[index % len(names)]
            if name in watch.done:  # its previous update has not been re-tiered yet
                await asyncio.wait_for(watch.done[name].wait(), 30)
            if index == warm:
                watch.archive.clear(), watch.total.clear(), watch.insight.clear()
            tasks.append(asyncio.create_task(update(name)))
            await asyncio.sleep(max(0.0, start + (index + 1) * interval - time.perf_counter()))
        await asyncio.gather(*tasks)
        await asyncio.wait_for(asyncio.gather(*(event.wait() for event in watch.done.values())), 30)
    await nc.drain()
    return watch


def report(args, watch: Watch) -> dict:
    rows, figures = [], {}
    for label, key, values in (
        ("archive: update → CustomerUpdated", "archive", watch.archive),
        ("insight: CustomerUpdated → TierChanged", "insight", watch.insight),
        ("end to end: update → TierChanged", "total", watch.total),
    ):
        ordered = sorted(values)
        p50, p99 = percentile(ordered, 50), percentile(ordered, 99)
        rows.append((label, len(ordered), ms(p50), ms(p99)))
        figures |= {f"{key}_p50_ms": ms(p50), f"{key}_p99_ms": ms(p99), f"{key}_n": len(ordered)}
    print_table(
        f"Archive update → TierChanged at {args.rate:g} updates/s for {args.seconds:g} s "
        f"over {args.customers} customers ({args.database})",
        ("path", "events", "p50 ms", "p99 ms"),
        rows,
    )
    ratio = figures["total_p50_ms"] / figures["archive_p50_ms"]
    p99 = figures["total_p99_ms"]
    print(f"p50 end to end / archive alone  {ratio:5.2f}x")
    print(f"p99 end to end  {p99:8.1f} ms   goal <= {GOAL_P99_MS:g} ms: {met(p99 <= GOAL_P99_MS)}")
    return {
        "bench": "insight_tier_latency",
        "database": args.database,
        "rate": args.rate,
        "seconds": args.seconds,
        **figures,
        "p50_total_over_archive": round(ratio, 3),
        "goal_p99_ms": GOAL_P99_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=20.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time first")
    parser.add_argument("--customers", type=int, default=50, help="customers updated in turn")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        keys = AuthKeys(workdir / "keys")
        server = EmbeddedNats(workdir / "nats").start()
        children = []
        try:
            with (
                database_url(args.postgres, workdir, "archive") as archive_db,
                database_url(args.postgres, workdir, "insight") as insight_db,
            ):
                ports = {}
                for kind, db_url in (("archive", archive_db), ("insight", insight_db)):
                    (workdir / kind).mkdir()
                    settings = settings_for(kind, workdir, server.url, db_url, keys)
                    children.append(child := Child(serve, kind, settings))
                    ports[kind] = child.start()
                watch = asyncio.run(drive(args, ports, server.url, keys))
                for child in children:
                    child.stop()
                children.clear()
        finally:
            for child in children:
                child.stop()
            server.stop()
    emit_json(report(args, watch))


if __name__ == "__main__":
    main()
