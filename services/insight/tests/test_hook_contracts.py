"""Each insight hook as a pack sees it: a pack's answer overrides the default pack's, and an
answer that breaks the hook's contract is refused with the pack's name."""

from __future__ import annotations

import dataclasses

import mcr_insight.defaults as defaults
import mcr_insight.hooks as specs
from mcr_core.plugins import hookimpl
from mcr_insight.hooks import CustomerFacts, InsightHooks, TierDefinition

CUSTOMER = CustomerFacts(id="c1", region="cn-south", industry="telecom", employee_count=90_000)


class TwoTiers:
    @staticmethod
    @hookimpl
    def insight_tier_definitions():
        return [TierDefinition("KEY", "Key account", "重点客户", 1, 60.0),
                TierDefinition("OTHER", "Other", "其他", 2, 0.0)]  # fmt: skip


class GroupsAreKey:
    @staticmethod
    @hookimpl
    def insight_assign_tier(customer, score, tiers):
        return tiers[0].code if customer.employee_count > 50_000 else None


class StrictPolicy:
    @staticmethod
    @hookimpl
    def insight_tier_policy(tier):
        policy = defaults.insight_tier_policy(tier)
        return dataclasses.replace(policy, service_response_hours=1) if policy else None


class WrongTierPolicy:
    @staticmethod
    @hookimpl
    def insight_tier_policy(tier):
        policy = defaults.insight_tier_policy(tier)
        return dataclasses.replace(policy, tier="Z") if policy else None


def _hooks(plugin_host, *packs) -> InsightHooks:
    host = plugin_host("insight", specs, defaults)
    for pack in packs:
        host.register(pack, name=pack.__name__)
    return InsightHooks(host)


async def test_insight_tier_definitions_of_a_pack_replace_the_default_ladder(plugin_host):
    ladder, failures = await _hooks(plugin_host, TwoTiers).tier_ladder()
    assert not failures
    assert [t.code for t in ladder.tiers] == ["KEY", "OTHER"] and ladder.plugin == "TwoTiers"


async def test_insight_assign_tier_of_a_pack_overrides_the_thresholds(plugin_host):
    hooks = _hooks(plugin_host, GroupsAreKey)
    ladder, _ = await hooks.tier_ladder()
    [(choice, failures)] = await hooks.assign_tiers([(CUSTOMER, 5.0)], ladder)
    assert not failures
    assert (choice.tier, choice.plugin) == (ladder.tiers[0].code, "GroupsAreKey")


async def test_insight_tier_policy_of_a_pack_wins_and_a_wrong_tier_is_refused(plugin_host):
    hooks = _hooks(plugin_host, StrictPolicy)
    ladder, _ = await hooks.tier_ladder()
    (policy, plugin), failures = await hooks.tier_policy(ladder.tiers[0])
    assert (policy.service_response_hours, plugin, failures) == (1, "StrictPolicy", [])

    hooks = _hooks(plugin_host, WrongTierPolicy)
    (policy, plugin), failures = await hooks.tier_policy(ladder.tiers[0])
    assert plugin == "mcr_insight.defaults"
    assert [(f.plugin, f.hook) for f in failures] == [("WrongTierPolicy", "insight_tier_policy")]
