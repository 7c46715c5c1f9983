"""Insight's events: the subjects it publishes, their publishers, and its consumer of the
archive's customer events (incremental re-scoring)."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from mcr.archive.v1 import events_pb2 as archive_events_pb2
from mcr.insight.v1 import events_pb2
from mcr_core.bus import Event, EventConsumer, Outbox, PoisonEvent, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import TierChange, TierPolicy, customer_id_from_name
from mcr_insight.mapping import facts_from_proto, policy_to_proto, tier_change_to_event

if TYPE_CHECKING:
    from mcr_core.service import Kernel

    from mcr_insight.service import Insight

TIER_CHANGED = event_subject("insight", "tier", "changed")
TIER_POLICY_CHANGED = event_subject("insight", "tier_policy", "changed")

ARCHIVE_CONSUMER = "insight-archive-customers"
ARCHIVE_CUSTOMER_SUBJECTS = ["mcr.archive.customer.>"]
# Importing the archive's event module registers its types, so an insight process of its own
# (not sharing a Python process with the archive) can decode them.
_CREATED = archive_events_pb2.CustomerCreated.DESCRIPTOR.full_name
_UPDATED = archive_events_pb2.CustomerUpdated.DESCRIPTOR.full_name
_DELETED = archive_events_pb2.CustomerDeleted.DESCRIPTOR.full_name


async def tier_changed(outbox: Outbox, conn: AsyncConnection, change: TierChange) -> None:
    message = tier_change_to_event(change)
    await outbox.add(conn, TIER_CHANGED, message, resource=message.customer)


async def tier_policy_changed(
    outbox: Outbox,
    conn: AsyncConnection,
    policy: TierPolicy,
    plugin: str,
    etag: str,
    previous_etag: str,
) -> None:
    message = events_pb2.TierPolicyChanged(
        policy=policy_to_proto(policy, plugin, etag), previous_etag=previous_etag
    )
    await outbox.add(conn, TIER_POLICY_CHANGED, message, resource=message.policy.name)


def archive_consumer(kernel: Kernel, insight: Insight) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        message = event.message
        kind = message.DESCRIPTOR.full_name
        if kind in (_CREATED, _UPDATED):
            customer = message.customer
            facts = facts_from_proto(customer)
            await insight.customer_changed(conn, facts, customer.update_time.ToDatetime(tzinfo=UTC))
        elif kind == _DELETED:
            customer_id = customer_id_from_name(message.name, "name")
            await insight.customer_deleted(conn, customer_id, message.region, event.time)
        else:
            raise PoisonEvent(f"insight does not handle {kind}")

    return kernel.consumer(ARCHIVE_CONSUMER, "archive", ARCHIVE_CUSTOMER_SUBJECTS, handle)
