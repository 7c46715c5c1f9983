"""`mcr plugins list`: what is installed here, and what each running service has active."""

from __future__ import annotations

import pytest
from cli_kit import mcr

# The first test here may start the session's `mcr up --demo` (demo_platform).
pytestmark = pytest.mark.timeout(300)


def rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in text.splitlines()
            if line.startswith("│")]  # fmt: skip


@pytest.mark.slow
def test_installed_and_active_per_running_service(demo_platform):
    listed = demo_platform.mcr("plugins", "list")
    assert listed.returncode == 0, listed.stderr
    table = {(r[0], r[1]): r for r in rows(listed.stdout)}
    # `mcr up --pack telecom`: the telecom pack answers in each service it extends, the other
    # installed packs only could.
    assert table[("insight", "telecom")][5:] == ["yes", "active"]
    assert table[("archive", "telecom")][5:] == ["yes", "active"]
    assert table[("insight", "finance")][5:] == ["yes", "not active"]
    assert table[("contact", "healthcare")][5:] == ["yes", "not active"]
    defaults = table[("insight", "mcr_insight.defaults")]
    assert (defaults[2], defaults[6]) == ("(built in)", "active")
    assert "active: what each running service loaded" in listed.stdout
    assert max(map(len, listed.stdout.splitlines())) > 80  # every hook listed, nothing cut
    assert "…" not in listed.stdout


def test_without_a_running_platform_nothing_is_active(tmp_path):
    listed = mcr("plugins", "list", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    table = {(r[0], r[1]): r for r in rows(listed.stdout)}
    assert table[("insight", "telecom")][5:] == ["yes", "-"]
    assert f"the platform is not running from {tmp_path}, so nothing is" in " ".join(
        listed.stdout.split()
    )


def test_an_active_pack_s_failures_and_a_pack_not_installed_here_are_shown():
    from mcr_cli.packs import PackRow, with_activity

    installed = [
        PackRow("insight", "telecom", "mcr-pack-telecom", "0.1.0", "insight_tier_policy", "yes"),
        PackRow("planning", "telecom", "mcr-pack-telecom", "0.1.0", "planning_cycle", "yes"),
    ]
    failing = {
        "status": "failing",
        "failures": 2,
        "last_failure": {
            "hook": "insight_tier_policy",
            "reason": "timed out after 2s",
            "time": "2026-12-07",
        },
    }
    active = {"insight": {
        "telecom": {"name": "telecom", "hooks": ["insight_tier_policy"], "health": failing},
        "energy": {"name": "energy", "distribution": "mcr-pack-energy", "version": "0.2.0",
                   "hooks": ["insight_value_components"], "health": {"failures": 0}},
    }}  # fmt: skip
    rows = {(r.host, r.name): r for r in with_activity(installed, active)}
    assert rows[("insight", "telecom")].active == (
        "active, 2 failure(s), last in insight_tier_policy: timed out after 2s"
    )
    assert rows[("planning", "telecom")].active == "-"  # planning does not answer
    assert (rows[("insight", "energy")].installed, rows[("insight", "energy")].active) == (
        "no", "active"
    )  # fmt: skip
