"""`mcr region backup|restore`: on one machine, `mcr up`'s databases and NATS by default; what
they cannot do is refused plainly, naming the option or the folder (the backup and restore of
services under load, on both databases: tests/test_backup_restore.py)."""

from __future__ import annotations

import pytest
from cli_kit import RunningPlatform, mcr


def test_a_database_not_written_service_equals_url_is_refused_naming_the_option(tmp_path):
    refused = mcr("region", "backup", str(tmp_path / "b"), "--database", "ledger=sqlite:///x.db")
    assert refused.returncode == 2
    assert "--database" in refused.stderr and "'ledger'" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_folder_without_a_finished_backup_is_not_restored(tmp_path):
    (tmp_path / "half").mkdir()
    refused = mcr("region", "restore", str(tmp_path / "half"), data_dir=tmp_path / "data")
    assert refused.returncode == 1
    assert "holds no finished backup" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_backup_goes_into_a_new_folder(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    refused = mcr("region", "backup", str(tmp_path / "used"), data_dir=tmp_path / "data")
    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_one_machine_backs_up_while_running_and_restores_after_losing_its_databases(tmp_path):
    data = tmp_path / "mcr"
    platform = RunningPlatform(data, "--demo")
    try:
        platform.wait_for_tiers()
        before = {c["name"]: c["tier"] for c in platform.customers()}
        backed_up = platform.mcr("region", "backup", str(tmp_path / "backup"))
        assert backed_up.returncode == 0, backed_up.stderr
        assert "stream MCR_ARCHIVE" in backed_up.stdout
        refused = platform.mcr("region", "restore", str(tmp_path / "backup"))
        assert refused.returncode == 1 and "stop it first" in refused.stderr
    finally:
        assert platform.interrupt() == 0
    for service in ("archive", "insight"):  # the disaster: two databases lost
        for lost in data.glob(f"{service}.db*"):
            lost.unlink()
    restored = mcr("region", "restore", str(tmp_path / "backup"), data_dir=data)
    assert restored.returncode == 0, restored.stderr
    platform = RunningPlatform(data)
    try:
        platform.wait_for_tiers()
        assert {c["name"]: c["tier"] for c in platform.customers()} == before
    finally:
        platform.interrupt()
