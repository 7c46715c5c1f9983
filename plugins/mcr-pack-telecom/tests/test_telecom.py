"""The telecom pack on the platform's test kit."""

from importlib.metadata import entry_points

import mcr_archive.hooks
import mcr_insight.defaults
import mcr_insight.hooks
from mcr_insight.hooks import CustomerFacts, InsightHooks
from mcr_pack_telecom import archive, insight

GROUP = CustomerFacts(id="g", region="cn-south", industry="telecom", employee_count=400_000)
PROVINCE = CustomerFacts(
    id="p", region="cn-south", industry="telecom", employee_count=30_000, parent_group_id="g"
)


def test_registers_with_archive_and_insight():
    for group in ("mcr.archive", "mcr.insight"):
        assert "telecom" in {ep.name for ep in entry_points(group=group)}


async def test_archive_industries_offers_telecom(plugin_host):
    outcome = await plugin_host("archive", mcr_archive.hooks, archive).call("archive_industries")
    assert [i.code for i in outcome.results[0].value] == ["telecom"]


async def test_an_operators_network_is_recorded_by_the_books_metrics(plugin_host):
    host = plugin_host("archive", mcr_archive.hooks, archive)
    [result] = (await host.call("archive_network_metrics")).results
    codes = {m.code: m for m in result.value}
    assert set(codes) == {"users", "coverage", "base_stations", "product_versions", "problems"}
    assert {m.industry for m in result.value} == {"telecom"}
    assert codes["base_stations"].value_type == "integer"


async def test_the_pyramid_values_a_group_above_its_provincial_company(plugin_host):
    host = plugin_host("insight", mcr_insight.hooks, insight)
    group = (await host.call("insight_value_components", customer=GROUP)).results[0].value
    province = (await host.call("insight_value_components", customer=PROVINCE)).results[0].value
    assert group[0].value > province[0].value
    assert "negotiates centrally" in group[0].explanation
    other = CustomerFacts(id="x", region="cn-south", industry="retail")
    assert (await host.call("insight_value_components", customer=other)).results == []


async def test_the_pyramid_ladder_and_yearly_review_replace_the_defaults(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    ladder, failures = await hooks.tier_ladder()
    assert not failures and ladder.plugin == "mcr_pack_telecom.insight"
    assert ladder.tiers[0].min_score == 85.0
    for tier in ladder.tiers:
        (policy, plugin), _ = await hooks.tier_policy(tier)
        assert (policy.review_interval_days, plugin) == (365, "mcr_pack_telecom.insight")


async def test_carriers_are_reviewed_yearly_and_the_method_applies(plugin_host):
    host = plugin_host("insight", mcr_insight.hooks, insight)
    (cadence,) = (await host.call("insight_review_cadence", customer=GROUP)).results
    assert cadence.value.interval_days == 365
    (fit,) = (await host.call("insight_industry_applicability", customer=GROUP)).results
    assert fit.value.applicable and fit.value.problem() is None


async def test_group_decision_makers_are_seen_every_two_weeks_at_tier_s(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    ladder, _ = await hooks.tier_ladder()
    cadences = {}
    for tier in ladder.tiers:
        (policy, _), _ = await hooks.tier_policy(tier)
        cadences[tier.code] = {c.role: c.interval_days for c in policy.contact_cadences}
    default = mcr_insight.defaults.DEFAULT_POLICIES
    assert cadences["S"] == {"decision_maker": 14, "any": 7}
    assert default["S"].contact_cadences[0].interval_days == 30  # the default it tightens
    assert cadences["A"] == {c.role: c.interval_days for c in default["A"].contact_cadences}


async def test_an_operators_opportunities_follow_the_books_product_lines(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    (lines, plugin), failures = await hooks.product_lines(PROVINCE)
    assert not failures and plugin == "mcr_pack_telecom.insight"
    assert [line.local_name for line in lines] == [
        "无线接入",
        "无线核心网",
        "业务软件",
        "光网络",
        "数据通信",
    ]
    other = CustomerFacts(id="x", region="cn-south", industry="retail")
    assert (await hooks.product_lines(other)) == (None, [])
