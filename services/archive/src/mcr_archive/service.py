"""The archive's use cases: one transaction per command, visibility on every read, an event
for every change. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from mcr_core.auth import Principal, Record
from mcr_core.errors import (
    FailedPrecondition,
    FieldViolation,
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size, parse_filter
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import events, store
from mcr_archive.domain import (
    Customer,
    apply_update,
    check_request_id,
    check_update_mask,
    violations,
)
from mcr_archive.hooks import ArchiveHooks
from mcr_archive.mapping import lifecycle_filter_value


class CustomerArchive:
    def __init__(self, kernel: Kernel, hooks: ArchiveHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    def _visible(self, principal: Principal, customer: Customer | None) -> bool:
        return customer is not None and self.kernel.policy.allows(
            principal, Record(region=customer.region)
        )

    async def _get_visible(
        self, conn: AsyncConnection, principal: Principal, customer_id: str
    ) -> Customer:
        customer = await store.get_customer(conn, customer_id)
        if not self._visible(principal, customer):
            # Another region's customer is "not found": its existence is not disclosed.
            raise NotFound(f"customers/{customer_id} not found")
        return customer

    async def get(self, principal: Principal, customer_id: str) -> Customer:
        async with self.kernel.db.read() as conn:
            return await self._get_visible(conn, principal, customer_id)

    async def list(
        self, principal: Principal, filter_text: str, token: str, size: int
    ) -> tuple[list[Customer], str]:
        limit = page_size(size)
        comparisons = parse_filter(filter_text, frozenset(store.FILTER_COLUMNS))
        comparisons = [
            replace(c, value=lifecycle_filter_value(c.value)) if c.field == "lifecycle_state" else c
            for c in comparisons
        ]
        after = decode_page_token(token, filter_text)
        if after is not None:
            after = (datetime.fromisoformat(after[0]), after[1])
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await store.list_customers(conn, scope, comparisons, after, limit + 1)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        return page[:limit], encode_page_token([last.create_time.isoformat(), last.id], filter_text)

    async def create(self, principal: Principal, draft: Customer, request_id: str) -> Customer:
        check_request_id(request_id)
        if draft.region != principal.region:
            raise PermissionDenied("customer.region: you can only create customers in your region")
        now = self.kernel.clock.now()
        customer = replace(
            draft, id=str(uuid.uuid4()), create_time=now, update_time=now, revision=1
        )
        await self._validate(customer)
        async with self.kernel.db.transaction() as conn:
            if request_id and (earlier := await store.get_by_request_id(conn, request_id)):
                return earlier  # a retry: answer what the first call created
            await self._check_parent(conn, principal, customer)
            if not await store.insert_customer(conn, customer, request_id or None):
                return await store.get_by_request_id(conn, request_id)
            await events.customer_created(self.kernel.outbox, conn, customer)
        return customer

    async def update(
        self, principal: Principal, proposed: Customer, mask_paths: list[str], etag: str
    ) -> Customer:
        mask = check_update_mask(mask_paths)
        async with self.kernel.db.transaction() as conn:
            current = await self._get_visible(conn, principal, proposed.id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "customer.etag", "the customer changed since you read it; read it again"
                )
            change = apply_update(current, replace(proposed, region=current.region), mask)
            if not change.changed:
                return current
            customer = replace(change.customer, update_time=self.kernel.clock.now())
            await self._validate(customer)
            if "parent_group" in change.changed:
                await self._check_parent(conn, principal, customer)
            if not await store.update_customer(conn, customer, current.revision):
                raise FailedPrecondition.field("customer.etag", "the customer changed concurrently")
            await events.customer_updated(self.kernel.outbox, conn, customer, change.changed)
        return customer

    async def delete(self, principal: Principal, customer_id: str, etag: str) -> None:
        async with self.kernel.db.transaction() as conn:
            current = await self._get_visible(conn, principal, customer_id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field("etag", "the customer changed since you read it")
            if subsidiaries := await store.count_subsidiaries(conn, customer_id):
                raise FailedPrecondition(
                    f"customers/{customer_id} is the group of {subsidiaries} customers; "
                    "move or delete them first"
                )
            if not await store.mark_deleted(
                conn, customer_id, current.revision, self.kernel.clock.now()
            ):
                raise FailedPrecondition.field("etag", "the customer changed concurrently")
            await events.customer_deleted(self.kernel.outbox, conn, current)

    async def _validate(self, customer: Customer) -> None:
        found = violations(customer)
        if customer.industry and customer.industry not in await self.hooks.industries():
            found.append(
                FieldViolation("customer.industry", f"unknown industry {customer.industry!r}")
            )
        collect(found)

    async def _check_parent(
        self, conn: AsyncConnection, principal: Principal, customer: Customer
    ) -> None:
        """The group must exist, be visible, be in the same region, and not be a subsidiary of
        this customer (group structures are trees)."""
        seen = {customer.id}
        parent_id = customer.parent_group_id
        while parent_id is not None:
            parent = await store.get_customer(conn, parent_id)
            if not self._visible(principal, parent) or parent.region != customer.region:
                raise FailedPrecondition.field(
                    "customer.parent_group", f"customers/{parent_id} not found in this region"
                )
            if parent.id in seen:
                raise FailedPrecondition.field(
                    "customer.parent_group", "this group structure would contain a cycle"
                )
            seen.add(parent.id)
            parent_id = parent.parent_group_id
