"""A three-node NATS cluster with replicated (R3) streams loses a node under load and nothing is
lost: the kernel's outbox relay and durable consumer carry on through the other two nodes.

The nodes are real nats-server processes on loopback; the node killed (SIGKILL) is the leader
of the stream, the worst case: the stream elects a new leader while events are flowing.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa
from google.protobuf import wrappers_pb2
from mcr_core.bus import EventConsumer, Outbox, OutboxRelay, connect, event_subject, stream_name
from mcr_core.bus.streams import ensure_service_stream
from mcr_core.clock import SystemClock
from mcr_core.embedded_nats import EmbeddedNatsCluster
from mcr_core.storage import Database
from nats.js.errors import APIError

SUBJECT = event_subject("clustered", "thing", "happened")
EVENTS = 600
# Every handling is a row: a duplicate effect would show as a second row for one event.
effects = sa.Table(
    "effects",
    sa.MetaData(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(64), nullable=False),
)


async def until(condition, timeout: float, what: str):
    """Poll an async condition until it returns something truthy."""
    async with asyncio.timeout(timeout):
        while not (result := await condition()):
            await asyncio.sleep(0.1)
    assert result, what
    return result


async def stream_ready(js, replicas: int) -> bool:
    try:
        await ensure_service_stream(js, "clustered", replicas)
        info = await js.stream_info(stream_name("clustered"))
    except (APIError, TimeoutError):
        return False  # the cluster has no JetStream leader yet
    return info.cluster is not None and info.cluster.leader is not None


@pytest.fixture
def cluster(tmp_path):
    cluster = EmbeddedNatsCluster(tmp_path / "nats").start()
    yield cluster
    cluster.stop()


@pytest.mark.timeout(240)
async def test_losing_the_stream_leader_under_load_loses_nothing(cluster, tmp_path):
    nc = await connect(cluster.url, name="producer")
    js = nc.jetstream()
    consumer_nc = await connect(cluster.url, name="consumer")
    producer = Database(f"sqlite:///{tmp_path / 'producer.db'}")
    consumer_db = Database(f"sqlite:///{tmp_path / 'consumer.db'}")
    tasks: list[asyncio.Task] = []
    try:
        await until(lambda: stream_ready(js, 3), 60, "a JetStream leader for the R3 stream")
        info = await js.stream_info(stream_name("clustered"))
        assert info.config.num_replicas == 3 and len(info.cluster.replicas) == 2

        await producer.migrate()
        await consumer_db.migrate()
        async with consumer_db.engine.begin() as conn:
            await conn.run_sync(effects.metadata.create_all)
        outbox = Outbox(source="mcr/clustered", clock=SystemClock())
        relay = OutboxRelay(producer, js, outbox, batch_size=50, poll_seconds=0.2)

        async def record(event, conn) -> None:
            await conn.execute(effects.insert().values(event_id=event.id))

        consumer = EventConsumer(
            name="clustered-effects",
            stream=stream_name("clustered"),
            subjects=[SUBJECT],
            handler=record,
            db=consumer_db,
            js=consumer_nc.jetstream(),
            ack_wait_seconds=5,
            max_deliver=1000,
        )
        await consumer.start()
        tasks = [asyncio.create_task(relay.run()), asyncio.create_task(consumer.run())]

        async def write(count: int) -> None:
            for _ in range(count // 10):
                async with producer.transaction() as conn:
                    for _ in range(10):
                        message = wrappers_pb2.StringValue(value=str(uuid.uuid4()))
                        await outbox.add(conn, SUBJECT, message, resource=message.value)
                await asyncio.sleep(0.02)  # a sustained load, not one burst

        await write(EVENTS // 3)
        leader = cluster.node(info.cluster.leader)
        leader.kill()  # SIGKILL: no lame-duck drain, no goodbye to the cluster
        await write(EVENTS - EVENTS // 3)

        async def handled() -> int:
            async with consumer_db.engine.connect() as conn:
                count = await conn.execute(sa.select(sa.func.count()).select_from(effects))
                return count.scalar_one() >= EVENTS

        await until(handled, 120, "every event handled")
        await asyncio.sleep(1.0)  # a late duplicate would land now
        async with consumer_db.engine.connect() as conn:
            rows = (await conn.execute(sa.select(effects.c.event_id))).scalars().all()
        assert len(rows) == EVENTS  # nothing lost, nothing handled twice
        assert len(set(rows)) == EVENTS
        after = await js.stream_info(stream_name("clustered"))
        assert after.state.messages == EVENTS
        assert after.cluster.leader != info.cluster.leader  # a new leader took over
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # a failed task must not leak
        for client in (nc, consumer_nc):
            await client.close()
        await producer.close()
        await consumer_db.close()
