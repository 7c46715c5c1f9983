"""Profile use cases: one transaction per command, the customer's visibility on every read, an
event for every change, the field history of every edit. Rules live in `domain`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from mcr.insight.v1 import events_pb2 as insight_events_pb2
from mcr_core.auth import MANAGER, Principal
from mcr_core.bus import Event, PoisonEvent
from mcr_core.errors import (
    FailedPrecondition,
    FieldViolation,
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import store as archive_store
from mcr_archive.domain import Customer, customer_id_from_name, field_changes, values_as_of
from mcr_archive.hooks import ArchiveHooks, NetworkMetric
from mcr_archive.profiles import events, store
from mcr_archive.profiles.domain import (
    APPROVED,
    CP,
    DRAFT,
    IN_REVIEW,
    PROFILE_OBLIGATION,
    PUBLISHED,
    VP,
    Part,
    Profile,
    Review,
    Section,
    Version,
    apply_edit,
    check_mask,
    check_review,
    check_submit,
    document_violations,
    history_fields,
    missing_parts,
    requires_profile,
)
from mcr_archive.service import register, visible_customer


@dataclass(frozen=True)
class Completeness:
    tier: str
    required: bool
    missing: list[tuple[str, Section | Part]]
    versions: dict[str, int]


class Profiles:
    def __init__(self, kernel: Kernel, hooks: ArchiveHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    # --- working copies -----------------------------------------------------------------------

    async def get(self, principal: Principal, customer_id: str, kind: str) -> Profile:
        async with self.kernel.db.read() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.get_profile(conn, customer_id, kind, customer.region)

    async def update(
        self, principal: Principal, proposed: Profile, mask_paths: list[str], etag: str
    ) -> Profile:
        mask = check_mask(proposed.kind, mask_paths)
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, proposed.customer_id)
            current = await store.get_profile(conn, customer.id, proposed.kind, customer.region)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    f"{current.prefix}.etag", "the profile changed since you read it"
                )
            edited = apply_edit(current, proposed, mask)
            changed = _changed_parts(current, edited)
            if not changed:
                return current
            now = self.kernel.clock.now()
            profile = replace(edited, state=DRAFT, update_time=now, revision=current.revision + 1)
            schema = {m.code: m.value_type for m, _ in await self.schema_of(customer)}
            found = document_violations(profile, schema, customer.industry)
            found += await self._sub_network_violations(conn, profile, customer)
            collect(found)
            await register(self.kernel.outbox, conn, principal, now)
            await self._save(conn, current, profile, principal, now)
            await events.profile_changed(self.kernel.outbox, conn, profile, changed)
        return profile

    async def _save(
        self,
        conn: AsyncConnection,
        current: Profile,
        profile: Profile,
        principal: Principal,
        now: datetime,
    ) -> None:
        if not await store.save_profile(conn, profile, current.revision):
            raise FailedPrecondition.field(
                f"{profile.prefix}.etag", "the profile changed concurrently; read it again"
            )
        before, after = history_fields(current), history_fields(profile)
        after |= {name: "" for name in before if name not in after}  # a removed metric
        changes = field_changes(before if current.revision else None, after)
        await archive_store.log_changes(conn, profile.name, changes, principal.employee_id, now)

    async def _sub_network_violations(
        self, conn: AsyncConnection, profile: Profile, customer: Customer
    ) -> list[FieldViolation]:
        """A named subsidiary must sit below this customer in its group structure."""
        found = []
        for index, network in enumerate(profile.key_sub_networks):
            if network.subsidiary_id is None:
                continue
            if not await _in_group(conn, network.subsidiary_id, customer):
                found.append(
                    FieldViolation(
                        f"{profile.prefix}.key_sub_networks[{index}].subsidiary",
                        f"customers/{network.subsidiary_id} is not a subsidiary of this group",
                    )
                )
        return found

    # --- review rounds ------------------------------------------------------------------------

    async def submit(self, principal: Principal, customer_id: str, kind: str, etag: str) -> Review:
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            current = await store.get_profile(conn, customer_id, kind, customer.region)
            _check_etag(current, etag)
            check_submit(current)
            now = self.kernel.clock.now()
            review = Review(current.review_round + 1, principal.employee_id, now)
            profile = replace(
                current, state=IN_REVIEW, review_round=review.round, update_time=now,
                revision=current.revision + 1,
            )  # fmt: skip
            await self._save(conn, current, profile, principal, now)
            await store.open_review(conn, profile, review)
            await events.profile_changed(self.kernel.outbox, conn, profile, ["state"], review.round)
        return review

    async def review(
        self,
        principal: Principal,
        customer_id: str,
        kind: str,
        etag: str,
        verdict: str,
        comments: tuple[tuple[str, str, str], ...],
    ) -> Review:
        if not principal.has_role(MANAGER):
            raise PermissionDenied("profiles are reviewed by a manager")
        async with self.kernel.db.transaction() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            current = await store.get_profile(conn, customer_id, kind, customer.region)
            _check_etag(current, etag)
            open_round = await store.get_review(conn, customer_id, kind, current.review_round)
            check_review(current, open_round, principal.employee_id, verdict, comments)
            now = self.kernel.clock.now()
            approved = verdict == APPROVED
            profile = replace(
                current,
                state=PUBLISHED if approved else DRAFT,
                published_version=current.published_version + int(approved),
                update_time=now,
                revision=current.revision + 1,
            )
            review = replace(
                open_round,
                verdict=verdict,
                reviewer_id=principal.employee_id,
                comments=comments,
                review_time=now,
                published_version=profile.published_version if approved else 0,
            )
            await register(self.kernel.outbox, conn, principal, now)
            await self._save(conn, current, profile, principal, now)
            await store.close_review(conn, profile, review)
            if approved:
                version = Version(
                    profile.published_version, profile, review.round,
                    review.submitted_by, principal.employee_id, now,
                )  # fmt: skip
                await store.add_version(conn, version)
                schema = await self.schema_of(customer) if profile.kind == CP else []
                await events.profile_published(
                    self.kernel.outbox, conn, profile, principal.employee_id, schema
                )
            else:
                await events.profile_changed(
                    self.kernel.outbox, conn, profile, ["state"], review.round
                )
        return review

    async def reviews(self, principal: Principal, customer_id: str, kind: str) -> list[Review]:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.list_reviews(conn, customer_id, kind)

    # --- versions and history -----------------------------------------------------------------

    async def versions(
        self, principal: Principal, customer_id: str, kind: str, token: str, size: int
    ) -> tuple[list[Version], str]:
        limit = page_size(size)
        key = f"customers/{customer_id}/{kind}"
        after = decode_page_token(token, key)
        async with self.kernel.db.read() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            before = int(after[0]) if after else None
            page = await store.list_versions(
                conn, customer_id, kind, customer.region, before, limit + 1
            )
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([str(page[limit - 1].version)], key)

    async def version(
        self, principal: Principal, customer_id: str, kind: str, number: int
    ) -> Version:
        async with self.kernel.db.read() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            found = await store.get_version(conn, customer_id, kind, number, customer.region)
        if found is None:
            raise NotFound(f"customers/{customer_id}/{kind}/versions/{number} not found")
        return found

    async def history(
        self,
        principal: Principal,
        customer_id: str,
        kind: str,
        as_of: datetime | None,
        token: str,
        size: int,
    ) -> tuple[list, str, dict[str, str]]:
        """The archive's field history of the working copy (who changed what, when)."""
        limit = page_size(size) if size else 100
        record = f"customers/{customer_id}/{kind}"
        after = decode_page_token(token, record)
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            start = after[0] if after else 0
            page = await archive_store.list_history(conn, record, as_of, start, limit + 1)
            values = {}
            if after is None:
                everything = await archive_store.list_history(conn, record, as_of, 0, None)
                values = values_as_of([(r.field, r.old_value, r.new_value) for r in everything])
        next_token = encode_page_token([page[limit - 1].id], record) if len(page) > limit else ""
        return page[:limit], next_token, values

    # --- obligations and schema ---------------------------------------------------------------

    async def completeness(self, principal: Principal, customer_id: str) -> Completeness:
        async with self.kernel.db.read() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
            return await completeness_of(conn, customer, customer.tier)

    async def schema(
        self, principal: Principal, customer_id: str
    ) -> tuple[str, list[tuple[NetworkMetric, str]]]:
        async with self.kernel.db.read() as conn:
            customer = await visible_customer(self.kernel, conn, principal, customer_id)
        return customer.industry, await self.schema_of(customer)

    async def schema_of(self, customer: Customer) -> list[tuple[NetworkMetric, str]]:
        return await self.hooks.network_metrics(customer.industry)

    async def on_insight_event(self, event: Event, conn: AsyncConnection) -> None:
        """Learn which tiers oblige a CP and VP from insight's tier policies, and when a
        customer rises into such a tier, announce the sections its profiles lack."""
        message = event.message
        if isinstance(message, insight_events_pb2.TierPolicyChanged):
            await self._on_policy(conn, message.policy)
            return
        if not isinstance(message, insight_events_pb2.TierChanged):
            raise PoisonEvent(f"archive profiles do not handle {event.type}")
        obligations = await store.obligations(conn)
        rises = requires_profile(message.tier, obligations) and not requires_profile(
            message.previous_tier, obligations
        )
        if not rises:
            return  # B and C keep person archives only; S and A already were obliged
        found = await archive_store.get_customer(conn, customer_id_from_name(message.customer))
        if found is None:
            return  # a customer the archive does not hold (deleted meanwhile)
        await self._announce_missing(conn, found[0], message.tier, message.previous_tier)

    async def _on_policy(self, conn: AsyncConnection, policy) -> None:
        """Keep the tier's obligation; when a policy newly obliges its tier to a CP and VP,
        the customers already in that tier are told what they lack, as if they had risen."""
        obligations = await store.obligations(conn)
        codes = {o.code for o in policy.relationship_obligations}
        was, now = requires_profile(policy.tier, obligations), PROFILE_OBLIGATION in codes
        await store.set_obligation(conn, policy.tier, now)
        if now and not was:
            for customer in await store.customers_in_tier(conn, policy.tier):
                await self._announce_missing(conn, customer, policy.tier, policy.tier)

    async def _announce_missing(
        self, conn: AsyncConnection, customer: Customer, tier: str, previous_tier: str
    ) -> None:
        state = await completeness_of(conn, customer, tier)
        if state.missing:
            await events.sections_missing(
                self.kernel.outbox, conn, customer.id, customer.region, tier, previous_tier,
                state.missing,
            )  # fmt: skip


async def completeness_of(
    conn: AsyncConnection,
    customer: Customer,
    tier: str,
    obligations: dict[str, bool] | None = None,
) -> Completeness:
    """What the customer's published profiles lack (every section before a first approval)."""
    if obligations is None:
        obligations = await store.obligations(conn)
    latest = await store.latest_versions(conn, customer.id, customer.region)
    is_group = await archive_store.count_subsidiaries(conn, customer.id) > 0
    missing = [
        (kind, part)
        for kind in (CP, VP)
        for part in missing_parts(latest.get(kind), kind, is_group)
    ]
    versions = {kind: latest[kind].published_version if kind in latest else 0 for kind in (CP, VP)}
    return Completeness(tier, requires_profile(tier, obligations), missing, versions)


async def _in_group(conn: AsyncConnection, subsidiary_id: str, group: Customer) -> bool:
    seen: set[str] = set()
    found = await archive_store.get_customer(conn, subsidiary_id)
    current = found[0] if found else None
    if current is None or current.region != group.region or current.id == group.id:
        return False
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.parent_group_id == group.id:
            return True
        if current.parent_group_id is None:
            return False
        found = await archive_store.get_customer(conn, current.parent_group_id)
        current = found[0] if found else None
    return False


def _check_etag(profile: Profile, etag: str) -> None:
    if etag and etag != profile.etag:
        raise FailedPrecondition.field(
            f"{profile.prefix}.etag", "the profile changed since you read it"
        )


def _changed_parts(before: Profile, after: Profile) -> list[str]:
    """The parts that differ, as update-mask paths ("sections.swot", "supplier_weights")."""
    changed = [
        f"sections.{code}"
        for code in sorted(set(before.sections) | set(after.sections))
        if before.sections.get(code) != after.sections.get(code)
    ]
    parts = {
        "key_events": ("key_events",),
        "business_network": ("network_metrics", "product_experience"),
        "key_sub_networks": ("key_sub_networks",),
        "locked_competitors": ("locked_competitors",),
        "supplier_weights": ("supplier_weights",),
    }
    for part, attributes in parts.items():
        if any(getattr(before, a) != getattr(after, a) for a in attributes):
            changed.append(part)
    return changed
