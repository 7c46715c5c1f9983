"""A customer's own calendar from the packs serving its industry (contact_customer_calendar):
tender windows and budget rounds remind the owners of its tracked persons ahead of each date,
every year; a customer of another industry gets none of that pack's dates."""

from __future__ import annotations

from datetime import timedelta

from contact_kit import eventually, new_id, person_of, settled, stamp
from mcr.archive.v1 import customer_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr_contact.domain import CustomerDate, next_customer_date_reminder
from mcr_core.plugins import PackScope, hookimpl
from test_cadences import track


class TenderCalendar:
    """A utilities pack's calendar: the first tender batch, three weeks ahead."""

    MCR_SCOPE = PackScope(industries=("grid",))

    def __init__(self, month: int, day: int) -> None:
        self.month, self.day = month, day

    @hookimpl
    def contact_customer_calendar(self, customer):
        return [CustomerDate("tender_batch", "first tender batch opens", self.month, self.day, 21)]


async def _customer(publish, region, customer_id: str, industry: str, when) -> None:
    customer = customer_pb2.Customer(name=f"customers/{customer_id}", region=region,
                                     industry=industry, update_time=stamp(when))  # fmt: skip
    await publish("mcr.archive.customer.created", archive_events.CustomerCreated(customer=customer),
                  "archive", customer.name)  # fmt: skip


async def test_a_customers_tender_window_reminds_its_owners_ahead(
    contact, stub, auth, publish, region, fake_clock
):
    opening = fake_clock.now() + timedelta(days=30)
    contact.plugins.register(TenderCalendar(opening.month, opening.day), name="tenders")
    grid, shop = new_id(), new_id()
    await track(stub, auth, person_of(grid), "decision_maker")
    await track(stub, auth, person_of(shop), "decision_maker")
    await _customer(publish, region, grid, "grid", fake_clock.now())
    await _customer(publish, region, shop, "retail", fake_clock.now())

    async def armed() -> bool:
        async with contact.kernel.db.read() as conn:
            import sqlalchemy as sa
            from mcr_core.timers import timers_table

            rows = await conn.execute(
                sa.select(timers_table.c.key).where(timers_table.c.kind == "contact.customer_date")
            )
            return [row.key for row in rows] == [f"{grid}/tender_batch"]

    await eventually(armed, timeout=20)
    fake_clock.advance(days=10)  # three weeks before the opening
    await settled(contact)
    got = await stub.ListReminders(pb.ListRemindersRequest(), metadata=auth())
    [reminder] = [r for r in got.reminders if r.kind == "customer_date"]
    assert reminder.subject == f"customers/{grid}"
    assert "first tender batch opens" in reminder.detail


def test_the_reminder_comes_lead_days_before_the_next_occurrence(fake_clock):
    now = fake_clock.now()
    soon = now + timedelta(days=30)
    found = CustomerDate("budget_round", "budget set", soon.month, soon.day, 21)
    remind = next_customer_date_reminder(found, now)
    assert timedelta(days=8) <= remind - now <= timedelta(days=10)
    # 40 days ahead of a date 30 days away is past: next year's occurrence.
    passed = CustomerDate("budget_round", "budget set", soon.month, soon.day, 40)
    ahead = next_customer_date_reminder(passed, now) - now
    assert timedelta(days=350) < ahead < timedelta(days=360)
