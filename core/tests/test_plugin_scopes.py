"""Packs scoped by industry within a region: a per-customer hook asks only the packs that serve
the customer, closest fit first, then the built-in defaults; a region-wide hook asks them all."""

from __future__ import annotations

import types

import pytest
from mcr_core.plugins import CustomerContext, PackScope, PluginLoadError, hookimpl, hookspec


def make_specs() -> types.ModuleType:
    specs = types.ModuleType("scoped_specs")

    @hookspec(firstresult=True)
    def demo_gift_limit(customer: CustomerContext) -> int | None:
        """The gift limit of one customer."""

    @hookspec
    def demo_components(customer: CustomerContext) -> list[str]:
        """Score components of one customer; every serving pack's count."""

    @hookspec(firstresult=True)
    def demo_jurisdiction_limit(jurisdiction: str) -> int | None:
        """A jurisdiction's limit: region-wide."""

    for spec in (demo_gift_limit, demo_components, demo_jurisdiction_limit):
        setattr(specs, spec.__name__, spec)
    return specs


def pack(name: str, scope: PackScope | None, limit: int) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(__name__=name)
    if scope is not None:
        namespace.MCR_SCOPE = scope
    namespace.demo_gift_limit = hookimpl(lambda customer: limit)
    namespace.demo_components = hookimpl(lambda customer: [name])
    namespace.demo_jurisdiction_limit = hookimpl(lambda jurisdiction: limit)
    return namespace


def customer(industry: str, ownership_type: str = "") -> CustomerContext:
    return CustomerContext("c-1", "cn-south", industry, ownership_type)


@pytest.fixture
def host(plugin_host):
    return plugin_host(
        "demo",
        make_specs(),
        pack("defaults", None, 1000),  # the built-in rules: every customer
        pack("energy", PackScope(("grid", "power_generation")), 200),
        pack("state_energy", PackScope(("grid",), ("state_owned",)), 100),
        pack("hospitals", PackScope(("hospital", "hospital_3a")), 0),
        pack("everyone", PackScope(("*",)), 500),
    )


async def test_a_customer_gets_the_answer_of_the_pack_that_serves_it_closest(host):
    async def limit(industry: str, ownership_type: str = "") -> tuple[str, int]:
        found = await host.call("demo_gift_limit", customer=customer(industry, ownership_type))
        return found.first.plugin, found.first.value

    assert await limit("hospital") == ("hospitals", 0)
    assert await limit("grid") == ("energy", 200)
    assert await limit("grid", "state_owned") == ("state_energy", 100)  # industry + ownership
    assert await limit("telecom") == ("everyone", 500)  # no pack names it: the '*' pack


async def test_every_serving_pack_counts_and_no_other(host):
    found = await host.call("demo_components", customer=customer("grid", "state_owned"))
    assert [r.plugin for r in found.results] == ["state_energy", "energy", "everyone", "defaults"]
    found = await host.call("demo_components", customer=customer("retail"))
    assert [r.plugin for r in found.results] == ["everyone", "defaults"]


async def test_a_region_wide_hook_asks_every_pack_in_pluggys_order(host):
    found = await host.call("demo_jurisdiction_limit", jurisdiction="cn-south")
    assert (found.first.plugin, found.first.value) == ("everyone", 500)  # registered last


async def test_a_batch_of_mixed_industries_asks_each_customer_its_own_packs(host):
    industries = ["hospital", "grid", "retail", "grid", "hospital_3a"]
    outcomes = await host.call_batch(
        "demo_gift_limit", [{"customer": customer(i)} for i in industries]
    )
    assert [(o.first.plugin, o.first.value) for o in outcomes] == [
        ("hospitals", 0), ("energy", 200), ("everyone", 500), ("energy", 200), ("hospitals", 0),
    ]  # fmt: skip
    single = [await host.call("demo_gift_limit", customer=customer(i)) for i in industries]
    assert [o.first.value for o in outcomes] == [o.first.value for o in single]


async def test_the_defaults_answer_for_an_industry_no_pack_serves(plugin_host):
    host = plugin_host(
        "demo",
        make_specs(),
        pack("defaults", None, 1000),
        pack("energy", PackScope(("grid",)), 200),
    )
    found = await host.call("demo_gift_limit", customer=customer("telecom"))
    assert (found.first.plugin, found.first.value) == ("defaults", 1000)


def test_a_pack_of_the_first_hook_api_is_refused_with_what_to_change(plugin_host):
    old = pack("old_pack", PackScope(("grid",)), 1)
    old.MCR_HOOK_API = (1,)
    with pytest.raises(PluginLoadError) as refused:
        plugin_host("demo", make_specs(), old)
    message = str(refused.value)
    assert "'old_pack' supports hook API (1,)" in message and "offers version 2" in message
    assert "MCR_HOOK_API = (2,)" in message and "MCR_SCOPE = PackScope(" in message


def test_an_installed_pack_must_say_whose_customers_it_serves():
    from mcr_core.plugins import PluginHost

    host = PluginHost("demo", make_specs(), discover=False)
    with pytest.raises(PluginLoadError, match=r"per-customer hooks \(demo_components, demo_gift"):
        host.register(pack("unscoped", None, 1), name="unscoped", distribution="mcr-pack-x")
    with pytest.raises(PluginLoadError, match=r"must be a mcr_core\.plugins\.PackScope"):
        bad = pack("bad", None, 1)
        bad.MCR_SCOPE = ("grid",)
        host.register(bad, name="bad", distribution="mcr-pack-bad")
    with pytest.raises(ValueError, match="as a tuple"):
        PackScope("grid")  # type: ignore[arg-type]
