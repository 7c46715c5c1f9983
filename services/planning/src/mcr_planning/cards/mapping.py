"""Proto <-> domain for expansion cards."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import required_time, timestamp

from mcr_planning.cards.domain import Commitment, ExpansionCard
from mcr_planning.teams.mapping import item_to_proto


def commitment_from_proto(m: pb.Commitment) -> Commitment:
    due = required_time(m, "due_time", "expansion_card.commitment.due_time").date()
    return Commitment(m.goal, m.metric, m.target_value, due)


def card_to_proto(row: ExpansionCard) -> pb.ExpansionCard:
    c = row.commitment
    due = date.fromisoformat(c["due_date"])
    return pb.ExpansionCard(
        name=f"expansionCards/{row.id}",
        customer=f"customers/{row.customer_id}",
        person=row.person,
        owner=employee(row.owner),
        owner_org_unit=row.owner_org_unit,
        sponsor=employee(row.sponsor),
        commitment=pb.Commitment(
            goal=c["goal"],
            metric=c["metric"],
            target_value=c["target_value"],
            due_time=timestamp(datetime(due.year, due.month, due.day, tzinfo=UTC)),
        ),
        actions=row.actions,
        retrospectives=[item_to_proto(i) for i in row.retrospectives],
        start_time=timestamp(row.start_time),
        region=row.region,
    )
