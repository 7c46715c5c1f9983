"""Persisted timers: reminders and deadlines that fire once, across replicas and restarts.

A timer is a row (`kind`, `key`, `due_at`, `payload`). `TimerService.fire_due()` claims each due
timer with a conditional UPDATE and runs its handler in the same transaction: two replicas
racing for a timer both try the UPDATE and only one changes the row, and a handler that fails
(or a process that dies) rolls the claim back, so the timer fires again later. The handler's
effects and the `fired_at` mark commit together: the timer fires exactly once.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.clock import Clock
from mcr_core.storage import Database, UtcDateTime, kernel_metadata
from mcr_core.waiting import wait_event

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

timers_table = sa.Table(
    "timers",
    kernel_metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("kind", sa.String(128), nullable=False),
    sa.Column("key", sa.String(255), nullable=False),
    sa.Column("due_at", UtcDateTime(), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("fired_at", UtcDateTime(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.UniqueConstraint("kind", "key", name="uq_timers_kind_key"),
)

TimerHandler = Callable[["Timer", AsyncConnection], Awaitable[None]]


class Timer:
    __slots__ = ("due_at", "id", "key", "kind", "payload")

    def __init__(self, row: sa.Row) -> None:
        self.id, self.kind, self.key = row.id, row.kind, row.key
        self.due_at: datetime = row.due_at
        self.payload: dict[str, Any] = row.payload


class TimerService:
    def __init__(self, db: Database, clock: Clock, *, poll_seconds: float = 1.0) -> None:
        self.db, self.clock, self.poll_seconds = db, clock, poll_seconds
        self._handlers: dict[str, TimerHandler] = {}

    def on(self, kind: str) -> Callable[[TimerHandler], TimerHandler]:
        """Register the handler of a timer kind (decorator)."""

        def register(handler: TimerHandler) -> TimerHandler:
            self._handlers[kind] = handler
            return handler

        return register

    async def schedule(
        self,
        conn: AsyncConnection,
        kind: str,
        key: str,
        due_at: datetime,
        payload: dict[str, Any] | None = None,
    ) -> None:
        """Set (or move) the timer `kind`/`key` to fire at `due_at`, in the caller's transaction.

        Scheduling the same kind and key again replaces the due time and re-arms the timer, so
        "remind me in 30 days, counted from the last contact" is one call per contact.
        """
        values = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "key": key,
            "due_at": due_at,
            "payload": payload or {},
            "fired_at": None,
            "created_at": self.clock.now(),
        }
        dialect = sqlite if self.db.is_sqlite else postgresql
        insert = dialect.insert(timers_table).values(values)
        await conn.execute(
            insert.on_conflict_do_update(
                index_elements=["kind", "key"],
                set_={"due_at": due_at, "payload": values["payload"], "fired_at": None},
            )
        )

    async def ensure(
        self,
        conn: AsyncConnection,
        kind: str,
        key: str,
        due_at: datetime,
        payload: dict[str, Any] | None = None,
    ) -> bool:
        """Schedule the timer `kind`/`key` unless it exists already (fired or not); returns
        whether it was scheduled. For a recurring timer whose handler schedules the next
        occurrence: a service starts it once, and a restart does not postpone it."""
        values = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "key": key,
            "due_at": due_at,
            "payload": payload or {},
            "fired_at": None,
            "created_at": self.clock.now(),
        }
        dialect = sqlite if self.db.is_sqlite else postgresql
        insert = dialect.insert(timers_table).values(values).on_conflict_do_nothing()
        return (await conn.execute(insert)).rowcount == 1

    async def cancel(self, conn: AsyncConnection, kind: str, key: str) -> None:
        await conn.execute(
            timers_table.delete().where(timers_table.c.kind == kind, timers_table.c.key == key)
        )

    async def fire_due(self, limit: int = 500) -> int:
        """Fire every timer due now that no one fired yet; returns how many this replica fired."""
        now = self.clock.now()
        # Polling every second is no request: its query makes no trace.
        with suppress_instrumentation():
            due = await self._due(now, limit)
        fired = 0
        for row in due:
            # A span per firing: the handler's statements and its log lines make one trace.
            attributes = {"mcr.timer.kind": row.kind}
            with tracer.start_as_current_span(f"timer {row.kind}", attributes=attributes):
                fired += await self._fire(Timer(row), now)
        return fired

    async def _due(self, now: datetime, limit: int) -> list[sa.Row]:
        async with self.db.read() as conn:
            return (
                await conn.execute(
                    sa.select(timers_table)
                    .where(timers_table.c.fired_at.is_(None), timers_table.c.due_at <= now)
                    .order_by(timers_table.c.due_at)
                    .limit(limit)
                )
            ).all()

    async def _fire(self, timer: Timer, now: datetime) -> int:
        handler = self._handlers.get(timer.kind)
        if handler is None:
            log.error("no handler for timer kind", extra={"kind": timer.kind})
            return 0
        try:
            async with self.db.transaction() as conn:
                claimed = await conn.execute(
                    timers_table.update()
                    .where(timers_table.c.id == timer.id, timers_table.c.fired_at.is_(None))
                    .values(fired_at=now)
                )
                if claimed.rowcount != 1:
                    return 0  # another replica fired it
                await handler(timer, conn)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("timer handler failed; it fires again", extra={"kind": timer.kind})
            return 0
        return 1

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many timers are due and not fired yet, and the oldest due time among them."""
        query = sa.select(sa.func.count(), sa.func.min(timers_table.c.due_at)).where(
            timers_table.c.fired_at.is_(None), timers_table.c.due_at <= self.clock.now()
        )
        async with self.db.read() as conn:
            count, oldest = (await conn.execute(query)).one()
        return count, oldest

    async def run(self) -> None:
        """Fire due timers until cancelled, every poll interval (or when a fake clock moves)."""
        while True:
            try:
                await self.fire_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("timer loop failed; retrying")
            changed = getattr(self.clock, "changed", None)
            if changed is None:
                await asyncio.sleep(self.poll_seconds)
                continue
            await wait_event(changed, self.poll_seconds)
