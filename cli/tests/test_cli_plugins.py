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
