"""The manufacturing and distribution pack on the platform's test kit."""

from importlib.metadata import entry_points

import mcr_insight.defaults
import mcr_insight.hooks
import mcr_planning.hooks
from mcr_insight.hooks import CustomerFacts, InsightHooks
from mcr_pack_manufacturing import insight, planning
from mcr_planning.hooks import CustomerContext, DecisionRole, PlanningHooks


def test_registers_with_every_host_it_extends():
    for group in ("mcr.archive", "mcr.insight", "mcr.contact", "mcr.planning"):
        assert "manufacturing" in {ep.name for ep in entry_points(group=group)}


async def test_tier_c_gets_a_coverage_target_and_b_a_lower_bar(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    ladder, _ = await hooks.tier_ladder()
    assert ladder.get("B").min_score == 30.0
    (policy, _), _ = await hooks.tier_policy(ladder.get("C"))
    assert [(c.interval_days, c.minimum_contacts) for c in policy.contact_cadences] == [(30, 2)]
    (policy_s, _), _ = await hooks.tier_policy(ladder.get("S"))
    assert policy_s == mcr_insight.defaults.DEFAULT_POLICIES["S"]


async def test_plant_scale_only_for_the_pack_industries(plugin_host):
    host = plugin_host("insight", mcr_insight.hooks, insight)
    plant = CustomerFacts(id="m", region="r", industry="process_manufacturing", employee_count=800)
    (result,) = (await host.call("insight_value_components", customer=plant)).results
    assert result.value[0].value == 16.0
    shop = CustomerFacts(id="s", region="r", industry="telecom", employee_count=800)
    assert (await host.call("insight_value_components", customer=shop)).results == []


async def test_tier_c_coverage_visits_per_week(plugin_host):
    import mcr_contact.hooks
    from mcr_pack_manufacturing import contact

    host = plugin_host("contact", mcr_contact.hooks, contact)
    assert (await host.call("contact_coverage_visits", tier="C")).results[0].value == 3
    assert (await host.call("contact_coverage_visits", tier="S")).results == []


async def test_decision_chains_differ_by_ownership_type(plugin_host):
    hooks = PlanningHooks(plugin_host("planning", mcr_planning.hooks, planning))

    def plant(industry: str, ownership_type: str) -> CustomerContext:
        return CustomerContext("p", "cn-south", industry, ownership_type)

    (state, _), failures = await hooks.decision_pattern(
        plant("process_manufacturing", "state_owned")
    )
    (private, _), _ = await hooks.decision_pattern(plant("process_manufacturing", "private"))
    assert not failures
    assert DecisionRole.APPROVER in state.roles and DecisionRole.APPROVER not in private.roles
    assert private.roles == (DecisionRole.INITIATOR, DecisionRole.DECIDER, DecisionRole.BUYER)
    # A bank is not the pack's customer: the pack is not even asked.
    assert await hooks.decision_pattern(plant("bank", "state_owned")) == (None, [])
    assert await hooks.decision_pattern(plant("process_manufacturing", "unspecified")) == (None, [])


async def test_the_method_applies_to_the_few_large_plants(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, insight))
    large = CustomerFacts(id="l", region="r", industry="process_manufacturing", employee_count=4000)
    small = CustomerFacts(id="s", region="r", industry="wholesale_distribution", employee_count=40)
    (fit, _), failures = await hooks.industry_applicability(large)
    (unfit, _), _ = await hooks.industry_applicability(small)
    assert not failures and fit.applicable and not unfit.applicable
    assert "one of many small firms" in unfit.conditions[0].explanation
