"""Durable pull consumers with explicit ack, idempotent handling and a dead-letter subject."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

import sqlalchemy as sa
from nats.aio.msg import Msg
from nats.errors import NoRespondersError
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import ServiceUnavailableError
from opentelemetry import metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.bus.envelope import MSG_ID, Event, MalformedEvent
from mcr_core.bus.streams import dead_letter_subject, ensure_service_stream
from mcr_core.clock import Clock, SystemClock
from mcr_core.storage import Database, UtcDateTime, kernel_metadata

log = logging.getLogger(__name__)
# How long a consumer waits before fetching again while JetStream elects a leader.
UNAVAILABLE_PAUSE_SECONDS = 0.5
tracer = trace.get_tracer(__name__)
_meter = metrics.get_meter(__name__)
_handled = _meter.create_counter("mcr_events_handled", description="Events handled, by outcome")

processed_events = sa.Table(
    "processed_events",
    kernel_metadata,
    sa.Column("consumer", sa.String(128), primary_key=True),
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("processed_at", UtcDateTime(), nullable=False),
)

Handler = Callable[[Event, AsyncConnection], Awaitable[None]]
# Work done for an event before its transaction opens (e.g. calling slow plugins), so that
# it holds no database write lock; its result reaches the handler as `event.prepared`.
Prepare = Callable[[Event], Awaitable[object]]
# Reads a fetched message (subject, headers, data) into an Event; raises MalformedEvent or
# PoisonEvent for one that can never be handled (see `mcr_core.bus.handlers`).
Decode = Callable[[str, dict[str, str] | None, bytes], Event]


class PoisonEvent(Exception):
    """Raised by a handler for an event that can never succeed: it is dead-lettered at once."""


_KIND = {PoisonEvent: "poison event", MalformedEvent: "malformed event"}


class _HandlerFailed(Exception):
    """A handler failed in a batch: roll back and isolate the events."""

    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(index, error)
        self.index, self.error = index, error


class EventConsumer:
    """One durable consumer: replicas that use the same `name` share the work.

    The handler runs inside a database transaction that also records the event id, so a
    redelivered event has exactly one effect. A handler's effects must all go through the
    connection it is given (events through the outbox): it may run again when a batch is
    retried, and only what commits counts. A handler that raises is retried (nak with
    back-off) until `max_deliver`; then, or at once for a PoisonEvent or an unreadable message,
    the message goes to `mcr.deadletter.<name>` with the reason and the stream moves on.

    `prepare`, if given, runs for every event of a fetched batch, concurrently and before the
    transaction; the handler finds its result in `event.prepared`. It must have no effect
    (it may run again on a retry); one that raises fails its event like the handler would.
    """

    def __init__(
        self,
        *,
        name: str,
        stream: str,
        subjects: list[str],
        handler: Handler,
        db: Database,
        js: JetStreamContext,
        max_deliver: int = 5,
        ack_wait_seconds: float = 30.0,
        batch_size: int = 100,
        clock: Clock | None = None,
        source: str | None = None,
        replicas: int = 1,
        prepare: Prepare | None = None,
        decode: Decode | None = None,
    ) -> None:
        self.name, self.stream, self.subjects = name, stream, subjects
        self.handler, self.db, self.js = handler, db, js
        self.prepare = prepare
        self.decode: Decode = decode or Event.decode
        self.max_deliver = max_deliver
        self.ack_wait_seconds = ack_wait_seconds
        self.batch_size = batch_size
        self.clock = clock or SystemClock()
        # The service that owns the stream: a consumer may start before it ever ran, so the
        # stream is created here if needed, with the owner's settings.
        self.source, self.replicas = source, replicas
        self.stopping = False  # set by a graceful stop: no new fetch starts
        self._subscription = None

    async def start(self) -> None:
        if self.source is not None:
            await ensure_service_stream(self.js, self.source, self.replicas)
        config = ConsumerConfig(
            durable_name=self.name,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            max_deliver=self.max_deliver,
            ack_wait=self.ack_wait_seconds,
            filter_subjects=self.subjects,
            max_ack_pending=10_000,
        )
        await self.js.add_consumer(self.stream, config)
        self._subscription = await self.js.pull_subscribe_bind(self.name, stream=self.stream)

    async def run(self) -> None:
        """Fetch and handle until cancelled."""
        if self._subscription is None:
            await self.start()
        while not self.stopping:
            try:
                messages = await self._subscription.fetch(self.batch_size, timeout=1.0)
            except (TimeoutError, NatsTimeoutError):
                continue
            except (ServiceUnavailableError, NoRespondersError):
                # No JetStream leader for the stream or the consumer just now (an election
                # after a node was lost): ask again shortly; the messages wait in the stream.
                log.warning("jetstream unavailable; fetching again", extra={"consumer": self.name})
                await asyncio.sleep(UNAVAILABLE_PAUSE_SECONDS)
                continue
            await self.handle_batch(messages)

    async def stop(self) -> None:
        if self._subscription is not None:
            await self._subscription.unsubscribe()
            self._subscription = None

    async def handle_batch(self, messages: list[Msg]) -> None:
        """Handle a fetched batch in one transaction; ack, retry or dead-letter each message.

        One commit per batch instead of one per event. The batch first runs optimistically:
        one statement records every new event id, then each handler runs. If a handler fails,
        that transaction rolls back and the batch runs again with each event in its own
        savepoint, so only the failing ones are retried. Acks go out after the commit: a crash
        before it redelivers the batch, and the recorded event ids make that harmless.
        """
        failures: dict[int, Exception] = {}
        decoded: list[tuple[int, Msg, Event]] = []
        for index, msg in enumerate(messages):
            try:
                decoded.append((index, msg, self.decode(msg.subject, msg.headers, msg.data)))
            except (MalformedEvent, PoisonEvent) as exc:
                failures[index] = exc
        if self.prepare is not None:
            decoded = await self._prepared(decoded, failures)
        try:
            await self._run_together(decoded)
        except _HandlerFailed as failed:
            if len(decoded) == 1:
                failures[failed.index] = failed.error
            else:
                failures |= await self._run_isolated(decoded)
        for index, msg in enumerate(messages):
            await self._settle(msg, failures.get(index))

    async def _prepared(
        self, decoded: list[tuple[int, Msg, Event]], failures: dict[int, Exception]
    ) -> list[tuple[int, Msg, Event]]:
        assert self.prepare is not None
        results = await asyncio.gather(
            *(self.prepare(event) for _, _, event in decoded), return_exceptions=True
        )
        ready = []
        for (index, msg, event), result in zip(decoded, results, strict=True):
            if isinstance(result, asyncio.CancelledError):
                raise result
            if isinstance(result, BaseException):
                failures[index] = result if isinstance(result, Exception) else Exception(result)
            else:
                ready.append((index, msg, replace(event, prepared=result)))
        return ready

    async def _run_together(self, decoded: list[tuple[int, Msg, Event]]) -> None:
        async with self.db.transaction() as conn:
            new = await self._record_new(conn, [event.id for _, _, event in decoded])
            for index, msg, event in decoded:
                if event.id in new:
                    new.discard(event.id)  # a second copy in the same batch is a duplicate
                    if (error := await self._run(conn, msg, event)) is not None:
                        raise _HandlerFailed(index, error)

    async def _run_isolated(self, decoded: list[tuple[int, Msg, Event]]) -> dict[int, Exception]:
        failures: dict[int, Exception] = {}
        async with self.db.transaction() as conn:
            for index, msg, event in decoded:
                try:
                    async with conn.begin_nested():
                        if await self._record_new(conn, [event.id]):
                            error = await self._run(conn, msg, event)
                            if error is not None:
                                failures[index] = error
                                raise _HandlerFailed(index, error)
                except _HandlerFailed:
                    pass  # the savepoint rolled back this event's effect and its record
        return failures

    async def _run(self, conn: AsyncConnection, msg: Msg, event: Event) -> Exception | None:
        """Run the handler for one event in a consumer span; returns its failure, if any."""
        parent = propagate.extract(msg.headers or {})
        with tracer.start_as_current_span(
            f"consume {msg.subject}",
            context=parent,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.consumer.group.name": self.name,
                "messaging.message.id": event.id,
            },
        ) as span:
            try:
                await self.handler(event, conn)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
                return exc
        return None

    async def _record_new(self, conn: AsyncConnection, event_ids: list[str]) -> set[str]:
        """Record the event ids this consumer has not seen; returns those."""
        if not event_ids:
            return set()
        now = self.clock.now()
        rows = [{"consumer": self.name, "event_id": id_, "processed_at": now} for id_ in event_ids]
        dialect = postgresql if not self.db.is_sqlite else sqlite
        statement = (
            dialect.insert(processed_events)
            .on_conflict_do_nothing()
            .returning(processed_events.c.event_id)
        )
        result = await conn.execute(statement, rows)
        return set(result.scalars())

    async def _settle(self, msg: Msg, failure: Exception | None) -> None:
        if failure is None:
            await msg.ack()
            _handled.add(1, {"consumer": self.name, "outcome": "ok"})
        elif isinstance(failure, (PoisonEvent, MalformedEvent)):
            await self._dead_letter(msg, f"{_KIND[type(failure)]}: {failure}")
        else:
            await self._failed(msg, failure)

    async def _failed(self, msg: Msg, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"
        deliveries = msg.metadata.num_delivered
        if deliveries >= self.max_deliver:
            await self._dead_letter(msg, f"failed {deliveries} times; last: {reason}")
            return
        log.warning(
            "event handler failed; will retry",
            extra={"consumer": self.name, "deliveries": deliveries, "error": type(exc).__name__},
        )
        await msg.nak(delay=min(30.0, 0.2 * 2**deliveries))
        _handled.add(1, {"consumer": self.name, "outcome": "retry"})

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        headers = dict(msg.headers or {})
        event_id = headers.get("ce-id") or f"seq-{msg.metadata.sequence.stream}"
        headers.update(
            {
                MSG_ID: f"{self.name}:{event_id}",
                "Mcr-Dead-Letter-Reason": reason[:1000],
                "Mcr-Dead-Letter-Consumer": self.name,
                "Mcr-Original-Subject": msg.subject,
                "Mcr-Deliveries": str(msg.metadata.num_delivered),
            }
        )
        await self.js.publish(dead_letter_subject(self.name), msg.data, headers=headers)
        await msg.term()
        log.error(
            "event dead-lettered",
            extra={"consumer": self.name, "event_id": event_id, "subject": msg.subject},
        )
        _handled.add(1, {"consumer": self.name, "outcome": "dead_letter"})
