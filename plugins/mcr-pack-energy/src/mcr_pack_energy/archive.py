"""Energy's archive hooks: the industries, and what the customer profile records of a utility."""

from mcr_archive.hooks import Industry, NetworkMetric
from mcr_core.plugins import hookimpl

from mcr_pack_energy import GENERATION, GRID

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_energy import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_energy import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries() -> list[Industry]:
    """Grid companies apart from generators: their budgets and tenders differ."""
    return [
        Industry(GRID, "Grid companies", "电网公司"),
        Industry(GENERATION, "Power generation groups", "发电集团"),
    ]


# CP appendix D, "content varies by industry": what a utility's business network is.
INVESTMENT_BUDGET = "grid_investment_budget"
NETWORK_METRICS = tuple(
    NetworkMetric(industry, code, name_en, name_zh, value_type, unit)
    for industry in (GRID, GENERATION)
    for code, name_en, name_zh, value_type, unit in (
        (INVESTMENT_BUDGET, "Yearly grid investment budget", "年度电网投资预算", "integer",
         "100M CNY"),
        ("substations", "Substations", "变电站数", "integer", "sites"),
    )
)  # fmt: skip


@hookimpl
def archive_network_metrics() -> list[NetworkMetric]:
    """A utility's investment budget and substations instead of the general schema."""
    return list(NETWORK_METRICS)
