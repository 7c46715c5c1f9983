"""Follow tier changes as an internal app, with the app's own NATS credentials.

    mcr bus app tier-watch --stream insight -o tier-watch.creds
    MCR_NATS_URL=nats://127.0.0.1:14222 MCR_NATS_CREDENTIALS=tier-watch.creds \
        python follow_tiers.py --count 3 [--from-sequence 1 | --from-time 2026-01-01T00:00:00+00:00]

The app's durable consumer `tier-watch` remembers where it stopped; `--from-...` replays.
"""

import argparse
import asyncio
import os
from datetime import datetime
from pathlib import Path

from mcr.insight.v1 import events_pb2
from mcr_client import subscribe


async def main(args: argparse.Namespace) -> None:
    start = args.from_sequence or (args.from_time and datetime.fromisoformat(args.from_time))
    seen = 0
    async for event in subscribe(
        os.environ["MCR_NATS_URL"],
        Path(os.environ["MCR_NATS_CREDENTIALS"]),
        os.environ.get("MCR_APP", "tier-watch"),
        [events_pb2.TierChanged],
        start=start,
    ):
        change = event.message
        before = change.previous_tier or "-"
        print(f"#{event.sequence} {change.customer}: {before} -> {change.tier}")
        await event.ack()  # handled: the consumer moves past it (handle twice-sent ids once)
        seen += 1
        if seen >= args.count:
            break


parser = argparse.ArgumentParser()
parser.add_argument("--count", type=int, default=10)
parser.add_argument("--from-sequence", type=int)
parser.add_argument("--from-time")
asyncio.run(main(parser.parse_args()))
