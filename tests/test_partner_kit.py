"""The partner kit: the hook reference stays true, every hook is documented and tested, and a
pack scaffolded by `mcr plugin new` installs and passes its own tests in a fresh environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from mcr_cli.main import app
from mcr_cli.packs import scaffold
from mcr_core.hookdocs import hook_docs, hook_hosts, render_reference
from mcr_core.plugins import hookspec
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
THIS = Path(__file__).resolve()


def _test_sources() -> str:
    files = [
        *ROOT.glob("services/*/tests/**/test_*.py"),
        *ROOT.glob("plugins/*/tests/**/test_*.py"),
        *ROOT.glob("tests/**/test_*.py"),
    ]
    return "\n".join(path.read_text() for path in files if path.resolve() != THIS)


def untested_hooks(docs, sources: str) -> list[str]:
    return [f"{d.host}.{d.name}" for d in docs if d.name not in sources]


def undocumented_hooks(docs) -> list[str]:
    return [f"{d.host}.{d.name}: no {', '.join(d.missing_parts())}" for d in docs
            if d.missing_parts()]  # fmt: skip


def test_every_service_offers_its_hooks():
    assert {"archive", "insight"} <= set(hook_hosts())


def test_the_hook_reference_shows_the_current_signatures():
    committed = (ROOT / "docs/partners/hooks.md").read_text()
    assert committed == render_reference(hook_docs(hook_hosts())), "run `mcr plugins docs`"


def test_every_hook_says_when_it_fires_what_it_returns_and_shows_an_example():
    assert undocumented_hooks(hook_docs(hook_hosts())) == []


def test_every_hook_has_a_test():
    assert untested_hooks(hook_docs(hook_hosts()), _test_sources()) == []


def test_the_meta_checks_catch_a_new_hook_without_docs_or_tests():
    module = types.ModuleType("mcr_newservice_hooks")

    @hookspec
    def newservice_brand_new_hook(customer: str) -> int:
        """Something."""
        raise NotImplementedError

    module.newservice_brand_new_hook = newservice_brand_new_hook
    docs = hook_docs({"newservice": module})
    assert undocumented_hooks(docs) == [
        "newservice.newservice_brand_new_hook: no Fires, Returns, Example::"
    ]
    assert untested_hooks(docs, _test_sources()) == ["newservice.newservice_brand_new_hook"]
    assert "def newservice_brand_new_hook(customer: str) -> int" in render_reference(docs)


def test_plugins_list_shows_each_service_s_packs():
    result = CliRunner().invoke(app, ["plugins", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "mcr_archive.defaults" in result.output
    assert "mcr_insight.defaults" in result.output


def test_plugin_new_refuses_a_bad_name(tmp_path):
    result = CliRunner().invoke(app, ["plugin", "new", "Tele Com", "--directory", str(tmp_path)])
    assert result.exit_code == 2
    assert "lower-case" in result.output
    assert list(tmp_path.iterdir()) == []


def _uv() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_scaffolded_pack_installs_and_passes_its_tests_in_a_fresh_environment(tmp_path):
    pack = scaffold("telecom_test", tmp_path)
    venv = tmp_path / "venv"
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)
    assert (
        _run([*_uv(), "venv", "-q", "--python", sys.executable, str(venv)], env=env).returncode == 0
    )
    local = ["proto/python", "core", "services/archive", "services/insight", "services/gateway",
             "cli"]  # fmt: skip
    install = [*_uv(), "pip", "install", "-q", "--python", str(venv / "bin/python")]
    for path in local:
        install += ["-e", str(ROOT / path)]
    install += ["-e", f"{pack}[test]"]
    installed = _run(install, env=env)
    assert installed.returncode == 0, installed.stderr

    tests = _run([str(venv / "bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                 cwd=pack, env=env)  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout

    listed = _run([str(venv / "bin/mcr"), "plugins", "list"], env={**env, "COLUMNS": "200"})
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "mcr-pack-telecom-test" in listed.stdout

    # A pack written for another hook API is refused by `mcr plugins list` and by the service's
    # start-up, naming the pack.
    init = pack / "src/mcr_pack_telecom_test/insight.py"
    init.write_text(init.read_text().replace("MCR_HOOK_API = (1,)", "MCR_HOOK_API = (2,)"))
    listed = _run([str(venv / "bin/mcr"), "plugins", "list"], env={**env, "COLUMNS": "200"})
    assert listed.returncode == 1
    assert "telecom-test" in listed.stdout and "hook API (2,)" in listed.stdout
    started = _run(
        [str(venv / "bin/mcr-insight")],
        env={**env, "MCR_DATA_DIR": str(tmp_path / "data"), "MCR_NATS_URL": "nats://127.0.0.1:1"},
    )
    assert started.returncode != 0
    assert "telecom-test" in started.stderr and "hook API (2,)" in started.stderr
