"""The event bus: transactional outbox, relay to JetStream, durable idempotent consumers.

A service stages events with `Outbox.add(conn, ...)` inside the transaction of the change;
the `OutboxRelay` publishes committed events (Nats-Msg-Id = event id, so JetStream drops a
re-publish); an `EventConsumer` handles each event at most once per consumer by recording the
event id in the transaction of its effect, and sends a message that keeps failing to a
dead-letter subject with the reason. Consumers declare the message types they handle, one
function per type (`handles`, `Subscription`, `Kernel.subscribe`).
"""

from mcr_core.bus.consumer import EventConsumer, PoisonEvent
from mcr_core.bus.envelope import Event, event_subject
from mcr_core.bus.grants import Consumes
from mcr_core.bus.handlers import Handlers, Subscription, handles, prepares
from mcr_core.bus.outbox import Outbox, OutboxRelay
from mcr_core.bus.streams import (
    DEAD_LETTER_STREAM,
    connect,
    dead_letter_subject,
    ensure_dead_letter_stream,
    ensure_service_stream,
    stream_name,
)

__all__ = [
    "DEAD_LETTER_STREAM",
    "Consumes",
    "Event",
    "EventConsumer",
    "Handlers",
    "Outbox",
    "OutboxRelay",
    "PoisonEvent",
    "Subscription",
    "connect",
    "dead_letter_subject",
    "ensure_dead_letter_stream",
    "ensure_service_stream",
    "event_subject",
    "handles",
    "prepares",
    "stream_name",
]
