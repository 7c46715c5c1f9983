"""The archive's built-in plugin: a general industry list and business-network metric schemas.
A plugin like any other."""

from mcr_core.plugins import hookimpl

from mcr_archive.hooks import GENERAL, Industry, NetworkMetric

GENERAL_INDUSTRIES = (
    Industry("telecom", "Telecom operators", "电信运营商"),
    Industry("finance", "Financial services", "金融"),
    Industry("internet", "Internet", "互联网"),
    Industry("healthcare", "Healthcare", "医疗"),
    Industry("manufacturing", "Manufacturing", "制造"),
    Industry("distribution", "Distribution", "分销"),
    Industry("energy", "Energy and utilities", "能源"),
    Industry("government", "Government and public sector", "政府与公共事业"),
    Industry("transport", "Transport", "交通"),
    Industry("education", "Education", "教育"),
    Industry("retail", "Retail", "零售"),
    Industry("other", "Other", "其他"),
)


@hookimpl
def archive_industries() -> list[Industry]:
    return list(GENERAL_INDUSTRIES)


def _metric(industry, code, name_en, name_zh, value_type, unit=""):
    return NetworkMetric(industry, code, name_en, name_zh, value_type, unit)


# CP appendix D: a general schema. An industry's own schema comes from its pack (the telecom
# pack carries the book's example: subscribers, coverage, base stations).
NETWORK_METRICS = (
    _metric(GENERAL, "users", "Users served", "用户数", "integer", "users"),
    _metric(GENERAL, "sites", "Sites or branches", "站点/网点数", "integer", "sites"),
    _metric(GENERAL, "our_share", "Our share of the installed base", "我司份额", "percent", "%"),
    _metric(GENERAL, "product_versions", "Product versions in use", "产品版本", "text"),
    _metric(GENERAL, "problems", "Problems met", "遇到的问题", "text"),
)


@hookimpl
def archive_network_metrics() -> list[NetworkMetric]:
    return list(NETWORK_METRICS)
