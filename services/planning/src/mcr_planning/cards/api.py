"""The cards part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_planning.cards.mapping import card_to_proto, commitment_from_proto
from mcr_planning.cards.service import ExpansionCards


class CardServicer:
    """Expansion cards."""

    def __init__(self, cards: ExpansionCards) -> None:
        self.cards = cards

    async def CreateExpansionCard(self, request, context):
        draft = request.expansion_card
        customer_id = names.customer_id(draft.customer, "expansion_card.customer")
        person_customer, _ = names.person_ids(draft.person, "expansion_card.person")
        if person_customer != customer_id:
            raise InvalidArgument.field("expansion_card.person", "a person of the card's customer")
        if not draft.HasField("commitment"):
            raise InvalidArgument.field("expansion_card.commitment", "is required")
        card = await self.cards.create_card(
            current_principal(),
            customer_id,
            draft.person,
            names.employee_id(draft.owner, "expansion_card.owner"),
            names.optional_employee_id(draft.sponsor, "expansion_card.sponsor"),
            commitment_from_proto(draft.commitment),
            list(draft.actions),
        )
        return card_to_proto(card)

    async def GetExpansionCard(self, request, context):
        (card_id,) = names.parse(request.name, "expansionCards/{}", "name")
        return card_to_proto(await self.cards.get_card(current_principal(), card_id))

    async def ListExpansionCards(self, request, context):
        found, token = await self.cards.list_cards(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListExpansionCardsResponse(
            expansion_cards=[card_to_proto(c) for c in found],
            next_page_token=token,
        )
