"""Insight's scoring, tiering, explanation and manual decisions over real gRPC and NATS, on
SQLite and PostgreSQL."""

from __future__ import annotations

import grpc
import nats
import nats.errors
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from insight_kit import archive_customer, assignment_name, eventually
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2
from mcr.insight.v1 import events_pb2, tier_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client

DEFAULTS = "mcr_insight.defaults"


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


def violated_fields(error: grpc.aio.AioRpcError) -> list[str]:
    return [v.field for v in field_violations(error)]


def small(region: str, **fields) -> customer_pb2.Customer:
    """A small retailer: tier C with the default pack."""
    values = {
        "display_name": "街角小店",
        "industry": "retail",
        "annual_revenue": money_pb2.Money(currency_code="CNY", units=20_000_000),
        "employee_count": 30,
    }
    return archive_customer(region, **(values | fields))


async def test_an_archive_customer_is_scored_tiered_and_explained(
    stub, auth, announce, scored, region
):
    customer = await announce("created", archive_customer(region))
    assignment = await scored(customer)
    # Default pack: revenue 1.4 B USD → 62.92, 20,000 staff → 82.53, telecom → 80;
    # weights 0.4 / 0.2 / 0.4 → 73.674: tier A (S needs 75).
    assert assignment.tier == "A" and assignment.computed_tier == "A"
    assert assignment.value_score == pytest.approx(73.674)
    assert assignment.source == tier_pb2.TIER_SOURCE_COMPUTED
    assert assignment.region == region

    why = await stub.ExplainTier(
        pb.ExplainTierRequest(name=assignment_name(customer)), metadata=auth()
    )
    assert {c.dimension for c in why.components} == {
        "enterprise_scale",
        "workforce",
        "industry_potential",
    }
    assert all(c.plugin == DEFAULTS and c.explanation for c in why.components)
    assert sum(c.effective_weight for c in why.components) == pytest.approx(1.0)
    industry = next(c for c in why.components if c.dimension == "industry_potential")
    assert industry.horizon == tier_pb2.VALUE_HORIZON_LONG_TERM
    assert industry.visibility == tier_pb2.VALUE_VISIBILITY_IMPLICIT
    assert why.assigned_by_plugin == DEFAULTS
    assert [t.code for t in why.tiers] == ["S", "A", "B", "C"]

    history = await stub.ListTierHistory(
        pb.ListTierHistoryRequest(parent=customer.name), metadata=auth()
    )
    assert [(e.previous_tier, e.tier) for e in history.entries] == [("", "A")]
    assert "73.7" in history.entries[0].reason


async def test_doing_business_is_not_a_value_criterion(announce, scored, region):
    prospect = await announce("created", archive_customer(region))
    active = await announce(
        "created",
        archive_customer(region, lifecycle_state=customer_pb2.LIFECYCLE_STATE_ACTIVE),
    )
    assert (await scored(prospect)).value_score == (await scored(active)).value_score


async def test_a_change_in_the_archive_rescores_and_announces_the_tier(
    insight, announce, scored, region, nats_url
):
    customer = await announce("created", small(region))
    assert (await scored(customer)).tier == "C"
    grown = archive_customer(region, name=customer.name)
    await announce("updated", grown)
    assert (await scored(customer, tier="A")).computed_tier == "A"

    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe("mcr.insight.tier.changed", stream="MCR_INSIGHT")

        async def mine():
            try:
                messages = await sub.fetch(100, timeout=2)
            except nats.errors.TimeoutError:
                return None
            return [m for m in messages if m.headers["ce-subject"] == customer.name]

        seen = []
        while len(seen) < 2:
            seen += await eventually(mine)
        changes = [events_pb2.TierChanged.FromString(m.data) for m in seen]
        assert [(c.previous_tier, c.tier) for c in changes] == [("", "C"), ("C", "A")]
        assert changes[1].region == region and changes[1].source == tier_pb2.TIER_SOURCE_COMPUTED
    finally:
        await nc.drain()


def expires_in(clock, days: int) -> Timestamp:
    from datetime import timedelta

    stamp = Timestamp()
    stamp.FromDatetime(clock.now() + timedelta(days=days))
    return stamp


async def test_a_manual_tier_survives_rescoring_until_it_expires(
    stub, auth, announce, scored, region, fake_clock
):
    customer = await announce("created", small(region))
    assert (await scored(customer)).tier == "C"
    name = assignment_name(customer)
    manual = await stub.SetManualTier(
        pb.SetManualTierRequest(
            name=name,
            tier="S",
            justification="三甲 lighthouse customer: management's collective judgement",
            expire_time=expires_in(fake_clock, 30),
        ),
        metadata=auth(employee_id="e-7"),
    )
    assert (manual.tier, manual.computed_tier) == ("S", "C")
    assert manual.source == tier_pb2.TIER_SOURCE_MANUAL
    assert manual.manual_decision.decided_by == "e-7"

    await stub.RescorePortfolio(pb.RescorePortfolioRequest(), metadata=auth())
    await announce("updated", small(region, name=customer.name, employee_count=31))
    await eventually(lambda: _rescored(stub, auth, name, manual.value_score))  # scored, ...
    still = await scored(customer)
    assert still.tier == "S"  # ... and the manual tier held

    fake_clock.advance(days=31)
    expired = await scored(customer, tier="C")
    assert expired.source == tier_pb2.TIER_SOURCE_COMPUTED
    why = await stub.ExplainTier(pb.ExplainTierRequest(name=name), metadata=auth())
    [decision] = why.manual_decisions
    assert decision.end_reason == "expired" and decision.justification.startswith("三甲")
    history = await stub.ListTierHistory(
        pb.ListTierHistoryRequest(parent=customer.name), metadata=auth()
    )
    assert [(e.tier, e.changed_by) for e in history.entries] == [
        ("C", "system"),
        ("S", "e-7"),
        ("C", "system"),
    ]
    assert "expired" in history.entries[0].reason


async def _rescored(stub, auth, name, old_score):
    got = await stub.GetTierAssignment(pb.GetTierAssignmentRequest(name=name), metadata=auth())
    return got.value_score != old_score


async def test_a_manual_tier_can_be_withdrawn(stub, auth, announce, scored, region, fake_clock):
    customer = await announce("created", small(region))
    await scored(customer)
    name = assignment_name(customer)
    await stub.SetManualTier(
        pb.SetManualTierRequest(
            name=name, tier="B", justification="pilot", expire_time=expires_in(fake_clock, 90)
        ),
        metadata=auth(),
    )
    cleared = await stub.ClearManualTier(
        pb.ClearManualTierRequest(name=name, reason="pilot cancelled"), metadata=auth()
    )
    assert cleared.tier == "C" and not cleared.HasField("manual_decision")
    again = await refused(
        stub.ClearManualTier(pb.ClearManualTierRequest(name=name, reason="x"), metadata=auth())
    )
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tier": "Z"}, "tier"),
        ({"justification": "  "}, "justification"),
        ({"expire_days": -1}, "expire_time"),
        ({"expire_days": None}, "expire_time"),
        ({"name": "customers/x"}, "name"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
async def test_bad_manual_decisions_name_the_field(
    stub, auth, announce, scored, region, fake_clock, change, field
):
    customer = await announce("created", small(region))
    await scored(customer)
    change = dict(change)  # the parameter is shared by the SQLite and PostgreSQL runs
    days = change.pop("expire_days", 30)
    values = {"name": assignment_name(customer), "tier": "S", "justification": "why"} | change
    if days is not None:
        values["expire_time"] = expires_in(fake_clock, days)
    error = await refused(stub.SetManualTier(pb.SetManualTierRequest(**values), metadata=auth()))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in violated_fields(error)
    assert (await scored(customer)).tier == "C"


async def test_what_if_reports_migrations_and_apply_applies_them(
    stub, auth, announce, scored, region
):
    big = await announce("created", archive_customer(region))  # 73.7: A
    shops = [await announce("created", small(region)) for _ in range(3)]  # C
    assert (await scored(big)).tier == "A"
    for shop in shops:
        assert (await scored(shop)).tier == "C"
    candidate = tier_pb2.TierConfiguration(
        thresholds=[tier_pb2.TierThreshold(tier="S", min_score=70)]
    )
    what_if = await stub.EvaluateTierConfiguration(
        pb.EvaluateTierConfigurationRequest(configuration=candidate), metadata=auth()
    )
    assert not what_if.applied and what_if.customers_evaluated == 4
    assert [(m.from_tier, m.to_tier, m.count) for m in what_if.migrations] == [("A", "S", 1)]
    assert list(what_if.migrations[0].customers) == [big.name]
    assert dict(what_if.tier_counts) == {"S": 1, "A": 0, "B": 0, "C": 3}
    assert (await scored(big)).tier == "A"  # nothing applied

    applied = await stub.ApplyTierConfiguration(
        pb.ApplyTierConfigurationRequest(configuration=candidate, expected_revision=0),
        metadata=auth(employee_id="e-9"),
    )
    assert applied.applied and applied.configuration.revision == 1
    assert [(m.from_tier, m.to_tier) for m in applied.migrations] == [("A", "S")]
    after = await scored(big)
    assert after.tier == "S" and after.configuration_revision == 1
    config = await stub.GetTierConfiguration(pb.GetTierConfigurationRequest(), metadata=auth())
    assert config.revision == 1 and config.updated_by == "e-9"
    stale = await refused(  # an expected revision that is not the one in force
        stub.ApplyTierConfiguration(
            pb.ApplyTierConfigurationRequest(configuration=candidate, expected_revision=2),
            metadata=auth(),
        )
    )
    assert stale.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert violated_fields(stale) == ["expected_revision"]
    # Weights replace the plugins' own: industry potential alone puts the shops (retail 45) in B.
    only_industry = tier_pb2.TierConfiguration(dimension_weights={"industry_potential": 1.0})
    what_if = await stub.EvaluateTierConfiguration(
        pb.EvaluateTierConfigurationRequest(configuration=only_industry), metadata=auth()
    )
    # The big customer (telecom 80) stays S under the packs' thresholds (S needs 75).
    assert [(m.from_tier, m.to_tier, m.count) for m in what_if.migrations] == [("C", "B", 3)]


@pytest.mark.parametrize(
    ("configuration", "field"),
    [
        (
            tier_pb2.TierConfiguration(dimension_weights={"workforce": 0.5, "x": 0.2}),
            "configuration.dimension_weights",
        ),
        (
            tier_pb2.TierConfiguration(thresholds=[tier_pb2.TierThreshold(tier="Z", min_score=1)]),
            "configuration.thresholds[0].tier",
        ),
        (
            tier_pb2.TierConfiguration(thresholds=[tier_pb2.TierThreshold(tier="B", min_score=99)]),
            "configuration.thresholds",
        ),
        (
            tier_pb2.TierConfiguration(scoring_plugins=["no-such-pack"]),
            "configuration.scoring_plugins[0]",
        ),
    ],
    ids=["weights", "unknown-tier", "order", "plugin"],
)
async def test_bad_configurations_name_the_field(stub, auth, configuration, field):
    for call in (
        stub.EvaluateTierConfiguration(
            pb.EvaluateTierConfigurationRequest(configuration=configuration), metadata=auth()
        ),
        stub.ApplyTierConfiguration(
            pb.ApplyTierConfigurationRequest(configuration=configuration), metadata=auth()
        ),
    ):
        error = await refused(call)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert violated_fields(error) == [field]
    config = await stub.GetTierConfiguration(pb.GetTierConfigurationRequest(), metadata=auth())
    assert config.revision == 0


async def test_another_regions_customer_is_not_found(stub, auth, announce, scored, region):
    customer = await announce("created", small(region))
    await scored(customer)
    west = {"region": "eu-west", "org_unit": "/eu-west/x"}
    name = assignment_name(customer)
    for call in (
        stub.GetTierAssignment(pb.GetTierAssignmentRequest(name=name), metadata=auth(**west)),
        stub.ExplainTier(pb.ExplainTierRequest(name=name), metadata=auth(**west)),
        stub.ListTierHistory(
            pb.ListTierHistoryRequest(parent=customer.name), metadata=auth(**west)
        ),
    ):
        assert (await refused(call)).code() == grpc.StatusCode.NOT_FOUND
    listed = await stub.ListTierAssignments(pb.ListTierAssignmentsRequest(), metadata=auth(**west))
    assert [a.customer for a in listed.tier_assignments if a.customer == customer.name] == []
    mine = await stub.ListTierAssignments(
        pb.ListTierAssignmentsRequest(filter='tier = "C"'), metadata=auth()
    )
    assert [a.customer for a in mine.tier_assignments] == [customer.name]


async def test_a_deleted_customer_leaves_the_portfolio(stub, auth, announce, scored, region):
    customer = await announce("created", small(region))
    await scored(customer)
    await announce("deleted", customer)

    async def not_found():
        try:
            await stub.GetTierAssignment(
                pb.GetTierAssignmentRequest(name=assignment_name(customer)), metadata=auth()
            )
        except grpc.aio.AioRpcError as error:
            return error.code() == grpc.StatusCode.NOT_FOUND
        return False

    await eventually(not_found)
    listed = await stub.ListTierAssignments(pb.ListTierAssignmentsRequest(), metadata=auth())
    assert list(listed.tier_assignments) == []
