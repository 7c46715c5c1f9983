"""The power map's events: coverage gaps that open and close, announced through the outbox; and
the subscriptions of its consumers (the archive's customers, organisation charts and moves,
insight's policies, satisfaction's risk signals)."""

from __future__ import annotations

from datetime import datetime

from mcr.planning.v1 import events_pb2
from mcr_core.bus import Outbox, Subscription, event_subject
from mcr_core.protobuf import timestamp
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.powermap.domain import OpenGap

COVERAGE_GAP_OPENED = event_subject("planning", "coverage_gap", "opened")
COVERAGE_GAP_CLOSED = event_subject("planning", "coverage_gap", "closed")

# The archive's customers and organisation charts: the facts the packs' decision patterns
# depend on, the persons, departments, reporting lines and influence links the power map
# follows, and our employees (grades, positions). One consumer keeps them in the archive's
# order (an employee before the customer they record, a customer before its persons).
ARCHIVE_CHART = Subscription(
    "planning-archive-chart",
    "archive",
    (
        "mcr.archive.customer.created",
        "mcr.archive.customer.updated",
        "mcr.archive.person.created",
        "mcr.archive.person.updated",
        "mcr.archive.person.deleted",
        "mcr.archive.department.changed",
        "mcr.archive.influence_link.changed",
        "mcr.archive.employee.changed",
    ),
)
# Relationships that change hands: a person moved, an employee's portfolio was transferred.
ARCHIVE_HANDOVERS = Subscription(
    "planning-archive", "archive", ("mcr.archive.person.moved", "mcr.archive.portfolio.transferred")
)
SATISFACTION_RISKS = Subscription(
    "planning-satisfaction", "satisfaction", ("mcr.satisfaction.risk.signalled",)
)


def gap_name(customer_id: str, gap_id: str) -> str:
    return f"customers/{customer_id}/coverageGaps/{gap_id}"


async def coverage_gap_opened(
    outbox: Outbox, conn: AsyncConnection, region: str, gap: OpenGap
) -> None:
    message = events_pb2.CoverageGapOpened(
        gap=gap_name(gap.customer_id, gap.id),
        customer=f"customers/{gap.customer_id}",
        region=region,
        kind=gap.kind,
        subject=gap.subject,
        detail=gap.detail,
        open_time=timestamp(gap.open_time),
        scenario=gap.scenario,
    )
    await outbox.add(conn, COVERAGE_GAP_OPENED, message, resource=message.gap)


async def coverage_gap_closed(
    outbox: Outbox, conn: AsyncConnection, region: str, gap: OpenGap, when: datetime
) -> None:
    message = events_pb2.CoverageGapClosed(
        gap=gap_name(gap.customer_id, gap.id),
        customer=f"customers/{gap.customer_id}",
        region=region,
        kind=gap.kind,
        subject=gap.subject,
        close_time=timestamp(when),
        scenario=gap.scenario,
    )
    await outbox.add(conn, COVERAGE_GAP_CLOSED, message, resource=message.gap)
