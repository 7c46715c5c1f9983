"""An issue's life through gRPC on a real database and NATS: the ITR flow, the refusals, the
contract's ListIssues, visibility, and the events each change announces."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from mcr.satisfaction.v1 import events_pb2, issue_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from satisfaction_kit import customer_name, eventually, published

SUBMITTER, ACCEPTOR, RECEIVER, OWNER, QA = "am-1", "hotline-1", "sales-2", "smd-1", "qa-1"


async def create(stub, who, customer, **fields):
    issue = {
        "customer": customer,
        "person": f"{customer}/persons/p1",
        "title": "Spare parts arrived late",
        "type": "non_technical",
        "urgency": "urgent",
    } | fields.pop("issue", {})
    acceptor = {"acceptor": f"employees/{ACCEPTOR}", "acceptor_org_unit": "/x/service"} | fields
    request = pb.CreateIssueRequest(issue=issue_pb2.Issue(**issue), source="hotline", **acceptor)
    return await stub.CreateIssue(request, metadata=who(SUBMITTER))


async def handled(stub, who, region, customer=None):
    created = await create(stub, who, customer or customer_name())
    name = created.issue.name
    await stub.AcceptIssue(pb.AcceptIssueRequest(name=name, valid=True), metadata=who(ACCEPTOR))
    await stub.DistributeIssue(
        pb.DistributeIssueRequest(
            name=name, receiver=f"employees/{RECEIVER}", receiver_org_unit=f"/{region}/office-1"
        ),
        metadata=who(ACCEPTOR),
    )
    await stub.StartIssueHandling(
        pb.StartIssueHandlingRequest(name=name, case_reference="case-7", in_contract=True),
        metadata=who(RECEIVER, "office-1"),
    )
    return name


def violation_fields(error: grpc.aio.AioRpcError) -> str:
    return error.details() or ""


async def refused(call, code: grpc.StatusCode, field: str) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    assert error.value.code() == code
    assert field in error.value.details()


async def test_an_issue_lives_through_escalation_a_qa_traceback_and_closure(
    stub, who, region, fake_clock, nats_url
):
    name = await handled(stub, who, region)
    escalated = await stub.EscalateIssue(
        pb.EscalateIssueRequest(
            name=name,
            reason="owner_undeterminable",
            owner=f"employees/{OWNER}",
            owner_org_unit=f"/{region}/sales-management",
        ),
        metadata=who(RECEIVER, "office-1"),
    )
    assert (escalated.issue.state, escalated.level, escalated.escalation_count) == (
        "escalated",
        "region",
        1,
    )
    owner = who(OWNER, "sales-management")
    await stub.ResolveIssue(
        pb.ResolveIssueRequest(name=name, resolution="new parts"), metadata=owner
    )
    poor = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact="p1-phone", score=2), metadata=who(SUBMITTER)
    )
    assert poor.issue.state == "qa_traceback"
    traced = await stub.RecordQaTraceback(
        pb.RecordQaTracebackRequest(name=name, accountable="warehouse", finding="late dispatch"),
        metadata=who(QA, "office-1", manager=True),  # process QA of the office
    )
    assert traced.issue.state == "handling" and traced.qa_tracebacks[0].accountable == "warehouse"
    await stub.ResolveIssue(pb.ResolveIssueRequest(name=name, resolution="fixed"), metadata=owner)
    fake_clock.advance(days=11)
    good = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact="p1-phone", score=4), metadata=who(SUBMITTER)
    )
    assert good.issue.state == "revisited"
    closed = await stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(SUBMITTER))
    assert closed.issue.state == "closed"
    assert [r.score for r in closed.revisits] == [2, 4]

    found = await published(nats_url, "mcr.satisfaction.issue.>", name)
    changes = [
        (e.change, e.issue.state)
        for e in (
            events_pb2.IssueChanged.FromString(d)
            for _, kind, d in found
            if kind.endswith("IssueChanged")
        )
    ]
    assert len(changes) == 11  # resolved twice
    assert ("closed", "closed") in changes and ("qa_traceback_opened", "qa_traceback") in changes


async def test_refusals_name_the_rule(stub, who, region, fake_clock):
    customer = customer_name()
    name = await handled(stub, who, region, customer)
    await refused(
        stub.EscalateIssue(pb.EscalateIssueRequest(name=name), metadata=who(RECEIVER, "office-1")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "reason",
    )
    await stub.ResolveIssue(
        pb.ResolveIssueRequest(name=name, resolution="done"), metadata=who(RECEIVER, "office-1")
    )
    await refused(
        stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(SUBMITTER)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "revisit",
    )
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact="p1-phone", score=5), metadata=who(SUBMITTER)
    )
    await refused(
        stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(RECEIVER, "office-1")),
        grpc.StatusCode.PERMISSION_DENIED,
        "only the submitter",
    )
    # The same contact of the customer about another issue, nine days later: not yet.
    other = await handled(stub, who, region, customer)
    await stub.ResolveIssue(
        pb.ResolveIssueRequest(name=other, resolution="done"), metadata=who(RECEIVER, "office-1")
    )
    fake_clock.advance(days=9)
    await refused(
        stub.RevisitIssue(
            pb.RevisitIssueRequest(name=other, contact="p1-phone", score=4),
            metadata=who(SUBMITTER),
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "contact",
    )
    fake_clock.advance(days=1)
    again = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=other, contact="p1-phone", score=4), metadata=who(SUBMITTER)
    )
    assert again.issue.state == "revisited"


async def test_bad_input_names_the_fields(stub, who):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await create(stub, who, customer_name(), issue={"title": "", "type": "gossip"})
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "issue.title" in error.value.details() and "issue.type" in error.value.details()
    await refused(
        stub.GetIssue(pb.GetIssueRequest(name="tickets/1"), metadata=who(SUBMITTER)),
        grpc.StatusCode.INVALID_ARGUMENT,
        "name",
    )


async def test_list_issues_per_the_contract_with_visibility(stub, who, region, auth_keys):
    customer = customer_name()
    open_one = await handled(stub, who, region, customer)
    closed_one = (await create(stub, who, customer)).issue.name
    await stub.AcceptIssue(
        pb.AcceptIssueRequest(name=closed_one, valid=False), metadata=who(ACCEPTOR)
    )
    await create(stub, who, customer_name())  # another customer

    request = pb.ListIssuesRequest(
        parent=customer, filter='state != "closed" AND state != "rejected"'
    )
    listed = await stub.ListIssues(request, metadata=who(SUBMITTER))
    assert [i.name for i in listed.issues] == [open_one]
    everything = await stub.ListIssues(
        pb.ListIssuesRequest(parent=customer), metadata=who(SUBMITTER)
    )
    assert len(everything.issues) == 2
    # A page at a time.
    first = await stub.ListIssues(
        pb.ListIssuesRequest(parent="customers/-", page_size=2), metadata=who(SUBMITTER)
    )
    second = await stub.ListIssues(
        pb.ListIssuesRequest(parent="customers/-", page_size=2, page_token=first.next_page_token),
        metadata=who(SUBMITTER),
    )
    assert len(first.issues) == 2 and len(second.issues) == 1 and not second.next_page_token
    # A peer in another team sees nothing; their manager above sees all; another region nothing.
    assert not (await stub.ListIssues(request, metadata=who("peer", "office-2/team-9"))).issues
    boss = who("boss", "office-1", manager=True)
    assert [i.name for i in (await stub.ListIssues(request, metadata=boss)).issues] == [open_one]
    foreign = auth_keys.metadata(employee_id=SUBMITTER, region="elsewhere", org_unit="/elsewhere")
    assert not (await stub.ListIssues(request, metadata=foreign)).issues
    await refused(
        stub.GetIssue(pb.GetIssueRequest(name=open_one), metadata=who("peer", "office-2/team-9")),
        grpc.StatusCode.NOT_FOUND,
        "not found",
    )
    await refused(
        stub.ListIssues(pb.ListIssuesRequest(parent=customer, filter="title = x"), metadata=boss),
        grpc.StatusCode.INVALID_ARGUMENT,
        "filter",
    )


async def test_sla_timers_breach_on_the_fake_clock_and_announce_once(
    stub, who, region, fake_clock, nats_url
):
    # No tier known: the fallback SLAs (urgent → critical: 24 h response); the contract's
    # 30 h resolution is stricter than the policy's 192 h.
    created = await create(
        stub, who, customer_name(), contract_resolution_time=Duration(seconds=30 * 3600)
    )
    name = created.issue.name
    assert created.issue.sla_due_time.ToDatetime() - created.issue.create_time.ToDatetime() == (
        timedelta(hours=30)
    )
    fake_clock.advance(hours=25)

    async def breached(count):
        got = await stub.GetIssue(pb.GetIssueRequest(name=name), metadata=who(SUBMITTER))
        return list(got.breached_slas) if len(got.breached_slas) == count else None

    assert await eventually(lambda: breached(1)) == ["response"]
    fake_clock.advance(hours=6)
    assert await eventually(lambda: breached(2)) == ["response", "resolution"]
    fake_clock.advance(hours=48)
    found = await published(nats_url, "mcr.satisfaction.issue.sla_breached", name)
    breaches = [events_pb2.IssueSlaBreached.FromString(data) for _, _, data in found]
    assert sorted(e.sla for e in breaches) == ["resolution", "response"]


async def test_a_major_incident_reports_progress_hourly_until_resolved(
    stub, who, region, fake_clock, nats_url
):
    created = await create(stub, who, customer_name(), major=True)
    name = created.issue.name
    assert created.major and created.care_representative == f"employees/{SUBMITTER}"

    async def reports(count):
        found = await published(nats_url, "mcr.satisfaction.issue.progress_report_due", name, 0.1)
        return found if len(found) == count else None

    fake_clock.advance(hours=1)
    await eventually(lambda: reports(1))
    fake_clock.advance(hours=1)
    await eventually(lambda: reports(2))
    await stub.AcceptIssue(pb.AcceptIssueRequest(name=name, valid=True), metadata=who(ACCEPTOR))
    await stub.DistributeIssue(
        pb.DistributeIssueRequest(
            name=name, receiver=f"employees/{RECEIVER}", receiver_org_unit=f"/{region}/office-1"
        ),
        metadata=who(ACCEPTOR),
    )
    receiver = who(RECEIVER, "office-1")
    await stub.StartIssueHandling(pb.StartIssueHandlingRequest(name=name), metadata=receiver)
    await stub.ResolveIssue(pb.ResolveIssueRequest(name=name, resolution="ok"), metadata=receiver)
    fake_clock.advance(hours=3)
    assert len(await published(nats_url, "mcr.satisfaction.issue.progress_report_due", name)) == 2


async def test_a_retried_create_returns_the_first_issue(stub, who):
    customer = customer_name()
    first = await create(stub, who, customer, request_id="retry-1")
    again = await create(stub, who, customer, request_id="retry-1")
    assert again.issue.name == first.issue.name
    listed = await stub.ListIssues(pb.ListIssuesRequest(parent=customer), metadata=who(SUBMITTER))
    assert len(listed.issues) == 1
