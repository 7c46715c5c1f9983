"""Strategic sandbox use cases (战略沙盘): segments, opportunities the front line proposes and the
market department selects, the annual insight."""

from __future__ import annotations

import uuid
from dataclasses import replace

from mcr_core.auth import Principal
from mcr_core.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel

from mcr_insight.domain import MARKET_DEPARTMENT
from mcr_insight.hooks import InsightHooks
from mcr_insight.sandbox import events, store
from mcr_insight.sandbox.domain import (
    AnnualInsight,
    MarketTarget,
    Opportunity,
    OpportunityState,
    OpportunityWeights,
    ProductSegment,
    StrategicSandbox,
    attractiveness,
    market_target_violations,
    opportunity_violations,
    product_line_violations,
    sandbox_etag,
    sandbox_violations,
)
from mcr_insight.service import answered, visible_customer


class Sandbox:
    """A customer's strategic sandbox and its opportunities."""

    def __init__(self, kernel: Kernel, hooks: InsightHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def sandbox(self, principal: Principal, customer_id: str) -> StrategicSandbox:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            return await store.get_sandbox(conn, customer_id)

    async def update_sandbox(
        self,
        principal: Principal,
        customer_id: str,
        segments: tuple[ProductSegment, ...],
        etag: str,
    ) -> StrategicSandbox:
        collect(sandbox_violations(segments))
        path = "strategic_sandbox.segments[{}].product_segment"
        await self._check_product_lines(
            principal, customer_id, [s.product_segment for s in segments], path
        )
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            current = await store.get_sandbox(conn, customer_id)
            if etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "strategic_sandbox.etag", "the sandbox changed since it was read"
                )
            updated = StrategicSandbox(
                customer_id,
                segments,
                sandbox_etag(segments),
                self.kernel.clock.now(),
                principal.employee_id,
            )
            await store.save_sandbox(conn, updated)
            return updated

    async def _check_product_lines(
        self, principal: Principal, customer_id: str, segments: list[str], path: str
    ) -> None:
        """The segments name product lines of the customer's industry, when a pack has a
        taxonomy for it (asked before any transaction opens: a plugin may take its timeout)."""
        async with self.kernel.db.read() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
        found, _ = await self.hooks.product_lines(facts)
        if found is not None:
            collect(product_line_violations(segments, found[0], path))

    async def propose(
        self, principal: Principal, customer_id: str, proposal: Opportunity, request_id: str
    ) -> Opportunity:
        """The front line proposes an opportunity (anyone who sees the customer)."""
        collect(opportunity_violations(proposal))
        if len(request_id) > 64:
            raise InvalidArgument.field("request_id", "must be at most 64 characters")
        await self._check_product_lines(
            principal, customer_id, [proposal.product_segment], "opportunity.product_segment"
        )
        async with self.kernel.db.transaction() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
            if request_id and (done := await store.opportunity_by_request(conn, request_id)):
                return done
            opportunity = replace(
                proposal,
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                region=facts.region,
                state=OpportunityState.PROPOSED,
                proposed_by=principal.employee_id,
                propose_time=self.kernel.clock.now(),
                selected_by="",
                select_time=None,
                market_target=None,
            )
            await store.add_opportunity(conn, opportunity, request_id or None)
            return opportunity

    async def ranking_weights(self) -> tuple[OpportunityWeights, str]:
        return answered(*await self.hooks.opportunity_weights(), "gives valid ranking weights")

    async def opportunities(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[tuple[Opportunity, float]], str, tuple[OpportunityWeights, str]]:
        """A customer's opportunities, most attractive first (ties: oldest first)."""
        limit = page_size(size)
        start = decode_page_token(token, customer_id)
        offset = int(start[0]) if start else 0
        weights = await self.ranking_weights()
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            found = await store.opportunities_of(conn, customer_id)
        ranked = sorted(
            ((o, attractiveness(o.ratings, weights[0])) for o in found), key=lambda p: -p[1]
        )
        page = ranked[offset : offset + limit]
        more = offset + limit < len(ranked)
        next_token = encode_page_token([str(offset + limit)], customer_id) if more else ""
        return page, next_token, weights

    async def select(
        self, principal: Principal, customer_id: str, opportunity_id: str, target: MarketTarget
    ) -> Opportunity:
        """The market department selects an opportunity: it becomes a market target, and
        planning hears of it (book ch.7: the front line finds, the company chooses)."""
        if not principal.has_role(MARKET_DEPARTMENT):
            raise PermissionDenied(
                f"only the market department (role {MARKET_DEPARTMENT!r}) selects opportunities"
            )
        now = self.kernel.clock.now()
        collect(market_target_violations(target, now.year))
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            found = await store.get_opportunity(conn, customer_id, opportunity_id)
            if found is None:
                raise NotFound(f"customers/{customer_id}/opportunities/{opportunity_id} not found")
            if found.state != OpportunityState.PROPOSED:
                raise FailedPrecondition.field("name", "the opportunity is selected already")
            selected = replace(
                found,
                state=OpportunityState.SELECTED,
                selected_by=principal.employee_id,
                select_time=now,
                market_target=target,
            )
            if not await store.select_opportunity(conn, selected):
                raise FailedPrecondition.field("name", "the opportunity is selected already")
            await events.market_target_selected(self.kernel.outbox, conn, selected)
            return selected

    async def complete_annual_insight(
        self, principal: Principal, customer_id: str, year: int
    ) -> AnnualInsight:
        """Record the year's insight; an empty sandbox is flagged (R-PLN-1)."""
        now = self.kernel.clock.now()
        if not 2000 <= year <= now.year + 1:
            raise InvalidArgument.field("year", f"must be from 2000 to {now.year + 1}")
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            sandbox = await store.get_sandbox(conn, customer_id)
            empty = not sandbox.segments and not await store.opportunities_of(conn, customer_id)
            record = AnnualInsight(customer_id, year, empty, principal.employee_id, now)
            await store.save_annual_insight(conn, record)
            return record
