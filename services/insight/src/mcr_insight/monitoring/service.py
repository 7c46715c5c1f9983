"""Portfolio monitoring use cases (跟踪与监控客户策略): snapshots and retrospectives, the
value-return curve, review cadences and industry applicability."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from mcr.archive.v1 import events_pb2 as archive_events
from mcr_core import names
from mcr_core.auth import Principal
from mcr_core.bus import Event, handles
from mcr_core.errors import (
    NotFound,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from mcr_core.timers import Timer
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight.domain import CUSTOMER_PREFIX, CustomerFacts
from mcr_insight.hooks import InsightHooks
from mcr_insight.monitoring import store
from mcr_insight.monitoring.domain import (
    SNAPSHOT_INTERVAL,
    CurveComparison,
    DueReview,
    IndustryApplicability,
    LostCustomer,
    PortfolioSnapshot,
    RetierRecommendation,
    RetrospectiveTask,
    ValueReturnCurve,
    YearlyRevenue,
    abnormal_losses,
    compare_curve,
    curve_violations,
    purchase_shares,
    seen_by,
    share_drop_alerts,
    value_distribution,
)
from mcr_insight.service import answered, visible_customer
from mcr_insight.store import visible_ids
from mcr_insight.tiers import store as tiers_store
from mcr_insight.tiers.domain import TierLadder
from mcr_insight.tiers.service import TierPolicies

SNAPSHOT = "insight.portfolio_snapshot"


class Snapshots:
    """Portfolio snapshots of each region (on a timer and on demand) and their retrospectives."""

    def __init__(self, kernel: Kernel, policies: TierPolicies) -> None:
        self.kernel = kernel
        self.policies = policies

    async def start_snapshots(self) -> None:
        """Arm the recurring snapshot timer once; each firing arms the next."""
        first = self.kernel.clock.now() + SNAPSHOT_INTERVAL
        async with self.kernel.db.transaction() as conn:
            await self.kernel.timers.ensure(conn, SNAPSHOT, "portfolio", first)

    async def snapshot_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """The snapshot timer: every region's snapshot, then the next timer. It runs in the
        timer's transaction, so it uses the ladder last read rather than call plugins there."""
        ladder = self.policies.known_ladder or await self.policies.ladder()
        for region in await tiers_store.portfolio_regions(conn):
            await self._take_snapshot(conn, region, ladder)
        next_time = max(timer.due_at + SNAPSHOT_INTERVAL, self.kernel.clock.now())
        await self.kernel.timers.schedule(conn, SNAPSHOT, "portfolio", next_time)

    async def take_snapshot(self, principal: Principal) -> PortfolioSnapshot:
        ladder = await self.policies.ladder()
        async with self.kernel.db.transaction() as conn:
            return await self._take_snapshot(conn, principal.region, ladder)

    async def _take_snapshot(
        self, conn: AsyncConnection, region: str, ladder: TierLadder
    ) -> PortfolioSnapshot:
        previous = next(iter(await store.snapshots(conn, region, None, 1)), None)
        since = previous.take_time if previous else None
        tiers = await tiers_store.region_tiers(conn, region)
        changes = await tiers_store.changes_since(conn, region, since)
        lost = tuple(
            LostCustomer(c.customer_id, c.previous_tier, c.reason)
            for c in changes
            if c.previous_tier and not c.tier
        )
        tier_of = {customer_id: tier for customer_id, tier, _ in tiers}
        shares = purchase_shares(await store.region_revenue(conn, region), tier_of)
        counts = Counter(tier for _, tier, _ in tiers)
        snapshot = PortfolioSnapshot(
            id=str(uuid.uuid4()),
            region=region,
            take_time=self.kernel.clock.now(),
            since=since,
            total=len(tiers),
            tier_counts={code: counts.get(code, 0) for code in ladder.codes},
            value_distribution=value_distribution(score for _, _, score in tiers),
            added=sum(1 for c in changes if c.tier and not c.previous_tier),
            lost=lost,
            abnormal_losses=tuple(abnormal_losses(lost, ladder, previous.total if previous else 0)),
            share_alerts=tuple(share_drop_alerts(shares)),
        )
        await store.add_snapshot(conn, snapshot)
        if snapshot.retrospective_needed:
            customers = tuple(CUSTOMER_PREFIX + c.customer_id for c in snapshot.abnormal_losses)
            reason = (
                f"{len(customers)} abnormal loss(es) since "
                f"{since.date().isoformat() if since else 'the start'}: start a management "
                "retrospective (是否需要启动管理回溯)"
            )
            task = RetrospectiveTask(
                str(uuid.uuid4()), region, snapshot.id, customers, reason, snapshot.take_time
            )
            await store.add_retrospective(conn, task)
        return snapshot

    async def snapshots(
        self, principal: Principal, token: str, size: int
    ) -> tuple[list[PortfolioSnapshot], str]:
        limit = page_size(size)
        before = decode_page_token(token, principal.region)
        before_time = datetime.fromisoformat(before[0]) if before else None
        async with self.kernel.db.read() as conn:
            page = await store.snapshots(conn, principal.region, before_time, limit + 1)
            page = await self._seen_by(conn, principal, page)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1].take_time.isoformat()
        return page[:limit], encode_page_token([last], principal.region)

    async def retrospectives(self, principal: Principal) -> list[RetrospectiveTask]:
        """The region's retrospectives, naming only the customers the caller sees."""
        async with self.kernel.db.read() as conn:
            tasks = await store.retrospectives(conn, principal.region)
            ids = [name.removeprefix(CUSTOMER_PREFIX) for t in tasks for name in t.customers]
            visible = await visible_ids(conn, self.kernel.policy.scope(principal), ids)
        seen = {CUSTOMER_PREFIX + i for i in visible}
        return [replace(t, customers=tuple(c for c in t.customers if c in seen)) for t in tasks]

    async def _seen_by(
        self, conn: AsyncConnection, principal: Principal, page: list[PortfolioSnapshot]
    ) -> list[PortfolioSnapshot]:
        ids = [c.customer_id for s in page for c in s.lost]
        visible = await visible_ids(conn, self.kernel.policy.scope(principal), ids)
        return [seen_by(s, visible) for s in page]


class ValueReturn:
    """The value-return curve of each customer against the revenue the archive records."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    @handles(archive_events.YearlyRevenueRecorded)
    async def on_revenue_recorded(self, message, event: Event, conn: AsyncConnection) -> None:
        item = YearlyRevenue(
            customer_id=names.customer_id(message.customer, "customer"),
            region=message.region,
            year=message.year,
            currency=message.amount.currency_code,
            units=message.amount.units,
        )
        await self.revenue_recorded(conn, item)

    async def revenue_recorded(self, conn: AsyncConnection, item: YearlyRevenue) -> None:
        """The archive recorded a year's revenue: keep it, and compare it with the curve."""
        await store.save_revenue(conn, item)
        curve = await store.get_curve(conn, item.customer_id)
        if curve is not None:
            await self._recommend(conn, curve, item.region)

    async def _recommend(self, conn: AsyncConnection, curve: ValueReturnCurve, region: str) -> None:
        actual = await store.customer_revenue(conn, curve.customer_id)
        now = self.kernel.clock.now()
        for year in compare_curve(curve, actual):
            if year.shortfall:
                assert year.actual_units is not None
                recommendation = RetierRecommendation(
                    curve.customer_id,
                    region,
                    year.year,
                    curve.currency,
                    year.expected_units,
                    year.actual_units,
                    now,
                )
                await store.add_recommendation(conn, recommendation)

    async def value_return(
        self, principal: Principal, customer_id: str
    ) -> tuple[ValueReturnCurve, list[CurveComparison], list[RetierRecommendation]]:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            curve = await store.get_curve(conn, customer_id)
            if curve is None:
                raise NotFound(f"customers/{customer_id}/valueReturnCurve not found")
            actual = await store.customer_revenue(conn, customer_id)
            recommendations = await store.recommendations_of(conn, customer_id)
        return curve, compare_curve(curve, actual), recommendations

    async def update_curve(
        self, principal: Principal, customer_id: str, curve: ValueReturnCurve
    ) -> tuple[ValueReturnCurve, list[CurveComparison], list[RetierRecommendation]]:
        collect(curve_violations(curve))
        async with self.kernel.db.transaction() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
            saved = replace(
                curve,
                customer_id=customer_id,
                update_time=self.kernel.clock.now(),
                updated_by=principal.employee_id,
            )
            await store.save_curve(conn, saved)
            await self._recommend(conn, saved, facts.region)
        return await self.value_return(principal, customer_id)


class Reviews:
    """Strategy reviews by the industry's cadence, and where the method applies (seed 000)."""

    def __init__(self, kernel: Kernel, hooks: InsightHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def record_review(self, principal: Principal, customer_id: str) -> DueReview:
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
            await store.save_review(conn, customer_id, now, principal.employee_id)
        return await self._review_of(facts, now, now)

    async def _review_of(
        self, facts: CustomerFacts, last: datetime | None, now: datetime
    ) -> DueReview:
        """The customer's next review: its cadence after the last one, or now if never."""
        cadence, plugin = answered(
            *await self.hooks.review_cadence(facts), "gives a review cadence"
        )
        due = last + timedelta(days=cadence.interval_days) if last else now
        return DueReview(facts.id, facts.industry, cadence.interval_days, plugin, last, due)

    async def due_reviews(
        self, principal: Principal, token: str, size: int
    ) -> tuple[list[DueReview], str]:
        """Customers whose strategy review is due by their industry's cadence; never reviewed
        ones are due now."""
        limit = page_size(size)
        start = decode_page_token(token, principal.region)
        offset = int(start[0]) if start else 0
        async with self.kernel.db.read() as conn:
            scope = self.kernel.policy.scope(principal)
            customers = await store.region_facts_and_reviews(conn, scope)
        now = self.kernel.clock.now()
        reviews = await asyncio.gather(*(self._review_of(f, last, now) for f, last in customers))
        due = sorted((r for r in reviews if r.due_time <= now), key=lambda r: r.due_time)
        more = offset + limit < len(due)
        next_token = encode_page_token([str(offset + limit)], principal.region) if more else ""
        return due[offset : offset + limit], next_token

    async def applicability(
        self, principal: Principal, customer_id: str
    ) -> tuple[CustomerFacts, IndustryApplicability, str]:
        async with self.kernel.db.read() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
        found = answered(*await self.hooks.industry_applicability(facts), "judges applicability")
        return facts, *found
