"""What a hook call through the plugin host costs, with five industry packs loaded.

`insight_value_components` is called for a telecom customer four ways, in one process and one
run: through `PluginHost.call` with the default pack and the telecom, healthcare, finance,
manufacturing and energy packs registered with their scopes (only the packs serving the
customer's industry are called: telecom and the defaults), through the same host with the same
modules registered without their scopes (every pack is called and all but telecom abstain:
the dispatch before packs were scoped), through a bare pluggy `hook.insight_value_components(...)`
(pluggy's own dispatch, no isolation, every pack), and as direct calls of the six
implementations in a loop (the floor).

    uv run python bench/hook_dispatch.py [--calls 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import time
import types

import mcr_insight.defaults
import mcr_insight.hooks as specs
from _common import emit_json, print_table
from mcr_core.plugins import PluginHost
from mcr_insight.hooks import CustomerFacts
from mcr_pack_energy import insight as energy
from mcr_pack_finance import insight as finance
from mcr_pack_healthcare import insight as healthcare
from mcr_pack_manufacturing import insight as manufacturing
from mcr_pack_telecom import insight as telecom

PACKS = (mcr_insight.defaults, telecom, healthcare, finance, manufacturing, energy)
CUSTOMER = CustomerFacts(
    id="c1", region="cn-south", industry="telecom", employee_count=60_000,
    revenue_currency="CNY", revenue_units=80_000_000_000,
)  # fmt: skip


def host(scoped: bool = True) -> PluginHost:
    built = PluginHost("insight", specs, discover=False)
    for pack in PACKS:
        built.register(pack if scoped else _unscoped(pack), name=pack.__name__)
    return built


def _unscoped(pack: types.ModuleType) -> types.SimpleNamespace:
    """The pack's hook implementations without its MCR_SCOPE: asked for every customer."""
    hooks = {name: getattr(pack, name) for name in dir(pack) if name.startswith("insight_")}
    return types.SimpleNamespace(__name__=pack.__name__, **hooks)


async def through_host(calls: int, scoped: bool = True) -> float:
    plugin_host = host(scoped)
    start = time.perf_counter()
    for _ in range(calls):
        outcome = await plugin_host.call("insight_value_components", customer=CUSTOMER)
    # Scoped: the defaults and telecom answer. Unscoped, the energy pack (which leaves the
    # industry to its scope) answers for the telecom customer too: the bug scoping fixes.
    assert len(outcome.results) == (2 if scoped else 3) and not outcome.failures
    return (time.perf_counter() - start) / calls


async def through_pluggy(calls: int) -> float:
    hook = host().pm.hook.insight_value_components
    start = time.perf_counter()
    for _ in range(calls):
        for value in hook(customer=CUSTOMER):
            if inspect.isawaitable(value):
                await value
    return (time.perf_counter() - start) / calls


async def direct(calls: int) -> float:
    functions = [pack.insight_value_components for pack in PACKS]
    start = time.perf_counter()
    for _ in range(calls):
        for function in functions:
            value = function(CUSTOMER)
            if inspect.isawaitable(value):
                await value
    return (time.perf_counter() - start) / calls


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()
    figures = {
        "plugin host, scoped": await through_host(args.calls),
        "plugin host, unscoped": await through_host(args.calls, scoped=False),
        "bare pluggy": await through_pluggy(args.calls),
        "direct calls": await direct(args.calls),
    }
    floor = figures["direct calls"]
    print_table(
        f"insight_value_components with 5 packs and the defaults, {args.calls} calls",
        ("dispatch", "µs/call", "× direct"),
        [(name, round(s * 1e6, 1), round(s / floor, 1)) for name, s in figures.items()],
    )
    for name in ("plugin host, scoped", "plugin host, unscoped"):
        print(f"{name}: overhead per call {(figures[name] - floor) * 1e6:.1f} µs")
    emit_json({k.replace(", ", "_").replace(" ", "_") + "_us": round(v * 1e6, 2)
               for k, v in figures.items()})  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
