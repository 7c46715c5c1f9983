"""The transactional outbox and its relay to JetStream.

`Outbox.add` writes the event into the `outbox` table inside the caller's transaction, so an
event exists exactly when its change committed. The relay publishes committed rows in order
and deletes them once JetStream acknowledged them. A crash between publishing and deleting
makes the relay publish the row again on restart; the Nats-Msg-Id header (the event id) lets
JetStream drop that copy, and consumers are idempotent on the event id beyond the window.

A published row moves, in the transaction that deletes it, to `outbox_published`, where it
stays `retention_seconds` (`MCR_OUTBOX_RETENTION_SECONDS`): a region restored from a backup
takes its streams' snapshot before its databases' backups, and `replay_published` puts back
what the databases committed and the relay published in between (`mcr_core.backup`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from google.protobuf.message import Message
from nats.js import JetStreamContext
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.trace import SpanKind
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.bus.contract import EventContract
from mcr_core.bus.envelope import cloudevent_headers, messaging_attributes
from mcr_core.clock import Clock
from mcr_core.faults import failpoint
from mcr_core.storage import Database, UtcDateTime, after_commit, bulk_insert, kernel_metadata
from mcr_core.storage.types import BigSerial
from mcr_core.waiting import wait_event

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

outbox_table = sa.Table(
    "outbox",
    kernel_metadata,
    sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(36), nullable=False, unique=True),
    sa.Column("subject", sa.String(255), nullable=False),
    sa.Column("event_type", sa.String(255), nullable=False),
    sa.Column("resource", sa.String(255), nullable=False),
    sa.Column("payload", sa.LargeBinary(), nullable=False),
    sa.Column("headers", sa.JSON(), nullable=False),
    sa.Column("occurred_at", UtcDateTime(), nullable=False),
)

published_table = sa.Table(
    "outbox_published",
    kernel_metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    # The row's place in the outbox (SQLite reuses a deleted row's number: the order is
    # published_at, then seq).
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("subject", sa.String(255), nullable=False),
    sa.Column("event_type", sa.String(255), nullable=False),
    sa.Column("resource", sa.String(255), nullable=False),
    sa.Column("payload", sa.LargeBinary(), nullable=False),
    sa.Column("headers", sa.JSON(), nullable=False),
    sa.Column("occurred_at", UtcDateTime(), nullable=False),
    sa.Column("published_at", UtcDateTime(), nullable=False, index=True),
)
DEFAULT_RETENTION_SECONDS = 3600.0
# How often the relay drops published rows older than the retention.
_PURGE_EVERY_SECONDS = 60.0

# Built once: `.values()` on every call costs more than the insert itself.
_INSERT = outbox_table.insert()


class Outbox:
    """Stages a service's events in the transaction of the change that causes them."""

    def __init__(self, source: str, clock: Clock, contract: EventContract | None = None) -> None:
        self.source = source  # CloudEvents source, "mcr/<service>"
        self.clock = clock
        # A service checks each event against the published contract (the kernel passes it).
        self.contract = contract
        self._checked: set[tuple[str, str]] = set()
        self._committed = asyncio.Event()

    async def add(
        self, conn: AsyncConnection, subject: str, message: Message, *, resource: str
    ) -> str:
        """Stage `message` for `subject`; it is published only if the transaction commits."""
        [row] = self._rows([(subject, message, resource)])
        await conn.execute(_INSERT, row)
        after_commit(conn, self._committed.set)
        return row["event_id"]

    async def add_many(
        self, conn: AsyncConnection, events: Sequence[tuple[str, Message, str]]
    ) -> list[str]:
        """Stage many `(subject, message, resource)` events in one bulk statement (COPY on
        PostgreSQL), published in this order if the transaction commits: batches and imports
        announce every record without a round trip per event."""
        if not events:
            return []
        rows = self._rows(events)
        await bulk_insert(conn, outbox_table, rows)
        after_commit(conn, self._committed.set)
        return [row["event_id"] for row in rows]

    def _rows(self, events: Sequence[tuple[str, Message, str]]) -> list[dict]:
        now = self.clock.now()
        trace_context: dict[str, str] = {}
        propagate.inject(trace_context)  # the relay continues the trace of the request
        rows = []
        for subject, message, resource in events:
            event_id = str(uuid.uuid4())
            event_type = message.DESCRIPTOR.full_name
            self._check(subject, event_type)
            headers = cloudevent_headers(
                event_id=event_id,
                source=self.source,
                event_type=event_type,
                time=now,
                resource=resource,
            )
            headers.update(trace_context)
            rows.append(
                {
                    "event_id": event_id,
                    "subject": subject,
                    "event_type": event_type,
                    "resource": resource,
                    "payload": message.SerializeToString(),
                    "headers": headers,
                    "occurred_at": now,
                }
            )
        return rows

    def _check(self, subject: str, event_type: str) -> None:
        if self.contract is None or (subject, event_type) in self._checked:
            return
        self.contract.check(subject, event_type)
        self._checked.add((subject, event_type))

    async def wait_for_commit(self, timeout: float) -> None:
        """Wait until a transaction with events commits, or `timeout` seconds pass."""
        await wait_event(self._committed, timeout)
        self._committed.clear()


class OutboxRelay:
    """Publishes committed outbox rows to JetStream, oldest first."""

    def __init__(
        self,
        db: Database,
        js: JetStreamContext,
        outbox: Outbox,
        *,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        publish_timeout: float = 10.0,
        retention_seconds: float = DEFAULT_RETENTION_SECONDS,
    ) -> None:
        self.db, self.js, self.outbox = db, js, outbox
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.publish_timeout = publish_timeout
        self.retention_seconds = retention_seconds
        self._purged_at: datetime | None = None

    async def run(self) -> None:
        """Relay until cancelled: right after each commit, and every poll interval."""
        while True:
            try:
                # A poll is no request: its statements make no traces of their own (the
                # publish spans continue each event's trace).
                with suppress_instrumentation():
                    await self.publish_all()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying")
                await asyncio.sleep(self.poll_seconds)
            await self.outbox.wait_for_commit(self.poll_seconds)

    async def publish_all(self) -> int:
        """Publish batches until the outbox is empty; returns how many events went out."""
        total = 0
        while (published := await self.publish_pending()) > 0:
            total += published
        await self._purge_published()
        return total

    async def publish_pending(self) -> int:
        """Publish one batch; returns how many events it published."""
        if self.db.is_sqlite:
            return await self._publish_pending_sqlite()
        async with self.db.transaction() as conn:
            # Replicas lock different rows, so each event is published by one relay.
            rows = (await conn.execute(self._oldest().with_for_update(skip_locked=True))).all()
            await self._publish(rows)
            await self._settle(conn, rows)
        return len(rows)

    async def _publish_pending_sqlite(self) -> int:
        # SQLite has one writer at a time: read, publish outside any transaction, then delete
        # in a short one, so the service's writes never wait for JetStream. (An SQLite file
        # belongs to one service process, hence to one relay.)
        async with self.db.read() as conn:
            rows = (await conn.execute(self._oldest())).all()
        if not rows:
            return 0
        await self._publish(rows)
        async with self.db.transaction() as conn:
            await self._settle(conn, rows)
        return len(rows)

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many committed events wait to be published, and when the oldest occurred."""
        query = sa.select(sa.func.count(), sa.func.min(outbox_table.c.occurred_at))
        async with self.db.read() as conn:
            count, oldest = (await conn.execute(query)).one()
        return count, oldest

    def _oldest(self) -> sa.Select:
        return sa.select(outbox_table).order_by(outbox_table.c.seq).limit(self.batch_size)

    async def _settle(self, conn: AsyncConnection, rows: Sequence[sa.Row]) -> None:
        """Delete the published rows, keeping a copy for replay while the retention lasts."""
        if not rows:
            return
        if self.retention_seconds > 0:
            now = self.outbox.clock.now()
            kept = [row._asdict() | {"published_at": now} for row in rows]
            await bulk_insert(conn, published_table, kept)
        seqs = [row.seq for row in rows]
        await conn.execute(outbox_table.delete().where(outbox_table.c.seq.in_(seqs)))

    async def _purge_published(self) -> None:
        now = self.outbox.clock.now()
        if self._purged_at is not None and (
            (now - self._purged_at).total_seconds() < _PURGE_EVERY_SECONDS
        ):
            return
        self._purged_at = now
        cutoff = now - timedelta(seconds=self.retention_seconds)
        async with self.db.transaction() as conn:
            await conn.execute(
                published_table.delete().where(published_table.c.published_at < cutoff)
            )

    async def _publish(self, rows: Sequence[sa.Row]) -> None:
        if not rows:
            return
        await failpoint("outbox.before_publish")
        await self._publish_in_order(rows)
        await failpoint("outbox.after_publish")

    async def _publish_in_order(self, rows: Sequence[sa.Row]) -> None:
        # publish_async sends in order and returns futures, so the batch is pipelined while
        # JetStream still stores the events in the order they were committed.
        acks = []
        for row in rows:
            headers = dict(row.headers)
            parent = propagate.extract(headers)
            attributes = messaging_attributes("send", row.subject) | {
                "messaging.message.id": row.event_id,
                "messaging.message.body.size": len(row.payload),
            }
            with tracer.start_as_current_span(
                f"publish {row.subject}", context=parent, kind=SpanKind.PRODUCER,
                attributes=attributes,
            ):  # fmt: skip
                propagate.inject(headers)
            acks.append(await self.js.publish_async(row.subject, row.payload, headers=headers))
        await asyncio.wait_for(asyncio.gather(*acks), self.publish_timeout)


async def replay_published(conn: AsyncConnection, since: datetime | None = None) -> int:
    """Put the kept rows published `since` (all without it) back into the outbox, ahead of the
    rows still waiting there and in the order they were published, for the relay to publish
    again: after a restore, the streams lack what the relay published after their snapshot.
    (A restored stream does not remember the ids of its messages, so a copy of an event it
    holds stays in it; consumers skip an event they handled, they record event ids.) Returns
    how many rows went back."""
    columns = [c.name for c in outbox_table.columns if c.name != "seq"]
    kept = published_table.c
    query = sa.select(*(kept[name] for name in columns)).order_by(kept.published_at, kept.seq)
    if since is not None:
        query = query.where(kept.published_at >= since)
    published = (await conn.execute(query)).all()
    if not published:
        await conn.execute(published_table.delete())
        return 0
    waiting = (await conn.execute(sa.select(outbox_table).order_by(outbox_table.c.seq))).all()
    sent = {row.event_id for row in published}
    rows = [row._asdict() for row in published] + [
        {name: getattr(row, name) for name in columns}
        for row in waiting
        if row.event_id not in sent
    ]
    # Numbered anew, in this order (an explicit old number could collide with a new one).
    await conn.execute(outbox_table.delete())
    await conn.execute(outbox_table.insert(), rows)
    await conn.execute(published_table.delete())
    return len(published)
