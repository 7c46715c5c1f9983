"""The global roll-up: personal-data-free aggregates from each regional installation to one
global view.

A region's services stage aggregates (`mcr.rollup.v1`: tier counts, tier migrations, KPI
figures) through their outbox, in the transaction that reads the figures, on
`mcr.rollup.<region>.<kind>`; the region's stream `MCR_ROLLUP` holds those subjects only. The
global installation's stream `MCR_GLOBAL` sources `MCR_ROLLUP` from each region's JetStream
domain over a leaf-node connection. Nothing else crosses: no other stream is sourced, and
`stage` refuses any message that is not one of the aggregate types, which name no customer,
person or employee (a test walks their fields).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from google.protobuf.message import Message
from mcr.rollup.v1 import aggregates_pb2
from nats.js import JetStreamContext
from nats.js.api import ExternalStream, StorageType, StreamConfig, StreamSource
from nats.js.errors import NotFoundError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_core.bus.outbox import Outbox
from mcr_core.bus.streams import DUPLICATE_WINDOW_SECONDS, _ensure

ROLLUP_STREAM = "MCR_ROLLUP"
GLOBAL_STREAM = "MCR_GLOBAL"
ROLLUP_SUBJECTS = "mcr.rollup.>"
# The only messages that may leave a region, and the subject token of each.
AGGREGATES: dict[type[Message], str] = {
    aggregates_pb2.TierCounts: "tier_counts",
    aggregates_pb2.TierMigrations: "tier_migrations",
    aggregates_pb2.KpiFigures: "kpi_figures",
}
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# How many aggregates of one region and kind each stream keeps (the newest is the view).
HISTORY_PER_SUBJECT = 400


def rollup_subject(message: Message) -> str:
    """`mcr.rollup.<region>.<kind>`, and `.<service>` for a service's KPI figures."""
    kind = AGGREGATES.get(type(message))
    if kind is None:
        raise TypeError(f"{type(message).__name__} is not an aggregate; it cannot roll up")
    tokens = [message.region]
    if isinstance(message, aggregates_pb2.KpiFigures):
        tokens.append(message.service)
    for token in tokens:
        if not _TOKEN.match(token):
            raise ValueError(f"{token!r} is not a region or service name")
    subject = f"mcr.rollup.{message.region}.{kind}"
    return f"{subject}.{message.service}" if len(tokens) > 1 else subject


async def stage(outbox: Outbox, conn: AsyncConnection, message: Message) -> str:
    """Stage an aggregate for the global view, in the caller's transaction."""
    return await outbox.add(
        conn, rollup_subject(message), message, resource=f"regions/{message.region}"
    )


def _config(name: str, replicas: int, **more) -> StreamConfig:
    return StreamConfig(
        name=name,
        storage=StorageType.FILE,
        num_replicas=replicas,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        max_msgs_per_subject=HISTORY_PER_SUBJECT,
        **more,
    )


async def ensure_rollup_stream(js: JetStreamContext, replicas: int = 1) -> None:
    """The region's stream of aggregates (created by whichever service starts first)."""
    await _ensure(js, _config(ROLLUP_STREAM, replicas, subjects=[ROLLUP_SUBJECTS]))


async def ensure_global_view(
    js: JetStreamContext, domains: Sequence[str], replicas: int = 1
) -> None:
    """The global stream, sourcing `MCR_ROLLUP` from the JetStream domain of each region."""
    sources = [
        StreamSource(
            name=ROLLUP_STREAM,
            filter_subject=ROLLUP_SUBJECTS,
            external=ExternalStream(api=f"$JS.{domain}.API"),
        )
        for domain in domains
    ]
    config = _config(GLOBAL_STREAM, replicas, sources=sources)
    try:
        await js.stream_info(GLOBAL_STREAM)
    except NotFoundError:
        await js.add_stream(config)
    else:
        await js.update_stream(config)  # a region added or removed


async def latest(
    js: JetStreamContext, message_type: type[Message], region: str, service: str = ""
) -> Message:
    """The newest aggregate of a kind for a region (and service, for KPI figures), as the
    global view holds it."""
    probe = message_type(region=region, **({"service": service} if service else {}))
    found = await js.get_last_msg(GLOBAL_STREAM, rollup_subject(probe))
    message = message_type()
    message.ParseFromString(found.data)
    return message
