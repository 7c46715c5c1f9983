"""Contact follows who matters by the archive's own events (R-CON-8, R-CON-10, R-82): persons
recorded in the archive as veto holders or rising stars of an S customer get their cadence in
contact with no contact write; a retirement turns it into a courtesy cadence and a departure
ends it. The archive and contact run as in production, over real NATS and gRPC, each on its own
database (SQLite, then PostgreSQL); insight's tier events are published as insight does."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as apb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, person_pb2
from mcr.contact.v1 import contact_service_pb2 as cpb
from mcr.contact.v1 import contact_service_pb2_grpc
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import nats_client, service_settings
from mcr_core.testing.kit import another_database


@pytest.fixture
def region() -> str:
    return f"k-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def contact_database_url(database_url, tmp_path) -> Iterator[str]:
    with another_database(database_url, tmp_path, "contact") as url:
        yield url


@pytest.fixture
async def contact(
    archive, contact_database_url, nats_url, auth_keys, tmp_path
) -> AsyncIterator[RunningService]:
    directory = tmp_path / "contact"
    directory.mkdir()
    settings = service_settings(
        ContactSettings,
        database_url=contact_database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=directory,
        satisfaction_target="127.0.0.1:9",  # not asked here: briefings only
    )
    service = await start_service(CONTACT, settings)
    yield service
    await service.stop()


async def insight_announces(nats_url, tier, customer, region) -> None:
    """Insight's tier policy (S-like: key-relationship work, decision makers monthly) and the
    customer's tier, as insight publishes them."""
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}",
        tier=tier,
        relationship_obligations=[tier_pb2.RelationshipObligation(code="key_relationship")],
        contact_cadences=[
            tier_pb2.ContactCadence(
                role="decision_maker",
                interval=Duration(seconds=30 * 86400),
                minimum_contacts=1,
            )
        ],
        etag=uuid.uuid4().hex[:16],
    )
    nc = await nats_client(nats_url)
    js = nc.jetstream()
    for subject, message, resource in (
        ("mcr.insight.tier_policy.changed", insight_events.TierPolicyChanged(policy=policy), ""),
        (
            "mcr.insight.tier.changed",
            insight_events.TierChanged(customer=customer, region=region, tier=tier),
            customer,
        ),
    ):
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/insight",
            event_type=message.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=resource or policy.name,
        )
        await js.publish(subject, message.SerializeToString(), headers=headers)
    await nc.drain()


async def _eventually(check, timeout: float = 60.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = await check()
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("contact did not follow the archive in time")
        await asyncio.sleep(0.05)


async def test_contact_follows_the_archives_key_persons(
    archive, contact, auth_keys, nats_url, region
):
    owner = auth_keys.metadata(
        employee_id="e-1001", region=region, org_unit=f"/{region}/enterprise/team-1"
    )
    archive_channel = grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}")
    contact_channel = grpc.aio.insecure_channel(f"127.0.0.1:{contact.grpc_port}")
    async with archive_channel, contact_channel:
        chart = archive_service_pb2_grpc.ArchiveServiceStub(archive_channel)
        cadences = contact_service_pb2_grpc.ContactServiceStub(contact_channel)
        customer = await chart.CreateCustomer(
            apb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="珠江电网")),
            metadata=owner,
        )
        await insight_announces(nats_url, f"S{uuid.uuid4().hex[:6]}", customer.name, region)

        async def person(title: str, **fields) -> person_pb2.Person:
            return await chart.CreatePerson(
                apb.CreatePersonRequest(
                    parent=customer.name,
                    person=person_pb2.Person(display_name=f"{title}本人", title=title, **fields),
                ),
                metadata=owner,
            )

        ceo = await person("总经理", veto_holder=True)
        star = await person("副处长", rising_star=True)
        clerk = await person("文员")

        async def cadence(name: str, role: str | None):
            try:
                got = await cadences.GetPersonCadence(
                    cpb.GetPersonCadenceRequest(name=f"{name}/cadence"), metadata=owner
                )
            except grpc.aio.AioRpcError as error:
                if error.code() != grpc.StatusCode.NOT_FOUND:
                    raise
                return role is None
            return got if role is not None and got.role == role else None

        followed = await _eventually(lambda: cadence(ceo.name, "decision_maker"))
        assert followed.status == "due"  # never contacted: due at once (not "ok" for weeks)
        assert followed.max_interval.ToTimedelta() == timedelta(days=30)
        assert (await _eventually(lambda: cadence(star.name, "rising_star"))).status == "due"
        assert await cadence(clerk.name, None)  # no key role: not followed

        ceo.retired = True
        await chart.UpdatePerson(
            apb.UpdatePersonRequest(person=ceo, update_mask=FieldMask(paths=["retired"])),
            metadata=owner,
        )
        courtesy = await _eventually(lambda: cadence(ceo.name, "retired_key_person"))
        assert courtesy.max_interval.ToTimedelta() == timedelta(days=180)
        await chart.DeletePerson(apb.DeletePersonRequest(name=star.name), metadata=owner)
        assert await _eventually(lambda: cadence(star.name, None))
