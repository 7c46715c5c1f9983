"""The key-person plan's event: a person's whole plan (target, owner, consented sponsors) each
time it changes, so contact follows the person without a manual step (R-CON-8/10)."""

from __future__ import annotations

from datetime import datetime

from mcr.planning.v1 import events_pb2
from mcr_core import names
from mcr_core.bus import Outbox, event_subject
from mcr_core.protobuf import timestamp
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.keypersons import store

KEY_PERSON_CHANGED = event_subject("planning", "key_person", "changed")


async def key_person_plan_changed(
    outbox: Outbox, conn: AsyncConnection, region: str, person: str, when: datetime
) -> None:
    """Announce `person`'s plan ("customers/{c}/persons/{p}") as it stands in `conn`."""
    plan = await store.plan_of(conn, person)
    customer_id, _ = names.person_ids(person, "person")
    message = events_pb2.KeyPersonPlanChanged(
        person=person,
        customer=names.customer_name(customer_id),
        region=region,
        target=plan.target,
        owner=names.format_name(names.EMPLOYEE, plan.owner) if plan.owner else "",
        sponsors=[names.format_name(names.EMPLOYEE, s) for s in plan.sponsors],
        change_time=timestamp(when),
    )
    await outbox.add(conn, KEY_PERSON_CHANGED, message, resource=person)
