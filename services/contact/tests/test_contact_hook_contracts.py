"""Contact's cadence hooks as a pack sees them: a pack's rules and cold-stove days win over the
default pack's, and its wrong answers fall back to the default with the pack named."""

from __future__ import annotations

import mcr_contact.defaults as defaults
import mcr_contact.hooks as specs
from mcr_contact.hooks import CadenceRule, ContactHooks
from mcr_core.plugins import hookimpl


class FastCadences:
    @staticmethod
    @hookimpl
    def contact_cadence_rules():
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
    rules = await _hooks(plugin_host, FastCadences).cadence_rules()
    plugin, rule = rules[0]
    assert (plugin, rule.tier, rule.ideal_days, rule.max_days) == ("FastCadences", "S", 7, 10)


async def test_contact_cold_stove_days_of_a_pack_and_the_default_for_the_rest(plugin_host):
    hooks = _hooks(plugin_host, FastCadences)
    default_days = await _hooks(plugin_host).cold_stove_days("B")
    assert await hooks.cold_stove_days("S") == 20
    assert await hooks.cold_stove_days("B") == default_days
    assert await _hooks(plugin_host, Broken).cold_stove_days("S") == default_days
