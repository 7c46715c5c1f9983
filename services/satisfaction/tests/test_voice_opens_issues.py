"""Voice of customer opens issues: a complaint or an expectation becomes an issue of the unified
system at once (R-VOC-2), as urgent as its source weighs (R-VOC-4); the new needs found while
resolving an issue become voice-of-customer items (R-VOC-7). Real database and NATS."""

from __future__ import annotations

import asyncio

import grpc
import nats
import pytest
from mcr.satisfaction.v1 import events_pb2, survey_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr_core.testing import nats_client
from satisfaction_kit import customer_name, eventually

AM, SALES, RECEIVER = "am-1", "sales-1", "sales-2"


async def voice(stub, who, customer, kind, source, employee=AM):
    item = survey_pb2.VocItem(customer=customer, kind=kind, source=source, summary="slow repair")
    return await stub.CreateVocItem(pb.CreateVocItemRequest(voc_item=item), metadata=who(employee))


async def issue_of(stub, who, item, employee=AM):
    assert item.issue, "the item opened no issue"
    return await stub.GetIssue(pb.GetIssueRequest(name=item.issue), metadata=who(employee))


@pytest.mark.parametrize(
    ("kind", "source", "issue_type", "urgency"),
    [
        ("complaint", "hotline", "complaint", "normal"),
        ("complaint", "sales_report", "complaint", "high"),  # R-VOC-4: weighs double
        ("expectation", "interview", "non_technical", "low"),
        ("expectation", "sales_report", "non_technical", "normal"),
    ],
)
async def test_complaints_and_expectations_open_an_issue_weighted_by_source(
    stub, who, kind, source, issue_type, urgency
):
    """R-VOC-2: every complaint and expectation is in the unified issue system; R-VOC-4: the
    sales-reported one is more urgent than the same from another source."""
    item = await voice(stub, who, customer_name(), kind, source)
    detail = await issue_of(stub, who, item)
    assert (detail.issue.type, detail.issue.urgency) == (issue_type, urgency)
    assert (detail.source, detail.submitter) == (source, f"employees/{AM}")
    assert detail.issue.title == "slow repair" and item.stage == "collect"


async def test_an_opinion_opens_no_issue(stub, who):
    item = await voice(stub, who, customer_name(), "opinion", "interview")
    assert item.issue == ""


async def collected_needs(nats_url: str, issue: str) -> list[str]:
    """The summaries of the voice-of-customer items collected from `issue`."""
    nc = await nats_client(nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.satisfaction.voc_item.collected", stream="MCR_SATISFACTION"
        )
        found = []
        while True:
            try:
                batch = await sub.fetch(500, timeout=1)
            except (nats.errors.TimeoutError, TimeoutError):
                break
            for message in batch:
                item = events_pb2.VocItemChanged.FromString(message.data).voc_item
                if item.issue == issue and item.kind == "need":
                    found.append((item.summary, item.source))
        return sorted(found)
    finally:
        await nc.close()


async def test_a_complaint_is_handled_closed_by_its_submitter_and_logs_new_needs(
    stub, who, region, nats_url
):
    """R-VOC-7: the resolution logs the new needs found on the way as voice-of-customer items;
    decision 13: the reporter of the complaint is the submitter who closes its issue."""
    item = await voice(stub, who, customer_name(), "complaint", "sales_report", employee=SALES)
    name = item.issue
    await stub.AcceptIssue(pb.AcceptIssueRequest(name=name, valid=True), metadata=who(SALES))
    await stub.DistributeIssue(
        pb.DistributeIssueRequest(
            name=name, receiver=f"employees/{RECEIVER}", receiver_org_unit=f"/{region}/office-1"
        ),
        metadata=who(SALES),
    )
    receiver = who(RECEIVER, "office-1")
    await stub.StartIssueHandling(
        pb.StartIssueHandlingRequest(name=name, case_reference="case-1", in_contract=True),
        metadata=receiver,
    )
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.ResolveIssue(
            pb.ResolveIssueRequest(name=name, resolution="fixed", new_needs=["spares", " "]),
            metadata=receiver,
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "new_needs[1]" in error.value.details()
    await stub.ResolveIssue(
        pb.ResolveIssueRequest(
            name=name, resolution="fixed", new_needs=["a local spares depot", "night shifts"]
        ),
        metadata=receiver,
    )
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact="p1-phone", score=4), metadata=who(SALES)
    )
    closed = await stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(SALES))
    assert closed.issue.state == "closed"

    async def needs():
        await asyncio.sleep(0.2)
        found = await collected_needs(nats_url, name)
        return found if len(found) == 2 else None

    assert await eventually(needs, timeout=15) == [
        ("a local spares depot", "problem_team"),
        ("night shifts", "problem_team"),
    ]
