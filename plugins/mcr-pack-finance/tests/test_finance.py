"""The finance and internet pack on the platform's test kit."""

from importlib.metadata import entry_points

import mcr_insight.defaults
import mcr_insight.hooks
from mcr_insight.hooks import InsightHooks
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
