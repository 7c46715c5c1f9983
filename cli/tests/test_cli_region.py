"""`mcr region backup|restore` refuse what they cannot do plainly, naming the option or the
folder (the backup and restore themselves: tests/test_backup_restore.py)."""

from __future__ import annotations

from cli_kit import mcr


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
