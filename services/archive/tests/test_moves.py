"""Persons-in-context and moves: one human at several customers; a move keeps the history and
the owner follows the territory rule (book ch.3 §1.21, three cases), announced for planning and
for contact's joint introduction visit (real gRPC and NATS, both databases)."""

from __future__ import annotations

import grpc
from archive_kit import announced, customer, department, fields, person, refused
from archive_people import OTHER_REGION, OTHER_TEAM_LEAD, OWNER, PEER
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import events_pb2, person_pb2

DECIDER = person_pb2.DECISION_ROLE_KIND_DECIDER


def move(stub, auth, name: str, claims=OWNER, **target):
    return stub.MovePerson(pb.MovePersonRequest(name=name, **target), metadata=auth(**claims))


async def moved_events(archive, person: str) -> tuple:
    (moved,) = await announced(
        archive, "mcr.archive.person.moved", events_pb2.PersonMoved.FromString,
        lambda e: e.person == person,
    )  # fmt: skip
    (introduction,) = await announced(
        archive,
        "mcr.archive.handover.introduction_requested",
        events_pb2.HandoverIntroductionRequested.FromString,
        lambda e: e.person == person,
    )
    return moved, introduction


async def test_a_department_move_goes_to_the_employee_covering_it(stub, auth, archive):
    await customer(stub, auth, "peer's own", PEER)  # the archive knows the peer
    account = await customer(stub, auth, "南海电信")
    planning = await department(stub, auth, account.name, "规划部")
    buying = await department(
        stub, auth, account.name, "采购部", covering_employee="employees/e-1002"
    )
    assert buying.covering_employee == "employees/e-1002"
    zhang = await person(stub, auth, account.name, "张伟", department=planning.name)

    after = await move(stub, auth, zhang.name, department=buying.name, title="采购总监")
    assert (after.name, after.department, after.owner) == (
        zhang.name,
        buying.name,
        "employees/e-1002",
    )
    assert after.title == "采购总监"
    moved, introduction = await moved_events(archive, zhang.name)
    assert (moved.territory_case, moved.previous_department, moved.department) == (
        "department",
        planning.name,
        buying.name,
    )
    assert (introduction.from_employee, introduction.to_employee) == (
        "employees/e-1001",
        "employees/e-1002",
    )
    assert introduction.customer == account.name
    adviser = await person(stub, auth, account.name, "老院长", outside_org_chart=True)
    joined = await move(stub, auth, adviser.name, department=planning.name)
    assert (joined.department, joined.outside_org_chart) == (planning.name, False)
    history = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=zhang.name), metadata=auth()
    )
    assert [(c.field, c.old_value) for c in history.changes if c.field == "department"][-1] == (
        "department",
        planning.name,
    )


async def test_another_territory_of_the_same_company_takes_over(stub, auth, archive):
    await customer(stub, auth, "their own", OTHER_TEAM_LEAD)
    group = await customer(stub, auth, "中国移动")
    guangxi = await customer(stub, auth, "广西移动", parent_group=group.name)
    guangdong = await customer(
        stub, auth, "广东移动", parent_group=group.name, owner="employees/e-1100"
    )
    li = await person(
        stub, auth, guangxi.name, "李娜",
        decision_roles=[person_pb2.DecisionRole(scenario="5g", role=DECIDER)],
    )  # fmt: skip

    after = await move(stub, auth, li.name, customer=guangdong.name)
    assert after.name.startswith(f"{guangdong.name}/persons/")
    assert after.owner == "employees/e-1100"
    assert after.individual == li.individual
    assert list(after.decision_roles) == []  # roles belong to a context
    before = await stub.GetPerson(pb.GetPersonRequest(name=li.name), metadata=auth())
    assert before.moved_to == after.name
    listed = await stub.ListPersons(pb.ListPersonsRequest(parent=guangxi.name), metadata=auth())
    assert list(listed.persons) == []

    moved, introduction = await moved_events(archive, after.name)
    assert (moved.territory_case, moved.previous_person) == ("region", li.name)
    assert introduction.to_employee == "employees/e-1100"
    moves = await stub.ListPersonMoves(pb.ListPersonMovesRequest(parent=li.name), metadata=auth())
    assert [(m.previous_person, m.person, m.territory_case) for m in moves.moves] == [
        (li.name, after.name, "region")
    ]
    again = await refused(move(stub, auth, li.name, customer=group.name))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert fields(again) == ["name"]


async def test_another_employer_keeps_the_relationship_in_the_company(stub, auth, archive):
    west = await customer(stub, auth, "Rhein Telekom", OTHER_REGION)
    account = await customer(stub, auth, "南海电信")
    wang = await person(stub, auth, account.name, "王芳")

    after = await move(stub, auth, wang.name, customer=west.name)
    assert after.owner == "employees/e-2001"  # B's customer manager takes over
    moved, _ = await moved_events(archive, after.name)
    assert (moved.territory_case, moved.previous_region, moved.region) == (
        "employer",
        "cn-south",
        "eu-west",
    )
    # The new context is the other region's; the old one, with its history, stays ours.
    hidden = await refused(stub.GetPerson(pb.GetPersonRequest(name=after.name), metadata=auth()))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    theirs = await stub.GetPerson(
        pb.GetPersonRequest(name=after.name), metadata=auth(**OTHER_REGION)
    )
    assert theirs.display_name == "王芳"
    history = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=wang.name), metadata=auth()
    )
    assert history.values["moved_to"] == after.name


async def test_one_human_at_several_customers(stub, auth):
    bank = await customer(stub, auth, "岭南银行")
    insurer = await customer(stub, auth, "岭南保险")
    chen = await person(
        stub, auth, bank.name, "陈总",
        decision_roles=[person_pb2.DecisionRole(scenario="core", role=DECIDER)],
    )  # fmt: skip
    board = await person(
        stub, auth, insurer.name, "陈总", individual=chen.individual,
        decision_roles=[
            person_pb2.DecisionRole(scenario="core", role=person_pb2.DECISION_ROLE_KIND_APPROVER)
        ],
    )  # fmt: skip
    contexts = await stub.ListPersonContexts(
        pb.ListPersonContextsRequest(individual=chen.individual), metadata=auth()
    )
    assert {(p.name, p.decision_roles[0].role) for p in contexts.persons} == {
        (chen.name, DECIDER),
        (board.name, person_pb2.DECISION_ROLE_KIND_APPROVER),
    }
    twice = await refused(person(stub, auth, bank.name, "陈总", individual=chen.individual))
    assert fields(twice) == ["person.individual"]
    unknown = await refused(person(stub, auth, bank.name, "x", individual="individuals/nobody"))
    assert unknown.code() == grpc.StatusCode.FAILED_PRECONDITION
    peer = await refused(
        stub.ListPersonContexts(
            pb.ListPersonContextsRequest(individual=chen.individual), metadata=auth(**PEER)
        )
    )
    assert peer.code() == grpc.StatusCode.NOT_FOUND


async def test_bad_moves_name_the_field_and_move_nothing(stub, auth):
    account = await customer(stub, auth, "A")
    other = await customer(stub, auth, "B")
    theirs = await department(stub, auth, other.name, "采购部")
    ours = await department(stub, auth, account.name, "网络部")
    zhao = await person(stub, auth, account.name, "赵六", department=ours.name)
    cases = [
        (dict(department=theirs.name), grpc.StatusCode.INVALID_ARGUMENT, "department"),
        (dict(), grpc.StatusCode.INVALID_ARGUMENT, "department"),
        (dict(department=ours.name), grpc.StatusCode.INVALID_ARGUMENT, "department"),
        (dict(customer="customers/none"), grpc.StatusCode.FAILED_PRECONDITION, "customer"),
        (dict(customer="nope"), grpc.StatusCode.INVALID_ARGUMENT, "customer"),
    ]
    for target, code, field in cases:
        error = await refused(move(stub, auth, zhao.name, **target))
        assert (error.code(), fields(error)) == (code, [field]), target
    got = await stub.GetPerson(pb.GetPersonRequest(name=zhao.name), metadata=auth())
    assert (got.department, got.etag) == (ours.name, zhao.etag)
    moves = await stub.ListPersonMoves(pb.ListPersonMovesRequest(parent=zhao.name), metadata=auth())
    assert list(moves.moves) == []


async def test_the_persons_owner_records_a_move_without_seeing_the_account(stub, auth):
    await customer(stub, auth, "peer's own", PEER)
    account = await customer(stub, auth, "岭南银行")
    branch = await department(stub, auth, account.name, "分行")
    liu = await person(stub, auth, account.name, "刘工", owner="employees/e-1002")
    moved = await move(stub, auth, liu.name, PEER, department=branch.name)
    assert (moved.department, moved.owner) == (branch.name, "employees/e-1002")
    hidden = await refused(move(stub, auth, liu.name, OTHER_REGION, department=branch.name))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
