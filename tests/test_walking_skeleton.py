"""One request and one event through every layer, inside one trace (issue: walking skeleton).

A customer created over REST goes through the gateway, a gRPC call, the database, the outbox,
NATS JetStream and a durable consumer; the spans of every hop share one trace id and chain
parent to child.
"""

from __future__ import annotations

import asyncio
import uuid

import grpc
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc
from mcr_archive.events import CUSTOMER_CREATED
from mcr_core.bus import EventConsumer
from mcr_core.storage import Database
from mcr_core.testing.kit import nats_client


async def test_rest_create_reaches_grpc_and_a_consumer_in_one_trace(
    rest, archive, auth_keys, span_exporter, tmp_path
):
    received = []

    async def on_created(event, session) -> None:
        received.append(event)  # the stream also holds other tests' customers

    consumer_db = Database(f"sqlite:///{tmp_path / 'consumer.db'}")
    await consumer_db.migrate()
    # The test's own consumer, with its own connection: the archive's credentials manage only
    # the archive's consumers.
    nc = await nats_client(archive.kernel.settings.nats_url)
    consumer = EventConsumer(
        name=f"skeleton-{uuid.uuid4().hex[:8]}",
        stream=archive.kernel.stream,
        subjects=[CUSTOMER_CREATED],
        handler=on_created,
        db=consumer_db,
        js=nc.jetstream(),
    )
    await consumer.start()
    consuming = asyncio.create_task(consumer.run())
    try:
        response = await rest.post(
            "/v1/customers",
            json={"display_name": "珠江数据集团", "industry": "internet", "country_code": "CN"},
            headers={"Idempotency-Key": "skeleton-1"},
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert response.headers["Location"] == f"/v1/{body['name']}"

        async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
            stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
            got = await stub.GetCustomer(
                pb.GetCustomerRequest(name=body["name"]), metadata=auth_keys.metadata()
            )
        assert got.display_name == "珠江数据集团"

        async with asyncio.timeout(10):
            while not [e for e in received if e.resource == body["name"]]:
                await asyncio.sleep(0.05)
    finally:
        consuming.cancel()
        await asyncio.gather(consuming, return_exceptions=True)
        await consumer.stop()
        await nc.drain()
        await consumer_db.close()

    [event] = [e for e in received if e.resource == body["name"]]
    assert event.message.customer.name == body["name"]
    spans = {
        span.name: span
        for span in span_exporter.get_finished_spans()
        if span.name.startswith(("POST", "publish", "process"))
        and (span.attributes or {}).get("messaging.message.id", event.id) == event.id
    }
    gateway = spans["POST /v1/customers"]
    rpc_server = next(
        s
        for s in span_exporter.get_finished_spans()
        if s.name == "mcr.archive.v1.ArchiveService/CreateCustomer" and s.kind.name == "SERVER"
    )
    publish = spans[f"publish {CUSTOMER_CREATED}"]
    consume = spans[f"process {CUSTOMER_CREATED}"]
    trace_ids = {s.context.trace_id for s in (gateway, rpc_server, publish, consume)}
    assert trace_ids == {gateway.context.trace_id}
    assert consume.parent.span_id == publish.context.span_id
    assert publish.parent.span_id == rpc_server.context.span_id
    chain = rpc_server
    by_id = {s.context.span_id: s for s in span_exporter.get_finished_spans()}
    while chain.parent is not None and chain.parent.span_id in by_id:
        chain = by_id[chain.parent.span_id]
    assert chain is gateway  # the gRPC call descends from the REST request
