"""The archive's events: subjects and the functions that stage them in the outbox."""

from __future__ import annotations

from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import events_pb2
from mcr_core.bus import Outbox, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive.domain import Customer
from mcr_archive.mapping import customer_to_proto

CUSTOMER_CREATED = event_subject("archive", "customer", "created")
CUSTOMER_UPDATED = event_subject("archive", "customer", "updated")
CUSTOMER_DELETED = event_subject("archive", "customer", "deleted")


async def customer_created(outbox: Outbox, conn: AsyncConnection, customer: Customer) -> None:
    message = events_pb2.CustomerCreated(customer=customer_to_proto(customer))
    await outbox.add(conn, CUSTOMER_CREATED, message, resource=customer.name)


async def customer_updated(
    outbox: Outbox, conn: AsyncConnection, customer: Customer, changed: tuple[str, ...]
) -> None:
    message = events_pb2.CustomerUpdated(
        customer=customer_to_proto(customer), changed_fields=FieldMask(paths=list(changed))
    )
    await outbox.add(conn, CUSTOMER_UPDATED, message, resource=customer.name)


async def customer_deleted(outbox: Outbox, conn: AsyncConnection, customer: Customer) -> None:
    message = events_pb2.CustomerDeleted(name=customer.name, region=customer.region)
    await outbox.add(conn, CUSTOMER_DELETED, message, resource=customer.name)
