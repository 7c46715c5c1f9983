"""Scale-out: events per second that one insight replica handles vs two sharing one durable
consumer, on one PostgreSQL database (the shape of a Kubernetes Deployment with replicas).

Each round starts its own NATS server and a fresh database, starts the replicas (real
`mcr_insight` processes), waits until they are ready, then publishes `--events` of the
archive's CustomerCreated as fast as JetStream takes them; the time runs from the first publish
to the last customer scored (read from insight's database). Every round also checks the effects:
each event recorded once, each customer scored once, one tier-history row per customer. Each
replica runs in a session of its own: under Linux's autogroup scheduling a session is one CPU
share, as a pod is a cgroup of its own, so a busy machine does not make two replicas share the
CPU time of one. The rounds alternate the order (one then two, two then one).

    uv run python bench/scale_out.py [--events 600] [--rounds 2]
                                     [--postgres postgresql+asyncpg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import nats
from _common import database_url, emit_json, median, met, print_table
from mcr_core.embedded_nats import EmbeddedNats

# The scale-out test's helpers: real service processes and the events and effects it checks.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from processes import ServiceProcess
from replicas import effects, events_handled, publish_customers

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
# Two replicas on a 2-core machine that also runs NATS, PostgreSQL and the publisher: a third
# more throughput is the goal; on separate nodes it approaches 2.
GOAL_RATIO = 1.33


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_round(replicas: int, events: int, url: str, workdir: Path) -> dict:
    server = EmbeddedNats(workdir / "nats").start()
    processes: list[ServiceProcess] = []
    try:
        env = {
            "MCR_DATABASE_URL": url,
            "MCR_NATS_URL": server.url,
            "MCR_DATA_DIR": str(workdir),  # development keys are made there
            "MCR_LOG_LEVEL": "WARNING",
        }
        for index in range(replicas):  # one after the other: the first migrates
            log = workdir / f"insight-{index}.log"
            processes.append(
                await ServiceProcess("mcr_insight", env, log, own_session=True).start(60)
            )
        nc = await nats.connect(server.url)
        try:
            cpu_before = sum(cpu_seconds(p.process.pid) for p in processes)
            started = time.monotonic()
            await publish_customers(nc.jetstream(), 0, events)
            while (await effects(url)).scored < events:
                await asyncio.sleep(0.1)
            elapsed = time.monotonic() - started
            cpu = sum(cpu_seconds(p.process.pid) for p in processes) - cpu_before
        finally:
            await nc.close()
        await asyncio.sleep(1.0)  # a duplicate would have its effect by now
        done = await effects(url)
        shares = [await events_handled(p.admin_port) for p in processes]
        for process in processes:
            process.terminate()
    finally:
        for process in processes:
            if process.process.poll() is None:
                process.kill()
        server.stop()
    exact = done.handled == done.scored == done.history == done.history_customers == events
    return {
        "rate": events / elapsed,
        "cpu_ms_per_event": 1000 * cpu / events,
        "exact": exact,
        "shares": shares,
    }


def run(args: argparse.Namespace) -> None:
    rates: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    shares: dict[int, list[int]] = {}
    exact = True
    for round_ in range(args.rounds):
        # Alternate the order, so a machine that gets busier or quieter favours neither.
        for replicas in (1, 2) if round_ % 2 == 0 else (2, 1):
            with (
                tempfile.TemporaryDirectory(prefix="mcr-scale-") as tmp,
                database_url(args.postgres, Path(tmp), "insight") as url,
            ):
                result = asyncio.run(one_round(replicas, args.events, url, Path(tmp)))
            rates[replicas].append(result["rate"])
            cpu[replicas].append(result["cpu_ms_per_event"])
            print(f"{replicas} replica(s): {result['rate']:.1f} events/s", flush=True)
            shares[replicas] = result["shares"]
            exact &= result["exact"]
    one, two = median(rates[1]), median(rates[2])
    ratio = two / one
    print_table(
        f"Insight consuming {args.events} CustomerCreated events (PostgreSQL, median of "
        f"{args.rounds} round(s))",
        ["replicas", "events/s", "events per replica", "vs one", "CPU ms/event"],
        [
            ["1", one, "/".join(map(str, shares[1])), 1.0, median(cpu[1])],
            ["2", two, "/".join(map(str, shares[2])), ratio, median(cpu[2])],
        ],
    )
    print(f"\nexactly one effect per event in every round: {'yes' if exact else 'NO'}")
    print(f"goal: two replicas >= {GOAL_RATIO}x one: {met(ratio >= GOAL_RATIO)}")
    emit_json(
        {
            "benchmark": "scale_out",
            "events": args.events,
            "rounds": args.rounds,
            "one_replica_events_per_s": round(one, 1),
            "two_replicas_events_per_s": round(two, 1),
            "ratio": round(ratio, 2),
            "one_replica_cpu_ms_per_event": round(median(cpu[1]), 2),
            "two_replicas_cpu_ms_per_event": round(median(cpu[2]), 2),
            "exactly_once": exact,
            "goal_ratio": GOAL_RATIO,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=600, help="events per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds (the median is shown)")
    parser.add_argument("--postgres", metavar="URL", default=DEFAULT_POSTGRES)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
