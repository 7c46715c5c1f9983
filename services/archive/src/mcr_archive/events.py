"""The archive's events: subjects and the functions that stage them in the outbox."""

from __future__ import annotations

from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import events_pb2
from mcr_core.bus import Outbox, event_subject
from sqlalchemy.ext.asyncio import AsyncSession

from mcr_archive.domain import Customer
from mcr_archive.mapping import customer_to_proto

CUSTOMER_CREATED = event_subject("archive", "customer", "created")
CUSTOMER_UPDATED = event_subject("archive", "customer", "updated")
CUSTOMER_DELETED = event_subject("archive", "customer", "deleted")


async def customer_created(outbox: Outbox, session: AsyncSession, customer: Customer) -> None:
    message = events_pb2.CustomerCreated(customer=customer_to_proto(customer))
    await outbox.add(session, CUSTOMER_CREATED, message, resource=customer.name)


async def customer_updated(
    outbox: Outbox, session: AsyncSession, customer: Customer, changed: tuple[str, ...]
) -> None:
    message = events_pb2.CustomerUpdated(
        customer=customer_to_proto(customer), changed_fields=FieldMask(paths=list(changed))
    )
    await outbox.add(session, CUSTOMER_UPDATED, message, resource=customer.name)


async def customer_deleted(outbox: Outbox, session: AsyncSession, customer: Customer) -> None:
    message = events_pb2.CustomerDeleted(name=customer.name, region=customer.region)
    await outbox.add(session, CUSTOMER_DELETED, message, resource=customer.name)
