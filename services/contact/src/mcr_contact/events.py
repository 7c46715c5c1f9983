"""Contact's events: the subjects it publishes, their publishers, and the subscriptions of its
consumers of insight's tier events and the archive's hand-overs."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from mcr.contact.v1 import events_pb2
from mcr_core.bus import Outbox, Subscription, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_contact.domain import Activity, CustomerDate, KeyEvent
from mcr_contact.mapping import timestamp

if TYPE_CHECKING:
    from datetime import datetime

    from mcr_core.plugins import CustomerContext

    from mcr_contact.store import Tracked

KEY_EVENT_RECORDED = event_subject("contact", "key_event", "recorded")
ACTIVITY_LOGGED = event_subject("contact", "activity", "logged")
ACTIVITY_CLOSED = event_subject("contact", "activity", "closed")
CADENCE_BREACHED = event_subject("contact", "cadence", "breached")
CUSTOMER_CALENDAR_PLANNED = event_subject("contact", "customer_calendar", "planned")

# Consumed: insight's tiers and policies, the archive's hand-overs and persons, planning's
# key-person plan; each type is handled by a
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

# Key persons followed by events (R-CON-8/10, R-82): the archive's persons (decision roles, veto,
# rising star, retirement, departure) and planning's key-person plan (target, owner, sponsors).
ARCHIVE_PERSONS = Subscription(
    "contact-archive-persons",
    "archive",
    (
        "mcr.archive.person.created",
        "mcr.archive.person.updated",
        "mcr.archive.person.deleted",
        "mcr.archive.person.moved",
    ),
)
PLANNING_KEY_PERSONS = Subscription(
    "contact-planning-key-persons", "planning", ("mcr.planning.key_person.changed",)
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


async def customer_calendar_planned(
    outbox: Outbox,
    conn: AsyncConnection,
    customer: CustomerContext,
    calendar: list[tuple[str, CustomerDate]],
    when: datetime,
) -> None:
    """The customer's whole calendar, each date with the pack that gave it; empty clears it."""
    name = f"customers/{customer.id}"
    message = events_pb2.CustomerCalendarPlanned(
        customer=name,
        region=customer.region,
        dates=[
            events_pb2.CustomerCalendarPlanned.CustomerDate(
                source=pack, **dataclasses.asdict(found)
            )
            for pack, found in calendar
        ],
        plan_time=timestamp(when),
    )
    await outbox.add(conn, CUSTOMER_CALENDAR_PLANNED, message, resource=f"{name}/calendar")
