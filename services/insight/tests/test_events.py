"""Insight decodes the archive's events in a process of its own."""

from __future__ import annotations

import subprocess
import sys


def test_a_fresh_insight_process_knows_the_archive_event_types():
    # Tests import the archive's messages themselves; a service process does not, and an
    # event type missing from the descriptor pool is dead-lettered as unreadable.
    script = (
        "import mcr_insight.tiers.service\n"
        "from google.protobuf import descriptor_pool\n"
        "for kind in ('CustomerCreated', 'CustomerUpdated', 'CustomerDeleted'):\n"
        "    descriptor_pool.Default().FindMessageTypeByName('mcr.archive.v1.' + kind)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
