"""Fixtures of the CLI's tests (their helpers are in cli_kit.py)."""

from __future__ import annotations

import pytest
from cli_kit import RunningPlatform


@pytest.fixture(scope="session")
def demo_platform(tmp_path_factory) -> RunningPlatform:
    """`mcr up --demo --pack telecom`, once for the CLI's tests that only read from it or
    leave it as they found it."""
    running = RunningPlatform(tmp_path_factory.mktemp("cli") / "mcr", "--demo", "--pack",
                              "telecom")  # fmt: skip
    try:
        running.wait_for_tiers()
        yield running
    finally:
        assert running.interrupt() == 0, running.said[-3000:]
