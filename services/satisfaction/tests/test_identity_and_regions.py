"""Who the caller is, and where: the 10-day revisit rule counts per person of a customer in its
region (R-NTI-8), never telling one region about another; refusals that depend on who calls
are PERMISSION_DENIED (decision 13: only the submitter closes, R-NTI-3: the receiver or owner
escalates)."""

from __future__ import annotations

import uuid

import grpc
import pytest
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from satisfaction_kit import customer_name
from test_issues import RECEIVER, SUBMITTER, handled


async def resolved(stub, who, region, customer=None) -> str:
    name = await handled(stub, who, region, customer)
    await stub.ResolveIssue(
        pb.ResolveIssueRequest(name=name, resolution="done"), metadata=who(RECEIVER, "office-1")
    )
    return name


async def code_of(call) -> grpc.StatusCode:
    try:
        await call
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


@pytest.fixture
def elsewhere(auth_keys):
    """Callers of a second region, with the same employee ids as the first."""
    region = f"t-{uuid.uuid4().hex[:10]}"

    def metadata(employee: str, unit: str = "office-1/team-1"):
        return auth_keys.metadata(
            employee_id=employee,
            region=region,
            org_unit=f"/{region}/{unit}",
            roles=("account_manager",),
        )

    metadata.region = region
    return metadata


async def test_the_revisit_rule_counts_per_person_of_a_customer_in_its_region(
    stub, who, region, elsewhere, fake_clock
):
    """R-NTI-8. Before: the rule was keyed on the free-text name, so a revisit of "Wang Wei" in
    one region blocked a revisit of another "Wang Wei" in another region, and said when."""
    first = await resolved(stub, who, region)
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=first, contact="Wang Wei", score=4), metadata=who(SUBMITTER)
    )
    fake_clock.advance(days=1)
    # Another region, another customer, a stranger of the same name: revisited.
    theirs = await resolved(stub, elsewhere, elsewhere.region)
    other_region = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=theirs, contact="Wang Wei", score=4),
        metadata=elsewhere(SUBMITTER),
    )
    assert other_region.issue.state == "revisited"
    # Same region, another customer, the same name: another person.
    other_customer = await resolved(stub, who, region)
    revisited = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=other_customer, contact="Wang Wei", score=4),
        metadata=who(SUBMITTER),
    )
    assert revisited.issue.state == "revisited"


async def test_the_revisit_rule_follows_the_person_not_the_label(stub, who, region, fake_clock):
    customer = customer_name()
    person, namesake = f"{customer}/persons/p1", f"{customer}/persons/p2"
    first = await resolved(stub, who, region, customer)
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=first, contact="Li Na", person=person, score=4),
        metadata=who(SUBMITTER),
    )
    fake_clock.advance(days=2)
    second = await resolved(stub, who, region, customer)
    # Two persons of one customer with one name are two persons.
    ok = await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=second, contact="Li Na", person=namesake, score=4),
        metadata=who(SUBMITTER),
    )
    assert ok.issue.state == "revisited"
    # The same person under another label is still the same person: not within 10 days.
    third = await resolved(stub, who, region, customer)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.RevisitIssue(
            pb.RevisitIssueRequest(name=third, contact="Ms Li", person=person, score=4),
            metadata=who(SUBMITTER),
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "contact" in refused.value.details()
    # A person of another customer is refused by name.
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await stub.RevisitIssue(
            pb.RevisitIssueRequest(
                name=third, contact="x", person="customers/other/persons/p1", score=4
            ),
            metadata=who(SUBMITTER),
        )
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "person" in bad.value.details()


async def test_refusals_that_depend_on_the_caller_are_permission_denied(stub, who, region):
    """Decision 13 (only the submitter closes) and R-NTI-3 (the receiver or the owner
    escalates). Before: FAILED_PRECONDITION, as if the issue's state were at fault."""
    # The submitter escalating their own issue: they neither received nor own it.
    handling = await handled(stub, who, region)
    assert (
        await code_of(
            stub.EscalateIssue(
                pb.EscalateIssueRequest(name=handling, reason="owner_undeterminable"),
                metadata=who(SUBMITTER),
            )
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    name = await resolved(stub, who, region)
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact="p1-phone", score=5), metadata=who(SUBMITTER)
    )
    # Closing an issue one did not submit (the receiver sees it, but it is not theirs).
    assert (
        await code_of(
            stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(RECEIVER, "office-1"))
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    closed = await stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(SUBMITTER))
    assert closed.issue.state == "closed"
