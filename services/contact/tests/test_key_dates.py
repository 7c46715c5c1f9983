"""A person's key dates listed, corrected and deleted (R-CON-10: routine care one day before):
the reminder follows a corrected date, a stale etag is refused, and a person whose cadence the
caller does not see (a peer's, another region's) has no key dates to them."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
import sqlalchemy as sa
from contact_kit import new_id, person_of, settled
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr_core.timers import timers_table
from test_cadences import track


async def add(stub, auth, person, kind, month, day) -> contact_pb2.KeyDate:
    key_date = contact_pb2.KeyDate(kind=kind, month=month, day=day)
    request = pb.CreateKeyDateRequest(parent=person, key_date=key_date)
    return await stub.CreateKeyDate(request, metadata=auth())


async def listed(stub, auth, person, **paging) -> pb.ListKeyDatesResponse:
    request = pb.ListKeyDatesRequest(parent=person, **paging)
    return await stub.ListKeyDates(request, metadata=auth())


async def timer_due(contact, key_date_id: str):
    async with contact.kernel.db.read() as conn:
        query = sa.select(timers_table.c.due_at).where(
            timers_table.c.kind == "contact.key_date", timers_table.c.key == key_date_id
        )
        return (await conn.execute(query)).scalar()


async def test_key_dates_are_listed_in_calendar_order_page_by_page(stub, auth):
    person = person_of(new_id())
    await track(stub, auth, person, "decision_maker")
    for month, day in ((12, 24), (3, 8), (3, 1)):
        await add(stub, auth, person, "holiday", month, day)
    first = await listed(stub, auth, person, page_size=2)
    assert [(k.month, k.day) for k in first.key_dates] == [(3, 1), (3, 8)]
    second = await listed(stub, auth, person, page_size=2, page_token=first.next_page_token)
    assert [(k.month, k.day) for k in second.key_dates] == [(12, 24)]
    assert second.next_page_token == ""
    assert all(k.etag and k.name.startswith(f"{person}/keyDates/") for k in first.key_dates)


async def test_a_corrected_date_moves_its_reminder_to_the_day_before(
    contact, stub, auth, fake_clock
):
    """R-CON-10: the reminder one day before follows the corrected date, and fires then."""
    person = person_of(new_id())
    await track(stub, auth, person, "decision_maker")
    target = fake_clock.now() + timedelta(days=5)
    # A date half a year away: its reminder is months ahead until it is corrected.
    away = fake_clock.now() + timedelta(days=180)
    created = await add(stub, auth, person, "birthday", away.month, min(away.day, 28))
    key_date_id = created.name.rsplit("/", 1)[1]
    update = pb.UpdateKeyDateRequest(
        key_date=contact_pb2.KeyDate(
            name=created.name, month=target.month, day=target.day, etag=created.etag
        ),
        update_mask=FieldMask(paths=["month", "day"]),
    )
    updated = await stub.UpdateKeyDate(update, metadata=auth())
    assert (updated.kind, updated.month, updated.day) == ("birthday", target.month, target.day)
    assert updated.etag != created.etag
    remind = updated.next_reminder_time.ToDatetime()
    eve = target.date() - timedelta(days=1)
    assert (remind.month, remind.day) == (eve.month, eve.day)
    assert (await timer_due(contact, key_date_id)).replace(tzinfo=None) == remind

    fake_clock.advance(days=5)
    await settled(contact)
    got = await stub.ListReminders(pb.ListRemindersRequest(), metadata=auth())
    assert [r.subject for r in got.reminders if r.kind == "key_date"] == [person]

    # The old etag is stale now: FAILED_PRECONDITION naming the etag.
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await stub.UpdateKeyDate(update, metadata=auth())
    assert stale.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "etag" in stale.value.details()


async def test_a_deleted_key_date_is_gone_with_its_reminder(contact, stub, auth):
    person = person_of(new_id())
    await track(stub, auth, person, "decision_maker")
    created = await add(stub, auth, person, "anniversary", 6, 15)
    request = pb.DeleteKeyDateRequest(name=created.name, etag=created.etag)
    await stub.DeleteKeyDate(request, metadata=auth())
    assert not (await listed(stub, auth, person)).key_dates
    assert await timer_due(contact, created.name.rsplit("/", 1)[1]) is None
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await stub.DeleteKeyDate(request, metadata=auth())
    assert again.value.code() == grpc.StatusCode.NOT_FOUND


async def test_bad_corrections_name_the_field(stub, auth):
    person = person_of(new_id())
    await track(stub, auth, person, "decision_maker")
    created = await add(stub, auth, person, "birthday", 2, 10)
    cases = [
        (contact_pb2.KeyDate(name=created.name, day=30), ["day"], "key_date.day"),
        (contact_pb2.KeyDate(name=created.name, month=13), ["month"], "key_date.month"),
        (contact_pb2.KeyDate(name=created.name, kind="Bad kind!"), ["kind"], "key_date.kind"),
        (contact_pb2.KeyDate(name=created.name), ["etag"], "update_mask"),
        (contact_pb2.KeyDate(name="customers/x/keyDates/y"), ["day"], "key_date.name"),
    ]
    for key_date, paths, field in cases:
        request = pb.UpdateKeyDateRequest(key_date=key_date, update_mask=FieldMask(paths=paths))
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.UpdateKeyDate(request, metadata=auth())
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT, field
        assert field in error.value.details(), (field, error.value.details())


async def test_a_peers_or_another_regions_key_dates_are_not_found(stub, auth):
    """Decision 11: the key dates of a person whose cadence the caller does not see."""
    person = person_of(new_id())
    await track(stub, auth, person, "decision_maker")
    created = await add(stub, auth, person, "birthday", 5, 5)
    peer = auth(employee_id="e-2002")
    elsewhere = auth(region="t-elsewhere", org_unit="/t-elsewhere/enterprise/team-1")
    for metadata in (peer, elsewhere):
        calls = (
            stub.ListKeyDates(pb.ListKeyDatesRequest(parent=person), metadata=metadata),
            stub.UpdateKeyDate(
                pb.UpdateKeyDateRequest(key_date=contact_pb2.KeyDate(name=created.name, day=6)),
                metadata=metadata,
            ),
            stub.DeleteKeyDate(pb.DeleteKeyDateRequest(name=created.name), metadata=metadata),
        )
        for call in calls:
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await call
            assert error.value.code() == grpc.StatusCode.NOT_FOUND
    assert [k.name for k in (await listed(stub, auth, person)).key_dates] == [created.name]
