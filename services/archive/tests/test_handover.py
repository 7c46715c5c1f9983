"""Customers belong to the company: a portfolio moves to a successor in one transaction."""

from __future__ import annotations

import grpc
import pytest
from archive_people import HEAD, OTHER_REGION, OWNER, PEER
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, events_pb2, person_pb2
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client


async def build_portfolio(stub, auth) -> tuple[list[str], list[str]]:
    customers, persons = [], []
    for name in ("南海电信", "珠江医院"):
        customer = await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=name)),
            metadata=auth(**OWNER),
        )
        customers.append(customer.name)
        for person_name in ("甲", "乙"):
            person = await stub.CreatePerson(
                pb.CreatePersonRequest(
                    parent=customer.name, person=person_pb2.Person(display_name=person_name)
                ),
                metadata=auth(**OWNER),
            )
            persons.append(person.name)
    return customers, persons


async def record_employee(stub, auth, claims) -> None:
    """An employee is known to the archive once they have written something."""
    await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="own")),
        metadata=auth(**claims),
    )


def transfer(to: str, reason: str = "rotation") -> pb.TransferPortfolioRequest:
    return pb.TransferPortfolioRequest(
        from_employee="employees/e-1001", to_employee=to, reason=reason
    )


async def test_transfer_moves_everything_and_announces_it(stub, auth, archive):
    customers, persons = await build_portfolio(stub, auth)
    await record_employee(stub, auth, PEER)
    moved = await stub.TransferPortfolio(transfer("employees/e-1002"), metadata=auth(**HEAD))
    assert sorted(moved.customers) == sorted(customers)
    assert sorted(moved.persons) == sorted(persons)
    for name in customers:
        got = await stub.GetCustomer(pb.GetCustomerRequest(name=name), metadata=auth(**PEER))
        assert got.owner == "employees/e-1002"
    for name in persons:
        got = await stub.GetPerson(pb.GetPersonRequest(name=name), metadata=auth(**PEER))
        assert got.owner == "employees/e-1002"
    # The former owner no longer sees what they handed over.
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**OWNER))
    assert list(listed.customers) == []

    nc = await nats_client(archive.kernel.settings.nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.archive.portfolio.transferred", stream=archive.kernel.stream
        )
        announced = []
        while not announced:
            for message in await sub.fetch(10, timeout=5):
                event = events_pb2.PortfolioTransferred.FromString(message.data)
                if sorted(event.customers) == sorted(customers):
                    announced.append(event)
        assert announced[0].to_employee == "employees/e-1002"
        assert announced[0].reason == "rotation"
        introductions = await nc.jetstream().pull_subscribe(
            "mcr.archive.handover.introduction_requested", stream=archive.kernel.stream
        )
        introduced = set()
        while not introduced >= set(persons):
            for message in await introductions.fetch(100, timeout=5):
                event = events_pb2.HandoverIntroductionRequested.FromString(message.data)
                if event.person in persons:
                    assert (event.from_employee, event.to_employee, event.reason) == (
                        "employees/e-1001",
                        "employees/e-1002",
                        "rotation",
                    )
                    introduced.add(event.person)
    finally:
        await nc.drain()


@pytest.mark.parametrize(
    ("request_", "claims", "code", "field"),
    [
        (transfer("employees/e-2001"), HEAD, grpc.StatusCode.FAILED_PRECONDITION, "to_employee"),
        (transfer("employees/nobody"), HEAD, grpc.StatusCode.FAILED_PRECONDITION, "to_employee"),
        (
            transfer("employees/e-1002", reason=" "),
            HEAD,
            grpc.StatusCode.INVALID_ARGUMENT,
            "reason",
        ),
        (transfer("employees/e-1001"), HEAD, grpc.StatusCode.INVALID_ARGUMENT, "to_employee"),
        (transfer("people/x"), HEAD, grpc.StatusCode.INVALID_ARGUMENT, "to_employee"),
        (transfer("employees/e-1002"), PEER, grpc.StatusCode.PERMISSION_DENIED, None),
    ],
    ids=["other-region", "unknown", "no-reason", "to-self", "bad-name", "peer-not-superior"],
)
async def test_refused_transfers_move_nothing(stub, auth, request_, claims, code, field):
    customers, _ = await build_portfolio(stub, auth)
    await record_employee(stub, auth, PEER)
    await record_employee(stub, auth, OTHER_REGION)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.TransferPortfolio(request_, metadata=auth(**claims))
    assert error.value.code() == code
    if field:
        assert field in [v.field for v in field_violations(error.value)]
    for name in customers:
        got = await stub.GetCustomer(pb.GetCustomerRequest(name=name), metadata=auth(**OWNER))
        assert got.owner == "employees/e-1001"
