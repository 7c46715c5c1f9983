"""The plugin host isolates plugins that raise, hang or return junk, and refuses bad ones."""

from __future__ import annotations

import asyncio
import sys
import time
import types

import pytest
from mcr_core.plugins import PluginLoadError, hookimpl, hookspec


def make_specs() -> types.ModuleType:
    specs = types.ModuleType("demo_specs")

    @hookspec
    def demo_score(customer: str) -> list[int]:
        """Scores for a customer."""

    @hookspec(firstresult=True)
    def demo_tier(customer: str) -> str | None:
        """The tier of a customer; the first answer wins."""

    specs.demo_score = demo_score
    specs.demo_tier = demo_tier
    return specs


def plugin(name: str, **hooks) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(__name__=name)
    for hook_name, function in hooks.items():
        setattr(namespace, hook_name, hookimpl(function))
    return namespace


def good_score(customer):
    return [len(customer)]


def raising_score(customer):
    raise ZeroDivisionError("division by zero in the formula")


def sleeping_score(customer):
    time.sleep(1.5)
    return [1]


async def async_sleeping_score(customer):
    await asyncio.sleep(5)
    return [1]


def wrong_type_score(customer):
    return "ninety"


async def test_failing_plugins_do_not_stop_the_call(plugin_host):
    host = plugin_host(
        "demo",
        make_specs(),
        plugin("good", demo_score=good_score),
        plugin("raiser", demo_score=raising_score),
        plugin("sleeper", demo_score=sleeping_score),
        plugin("async-sleeper", demo_score=async_sleeping_score),
        plugin("liar", demo_score=wrong_type_score),
        timeout_seconds=0.3,
    )
    started = time.monotonic()
    outcome = await host.call("demo_score", customer="acme")
    assert time.monotonic() - started < 1.4  # nobody waited for the sleepers to finish
    assert [(r.plugin, r.value) for r in outcome.results] == [("good", [4])]
    reasons = {f.plugin: f.reason for f in outcome.failures}
    assert reasons["raiser"] == "raised ZeroDivisionError: division by zero in the formula"
    assert reasons["sleeper"] == "timed out after 0.3s"
    assert reasons["async-sleeper"] == "timed out after 0.3s"
    assert reasons["liar"].startswith("returned an invalid value")
    assert all(f.hook == "demo_score" for f in outcome.failures)


async def test_first_result_skips_failures_and_stops_at_the_first_answer(plugin_host):
    calls = []

    def first(customer):
        calls.append("first")
        return "A"

    def second(customer):
        calls.append("second")
        return 42  # wrong type: a tier is a string

    def third(customer):
        calls.append("third")
        raise RuntimeError("boom")

    # pluggy calls the last registered first: third, second, first.
    host = plugin_host(
        "demo",
        make_specs(),
        plugin("first", demo_tier=first),
        plugin("second", demo_tier=second),
        plugin("third", demo_tier=third),
    )
    outcome = await host.call("demo_tier", customer="acme")
    assert outcome.first.plugin == "first" and outcome.first.value == "A"
    assert calls == ["third", "second", "first"]
    assert [f.plugin for f in outcome.failures] == ["third", "second"]


def test_misspelled_hook_is_refused_at_start_up(plugin_host):
    with pytest.raises(PluginLoadError, match=r"'typo'.*does not have"):
        plugin_host("demo", make_specs(), plugin("typo", demo_scor=good_score))


def test_unknown_parameter_is_refused(plugin_host):
    def takes_more(customer, region):
        return [1]

    with pytest.raises(PluginLoadError, match="'greedy' is invalid"):
        plugin_host("demo", make_specs(), plugin("greedy", demo_score=takes_more))


def test_incompatible_hook_api_is_refused(plugin_host):
    future = plugin("future", demo_score=good_score)
    future.MCR_HOOK_API = (3,)
    with pytest.raises(PluginLoadError, match=r"'future' supports hook API \(3,\)"):
        plugin_host("demo", make_specs(), future)


def test_entry_points_are_discovered_and_filtered(tmp_path, monkeypatch):
    """A real distribution on sys.path registering in `mcr.demo`, allowed and blocked."""
    from mcr_core.plugins import PluginHost

    package = tmp_path / "demo_pack.py"
    package.write_text(
        "from mcr_core.plugins import PackScope, hookimpl\n"
        "MCR_SCOPE = PackScope(industries=('*',))\n"
        "@hookimpl\n"
        "def demo_score(customer):\n"
        "    return [7]\n"
    )
    dist = tmp_path / "demo_pack-1.2.3.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-pack\nVersion: 1.2.3\n")
    (dist / "entry_points.txt").write_text("[mcr.demo]\ndemo-pack = demo_pack\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "demo_pack", raising=False)

    host = PluginHost("demo", make_specs())
    [info] = host.plugins()
    assert (info.name, info.distribution, info.version) == ("demo-pack", "demo-pack", "1.2.3")
    assert info.hooks == ("demo_score",)
    assert PluginHost("demo", make_specs(), block=["demo-pack"]).plugins() == []
    assert PluginHost("demo", make_specs(), allow=[]).plugins() == []


async def test_a_batch_call_isolates_each_set_and_each_plugin(plugin_host):
    async def picky(customer):
        if customer == "hangs":
            await asyncio.sleep(30)
        if customer == "raises":
            raise ValueError("no such customer")
        if customer == "junk":
            return "ninety"
        return [len(customer)] if customer != "abstains" else None

    host = plugin_host(
        "demo",
        make_specs(),
        plugin("good", demo_score=good_score),  # synchronous: a thread per call
        plugin("picky", demo_score=picky),
        timeout_seconds=0.3,
    )
    customers = ["acme", "hangs", "raises", "junk", "abstains", "globex"]
    started = time.monotonic()
    outcomes = await host.call_batch("demo_score", [{"customer": c} for c in customers])
    assert time.monotonic() - started < 2  # one hang costs about one timeout, not the batch
    by_customer = dict(zip(customers, outcomes, strict=True))
    results = {c: [(r.plugin, r.value) for r in o.results] for c, o in by_customer.items()}
    failures = {c: [(f.plugin, f.reason) for f in o.failures] for c, o in by_customer.items()}
    assert results["acme"] == [("picky", [4]), ("good", [4])]
    assert results["globex"] == [("picky", [6]), ("good", [6])]  # after the hang, it went on
    assert failures["hangs"] == [("picky", "timed out after 0.3s")]
    assert failures["raises"] == [("picky", "raised ValueError: no such customer")]
    assert failures["junk"][0][1].startswith("returned an invalid value")
    assert results["abstains"] == [("good", [8])] and failures["abstains"] == []
    single = await host.call("demo_score", customer="acme")
    assert [(r.plugin, r.value) for r in single.results] == results["acme"]


async def test_the_spec_decides_first_result_calls(plugin_host):
    """pluggy's semantics: `firstresult=True` on the spec stops at the first valid answer, a
    spec without it collects every plugin's answer; the order is pluggy's (last registered
    first)."""
    calls = []

    def tier(name, answer):
        def implementation(customer):
            calls.append(name)
            return answer

        return implementation

    host = plugin_host(
        "demo",
        make_specs(),
        plugin("low", demo_tier=tier("low", "C"), demo_score=good_score),
        plugin("high", demo_tier=tier("high", "S"), demo_score=good_score),
    )
    assert host.first_result("demo_tier") and not host.first_result("demo_score")
    outcome = await host.call("demo_tier", customer="acme")
    assert [(r.plugin, r.value) for r in outcome.results] == [("high", "S")]
    assert calls == ["high"]
    everyone = await host.call("demo_score", customer="acme")
    assert [r.plugin for r in everyone.results] == ["high", "low"]


async def test_an_answer_with_a_problem_is_its_plugins_failure(plugin_host):
    def no_x(value: str) -> str | None:
        return "X is no tier" if value == "X" else None

    host = plugin_host(
        "demo",
        make_specs(),
        plugin("good", demo_tier=lambda customer: "A"),
        plugin("odd", demo_tier=lambda customer: "X"),
    )
    outcome = await host.call("demo_tier", customer="acme", problem=no_x)
    assert (outcome.first.plugin, outcome.first.value) == ("good", "A")
    assert [(f.plugin, f.reason) for f in outcome.failures] == [("odd", "X is no tier")]
    [batch] = await host.call_batch("demo_tier", [{"customer": "acme"}], problem=no_x)
    assert [(r.plugin, r.value) for r in batch.results] == [("good", "A")]


@pytest.mark.parametrize("marker", [{"hookwrapper": True}, {"wrapper": True}])
def test_hook_wrappers_are_refused_at_start_up(plugin_host, marker):
    def wrapping(customer):
        result = yield
        return result

    wrapper = types.SimpleNamespace(__name__="wrapper", demo_score=hookimpl(**marker)(wrapping))
    with pytest.raises(PluginLoadError, match=r"'wrapper' implements demo_score as a hook wrapper"):
        plugin_host("demo", make_specs(), wrapper)
