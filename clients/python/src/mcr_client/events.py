"""The platform's events for an internal app: `subscribe(event types, ...)`.

The durable-consumer rules, as the app's credentials (`mcr bus app NAME --stream SERVICE`)
enforce them: the app reads each service's stream through one durable pull consumer named
after the app (`NAME`, or `NAME-<purpose>` for a second reader of the same stream), with
explicit acknowledgements. The consumer keeps its place on the server: a restarted app goes on
where it stopped. `start` replays instead: from a time (`datetime`) or a stream sequence
(`int`), by creating the consumer anew. Acknowledge each event once handled; an event may come
twice (after a crash before the acknowledgement), so handle it by its `id` once.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import nats
from google.protobuf.message import Message
from mcr.common.v1 import event_pb2
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

_PARAMETER = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class Event:
    """One event: its CloudEvents attributes, the decoded message, and its stream position."""

    id: str
    type: str
    source: str
    subject: str
    resource: str
    time: datetime
    message: Message
    sequence: int
    _msg: Msg

    async def ack(self) -> None:
        """Done with it: the consumer moves past it."""
        await self._msg.ack()

    async def retry_later(self, seconds: float = 5.0) -> None:
        """Not now: it comes again after `seconds`."""
        await self._msg.nak(delay=seconds)


def subject_of(event_type: type[Message]) -> tuple[str, str]:
    """The stream and subject filter of an event type, from its contract option."""
    options = event_type.DESCRIPTOR.GetOptions()
    if not options.HasExtension(event_pb2.event):
        raise ValueError(f"{event_type.DESCRIPTOR.full_name} is not an event of the platform")
    subject = options.Extensions[event_pb2.event].subject
    service = subject.split(".")[1]
    return f"MCR_{service.upper()}", _PARAMETER.sub("*", subject)


def inbox_of(credentials: Path) -> str:
    """The inbox prefix the credentials may read: `_INBOX.<its JWT's name>`."""
    text = Path(credentials).read_text()
    token = text.split("-----BEGIN NATS USER JWT-----")[1].split("------END")[0].strip()
    body = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return f"_INBOX.{claims['name']}"


def _deliver_from(start: datetime | int | None) -> dict[str, Any]:
    if start is None:
        return {"deliver_policy": DeliverPolicy.ALL}
    if isinstance(start, datetime):
        if start.tzinfo is None:
            raise ValueError("start: a datetime with its time zone")
        return {"deliver_policy": DeliverPolicy.BY_START_TIME, "opt_start_time": start.isoformat()}
    return {"deliver_policy": DeliverPolicy.BY_START_SEQUENCE, "opt_start_seq": int(start)}


def _decode(msg: Msg, types: dict[str, type[Message]]) -> Event | None:
    headers = msg.headers or {}
    kind = types.get(headers.get("ce-type", ""))
    if kind is None:
        return None
    return Event(
        id=headers.get("ce-id", ""),
        type=headers["ce-type"],
        source=headers.get("ce-source", ""),
        subject=msg.subject,
        resource=headers.get("ce-subject", ""),
        time=datetime.fromisoformat(headers["ce-time"]),
        message=kind.FromString(msg.data),
        sequence=msg.metadata.sequence.stream,
        _msg=msg,
    )


async def subscribe(
    nats_url: str,
    credentials: Path,
    app: str,
    event_types: Sequence[type[Message]],
    *,
    start: datetime | int | None = None,
    purpose: str | None = None,
    tls: Any = None,
    batch: int = 50,
) -> AsyncIterator[Event]:
    """Yield the events of `event_types` as they come, until the caller stops iterating.

    `app` is the app's name as its credentials were issued; `purpose` names a second consumer
    of the same stream (`<app>-<purpose>`). An event of a type not asked for is acknowledged
    and skipped."""
    name = f"{app}-{purpose}" if purpose else app
    types = {t.DESCRIPTOR.full_name: t for t in event_types}
    filters: dict[str, list[str]] = {}
    for event_type in event_types:
        stream, subject = subject_of(event_type)
        filters.setdefault(stream, []).append(subject)
    nc = await nats.connect(
        nats_url,
        user_credentials=str(credentials),
        inbox_prefix=inbox_of(credentials),
        **({"tls": tls} if tls is not None else {}),
    )
    try:
        js = nc.jetstream()
        subscriptions = [
            await _bind(js, stream, name, sorted(set(subjects)), start)
            for stream, subjects in filters.items()
        ]
        while True:
            for subscription in subscriptions:
                try:
                    messages = await subscription.fetch(batch, timeout=1.0)
                except (TimeoutError, nats.errors.TimeoutError):
                    continue
                for msg in messages:
                    event = _decode(msg, types)
                    if event is None:
                        await msg.ack()
                        continue
                    yield event
    finally:
        await asyncio.shield(nc.drain())


async def _bind(js, stream: str, name: str, subjects: list[str], start):
    try:
        existing = await js.consumer_info(stream, name)
    except NotFoundError:
        existing = None
    if existing is not None and start is None:
        # Go on where it stopped; follow a change of event types (the position stays).
        if sorted(existing.config.filter_subjects or []) != subjects:
            await js.add_consumer(stream, existing.config.evolve(filter_subjects=subjects))
        return await js.pull_subscribe_bind(name, stream=stream)
    if existing is not None:  # replay: the consumer starts again from there
        await js.delete_consumer(stream, name)
    config = ConsumerConfig(
        durable_name=name,
        ack_policy=AckPolicy.EXPLICIT,
        filter_subjects=subjects,
        max_ack_pending=1000,
        **_deliver_from(start),
    )
    await js.add_consumer(stream, config)
    return await js.pull_subscribe_bind(name, stream=stream)
