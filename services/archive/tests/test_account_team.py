"""The account team (系统部): roles, A/B backups, pairings, and what membership lets one see."""

from __future__ import annotations

import grpc
import pytest
from archive_people import HEAD, OTHER_REGION, OWNER, PEER
from mcr.archive.v1 import account_team_pb2 as team_pb2
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, events_pb2, person_pb2
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client

PRODUCT = team_pb2.TEAM_ROLE_PRODUCT_MANAGER
CUSTOMER_MANAGER = team_pb2.TEAM_ROLE_CUSTOMER_MANAGER


async def setup(stub, auth):
    for claims in (PEER, OTHER_REGION):  # recorded as employees once they write something
        await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="own")),
            metadata=auth(**claims),
        )
    customer = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="南海电信")),
        metadata=auth(**OWNER),
    )
    persons = [
        await stub.CreatePerson(
            pb.CreatePersonRequest(parent=customer.name, person=person_pb2.Person(display_name=n)),
            metadata=auth(**OWNER),
        )
        for n in ("李明", "王芳")
    ]
    return customer, persons


def team(
    customer: str, *members: team_pb2.AccountTeamMember, etag: str = ""
) -> pb.UpdateAccountTeamRequest:
    return pb.UpdateAccountTeamRequest(
        account_team=team_pb2.AccountTeam(
            name=f"{customer}/accountTeam", members=members, etag=etag
        )
    )


async def test_members_see_the_account_and_their_paired_persons(stub, auth):
    customer, (li, wang) = await setup(stub, auth)
    as_peer = auth(**PEER)
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.GetCustomer(pb.GetCustomerRequest(name=customer.name), metadata=as_peer)

    staffed = await stub.UpdateAccountTeam(
        team(
            customer.name,
            team_pb2.AccountTeamMember(employee="employees/e-1001", role=CUSTOMER_MANAGER),
            team_pb2.AccountTeamMember(
                employee="employees/e-1002",
                role=PRODUCT,
                backup_for="employees/e-1001",
                paired_persons=[li.name],
            ),
        ),
        metadata=auth(**OWNER),
    )
    assert [m.backup_for for m in staffed.members] == ["", "employees/e-1001"]
    # Business relevance: the product manager now sees the account and the person they pair.
    assert (
        await stub.GetCustomer(pb.GetCustomerRequest(name=customer.name), metadata=as_peer)
    ).name
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=as_peer)
    assert customer.name in [c.name for c in listed.customers]
    assert (
        await stub.GetPerson(pb.GetPersonRequest(name=li.name), metadata=as_peer)
    ).name == li.name
    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await stub.GetPerson(pb.GetPersonRequest(name=wang.name), metadata=as_peer)
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    persons = await stub.ListPersons(pb.ListPersonsRequest(parent=customer.name), metadata=as_peer)
    assert [p.name for p in persons.persons] == [li.name]

    # A member does not staff the team; a stale etag is refused.
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await stub.UpdateAccountTeam(team(customer.name), metadata=as_peer)
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    emptied = await stub.UpdateAccountTeam(
        team(customer.name, etag=staffed.etag), metadata=auth(**OWNER)
    )
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await stub.UpdateAccountTeam(team(customer.name, etag=staffed.etag), metadata=auth(**OWNER))
    assert [v.field for v in field_violations(stale.value)] == ["account_team.etag"]
    assert list(emptied.members) == []
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.GetCustomer(pb.GetCustomerRequest(name=customer.name), metadata=as_peer)


@pytest.mark.parametrize(
    ("members", "field"),
    [
        (
            [
                team_pb2.AccountTeamMember(employee="employees/e-1002", role=PRODUCT),
                team_pb2.AccountTeamMember(employee="employees/e-1002", role=PRODUCT),
            ],
            "account_team.members[1].employee",
        ),
        (
            [
                team_pb2.AccountTeamMember(
                    employee="employees/e-1002", role=PRODUCT, backup_for="employees/e-9"
                )
            ],
            "account_team.members[0].backup_for",
        ),
        ([team_pb2.AccountTeamMember(employee="employees/e-1002")], "account_team.members[0].role"),
        (
            [team_pb2.AccountTeamMember(employee="employees/e-2001", role=PRODUCT)],
            "account_team.members[0].employee",
        ),
        (
            [
                team_pb2.AccountTeamMember(
                    employee="employees/e-1002",
                    role=PRODUCT,
                    paired_persons=["customers/other/persons/x"],
                )
            ],
            "account_team.members[0].paired_persons",
        ),
    ],
    ids=["twice", "backup-of-nobody", "no-role", "other-region", "foreign-person"],
)
async def test_bad_teams_name_the_field(stub, auth, members, field):
    customer, _ = await setup(stub, auth)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.UpdateAccountTeam(team(customer.name, *members), metadata=auth(**OWNER))
    assert field in [v.field for v in field_violations(error.value)], error.value.details()
    current = await stub.GetAccountTeam(
        pb.GetAccountTeamRequest(name=f"{customer.name}/accountTeam"), metadata=auth(**OWNER)
    )
    assert list(current.members) == []


async def test_a_handover_defaults_to_the_backup_and_moves_seats_and_pairings(stub, auth):
    customer, (li, _) = await setup(stub, auth)
    handover = pb.TransferPortfolioRequest(from_employee="employees/e-1001", reason="rotation")
    with pytest.raises(grpc.aio.AioRpcError) as no_backup:
        await stub.TransferPortfolio(handover, metadata=auth(**HEAD))
    assert [v.field for v in field_violations(no_backup.value)] == ["to_employee"]

    await stub.UpdateAccountTeam(
        team(
            customer.name,
            team_pb2.AccountTeamMember(
                employee="employees/e-1001", role=CUSTOMER_MANAGER, paired_persons=[li.name]
            ),
            team_pb2.AccountTeamMember(
                employee="employees/e-1002", role=PRODUCT, backup_for="employees/e-1001"
            ),
        ),
        metadata=auth(**OWNER),
    )
    moved = await stub.TransferPortfolio(handover, metadata=auth(**HEAD))
    assert customer.name in moved.customers
    after = await stub.GetAccountTeam(
        pb.GetAccountTeamRequest(name=f"{customer.name}/accountTeam"), metadata=auth(**PEER)
    )
    assert [(m.employee, m.backup_for, list(m.paired_persons)) for m in after.members] == [
        ("employees/e-1002", "", [li.name])  # one seat: the backup took over and backs up nobody
    ]
    owner = (
        await stub.GetCustomer(pb.GetCustomerRequest(name=customer.name), metadata=auth(**PEER))
    ).owner
    assert owner == "employees/e-1002"


async def test_the_team_s_event_names_each_member_s_org_unit(stub, auth, archive):
    """Other services keep who sees a customer (decision 11) from this event alone."""
    customer, _ = await setup(stub, auth)
    await stub.UpdateAccountTeam(
        team(
            customer.name,
            team_pb2.AccountTeamMember(employee="employees/e-1001", role=CUSTOMER_MANAGER),
            team_pb2.AccountTeamMember(employee="employees/e-1002", role=PRODUCT),
        ),
        metadata=auth(**OWNER),
    )
    nc = await nats_client(archive.kernel.settings.nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.archive.account_team.changed", stream=archive.kernel.stream
        )
        mine = []
        while not mine:
            found = await sub.fetch(50, timeout=5)
            mine = [m for m in found if m.headers["ce-subject"] == f"{customer.name}/accountTeam"]
        changed = events_pb2.AccountTeamChanged.FromString(mine[0].data)
        assert dict(changed.member_org_units) == {
            "employees/e-1001": OWNER["org_unit"],
            "employees/e-1002": PEER["org_unit"],
        }
    finally:
        await nc.drain()
