"""A region as pods: seconds from `podman kube play` to every pod ready, and the recovery time
after each of the drill's faults, over `--rounds` drills (deploy/podman/drill.py).

    scripts/drill.sh cn-south        # once, for the images; prints their tag
    uv run python bench/pods_region.py --region cn-south --tag TAG --nats-tag 2.15.1 --rounds 3

No timing is asserted. The spread across rounds is the machine's (2 shared cores): compare
figures of the same run only. The scale-out ratio of two insight pods against one:
bench/pods_scale_out.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy" / "podman"))
import drill
from mcr_core.testing import AuthKeys


def one_round(region: str, tag: str, nats_tag: str) -> dict[str, str]:
    workdir = Path(tempfile.mkdtemp(prefix=f"mcr-bench-{region}-"))
    keys = AuthKeys(workdir / "keys")
    run = drill.Drill(drill.Region(region, tag, nats_tag, workdir, keys.public_key_file), keys)
    try:
        asyncio.run(drill.run(run))
    finally:
        drill.teardown(run.region)
    return run.figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--region", default="cn-south")
    parser.add_argument("--tag", required=True)
    parser.add_argument("--nats-tag", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rounds = [one_round(args.region, args.tag, args.nats_tag) for _ in range(args.rounds)]
    timed = [k for k in rounds[0] if rounds[0][k].endswith(" s")]
    print(f"\n{'figure':<50} {'median':>8} {'min':>8} {'max':>8}")
    summary = {}
    for name in timed:
        values = [float(r[name].removesuffix(" s")) for r in rounds]
        summary[name] = values
        print(f"{name:<50} {statistics.median(values):>7.1f}s {min(values):>7.1f}s "
              f"{max(values):>7.1f}s")  # fmt: skip
    print(json.dumps({"region": args.region, "rounds": args.rounds, "seconds": summary}))


if __name__ == "__main__":
    main()
