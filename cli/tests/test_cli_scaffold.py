"""`mcr plugin new`: a pack outside the platform's workspace by default, lint-clean under the
repository's rules, and one install instruction that works with the project's own tool, uv."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_kit import MCR, QUIET
from mcr_cli.packs import is_member, platform_checkout, scaffold
from mcr_core.plugins import HOOK_API_VERSION
from mcr_core.testing import uv_command

ROOT = Path(__file__).resolve().parents[2]
WORKSPACE = """\
[project]
name = "ws"
version = "0"
[tool.uv.workspace]
members = ["core", "plugins/*"]
"""


def new(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MCR, "plugin", "new", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60, env=os.environ | QUIET)  # fmt: skip


def test_plugin_new_refuses_a_bad_name(tmp_path):
    refused = new("Tele Com", "--directory", str(tmp_path), cwd=tmp_path)
    assert refused.returncode == 2 and "lower-case" in refused.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pack_goes_outside_the_workspace_unless_told_otherwise(tmp_path):
    workspace = tmp_path / "platform"
    (workspace / "cli").mkdir(parents=True)
    (workspace / "pyproject.toml").write_text(WORKSPACE)

    inside = new("energy", cwd=workspace / "cli")
    assert inside.returncode == 0, inside.stderr
    assert (tmp_path / "mcr-pack-energy" / "pyproject.toml").is_file()
    assert "a project of its own" in inside.stderr
    assert f"cd {tmp_path / 'mcr-pack-energy'} && uv run --extra test pytest" in inside.stderr
    assert f"uv run --with-editable {tmp_path / 'mcr-pack-energy'} mcr up" in inside.stderr
    assert "pip install" not in inside.stderr

    told = new("water", "--directory", str(workspace / "plugins"), cwd=workspace)
    assert told.returncode == 0, told.stderr
    assert f"a member of the workspace {workspace}" in told.stderr  # this one globs plugins/*
    elsewhere = new("gas", "--directory", str(workspace / "cli"), cwd=workspace)
    assert f"inside {workspace} but not a member" in elsewhere.stderr


def test_the_platform_lists_its_packs_by_name_so_a_new_one_is_no_member():
    assert not is_member(ROOT, ROOT / "plugins" / "mcr-pack-water")
    assert is_member(ROOT, ROOT / "plugins" / "mcr-pack-energy")  # shipped, named
    assert is_member(ROOT, ROOT / "plugins" / "mcr-pack-telecom")


def test_the_scaffold_is_lint_clean_under_the_repository_rules(tmp_path):
    pack = scaffold("energy_grid", tmp_path, platform_checkout())
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml")]
    checked = subprocess.run([*ruff, "check", *config, str(pack)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    formatted = subprocess.run([*ruff, "format", "--check", *config, str(pack)],
                               capture_output=True, text=True)  # fmt: skip
    assert formatted.returncode == 0, formatted.stdout
    init = (pack / "src/mcr_pack_energy_grid/__init__.py").read_text()
    assert f"MCR_HOOK_API = ({HOOK_API_VERSION},)" in init
    assert "MCR_SCOPE = PackScope(industries=(INDUSTRY,))" in init
    insight = (pack / "src/mcr_pack_energy_grid/insight.py").read_text()
    assert "import MCR_SCOPE as MCR_SCOPE" in insight
    readme = (pack / "README.md").read_text()
    assert "uv run --extra test pytest" in readme and "pip install" not in readme


def _uv() -> list[str]:
    return uv_command() or ["uv"]


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = os.environ | QUIET | {"UV_PYTHON_DOWNLOADS": "never"} | env
    for variable in ("VIRTUAL_ENV", "PYTHONPATH"):  # uv must pick the project's own environment
        environment.pop(variable, None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=environment)  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_printed_instructions_work_and_leave_the_platform_lock_alone(tmp_path):
    created = new("telecom_test", cwd=tmp_path)
    pack = tmp_path / "mcr-pack-telecom-test"
    lock = hashlib.sha256((ROOT / "uv.lock").read_bytes()).hexdigest()

    tests = _run([*_uv(), "run", "--extra", "test", "pytest", "-q", "-p", "no:cacheprovider"],
                 cwd=pack)  # fmt: skip
    assert tests.returncode == 0, created.stderr + tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout and "warning" not in tests.stdout.lower()

    with_pack = [*_uv(), "run", "--with-editable", str(pack)]
    listed = _run([*with_pack, "mcr", "plugins", "list"], cwd=ROOT, MCR_DATA_DIR=str(tmp_path))
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "mcr-pack-telecom-test" in listed.stdout

    # A pack written for another hook API is refused by `mcr plugins list` and by the
    # service's start-up, naming the pack.
    init = pack / "src/mcr_pack_telecom_test/__init__.py"
    other = HOOK_API_VERSION + 1
    init.write_text(init.read_text().replace(f"({HOOK_API_VERSION},)", f"({other},)"))
    listed = _run([*with_pack, "mcr", "plugins", "list"], cwd=ROOT, MCR_DATA_DIR=str(tmp_path))
    assert listed.returncode == 1
    assert "telecom-test" in listed.stdout and f"hook API ({other},)" in listed.stdout
    started = _run([*with_pack, "mcr-insight"], cwd=ROOT, MCR_DATA_DIR=str(tmp_path / "data"),
                   MCR_NATS_URL="nats://127.0.0.1:1")  # fmt: skip
    assert started.returncode != 0
    assert "telecom-test" in started.stderr and f"hook API ({other},)" in started.stderr
    assert hashlib.sha256((ROOT / "uv.lock").read_bytes()).hexdigest() == lock
