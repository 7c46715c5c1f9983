"""Visibility matrix (decision 11): for each read path, who sees what.

The owner and their superiors see a record; a peer in the same team, the manager of a sibling
team and anyone in another region do not (book ch.3 §1.21: "上级可以看下级的信息,
但是同级之间不能互相看").
"""

from __future__ import annotations

import grpc
import pytest
from archive_people import HEAD, OTHER_REGION, OTHER_TEAM_LEAD, OWNER, PEER, TEAM_LEAD
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, person_pb2

VIEWERS = {
    "owner": (OWNER, True),
    "team lead": (TEAM_LEAD, True),
    "department head": (HEAD, True),
    "peer": (PEER, False),
    "other team's lead": (OTHER_TEAM_LEAD, False),
    "other region": (OTHER_REGION, False),
}


@pytest.fixture
async def portfolio(stub, auth):
    """A customer with a department and a person, all owned by OWNER."""
    as_owner = lambda: auth(**OWNER)  # noqa: E731
    customer = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="岭南银行")),
        metadata=as_owner(),
    )
    department = await stub.CreateDepartment(
        pb.CreateDepartmentRequest(
            parent=customer.name, department=person_pb2.Department(display_name="科技部")
        ),
        metadata=as_owner(),
    )
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer.name,
            person=person_pb2.Person(display_name="陈总", department=department.name),
        ),
        metadata=as_owner(),
    )
    adviser = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer.name,
            person=person_pb2.Person(display_name="老院长", outside_org_chart=True),
        ),
        metadata=as_owner(),
    )
    await stub.CreateInfluenceLink(
        pb.CreateInfluenceLinkRequest(
            parent=customer.name,
            influence_link=person_pb2.InfluenceLink(
                source=adviser.name,
                target=person.name,
                kind=person_pb2.INFLUENCE_KIND_CONFIDANT,
                direction=person_pb2.INFLUENCE_DIRECTION_ONE_WAY,
                strength=4,
            ),
        ),
        metadata=as_owner(),
    )
    return customer, person


async def sees(call) -> bool:
    try:
        await call
    except grpc.aio.AioRpcError as error:
        assert error.code() == grpc.StatusCode.NOT_FOUND, error.details()
        return False
    return True


READ_PATHS = {
    "GetCustomer": lambda stub, c, p, md: sees(
        stub.GetCustomer(pb.GetCustomerRequest(name=c.name), metadata=md)
    ),
    "ListCustomers": lambda stub, c, p, md: _listed(
        stub.ListCustomers(pb.ListCustomersRequest(), metadata=md), "customers", c.name
    ),
    "ListDepartments": lambda stub, c, p, md: sees(
        stub.ListDepartments(pb.ListDepartmentsRequest(parent=c.name), metadata=md)
    ),
    "GetPerson": lambda stub, c, p, md: sees(
        stub.GetPerson(pb.GetPersonRequest(name=p.name), metadata=md)
    ),
    "ListPersons": lambda stub, c, p, md: _listed_or_hidden(
        stub.ListPersons(pb.ListPersonsRequest(parent=c.name), metadata=md), p.name
    ),
    "SearchCustomers": lambda stub, c, p, md: _listed(
        stub.SearchCustomers(pb.SearchCustomersRequest(query="lingnan"), metadata=md),
        "customers",
        c.name,
    ),
    "SearchPersons": lambda stub, c, p, md: _listed(
        stub.SearchPersons(pb.SearchPersonsRequest(query="陈"), metadata=md), "persons", p.name
    ),
    "ExportCustomers": lambda stub, c, p, md: _exported(
        stub, pb.RECORD_KIND_CUSTOMERS, md, "key", c.name
    ),
    "ExportPersons": lambda stub, c, p, md: _exported(
        stub, pb.RECORD_KIND_PERSONS, md, "key", p.name
    ),
    "ExportDepartments": lambda stub, c, p, md: _exported(
        stub, pb.RECORD_KIND_DEPARTMENTS, md, "customer_key", c.name
    ),
    "ListInfluenceLinks": lambda stub, c, p, md: _linked(stub, c, p, md),
    "ListPersonMoves": lambda stub, c, p, md: sees(
        stub.ListPersonMoves(pb.ListPersonMovesRequest(parent=p.name), metadata=md)
    ),
    "ListPersonContexts": lambda stub, c, p, md: sees(
        stub.ListPersonContexts(pb.ListPersonContextsRequest(individual=p.individual), metadata=md)
    ),
    "ListFieldHistory": lambda stub, c, p, md: sees(
        stub.ListFieldHistory(pb.ListFieldHistoryRequest(name=p.name), metadata=md)
    ),
}


async def _exported(stub, kind, md, column: str, name: str) -> bool:
    """Whether an export holds the record (its key is its id: it was not imported)."""
    rows = []
    async for chunk in stub.ExportRecords(pb.ExportRecordsRequest(kind=kind), metadata=md):
        rows += [dict(row.values) for row in chunk.rows]
    return name.rsplit("/", 1)[-1] in [row[column] for row in rows]


async def _linked(stub, c, p, md) -> bool:
    try:
        reply = await stub.ListInfluenceLinks(
            pb.ListInfluenceLinksRequest(parent=c.name, person=p.name), metadata=md
        )
    except grpc.aio.AioRpcError as error:
        assert error.code() == grpc.StatusCode.NOT_FOUND
        return False
    assert [link.target for link in reply.influence_links] == [p.name]
    return True


async def _listed(call, field: str, name: str) -> bool:
    return name in [item.name for item in getattr(await call, field)]


async def _listed_or_hidden(call, name: str) -> bool:
    try:
        return name in [item.name for item in (await call).persons]
    except grpc.aio.AioRpcError as error:
        assert error.code() == grpc.StatusCode.NOT_FOUND
        return False


@pytest.mark.parametrize("path", READ_PATHS)
async def test_visibility_matrix(stub, auth, portfolio, path):
    customer, person = portfolio
    seen = {
        viewer: await READ_PATHS[path](stub, customer, person, auth(**claims))
        for viewer, (claims, _) in VIEWERS.items()
    }
    assert seen == {viewer: expected for viewer, (_, expected) in VIEWERS.items()}


async def test_a_persons_owner_sees_it_but_not_a_peers_customer(stub, auth, portfolio):
    """Ownership of a person grants that person, not the rest of the account."""
    customer, _ = portfolio
    await stub.CreateCustomer(  # records PEER as an employee
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="Peer's")),
        metadata=auth(**PEER),
    )
    theirs = await stub.CreatePerson(
        pb.CreatePersonRequest(
            parent=customer.name,
            person=person_pb2.Person(display_name="刘工", owner="employees/e-1002"),
        ),
        metadata=auth(**OWNER),
    )
    assert await sees(stub.GetPerson(pb.GetPersonRequest(name=theirs.name), metadata=auth(**PEER)))
    assert not await sees(
        stub.GetCustomer(pb.GetCustomerRequest(name=customer.name), metadata=auth(**PEER))
    )
