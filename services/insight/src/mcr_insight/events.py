"""Insight's events: the subjects it publishes, their publishers, and its consumer of the
archive's customer events (incremental re-scoring)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mcr.archive.v1 import events_pb2 as archive_events
from mcr.insight.v1 import events_pb2
from mcr.rollup.v1 import aggregates_pb2
from mcr_core import rollup
from mcr_core.bus import Event, EventConsumer, Outbox, PoisonEvent, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import (
    Opportunity,
    TierChange,
    TierPolicy,
    YearlyRevenue,
    customer_id_from_name,
)
from mcr_insight.mapping import (
    facts_from_proto,
    market_target_event,
    policy_to_proto,
    tier_change_to_event,
    timestamp,
)

if TYPE_CHECKING:
    from mcr_core.service import Kernel

    from mcr_insight.service import Insight, PreparedScoring

TIER_CHANGED = event_subject("insight", "tier", "changed")
TIER_POLICY_CHANGED = event_subject("insight", "tier_policy", "changed")
MARKET_TARGET_SELECTED = event_subject("insight", "market_target", "selected")

ARCHIVE_CONSUMER = "insight-archive-customers"
ARCHIVE_CUSTOMER_SUBJECTS = ["mcr.archive.customer.>"]
# Importing the archive's event module registers its types, so that a consumer can decode them
# (a process that never imported it would dead-letter them as unknown).
_CREATED = archive_events.CustomerCreated.DESCRIPTOR.full_name
_UPDATED = archive_events.CustomerUpdated.DESCRIPTOR.full_name
_DELETED = archive_events.CustomerDeleted.DESCRIPTOR.full_name


async def tiers_changed(
    outbox: Outbox, conn: AsyncConnection, changes: Sequence[TierChange]
) -> None:
    messages = [tier_change_to_event(change) for change in changes]
    await outbox.add_many(conn, [(TIER_CHANGED, m, m.customer) for m in messages])


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


async def market_target_selected(
    outbox: Outbox, conn: AsyncConnection, opportunity: Opportunity
) -> None:
    message = market_target_event(opportunity)
    await outbox.add(conn, MARKET_TARGET_SELECTED, message, resource=opportunity.name)


async def tier_aggregates(
    outbox: Outbox,
    conn: AsyncConnection,
    region: str,
    counts: dict[str, int],
    migrations: list[tuple[str, str, int]],
    period: tuple[datetime, datetime],
) -> None:
    """The region's tier counts, the period's migrations and insight's key figures, for the
    global view: counts only, no customer is named."""
    start, end = period
    await rollup.stage(
        outbox,
        conn,
        aggregates_pb2.TierCounts(region=region, as_of=timestamp(end), customers_by_tier=counts),
    )
    await rollup.stage(
        outbox,
        conn,
        aggregates_pb2.TierMigrations(
            region=region,
            period_start=timestamp(start),
            period_end=timestamp(end),
            migrations=[
                aggregates_pb2.TierMigrations.Migration(
                    from_tier=before, to_tier=after, customers=number
                )
                for before, after, number in migrations
            ],
        ),
    )
    figures = {
        "customers_in_portfolio": float(sum(counts.values())),
        "tier_changes": float(sum(number for *_, number in migrations)),
    }
    await rollup.stage(
        outbox,
        conn,
        aggregates_pb2.KpiFigures(
            region=region, service="insight", as_of=timestamp(end), figures=figures
        ),
    )


def archive_consumer(kernel: Kernel, insight: Insight) -> EventConsumer:
    async def prepare(event: Event) -> PreparedScoring | None:
        # Plugins are called here, before the transaction (see EventConsumer's `prepare`).
        if event.message.DESCRIPTOR.full_name in (_CREATED, _UPDATED):
            return await insight.prepare_scoring(facts_from_proto(event.message.customer))
        return None

    async def handle(event: Event, conn: AsyncConnection) -> None:
        message = event.message
        kind = message.DESCRIPTOR.full_name
        if kind in (_CREATED, _UPDATED):
            customer = message.customer
            facts = facts_from_proto(customer)
            when = customer.update_time.ToDatetime(tzinfo=UTC)
            await insight.customer_changed(conn, facts, when, event.prepared)
        elif kind == _DELETED:
            customer_id = customer_id_from_name(message.name, "name")
            await insight.customer_deleted(conn, customer_id, message.region, event.time)
        else:
            raise PoisonEvent(f"insight does not handle {kind}")

    return kernel.consumer(
        ARCHIVE_CONSUMER, "archive", ARCHIVE_CUSTOMER_SUBJECTS, handle, prepare=prepare
    )


REVENUE_CONSUMER = "insight-archive-revenue"
REVENUE_SUBJECTS = ["mcr.archive.revenue.recorded"]


def revenue_consumer(kernel: Kernel, insight: Insight) -> EventConsumer:
    """The archive's yearly revenue, for the value-return curve and the tiers' purchase shares."""

    async def handle(event: Event, conn: AsyncConnection) -> None:
        message = event.message
        if not isinstance(message, archive_events.YearlyRevenueRecorded):
            raise PoisonEvent(f"insight does not handle {message.DESCRIPTOR.full_name}")
        item = YearlyRevenue(
            customer_id=customer_id_from_name(message.customer, "customer"),
            region=message.region,
            year=message.year,
            currency=message.amount.currency_code,
            units=message.amount.units,
        )
        await insight.revenue_recorded(conn, item)

    return kernel.consumer(REVENUE_CONSUMER, "archive", REVENUE_SUBJECTS, handle)
