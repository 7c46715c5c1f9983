"""The annual cycle's events (a plan issued, an item overdue) and the subscription to insight's
events that planning reacts to (tiers, policies, market targets)."""

from __future__ import annotations

from mcr.planning.v1 import events_pb2
from mcr_core.bus import Outbox, Subscription, event_subject
from mcr_core.protobuf import timestamp
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.teams.domain import AnnualPlan, PlanItem

ANNUAL_PLAN_ISSUED = event_subject("planning", "annual_plan", "issued")
PLAN_ITEM_OVERDUE = event_subject("planning", "plan_item", "overdue")

# Tier changes (teams), tier policies (coverage gaps) and selected market targets (goals).
INSIGHT = Subscription(
    "planning-insight",
    "insight",
    (
        "mcr.insight.tier.changed",
        "mcr.insight.tier_policy.changed",
        "mcr.insight.market_target.selected",
    ),
)

# The customer's own calendar (tender windows, budget round), which contact plans from its packs.
CONTACT_CALENDAR = Subscription(
    "planning-contact-calendar", "contact", ("mcr.contact.customer_calendar.planned",)
)


async def annual_plan_issued(outbox: Outbox, conn: AsyncConnection, plan: AnnualPlan) -> None:
    message = events_pb2.AnnualPlanIssued(
        annual_plan=plan.name,
        customer=f"customers/{plan.customer_id}",
        region=plan.region,
        year=plan.year,
        plan_due_time=timestamp(plan.items[0].due_time),
    )
    await outbox.add(conn, ANNUAL_PLAN_ISSUED, message, resource=plan.name)


async def plan_item_overdue(outbox: Outbox, conn: AsyncConnection, item: PlanItem) -> None:
    message = events_pb2.PlanItemOverdue(
        item=item.name,
        customer=f"customers/{item.customer_id}",
        region=item.region,
        kind=item.kind,
        due_time=timestamp(item.due_time),
    )
    await outbox.add(conn, PLAN_ITEM_OVERDUE, message, resource=message.item)
