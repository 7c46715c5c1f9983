"""Planning's events: the subjects it publishes and its consumers of insight's tiers, policies
and market targets, archive's person moves and portfolio transfers, contact's key events and
satisfaction's risk signals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from mcr.archive.v1 import customer_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.contact.v1 import events_pb2 as contact_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.planning.v1 import events_pb2
from mcr.satisfaction.v1 import events_pb2 as satisfaction_events
from mcr_core.bus import Event, EventConsumer, Outbox, PoisonEvent, event_subject
from mcr_core.errors import DomainError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.domain import (
    GoalKind,
    MarketGoal,
    OwnershipType,
    customer_id_from_name,
    employee_id_from_name,
    parse_enum,
    person_ids_from_name,
)
from mcr_planning.mapping import timestamp

if TYPE_CHECKING:
    from mcr_core.service import Kernel

    from mcr_planning.service import Planning

ANNUAL_PLAN_ISSUED = event_subject("planning", "annual_plan", "issued")
PLAN_ITEM_OVERDUE = event_subject("planning", "plan_item", "overdue")
COVERAGE_GAP_OPENED = event_subject("planning", "coverage_gap", "opened")
COVERAGE_GAP_CLOSED = event_subject("planning", "coverage_gap", "closed")

# Each consumed message type, so that the descriptor pool knows them before the first event.
CONSUMED = (
    insight_events.TierChanged,
    insight_events.TierPolicyChanged,
    insight_events.MarketTargetSelected,
    archive_events.PersonMoved,
    archive_events.PortfolioTransferred,
    contact_events.KeyEventRecorded,
    satisfaction_events.RiskSignalled,
)


def gap_name(customer_id: str, gap_id: str) -> str:
    return f"customers/{customer_id}/coverageGaps/{gap_id}"


def item_name(item: sa.Row) -> str:
    return f"{item.parent}/items/{item.id}"


async def annual_plan_issued(
    outbox: Outbox,
    conn: AsyncConnection,
    name: str,
    customer_id: str,
    region: str,
    year: int,
    plan_due: datetime,
) -> None:
    message = events_pb2.AnnualPlanIssued(
        annual_plan=name,
        customer=f"customers/{customer_id}",
        region=region,
        year=year,
        plan_due_time=timestamp(plan_due),
    )
    await outbox.add(conn, ANNUAL_PLAN_ISSUED, message, resource=name)


async def plan_item_overdue(outbox: Outbox, conn: AsyncConnection, item: sa.Row) -> None:
    message = events_pb2.PlanItemOverdue(
        item=item_name(item),
        customer=f"customers/{item.customer_id}",
        region=item.region,
        kind=item.kind,
        due_time=timestamp(item.due_time),
    )
    await outbox.add(conn, PLAN_ITEM_OVERDUE, message, resource=message.item)


async def coverage_gap_opened(outbox: Outbox, conn: AsyncConnection, region: str, gap) -> None:
    message = events_pb2.CoverageGapOpened(
        gap=gap_name(gap["customer_id"], gap["id"]),
        customer=f"customers/{gap['customer_id']}",
        region=region,
        kind=gap["kind"],
        subject=gap["subject"],
        detail=gap["detail"],
        open_time=timestamp(gap["open_time"]),
    )
    await outbox.add(conn, COVERAGE_GAP_OPENED, message, resource=message.gap)


async def coverage_gap_closed(
    outbox: Outbox, conn: AsyncConnection, region: str, gap: sa.Row, when: datetime
) -> None:
    message = events_pb2.CoverageGapClosed(
        gap=gap_name(gap.customer_id, gap.id),
        customer=f"customers/{gap.customer_id}",
        region=region,
        kind=gap.kind,
        subject=gap.subject,
        close_time=timestamp(when),
    )
    await outbox.add(conn, COVERAGE_GAP_CLOSED, message, resource=message.gap)


# ---------------------------------------------------------------------------------------------
# Consumers
# ---------------------------------------------------------------------------------------------

INSIGHT_SUBJECTS = [
    "mcr.insight.tier.changed",
    "mcr.insight.tier_policy.changed",
    "mcr.insight.market_target.selected",
]
ARCHIVE_SUBJECTS = ["mcr.archive.person.moved", "mcr.archive.portfolio.transferred"]
CUSTOMER_SUBJECTS = ["mcr.archive.customer.created", "mcr.archive.customer.updated"]
# The archive's OwnershipType, by enum number.
OWNERSHIP = {
    customer_pb2.OWNERSHIP_TYPE_PRIVATE: OwnershipType.PRIVATE,
    customer_pb2.OWNERSHIP_TYPE_STATE_OWNED: OwnershipType.STATE_OWNED,
    customer_pb2.OWNERSHIP_TYPE_FOREIGN: OwnershipType.FOREIGN,
    customer_pb2.OWNERSHIP_TYPE_LISTED: OwnershipType.LISTED,
}
CONTACT_SUBJECTS = ["mcr.contact.key_event.recorded"]
SATISFACTION_SUBJECTS = ["mcr.satisfaction.risk.signalled"]


def _poisoning(handle):
    """A message that breaks the contract (a malformed name, an unknown goal kind) will not
    get better on redelivery: it goes to the dead-letter stream at once."""

    async def guarded(event: Event, conn: AsyncConnection) -> None:
        try:
            await handle(event, conn)
        except DomainError as error:
            raise PoisonEvent(f"planning cannot use {event.type}: {error.message}") from error

    return guarded


def insight_consumer(kernel: Kernel, planning: Planning) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        m = event.message
        if event.type == insight_events.TierChanged.DESCRIPTOR.full_name:
            customer_id = customer_id_from_name(m.customer, "customer")
            await planning.tier_changed(conn, customer_id, m.region, m.tier)
        elif event.type == insight_events.TierPolicyChanged.DESCRIPTOR.full_name:
            codes = [o.code for o in m.policy.relationship_obligations]
            await planning.tier_policy_changed(conn, m.policy.tier, codes, m.policy.etag)
        elif event.type == insight_events.MarketTargetSelected.DESCRIPTOR.full_name:
            customer_id = customer_id_from_name(m.customer, "customer")
            goal = MarketGoal(
                parse_enum(GoalKind, m.goal_kind, "goal_kind"),
                m.product_segment,
                m.target_share_percent,
                m.target_year,
                m.description,
            )
            await planning.market_target_selected(conn, customer_id, m.region, goal, m.opportunity)
        else:
            raise PoisonEvent(f"planning does not handle {event.type}")

    return kernel.consumer("planning-insight", "insight", INSIGHT_SUBJECTS, _poisoning(handle))


def archive_consumer(kernel: Kernel, planning: Planning) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        m = event.message
        if event.type == archive_events.PersonMoved.DESCRIPTOR.full_name:
            person_ids_from_name(m.person, "person")
            previous = m.previous_person or m.person
            reason = f"the person moved ({m.territory_case})"
            await planning.reassign(
                conn,
                m.person,
                previous,
                _employee(m.previous_owner),
                _employee(m.owner),
                reason,
            )
        elif event.type == archive_events.PortfolioTransferred.DESCRIPTOR.full_name:
            for person in m.persons:
                person_ids_from_name(person, "persons")
            customers = [customer_id_from_name(c, "customers") for c in m.customers]
            await planning.transfer_portfolio(
                conn,
                _employee(m.from_employee),
                _employee(m.to_employee),
                m.region,
                m.reason,
                customers,
                list(m.persons),
            )
        else:
            raise PoisonEvent(f"planning does not handle {event.type}")

    return kernel.consumer("planning-archive", "archive", ARCHIVE_SUBJECTS, _poisoning(handle))


def customer_consumer(kernel: Kernel, planning: Planning) -> EventConsumer:
    """The archive's customers, for the facts the packs' decision patterns depend on."""

    async def handle(event: Event, conn: AsyncConnection) -> None:
        customer = event.message.customer
        await planning.customer_changed(
            conn,
            customer_id_from_name(customer.name, "customer.name"),
            customer.region,
            customer.industry,
            OWNERSHIP.get(customer.ownership_type, OwnershipType.UNSPECIFIED),
        )

    return kernel.consumer(
        "planning-archive-customers", "archive", CUSTOMER_SUBJECTS, _poisoning(handle)
    )


def _employee(name: str) -> str:
    return employee_id_from_name(name, "employee") if name else ""


def contact_consumer(kernel: Kernel, planning: Planning) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        m = event.message
        if event.type != contact_events.KeyEventRecorded.DESCRIPTOR.full_name:
            raise PoisonEvent(f"planning does not handle {event.type}")
        customer_id, _ = person_ids_from_name(m.person, "person")
        when = m.occur_time.ToDatetime(tzinfo=UTC) if m.HasField("occur_time") else event.time
        await planning.key_event_recorded(
            conn, m.key_event, customer_id, m.person, m.dimension, m.impact, when
        )

    return kernel.consumer("planning-contact", "contact", CONTACT_SUBJECTS, _poisoning(handle))


def satisfaction_consumer(kernel: Kernel, planning: Planning) -> EventConsumer:
    async def handle(event: Event, conn: AsyncConnection) -> None:
        m = event.message
        if event.type != satisfaction_events.RiskSignalled.DESCRIPTOR.full_name:
            raise PoisonEvent(f"planning does not handle {event.type}")
        customer_id, _ = person_ids_from_name(m.person, "person")
        await planning.risk_signalled(conn, customer_id, m.person)

    return kernel.consumer(
        "planning-satisfaction", "satisfaction", SATISFACTION_SUBJECTS, _poisoning(handle)
    )
