"""Contact's events: the subjects it publishes, their publishers, and its consumers of
insight's tier events and the archive's hand-overs."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from mcr.archive.v1 import events_pb2 as archive_events  # noqa: F401 (see below)
from mcr.contact.v1 import events_pb2
from mcr.insight.v1 import events_pb2 as insight_events  # noqa: F401 (see below)
from mcr_core.bus import Event, EventConsumer, Outbox, PoisonEvent, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_contact.domain import Activity, KeyEvent, PolicyCadence, customer_id_from_name
from mcr_contact.mapping import timestamp

if TYPE_CHECKING:
    from mcr_core.service import Kernel

    from mcr_contact.service import Contact
    from mcr_contact.store import Tracked

KEY_EVENT_RECORDED = event_subject("contact", "key_event", "recorded")
ACTIVITY_LOGGED = event_subject("contact", "activity", "logged")
ACTIVITY_CLOSED = event_subject("contact", "activity", "closed")
CADENCE_BREACHED = event_subject("contact", "cadence", "breached")

# The events consumed are decoded by their type name from protobuf's default pool: the modules
# of insight's and the archive's events are imported above so their types are in it. Without
# them this process (unlike a test that imported them) dead-letters every one as unknown.
INSIGHT_CONSUMER = "contact-insight-tiers"
INSIGHT_SUBJECTS = ["mcr.insight.tier.changed", "mcr.insight.tier_policy.changed"]
ARCHIVE_CONSUMER = "contact-archive-handovers"
ARCHIVE_SUBJECTS = [
    "mcr.archive.portfolio.transferred",
    "mcr.archive.handover.introduction_requested",
]


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


def insight_consumer(kernel: Kernel, contact: Contact) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        message = event.message
        kind = message.DESCRIPTOR.full_name
        if kind == "mcr.insight.v1.TierChanged":
            customer_id = customer_id_from_name(message.customer, "customer")
            when = (
                message.change_time.ToDatetime(tzinfo=UTC)
                if message.HasField("change_time")
                else event.time
            )
            await contact.tier_changed(conn, customer_id, message.region, message.tier, when)
        elif kind == "mcr.insight.v1.TierPolicyChanged":
            policy = message.policy
            cadences = [
                PolicyCadence(
                    c.role,
                    max(round(c.interval.ToTimedelta().total_seconds() / 86_400), 1),
                    c.minimum_contacts or 1,
                )
                for c in policy.contact_cadences
            ]
            await contact.tier_policy_changed(conn, policy.tier, cadences, policy.etag)
        else:
            raise PoisonEvent(f"contact does not handle {kind}")

    return kernel.consumer(INSIGHT_CONSUMER, "insight", INSIGHT_SUBJECTS, handle)


def archive_consumer(kernel: Kernel, contact: Contact) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        message = event.message
        kind = message.DESCRIPTOR.full_name
        if kind == "mcr.archive.v1.PortfolioTransferred":
            await contact.portfolio_transferred(
                conn,
                _employee_id(message.from_employee),
                _employee_id(message.to_employee),
                [customer_id_from_name(c, "customers") for c in message.customers],
                list(message.persons),
            )
        elif kind == "mcr.archive.v1.HandoverIntroductionRequested":
            await contact.handover_introduction(
                conn,
                message.person,
                message.region,
                _employee_id(message.from_employee),
                _employee_id(message.to_employee),
            )
        else:
            raise PoisonEvent(f"contact does not handle {kind}")

    return kernel.consumer(ARCHIVE_CONSUMER, "archive", ARCHIVE_SUBJECTS, handle)
