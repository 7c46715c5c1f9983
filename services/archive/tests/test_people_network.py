"""Persons in depth: decision roles per scenario, reporting lines, hidden influencers outside
the organisation chart, and influence links between persons (real gRPC, both databases)."""

from __future__ import annotations

import grpc
from archive_kit import announced, customer, department, fields, person, refused
from archive_people import OWNER, PEER
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import events_pb2, person_pb2

DECIDER = person_pb2.DECISION_ROLE_KIND_DECIDER
INFLUENCER = person_pb2.DECISION_ROLE_KIND_INFLUENCER


async def test_roles_per_scenario_and_reporting_lines(stub, auth):
    account = await customer(stub, auth, "南海电信")
    network = await department(stub, auth, account.name, "网络部")
    boss = await person(
        stub, auth, account.name, "李明", layer=person_pb2.LAYER_SENIOR, veto_holder=True,
        decision_roles=[person_pb2.DecisionRole(scenario="core-2027", role=DECIDER)],
    )  # fmt: skip
    engineer = await person(
        stub,
        auth,
        account.name,
        "王工",
        department=network.name,
        reports_to=boss.name,
        rising_star=True,
        decision_roles=[
            person_pb2.DecisionRole(scenario="core-2027", role=person_pb2.DECISION_ROLE_KIND_USER),
            person_pb2.DecisionRole(scenario="it-outsourcing", role=DECIDER),
        ],
    )
    got = await stub.GetPerson(pb.GetPersonRequest(name=engineer.name), metadata=auth())
    assert got.reports_to == boss.name and got.rising_star
    assert [(r.scenario, r.role) for r in got.decision_roles] == [
        ("core-2027", person_pb2.DECISION_ROLE_KIND_USER),
        ("it-outsourcing", DECIDER),
    ]
    assert got.individual.startswith("individuals/")

    cycle = await refused(
        stub.UpdatePerson(
            pb.UpdatePersonRequest(
                person=person_pb2.Person(name=boss.name, reports_to=engineer.name),
                update_mask=FieldMask(paths=["reports_to"]),
            ),
            metadata=auth(),
        )
    )
    assert cycle.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert fields(cycle) == ["person.reports_to"]

    history = await stub.ListFieldHistory(
        pb.ListFieldHistoryRequest(name=engineer.name), metadata=auth()
    )
    assert history.values["decision_roles"] == "core-2027:user; it-outsourcing:decider"


async def test_bad_people_fields_are_named(stub, auth):
    account = await customer(stub, auth, "A")
    other = await customer(stub, auth, "B")
    theirs = await department(stub, auth, other.name, "采购部")
    ours = await department(stub, auth, account.name, "网络部")
    theirs_id = theirs.name.split("/")[-1]
    cases = {
        # the department id of another customer under this customer's name
        "person.department": dict(department=f"{account.name}/departments/{theirs_id}"),
        "person.decision_roles[0].role": dict(
            decision_roles=[person_pb2.DecisionRole(scenario="x", role=42)]
        ),
        "person.decision_roles[0].scenario": dict(
            decision_roles=[person_pb2.DecisionRole(scenario="Not A Code", role=DECIDER)]
        ),
        "person.decision_roles[1]": dict(
            decision_roles=[person_pb2.DecisionRole(scenario="x", role=DECIDER)] * 2
        ),
        "person.reports_to": dict(reports_to=f"{other.name}/persons/p1"),
        "person.individual": dict(individual="people/1"),
    }
    for field, extra in cases.items():
        error = await refused(person(stub, auth, account.name, "王五", **extra))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (field, error.details())
        assert field in fields(error), (field, fields(error))
    hidden = await refused(
        person(stub, auth, account.name, "老领导", outside_org_chart=True, department=ours.name)
    )
    assert hidden.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(hidden) == ["person.department"]
    listed = await stub.ListPersons(pb.ListPersonsRequest(parent=account.name), metadata=auth())
    assert list(listed.persons) == []


async def test_influence_links_with_a_hidden_influencer(stub, auth, archive):
    account = await customer(stub, auth, "珠江医院")
    director = await person(stub, auth, account.name, "院长")
    mentor = await person(stub, auth, account.name, "老院长", outside_org_chart=True)
    rival = await person(stub, auth, account.name, "副院长")
    assert mentor.outside_org_chart and not mentor.department

    def link(source, target, kind, strength, direction=person_pb2.INFLUENCE_DIRECTION_ONE_WAY):
        return stub.CreateInfluenceLink(
            pb.CreateInfluenceLinkRequest(
                parent=account.name,
                influence_link=person_pb2.InfluenceLink(
                    source=source.name,
                    target=target.name,
                    kind=kind,
                    strength=strength,
                    direction=direction,
                    note="师徒",
                ),
            ),
            metadata=auth(),
        )

    confidant = await link(mentor, director, person_pb2.INFLUENCE_KIND_CONFIDANT, 5)
    await link(
        rival, director, person_pb2.INFLUENCE_KIND_CONFLICT, 3,
        person_pb2.INFLUENCE_DIRECTION_MUTUAL,
    )  # fmt: skip
    assert confidant.name.startswith(f"{account.name}/influenceLinks/")

    bad = await refused(link(mentor, mentor, 0, 9))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(fields(bad)) == {
        "influence_link.target",
        "influence_link.kind",
        "influence_link.strength",
    }

    mine = await stub.ListInfluenceLinks(
        pb.ListInfluenceLinksRequest(parent=account.name, person=mentor.name), metadata=auth()
    )
    assert [(x.source, x.target, x.strength) for x in mine.influence_links] == [
        (mentor.name, director.name, 5)
    ]
    events = await announced(
        archive,
        "mcr.archive.influence_link.changed",
        events_pb2.InfluenceLinkChanged.FromString,
        lambda e: e.name == confidant.name,
    )
    assert (events[0].source, events[0].region) == (mentor.name, "cn-south")

    # A peer sees neither the account nor its links.
    hidden = await refused(
        stub.ListInfluenceLinks(
            pb.ListInfluenceLinksRequest(parent=account.name), metadata=auth(**PEER)
        )
    )
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    await stub.DeleteInfluenceLink(
        pb.DeleteInfluenceLinkRequest(name=confidant.name), metadata=auth(**OWNER)
    )
    left = await stub.ListInfluenceLinks(
        pb.ListInfluenceLinksRequest(parent=account.name), metadata=auth()
    )
    assert [x.kind for x in left.influence_links] == [person_pb2.INFLUENCE_KIND_CONFLICT]
