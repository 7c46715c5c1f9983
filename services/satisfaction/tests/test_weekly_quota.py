"""The weekly valid-issue quota runs on the service's timers (R-VOC-9): the archive's yearly
revenue on the real bus gives a customer its quota, and each week that ends short of it is
announced, week after week on the fake clock, without anyone asking."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.common.v1 import money_pb2
from mcr.satisfaction.v1 import events_pb2, issue_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr_core.timers import timers_table
from satisfaction_kit import customer_name, eventually, published

AM = "am-1"
WEEKLY_QUOTA = "satisfaction.weekly_quota"


async def revenue(publish, customer, region, units, currency="USD", year=2026) -> None:
    message = archive_events.YearlyRevenueRecorded(
        customer=customer,
        region=region,
        year=year,
        amount=money_pb2.Money(currency_code=currency, units=units),
    )
    await publish("mcr.archive.revenue.recorded", message, customer)


async def quota_timer(service, customer):
    """The customer's pending weekly check (its due time), or None."""
    async with service.kernel.db.read() as conn:
        query = sa.select(timers_table.c.due_at).where(
            timers_table.c.kind == WEEKLY_QUOTA,
            timers_table.c.key == customer.removeprefix("customers/"),
            timers_table.c.fired_at.is_(None),
        )
        return (await conn.execute(query)).scalar()


async def issues(stub, who, customer, count) -> None:
    for _ in range(count):
        issue = issue_pb2.Issue(customer=customer, title="Slow", type="technical", urgency="low")
        await stub.CreateIssue(pb.CreateIssueRequest(issue=issue), metadata=who(AM))


async def test_weeks_short_of_the_quota_are_announced_on_the_timers(
    satisfaction, stub, who, region, publish, fake_clock, nats_url
):
    """R-VOC-9: above USD 50M a year, at least two valid issues a week per customer."""
    big, small, euro = customer_name(), customer_name(), customer_name()
    await revenue(publish, small, region, 5_000_000)  # no quota below USD 10M
    await revenue(publish, euro, region, 90_000_000, currency="EUR")  # the book's USD only
    await revenue(publish, big, region, 60_000_000)
    first_check = await eventually(lambda: quota_timer(satisfaction, big), timeout=15)
    assert first_check.weekday() == 0 and first_check > fake_clock.now()
    assert await quota_timer(satisfaction, small) is None
    assert await quota_timer(satisfaction, euro) is None

    await issues(stub, who, big, 1)  # week 1: one of two
    fake_clock.advance(seconds=(first_check - fake_clock.now()).total_seconds() + 60)
    second_check = first_check + timedelta(days=7)
    await eventually(lambda: _equals(quota_timer(satisfaction, big), second_check), timeout=15)
    await issues(stub, who, big, 2)  # week 2: met
    fake_clock.advance(days=7)
    await eventually(
        lambda: _equals(quota_timer(satisfaction, big), second_check + timedelta(days=7)),
        timeout=15,
    )

    found = await published(nats_url, "mcr.satisfaction.issue_quota.missed", big)
    missed = [events_pb2.IssueQuotaMissed.FromString(data) for _, _, data in found]
    assert [(m.quota, m.recorded, m.region) for m in missed] == [(2, 1, region)]
    week = missed[0].week_start_time.ToDatetime()
    assert week == (first_check - timedelta(days=7)).replace(tzinfo=None)


async def _equals(value, wanted):
    return (await value) == wanted
