"""Plugins that fail during a batch, and the tier policies other services read."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from insight_kit import archive_customer, assignment_name
from mcr.common.v1 import money_pb2
from mcr.insight.v1 import events_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client
from mcr_insight.hooks import ScoreComponent, ValueHorizon, ValueVisibility

DEFAULTS = "mcr_insight.defaults"


# Async, as the guide asks of per-customer hooks: they run inline, so on a loaded machine only
# the hanging one meets the (short) test timeout, never a thread still waiting for its turn.
class Raises:
    @hookimpl
    async def insight_value_components(self, customer):
        if customer.industry == "retail":
            raise RuntimeError("the rating service is down")
        return None


class Hangs:
    @hookimpl
    async def insight_value_components(self, customer):
        if customer.industry == "finance":
            await asyncio.sleep(30)
        return None


class Nonsense:
    @hookimpl
    async def insight_value_components(self, customer):
        return ["very high"] if customer.industry == "energy" else None


async def test_failing_plugins_do_not_stop_the_batch(insight, stub, auth, announce, scored, region):
    big = await announce("created", archive_customer(region))
    revenue = money_pb2.Money(currency_code="CNY", units=20_000_000)
    shops = {
        industry: await announce(
            "created", archive_customer(region, industry=industry, annual_revenue=revenue)
        )
        for industry in ("retail", "finance", "energy")
    }
    before = {c.name: (await scored(c)).tier for c in (big, *shops.values())}
    for plugin, name in ((Raises(), "raises"), (Hangs(), "hangs"), (Nonsense(), "nonsense")):
        insight.plugins.register(plugin, name=name)

    result = await stub.RescorePortfolio(pb.RescorePortfolioRequest(), metadata=auth())

    assert result.applied and result.customers_evaluated == 4
    failures = {f.plugin: f for f in result.plugin_failures}
    assert set(failures) == {"raises", "hangs", "nonsense"}
    assert list(failures["raises"].customers) == [shops["retail"].name]
    assert "RuntimeError: the rating service is down" in failures["raises"].reason
    assert list(failures["hangs"].customers) == [shops["finance"].name]
    assert "timed out" in failures["hangs"].reason
    assert list(failures["nonsense"].customers) == [shops["energy"].name]
    assert "invalid value" in failures["nonsense"].reason
    assert all(f.customer_count == 1 for f in failures.values())
    assert list(result.migrations) == []  # every customer kept its tier
    for customer in (big, *shops.values()):
        assignment = await scored(customer)
        assert assignment.tier == before[customer.name]
        assert assignment.scoring_incomplete == (customer.name != big.name)
    why = await stub.ExplainTier(
        pb.ExplainTierRequest(name=assignment_name(shops["retail"])), metadata=auth()
    )
    assert [f.plugin for f in why.plugin_failures] == ["raises"]


async def test_tier_policies_are_served_and_announced(stub, auth, nats_url):
    policies = await stub.ListTierPolicies(pb.ListTierPoliciesRequest(), metadata=auth())
    assert [p.tier for p in policies.tier_policies] == ["S", "A", "B", "C"]
    strategic = await stub.GetTierPolicy(
        pb.GetTierPolicyRequest(name="tierPolicies/S"), metadata=auth()
    )
    assert strategic == policies.tier_policies[0]
    assert strategic.plugin == DEFAULTS and strategic.etag
    assert strategic.service_response_time.ToTimedelta().total_seconds() == 4 * 3600
    assert strategic.requirement_priority == 1 and strategic.supply_priority == 1
    obligations = {o.code for o in strategic.relationship_obligations}
    assert {
        "general_relationship",
        "key_relationship",
        "organisational_relationship",
    } <= obligations
    general = policies.tier_policies[3]
    assert "key_relationship" not in {o.code for o in general.relationship_obligations}
    assert general.review_interval.ToTimedelta().days == 365

    unknown = await _refused(
        stub.GetTierPolicy(pb.GetTierPolicyRequest(name="tierPolicies/Z"), metadata=auth())
    )
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    bad = await _refused(stub.GetTierPolicy(pb.GetTierPolicyRequest(name="S"), metadata=auth()))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in field_violations(bad)] == ["name"]

    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.insight.tier_policy.changed", stream="MCR_INSIGHT"
        )
        etags = set()
        while strategic.etag not in etags:
            for message in await sub.fetch(100, timeout=5):
                etags.add(events_pb2.TierPolicyChanged.FromString(message.data).policy.etag)
    finally:
        await nc.drain()


async def _refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


class WritesWhileScoring:
    """A plugin that needs the database's write turn while it scores (as one keeping its own
    records in the service's database would): on SQLite it could never get it if insight
    called it inside the consumer's open transaction."""

    def __init__(self, db) -> None:
        self.db = db

    @hookimpl
    async def insight_value_components(self, customer):
        async with self.db.transaction() as conn:
            await conn.exec_driver_sql("SELECT 1")
        return [
            ScoreComponent(
                "own_records", 50, 1.0, ValueHorizon.CURRENT, ValueVisibility.EXPLICIT, "kept"
            )
        ]


async def test_archive_events_are_scored_before_the_transaction(
    insight, stub, auth, announce, scored, region
):
    insight.plugins.register(WritesWhileScoring(insight.kernel.db), name="writes")
    customer = await announce("created", archive_customer(region))
    await scored(customer)
    why = await stub.ExplainTier(
        pb.ExplainTierRequest(name=assignment_name(customer)), metadata=auth()
    )
    assert list(why.plugin_failures) == []
    assert not why.tier_assignment.scoring_incomplete
    assert "own_records" in {c.dimension for c in why.components}
