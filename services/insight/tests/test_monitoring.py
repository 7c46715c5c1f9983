"""Portfolio monitoring: snapshots on the kernel's timer with abnormal losses and their
retrospective, tier purchase-share alerts, the value-return curve and review cadences."""

from __future__ import annotations

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from insight_kit import archive_customer, eventually, refused
from mcr.common.v1 import money_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import monitoring_pb2 as mon
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations
from mcr_insight.hooks import ReviewCadence

SMALL = money_pb2.Money(currency_code="CNY", units=20_000_000)


async def test_the_general_tiers_purchase_share_falling_from_40_to_30_percent_is_alerted(
    stub, auth, announce, announce_revenue, scored, region
):
    small = await announce(
        "created",
        archive_customer(region, annual_revenue=SMALL, employee_count=50, industry="retail"),
    )
    big = await announce("created", archive_customer(region))
    assert (await scored(small)).tier == "C" and (await scored(big)).tier == "A"
    for year, (general, partner) in {2024: (40, 60), 2025: (30, 70)}.items():
        await announce_revenue(small, year, general * 1_000_000)
        await announce_revenue(big, year, partner * 1_000_000)

    async def alerted():
        snapshot = await stub.TakePortfolioSnapshot(
            pb.TakePortfolioSnapshotRequest(), metadata=auth()
        )
        # The four revenue events arrive one by one: wait for the state after all of them.
        shares = [(a.tier, a.share_percent) for a in snapshot.purchase_share_alerts]
        return snapshot if shares == [("C", 30)] else None

    snapshot = await eventually(alerted)
    [alert] = snapshot.purchase_share_alerts  # the partner tier rose: no alert
    assert (alert.tier, alert.previous_year, alert.year) == ("C", 2024, 2025)
    assert (alert.previous_share_percent, alert.share_percent) == (40, 30)
    assert len(alert.causes_to_analyse) == 3
    assert snapshot.total_customers == 2
    assert snapshot.tier_counts["A"] == 1 and snapshot.tier_counts["C"] == 1
    assert sum(snapshot.value_distribution) == 2 and len(snapshot.value_distribution) == 10


async def test_snapshots_on_the_timer_flag_an_abnormal_loss_with_a_retrospective(
    stub, auth, announce, scored, region, fake_clock
):
    small = await announce(
        "created",
        archive_customer(region, annual_revenue=SMALL, employee_count=50, industry="retail"),
    )
    big = await announce("created", archive_customer(region))
    await scored(small), await scored(big)
    first = await stub.TakePortfolioSnapshot(pb.TakePortfolioSnapshotRequest(), metadata=auth())
    assert first.added_customers == 2 and not first.retrospective_needed

    await announce("deleted", big)

    async def gone():
        try:
            await stub.GetTierAssignment(
                pb.GetTierAssignmentRequest(name=f"{big.name}/tierAssignment"), metadata=auth()
            )
        except grpc.aio.AioRpcError as error:
            return error.code() == grpc.StatusCode.NOT_FOUND
        return False

    await eventually(gone)
    fake_clock.advance(days=31)  # the snapshot timer falls due

    async def timed():
        listed = await stub.ListPortfolioSnapshots(
            pb.ListPortfolioSnapshotsRequest(), metadata=auth()
        )
        return listed if len(listed.portfolio_snapshots) == 2 else None

    latest = (await eventually(timed)).portfolio_snapshots[0]
    assert latest.since_time == first.take_time
    assert [(c.customer, c.previous_tier) for c in latest.lost_customers] == [(big.name, "A")]
    assert list(latest.abnormal_losses) == list(latest.lost_customers)
    assert latest.retrospective_needed and latest.total_customers == 1
    tasks = await stub.ListRetrospectiveTasks(pb.ListRetrospectiveTasksRequest(), metadata=auth())
    [task] = tasks.retrospective_tasks
    assert task.snapshot == latest.name and list(task.customers) == [big.name]
    assert "retrospective" in task.reason

    page = await stub.ListPortfolioSnapshots(
        pb.ListPortfolioSnapshotsRequest(page_size=1), metadata=auth()
    )
    rest = await stub.ListPortfolioSnapshots(
        pb.ListPortfolioSnapshotsRequest(page_size=1, page_token=page.next_page_token),
        metadata=auth(),
    )
    assert [s.name for s in (*page.portfolio_snapshots, *rest.portfolio_snapshots)] == [
        latest.name,
        first.name,
    ]


async def test_a_shortfall_against_the_value_return_curve_recommends_a_re_tier(
    stub, auth, announce, announce_revenue, scored, region
):
    customer = await announce("created", archive_customer(region))
    await scored(customer)
    name = f"{customer.name}/valueReturnCurve"
    bad = mon.ValueReturnCurve(name=name, currency_code="yuan")
    error = await refused(
        stub.UpdateValueReturnCurve(
            pb.UpdateValueReturnCurveRequest(value_return_curve=bad), metadata=auth()
        )
    )
    assert {v.field for v in field_violations(error)} == {
        "value_return_curve.currency_code",
        "value_return_curve.points",
    }
    await announce_revenue(customer, 2025, 80_000_000)
    curve = mon.ValueReturnCurve(
        name=name,
        currency_code="CNY",
        points=[
            mon.CurvePoint(year=2025, expected_units=100_000_000),
            mon.CurvePoint(year=2027, expected_units=300_000_000),
        ],
    )

    async def compared():
        saved = await stub.UpdateValueReturnCurve(
            pb.UpdateValueReturnCurveRequest(value_return_curve=curve), metadata=auth()
        )
        return saved if saved.recommendations else None

    saved = await eventually(compared)
    first, later = saved.comparisons
    assert (first.year, first.actual_units, first.shortfall) == (2025, 80_000_000, True)
    assert not later.HasField("actual_units") and not later.shortfall
    [recommendation] = saved.recommendations
    assert (recommendation.year, recommendation.expected_units) == (2025, 100_000_000)
    assert len(recommendation.possible_causes) == 2
    got = await stub.GetValueReturnCurve(pb.GetValueReturnCurveRequest(name=name), metadata=auth())
    assert got == saved

    # A revenue event arriving after the curve raises its recommendation on its own.
    await announce_revenue(customer, 2027, 100_000_000)

    async def second():
        got = await stub.GetValueReturnCurve(
            pb.GetValueReturnCurveRequest(name=name), metadata=auth()
        )
        return got if len(got.recommendations) == 2 else None

    assert [r.year for r in (await eventually(second)).recommendations] == [2025, 2027]


class EnergyHalfYearly:
    @hookimpl
    async def insight_review_cadence(self, customer):
        if customer.industry != "energy":
            return None
        return ReviewCadence(182, "energy customers re-plan every half year")


async def test_reviews_fall_due_by_the_industrys_cadence(
    insight, stub, auth, announce, scored, fake_clock, region
):
    insight.plugins.register(EnergyHalfYearly(), name="energy")
    customers = {
        industry: await announce("created", archive_customer(region, industry=industry))
        for industry in ("telecom", "internet", "energy")
    }
    for customer in customers.values():
        await scored(customer)
    due = await stub.ListDueReviews(pb.ListDueReviewsRequest(), metadata=auth())
    assert len(due.due_reviews) == 3  # never reviewed: due now
    intervals = {r.industry: (r.interval_days, r.plugin) for r in due.due_reviews}
    assert intervals == {
        "telecom": (365, "mcr_insight.defaults"),
        "internet": (91, "mcr_insight.defaults"),
        "energy": (182, "energy"),
    }
    for customer in customers.values():
        await stub.RecordCustomerReview(
            pb.RecordCustomerReviewRequest(parent=customer.name), metadata=auth()
        )
    assert not (await stub.ListDueReviews(pb.ListDueReviewsRequest(), metadata=auth())).due_reviews
    fake_clock.advance(days=100)
    due = await stub.ListDueReviews(pb.ListDueReviewsRequest(), metadata=auth())
    assert [r.customer for r in due.due_reviews] == [customers["internet"].name]
    fake_clock.advance(days=100)
    due = await stub.ListDueReviews(pb.ListDueReviewsRequest(), metadata=auth())
    assert [r.industry for r in due.due_reviews] == ["internet", "energy"]
    stamp = Timestamp()
    stamp.FromDatetime(fake_clock.now())
    assert all(r.due_time.ToDatetime() <= stamp.ToDatetime() for r in due.due_reviews)
