"""What an on-call engineer reads, from the kernel's parts against a real JetStream and both
databases: the backlogs the signals sample, the spans and log lines of a dead letter, the
handler duration, stream retention and the schema check at start."""

from __future__ import annotations

import io
import json
import logging
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from mcr_core.bus import Outbox, OutboxRelay, ensure_service_stream, stream_name
from mcr_core.bus.streams import DAY_SECONDS, StreamLimits
from mcr_core.clock import FakeClock
from mcr_core.signals import Signals
from mcr_core.storage import Database, SchemaNotMigrated
from mcr_core.telemetry import JsonFormatter
from mcr_core.timers import TimerService
from opentelemetry.trace import SpanKind, StatusCode
from test_bus import Effects, consumer_for, created, publish_event, run_until


@pytest.fixture
def json_log():
    """The consumer's log lines as the service writes them (JSON, with trace ids)."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter("test"))
    logger = logging.getLogger("mcr_core.bus.consumer")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    logger.removeHandler(handler)


TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


async def test_a_dead_letter_has_a_span_in_the_events_trace_and_its_log_line_the_trace_id(
    db, js, service, span_exporter, json_log
):
    effects = Effects()
    await effects.create(db)
    # An unreadable message that arrives with the trace of whoever sent it.
    headers = {"ce-id": "x-1", "traceparent": TRACEPARENT}
    await js.publish(f"mcr.{service}.customer.created", b"\x00garbage", headers=headers)
    consumer = consumer_for(db, js, service, effects)

    async def dead_lettered() -> bool:
        return any(s.name.startswith("publish mcr.deadletter.") for s in spans())

    def spans():
        return span_exporter.get_finished_spans()

    await run_until(dead_lettered, consumer)
    [dead] = [s for s in spans() if s.name == f"publish mcr.deadletter.{consumer.name}"]
    assert format(dead.context.trace_id, "032x") == TRACE_ID
    assert dead.kind == SpanKind.PRODUCER
    assert dead.status.status_code == StatusCode.ERROR
    assert dead.attributes["messaging.system"] == "nats"
    assert dead.attributes["messaging.operation.type"] == "send"
    assert dead.attributes["mcr.dead_letter.kind"] == "malformed event"
    assert dead.attributes["messaging.destination.name"] == f"mcr.deadletter.{consumer.name}"
    [line] = [line for line in json_log() if line["message"] == "event dead-lettered"]
    assert line["trace_id"] == TRACE_ID
    assert line["span_id"] == format(dead.context.span_id, "016x")
    [receive] = [s for s in spans() if s.name == f"receive {stream_name(service)}"]
    assert receive.attributes["messaging.batch.message_count"] == 1
    assert receive.attributes["messaging.operation.type"] == "receive"


async def test_handled_events_have_process_spans_and_a_retry_log_line_the_trace_id(
    db, js, service, span_exporter, json_log
):
    effects = Effects(fail_times=1)
    await effects.create(db)
    event_id = str(uuid.uuid4())
    await publish_event(js, service, created("K"), event_id, traceparent=TRACEPARENT)
    consumer = consumer_for(db, js, service, effects)

    async def handled() -> bool:
        return await effects.count(db) == 1

    await run_until(handled, consumer)
    process = [s for s in span_exporter.get_finished_spans() if s.name.startswith("process ")]
    assert [s.status.status_code for s in process] == [StatusCode.ERROR, StatusCode.UNSET]
    assert {format(s.context.trace_id, "032x") for s in process} == {TRACE_ID}
    assert process[0].attributes["error.type"] == "ConnectionError"
    for span in process:
        assert span.kind == SpanKind.CONSUMER
        assert span.attributes["messaging.operation.type"] == "process"
        assert span.attributes["messaging.consumer.group.name"] == consumer.name
        assert span.attributes["messaging.message.id"] == event_id
    [retry] = [line for line in json_log() if line["message"] == "event handler failed; will retry"]
    assert retry["trace_id"] == TRACE_ID
    assert "K" not in json.dumps(retry)  # nothing of the event's content


async def test_signals_sample_the_outbox_timers_consumers_and_dead_letters(db, js, service):
    clock = FakeClock()
    outbox = Outbox(f"mcr/{service}", clock)
    relay = OutboxRelay(db, js, outbox)
    timers = TimerService(db, clock)
    effects = Effects(poison=True)
    await effects.create(db)
    consumer = consumer_for(db, js, service, effects)
    await consumer.start()
    signals = Signals(service, relay=relay, consumers=[consumer], timers=timers, js=js, clock=clock)
    assert (await signals.sample()).outbox_backlog == 0
    assert signals.age_seconds(signals.latest.outbox_oldest) == 0

    async with db.transaction() as conn:
        for name in ("L", "M"):
            await outbox.add(conn, f"mcr.{service}.customer.created", created(name), resource="r")
        await timers.schedule(conn, "reminder", "k1", clock.now() - timedelta(minutes=5))
    clock.advance(timedelta(seconds=90))
    sample = await signals.sample()
    assert sample.outbox_backlog == 2
    assert signals.age_seconds(sample.outbox_oldest) == pytest.approx(90)
    assert sample.timers_due == 1
    assert signals.age_seconds(sample.timers_oldest_due) == pytest.approx(390)
    assert sample.consumer_lag[consumer.name] == (stream_name(service), 0, 0)

    await relay.publish_all()  # the relay catches up; the consumer has not fetched yet
    sample = await signals.sample()
    assert sample.outbox_backlog == 0 and signals.age_seconds(sample.outbox_oldest) == 0
    assert sample.consumer_lag[consumer.name] == (stream_name(service), 2, 0)
    assert sample.dead_letters == {consumer.name: 0}

    async def both_dead() -> bool:
        return (await signals.sample()).dead_letters[consumer.name] == 2

    await run_until(both_dead, consumer)  # the handler refuses both: dead letters
    assert signals.latest.consumer_lag[consumer.name][1:] == (0, 0)


async def test_streams_keep_events_for_a_bounded_age_and_size(js):
    service = f"t{uuid.uuid4().hex[:10]}"
    limits = StreamLimits(max_age_days=7, max_bytes=64 << 20)
    # A consumer creates the stream before its owner ever ran: the default limits.
    await ensure_service_stream(js, service)
    info = await js.stream_info(stream_name(service))
    assert info.config.max_age == 30 * DAY_SECONDS
    assert info.config.max_bytes == 1 << 30
    await ensure_service_stream(js, service, limits=limits)  # the owner sets its own
    await ensure_service_stream(js, service)  # a consumer starting again changes nothing
    info = await js.stream_info(stream_name(service))
    assert info.config.max_age == 7 * DAY_SECONDS
    assert info.config.max_bytes == 64 << 20


async def test_a_process_refuses_an_unmigrated_schema_until_it_is_migrated(database_url):
    db = Database(database_url)
    try:
        with pytest.raises(SchemaNotMigrated, match="MCR_MIGRATIONS=only") as refused:
            await db.verify_migrated()
        assert "no migration at all" in str(refused.value)
        await db.migrate()
        await db.verify_migrated()
        async with db.transaction() as conn:  # an older schema than the code's
            await conn.execute(sa.text("UPDATE alembic_version SET version_num = 'kernel_0001'"))
        with pytest.raises(SchemaNotMigrated, match="applied: kernel_0001"):
            await db.verify_migrated()
        async with db.transaction() as conn:  # a newer one (the next release migrated)
            await conn.execute(sa.text("UPDATE alembic_version SET version_num = 'kernel_9999'"))
        await db.verify_migrated()  # served: the migrations are additive for one release back
    finally:
        await db.close()
