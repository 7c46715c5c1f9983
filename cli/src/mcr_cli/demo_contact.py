"""Contact's demo records: the cadences of the demo org chart's key persons and a few
activities, done and planned, so the due list, the 360 page and the dashboard's cadence-breach
alert have something true to show.

The CEO (a sponsor's person: every two months at the latest) was last met 75 days ago, so his
cadence is breached; the others were met recently or have a visit planned. Another region's
account manager logs one activity of their own, which cn-south must never see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import archive_service_pb2_grpc, person_pb2
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.contact.v1 import contact_service_pb2_grpc as pb_grpc

from mcr_cli.demo import CHART_OF, SENIOR, DemoWorld

# Another region's key person, so its account manager's activity has someone to meet.
EU_PERSON = "rhein-grid-head"
EU_PERSON_OF = "rhein-energie"

# The role each key person's cadence follows (the default pack's special roles need no tier).
CADENCE_ROLES = (
    ("ceo", "sponsor"),
    ("cto", "decision_maker"),
    ("buyer", "key_person"),
    ("planner", "rising_star"),
)


@dataclass(frozen=True)
class DemoActivity:
    key: str
    customer: str
    region: str
    type: str
    state: str
    title: str
    summary: str
    days_from_now: int
    persons: tuple[str, ...] = ()  # person keys of the org chart


DEMO_ACTIVITIES = (
    DemoActivity("ceo-summit", CHART_OF, "cn-south", "executive_visit", "done",
                 "高层拜访：年度合作回顾", "周总肯定了今年的交付，希望明年在5G专网上加深合作", -75,
                 persons=("ceo",)),
    DemoActivity("cto-exchange", CHART_OF, "cn-south", "thematic_exchange", "done",
                 "核心网演进专题交流", "李明关注割接风险，约定提交分阶段方案", -6,
                 persons=("cto", "planner")),
    DemoActivity("buyer-visit", CHART_OF, "cn-south", "daily_visit", "done",
                 "采购计划沟通", "王芳介绍了明年集采时间表", -2, persons=("buyer",)),
    DemoActivity("planner-visit", CHART_OF, "cn-south", "company_visit", "planned",
                 "邀请参观公司展厅", "", 7, persons=("planner", "cto")),
    DemoActivity("rhein-visit", "rhein-energie", "eu-west", "daily_visit", "done",
                 "Grid modernisation kick-off", "Agreed on the pilot substations", -3,
                 persons=(EU_PERSON,)),
)  # fmt: skip


async def _create_eu_person(world: DemoWorld) -> None:
    async with grpc.aio.insecure_channel(world.targets["archive"]) as channel:
        person = await archive_service_pb2_grpc.ArchiveServiceStub(channel).CreatePerson(
            archive_pb.CreatePersonRequest(
                parent=world.customers[EU_PERSON_OF],
                person=person_pb2.Person(
                    display_name="Katrin Weber", title="Head of Grid Operations", layer=SENIOR
                ),
                request_id=f"demo-person-{EU_PERSON}",
            ),
            metadata=world.metadata("eu-west"),
            timeout=10,
        )
    world.persons[EU_PERSON] = person.name


def _stamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


async def load(world: DemoWorld) -> None:
    await _create_eu_person(world)
    async with grpc.aio.insecure_channel(world.targets["contact"]) as channel:
        stub = pb_grpc.ContactServiceStub(channel)
        # Tracked first: a done activity only resets the cadences of tracked persons.
        for key, role in CADENCE_ROLES:
            cadence = contact_pb2.PersonCadence(name=f"{world.persons[key]}/cadence", role=role)
            await stub.TrackPerson(
                pb.TrackPersonRequest(person_cadence=cadence),
                metadata=world.metadata(),
                timeout=10,
            )
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        for demo in DEMO_ACTIVITIES:
            await _log(stub, world, demo, now)


async def _log(stub, world: DemoWorld, demo: DemoActivity, now: datetime) -> None:
    customer = world.customers[demo.customer]
    activity = contact_pb2.Activity(
        customer=customer,
        type=demo.type,
        relationship_type="key",
        state=demo.state,
        title=demo.title,
        summary=demo.summary,
        start_time=_stamp(now + timedelta(days=demo.days_from_now)),
        duration=Duration(seconds=5400),
        target_persons=[world.persons[p] for p in demo.persons],
    )
    await stub.LogActivity(
        pb.LogActivityRequest(activity=activity, request_id=f"demo-activity-{demo.key}"),
        metadata=world.metadata(demo.region),
        timeout=10,
    )
