"""The healthcare pack on the platform's test kit."""

from importlib.metadata import entry_points

import mcr_archive.hooks
import mcr_insight.hooks
from mcr_insight.hooks import CustomerFacts, InsightHooks, ValueVisibility
from mcr_pack_healthcare import archive, insight


def test_registers_with_archive_and_insight():
    for group in ("mcr.archive", "mcr.insight"):
        assert "healthcare" in {ep.name for ep in entry_points(group=group)}


async def test_archive_industries_files_hospitals_by_grade(plugin_host):
    outcome = await plugin_host("archive", mcr_archive.hooks, archive).call("archive_industries")
    assert [i.code for i in outcome.results[0].value] == ["hospital_3a", "hospital"]


async def test_a_top_grade_hospital_carries_implicit_lighthouse_value(plugin_host):
    host = plugin_host("insight", mcr_insight.hooks, insight)

    async def lighthouse(industry):
        customer = CustomerFacts(id="h", region="cn-south", industry=industry)
        results = (await host.call("insight_value_components", customer=customer)).results
        return results[0].value[0] if results else None

    top, other = await lighthouse("hospital_3a"), await lighthouse("hospital")
    assert top.visibility is ValueVisibility.IMPLICIT and top.value > other.value
    assert "灯塔示范" in top.explanation
    assert await lighthouse("telecom") is None


async def test_gifts_to_hospital_staff_are_refused_everywhere(plugin_host):
    import mcr_contact.defaults
    import mcr_contact.hooks
    from mcr_contact.hooks import ContactHooks, CustomerContext
    from mcr_pack_healthcare import contact

    hooks = ContactHooks(plugin_host("contact", mcr_contact.hooks, mcr_contact.defaults, contact))
    for region in ("cn-south", "eu-west"):
        for grade in ("hospital_3a", "hospital"):
            rule, plugin = await hooks.gift_limit(CustomerContext("h", region, grade))
            assert (rule.limit_units, rule.action.value, rule.jurisdiction) == (0, "refuse", region)
            assert plugin == "mcr_pack_healthcare.contact"
        # Only hospitals: a telecom customer of the same region keeps the jurisdiction's rule.
        assert await hooks.gift_limit(CustomerContext("t", region, "telecom")) is None
        assert (await hooks.compliance_rule(region)).limit_units == 500


async def test_the_method_applies_to_top_grade_hospitals_only(plugin_host):
    hooks = InsightHooks(plugin_host("insight", mcr_insight.hooks, insight))
    (top, _), failures = await hooks.industry_applicability(
        CustomerFacts(id="h", region="r", industry="hospital_3a")
    )
    (county, _), _ = await hooks.industry_applicability(
        CustomerFacts(id="c", region="r", industry="hospital")
    )
    assert not failures and top.applicable and not county.applicable
    [unmet] = [c for c in county.conditions if not c.met]
    assert unmet.code.value == "industry_type"
