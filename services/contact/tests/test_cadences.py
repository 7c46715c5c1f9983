"""Cadences on the fake clock: a simulated quarter in which cadences fall due, are reset by
logged contacts, breach and escalate; reminders fire once each, across a restart and with two
replicas racing for the same timers. Insight's tier and policy arrive as its real events."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import timedelta

import grpc
from contact_kit import eventually, fetch_events, new_id, person_of, settled, visit
from google.protobuf.duration_pb2 import Duration
from mcr.contact.v1 import contact_pb2, contact_service_pb2_grpc, events_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2

OWNER, BOSS, SPONSOR = "e-1001", "e-boss", "e-sponsor"


def days(n: float) -> Duration:
    value = Duration()
    value.FromTimedelta(timedelta(days=n))
    return value


async def announce_tier(publish, tier: str, customer_id: str, region: str, cadences) -> None:
    """Insight's events, as insight publishes them: the tier's policy, then the customer's tier."""
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}",
        tier=tier,
        contact_cadences=[
            tier_pb2.ContactCadence(role=role, interval=days(n), minimum_contacts=m)
            for role, n, m in cadences
        ],
        etag=uuid.uuid4().hex[:16],
    )
    await publish(
        "mcr.insight.tier_policy.changed",
        insight_events.TierPolicyChanged(policy=policy),
        "insight",
        policy.name,
    )
    await publish(
        "mcr.insight.tier.changed",
        insight_events.TierChanged(customer=f"customers/{customer_id}", region=region, tier=tier),
        "insight",
        f"customers/{customer_id}",
    )


def channel_stub(service):
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}")
    return channel, contact_service_pb2_grpc.ContactServiceStub(channel)


async def track(stub, auth, person, role, **fields):
    cadence = contact_pb2.PersonCadence(
        name=f"{person}/cadence", role=role, supervisor=f"employees/{BOSS}", **fields
    )
    return await stub.TrackPerson(pb.TrackPersonRequest(person_cadence=cadence), metadata=auth())


async def reminders_of(stub, auth, employee_id) -> list:
    got = await stub.ListReminders(
        pb.ListRemindersRequest(page_size=500), metadata=auth(employee_id=employee_id)
    )
    return list(got.reminders)


async def test_a_simulated_quarter(
    start_contact, stop_contact, auth, fake_clock, publish, region, nats_url
):
    tier = f"S{uuid.uuid4().hex[:6]}"
    customer = new_id()
    maker, engineer = person_of(customer), person_of(customer)
    first = await start_contact()
    channel, stub = channel_stub(first)
    start = fake_clock.now()

    # Tracked before insight told us the tier: no cadence yet.
    untracked = await track(stub, auth, maker, "decision_maker", sponsor=f"employees/{SPONSOR}")
    assert untracked.status == "unplanned"
    await track(stub, auth, engineer, "engineer")
    # S-like policy: decision makers at least once per 30 days, everyone once per 14 days.
    await announce_tier(
        publish, tier, customer, region, [("decision_maker", 30, 1), ("any", 14, 1)]
    )

    async def planned():
        got = await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{maker}/cadence"), metadata=auth()
        )
        return got if got.tier == tier else None

    cadence = await planned_wait(planned)
    assert cadence.max_interval.ToTimedelta() == timedelta(days=30)
    assert cadence.ideal_interval.ToTimedelta() == timedelta(days=22.5)
    assert cadence.breach_time.ToDatetime() == (start + timedelta(days=30)).replace(tzinfo=None)
    key_date = await stub.CreateKeyDate(
        pb.CreateKeyDateRequest(
            parent=maker, key_date=contact_pb2.KeyDate(kind="birthday", month=1, day=20)
        ),
        metadata=auth(),
    )
    assert key_date.next_reminder_time.ToDatetime().day == 19

    async def contact_with(stub, persons) -> None:
        activity = visit(customer, persons, fake_clock.now() - timedelta(hours=1))
        await stub.LogActivity(pb.LogActivityRequest(activity=activity), metadata=auth())

    replicas, day = [first], 0
    engineer_days = {7, 14, 21, 28, 35, *range(49, 92, 7)}
    while day < 91:
        if day == 40:
            # A restart: the process stops, nine days pass, two replicas start on the same
            # database and race for the timers that fell due meanwhile.
            await channel.close()
            await stop_contact(first)
            fake_clock.advance(days=9)
            day += 9
            replicas = [await start_contact(), await start_contact()]
            channel, stub = channel_stub(replicas[0])
        else:
            fake_clock.advance(days=1)
            day += 1
        await settled(*replicas)
        if day in engineer_days:
            await contact_with(stub, [engineer])
        if day == 25:
            await contact_with(stub, [maker])
        if day == 23:
            due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
            assert [(d.cadence, d.status) for d in due.due_contacts] == [
                (f"{maker}/cadence", "due")
            ]
        if day == 55:
            due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
            assert [(d.cadence, d.status) for d in due.due_contacts] == [
                (f"{maker}/cadence", "breached")
            ]
            assert not due.due_contacts[0].cold_stove

    owner = Counter((r.kind, r.subject) for r in await reminders_of(stub, auth, OWNER))
    assert owner == {
        ("key_date", maker): 1,  # the day before the birthday (day 14)
        ("cadence_due", f"{maker}/cadence"): 2,  # day 23, and after the restart (47.5)
        ("cadence_due", f"{engineer}/cadence"): 1,  # fell due while no replica ran
    }
    assert Counter((r.kind, r.subject) for r in await reminders_of(stub, auth, SPONSOR)) == {
        ("key_date", maker): 1
    }
    escalated = Counter((r.kind, r.subject) for r in await reminders_of(stub, auth, BOSS))
    assert escalated == {
        ("cadence_breached", f"{engineer}/cadence"): 1,  # breached while no replica ran
        ("cadence_breached", f"{maker}/cadence"): 1,  # day 55
    }
    names = {f"{maker}/cadence", f"{engineer}/cadence"}

    async def breaches():
        found = await fetch_events(nats_url, "mcr.contact.cadence.breached", "MCR_CONTACT", names)
        return found if set(found) == names else None

    found = await eventually(breaches, timeout=20)
    assert {k: len(v) for k, v in found.items()} == dict.fromkeys(names, 1)
    message = events_pb2.CadenceBreached.FromString(found[f"{maker}/cadence"][0])
    assert (message.supervisor, message.region) == (f"employees/{BOSS}", region)
    await channel.close()


async def planned_wait(check):
    return await eventually(check, timeout=20)


async def test_a_replan_that_moves_nothing_does_not_remind_again(
    contact, stub, auth, fake_clock, publish, region
):
    tier = f"B{uuid.uuid4().hex[:6]}"
    customer = new_id()
    person = person_of(customer)
    await track(stub, auth, person, "key_person")
    await announce_tier(publish, tier, customer, region, [("key_person", 60, 1)])

    async def planned():
        got = await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{person}/cadence"), metadata=auth()
        )
        return got.tier == tier

    await eventually(planned, timeout=20)
    fake_clock.advance(days=46)  # past the ideal 45 days, before the 60-day breach
    await settled(contact)
    assert [r.kind for r in await reminders_of(stub, auth, OWNER)] == ["cadence_due"]
    # The same policy again (insight restarted), and the same person tracked again.
    await announce_tier(publish, tier, customer, region, [("key_person", 60, 1)])
    await track(stub, auth, person, "key_person")
    await asyncio.sleep(1)  # time for the events to arrive
    await settled(contact)
    assert [r.kind for r in await reminders_of(stub, auth, OWNER)] == ["cadence_due"]
    # A stricter policy moves the times: the breach is now past and escalates, once.
    await announce_tier(publish, tier, customer, region, [("key_person", 40, 1)])

    async def escalated():
        await settled(contact)
        return [r.kind for r in await reminders_of(stub, auth, BOSS)] == ["cadence_breached"]

    await eventually(escalated, timeout=20)
