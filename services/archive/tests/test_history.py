"""The field history: every change with who and when; what we knew at a past moment."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from archive_people import HEAD, OWNER, PEER
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, person_pb2


def at(moment) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


async def test_what_we_knew_about_a_person_on_a_day(stub, auth, fake_clock):
    customer = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="珠江医院")),
        metadata=auth(**OWNER),
    )
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer.name, person=person_pb2.Person(display_name="张伟", title="副院长")
        ),
        metadata=auth(**OWNER),
    )
    first_of_march = fake_clock.now() + timedelta(days=1)
    fake_clock.advance(days=10)
    await stub.UpdatePerson(
        pb.UpdatePersonRequest(
            person=person_pb2.Person(name=person.name, title="院长", rising_star=True),
            update_mask=FieldMask(paths=["title", "rising_star"]),
        ),
        metadata=auth(**OWNER),
    )
    then = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=person.name, as_of=at(first_of_march)),
        metadata=auth(**OWNER),
    )
    assert then.values["title"] == "副院长" and then.values["rising_star"] == "false"
    now = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=person.name), metadata=auth(**OWNER)
    )
    assert now.values["title"] == "院长" and now.values["rising_star"] == "true"
    title_changes = [(c.old_value, c.new_value, c.actor) for c in now.changes if c.field == "title"]
    assert title_changes == [
        ("", "副院长", "employees/e-1001"),
        ("副院长", "院长", "employees/e-1001"),
    ]

    paged = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=person.name, page_size=3), metadata=auth(**OWNER)
    )
    rest = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(
            name=person.name, page_size=1000, page_token=paged.next_page_token
        ),
        metadata=auth(**OWNER),
    )
    assert list(paged.changes) + list(rest.changes) == list(now.changes)

    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await stub.ListFieldHistory(
            pb.ListFieldHistoryRequest(name=person.name), metadata=auth(**PEER)
        )
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_handover_is_in_the_history(stub, auth):
    customer = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="岭南银行")),
        metadata=auth(**OWNER),
    )
    await stub.CreateCustomer(  # records PEER as an employee
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="own")),
        metadata=auth(**PEER),
    )
    await stub.TransferPortfolio(
        pb.TransferPortfolioRequest(
            from_employee="employees/e-1001", to_employee="employees/e-1002", reason="leave"
        ),
        metadata=auth(**HEAD),
    )
    history = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=customer.name), metadata=auth(**HEAD)
    )
    owners = [(c.old_value, c.new_value, c.actor) for c in history.changes if c.field == "owner"]
    assert owners == [
        ("", "employees/e-1001", "employees/e-1001"),
        ("employees/e-1001", "employees/e-1002", "employees/e-0900"),
    ]
    assert history.values["owner"] == "employees/e-1002"
