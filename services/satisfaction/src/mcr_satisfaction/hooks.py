"""The satisfaction service's plugin hooks (host `satisfaction`, entry-point group
`mcr.satisfaction`) and the typed facade the service calls them through.

Industry packs give survey templates: the dimensions a survey of a kind asks about in their
industry. Every answer is validated after the call; a plugin that raises, hangs or answers
nonsense is reported by name and does not count.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from mcr_core.config import ServiceSettings
from mcr_core.plugins import CustomerContext, PluginFailure, PluginHost, hookspec

from mcr_satisfaction.domain import DIMENSIONS

HOST = "satisfaction"
DEFAULT_PLUGINS = ("mcr_satisfaction.defaults",)


@hookspec
def satisfaction_survey_dimensions(kind: str, customer: CustomerContext) -> list[str]:
    """The dimensions (product, pre_sale, in_sale, after_sale, brand) a survey of `kind`
    (project, activity, third_party, self, resurvey) asks the customer about. Per customer:
    only the packs serving `customer.industry` are asked, closest fit first.

    Fires when a survey is created without dimensions, with the customer's context (its
    industry as the request gives it; a project's surveys share one). Returns the list of
    dimension codes; the first valid answer (the closest-fitting pack first) gives the
    template; return None to abstain. Example::

        @hookimpl
        def satisfaction_survey_dimensions(kind, customer):
            return ["product", "after_sale"] if kind == "project" else None
    """
    raise NotImplementedError


@dataclass(frozen=True)
class CaseGuide:
    """One handling guide of a case library: its reference and what it says to do."""

    reference: str
    summary: str


@hookspec
def satisfaction_case_guides(issue_type: str, title: str) -> list[CaseGuide]:
    """The guides of this plugin's case library (案例库) for an issue of `issue_type` with
    `title` (R-NTI-2: the receiver looks for a guide before making a plan or escalating).
    Region-wide: every active pack's library is searched.

    Fires when a receiver searches the case library. Returns a list of `CaseGuide`; every
    plugin's guides count; return None or an empty list when the library knows nothing of it.
    Example::

        @hookimpl
        def satisfaction_case_guides(issue_type, title):
            if "alarm" not in title:
                return None
            return [CaseGuide("KB-0042", "reset the alarm board, then check the fan")]
    """
    raise NotImplementedError


class SatisfactionHooks:
    """The only way satisfaction calls its plugins."""

    def __init__(self, host: PluginHost | None) -> None:
        self.host = host

    async def case_guides(
        self, issue_type: str, title: str
    ) -> tuple[list[tuple[str, CaseGuide]], list[PluginFailure]]:
        """Every library's guides, each with the plugin it came from."""
        if self.host is None:
            return [], []
        outcome = await self.host.call(
            "satisfaction_case_guides", issue_type=issue_type, title=title
        )
        guides = [(result.plugin, guide) for result in outcome.results for guide in result.value]
        return guides, list(outcome.failures)

    async def survey_dimensions(
        self, kind: str, customer: CustomerContext
    ) -> tuple[list[str] | None, list[PluginFailure]]:
        if self.host is None:
            return None, []
        # Every plugin answers, so that one answering nonsense falls back to the next.
        outcome = await self.host.call(
            "satisfaction_survey_dimensions", kind=kind, customer=customer
        )
        failures = list(outcome.failures)
        for result in outcome.results:
            unknown = [d for d in result.value if d not in DIMENSIONS]
            if result.value and not unknown:
                return list(result.value), failures
            failures.append(
                PluginFailure(
                    result.plugin,
                    "satisfaction_survey_dimensions",
                    f"returned unknown or no dimensions {unknown}",
                )
            )
        return None, failures


def plugin_host(settings: ServiceSettings) -> PluginHost:
    return PluginHost.for_service(HOST, sys.modules[__name__], DEFAULT_PLUGINS, settings)
