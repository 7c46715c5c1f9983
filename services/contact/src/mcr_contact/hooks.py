"""The contact service's plugin hooks (host `contact`, entry-point group `mcr.contact`) and the
typed facade the service calls them through.

Plugin authors implement these with `from mcr_core.plugins import hookimpl` and build their
answers from the types re-exported here. Hooks may be plain or `async`. Every answer is
validated again after the call; an implementation that raises, runs past the timeout or returns
nonsense is reported as a failure naming it, and its answer does not count. Plugins registered
later are asked first, so an industry pack overrides the built-in defaults.
"""

from __future__ import annotations

import logging
import sys

from mcr_core.config import ServiceSettings
from mcr_core.plugins import PluginHost, hookspec

from mcr_contact.domain import (
    ActivityType,
    CadenceRule,
    Category,
    ComplianceAction,
    ComplianceRule,
    Playbook,
)

HOST = "contact"
DEFAULT_PLUGINS = ("mcr_contact.defaults",)
log = logging.getLogger(__name__)

__all__ = [
    "ActivityType",
    "CadenceRule",
    "Category",
    "ComplianceAction",
    "ComplianceRule",
    "Playbook",
]


@hookspec
def contact_activity_types() -> list[ActivityType]:
    """Activity types this plugin offers (the "12+1" scenarios and more).

    Fires when an activity is logged or closed and on `ListActivityTypes`. Returns a list of
    `ActivityType`, or None to add none. Not firstresult:
    the types of all plugins count; when two plugins define the same code, the one asked first
    (registered later) wins. Example::

        @hookimpl
        def contact_activity_types():
            return [ActivityType("hospital_round", "查房陪同", Category.VISIT)]
    """
    raise NotImplementedError


@hookspec
def contact_cadence_rules() -> list[CadenceRule]:
    """Cadence rules per tier and person role, on top of insight's tier policy.

    Fires whenever a person's cadence is planned (tracking a person, a tier or tier-policy
    change). Returns a list of `CadenceRule`, or None to add none. A rule for the exact tier
    (or "any") and role wins over the tier policy; rules of plugins asked first win over later
    ones. Example::

        @hookimpl
        def contact_cadence_rules():
            return [CadenceRule("S", "decision_maker", ideal_days=14, max_days=21)]
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def contact_playbook(support_level: int) -> Playbook | None:
    """The suggested next actions for a person at `support_level` (−3..+3, decision 6).

    Fires on `SuggestPlaybook`. Returns a `Playbook` for that level, or None to leave it to
    the next plugin. firstresult: the first valid playbook wins; the default pack answers with
    the book's R-SUP-3…7. Example::

        @hookimpl
        def contact_playbook(support_level):
            if support_level != 0:
                return None
            return Playbook(0, "win the neutral person's trust", ("invite to a site visit",))
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def contact_compliance_rule(jurisdiction: str) -> ComplianceRule | None:
    """The gift and hospitality limit of a jurisdiction (the customer's region) and whether
    going over it is refused or flagged (R-CON-6).

    Fires when an activity with a gift value is logged. Returns a `ComplianceRule` for the
    jurisdiction, or None when the plugin has no rule for it. firstresult. Example::

        @hookimpl
        def contact_compliance_rule(jurisdiction):
            if jurisdiction != "eu-west":
                return None
            return ComplianceRule("eu-west", "EUR", 50, ComplianceAction.REFUSE)
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def contact_coverage_visits(tier: str) -> int | None:
    """At least this many visits per week per customer manager to customers of `tier`
    (coverage work, decision 3).

    Fires on the daily due list. Returns the number of visits, or None when the tier has no
    coverage obligation in this plugin. firstresult. Example::

        @hookimpl
        def contact_coverage_visits(tier):
            return 3 if tier == "C" else None
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def contact_cold_stove_days(tier: str) -> int | None:
    """After this many days without contact a person is a cold stove (冷灶), also after a
    contract was signed.

    Fires on the daily due list. Returns the number of days for customers of `tier`, or None
    to leave it to the next plugin. firstresult. Example::

        @hookimpl
        def contact_cold_stove_days(tier):
            return 30 if tier in ("S", "A") else None
    """
    raise NotImplementedError


class ContactHooks:
    """The only way contact calls its plugins."""

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    async def activity_types(self) -> dict[str, ActivityType]:
        outcome = await self.host.call("contact_activity_types")
        types: dict[str, ActivityType] = {}
        for result in outcome.results:  # asked first wins
            for kind in result.value:
                types.setdefault(kind.code, kind)
        return types

    async def cadence_rules(self) -> list[tuple[str, CadenceRule]]:
        outcome = await self.host.call("contact_cadence_rules")
        return [(result.plugin, rule) for result in outcome.results for rule in result.value]

    async def playbook(self, support_level: int) -> tuple[Playbook | None, str]:
        outcome = await self.host.call("contact_playbook", support_level=support_level)
        first = outcome.first
        return (first.value, first.plugin) if first else (None, "")

    async def compliance_rule(self, jurisdiction: str) -> ComplianceRule | None:
        outcome = await self.host.call("contact_compliance_rule", jurisdiction=jurisdiction)
        first = outcome.first
        return first.value if first else None

    async def coverage_visits(self, tier: str) -> int:
        outcome = await self.host.call("contact_coverage_visits", tier=tier)
        first = outcome.first
        return max(int(first.value), 0) if first else 0

    async def cold_stove_days(self, tier: str) -> int:
        outcome = await self.host.call("contact_cold_stove_days", tier=tier)
        first = outcome.first
        return int(first.value) if first and first.value > 0 else 90


def plugin_host(settings: ServiceSettings) -> PluginHost:
    return PluginHost.for_service(HOST, sys.modules[__name__], DEFAULT_PLUGINS, settings)
