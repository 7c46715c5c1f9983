"""Scale-out as pods: events per second that insight handles as one pod, then as two pods
sharing its durable consumer (a second pod answering to the name `insight`, as its Deployment
scaled to 2 would), then as one again, in a region the drill starts (deploy/podman/drill.py).

    scripts/drill.sh cn-south        # once, for the images; prints their tag
    uv run python bench/pods_scale_out.py --tag TAG --nats-tag 2.15.1 [--events 600]

Each phase publishes `--events` new CustomerCreated events on the region's NATS pods as fast
as JetStream takes them; the time runs from the first publish to the last customer tiered
(insight's database, in the region's PostgreSQL pod). Each phase also checks the effects: one
tier history row per customer. The ratio is two pods against the mean of the one-pod phases
before and after (the machine's load drifts). No timing is asserted; bench/scale_out.py
measures the same for processes.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx
import nats
from _common import emit_json, print_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy" / "podman"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import drill
from mcr_core.testing import AuthKeys
from observe import named, scrape
from pods import SERVICES, http_ok, podman, until
from replicas import publish_customers

SECOND = "insight-1"
CONSUMER = "insight-archive-customers"


async def tiered(region: drill.Region) -> tuple[int, int]:
    """Customers tiered, and tier history rows (one each unless an event had two effects)."""
    [[customers, rows]] = region.psql(
        "insight", "SELECT count(DISTINCT customer_id), count(*) FROM tier_history"
    )
    return int(customers), int(rows)


async def handled(run: drill.Drill, pod: str) -> float:
    async with httpx.AsyncClient() as client:
        url = f"http://{run.addresses[pod]}:{SERVICES['insight']}/metrics"
        samples = named(await scrape(client, url), "mcr_events_handled_total", consumer=CONSUMER)
    return sum(s.value for s in samples if s.labels.get("outcome") == "ok")


async def phase(run: drill.Drill, pods: list[str], first: int, events: int) -> dict:
    before_customers, _ = await tiered(run.region)
    before = {pod: await handled(run, pod) for pod in pods}
    servers = [f"nats://{run.addresses[p]}:4222" for p in drill.NATS_PODS]
    nc = await nats.connect(servers)
    try:
        started = time.monotonic()
        await publish_customers(nc.jetstream(), first, events, run.region.name)

        async def all_tiered() -> bool:
            return (await tiered(run.region))[0] >= before_customers + events

        await until(all_tiered, 600, f"{events} customers tiered")
        elapsed = time.monotonic() - started
    finally:
        await nc.close()
    await asyncio.sleep(1)  # a duplicate would have its effect by now
    customers, rows = await tiered(run.region)
    shares = [round(await handled(run, pod) - before[pod]) for pod in pods]
    print(f"{len(pods)} pod(s): {events / elapsed:.1f} events/s, shares {shares}", flush=True)
    return {"rate": events / elapsed, "shares": shares, "exact": customers == rows}


async def measure(run: drill.Drill, events: int) -> list[dict]:
    try:
        return await phases(run, events)
    finally:
        await run.receiver.stop()


async def phases(run: drill.Drill, events: int) -> list[dict]:
    await drill.start_region(run)
    region = run.region
    one = await phase(run, ["insight"], 1_000_000, events)
    second = region.workdir / f"{SECOND}.yaml"
    second.write_text(drill.second_replica(region.manifests.read_text(), "insight", SECOND))
    region.play(second, alias="insight")
    run.addresses[SECOND] = region.address(SECOND)
    async with httpx.AsyncClient() as client:
        url = f"http://{run.addresses[SECOND]}:{SERVICES['insight']}/readyz"
        await until(lambda: http_ok(client, url), drill.READY_TIMEOUT, f"{SECOND} ready")
    two = await phase(run, ["insight", SECOND], 2_000_000, events)
    podman("pod", "rm", "-f", "-t", "10", region.pod(SECOND))
    one_again = await phase(run, ["insight"], 3_000_000, events)
    return [one, two, one_again]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--region", default="cn-south")
    parser.add_argument("--tag", required=True)
    parser.add_argument("--nats-tag", required=True)
    parser.add_argument("--events", type=int, default=600)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix=f"mcr-bench-scale-{args.region}-"))
    keys = AuthKeys(workdir / "keys")
    region = drill.Region(args.region, args.tag, args.nats_tag, workdir, keys.public_key_file)
    run = drill.Drill(region, keys)
    try:
        one, two, one_again = asyncio.run(measure(run, args.events))
    finally:
        drill.teardown(region)
    baseline = (one["rate"] + one_again["rate"]) / 2
    ratio = two["rate"] / baseline
    exact = one["exact"] and two["exact"] and one_again["exact"]
    print_table(
        f"Insight pods consuming {args.events} CustomerCreated events each phase ({args.region})",
        ["phase", "insight pods", "events/s", "events per pod", "vs one"],
        [
            ["1", "1", one["rate"], "/".join(map(str, one["shares"])), one["rate"] / baseline],
            ["2", "2", two["rate"], "/".join(map(str, two["shares"])), ratio],
            ["3", "1", one_again["rate"], "/".join(map(str, one_again["shares"])),
             one_again["rate"] / baseline],
        ],
    )  # fmt: skip
    print(f"\nscale-out ratio, two insight pods against one: {ratio:.2f}")
    print(f"exactly one effect per event in every phase: {'yes' if exact else 'NO'}")
    emit_json(
        {
            "benchmark": "pods_scale_out",
            "region": args.region,
            "events": args.events,
            "one_pod_events_per_s": round(baseline, 1),
            "two_pods_events_per_s": round(two["rate"], 1),
            "ratio": round(ratio, 2),
            "exactly_once": exact,
        }
    )


if __name__ == "__main__":
    main()
