"""Batch re-tier of a whole portfolio through insight, against the same plugins in a plain loop.

The full path is the real insight service (`start_service`, in this process, real NATS and a
real database): `RescorePortfolio` over gRPC reads the customers' facts from the database chunk
by chunk, calls three scoring plugins through the plugin host (the default pack and two
bench packs: timeouts, isolation and validation of every answer), chooses the tiers, stores
the assignments and the tier history, and writes a `TierChanged` per customer to the outbox;
the clock stops when the relay has published the last of them to JetStream. The baseline is
the same three plugins' functions called in a plain in-memory loop over the same facts, with
the same combination and threshold rule, and nothing stored (run before and after the
service; the faster run counts, so a busy moment of a shared machine does not flatter the
ratio). Memory: the process's peak resident size before and after the batch (the service
runs in this process).

    uv run python bench/insight_batch_retier.py                  # 20,000 customers, SQLite
    uv run python bench/insight_batch_retier.py --customers 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import grpc
import nats
from _common import database_url, emit_json, met, print_table
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.plugins import hookimpl
from mcr_core.service import start_service
from mcr_core.testing import AuthKeys, service_settings
from mcr_insight import defaults, store
from mcr_insight.__main__ import SPEC
from mcr_insight.config import InsightSettings
from mcr_insight.domain import CustomerFacts
from mcr_insight.tiers.domain import (
    AttributedComponent,
    ScoreComponent,
    ValueHorizon,
    ValueVisibility,
    combine,
    tier_for_score,
)

GOAL_RATIO = 0.25
REGION = "bench"
INDUSTRIES = ("telecom", "finance", "energy", "retail", "internet", "education", "other")


class CreditStanding:
    """A bench scoring pack: a component from the revenue per employee."""

    @hookimpl
    async def insight_value_components(self, customer: CustomerFacts):
        if not customer.employee_count or not customer.revenue_units:
            return None
        per_head = customer.revenue_units / customer.employee_count
        return [
            ScoreComponent(
                "productivity",
                min(100.0, per_head / 20_000),
                0.3,
                ValueHorizon.CURRENT,
                ValueVisibility.EXPLICIT,
                "revenue per employee",
            )
        ]


class GroupReach:
    """A bench scoring pack: group members and the country count as reach."""

    @hookimpl
    async def insight_value_components(self, customer: CustomerFacts):
        reach = 70.0 if customer.parent_group_id else 40.0
        if customer.country_code != "CN":
            reach += 10
        return [
            ScoreComponent(
                "reach",
                reach,
                0.2,
                ValueHorizon.LONG_TERM,
                ValueVisibility.IMPLICIT,
                "group membership and country",
            )
        ]


PLUGINS = {"credit": CreditStanding(), "reach": GroupReach()}


def facts_of(index: int) -> CustomerFacts:
    return CustomerFacts(
        id=f"c{index:08d}",
        region=REGION,
        display_name=f"Customer {index}",
        industry=INDUSTRIES[index % len(INDUSTRIES)],
        country_code="CN" if index % 3 else "DE",
        parent_group_id=f"g{index // 10:07d}" if index % 4 == 0 else None,
        revenue_currency="CNY",
        revenue_units=10_000_000 * (1 + index % 5000),
        employee_count=10 + (index * 37) % 50_000,
    )


async def seed(service, count: int) -> None:
    now = datetime.now(UTC)
    for start in range(0, count, 5000):
        rows = [
            {
                "customer_id": f.id,
                "region": f.region,
                "display_name": f.display_name,
                "industry": f.industry,
                "country_code": f.country_code,
                "parent_group_id": f.parent_group_id,
                "revenue_currency": f.revenue_currency,
                "revenue_units": f.revenue_units,
                "employee_count": f.employee_count,
                "source_update_time": now,
                "delete_time": None,
            }
            for f in map(facts_of, range(start, min(count, start + 5000)))
        ]
        async with service.kernel.db.transaction() as conn:
            await conn.execute(store.customer_facts.insert(), rows)


async def plain_loop(count: int) -> tuple[float, dict[str, int]]:
    """The same plugins, called one after another for every customer, nothing stored."""
    functions = [
        ("mcr_insight.defaults", defaults.insight_value_components),
        *((name, plugin.insight_value_components) for name, plugin in PLUGINS.items()),
    ]
    facts = [facts_of(i) for i in range(count)]  # built before the clock starts
    tiers = list(defaults.DEFAULT_TIERS)
    counts: dict[str, int] = {}
    start = time.perf_counter()
    for customer in facts:
        components = [
            AttributedComponent(name, component)
            for name, function in functions
            for component in (await function(customer)) or ()
        ]
        tier = tier_for_score(combine(components, {}).score, tiers)
        counts[tier] = counts.get(tier, 0) + 1
    return time.perf_counter() - start, counts


async def published(js, subject: str) -> int:
    info = await js.stream_info("MCR_INSIGHT", subjects_filter=subject)
    return sum((info.state.subjects or {}).values())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(args: argparse.Namespace, workdir: Path, nats_url: str, db_url: str) -> dict:
    keys = AuthKeys(workdir / "keys")
    settings = service_settings(
        InsightSettings,
        database_url=db_url,
        nats_url=nats_url,
        auth_keys=keys,
        data_dir=workdir,
        outbox_poll_seconds=0.2,
        timer_poll_seconds=1.0,
        scoring_chunk_size=args.chunk,
    )
    # The loop runs before and after the service; the faster run is the baseline, so that a
    # busy moment on a shared machine does not flatter the ratio.
    first_loop = await plain_loop(args.customers)
    service = await start_service(SPEC, settings)
    nc = await nats.connect(nats_url)
    try:
        for name, plugin in PLUGINS.items():
            service.plugins.register(plugin, name=name)
        await seed(service, args.customers)
        rss_before = peak_rss_mb()
        js = nc.jetstream()
        subject = "mcr.insight.tier.changed"
        already = await published(js, subject)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}") as channel:
            stub = insight_service_pb2_grpc.InsightServiceStub(channel)
            start = time.perf_counter()
            result = await stub.RescorePortfolio(
                pb.RescorePortfolioRequest(max_customers_per_migration=1),
                metadata=keys.metadata(region=REGION),
                timeout=24 * 3600,
            )
            stored = time.perf_counter() - start
            expected = sum(m.count for m in result.migrations)
            while await published(js, subject) - already < expected:
                await asyncio.sleep(0.05)
            full = time.perf_counter() - start
        rss_after = peak_rss_mb()
    finally:
        await nc.drain()
        await service.stop()
    second_loop = await plain_loop(args.customers)
    loop_seconds, loop_counts = min(first_loop, second_loop, key=lambda run: run[0])
    counts = dict(result.tier_counts)
    return report(args, result, stored, full, expected, loop_seconds, loop_counts, counts) | {
        "rss_peak_before_mb": round(rss_before, 1),
        "rss_peak_after_mb": round(rss_after, 1),
    }


def report(args, result, stored, full, events, loop_seconds, loop_counts, counts) -> dict:
    n = args.customers
    full_rate, loop_rate = n / full, n / loop_seconds
    ratio = full_rate / loop_rate
    print_table(
        f"Batch re-tier of {n:,} customers, three scoring plugins ({args.database})",
        ("path", "seconds", "customers/s", "of loop"),
        [
            ("plain loop, in memory", loop_seconds, loop_rate, "100%"),
            ("insight: stored", stored, n / stored, f"{n / stored / loop_rate:.1%}"),
            ("insight: stored + events on NATS", full, full_rate, f"{ratio:.1%}"),
        ],
    )
    print(f"tiers: insight {counts}, loop {loop_counts}; TierChanged events: {events:,}")
    print(f"failures: {[f.plugin for f in result.plugin_failures] or 'none'}")
    print(f"rate full/loop {ratio:6.1%}   goal >= {GOAL_RATIO:.0%}: {met(ratio >= GOAL_RATIO)}")
    return {
        "bench": "insight_batch_retier",
        "database": args.database,
        "customers": n,
        "loop_per_s": round(loop_rate, 1),
        "stored_per_s": round(n / stored, 1),
        "full_per_s": round(full_rate, 1),
        "events": events,
        "ratio": round(ratio, 4),
        "goal_ratio": GOAL_RATIO,
        "same_tiers": counts == {k: loop_counts.get(k, 0) for k in counts},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=20_000, help="portfolio size")
    parser.add_argument("--chunk", type=int, default=1000, help="customers per transaction")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    args.database = "postgresql" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory(prefix="mcr-bench-") as tmp:
        workdir = Path(tmp)
        server = EmbeddedNats(workdir / "nats").start()
        try:
            with database_url(args.postgres, workdir, "insight") as db_url:
                figures = asyncio.run(run(args, workdir, server.url, db_url))
        finally:
            server.stop()
    emit_json(figures)


if __name__ == "__main__":
    main()
