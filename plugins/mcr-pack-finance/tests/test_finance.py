"""The finance and internet pack on the platform's test kit."""

from importlib.metadata import entry_points

import mcr_insight.defaults
import mcr_insight.hooks
from mcr_insight.hooks import CustomerFacts, InsightHooks
from mcr_pack_finance import insight


def test_registers_with_archive_and_insight():
    for group in ("mcr.archive", "mcr.insight"):
        assert "finance" in {ep.name for ep in entry_points(group=group)}


async def test_quarterly_review_and_halved_cadences(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    ladder, _ = await hooks.tier_ladder()
    (policy, plugin), failures = await hooks.tier_policy(ladder.get("S"))
    default = mcr_insight.defaults.DEFAULT_POLICIES["S"]
    assert not failures and plugin == "mcr_pack_finance.insight"
    assert policy.review_interval_days == 91
    assert [c.interval_days for c in policy.contact_cadences] == [
        c.interval_days // 2 for c in default.contact_cadences
    ]


async def test_quarterly_strategy_review_and_goal_revisions(plugin_host):
    import mcr_planning.hooks
    from mcr_insight.hooks import CustomerFacts
    from mcr_pack_finance import planning

    bank = CustomerFacts(id="b", region="r", industry="bank")
    review = await plugin_host("insight", mcr_insight.hooks, insight).call(
        "insight_review_cadence", customer=bank
    )
    assert review.results[0].value.interval_days == 91
    cycle = await plugin_host("planning", mcr_planning.hooks, planning).call(
        "planning_cycle", tier="B"
    )
    assert cycle.results[0].value.revisions == ((3, 31), (6, 30), (9, 30))


async def test_the_method_applies_to_banks_with_all_four_conditions(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, insight))
    bank = CustomerFacts(id="b", region="r", industry="bank")
    (fit, _), failures = await hooks.industry_applicability(bank)
    assert not failures and fit.applicable and fit.industry_structure.value == "consolidating"
    other = CustomerFacts(id="x", region="r", industry="retail")
    assert await hooks.industry_applicability(other) == (None, [])
