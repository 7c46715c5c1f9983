"""The archive's plugin hooks (host `archive`, entry-point group `mcr.archive`) and the typed
facade the service calls them through.

Plugin authors implement these with `from mcr_core.plugins import hookimpl`.
"""

from __future__ import annotations

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


class ArchiveHooks:
    """The only way the archive calls its plugins."""

    def __init__(self, host: PluginHost) -> None:
        self.host = host
        self._industries: dict[str, Industry] | None = None
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


def plugin_host(settings: ServiceSettings) -> PluginHost:
    import mcr_archive.hooks as specs

    return PluginHost(
        HOST,
        specs,
        defaults=DEFAULT_PLUGINS,
        allow=settings.plugins_allow,
        block=settings.plugins_block,
        timeout_seconds=settings.plugin_timeout_seconds,
    )
