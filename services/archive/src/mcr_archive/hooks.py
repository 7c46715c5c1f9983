"""The archive's plugin hooks (host `archive`, entry-point group `mcr.archive`) and the typed
facade the service calls them through.

Plugin authors implement these with `from mcr_core.plugins import hookimpl`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from mcr_core.config import ServiceSettings
from mcr_core.plugins import PluginFailure, PluginHost, hookspec

HOST = "archive"
DEFAULT_PLUGINS = ("mcr_archive.defaults",)


@dataclass(frozen=True)
class Industry:
    """An industry a customer can belong to: `code` is what `Customer.industry` holds."""

    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class NetworkMetric:
    """One metric of a customer's business network (CP appendix D) for an industry; `industry`
    "*" makes it part of the general schema, used where no plugin knows the industry."""

    industry: str
    code: str
    display_name: str
    local_name: str
    value_type: str  # "integer", "decimal", "percent", "text" or "boolean"
    unit: str = ""


GENERAL = "*"


# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


@hookspec
def archive_industries() -> list[Industry]:
    """The industries this plugin knows.

    Fires once, the first time the archive validates a customer's industry after start-up.
    Returns a list of `Industry`; the codes of all active plugins together are the valid
    values of `Customer.industry`. When two plugins give the same code, the first one loaded
    wins. Example::

        @hookimpl
        def archive_industries():
            return [Industry("telecom", "Telecom operators", "电信运营商")]
    """
    raise NotImplementedError


@hookspec
def archive_network_metrics() -> list[NetworkMetric]:
    """The business-network metrics this plugin defines, per industry (book ch.6 CP appendix D:
    "content varies by industry", for telecom users, coverage, base stations, ...).

    Fires once, the first time the archive needs a metric schema after start-up. Returns a list
    of `NetworkMetric` (industry, code, names, value type, unit). A customer of
    industry X records the metrics any plugin defines for X; when no plugin defines one for X,
    the general metrics (industry "*") apply. When two plugins give the same (industry, code),
    the first one loaded wins. Example::

        @hookimpl
        def archive_network_metrics():
            return [NetworkMetric("telecom", "base_stations", "Base stations", "基站数",
                                  "integer", "sites")]
    """
    raise NotImplementedError


class ArchiveHooks:
    """The only way the archive calls its plugins."""

    def __init__(self, host: PluginHost) -> None:
        self.host = host
        self._industries: dict[str, Industry] | None = None
        self._metrics: dict[str, dict[str, tuple[NetworkMetric, str]]] | None = None
        self.failures: list[PluginFailure] = []

    async def industries(self) -> dict[str, Industry]:
        if self._industries is None:
            outcome = await self.host.call("archive_industries")
            self.failures = outcome.failures
            known: dict[str, Industry] = {}
            for result in outcome.results:
                for industry in result.value:
                    known.setdefault(industry.code, industry)
            self._industries = known
        return self._industries

    async def network_metrics(self, industry: str) -> list[tuple[NetworkMetric, str]]:
        """The metric schema of an industry as (metric, plugin), in the plugins' order."""
        if self._metrics is None:
            outcome = await self.host.call("archive_network_metrics")
            self.failures = [*self.failures, *outcome.failures]
            known: dict[str, dict[str, tuple[NetworkMetric, str]]] = {}
            for result in outcome.results:
                for metric in result.value:
                    known.setdefault(metric.industry, {}).setdefault(
                        metric.code, (metric, result.plugin)
                    )
            self._metrics = known
        return list((self._metrics.get(industry) or self._metrics.get(GENERAL, {})).values())


def plugin_host(settings: ServiceSettings) -> PluginHost:
    return PluginHost.for_service(HOST, sys.modules[__name__], DEFAULT_PLUGINS, settings)
