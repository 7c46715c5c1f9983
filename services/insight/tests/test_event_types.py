"""Insight runs as its own process: it must decode the archive's events without the archive's
code loaded (the types come from the contract module, not from a shared interpreter)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import mcr_insight.__main__  # what `python -m mcr_insight` loads
from google.protobuf import descriptor_pool
assert "mcr_archive" not in sys.modules, "the probe must not load the archive service"
for kind in ("CustomerCreated", "CustomerUpdated", "CustomerDeleted"):
    descriptor_pool.Default().FindMessageTypeByName(f"mcr.archive.v1.{kind}")
"""


def test_an_insight_process_knows_the_archive_event_types():
    probe = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
