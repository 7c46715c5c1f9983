"""Contact follows who matters, by events: the archive's decision makers, veto holders, rising
stars and retirements and planning's targets, owner pairings and sponsors get their cadence
from the tier × role policy without a manual step (R-CON-8, R-CON-10, R-82). The events arrive
on the real bus as the archive and planning publish them; both databases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from functools import partial

import grpc
from contact_kit import eventually, new_id, person_of, visit
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.archive.v1 import person_pb2
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2
from mcr.planning.v1 import events_pb2 as planning_events

OWNER, OTHER_OWNER, SPONSOR = "e-1001", "e-2002", "e-sponsor"


def days(n: float) -> Duration:
    value = Duration()
    value.FromTimedelta(timedelta(days=n))
    return value


async def announce_tier(publish, tier, customer_id, region, cadences, obligations) -> None:
    """Insight's events: the tier's policy (its cadences and obligations), then the tier."""
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}",
        tier=tier,
        relationship_obligations=[tier_pb2.RelationshipObligation(code=c) for c in obligations],
        contact_cadences=[
            tier_pb2.ContactCadence(role=role, interval=days(n), minimum_contacts=1)
            for role, n in cadences
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


async def s_customer(publish, region) -> str:
    """An S-like customer: the policy obliges key-relationship work, as insight's S does."""
    customer = new_id()
    await announce_tier(
        publish,
        f"S{uuid.uuid4().hex[:6]}",
        customer,
        region,
        [("decision_maker", 30), ("any", 7)],
        ["general_relationship", "key_relationship"],
    )
    return customer


async def archive_person(publish, region, name, fake_clock, deleted=False, **fields) -> None:
    """The archive's person event, as the archive publishes it."""
    if deleted:
        message = archive_events.PersonDeleted(name=name, region=region)
        await publish("mcr.archive.person.deleted", message, "archive", name)
        return
    stamp = Timestamp()
    stamp.FromDatetime(fake_clock.now())
    person = person_pb2.Person(
        name=name, display_name="张三", owner=f"employees/{OWNER}", update_time=stamp, **fields
    )
    await publish(
        "mcr.archive.person.updated",
        archive_events.PersonUpdated(person=person, region=region),
        "archive",
        name,
    )


async def plan_person(publish, region, name, **fields) -> None:
    """Planning's key-person plan of the person, as planning publishes it."""
    message = planning_events.KeyPersonPlanChanged(
        person=name, customer=name.rsplit("/persons/", 1)[0], region=region, **fields
    )
    await publish("mcr.planning.key_person.changed", message, "planning", name)


async def cadence_of(stub, auth, person) -> contact_pb2.PersonCadence | None:
    try:
        return await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{person}/cadence"), metadata=auth()
        )
    except grpc.aio.AioRpcError as error:
        if error.code() == grpc.StatusCode.NOT_FOUND:
            return None
        raise


async def followed(stub, auth, person, role):
    async def check():
        got = await cadence_of(stub, auth, person)
        return got if got is not None and got.role == role else None

    return await eventually(check, timeout=20)


async def test_key_persons_of_an_s_customer_are_followed_without_a_manual_step(
    contact, stub, auth, publish, region, fake_clock
):
    """R-CON-10: the routine actions cover the customer's key persons by themselves; R-CON-8:
    rising stars are kept as the reserve; R-82: sponsored persons meet monthly."""
    customer = await s_customer(publish, region)
    decider, veto, star, target, sponsored, plain = (person_of(customer) for _ in range(6))
    decides = person_pb2.DecisionRole(
        scenario="core-2027", role=person_pb2.DECISION_ROLE_KIND_DECIDER
    )
    await archive_person(publish, region, decider, fake_clock, decision_roles=[decides])
    await archive_person(publish, region, veto, fake_clock, veto_holder=True)
    await archive_person(publish, region, star, fake_clock, rising_star=True)
    await archive_person(publish, region, plain, fake_clock, title="engineer")
    await plan_person(publish, region, target, target=True, owner=f"employees/{OTHER_OWNER}")
    await plan_person(
        publish, region, sponsored, owner=f"employees/{OWNER}", sponsors=[f"employees/{SPONSOR}"]
    )
    start = fake_clock.now().replace(tzinfo=None)

    got = await followed(stub, auth, decider, "decision_maker")
    # Never contacted: due at once, not "ok" for weeks; it breaches after the policy's 30 days.
    assert (got.status, got.due_time.ToDatetime()) == ("due", start)
    assert got.breach_time.ToDatetime() == start + timedelta(days=30)
    assert (got.owner, got.source) == (f"employees/{OWNER}", "policy")
    assert (await followed(stub, auth, veto, "decision_maker")).status == "due"
    rising = await followed(stub, auth, star, "rising_star")
    assert rising.max_interval.ToTimedelta() == timedelta(days=90)
    sponsor_meetings = await followed(stub, auth, sponsored, "sponsor")
    assert sponsor_meetings.max_interval.ToTimedelta() == timedelta(days=60)
    assert sponsor_meetings.sponsor == f"employees/{SPONSOR}"
    # Planning's owner pairing: the cadence is the paired owner's (visible to them, decision 11).
    paired = await followed(stub, partial(auth, employee_id=OTHER_OWNER), target, "key_person")
    assert paired.owner == f"employees/{OTHER_OWNER}"
    assert await cadence_of(stub, auth, target) is None
    assert await cadence_of(stub, auth, plain) is None  # nothing makes the engineer key

    due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
    listed = {d.cadence: d.status for d in due.due_contacts}
    assert {f"{p}/cadence" for p in (decider, veto, star, sponsored)} <= set(listed)

    # A logged contact resets the cadence as for anyone tracked.
    now = fake_clock.now()
    activity = visit(customer, [decider], now - timedelta(hours=1))
    await stub.LogActivity(pb.LogActivityRequest(activity=activity), metadata=auth())
    got = await cadence_of(stub, auth, decider)
    assert got.status == "ok"
    assert got.due_time.ToDatetime() == (now - timedelta(hours=1) + timedelta(days=22.5)).replace(
        tzinfo=None
    )


async def test_retirement_keeps_a_courtesy_cadence_and_departure_ends_it(
    contact, stub, auth, publish, region, fake_clock
):
    """R-82: a retired key person is not dropped, they keep a courtesy cadence; a person who
    left the customer has none. A person tracked by hand is ended by a departure too."""
    customer = await s_customer(publish, region)
    decider, leaving, by_hand = (person_of(customer) for _ in range(3))
    await archive_person(publish, region, decider, fake_clock, veto_holder=True)
    await archive_person(publish, region, leaving, fake_clock, rising_star=True)
    await followed(stub, auth, decider, "decision_maker")
    await followed(stub, auth, leaving, "rising_star")
    manual = contact_pb2.PersonCadence(name=f"{by_hand}/cadence", role="engineer")
    tracked = await stub.TrackPerson(pb.TrackPersonRequest(person_cadence=manual), metadata=auth())
    assert tracked.role == "engineer"

    fake_clock.advance(days=1)
    await archive_person(publish, region, decider, fake_clock, veto_holder=True, retired=True)
    courtesy = await followed(stub, auth, decider, "retired_key_person")
    assert courtesy.max_interval.ToTimedelta() == timedelta(days=180)

    await archive_person(publish, region, leaving, fake_clock, deleted=True)
    moved = archive_events.PersonMoved(
        person=person_of(new_id()),
        previous_person=by_hand,
        previous_region=region,
        region=region,
        territory_case="employer",
    )
    await publish("mcr.archive.person.moved", moved, "archive", by_hand)

    async def ended():
        return all([await cadence_of(stub, auth, p) is None for p in (leaving, by_hand)])

    await eventually(ended, timeout=20)
    due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
    assert {d.cadence for d in due.due_contacts} == {f"{decider}/cadence"}


async def test_a_tier_without_key_relationship_work_follows_nobody_until_it_has_it(
    contact, stub, auth, publish, region, fake_clock
):
    """Only tiers whose policy obliges key-relationship work (S and A by default) follow their
    key persons; a customer moving up to such a tier is followed from then on (R-CON-10)."""
    customer, b_tier = new_id(), f"B{uuid.uuid4().hex[:6]}"
    obligations = ["general_relationship", "targeted_key_person_work"]
    await announce_tier(publish, b_tier, customer, region, [("key_person", 60)], obligations)
    decider = person_of(customer)
    await archive_person(publish, region, decider, fake_clock, veto_holder=True)
    await plan_person(publish, region, decider, target=True, owner=f"employees/{OWNER}")
    # Sentinels behind the decider's events on the same consumers, at an S customer: once they
    # are followed, the decider's events were handled too.
    elsewhere = await s_customer(publish, region)
    star, paired = person_of(elsewhere), person_of(elsewhere)
    await archive_person(publish, region, star, fake_clock, rising_star=True)
    await plan_person(publish, region, paired, target=True, owner=f"employees/{OWNER}")
    await followed(stub, auth, star, "rising_star")
    await followed(stub, auth, paired, "key_person")
    assert await cadence_of(stub, auth, decider) is None

    s_tier = f"S{uuid.uuid4().hex[:6]}"
    await announce_tier(
        publish, s_tier, customer, region, [("decision_maker", 45)], ["key_relationship"]
    )
    got = await followed(stub, auth, decider, "decision_maker")
    assert (got.tier, got.max_interval.ToTimedelta()) == (s_tier, timedelta(days=45))
