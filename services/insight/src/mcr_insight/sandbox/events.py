"""The strategic sandbox's event: a selected opportunity becomes a market target (planning
turns it into a market goal)."""

from __future__ import annotations

from mcr_core.bus import Outbox, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.sandbox.domain import Opportunity
from mcr_insight.sandbox.mapping import market_target_event

MARKET_TARGET_SELECTED = event_subject("insight", "market_target", "selected")


async def market_target_selected(
    outbox: Outbox, conn: AsyncConnection, opportunity: Opportunity
) -> None:
    message = market_target_event(opportunity)
    await outbox.add(conn, MARKET_TARGET_SELECTED, message, resource=opportunity.name)
