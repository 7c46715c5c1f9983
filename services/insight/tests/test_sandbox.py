"""The strategic sandbox: segments and shares, opportunities ranked with plugin weights, the
market department's selection announced to planning, and the empty-sandbox finding."""

from __future__ import annotations

import grpc
import pytest
from insight_kit import archive_customer, published, refused
from mcr.insight.v1 import events_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import sandbox_pb2 as sb
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations
from mcr_insight.hooks import OpportunityWeights, ProductLine

MARKET = {"roles": ["market_department"], "employee_id": "e-market"}


@pytest.fixture
async def customer(announce, scored, region):
    created = await announce("created", archive_customer(region))
    await scored(created)
    return created


def segment(name: str, share: float, **vendors: float) -> sb.ProductSegment:
    return sb.ProductSegment(
        product_segment=name,
        spend_share_percent=share,
        vendor_shares=[sb.VendorShare(vendor=v, share_percent=p) for v, p in vendors.items()],
    )


async def test_segments_must_sum_to_a_hundred_percent(stub, auth, customer):
    name = f"{customer.name}/strategicSandbox"
    empty = await stub.GetStrategicSandbox(
        pb.GetStrategicSandboxRequest(name=name), metadata=auth()
    )
    assert list(empty.segments) == [] and empty.etag == ""

    short = sb.StrategicSandbox(
        name=name, segments=[segment("wireless access", 45), segment("optical", 45)]
    )
    error = await refused(
        stub.UpdateStrategicSandbox(
            pb.UpdateStrategicSandboxRequest(strategic_sandbox=short), metadata=auth()
        )
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in field_violations(error)] == ["strategic_sandbox.segments"]
    assert "sum to 90%" in field_violations(error)[0].description

    crowded = sb.StrategicSandbox(name=name, segments=[segment("optical", 100, us=60, rival=50)])
    error = await refused(
        stub.UpdateStrategicSandbox(
            pb.UpdateStrategicSandboxRequest(strategic_sandbox=crowded), metadata=auth()
        )
    )
    assert [v.field for v in field_violations(error)] == [
        "strategic_sandbox.segments[0].vendor_shares"
    ]

    good = sb.StrategicSandbox(
        name=name,
        segments=[
            segment("wireless access", 42.5, us=35, ericsson=30, nokia=20),
            segment("wireless core", 27.5, ericsson=55, us=25),
            segment("optical", 30, us=50),
        ],
    )
    saved = await stub.UpdateStrategicSandbox(
        pb.UpdateStrategicSandboxRequest(strategic_sandbox=good), metadata=auth()
    )
    assert saved.etag and saved.updated_by
    assert [s.spend_share_percent for s in saved.segments] == [42.5, 27.5, 30]
    got = await stub.GetStrategicSandbox(pb.GetStrategicSandboxRequest(name=name), metadata=auth())
    assert got == saved

    stale = sb.StrategicSandbox(name=name, etag="old", segments=[segment("optical", 100)])
    error = await refused(
        stub.UpdateStrategicSandbox(
            pb.UpdateStrategicSandboxRequest(strategic_sandbox=stale), metadata=auth()
        )
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION

    other = await refused(
        stub.GetStrategicSandbox(
            pb.GetStrategicSandboxRequest(name=name), metadata=auth(region="elsewhere")
        )
    )
    assert other.code() == grpc.StatusCode.NOT_FOUND


def opportunity(segment_name: str, **ratings: float) -> sb.Opportunity:
    return sb.Opportunity(
        product_segment=segment_name,
        source_role=sb.OPPORTUNITY_SOURCE_TECHNICAL,
        horizon=sb.OPPORTUNITY_HORIZON_MEDIUM_TERM,
        pain_point="the core network cannot carry the video traffic",
        ratings=sb.OpportunityRatings(**ratings),
    )


class GrowthFirst:
    @hookimpl
    def insight_opportunity_weights(self):
        return OpportunityWeights(
            market_space=0.0, growth=1.0, profit=0.0, competition_intensity=0.0, business_fit=0.0
        )


class Nonsense:
    @hookimpl
    def insight_opportunity_weights(self):
        return OpportunityWeights(
            market_space=0.5, growth=0.5, profit=0.5, competition_intensity=0, business_fit=0
        )


async def test_opportunities_are_ranked_with_the_packs_weights(insight, stub, auth, customer):
    big = opportunity(
        "wireless core",
        market_space=90,
        growth=20,
        profit=60,
        competition_intensity=30,
        business_fit=80,
    )
    growing = opportunity(
        "service software",
        market_space=30,
        growth=95,
        profit=40,
        competition_intensity=70,
        business_fit=50,
    )
    created = [
        await stub.CreateOpportunity(
            pb.CreateOpportunityRequest(parent=customer.name, opportunity=o, request_id=f"r{i}"),
            metadata=auth(),
        )
        for i, o in enumerate((big, growing))
    ]
    again = await stub.CreateOpportunity(
        pb.CreateOpportunityRequest(parent=customer.name, opportunity=big, request_id="r0"),
        metadata=auth(),
    )
    assert again.name == created[0].name  # a retry creates nothing
    assert created[0].state == sb.OPPORTUNITY_STATE_PROPOSED
    # Default pack: 0.3·90 + 0.2·20 + 0.2·60 + 0.15·(100−30) + 0.15·80 = 65.5
    assert created[0].attractiveness == pytest.approx(65.5)

    ranked = await stub.ListOpportunities(
        pb.ListOpportunitiesRequest(parent=customer.name), metadata=auth()
    )
    assert [o.name for o in ranked.opportunities] == [c.name for c in created]
    assert ranked.weights.plugin == "mcr_insight.defaults"

    insight.plugins.register(Nonsense(), name="nonsense")  # sums to 1.5: ignored
    insight.plugins.register(GrowthFirst(), name="growth-first")
    ranked = await stub.ListOpportunities(
        pb.ListOpportunitiesRequest(parent=customer.name), metadata=auth()
    )
    assert ranked.weights.plugin == "growth-first"
    assert [o.attractiveness for o in ranked.opportunities] == [95, 20]

    page = await stub.ListOpportunities(
        pb.ListOpportunitiesRequest(parent=customer.name, page_size=1), metadata=auth()
    )
    rest = await stub.ListOpportunities(
        pb.ListOpportunitiesRequest(
            parent=customer.name, page_size=1, page_token=page.next_page_token
        ),
        metadata=auth(),
    )
    assert [o.name for o in (*page.opportunities, *rest.opportunities)] == [
        created[1].name,
        created[0].name,
    ]
    assert rest.next_page_token == ""


async def test_bad_opportunities_name_the_field(stub, auth, customer):
    bad = sb.Opportunity(product_segment="optical", ratings=sb.OpportunityRatings(growth=120))
    error = await refused(
        stub.CreateOpportunity(
            pb.CreateOpportunityRequest(parent=customer.name, opportunity=bad), metadata=auth()
        )
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in field_violations(error)} == {
        "opportunity.source_role",
        "opportunity.horizon",
        "opportunity.pain_point",
        "opportunity.ratings.growth",
    }


async def test_the_market_department_selects_and_planning_hears_of_it(
    stub, auth, customer, nats_url, region
):
    proposed = await stub.CreateOpportunity(
        pb.CreateOpportunityRequest(
            parent=customer.name,
            opportunity=opportunity(
                "wireless core",
                market_space=80,
                growth=50,
                profit=50,
                competition_intensity=50,
                business_fit=50,
            ),
        ),
        metadata=auth(),
    )
    target = sb.MarketTarget(
        goal_kind="share", target_share_percent=30, target_year=2027, description="3 of 10 sites"
    )
    request = pb.SelectOpportunityRequest(name=proposed.name, market_target=target)
    denied = await refused(
        stub.SelectOpportunity(request, metadata=auth(roles=("account_manager",)))
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED

    bad = pb.SelectOpportunityRequest(
        name=proposed.name, market_target=sb.MarketTarget(goal_kind="share", target_year=2027)
    )
    error = await refused(stub.SelectOpportunity(bad, metadata=auth(**MARKET)))
    assert {v.field for v in field_violations(error)} == {
        "market_target.target_share_percent",
        "market_target.description",
    }

    selected = await stub.SelectOpportunity(request, metadata=auth(**MARKET))
    assert selected.state == sb.OPPORTUNITY_STATE_SELECTED
    assert selected.selected_by == "e-market" and selected.market_target == target
    twice = await refused(stub.SelectOpportunity(request, metadata=auth(**MARKET)))
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION

    data = await published(nats_url, "mcr.insight.market_target.selected", proposed.name)
    event = events_pb2.MarketTargetSelected.FromString(data)
    assert (event.opportunity, event.customer, event.region) == (
        proposed.name,
        customer.name,
        region,
    )
    assert (event.goal_kind, event.product_segment, event.target_share_percent) == (
        "share",
        "wireless core",
        30,
    )
    assert event.target_year == 2027 and event.description == "3 of 10 sites"


async def test_an_empty_sandbox_after_the_annual_insight_is_flagged(stub, auth, customer):
    done = await stub.CompleteAnnualInsight(
        pb.CompleteAnnualInsightRequest(parent=customer.name, year=2026), metadata=auth()
    )
    assert done.sandbox_empty and "not" in done.finding
    assert done.name == f"{customer.name}/annualInsights/2026"
    await stub.CreateOpportunity(
        pb.CreateOpportunityRequest(
            parent=customer.name,
            opportunity=opportunity(
                "optical",
                market_space=1,
                growth=1,
                profit=1,
                competition_intensity=1,
                business_fit=1,
            ),
        ),
        metadata=auth(),
    )
    again = await stub.CompleteAnnualInsight(
        pb.CompleteAnnualInsightRequest(parent=customer.name, year=2026), metadata=auth()
    )
    assert not again.sandbox_empty and again.finding == ""
    error = await refused(
        stub.CompleteAnnualInsight(
            pb.CompleteAnnualInsightRequest(parent=customer.name, year=1900), metadata=auth()
        )
    )
    assert [v.field for v in field_violations(error)] == ["year"]


class OperatorProducts:
    """An industry's product lines, as the telecom pack gives them (in part)."""

    @hookimpl
    def insight_product_lines(self, customer):
        if customer.industry != "telecom":
            return None
        return [
            ProductLine("wireless access", "Wireless access", "无线接入"),
            ProductLine("optical", "Optical networks", "光网络"),
        ]


class Repetitive:
    @hookimpl
    def insight_product_lines(self, customer):
        return [ProductLine("optical", "Optical", "光网络")] * 2  # invalid: skipped


async def test_a_packs_product_lines_bind_the_sandbox_and_opportunities(
    insight, stub, auth, customer
):
    insight.plugins.register(Repetitive(), name="repetitive")
    insight.plugins.register(OperatorProducts(), name="operators")
    name = f"{customer.name}/strategicSandbox"
    off = sb.StrategicSandbox(
        name=name, segments=[segment("wireless access", 60), segment("routers", 40)]
    )
    error = await refused(
        stub.UpdateStrategicSandbox(
            pb.UpdateStrategicSandboxRequest(strategic_sandbox=off), metadata=auth()
        )
    )
    [violation] = field_violations(error)
    assert violation.field == "strategic_sandbox.segments[1].product_segment"
    assert "wireless access, optical" in violation.description
    on = sb.StrategicSandbox(
        name=name, segments=[segment("wireless access", 60), segment("optical", 40)]
    )
    await stub.UpdateStrategicSandbox(
        pb.UpdateStrategicSandboxRequest(strategic_sandbox=on), metadata=auth()
    )
    error = await refused(
        stub.CreateOpportunity(
            pb.CreateOpportunityRequest(parent=customer.name, opportunity=opportunity("routers")),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(error)] == ["opportunity.product_segment"]
    await stub.CreateOpportunity(
        pb.CreateOpportunityRequest(parent=customer.name, opportunity=opportunity("optical")),
        metadata=auth(),
    )
