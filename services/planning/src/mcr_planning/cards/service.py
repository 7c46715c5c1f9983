"""Expansion cards (book §1.21): a six-month commitment with three-monthly retrospectives,
visible to the card's owner and the owner's superiors only (decision 11)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

from mcr_core.auth import Principal, Stakeholder
from mcr_core.errors import FailedPrecondition, InvalidArgument, NotFound
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning import store as team_store
from mcr_planning.cards import store
from mcr_planning.cards.domain import (
    Commitment,
    ExpansionCard,
    check_commitment,
    retrospective_dates,
)
from mcr_planning.domain import LEADER, Member
from mcr_planning.powermap.service import person_on_map
from mcr_planning.service import allows, visible_team
from mcr_planning.teams import store as item_store
from mcr_planning.teams.domain import ItemKind, new_item

ITEMS_DUE = "planning.items_due"  # one per expansion card, keyed by the card


def card_name(card_id: str) -> str:
    return f"expansionCards/{card_id}"


def _end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)


async def visible_card(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, card_id: str
) -> ExpansionCard:
    card = await store.get_card(conn, card_id)
    owners = [
        Member(s.employee_id, s.org_unit)
        for s in await team_store.stakeholders_of(conn, card_name(card_id))
    ]
    if card is None or not allows(kernel, principal, card.region, owners):
        raise NotFound(f"{card_name(card_id)} not found")
    return card


class ExpansionCards:
    """Creating, reading and listing expansion cards."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def create_card(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        owner: str,
        sponsor: str,
        commitment: Commitment,
        actions: list[str],
    ) -> ExpansionCard:
        now = self.kernel.clock.now()
        check_commitment(commitment, now.date())
        if not [a for a in actions if a.strip()]:
            raise InvalidArgument.field("expansion_card.actions", "plan at least one action")
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            current = await person_on_map(conn, customer_id, person)
            if current.support <= -2:
                raise FailedPrecondition.field(
                    "expansion_card.person",
                    f"{person} is at {current.support:+d}: a competitor's strong supporter gets "
                    "no expansion card",
                )
            org_unit = next((m.org_unit for m in team.members if m.employee_id == owner), "")
            if owner == principal.employee_id:
                org_unit = principal.org_unit
            if not org_unit:
                raise InvalidArgument.field(
                    "expansion_card.owner", "the owner must be a member of the customer team"
                )
            card = ExpansionCard(
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                region=team.region,
                person=person,
                owner=owner,
                owner_org_unit=org_unit,
                sponsor=sponsor,
                commitment={
                    "goal": commitment.goal,
                    "metric": commitment.metric,
                    "target_value": commitment.target_value,
                    "due_date": commitment.due_date.isoformat(),
                },
                actions=[a.strip() for a in actions if a.strip()],
                start_time=now,
            )
            await store.add_card(conn, card)
            await team_store.set_stakeholders(
                conn, card.name, [(Stakeholder(owner, org_unit), LEADER)]
            )
            dates = retrospective_dates(now.date(), commitment.due_date)
            kind = ItemKind.CARD_RETROSPECTIVE
            items = tuple(
                new_item(card.name, customer_id, team.region, kind, n, _end_of(d))
                for n, d in enumerate(dates, 1)
            )
            await item_store.add_items(conn, items)
            await self.kernel.timers.schedule(conn, ITEMS_DUE, card.name, _end_of(dates[0]))
            return replace(card, retrospectives=tuple(await item_store.items_of(conn, [card.name])))

    async def get_card(self, principal: Principal, card_id: str) -> ExpansionCard:
        async with self.kernel.db.read() as conn:
            card = await visible_card(self.kernel, conn, principal, card_id)
            items = await item_store.items_of(conn, [card.name])
        return replace(card, retrospectives=tuple(items))

    async def list_cards(
        self, principal: Principal, token: str, size: int
    ) -> tuple[list[ExpansionCard], str]:
        limit = page_size(size)
        after = decode_page_token(token, "cards")
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await store.cards_page(conn, scope, after[0] if after else "", limit + 1)
            found = await item_store.items_of(conn, [c.name for c in page[:limit]])
        result = [
            replace(c, retrospectives=tuple(i for i in found if i.parent == c.name))
            for c in page[:limit]
        ]
        token = encode_page_token([page[limit - 1].id], "cards") if len(page) > limit else ""
        return result, token
