"""Organisation charts and persons: validation, events, idempotency (real gRPC, both databases)."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from archive_people import PEER
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, person_pb2
from mcr_core.rpc import field_violations


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


async def new_customer(stub, auth, name: str = "南海电信") -> str:
    created = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=name)), metadata=auth()
    )
    return created.name


async def department(
    stub, auth, customer: str, name: str, parent: str = ""
) -> person_pb2.Department:
    return await stub.CreateDepartment(
        pb.CreateDepartmentRequest(
            parent=customer,
            department=person_pb2.Department(display_name=name, parent_department=parent),
        ),
        metadata=auth(),
    )


async def test_org_chart_is_a_tree(stub, auth):
    customer = await new_customer(stub, auth)
    top = await department(stub, auth, customer, "总经理办公室")
    network = await department(stub, auth, customer, "网络部", top.name)
    planning = await department(stub, auth, customer, "规划室", network.name)
    chart = await stub.ListDepartments(pb.ListDepartmentsRequest(parent=customer), metadata=auth())
    assert [d.display_name for d in chart.departments] == ["总经理办公室", "网络部", "规划室"]

    cycle = await refused(
        stub.UpdateDepartment(
            pb.UpdateDepartmentRequest(
                department=person_pb2.Department(name=top.name, parent_department=planning.name),
                update_mask=FieldMask(paths=["parent_department"]),
            ),
            metadata=auth(),
        )
    )
    assert cycle.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert [v.field for v in field_violations(cycle)] == ["department.parent_department"]

    in_use = await refused(
        stub.DeleteDepartment(pb.DeleteDepartmentRequest(name=network.name), metadata=auth())
    )
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION
    await stub.DeleteDepartment(pb.DeleteDepartmentRequest(name=planning.name), metadata=auth())
    await stub.DeleteDepartment(pb.DeleteDepartmentRequest(name=network.name), metadata=auth())
    chart = await stub.ListDepartments(pb.ListDepartmentsRequest(parent=customer), metadata=auth())
    assert [d.display_name for d in chart.departments] == ["总经理办公室"]


async def test_person_lifecycle(stub, auth):
    customer = await new_customer(stub, auth)
    network = await department(stub, auth, customer, "网络部")
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer,
            person=person_pb2.Person(
                display_name="李明",
                title="CTO",
                department=network.name,
                layer=person_pb2.LAYER_SENIOR,
                veto_holder=True,
            ),
            request_id="p-1",
        ),
        metadata=auth(),
    )
    assert person.name.startswith(f"{customer}/persons/")
    assert person.owner == "employees/e-1001"  # the creator owns the relationship
    again = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer, person=person_pb2.Person(display_name="x"), request_id="p-1"
        ),
        metadata=auth(),
    )
    assert again.name == person.name

    updated = await stub.UpdatePerson(
        pb.UpdatePersonRequest(
            person=person_pb2.Person(name=person.name, title="CEO", etag=person.etag),
            update_mask=FieldMask(paths=["title"]),
        ),
        metadata=auth(),
    )
    assert (updated.title, updated.department, updated.veto_holder) == ("CEO", network.name, True)
    stale = await refused(
        stub.UpdatePerson(
            pb.UpdatePersonRequest(
                person=person_pb2.Person(name=person.name, retired=True, etag=person.etag),
                update_mask=FieldMask(paths=["retired"]),
            ),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(stale)] == ["person.etag"]

    listed = await stub.ListPersons(pb.ListPersonsRequest(parent=customer), metadata=auth())
    assert [p.display_name for p in listed.persons] == ["李明"]
    await stub.DeletePerson(pb.DeletePersonRequest(name=person.name), metadata=auth())
    gone = await refused(stub.GetPerson(pb.GetPersonRequest(name=person.name), metadata=auth()))
    assert gone.code() == grpc.StatusCode.NOT_FOUND


async def test_bad_persons_name_the_field(stub, auth):
    customer = await new_customer(stub, auth, "A")
    other = await new_customer(stub, auth, "B")
    elsewhere = await department(stub, auth, other, "采购部")

    async def create(**fields) -> grpc.aio.AioRpcError:
        return await refused(
            stub.CreatePerson(
                pb.CreatePersonRequest(parent=customer, person=person_pb2.Person(**fields)),
                metadata=auth(),
            )
        )

    cases = [
        (await create(display_name=""), grpc.StatusCode.INVALID_ARGUMENT, "person.display_name"),
        (  # a person in a department of another customer
            await create(display_name="王五", department=elsewhere.name),
            grpc.StatusCode.INVALID_ARGUMENT,
            "person.department",
        ),
        (
            await create(display_name="王五", department=f"{customer}/departments/none"),
            grpc.StatusCode.FAILED_PRECONDITION,
            "person.department",
        ),
        (
            await create(display_name="王五", owner="employees/nobody"),
            grpc.StatusCode.FAILED_PRECONDITION,
            "person.owner",
        ),
        (
            await create(display_name="王五", layer=7),
            grpc.StatusCode.INVALID_ARGUMENT,
            "person.layer",
        ),
    ]
    for error, code, field in cases:
        assert error.code() == code, error.details()
        assert field in [v.field for v in field_violations(error)]
    listed = await stub.ListPersons(pb.ListPersonsRequest(parent=customer), metadata=auth())
    assert list(listed.persons) == []


async def test_owner_can_be_given_to_a_known_colleague(stub, auth):
    customer = await new_customer(stub, auth)
    refused_owner = await refused(
        stub.CreatePerson(
            pb.CreatePersonRequest(
                parent=customer, person=person_pb2.Person(display_name="赵六", owner="employees/x")
            ),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(refused_owner)] == ["person.owner"]
    # The peer is known from their first call, a read as much as a write.
    await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**PEER))
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer, person=person_pb2.Person(display_name="赵六", owner="employees/e-1002")
        ),
        metadata=auth(),
    )
    assert person.owner == "employees/e-1002"


async def test_a_new_colleagues_parallel_first_calls_all_succeed(stub, auth):
    """Employees are known from the tokens they call with (decision 11): a client that opens
    with several calls at once records its caller once, and every call answers."""
    newcomer = {"employee_id": "e-1777", "org_unit": PEER["org_unit"]}
    calls = [
        stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**newcomer)) for _ in range(8)
    ]
    answers = await asyncio.gather(*calls)
    assert len(answers) == 8
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=await new_customer(stub, auth),
            person=person_pb2.Person(display_name="钱七", owner="employees/e-1777"),
        ),
        metadata=auth(),
    )
    assert person.owner == "employees/e-1777"
