"""Contact's events: the subjects it publishes, their publishers, and the subscriptions of its
consumers of insight's tier events and the archive's hand-overs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcr.contact.v1 import events_pb2
from mcr_core.bus import Outbox, Subscription, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_contact.domain import Activity, KeyEvent
from mcr_contact.mapping import timestamp

if TYPE_CHECKING:
    from mcr_contact.store import Tracked

KEY_EVENT_RECORDED = event_subject("contact", "key_event", "recorded")
ACTIVITY_LOGGED = event_subject("contact", "activity", "logged")
ACTIVITY_CLOSED = event_subject("contact", "activity", "closed")
CADENCE_BREACHED = event_subject("contact", "cadence", "breached")

# Consumed: insight's tiers and policies, the archive's hand-overs; each type is handled by a
# `@handles` method of `Contact`.
INSIGHT_TIERS = Subscription(
    "contact-insight-tiers",
    "insight",
    ("mcr.insight.tier.changed", "mcr.insight.tier_policy.changed"),
)
ARCHIVE_HANDOVERS = Subscription(
    "contact-archive-handovers",
    "archive",
    ("mcr.archive.portfolio.transferred", "mcr.archive.handover.introduction_requested"),
)
# The customers' industry and ownership type: they select the packs that answer for each.
ARCHIVE_CUSTOMERS = Subscription(
    "contact-archive-customers",
    "archive",
    ("mcr.archive.customer.created", "mcr.archive.customer.updated"),
)


def _employee_id(name: str) -> str:
    return name.removeprefix("employees/")


async def key_event_recorded(outbox: Outbox, conn: AsyncConnection, event: KeyEvent) -> None:
    message = events_pb2.KeyEventRecorded(
        key_event=event.name,
        customer=f"customers/{event.customer_id}",
        region=event.region,
        person=event.person,
        dimension=event.dimension,
        impact=event.impact,
        summary=event.summary,
        activity=event.activity,
        recorded_by=f"employees/{event.recorded_by}",
        occur_time=timestamp(event.occur_time),
    )
    await outbox.add(conn, KEY_EVENT_RECORDED, message, resource=event.name)


async def activity_logged(outbox: Outbox, conn: AsyncConnection, activity: Activity) -> None:
    message = events_pb2.ActivityLogged(
        activity=activity.name,
        customer=f"customers/{activity.customer_id}",
        region=activity.region,
        type=activity.type,
        state=activity.state.value,
        target_persons=activity.target_persons,
        plan_item=activity.plan_item,
        start_time=timestamp(activity.start_time),
    )
    await outbox.add(conn, ACTIVITY_LOGGED, message, resource=activity.name)


async def activity_closed(outbox: Outbox, conn: AsyncConnection, activity: Activity) -> None:
    message = events_pb2.ActivityClosed(
        activity=activity.name,
        customer=f"customers/{activity.customer_id}",
        region=activity.region,
    )
    await outbox.add(conn, ACTIVITY_CLOSED, message, resource=activity.name)


async def cadence_breached(outbox: Outbox, conn: AsyncConnection, tracked: Tracked) -> None:
    name = f"{tracked.person}/cadence"
    message = events_pb2.CadenceBreached(
        cadence=name,
        customer=f"customers/{tracked.customer_id}",
        region=tracked.region,
        owner=f"employees/{tracked.owner_id}",
        supervisor=f"employees/{tracked.supervisor_id}" if tracked.supervisor_id else "",
        breach_time=timestamp(tracked.breach_time),
    )
    await outbox.add(conn, CADENCE_BREACHED, message, resource=name)
