"""The outbox, the relay and the consumer against a real JetStream and both databases."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr_core.bus import (
    DEAD_LETTER_STREAM,
    EventConsumer,
    Outbox,
    OutboxRelay,
    PoisonEvent,
    dead_letter_subject,
    stream_name,
)
from mcr_core.bus.outbox import outbox_table, published_table, replay_published
from mcr_core.clock import FakeClock, SystemClock
from nats.js.api import ConsumerConfig, DeliverPolicy


def created(display_name: str) -> events_pb2.CustomerCreated:
    return events_pb2.CustomerCreated(customer=customer_pb2.Customer(display_name=display_name))


async def stream_messages(js, stream: str, subject: str = ">", timeout: float = 0.5) -> list:
    """Every message in `stream` on `subject`, read with an ephemeral consumer."""
    info = await js.stream_info(stream)
    if info.state.messages == 0:
        return []
    sub = await js.pull_subscribe(
        subject, stream=stream, config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
    )
    messages = []
    try:
        while True:
            batch = await sub.fetch(100, timeout=timeout)
            messages += batch
    except TimeoutError:
        pass
    await sub.unsubscribe()
    return messages


async def outbox_rows(db) -> int:
    async with db.read() as session:
        return (
            await session.execute(sa.select(sa.func.count()).select_from(outbox_table))
        ).scalar()


async def test_committed_event_is_published_once_with_its_id(db, js, service):
    outbox = Outbox(f"mcr/{service}", SystemClock())
    async with db.transaction() as session:
        event_id = await outbox.add(
            session, f"mcr.{service}.customer.created", created("A"), resource="customers/1"
        )
    relay = OutboxRelay(db, js, outbox)
    assert await relay.publish_pending() == 1
    assert await relay.publish_pending() == 0
    assert await outbox_rows(db) == 0
    [message] = await stream_messages(js, stream_name(service))
    assert message.headers["Nats-Msg-Id"] == event_id
    assert message.headers["ce-type"] == "mcr.archive.v1.CustomerCreated"
    assert message.headers["ce-subject"] == "customers/1"
    assert events_pb2.CustomerCreated.FromString(message.data).customer.display_name == "A"


async def test_rollback_publishes_nothing(db, js, service):
    outbox = Outbox(f"mcr/{service}", SystemClock())
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await outbox.add(
                session, f"mcr.{service}.customer.created", created("B"), resource="customers/2"
            )
            raise RuntimeError("the change failed")
    assert await outbox_rows(db) == 0
    assert await OutboxRelay(db, js, outbox).publish_pending() == 0
    assert await stream_messages(js, stream_name(service)) == []


async def test_republishing_after_a_crash_is_deduplicated(db, js, service):
    """A relay that died after publishing but before deleting publishes again: JetStream drops
    the copy because Nats-Msg-Id is the event id."""
    outbox = Outbox(f"mcr/{service}", SystemClock())
    async with db.transaction() as session:
        await outbox.add(
            session, f"mcr.{service}.customer.created", created("C"), resource="customers/3"
        )
    async with db.read() as session:
        rows = (await session.execute(sa.select(outbox_table))).all()
    relay = OutboxRelay(db, js, outbox)
    await relay._publish(rows)  # published, then "crashed" before the delete
    assert await relay.publish_pending() == 1  # the restarted relay sends it again
    assert len(await stream_messages(js, stream_name(service))) == 1


async def test_events_keep_commit_order(db, js, service):
    outbox = Outbox(f"mcr/{service}", SystemClock())
    for index in range(30):
        async with db.transaction() as session:
            await outbox.add(
                session, f"mcr.{service}.customer.created", created(f"n{index}"), resource="r"
            )
    await OutboxRelay(db, js, outbox, batch_size=7).publish_all()
    names = [
        events_pb2.CustomerCreated.FromString(m.data).customer.display_name
        for m in await stream_messages(js, stream_name(service))
    ]
    assert names == [f"n{index}" for index in range(30)]


async def test_published_events_are_kept_for_a_replay_then_purged(db, js, service):
    """What a restore replays: the relay keeps each published row (`outbox_published`) for
    its retention; `replay_published` puts the rows back in their order for the relay, and
    the consumers see each event once (JetStream drops the copies it remembers)."""
    clock = FakeClock()
    outbox = Outbox(f"mcr/{service}", clock)
    for index in range(3):
        async with db.transaction() as session:
            await outbox.add(
                session, f"mcr.{service}.customer.created", created(f"k{index}"), resource="r"
            )
    relay = OutboxRelay(db, js, outbox, retention_seconds=600)
    assert await relay.publish_all() == 3
    assert await outbox_rows(db) == 0
    async with db.transaction() as session:
        assert await replay_published(session) == 3
    async with db.read() as session:
        kept = await session.execute(sa.select(sa.func.count()).select_from(published_table))
        assert kept.scalar() == 0
    assert await outbox_rows(db) == 3
    assert await relay.publish_all() == 3  # published again, in commit order
    names = [
        events_pb2.CustomerCreated.FromString(m.data).customer.display_name
        for m in await stream_messages(js, stream_name(service))
    ]
    assert names == ["k0", "k1", "k2"]  # the copies were dropped by their ids
    clock.advance(timedelta(seconds=601))
    relay._purged_at = None  # the purge is due (it runs at most once a minute)
    await relay.publish_all()
    async with db.read() as session:
        kept = await session.execute(sa.select(sa.func.count()).select_from(published_table))
        assert kept.scalar() == 0  # older than the retention: gone


async def test_add_many_stages_a_batch_in_order_and_only_on_commit(db, js, service):
    outbox = Outbox(f"mcr/{service}", SystemClock())
    subject = f"mcr.{service}.customer.created"
    batch = [(subject, created(f"b{index}"), f"customers/b{index}") for index in range(5)]
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await outbox.add_many(session, batch)
            raise RuntimeError("the import failed")
    assert await outbox_rows(db) == 0
    async with db.transaction() as session:
        ids = await outbox.add_many(session, batch)
        assert await outbox.add_many(session, []) == []
    assert len(set(ids)) == 5
    await OutboxRelay(db, js, outbox).publish_all()
    messages = await stream_messages(js, stream_name(service))
    assert [m.headers["ce-subject"] for m in messages] == [f"customers/b{i}" for i in range(5)]
    assert [m.headers["Nats-Msg-Id"] for m in messages] == ids


class Effects:
    """A handler that records its effect in the consumer's transaction (a row per call)."""

    def __init__(self, fail_times: int = 0, poison: bool = False, broken: str = "") -> None:
        self.calls = 0
        self.fail_times = fail_times
        self.broken = broken  # events for this customer name fail every time
        self.poison = poison
        self.table = sa.Table(
            f"effects_{uuid.uuid4().hex[:8]}",
            sa.MetaData(),
            sa.Column("event_id", sa.String(64)),
        )

    async def create(self, db) -> None:
        async with db.engine.begin() as conn:
            await conn.run_sync(self.table.metadata.create_all)

    async def __call__(self, event, session) -> None:
        self.calls += 1
        if self.poison:
            raise PoisonEvent("this customer can never be handled")
        if self.calls <= self.fail_times or event.message.customer.display_name == self.broken:
            raise ConnectionError("downstream unavailable")
        await session.execute(self.table.insert().values(event_id=event.id))

    async def count(self, db) -> int:
        async with db.read() as session:
            return (
                await session.execute(sa.select(sa.func.count()).select_from(self.table))
            ).scalar()


def consumer_for(db, js, service, handler, **kwargs) -> EventConsumer:
    return EventConsumer(
        name=f"c{uuid.uuid4().hex[:10]}",
        stream=stream_name(service),
        subjects=[f"mcr.{service}.>"],
        handler=handler,
        db=db,
        js=js,
        **kwargs,
    )


async def publish_event(
    js, service, message, event_id: str, msg_id: str | None = None, **extra: str
) -> None:
    headers = extra | {
        "Nats-Msg-Id": msg_id or event_id,
        "ce-id": event_id,
        "ce-type": message.DESCRIPTOR.full_name,
        "ce-source": f"mcr/{service}",
        "ce-time": "2026-11-23T10:00:00+00:00",
        "ce-subject": "customers/x",
    }
    await js.publish(
        f"mcr.{service}.customer.created", message.SerializeToString(), headers=headers
    )


async def run_until(predicate, consumer: EventConsumer, timeout: float = 10.0) -> None:
    await consumer.start()
    task = asyncio.create_task(consumer.run())
    try:
        async with asyncio.timeout(timeout):
            while not await predicate():
                await asyncio.sleep(0.05)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()


async def test_redelivered_event_has_one_effect(db, js, service):
    effects = Effects()
    await effects.create(db)
    event_id = str(uuid.uuid4())
    # The same event twice under different message ids, as a redelivery or a publish outside
    # the dedupe window would bring it.
    await publish_event(js, service, created("D"), event_id, msg_id="first")
    await publish_event(js, service, created("D"), event_id, msg_id="second")
    await publish_event(js, service, created("E"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, effects)

    async def all_acked() -> bool:
        info = await js.consumer_info(consumer.stream, consumer.name)
        return info.num_ack_pending == 0 and info.num_pending == 0 and effects.calls >= 2

    await run_until(all_acked, consumer)
    assert await effects.count(db) == 2
    assert effects.calls == 2  # the duplicate was recognised before the handler ran


async def test_handler_failures_are_retried_then_succeed(db, js, service):
    effects = Effects(fail_times=2)
    await effects.create(db)
    await publish_event(js, service, created("F"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, effects, max_deliver=5)

    async def done() -> bool:
        return await effects.count(db) == 1

    await run_until(done, consumer)
    assert effects.calls == 3


async def test_poison_message_goes_to_dead_letter_and_consumer_goes_on(db, js, service):
    effects = Effects()
    await effects.create(db)
    await js.publish(f"mcr.{service}.customer.created", b"\x00garbage", headers={"ce-id": "x"})
    good = str(uuid.uuid4())
    await publish_event(js, service, created("G"), good)
    consumer = consumer_for(db, js, service, effects)

    async def good_handled() -> bool:
        return await effects.count(db) == 1

    await run_until(good_handled, consumer)
    [dead] = await stream_messages(js, DEAD_LETTER_STREAM, dead_letter_subject(consumer.name))
    assert dead.data == b"\x00garbage"
    assert "malformed event" in dead.headers["Mcr-Dead-Letter-Reason"]
    assert dead.headers["Mcr-Original-Subject"] == f"mcr.{service}.customer.created"


async def test_event_failing_every_time_is_dead_lettered_after_max_deliver(db, js, service):
    effects = Effects(broken="H")
    await effects.create(db)
    await publish_event(js, service, created("H"), str(uuid.uuid4()))
    await publish_event(js, service, created("I"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, effects, max_deliver=3)

    async def dead_lettered() -> bool:
        return bool(
            await stream_messages(js, DEAD_LETTER_STREAM, dead_letter_subject(consumer.name), 0.2)
        )

    await run_until(dead_lettered, consumer, timeout=20)
    [dead] = await stream_messages(js, DEAD_LETTER_STREAM, dead_letter_subject(consumer.name))
    assert await effects.count(db) == 1  # I was handled: the failing event did not block it
    assert dead.headers["Mcr-Deliveries"] == "3"
    assert "failed 3 times; last: ConnectionError" in dead.headers["Mcr-Dead-Letter-Reason"]


async def test_poison_event_raised_by_handler_is_dead_lettered_at_once(db, js, service):
    effects = Effects(poison=True)
    await effects.create(db)
    await publish_event(js, service, created("J"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, effects)

    async def dead_lettered() -> bool:
        return bool(
            await stream_messages(js, DEAD_LETTER_STREAM, dead_letter_subject(consumer.name), 0.2)
        )

    await run_until(dead_lettered, consumer)
    assert effects.calls == 1
    assert await effects.count(db) == 0


async def test_the_relay_wait_stops_when_cancelled_as_a_commit_lands():
    """A stop that arrives in the same turn as a commit must still end the relay's wait (on
    Python 3.11 `asyncio.wait_for` returns instead of raising then)."""
    from mcr_core.bus import Outbox

    outbox = Outbox(source="mcr/test", clock=SystemClock())
    for _ in range(20):
        outbox._committed.clear()
        task = asyncio.create_task(outbox.wait_for_commit(5))
        await asyncio.sleep(0.01)
        outbox._committed.set()  # what a commit with events does
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=2)
        assert done and task.cancelled()


async def test_prepare_runs_before_the_transaction_and_its_failures_are_retried(db, js, service):
    effects = Effects()
    await effects.create(db)
    seen: list[object] = []
    attempts = 0

    async def prepare(event):
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise ConnectionError("the scoring service is down")
        # No transaction of this consumer is open: a write of our own commits on its own.
        async with db.transaction() as conn:
            await conn.execute(effects.table.insert().values(event_id=f"prepared-{event.id}"))
        return event.message.customer.display_name.lower()

    async def handler(event, conn):
        seen.append(event.prepared)
        await effects(event, conn)

    await publish_event(js, service, created("P"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, handler, prepare=prepare, max_deliver=5)

    async def done() -> bool:
        return await effects.count(db) == 2

    await run_until(done, consumer)
    assert seen == ["p"]
    assert attempts == 2


async def test_a_consumer_outlives_a_database_failure_around_its_handlers(db, js, service):
    """The table of processed event ids is gone for a while (as the database is during a
    restart): the batch fails outside any handler, the consumer keeps running, and once the
    table is back the redelivered event has its effect."""
    effects = Effects()
    await effects.create(db)
    async with db.transaction() as conn:
        await conn.execute(sa.text("ALTER TABLE processed_events RENAME TO processed_away"))
    await publish_event(js, service, created("N"), str(uuid.uuid4()))
    consumer = consumer_for(db, js, service, effects, ack_wait_seconds=1.0)
    await consumer.start()
    task = asyncio.create_task(consumer.run())
    try:
        async with asyncio.timeout(20):
            while (await js.consumer_info(consumer.stream, consumer.name)).num_ack_pending == 0:
                await asyncio.sleep(0.05)  # the batch was delivered, and failed
        await asyncio.sleep(0.5)
        assert not task.done()
        async with db.transaction() as conn:
            await conn.execute(sa.text("ALTER TABLE processed_away RENAME TO processed_events"))
        async with asyncio.timeout(20):
            while await effects.count(db) != 1:
                await asyncio.sleep(0.05)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()
