"""What a hook call through the plugin host costs, with the four industry packs loaded.

`insight_value_components` is called for a telecom customer three ways, in one process and one
run: through `PluginHost.call` with the default pack and the telecom, healthcare, finance and
manufacturing packs registered (each implementation on its own, with its timeout and the
validation of its answer), through a bare pluggy `hook.insight_value_components(...)` (pluggy's
own dispatch, no isolation), and as direct calls of the same five implementations in a loop
(the floor). The host's per-call overhead is the first minus the third.

    uv run python bench/hook_dispatch.py [--calls 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import time

import mcr_insight.defaults
import mcr_insight.hooks as specs
from _common import emit_json, print_table
from mcr_core.plugins import PluginHost
from mcr_insight.hooks import CustomerFacts
from mcr_pack_finance import insight as finance
from mcr_pack_healthcare import insight as healthcare
from mcr_pack_manufacturing import insight as manufacturing
from mcr_pack_telecom import insight as telecom

PACKS = (mcr_insight.defaults, telecom, healthcare, finance, manufacturing)
CUSTOMER = CustomerFacts(
    id="c1", region="cn-south", industry="telecom", employee_count=60_000,
    revenue_currency="CNY", revenue_units=80_000_000_000,
)  # fmt: skip


def host() -> PluginHost:
    built = PluginHost("insight", specs, discover=False)
    for pack in PACKS:
        built.register(pack, name=pack.__name__)
    return built


async def through_host(calls: int) -> float:
    plugin_host = host()
    start = time.perf_counter()
    for _ in range(calls):
        outcome = await plugin_host.call("insight_value_components", customer=CUSTOMER)
    assert len(outcome.results) == 2 and not outcome.failures  # default + telecom answer
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
        "plugin host": await through_host(args.calls),
        "bare pluggy": await through_pluggy(args.calls),
        "direct calls": await direct(args.calls),
    }
    floor = figures["direct calls"]
    print_table(
        f"insight_value_components with 5 packs, {args.calls} calls",
        ("dispatch", "µs/call", "× direct"),
        [(name, round(s * 1e6, 1), round(s / floor, 1)) for name, s in figures.items()],
    )
    overhead = (figures["plugin host"] - floor) * 1e6
    print(f"plugin host overhead per call: {overhead:.1f} µs")
    emit_json({k.replace(" ", "_") + "_us": round(v * 1e6, 2) for k, v in figures.items()})


if __name__ == "__main__":
    asyncio.run(main())
