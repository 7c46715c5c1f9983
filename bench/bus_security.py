"""What securing the bus costs: event throughput and latency with TLS and credentials on,
against plaintext without credentials, in the same run on the same machine.

Two nats-server processes with JetStream, started here on free loopback ports: one open (the
baseline) and one as every installation now runs it, trusting only its authority's
credentials and taking only TLS with a client certificate (a throwaway CA). On each, a
service-like publisher with the kernel's connection (`mcr_core.bus.connect`) sends
CustomerCreated-sized events into a service stream while a durable pull consumer (with an app's
credentials on the secured one) fetches and acknowledges them; the figures are events per
second published (pipelined, and one at a time) and the publish-to-consume latency.

    uv run python bench/bus_security.py [--seconds 5] [--latency-events 500] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path

from _common import emit_json, ms, percentile, print_table
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr_core.bus import connect
from mcr_core.bus.authority import BusAuthority
from mcr_core.bus.streams import ensure_service_stream
from mcr_core.embedded_nats import EmbeddedNats, NatsTls
from mcr_core.testing.certificates import TestAuthority
from mcr_core.transport import client_ssl_context
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

SUBJECT = "mcr.archive.customer.created"
PAYLOAD = events_pb2.CustomerCreated(
    customer=customer_pb2.Customer(
        name="customers/c-0001", display_name="南海电信广东分公司", region="cn-south"
    )
).SerializeToString()


class Setup:
    """One NATS server and how a service and an app connect to it."""

    def __init__(self, name: str, server: EmbeddedNats, service=None, app=None, tls=None):
        self.name, self.server = name, server
        self.service, self.app, self.tls = service, app, tls


def open_setup(directory: Path) -> Setup:
    return Setup("plaintext, no credentials", EmbeddedNats(directory / "open").start())


def secured_setup(directory: Path) -> Setup:
    pki = TestAuthority(directory / "pki")
    node = pki.issue("nats")
    authority = BusAuthority.create()
    server = EmbeddedNats(
        directory / "secured",
        authority=authority,
        tls=NatsTls(node.cert_file, node.key_file, node.ca_file),
    ).start()
    service = server.credentials("svc-archive", authority.service_credentials("archive"))
    app = server.credentials("app-bench", authority.app_credentials("bench", ["archive"]))
    tls = client_ssl_context(pki.issue("archive").transport())
    return Setup("TLS + credentials", server, service, app, tls)


async def throughput(setup: Setup, seconds: float) -> dict[str, float]:
    nc = await connect(setup.server.url, "bench", credentials=setup.service, tls=setup.tls)
    js = nc.jetstream()
    await ensure_service_stream(js, "archive")
    try:
        started, futures = time.perf_counter(), []
        while time.perf_counter() - started < seconds:
            futures.append(await js.publish_async(SUBJECT, PAYLOAD))
        await asyncio.gather(*futures)
        pipelined = len(futures) / (time.perf_counter() - started)
        started, count = time.perf_counter(), 0
        while time.perf_counter() - started < seconds / 2:
            await js.publish(SUBJECT, PAYLOAD)
            count += 1
        one_by_one = count / (time.perf_counter() - started)
    finally:
        await nc.drain()
    return {"publish_async": pipelined, "publish": one_by_one}


async def latency(setup: Setup, events: int) -> list[float]:
    """Publish one event at a time, each stamped; the consumer's fetch sees it: seconds."""
    publisher = await connect(
        setup.server.url, "bench-pub", credentials=setup.service, tls=setup.tls
    )
    reader = await connect(setup.server.url, "bench-sub", credentials=setup.app, tls=setup.tls)
    js, rjs = publisher.jetstream(), reader.jetstream()
    await rjs.add_consumer(
        "MCR_ARCHIVE",
        ConsumerConfig(
            durable_name="bench", ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.NEW, filter_subjects=[SUBJECT],
        ),
    )  # fmt: skip
    subscription = await rjs.pull_subscribe_bind("bench", stream="MCR_ARCHIVE")
    delays = []
    try:
        for _ in range(events):
            sent = time.perf_counter()
            await js.publish(SUBJECT, PAYLOAD)
            [message] = await subscription.fetch(1, timeout=5)
            await message.ack()
            delays.append(time.perf_counter() - sent)
    finally:
        await rjs.delete_consumer("MCR_ARCHIVE", "bench")
        await reader.drain()
        await publisher.drain()
    return sorted(delays)


async def measure(setup: Setup, args: argparse.Namespace) -> dict[str, float]:
    rates = await throughput(setup, args.seconds)
    delays = await latency(setup, args.latency_events)
    return rates | {"p50_ms": ms(percentile(delays, 50)), "p99_ms": ms(percentile(delays, 99))}


def best(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {key: (min if key.endswith("_ms") else max)(r[key] for r in rounds) for key in rounds[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--latency-events", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    # asyncio warns on every TLS connection the client closes ("returning true from
    # eof_received() has no effect when using ssl"): noise, not a finding.
    logging.getLogger("asyncio").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        setups = [open_setup(Path(tmp)), secured_setup(Path(tmp))]
        try:
            # Alternate the two, and keep each one's best round: the other load on the machine
            # then weighs on both alike.
            rounds = [{s.name: asyncio.run(measure(s, args)) for s in setups}
                      for _ in range(args.rounds)]  # fmt: skip
            figures = {s.name: best([r[s.name] for r in rounds]) for s in setups}
        finally:
            for setup in setups:
                setup.server.stop()
    base, secured = figures[setups[0].name], figures[setups[1].name]
    rows = [
        [name, f"{f['publish_async']:.0f}", f"{f['publish']:.0f}", f"{f['p50_ms']:.2f}",
         f"{f['p99_ms']:.2f}"]
        for name, f in figures.items()
    ]  # fmt: skip
    rows.append([
        "secured / plaintext",
        f"{secured['publish_async'] / base['publish_async']:.2f}x",
        f"{secured['publish'] / base['publish']:.2f}x",
        f"{secured['p50_ms'] / base['p50_ms']:.2f}x",
        f"{secured['p99_ms'] / base['p99_ms']:.2f}x",
    ])  # fmt: skip
    print_table(
        "events through JetStream: TLS and credentials against plaintext (same run)",
        ["bus", "events/s pipelined", "events/s one by one", "latency p50 ms", "p99 ms"],
        rows,
    )
    emit_json({"bus_security": figures})


if __name__ == "__main__":
    main()
