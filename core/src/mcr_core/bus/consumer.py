"""Durable pull consumers with explicit ack, idempotent handling and a dead-letter subject."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from mcr_core.bus.envelope import MSG_ID, Event, MalformedEvent
from mcr_core.bus.streams import dead_letter_subject
from mcr_core.clock import Clock, SystemClock
from mcr_core.storage import Database, UtcDateTime, kernel_metadata

log = logging.getLogger(__name__)
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

Handler = Callable[[Event, AsyncSession], Awaitable[None]]


class PoisonEvent(Exception):
    """Raised by a handler for an event that can never succeed: it is dead-lettered at once."""


class EventConsumer:
    """One durable consumer: replicas that use the same `name` share the work.

    The handler runs inside a database transaction that also records the event id, so a
    redelivered event has exactly one effect. A handler that raises is retried (nak with
    back-off) until `max_deliver`; then, or at once for a PoisonEvent or an unreadable message,
    the message goes to `mcr.deadletter.<name>` with the reason and the stream moves on.
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
    ) -> None:
        self.name, self.stream, self.subjects = name, stream, subjects
        self.handler, self.db, self.js = handler, db, js
        self.max_deliver = max_deliver
        self.ack_wait_seconds = ack_wait_seconds
        self.batch_size = batch_size
        self.clock = clock or SystemClock()
        self._subscription = None

    async def start(self) -> None:
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
        while True:
            try:
                messages = await self._subscription.fetch(self.batch_size, timeout=1.0)
            except (TimeoutError, NatsTimeoutError):
                continue
            for msg in messages:
                await self.handle(msg)

    async def stop(self) -> None:
        if self._subscription is not None:
            await self._subscription.unsubscribe()
            self._subscription = None

    async def handle(self, msg: Msg) -> None:
        parent = propagate.extract(msg.headers or {})
        with tracer.start_as_current_span(
            f"consume {msg.subject}", context=parent, kind=SpanKind.CONSUMER
        ) as span:
            span.set_attribute("messaging.consumer.group.name", self.name)
            try:
                event = Event.decode(msg.subject, msg.headers, msg.data)
            except MalformedEvent as exc:
                await self._dead_letter(msg, f"malformed event: {exc}", span)
                return
            span.set_attribute("messaging.message.id", event.id)
            try:
                async with self.db.transaction() as session:
                    if await self._first_time(session, event.id):
                        await self.handler(event, session)
            except asyncio.CancelledError:
                raise
            except PoisonEvent as exc:
                await self._dead_letter(msg, f"poison event: {exc}", span)
                return
            except Exception as exc:
                await self._failed(msg, exc, span)
                return
            await msg.ack()
            _handled.add(1, {"consumer": self.name, "outcome": "ok"})

    async def _first_time(self, session: AsyncSession, event_id: str) -> bool:
        values = {"consumer": self.name, "event_id": event_id, "processed_at": self.clock.now()}
        dialect = postgresql if not self.db.is_sqlite else sqlite
        statement = dialect.insert(processed_events).values(values).on_conflict_do_nothing()
        result = await session.execute(statement)
        return result.rowcount == 1

    async def _failed(self, msg: Msg, exc: Exception, span: trace.Span) -> None:
        reason = f"{type(exc).__name__}: {exc}"
        span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        deliveries = msg.metadata.num_delivered
        if deliveries >= self.max_deliver:
            await self._dead_letter(msg, f"failed {deliveries} times; last: {reason}", span)
            return
        log.warning(
            "event handler failed; will retry",
            extra={"consumer": self.name, "deliveries": deliveries, "error": type(exc).__name__},
        )
        await msg.nak(delay=min(30.0, 0.2 * 2**deliveries))
        _handled.add(1, {"consumer": self.name, "outcome": "retry"})

    async def _dead_letter(self, msg: Msg, reason: str, span: trace.Span) -> None:
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
        span.set_status(Status(StatusCode.ERROR, "dead-lettered"))
        log.error(
            "event dead-lettered",
            extra={"consumer": self.name, "event_id": event_id, "subject": msg.subject},
        )
        _handled.add(1, {"consumer": self.name, "outcome": "dead_letter"})
