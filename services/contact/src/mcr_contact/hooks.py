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
from mcr_core.plugins import CustomerContext, PluginHost, hookspec

from mcr_contact.domain import (
    ActivityType,
    CadenceRule,
    Category,
    ComplianceAction,
    ComplianceRule,
    CustomerDate,
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
    "CustomerContext",
    "CustomerDate",
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
def contact_cadence_rules(customer: CustomerContext) -> list[CadenceRule]:
    """Cadence rules per tier and person role for the persons of one customer, on top of
    insight's tier policy. Per customer: only the packs whose scope serves the customer's
    industry (and ownership type) are asked, closest fit first, then the built-in defaults.

    Fires whenever a person's cadence is planned (tracking a person, a contact, a tier or
    tier-policy change), with the customer's context (industry, ownership type, tier, region).
    Returns a list of `CadenceRule`, or None to add none. A rule for the exact tier (or "any")
    and role wins over the tier policy; rules of plugins asked first win over later ones, and
    the cadence names the plugin it came from (`PersonCadence.source`). Example::

        @hookimpl
        def contact_cadence_rules(customer):
            return [CadenceRule("any", "decision_maker", ideal_days=14, max_days=21)]
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def contact_gift_limit(customer: CustomerContext) -> ComplianceRule | None:
    """The gift and hospitality limit per person at one customer, set by the customer's
    industry (hospital staff may accept none; a state grid company has its own code). Per
    customer: only the packs serving the customer's industry are asked.

    Fires when an activity with a gift value is logged, with the customer's context. Returns a
    `ComplianceRule` (its `jurisdiction` the region), or None to leave the customer to the
    jurisdiction's rule (`contact_compliance_rule`). firstresult. When both answer, the
    stricter limit applies (the lower one, or the industry's when the currencies differ) and
    the refusal or flag says whose rule it was. Example::

        @hookimpl
        def contact_gift_limit(customer):
            return ComplianceRule(customer.region, "CNY", 200, ComplianceAction.REFUSE)
    """
    raise NotImplementedError


@hookspec
def contact_customer_calendar(customer: CustomerContext) -> list[CustomerDate]:
    """The yearly dates of one customer's own calendar that its relationship work plans around:
    procurement or tender windows, the budget round, committee meetings. Per customer: only the
    packs serving the customer's industry are asked; every serving pack's dates count.

    Fires when contact learns a customer's industry or ownership type (the archive's customer
    events), with the customer's context. Returns a list of `CustomerDate` (kind, title, month,
    day, how many days ahead to remind), or None for none; the owners of the customer's tracked
    persons are reminded that many days before each date, every year (`ListReminders`, kind
    `customer_date`), and the calendar is announced (`CustomerCalendarPlanned`): planning shows
    the dates on the customer's planning team (`GetCustomerTeam`, `customer_dates`). Example::

        @hookimpl
        def contact_customer_calendar(customer):
            return [CustomerDate("tender_batch", "first tender batch opens", 3, 15, 21)]
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
    going over it is refused or flagged (R-CON-6). Region-wide: it is the jurisdiction's law,
    for every customer of the region whatever its industry; an industry's own, stricter limit
    is `contact_gift_limit`.

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
    (coverage work, decision 3). Region-wide: the obligation is the manager's, over a
    portfolio of many industries.

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

    async def cadence_rules(self, customer: CustomerContext) -> list[tuple[str, CadenceRule]]:
        outcome = await self.host.call("contact_cadence_rules", customer=customer)
        return [(result.plugin, rule) for result in outcome.results for rule in result.value]

    async def customer_calendar(self, customer: CustomerContext) -> list[tuple[str, CustomerDate]]:
        """Every serving pack's dates, each with the pack that gave it; of one kind, the first
        pack's."""
        outcome = await self.host.call("contact_customer_calendar", customer=customer)
        dates: dict[str, tuple[str, CustomerDate]] = {}
        for result in outcome.results:
            for found in result.value:
                dates.setdefault(found.kind, (result.plugin, found))
        return list(dates.values())

    async def gift_limit(self, customer: CustomerContext) -> tuple[ComplianceRule, str] | None:
        """The customer's industry limit and the plugin that set it."""
        outcome = await self.host.call("contact_gift_limit", customer=customer)
        first = outcome.first
        return (first.value, first.plugin) if first else None

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
