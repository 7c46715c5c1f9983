"""Expansion cards."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.auth import Scope
from mcr_core.storage import UtcDateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.cards.domain import ExpansionCard
from mcr_planning.store import first, metadata, record, records, visible

cards = sa.Table(
    "cards",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("owner_org_unit", sa.String(255), nullable=False),
    sa.Column("sponsor", sa.String(128), nullable=False),
    sa.Column("commitment", sa.JSON(), nullable=False),
    sa.Column("actions", sa.JSON(), nullable=False),
    sa.Column("start_time", UtcDateTime(), nullable=False),
)


async def get_card(conn: AsyncConnection, card_id: str) -> ExpansionCard | None:
    row = await first(conn, sa.select(cards).where(cards.c.id == card_id))
    return record(ExpansionCard, row) if row else None


async def add_card(conn: AsyncConnection, card: ExpansionCard) -> None:
    values = asdict(card)
    values.pop("retrospectives")
    values |= {"commitment": dict(card.commitment), "actions": list(card.actions)}
    await conn.execute(cards.insert().values(values))


async def cards_page(
    conn: AsyncConnection, scope: Scope, after: str, limit: int
) -> list[ExpansionCard]:
    """The cards of the scope's region its principal may see, by id after `after`."""
    c = cards.c
    resource = sa.literal("expansionCards/") + c.id
    query = sa.select(cards).where(c.region == scope.region, visible(scope, resource))
    if after:
        query = query.where(c.id > after)
    return await records(conn, ExpansionCard, query.order_by(c.id).limit(limit))


async def cards_of_person(conn: AsyncConnection, person: str, owner: str) -> list[ExpansionCard]:
    query = sa.select(cards).where(cards.c.person == person, cards.c.owner == owner)
    return await records(conn, ExpansionCard, query)


async def cards_of_owner(conn: AsyncConnection, owner: str, region: str) -> list[ExpansionCard]:
    query = sa.select(cards).where(cards.c.owner == owner, cards.c.region == region)
    return await records(conn, ExpansionCard, query)


async def set_owner(conn: AsyncConnection, card_id: str, owner: str, org_unit: str) -> None:
    await conn.execute(
        cards.update().where(cards.c.id == card_id).values(owner=owner, owner_org_unit=org_unit)
    )
