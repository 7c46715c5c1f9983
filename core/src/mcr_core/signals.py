"""The signals an on-call engineer reads, beyond the per-call metrics: how far behind each part
of a service is.

`Signals.run()` samples, every `MCR_SIGNALS_INTERVAL_SECONDS`, the outbox backlog and the age
of its oldest event, each consumer's lag, the dead letters each consumer left, and the timers
that are due but have not fired; gauges report the latest samples on the admin port's
`/metrics`. It runs as a task of its own, so a relay or a consumer that hangs is still
measured (that is when the numbers matter). The ages grow between samples, from the sampled
oldest time. Every replica reports the same backlog (they share the database): alerts take
the maximum per service.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nats.js import JetStreamContext
from opentelemetry import metrics
from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.metrics import CallbackOptions, Observation

from mcr_core.bus import EventConsumer, OutboxRelay
from mcr_core.bus.streams import dead_letter_counts
from mcr_core.clock import Clock
from mcr_core.timers import TimerService

log = logging.getLogger(__name__)


@dataclass
class Sample:
    """The latest figures of one service process."""

    outbox_backlog: int = 0
    outbox_oldest: datetime | None = None
    timers_due: int = 0
    timers_oldest_due: datetime | None = None
    # consumer -> (stream, not yet delivered, delivered and not acknowledged)
    consumer_lag: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    dead_letters: dict[str, int] = field(default_factory=dict)


class Signals:
    """Samples one service's backlogs in the background; the gauges below read them."""

    def __init__(
        self,
        service: str,
        *,
        relay: OutboxRelay,
        consumers: Sequence[EventConsumer],
        timers: TimerService,
        js: JetStreamContext,
        clock: Clock,
        interval_seconds: float = 10.0,
    ) -> None:
        self.service, self.relay, self.consumers = service, relay, consumers
        self.timers, self.js, self.clock = timers, js, clock
        self.interval_seconds = interval_seconds
        self.latest = Sample()
        _LIVE.add(self)

    async def sample(self) -> Sample:
        """Take every figure now; a source that does not answer keeps its last figure."""
        with suppress_instrumentation():  # sampling is no request: no traces of its own
            return await self._sample()

    async def _sample(self) -> Sample:
        latest = self.latest
        try:
            latest.outbox_backlog, latest.outbox_oldest = await self.relay.backlog()
            latest.timers_due, latest.timers_oldest_due = await self.timers.backlog()
        except Exception:
            log.warning("could not sample the database backlogs", exc_info=True)
        try:
            for consumer in self.consumers:
                pending, unacked = await consumer.lag()
                latest.consumer_lag[consumer.name] = (consumer.stream, pending, unacked)
            counts = await dead_letter_counts(self.js)
            latest.dead_letters = {c.name: counts.get(c.name, 0) for c in self.consumers}
        except Exception:
            log.warning("could not sample the consumers", exc_info=True)
        return latest

    async def run(self) -> None:
        while True:
            await self.sample()
            await asyncio.sleep(self.interval_seconds)

    def age_seconds(self, oldest: datetime | None) -> float:
        return max(0.0, (self.clock.now() - oldest).total_seconds()) if oldest else 0.0


_LIVE: weakref.WeakSet[Signals] = weakref.WeakSet()


def _observe(name: str, unit: str, description: str, build) -> None:
    """A gauge whose observations `build(signals, {"service": ...})` gives for each live
    service of the process."""

    def callback(_: CallbackOptions) -> Iterable[Observation]:
        return [
            observation
            for signals in list(_LIVE)
            for observation in build(signals, {"service": signals.service})
        ]

    _meter.create_observable_gauge(name, [callback], unit=unit, description=description)


def _per_consumer(part: int):
    """Observations of one part (1: not delivered, 2: not acknowledged) of each consumer's lag."""
    return lambda s, a: [
        Observation(lag[part], a | {"consumer": name, "stream": lag[0]})
        for name, lag in s.latest.consumer_lag.items()
    ]


_meter = metrics.get_meter(__name__)
_observe(
    "mcr_outbox_backlog",
    "{event}",
    "Committed events not yet published to JetStream",
    lambda s, a: [Observation(s.latest.outbox_backlog, a)],
)
_observe(
    "mcr_outbox_oldest_age",
    "s",
    "Age of the oldest event waiting in the outbox (0 when it is empty)",
    lambda s, a: [Observation(s.age_seconds(s.latest.outbox_oldest), a)],
)
_observe(
    "mcr_timers_due",
    "{timer}",
    "Timers that are due and have not fired yet",
    lambda s, a: [Observation(s.latest.timers_due, a)],
)
_observe(
    "mcr_timers_oldest_due_age",
    "s",
    "How long the longest-overdue timer has been due (0 when none is)",
    lambda s, a: [Observation(s.age_seconds(s.latest.timers_oldest_due), a)],
)
_observe(
    "mcr_consumer_lag",
    "{event}",
    "Events in the stream not yet delivered to the durable consumer",
    _per_consumer(1),
)
_observe(
    "mcr_consumer_ack_pending",
    "{event}",
    "Events delivered to the consumer and not acknowledged yet (being handled or retried)",
    _per_consumer(2),
)
_observe(
    "mcr_dead_letters",
    "{event}",
    "Dead letters the consumer left in MCR_DEADLETTER (kept for the dead-letter retention)",
    lambda s, a: [
        Observation(count, a | {"consumer": name}) for name, count in s.latest.dead_letters.items()
    ],
)
