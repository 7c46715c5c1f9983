"""Telecom's archive hooks: the industry customers are filed under, and what the customer
profile records of an operator's network."""

from mcr_archive.hooks import Industry, NetworkMetric
from mcr_core.plugins import hookimpl

from mcr_pack_telecom import INDUSTRY

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_telecom import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_telecom import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries() -> list[Industry]:
    """Telecom operators, groups and their provincial companies alike."""
    return [Industry(INDUSTRY, "Telecom operators", "电信运营商")]


def _metric(code: str, name_en: str, name_zh: str, value_type: str, unit: str = ""):
    return NetworkMetric(INDUSTRY, code, name_en, name_zh, value_type, unit)


# CP appendix D, the book's own example (ch.2 §2.2): 「比如通信行业,会关注客户的用户数量、网络覆盖、
# 基站数量、产品的版本、客户遇到的问题等」.
NETWORK_METRICS = (
    _metric("users", "Subscribers", "用户数", "integer", "users"),
    _metric("coverage", "Network coverage", "网络覆盖率", "percent", "%"),
    _metric("base_stations", "Base stations", "基站数", "integer", "sites"),
    _metric("product_versions", "Product versions in use", "产品版本", "text"),
    _metric("problems", "Problems met", "遇到的问题", "text"),
)


@hookimpl
def archive_network_metrics() -> list[NetworkMetric]:
    """An operator's network as the customer profile records it, instead of the general
    schema."""
    return list(NETWORK_METRICS)
