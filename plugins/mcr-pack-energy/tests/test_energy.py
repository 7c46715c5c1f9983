"""The energy pack on the platform's test kit: its rules reach grid companies and generators
only, its score reads the budget the customer profile recorded."""

from importlib.metadata import entry_points

import mcr_archive.hooks
import mcr_contact.defaults
import mcr_contact.hooks
import mcr_insight.defaults
import mcr_insight.hooks
from mcr_contact.hooks import ContactHooks, CustomerContext
from mcr_insight.hooks import CustomerFacts, InsightHooks
from mcr_pack_energy import archive, contact, insight

GRID = CustomerFacts(id="g", region="cn-north", industry="grid", ownership_type="state_owned",
                     metrics={"grid_investment_budget": 800})  # fmt: skip
BANK = CustomerFacts(id="b", region="cn-north", industry="bank")


def test_registers_with_archive_insight_and_contact():
    for group in ("mcr.archive", "mcr.insight", "mcr.contact"):
        assert "energy" in {ep.name for ep in entry_points(group=group)}


async def test_a_utilitys_network_is_recorded_by_its_budget_and_substations(plugin_host):
    host = plugin_host("archive", mcr_archive.hooks, archive)
    [result] = (await host.call("archive_network_metrics")).results
    assert {(m.industry, m.code) for m in result.value} >= {("grid", "grid_investment_budget")}
    assert {m.value_type for m in result.value} == {"integer"}


async def test_the_recorded_budget_is_scored_and_explained(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, mcr_insight.defaults, insight))
    [(components, failures)] = await hooks.value_components([GRID])
    [budget] = [c for c in components if c.plugin == "mcr_pack_energy.insight"]
    assert not failures and budget.component.value == 80.0
    assert "800" in budget.component.explanation
    unknown = CustomerFacts(id="u", region="cn-north", industry="grid")
    [(components, _)] = await hooks.value_components([unknown])
    [guess] = [c for c in components if c.plugin == "mcr_pack_energy.insight"]
    assert "no investment budget recorded" in guess.component.explanation
    [(components, _)] = await hooks.value_components([BANK])
    assert "mcr_pack_energy.insight" not in {c.plugin for c in components}


async def test_decision_makers_every_two_to_three_weeks_and_a_200_cny_gift_limit(plugin_host):
    hooks = ContactHooks(plugin_host("contact", mcr_contact.hooks, mcr_contact.defaults, contact))
    grid = CustomerContext("g", "cn-north", "power_generation", "state_owned", "B")
    (plugin, rule), *_ = await hooks.cadence_rules(grid)
    assert (plugin, rule.role, rule.ideal_days, rule.max_days) == (
        "mcr_pack_energy.contact", "decision_maker", 14, 21,
    )  # fmt: skip
    limit, plugin = await hooks.gift_limit(grid)
    assert (limit.limit_units, limit.currency_code, limit.action.value) == (200, "CNY", "refuse")
    hospital = CustomerContext("h", "cn-north", "hospital_3a")
    assert await hooks.gift_limit(hospital) is None
    assert "mcr_pack_energy.contact" not in {p for p, _ in await hooks.cadence_rules(hospital)}


async def test_a_utilitys_budget_round_and_tender_batch_are_on_its_calendar(plugin_host):
    hooks = ContactHooks(plugin_host("contact", mcr_contact.hooks, contact))
    dates = await hooks.customer_calendar(CustomerContext("g", "cn-north", "grid"))
    assert {(d.kind, d.month, d.day) for _, d in dates} == {("budget_round", 10, 15),
                                                            ("tender_batch", 3, 1)}  # fmt: skip
    assert {pack for pack, _ in dates} == {"mcr_pack_energy.contact"}
    assert await hooks.customer_calendar(CustomerContext("t", "cn-north", "telecom")) == []
