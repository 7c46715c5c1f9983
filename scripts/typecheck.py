"""The type checker over the kernel and every service, with no new errors allowed.

    python scripts/typecheck.py            # fails on an error the baseline does not list
    python scripts/typecheck.py --update   # rewrites the baseline (after fixing errors)

mypy runs in its own tool environment (uv tool run, the version pinned below) against the
project's .venv, like checkov: it is a check, not a dependency of any package. The baseline
counts errors per file, code and message, without line numbers, so moving code does not
disturb it; an error that is fixed shrinks the count, and --update makes that the new bar.
"""

from __future__ import annotations

import argparse
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MYPY = "mypy==2.4.1"
BASELINE = ROOT / "scripts" / "typecheck-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:]+):\d+: error: (?P<message>.*?)\s+\[(?P<code>[a-z-]+)\]$")


def uv() -> str:
    for found in (os.environ.get("UV"), shutil.which("uv"), Path.home() / ".local/bin/uv"):
        if found and Path(found).is_file():
            return str(found)
    sys.exit("uv is needed: scripts/bootstrap.sh installs it")


def targets() -> list[str]:
    return ["core/src/mcr_core", *sorted(glob.glob("services/*/src/mcr_*", root_dir=ROOT))]


def errors() -> collections.Counter[str]:
    command = [uv(), "tool", "run", "--quiet", "--from", MYPY, "mypy",
               "--python-executable", str(ROOT / ".venv" / "bin" / "python"),
               "--no-error-summary", "--no-pretty", *targets()]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 2: mypy itself failed (a syntax error, a bad flag)
        sys.exit(done.stdout + done.stderr)
    found = collections.Counter()
    for line in done.stdout.splitlines():
        if match := ERROR.match(line):
            found[f"{match['path']}: [{match['code']}] {match['message']}"] += 1
    return found


def read_baseline() -> collections.Counter[str]:
    known = collections.Counter()
    for line in BASELINE.read_text().splitlines() if BASELINE.exists() else ():
        if line and not line.startswith("#"):
            count, _, key = line.partition(" ")
            known[key] = int(count)
    return known


def write_baseline(found: collections.Counter[str]) -> None:
    header = "# count, then file: [code] message; written by scripts/typecheck.py --update\n"
    BASELINE.write_text(header + "".join(f"{n} {key}\n" for key, n in sorted(found.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the baseline")
    args = parser.parse_args()
    found = errors()
    if args.update:
        write_baseline(found)
        print(f"baseline: {sum(found.values())} known errors")
        return 0
    known = read_baseline()
    new, fixed = found - known, known - found
    for key, n in sorted(new.items()):
        print(f"new: {key}" + (f" (x{n})" if n > 1 else ""))
    print(f"type check: {sum(found.values())} errors, {sum(known.values())} in the baseline, "
          f"{sum(new.values())} new, {sum(fixed.values())} fixed")  # fmt: skip
    if fixed and not new:
        print("errors were fixed: `python scripts/typecheck.py --update` lowers the bar")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
