"""The partner kit: the hook reference stays true, and every hook is documented and tested.
(`mcr plugin new` and `mcr plugins list` are tested with the CLI, in cli/tests.)"""

from __future__ import annotations

import types
from pathlib import Path

from mcr_core.hookdocs import hook_docs, hook_hosts, render_reference
from mcr_core.plugins import hookspec

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
