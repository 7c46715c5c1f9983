"""The profile events: subjects, the functions that stage them in the outbox, and the consumer
of insight's tier decisions and tier policies (which tiers oblige a CP and VP)."""

from __future__ import annotations

from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import events_pb2
from mcr_core.bus import EventConsumer, Outbox, event_subject
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive.hooks import NetworkMetric
from mcr_archive.profiles.domain import Profile
from mcr_archive.profiles.mapping import STATE_TO_PROTO, metric_values_to_proto, missing_to_proto

PROFILE_CHANGED = event_subject("archive", "profile", "changed")
PROFILE_PUBLISHED = event_subject("archive", "profile", "published")
SECTIONS_MISSING = event_subject("archive", "profile", "sections_missing")
TIER_CHANGED = event_subject("insight", "tier", "changed")
TIER_POLICY_CHANGED = event_subject("insight", "tier_policy", "changed")


async def profile_changed(
    outbox: Outbox, conn: AsyncConnection, profile: Profile, changed: list[str], round_: int = 0
) -> None:
    message = events_pb2.ProfileChanged(
        name=profile.name,
        customer=f"customers/{profile.customer_id}",
        region=profile.region,
        state=STATE_TO_PROTO[profile.state],
        changed_fields=FieldMask(paths=sorted(changed)),
        review_round=round_,
    )
    await outbox.add(conn, PROFILE_CHANGED, message, resource=profile.name)


async def profile_published(
    outbox: Outbox,
    conn: AsyncConnection,
    profile: Profile,
    approved_by: str,
    schema: list[tuple[NetworkMetric, str]],
) -> None:
    """A new version; a customer profile's metrics go with it, typed by the industry's schema,
    for the packs that score on them."""
    name = f"{profile.name}/versions/{profile.published_version}"
    message = events_pb2.ProfilePublished(
        name=name,
        customer=f"customers/{profile.customer_id}",
        region=profile.region,
        version=profile.published_version,
        approved_by=f"employees/{approved_by}",
        network_metrics=metric_values_to_proto(profile.network_metrics, schema),
    )
    await outbox.add(conn, PROFILE_PUBLISHED, message, resource=name)


async def sections_missing(
    outbox: Outbox,
    conn: AsyncConnection,
    customer_id: str,
    region: str,
    tier: str,
    previous_tier: str,
    missing: list,
) -> None:
    message = events_pb2.ProfileSectionsMissing(
        customer=f"customers/{customer_id}",
        region=region,
        tier=tier,
        previous_tier=previous_tier,
        missing_sections=[missing_to_proto(kind, part) for kind, part in missing],
    )
    await outbox.add(conn, SECTIONS_MISSING, message, resource=f"customers/{customer_id}")


def obligations_consumer(kernel: Kernel, handler) -> EventConsumer:
    """Its own durable consumer: the archive's `archive-tiers` keeps the tier for search."""
    return kernel.consumer(
        "archive-profile-obligations", "insight", [TIER_CHANGED, TIER_POLICY_CHANGED], handler
    )
