"""Contact's cadence hooks as a pack sees them: a pack's rules and cold-stove days win over the
default pack's, and its wrong answers fall back to the default with the pack named."""

from __future__ import annotations

import mcr_contact.defaults as defaults
import mcr_contact.hooks as specs
from mcr_contact.hooks import (
    CadenceRule,
    ComplianceAction,
    ComplianceRule,
    ContactHooks,
    CustomerContext,
)
from mcr_core.plugins import PackScope, hookimpl

GRID = CustomerContext("g", "cn-north", "grid", "state_owned", "S")
BANK = CustomerContext("b", "cn-north", "bank", "listed", "S")


class FastCadences:
    @staticmethod
    @hookimpl
    def contact_cadence_rules(customer):
        return [CadenceRule("S", "decision_maker", ideal_days=7, max_days=10)]

    @staticmethod
    @hookimpl
    def contact_cold_stove_days(tier):
        return 20 if tier == "S" else None


class Broken:
    @staticmethod
    @hookimpl
    def contact_cold_stove_days(tier):
        return "a month"


def _hooks(plugin_host, *packs) -> ContactHooks:
    host = plugin_host("contact", specs, defaults)
    for pack in packs:
        host.register(pack, name=pack.__name__)
    return ContactHooks(host)


async def test_contact_cadence_rules_of_a_pack_come_first(plugin_host):
    rules = await _hooks(plugin_host, FastCadences).cadence_rules(GRID)
    plugin, rule = rules[0]
    assert (plugin, rule.tier, rule.ideal_days, rule.max_days) == ("FastCadences", "S", 7, 10)


class GridCode:
    """A pack for grid companies only: its cadences and gift limit, nobody else's."""

    MCR_SCOPE = PackScope(industries=("grid",))

    @staticmethod
    @hookimpl
    def contact_cadence_rules(customer):
        return [CadenceRule("any", "decision_maker", ideal_days=14, max_days=21)]

    @staticmethod
    @hookimpl
    def contact_gift_limit(customer):
        return ComplianceRule(customer.region, "CNY", 200, ComplianceAction.REFUSE)


async def test_contact_cadence_rules_and_gift_limit_of_a_scoped_pack_reach_its_customers_only(
    plugin_host,
):
    hooks = _hooks(plugin_host, GridCode)
    grid = [(plugin, r.role, r.max_days) for plugin, r in await hooks.cadence_rules(GRID)]
    assert grid[0] == ("GridCode", "decision_maker", 21)
    bank = [plugin for plugin, _ in await hooks.cadence_rules(BANK)]
    assert set(bank) == {"mcr_contact.defaults"}
    (limit, plugin) = await hooks.gift_limit(GRID)
    assert (limit.limit_units, limit.jurisdiction, plugin) == (200, "cn-north", "GridCode")
    assert await hooks.gift_limit(BANK) is None  # the jurisdiction's rule applies alone


async def test_contact_cold_stove_days_of_a_pack_and_the_default_for_the_rest(plugin_host):
    hooks = _hooks(plugin_host, FastCadences)
    default_days = await _hooks(plugin_host).cold_stove_days("B")
    assert await hooks.cold_stove_days("S") == 20
    assert await hooks.cold_stove_days("B") == default_days
    assert await _hooks(plugin_host, Broken).cold_stove_days("S") == default_days
