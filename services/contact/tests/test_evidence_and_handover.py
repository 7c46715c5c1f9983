"""Key events as evidence on NATS, playbooks, the pre-visit briefing against satisfaction's
contract, coverage, exhibition revisits, and the archive's hand-overs consumed from JetStream."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import timedelta

import grpc
import pytest
from contact_kit import eventually, fetch_events, new_id, person_of, settled, stamp, visit
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.contact.v1 import contact_pb2, events_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.satisfaction.v1 import issue_pb2
from mcr_contact.domain import Playbook
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations
from test_cadences import announce_tier, track


async def test_a_key_event_is_published_for_planning(stub, auth, fake_clock, nats_url, region):
    customer = new_id()
    person = person_of(customer)
    event = contact_pb2.KeyEvent(
        person=person,
        dimension="decision_support",
        impact=2,
        summary="backed our solution in the evaluation meeting",
        occur_time=stamp(fake_clock.now() - timedelta(days=1)),
    )
    recorded = await stub.RecordKeyEvent(
        pb.RecordKeyEventRequest(
            parent=f"customers/{customer}", key_event=event, request_id=new_id()
        ),
        metadata=auth(),
    )
    assert recorded.name.startswith(f"customers/{customer}/keyEvents/")

    async def published():
        found = await fetch_events(
            nats_url, "mcr.contact.key_event.recorded", "MCR_CONTACT", {recorded.name}
        )
        return found.get(recorded.name)

    [data] = await eventually(published, timeout=20)
    message = events_pb2.KeyEventRecorded.FromString(data)
    assert (message.person, message.dimension, message.impact, message.region) == (
        person,
        "decision_support",
        2,
        region,
    )
    assert message.recorded_by == "employees/e-1001"

    bad = contact_pb2.KeyEvent(
        person=person_of(new_id()),
        dimension="charm",
        impact=5,
        summary="x",
        occur_time=stamp(fake_clock.now() + timedelta(days=1)),
    )
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.RecordKeyEvent(
            pb.RecordKeyEventRequest(parent=f"customers/{customer}", key_event=bad), metadata=auth()
        )
    assert {v.field for v in field_violations(error.value)} == {
        "key_event.person",
        "key_event.dimension",
        "key_event.impact",
        "key_event.occur_time",
    }


class IndustryPlaybook:
    @hookimpl
    def contact_playbook(self, support_level):
        if support_level != 0:
            return None
        return Playbook(0, "hospital pack: get a ward round invitation", ("join a ward round",))


async def test_playbooks_follow_the_level_and_plugins_override(contact, stub, auth, fake_clock):
    customer = new_id()
    person = person_of(customer)
    await track(stub, auth, person, "key_person")
    await stub.LogActivity(
        pb.LogActivityRequest(activity=visit(customer, [person], fake_clock.now())), metadata=auth()
    )
    book = await stub.SuggestPlaybook(
        pb.SuggestPlaybookRequest(person=person, support_level=-1), metadata=auth()
    )
    assert (book.rule, book.plugin) == ("R-SUP-3", "mcr_contact.defaults")
    assert book.problem_customer_advice == ""
    fake_clock.advance(days=100)
    later = await stub.SuggestPlaybook(
        pb.SuggestPlaybookRequest(person=person, support_level=-1), metadata=auth()
    )
    assert "supervisor" in later.problem_customer_advice
    fake_clock.advance(days=100)
    boss = await stub.SuggestPlaybook(
        pb.SuggestPlaybookRequest(person=person, support_level=-2), metadata=auth()
    )
    assert "boss" in boss.problem_customer_advice
    contact.plugins.register(IndustryPlaybook(), name="hospital-pack")
    neutral = await stub.SuggestPlaybook(
        pb.SuggestPlaybookRequest(person=person, support_level=0), metadata=auth()
    )
    assert (neutral.plugin, list(neutral.actions)) == ("hospital-pack", ["join a ward round"])
    support = await stub.SuggestPlaybook(
        pb.SuggestPlaybookRequest(person=person, support_level=2), metadata=auth()
    )
    assert support.rule == "R-SUP-7"


async def test_the_briefing_shows_open_issues_from_satisfaction(stub, auth, satisfaction, region):
    double, _ = satisfaction
    customer = new_id()
    person = person_of(customer)
    await track(stub, auth, person, "decision_maker")
    open_issue = issue_pb2.Issue(
        name=f"issues/{new_id()}",
        customer=f"customers/{customer}",
        state="handling",
        region=region,
        title="slow spare parts",
    )
    closed = issue_pb2.Issue(
        name=f"issues/{new_id()}", customer=f"customers/{customer}", state="closed", region=region
    )
    double.issues += [open_issue, closed]
    briefing = await stub.GetVisitBriefing(
        pb.GetVisitBriefingRequest(customer=f"customers/{customer}"), metadata=auth()
    )
    assert briefing.issues_available
    assert [i.name for i in briefing.open_issues] == [open_issue.name]
    assert [c.name for c in briefing.cadences] == [f"{person}/cadence"]
    # A peer sees neither the other owner's cadences nor, through satisfaction, more than
    # satisfaction lets them see (the caller's token is passed on).
    peer = await stub.GetVisitBriefing(
        pb.GetVisitBriefingRequest(customer=f"customers/{customer}"),
        metadata=auth(employee_id="e-2002"),
    )
    assert list(peer.cadences) == []


async def test_another_regions_briefing_is_not_found(stub, auth, satisfaction, region):
    """Decision 11: regions are isolated. Before: OK with empty data for another region's
    customer, which told the caller that the customer exists and is someone else's."""
    customer = new_id()
    await track(stub, auth, person_of(customer), "decision_maker")
    request = pb.GetVisitBriefingRequest(customer=f"customers/{customer}")
    assert (await stub.GetVisitBriefing(request, metadata=auth())).cadences
    elsewhere = auth(region="t-elsewhere", org_unit="/t-elsewhere/enterprise/team-1")
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetVisitBriefing(request, metadata=elsewhere)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    double, _ = satisfaction
    assert all(region == caller for *_, caller in double.requests)  # never asked for them


async def test_the_briefing_says_when_satisfaction_is_down(contact_settings, start_contact, auth):
    service = await start_contact(
        satisfaction_target="127.0.0.1:9", satisfaction_timeout_seconds=0.5
    )
    from test_cadences import channel_stub

    channel, stub = channel_stub(service)
    briefing = await stub.GetVisitBriefing(
        pb.GetVisitBriefingRequest(customer=f"customers/{new_id()}"), metadata=auth()
    )
    assert not briefing.issues_available and list(briefing.open_issues) == []
    await channel.close()


async def test_tier_c_coverage_counts_the_week_s_visits(stub, auth, fake_clock, publish, region):
    customer = new_id()
    person = person_of(customer)
    tier = "C"  # the default pack asks two visits per week of tier C
    await publish(
        "mcr.insight.tier.changed",
        __import__("mcr.insight.v1.events_pb2", fromlist=["x"]).TierChanged(
            customer=f"customers/{customer}", region=region, tier=tier
        ),
        "insight",
        f"customers/{customer}",
    )
    await track(stub, auth, person, "any")

    async def tiered():
        got = await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{person}/cadence"), metadata=auth()
        )
        return got.tier == "C"

    # Tracked before the event arrived: the consumer re-plans it.
    await eventually(tiered, timeout=20)
    due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
    assert [(c.tier, c.required_visits, c.done_visits) for c in due.coverage] == [("C", 2, 0)]
    await stub.LogActivity(
        pb.LogActivityRequest(activity=visit(customer, [person], fake_clock.now())), metadata=auth()
    )
    await stub.LogActivity(
        pb.LogActivityRequest(activity=visit(customer, [person], fake_clock.now(), type="banquet")),
        metadata=auth(),
    )
    due = await stub.ListDueContacts(pb.ListDueContactsRequest(), metadata=auth())
    assert [(c.required_visits, c.done_visits) for c in due.coverage] == [(2, 2)]
    share = due.visit_share
    assert (share.office_visits, share.private_visits) == (1, 1)


async def test_an_exhibition_calls_for_a_revisit_within_three_days(contact, stub, auth, fake_clock):
    customer = new_id()
    person = person_of(customer)
    fair = visit(customer, [person], fake_clock.now() - timedelta(hours=8), type="exhibition")
    fair.duration.FromTimedelta(timedelta(hours=6))
    await stub.LogActivity(pb.LogActivityRequest(activity=fair), metadata=auth())
    fake_clock.advance(days=4)
    await settled(contact)
    got = await stub.ListReminders(pb.ListRemindersRequest(), metadata=auth())
    assert Counter(r.kind for r in got.reminders) == {"revisit_due": 1, "revisit_missed": 1}
    # A revisit in time leaves no "missed" reminder.
    other = new_id()
    fair = visit(
        other, [person_of(other)], fake_clock.now() - timedelta(hours=8), type="exhibition"
    )
    await stub.LogActivity(pb.LogActivityRequest(activity=fair), metadata=auth())
    fake_clock.advance(days=1)
    await stub.LogActivity(
        pb.LogActivityRequest(
            activity=visit(other, [person_of(other)], fake_clock.now(), type="revisit")
        ),
        metadata=auth(),
    )
    fake_clock.advance(days=3)
    await settled(contact)
    got = await stub.ListReminders(pb.ListRemindersRequest(), metadata=auth())
    assert Counter(r.kind for r in got.reminders) == {"revisit_due": 2, "revisit_missed": 1}


async def test_a_portfolio_transfer_and_a_handover_introduction(
    stub, auth, publish, region, fake_clock
):
    customer = new_id()
    kept, moved = person_of(customer), person_of(customer)
    await track(stub, auth, moved, "key_person")
    await track(stub, auth, kept, "key_person")
    await publish(
        "mcr.archive.portfolio.transferred",
        archive_events.PortfolioTransferred(
            from_employee="employees/e-1001",
            to_employee="employees/e-3003",
            reason="rotation",
            persons=[moved],
            region=region,
        ),
        "archive",
    )
    successor = auth(employee_id="e-3003")

    async def taken_over():
        got = await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{moved}/cadence"), metadata=successor
        )
        return got.owner == "employees/e-3003"

    await eventually(taken_over, timeout=20)
    still = await stub.GetPersonCadence(
        pb.GetPersonCadenceRequest(name=f"{kept}/cadence"), metadata=auth()
    )
    assert still.owner == "employees/e-1001"

    await publish(
        "mcr.archive.handover.introduction_requested",
        archive_events.HandoverIntroductionRequested(
            person=kept,
            customer=f"customers/{customer}",
            region=region,
            from_employee="employees/e-1001",
            to_employee="employees/e-3003",
            reason="rotation",
        ),
        "archive",
        kept,
    )

    async def introduced():
        got = await stub.ListActivities(
            pb.ListActivitiesRequest(filter='type = "handover_introduction"'), metadata=successor
        )
        return list(got.activities)

    [visit_planned] = await eventually(introduced, timeout=20)
    assert visit_planned.state == "planned" and list(visit_planned.target_persons) == [kept]
    assert list(visit_planned.participants) == ["employees/e-1001"]
    assert visit_planned.start_time.ToDatetime() > fake_clock.now().replace(tzinfo=None)
    reminders = await stub.ListReminders(pb.ListRemindersRequest(), metadata=successor)
    assert [r.kind for r in reminders.reminders] == ["handover_introduction"]
    # The previous owner is a participant and sees it too.
    mine = await stub.ListActivities(
        pb.ListActivitiesRequest(filter='type = "handover_introduction"'), metadata=auth()
    )
    assert [a.name for a in mine.activities] == [visit_planned.name]


async def test_a_tier_policy_change_replans_the_cadences(stub, auth, publish, region):
    tier = f"A{uuid.uuid4().hex[:6]}"
    customer = new_id()
    person = person_of(customer)
    await track(stub, auth, person, "decision_maker")
    await announce_tier(publish, tier, customer, region, [("decision_maker", 45, 1)])

    async def interval(days):
        got = await stub.GetPersonCadence(
            pb.GetPersonCadenceRequest(name=f"{person}/cadence"), metadata=auth()
        )
        return got.max_interval.ToTimedelta() == timedelta(days=days)

    await eventually(lambda: interval(45), timeout=20)
    await announce_tier(publish, tier, customer, region, [("decision_maker", 20, 2)])
    await eventually(lambda: interval(10), timeout=20)


async def test_a_manager_reads_a_team_member_s_due_list_and_a_peer_does_not(
    stub, auth, fake_clock, region
):
    customer = new_id()
    person = person_of(customer)
    await track(stub, auth, person, "sponsor")  # 30 days ideal (default pack)
    fake_clock.advance(days=31)
    request = pb.ListDueContactsRequest(owner="employees/e-1001")
    boss = auth(employee_id="e-9", org_unit=f"/{region}/enterprise", roles=("manager",))
    due = await stub.ListDueContacts(request, metadata=boss)
    assert [d.cadence for d in due.due_contacts] == [f"{person}/cadence"]
    other_boss = auth(employee_id="e-8", org_unit=f"/{region}/other", roles=("manager",))
    assert list((await stub.ListDueContacts(request, metadata=other_boss)).due_contacts) == []
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.ListDueContacts(request, metadata=auth(employee_id="e-2002"))
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
