"""Personal postcards and decision 10: sensitive fields refused, or sealed and audited."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
import sqlalchemy as sa
from archive_people import HEAD, OWNER, PEER
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, person_pb2, postcard_pb2
from mcr_archive.__main__ import SPEC
from mcr_archive.config import ArchiveSettings
from mcr_core.rpc import field_violations
from mcr_core.service import RunningService, start_service
from mcr_core.testing import service_settings

ADDRESS = "广州市天河区某某路 8 号"


async def a_person(stub, auth) -> str:
    customer = await stub.CreateCustomer(
        pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name="南海电信")),
        metadata=auth(**OWNER),
    )
    person = await stub.CreatePerson(
        pb.CreatePersonRequest(parent=customer.name, person=person_pb2.Person(display_name="李明")),
        metadata=auth(**OWNER),
    )
    return person.name


def update(name: str, paths: list[str], **fields) -> pb.UpdatePostcardRequest:
    return pb.UpdatePostcardRequest(
        postcard=postcard_pb2.Postcard(name=f"{name}/postcard", **fields),
        update_mask=FieldMask(paths=paths),
    )


async def test_a_region_that_does_not_store_sensitive_data_refuses_it(stub, auth):
    person = await a_person(stub, auth)
    ok = await stub.UpdatePostcard(
        update(
            person,
            ["education", "career_history"],
            education="清华大学",
            career_history=[
                postcard_pb2.CareerStep(
                    organisation="网络部", position="主任", start_year=2015, end_year=2019
                )
            ],
        ),
        metadata=auth(**OWNER),
    )
    assert ok.education == "清华大学" and not ok.sensitive_withheld
    for request, field in (
        (update(person, ["home_address"], home_address=ADDRESS), "postcard.home_address"),
        (
            update(
                person, ["needs"], needs=[postcard_pb2.Need(description="孩子升学", sensitive=True)]
            ),
            "postcard.needs[0].sensitive",
        ),
        (
            update(
                person,
                ["career_history"],
                career_history=[
                    postcard_pb2.CareerStep(organisation="x", start_year=2020, end_year=2010)
                ],
            ),
            "postcard.career_history[0].end_year",
        ),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.UpdatePostcard(request, metadata=auth(**OWNER))
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert field in [v.field for v in field_violations(error.value)]
    kept = await stub.GetPostcard(
        pb.GetPostcardRequest(name=f"{person}/postcard"), metadata=auth(**OWNER)
    )
    assert kept.education == "清华大学" and kept.home_address == ""


@pytest.fixture
async def encrypting(
    database_url, nats_url, auth_keys, tmp_path, fake_clock
) -> AsyncIterator[RunningService]:
    settings = service_settings(
        ArchiveSettings,
        database_url=database_url,
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
        sensitive_data={"cn-south": "encrypted"},
    )
    service = await start_service(SPEC, settings, clock=fake_clock)
    yield service
    await service.stop()


async def test_sensitive_fields_are_sealed_withheld_without_a_reason_and_audited(encrypting, auth):
    async with grpc.aio.insecure_channel(f"127.0.0.1:{encrypting.grpc_port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        person = await a_person(stub, auth)
        written = await stub.UpdatePostcard(
            update(
                person,
                ["home_address", "needs", "hobbies"],
                home_address=ADDRESS,
                hobbies="围棋",
                needs=[
                    postcard_pb2.Need(description="孩子升学", sensitive=True, bullseye=True),
                    postcard_pb2.Need(description="技术领先的口碑"),
                ],
            ),
            metadata=auth(**OWNER),
        )
        assert written.sensitive_withheld and written.home_address == ""
        name = f"{person}/postcard"
        plain = await stub.GetPostcard(pb.GetPostcardRequest(name=name), metadata=auth(**OWNER))
        assert plain.sensitive_withheld and plain.home_address == ""
        assert [n.description for n in plain.needs] == ["技术领先的口碑"]

        full = await stub.GetPostcard(
            pb.GetPostcardRequest(name=name, reason="preparing the visit on 5 March"),
            metadata=auth(**HEAD),
        )
        assert full.home_address == ADDRESS and not full.sensitive_withheld
        assert {n.description for n in full.needs} == {"孩子升学", "技术领先的口碑"}

        with pytest.raises(grpc.aio.AioRpcError) as hidden:
            await stub.GetPostcard(
                pb.GetPostcardRequest(name=name, reason="curious"), metadata=auth(**PEER)
            )
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND

        trail = await stub.ListSensitiveReads(
            pb.ListSensitiveReadsRequest(parent=person), metadata=auth(**OWNER)
        )
        assert [(r.reader, list(r.fields), r.reason) for r in trail.reads] == [
            ("employees/e-0900", ["home_address", "needs"], "preparing the visit on 5 March")
        ]
        history = await stub.ListFieldHistory(
            pb.ListFieldHistoryRequest(name=person), metadata=auth(**OWNER)
        )
        assert history.changes  # the person's own history is there

    async with encrypting.kernel.db.read() as conn:
        stored = (await conn.execute(sa.text("SELECT public, sealed FROM postcards"))).one()
        logged = (
            (await conn.execute(sa.text("SELECT new_value FROM field_history"))).scalars().all()
        )
    assert ADDRESS.encode() not in stored.sealed and "孩子升学".encode() not in stored.sealed
    assert "孩子升学" not in str(stored.public) and ADDRESS not in str(stored.public)
    assert not any(ADDRESS in value or "孩子升学" in value for value in logged)
