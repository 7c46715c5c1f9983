"""Typed event consumption: a consumer declares the message types it handles, one function
per type; decoding, dispatch, unknown types and dead letters happen here, once.

A service marks the methods of its use cases that react to other services' events::

    class Teams:
        @handles(insight_events.TierChanged)
        async def on_tier_changed(self, message, event, conn) -> None: ...

and its wiring subscribes them: `kernel.subscribe(INSIGHT, teams, goals)`, where `INSIGHT` is a
`Subscription` (durable name, source service, subjects) declared in the service's `events`
module. Each event is decoded with the class its handler declared (no import side effects
needed); a type no handler declared, or a message the handler finds against the contract (a
`DomainError`: a malformed name, an unknown enum), goes to the dead-letter subject at once.
A method marked with `@prepares(...)` runs before the consumer's transaction for the same
types (see `EventConsumer`'s `prepare`); the handler finds its result in `event.prepared`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.bus.consumer import PoisonEvent
from mcr_core.bus.envelope import Event
from mcr_core.errors import DomainError

HandlerFunction = Callable[[Any, Event, AsyncConnection], Awaitable[None]]
PrepareFunction = Callable[[Any, Event], Awaitable[object]]

_HANDLES = "__mcr_handles__"
_PREPARES = "__mcr_prepares__"


@dataclass(frozen=True)
class Subscription:
    """A durable consumer of another service's events: its name (replicas share it), the
    service whose stream it reads, and the subjects it takes."""

    name: str
    source: str
    subjects: tuple[str, ...]


def handles(*types: type[Message]) -> Callable[[Callable], Callable]:
    """Mark a function `(message, event, conn)` as the handler of these message types."""
    return _mark(_HANDLES, types)


def prepares(*types: type[Message]) -> Callable[[Callable], Callable]:
    """Mark a function `(message, event) -> result` to run before the transaction."""
    return _mark(_PREPARES, types)


def _mark(attribute: str, types: tuple[type[Message], ...]) -> Callable[[Callable], Callable]:
    if not types:
        raise TypeError("name at least one message type")

    def mark(function: Callable) -> Callable:
        setattr(function, attribute, types)
        return function

    return mark


def _marked(owner: object, attribute: str) -> Iterable[tuple[type[Message], Callable]]:
    for name in dir(type(owner)):
        function = getattr(type(owner), name, None)
        for kind in getattr(function, attribute, ()):
            yield kind, getattr(owner, name)


class Handlers:
    """The handlers of one consumer, by the full name of the message type they take."""

    def __init__(self, consumer: str, *owners: object) -> None:
        self.consumer = consumer
        self.types: dict[str, type[Message]] = {}
        self._handle: dict[str, HandlerFunction] = {}
        self._prepare: dict[str, PrepareFunction] = {}
        for owner in owners:
            for kind, function in _marked(owner, _HANDLES):
                self._add(self._handle, kind, function, "handlers")
            for kind, function in _marked(owner, _PREPARES):
                self._add(self._prepare, kind, function, "prepare steps")
        if not self._handle:
            raise TypeError(f"consumer {consumer!r}: no @handles method among its owners")
        if unhandled := set(self._prepare) - set(self._handle):
            raise TypeError(f"consumer {consumer!r} prepares {sorted(unhandled)} but handles none")

    def _add(self, table: dict, kind: type[Message], function: Callable, what: str) -> None:
        full_name = kind.DESCRIPTOR.full_name
        if full_name in table:
            raise TypeError(f"consumer {self.consumer!r} has two {what} for {full_name}")
        table[full_name] = function
        self.types[full_name] = kind

    @property
    def prepares(self) -> bool:
        return bool(self._prepare)

    def decode(self, subject: str, headers: dict[str, str] | None, data: bytes) -> Event:
        """The event decoded as the type its handler declared; an event of a type this
        consumer does not handle is poison (it can never succeed here)."""
        event = Event.decode(subject, headers, data, types=self.types)
        if event.type not in self._handle:
            raise PoisonEvent(f"{self.consumer} does not handle {event.type}")
        return event

    async def prepare(self, event: Event) -> object:
        prepare = self._prepare.get(event.type)
        return None if prepare is None else await prepare(event.message, event)

    async def handle(self, event: Event, conn: AsyncConnection) -> None:
        try:
            await self._handle[event.type](event.message, event, conn)
        except DomainError as error:
            # Against the contract (a malformed name, an unknown value): a redelivery
            # cannot make it better.
            reason = f"{self.consumer} cannot use {event.type}: {error.message}"
            raise PoisonEvent(reason) from error
