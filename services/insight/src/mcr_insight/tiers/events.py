"""The tiers' events: the subjects they publish and their publishers, and the archive's customer
events they consume (incremental re-scoring, handled by `TierScoring`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mcr.insight.v1 import events_pb2
from mcr.rollup.v1 import aggregates_pb2
from mcr_core import rollup
from mcr_core.bus import Outbox, Subscription, event_subject
from mcr_core.protobuf import timestamp
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.tiers.domain import TierChange, TierPolicy
from mcr_insight.tiers.mapping import policy_to_proto, tier_change_to_event

TIER_CHANGED = event_subject("insight", "tier", "changed")
TIER_POLICY_CHANGED = event_subject("insight", "tier_policy", "changed")

# The archive's customers, scored before the consumer's transaction (`@prepares`).
ARCHIVE_CUSTOMERS = Subscription(
    "insight-archive-customers", "archive", ("mcr.archive.customer.>",)
)
ARCHIVE_CONSUMER = ARCHIVE_CUSTOMERS.name
# Published customer profiles: the metrics the packs declared, scored like the customer's facts.
ARCHIVE_PROFILES = Subscription(
    "insight-archive-profiles", "archive", ("mcr.archive.profile.published",)
)


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
