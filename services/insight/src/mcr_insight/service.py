"""Insight's use cases: scoring and tiering, manual decisions, portfolio evaluations and tier
policies. One transaction per command, visibility on every read, an event for every change of
a tier in force. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from mcr_core.auth import Principal, Record
from mcr_core.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size, parse_filter
from mcr_core.plugins import PluginFailure, PluginLoadError
from mcr_core.service import Kernel
from mcr_core.storage import after_commit
from mcr_core.timers import Timer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight import events, store
from mcr_insight.domain import (
    ANALYSIS_KINDS,
    COMMISSIONED,
    CUSTOMER_PREFIX,
    MARKET_DEPARTMENT,
    SNAPSHOT_INTERVAL,
    AnalysisVersion,
    AnnualInsight,
    Commission,
    CurveComparison,
    CustomerFacts,
    DueReview,
    IndustryApplicability,
    InformationProduct,
    LostCustomer,
    ManualDecision,
    MarketTarget,
    Opportunity,
    OpportunityState,
    OpportunityWeights,
    PluginFailureRecord,
    PortfolioEvaluation,
    PortfolioSnapshot,
    PortfolioTally,
    ProductKind,
    ProductSegment,
    PublishedPolicy,
    RetierRecommendation,
    RetrospectiveTask,
    Scoring,
    ServiceStrategy,
    StrategicSandbox,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierDefinition,
    TierLadder,
    TierSource,
    ValueReturnCurve,
    YearlyRevenue,
    abnormal_losses,
    analysis_violations,
    apply_thresholds,
    attractiveness,
    change_of,
    check_manual_decision,
    combine,
    compare_curve,
    configuration_violations,
    content_etag,
    curve_violations,
    listing_limit,
    market_target_violations,
    opportunity_violations,
    policy_etag,
    product_line_violations,
    product_violations,
    purchase_shares,
    rescored,
    sandbox_etag,
    sandbox_violations,
    settle_conclusions,
    share_drop_alerts,
    strategy_etag,
    strategy_violations,
    value_distribution,
    with_tier,
)
from mcr_insight.hooks import InsightHooks

log = logging.getLogger(__name__)

MANUAL_EXPIRY = "insight.manual_tier_expiry"
SNAPSHOT = "insight.portfolio_snapshot"
# Once a day, the regions' tier aggregates go to the global view (mcr_core.rollup).
ROLLUP = "insight.rollup"
ROLLUP_PERIOD = timedelta(days=1)
SYSTEM = "system"


@dataclass(frozen=True)
class Explanation:
    assignment: TierAssignment
    ladder: TierLadder
    decisions: list[ManualDecision]


@dataclass(frozen=True)
class PreparedScoring:
    """A scoring done before the transaction, with the configuration revision it used."""

    revision: int
    scoring: Scoring
    # The tier policies, while this process has not announced them yet.
    policies: list[PublishedPolicy] | None = None


def _records(failures: Sequence[PluginFailure]) -> tuple[PluginFailureRecord, ...]:
    return tuple(PluginFailureRecord(f.plugin, f.hook, f.reason) for f in failures)


class Insight:
    def __init__(self, kernel: Kernel, hooks: InsightHooks, chunk_size: int = 200) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.chunk_size = chunk_size
        self._policies_published = False
        self._known_ladder: TierLadder | None = None

    # -----------------------------------------------------------------------------------------
    # Scoring one customer
    # -----------------------------------------------------------------------------------------

    async def ladder(self, hooks: InsightHooks | None = None) -> TierLadder:
        """The active packs' tier ladder, or that of `hooks` (a pack switch being tried)."""
        ladder, failures = await (hooks or self.hooks).tier_ladder()
        if ladder is None:
            reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
            raise FailedPrecondition(f"no active pack defines a valid tier ladder ({reasons})")
        if hooks is None:
            self._known_ladder = ladder
        return ladder

    async def score(
        self, facts: CustomerFacts, config: TierConfiguration, ladder: TierLadder
    ) -> Scoring:
        """Score one customer and choose its tier; any plugin failure makes it incomplete."""
        [scoring] = await self._score_all([facts], config, ladder)
        return scoring

    async def _score_all(
        self,
        facts: Sequence[CustomerFacts],
        config: TierConfiguration,
        ladder: TierLadder,
        hooks: InsightHooks | None = None,
    ) -> list[Scoring]:
        """Score customers together: each plugin is called over all of them, so a plugin that
        hangs costs about one timeout per customer it hangs on, and the others go on."""
        hooks = hooks or self.hooks
        found = await hooks.value_components(facts, config.scoring_plugins)
        values = [combine(components, config.dimension_weights) for components, _ in found]
        complete = [index for index, (_, failures) in enumerate(found) if not failures]
        choices = await hooks.assign_tiers([(facts[i], values[i].score) for i in complete], ladder)
        chosen = dict(zip(complete, choices, strict=True))
        scorings = []
        for index, (customer, (_, failures)) in enumerate(zip(facts, found, strict=True)):
            value = values[index]
            if failures:
                scorings.append(Scoring(customer, value, "", "", _records(failures)))
                continue
            choice, failures = chosen[index]
            if choice is None:
                failures = failures or [
                    PluginFailure("(no plugin)", "insight_assign_tier", "no plugin chose a tier")
                ]
                scorings.append(Scoring(customer, value, "", "", _records(failures)))
            else:
                scorings.append(
                    Scoring(customer, value, choice.tier, choice.plugin, _records(failures))
                )
        return scorings

    async def _apply(
        self,
        conn: AsyncConnection,
        scorings: Sequence[Scoring],
        config: TierConfiguration,
        tally: PortfolioTally | None = None,
        write: bool = True,
    ) -> None:
        """Turn scorings into assignments (written unless `write` is False, for what-if)."""
        ids = [s.customer.id for s in scorings]
        current = await store.get_assignments(conn, ids)
        manual = await store.active_decisions(conn, ids)
        now = self.kernel.clock.now()
        assignments, changes = [], []
        for scoring in scorings:
            before = current.get(scoring.customer.id)
            assignment, change = rescored(
                before, scoring, manual.get(scoring.customer.id), config.revision, now
            )
            if tally is not None:
                tally.add(
                    scoring.customer.id, before.tier if before else "", assignment.tier, scoring
                )
            assignments.append(assignment)
            if change is not None:
                changes.append(change)
        if write:
            await store.save_assignments(conn, assignments)
            await self._record(conn, *changes)

    async def _record(self, conn: AsyncConnection, *changes: TierChange) -> None:
        await store.add_history(conn, changes)
        await events.tiers_changed(self.kernel.outbox, conn, changes)

    # -----------------------------------------------------------------------------------------
    # Incremental: the archive's events
    # -----------------------------------------------------------------------------------------

    async def prepare_scoring(self, facts: CustomerFacts) -> PreparedScoring:
        """Score a changed customer before the event's transaction opens: plugins may take up
        to their timeout, and on SQLite an open write transaction holds everyone's turn."""
        async with self.kernel.db.read() as conn:
            config = await store.current_configuration(conn, facts.region)
        ladder = apply_thresholds(await self.ladder(), config.thresholds)
        scoring = await self.score(facts, config, ladder)
        policies = None if self._policies_published else await self.policies()
        return PreparedScoring(config.revision, scoring, policies)

    async def customer_changed(
        self,
        conn: AsyncConnection,
        facts: CustomerFacts,
        source_time: datetime,
        prepared: PreparedScoring | None = None,
    ) -> None:
        """Keep the archive's facts and store the customer's new scoring, in the event's
        transaction; scored again here only if a configuration was applied meanwhile."""
        known = await store.facts_time(conn, facts.id)
        if known is not None and known > source_time:
            return  # an older version arrived late: the newer one was scored already
        await store.save_facts(conn, facts, source_time)
        if not self._policies_published:
            policies = prepared.policies if prepared else None
            await self.publish_changed_policies(conn, policies or await self.policies())
        config = await store.current_configuration(conn, facts.region)
        if prepared is None or prepared.revision != config.revision:
            ladder = apply_thresholds(await self.ladder(), config.thresholds)
            prepared = PreparedScoring(config.revision, await self.score(facts, config, ladder))
        await self._apply(conn, [prepared.scoring], config)

    async def customer_deleted(
        self, conn: AsyncConnection, customer_id: str, region: str, when: datetime
    ) -> None:
        known = await store.facts_time(conn, customer_id)
        if known is not None and known > when:
            return
        if known is None:  # a tombstone, so that a late create does not bring it back
            await store.save_facts(conn, CustomerFacts(customer_id, region), when)
        await store.mark_facts_deleted(conn, customer_id, when)
        if (decision := await store.active_decision(conn, customer_id)) is not None:
            await store.end_decision(conn, decision.id, when, "the customer was deleted")
            await self.kernel.timers.cancel(conn, MANUAL_EXPIRY, customer_id)
        current = await store.get_assignment(conn, customer_id)
        if current is None:
            return
        await store.delete_assignment(conn, customer_id)
        if current.tier:
            gone = replace(current, tier="", source=None)
            reason = "the customer was deleted from the archive"
            await self._record(conn, change_of(current, gone, reason, SYSTEM, when))

    # -----------------------------------------------------------------------------------------
    # Reads
    # -----------------------------------------------------------------------------------------

    async def _visible(
        self, conn: AsyncConnection, principal: Principal, customer_id: str
    ) -> TierAssignment:
        assignment = await store.get_assignment(conn, customer_id)
        if assignment is None or not self.kernel.policy.allows(
            principal, Record(region=assignment.region)
        ):
            # Another region's customer is "not found": its existence is not disclosed.
            raise NotFound(f"customers/{customer_id}/tierAssignment not found")
        return assignment

    async def get(self, principal: Principal, customer_id: str) -> TierAssignment:
        async with self.kernel.db.read() as conn:
            return await self._visible(conn, principal, customer_id)

    async def list(
        self, principal: Principal, filter_text: str, token: str, size: int
    ) -> tuple[list[TierAssignment], str]:
        limit = page_size(size)
        comparisons = parse_filter(filter_text, frozenset(store.FILTER_COLUMNS))
        after = decode_page_token(token, filter_text)
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await store.list_assignments(
                conn, scope, comparisons, after[0] if after else None, limit + 1
            )
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([page[limit - 1].customer_id], filter_text)

    async def history(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[TierChange], str]:
        limit = page_size(size)
        before = decode_page_token(token, customer_id)
        async with self.kernel.db.read() as conn:
            await self._visible(conn, principal, customer_id)
            page = await store.history_page(
                conn, customer_id, before[0] if before else None, limit + 1
            )
        entries = [change for _, change in page[:limit]]
        if len(page) <= limit:
            return entries, ""
        return entries, encode_page_token([page[limit - 1][0]], customer_id)

    async def explain(self, principal: Principal, customer_id: str) -> Explanation:
        async with self.kernel.db.read() as conn:
            assignment = await self._visible(conn, principal, customer_id)
            config = await store.current_configuration(conn, assignment.region)
            decisions = await store.decisions_of(conn, customer_id)
        ladder = apply_thresholds(await self.ladder(), config.thresholds)
        return Explanation(assignment, ladder, decisions)

    async def active_decision(self, customer_id: str) -> ManualDecision | None:
        async with self.kernel.db.read() as conn:
            return await store.active_decision(conn, customer_id)

    # -----------------------------------------------------------------------------------------
    # Manual decisions ("collective wisdom", book ch.2)
    # -----------------------------------------------------------------------------------------

    async def set_manual(
        self,
        principal: Principal,
        customer_id: str,
        tier: str,
        justification: str,
        expire_time: datetime | None,
    ) -> TierAssignment:
        now = self.kernel.clock.now()
        check_manual_decision(tier, justification, expire_time, await self.ladder(), now)
        decision = ManualDecision(
            id=str(uuid.uuid4()),
            customer_id=customer_id,
            tier=tier,
            justification=justification.strip(),
            decided_by=principal.employee_id,
            decide_time=now,
            expire_time=expire_time,
        )
        async with self.kernel.db.transaction() as conn:
            current = await self._visible(conn, principal, customer_id)
            if (previous := await store.active_decision(conn, customer_id)) is not None:
                reason = f"replaced by a decision of {principal.employee_id}"
                await store.end_decision(conn, previous.id, now, reason)
            await store.add_decision(conn, decision)
            await self.kernel.timers.schedule(
                conn, MANUAL_EXPIRY, customer_id, expire_time, {"decision_id": decision.id}
            )
            reason = (
                f"manual decision until {expire_time.date().isoformat()}: {decision.justification}"
            )
            return await self._set_tier(
                conn, current, tier, TierSource.MANUAL, reason, principal.employee_id
            )

    async def clear_manual(
        self, principal: Principal, customer_id: str, reason: str
    ) -> TierAssignment:
        if not reason.strip():
            raise InvalidArgument.field("reason", "is required: say why the decision is withdrawn")
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            current = await self._visible(conn, principal, customer_id)
            decision = await store.active_decision(conn, customer_id)
            if decision is None:
                raise FailedPrecondition.field("name", "no manual decision is in force")
            ended = f"withdrawn by {principal.employee_id}: {reason.strip()}"
            await store.end_decision(conn, decision.id, now, ended)
            await self.kernel.timers.cancel(conn, MANUAL_EXPIRY, customer_id)
            why, who = f"manual decision {ended}", principal.employee_id
            return await self._set_tier(
                conn, current, current.computed_tier, TierSource.COMPUTED, why, who
            )

    async def manual_expired(self, timer: Timer, conn: AsyncConnection) -> None:
        """The expiry timer of a manual decision: the computed tier applies again."""
        decision = await store.active_decision(conn, timer.key)
        if decision is None or decision.id != timer.payload.get("decision_id"):
            return  # withdrawn or replaced in the meantime
        await store.end_decision(conn, decision.id, self.kernel.clock.now(), "expired")
        current = await store.get_assignment(conn, timer.key)
        if current is not None:
            reason = f"manual decision of {decision.decided_by} expired"
            await self._set_tier(
                conn, current, current.computed_tier, TierSource.COMPUTED, reason, SYSTEM
            )

    async def _set_tier(
        self,
        conn: AsyncConnection,
        current: TierAssignment,
        tier: str,
        source: TierSource,
        reason: str,
        who: str,
    ) -> TierAssignment:
        now = self.kernel.clock.now()
        updated = with_tier(current, tier, source, now)
        await store.save_assignment(conn, updated)
        if updated.tier != current.tier:
            await self._record(conn, change_of(current, updated, reason, who, now))
        return updated

    # -----------------------------------------------------------------------------------------
    # The portfolio: rescore, what-if, apply
    # -----------------------------------------------------------------------------------------

    async def configuration(self, principal: Principal) -> TierConfiguration:
        async with self.kernel.db.read() as conn:
            return await store.current_configuration(conn, principal.region)

    async def tier_definitions(self, principal: Principal) -> TierLadder:
        config = await self.configuration(principal)
        return apply_thresholds(await self.ladder(), config.thresholds)

    async def rescore(self, principal: Principal, max_listed: int) -> PortfolioEvaluation:
        limit = listing_limit(max_listed)
        await self.publish_policies()
        config = await self.configuration(principal)
        return await self._run(principal.region, config, limit, write=True)

    async def evaluate(
        self,
        principal: Principal,
        candidate: TierConfiguration,
        max_listed: int,
        packs: Sequence[str] = (),
    ) -> PortfolioEvaluation:
        """What-if: the migrations `candidate` would cause, under other packs when `packs` are
        named (a region's pack switch, shown before it is made); nothing is stored or
        announced."""
        limit = listing_limit(max_listed, "max_customers_per_migration")
        hooks = self._hooks_with(packs) if packs else self.hooks
        await self._check(candidate, hooks)
        return await self._run(principal.region, candidate, limit, write=False, hooks=hooks)

    def _hooks_with(self, packs: Sequence[str]) -> InsightHooks:
        for index, pack in enumerate(packs):
            if pack in packs[:index]:
                raise InvalidArgument.field(f"packs[{index}]", f"{pack!r} is named twice")
        try:
            return self.hooks.with_packs(packs)
        except PluginLoadError as exc:
            raise InvalidArgument.field("packs", str(exc)) from exc

    async def apply(
        self,
        principal: Principal,
        candidate: TierConfiguration,
        expected_revision: int,
        max_listed: int,
    ) -> PortfolioEvaluation:
        limit = listing_limit(max_listed)
        await self._check(candidate, self.hooks)
        await self.publish_policies()
        async with self.kernel.db.transaction() as conn:
            current = await store.current_configuration(conn, principal.region)
            if expected_revision and expected_revision != current.revision:
                raise FailedPrecondition.field(
                    "expected_revision",
                    f"the configuration is at revision {current.revision} now; read it again",
                )
            config = replace(
                candidate,
                revision=current.revision + 1,
                update_time=self.kernel.clock.now(),
                updated_by=principal.employee_id,
            )
            try:
                async with conn.begin_nested():
                    await store.add_configuration(conn, principal.region, config)
            except IntegrityError as exc:
                raise FailedPrecondition.field(
                    "expected_revision", "another configuration was applied at the same time"
                ) from exc
        return await self._run(principal.region, config, limit, write=True)

    async def retier_after_pack_switch(self) -> None:
        """Tier every region's portfolio again when the scoring packs changed since it was
        last tiered (a region switched packs by configuration, or upgraded one): tiers in force
        must be the active packs' tiers. The packs are recorded last, so a crash part-way
        re-tiers again at the next start."""
        fingerprint = self.hooks.scoring_fingerprint()
        async with self.kernel.db.read() as conn:
            if await store.scoring_fingerprint(conn) == fingerprint:
                return
            regions = await store.portfolio_regions(conn)
        for region in regions:
            async with self.kernel.db.read() as conn:
                config = await store.current_configuration(conn, region)
            try:
                await self._check(config, self.hooks)
            except InvalidArgument as exc:
                log.warning(
                    "tiers kept: the region's configuration does not fit the new packs",
                    extra={"region": region, "revision": config.revision, "reason": str(exc)},
                )
                continue
            await self._run(region, config, 0, write=True)
        async with self.kernel.db.transaction() as conn:
            packs = list(self.hooks.packs())
            now = self.kernel.clock.now()
            await store.save_scoring_fingerprint(conn, fingerprint, packs, now)

    async def _check(self, candidate: TierConfiguration, hooks: InsightHooks) -> None:
        ladder = await self.ladder(hooks)
        collect(configuration_violations(candidate, ladder, hooks.scoring_plugins()))

    async def _run(
        self,
        region: str,
        config: TierConfiguration,
        limit: int,
        write: bool,
        hooks: InsightHooks | None = None,
    ) -> PortfolioEvaluation:
        """Score a region's customers chunk by chunk; a plugin's failure only marks the
        customers it affected (they keep their tier), the batch goes on."""
        hooks = hooks or self.hooks
        ladder = apply_thresholds(await self.ladder(hooks), config.thresholds)
        tally = PortfolioTally(ladder, limit)
        after = ""
        while True:
            async with self.kernel.db.read() as conn:
                page = await store.facts_page(conn, region, after, self.chunk_size)
            if not page:
                break
            scorings = await self._score_all([facts for facts, _ in page], config, ladder, hooks)
            if write:
                await self._write_chunk(page, scorings, config, tally)
            else:
                async with self.kernel.db.read() as conn:
                    await self._apply(conn, scorings, config, tally, write=False)
            after = page[-1][0].id
        policies = await self.policies(hooks)
        return tally.result(config, write, hooks.packs(), tuple(policies))

    async def _write_chunk(
        self,
        page: list[tuple[CustomerFacts, datetime]],
        scorings: list[Scoring],
        config: TierConfiguration,
        tally: PortfolioTally,
    ) -> None:
        async with self.kernel.db.transaction() as conn:
            # A customer the archive changed while the chunk was scored was re-scored by its
            # event already; writing this older scoring would undo that.
            times = await store.facts_times(conn, [facts.id for facts, _ in page])
            fresh = [
                scoring
                for (facts, seen), scoring in zip(page, scorings, strict=True)
                if times.get(facts.id) == seen
            ]
            await self._apply(conn, fresh, config, tally)

    # -----------------------------------------------------------------------------------------
    # The strategic sandbox (战略沙盘)
    # -----------------------------------------------------------------------------------------

    async def _customer(
        self, conn: AsyncConnection, principal: Principal, customer_id: str
    ) -> CustomerFacts:
        facts = await store.get_facts(conn, customer_id)
        if facts is None or not self.kernel.policy.allows(principal, Record(region=facts.region)):
            raise NotFound(f"customers/{customer_id} not found")
        return facts

    async def sandbox(self, principal: Principal, customer_id: str) -> StrategicSandbox:
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
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
            await self._customer(conn, principal, customer_id)
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
            facts = await self._customer(conn, principal, customer_id)
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
            facts = await self._customer(conn, principal, customer_id)
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
        found, failures = await self.hooks.opportunity_weights()
        if found is None:
            reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
            raise FailedPrecondition(f"no active pack gives valid ranking weights ({reasons})")
        return found

    async def opportunities(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[tuple[Opportunity, float]], str, tuple[OpportunityWeights, str]]:
        """A customer's opportunities, most attractive first (ties: oldest first)."""
        limit = page_size(size)
        start = decode_page_token(token, customer_id)
        offset = int(start[0]) if start else 0
        weights = await self.ranking_weights()
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
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
            await self._customer(conn, principal, customer_id)
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
            await self._customer(conn, principal, customer_id)
            sandbox = await store.get_sandbox(conn, customer_id)
            empty = not sandbox.segments and not await store.opportunities_of(conn, customer_id)
            record = AnnualInsight(customer_id, year, empty, principal.employee_id, now)
            await store.save_annual_insight(conn, record)
            return record

    # -----------------------------------------------------------------------------------------
    # Portfolio monitoring (跟踪与监控客户策略)
    # -----------------------------------------------------------------------------------------

    async def start_snapshots(self) -> None:
        """Arm the recurring snapshot timer once; each firing arms the next."""
        first = self.kernel.clock.now() + SNAPSHOT_INTERVAL
        async with self.kernel.db.transaction() as conn:
            await self.kernel.timers.ensure(conn, SNAPSHOT, "portfolio", first)

    async def snapshot_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """The snapshot timer: every region's snapshot, then the next timer. It runs in the
        timer's transaction, so it uses the ladder last read rather than call plugins there."""
        ladder = self._known_ladder or await self.ladder()
        for region in await store.portfolio_regions(conn):
            await self._take_snapshot(conn, region, ladder)
        next_time = max(timer.due_at + SNAPSHOT_INTERVAL, self.kernel.clock.now())
        await self.kernel.timers.schedule(conn, SNAPSHOT, "portfolio", next_time)

    async def take_snapshot(self, principal: Principal) -> PortfolioSnapshot:
        ladder = await self.ladder()
        async with self.kernel.db.transaction() as conn:
            return await self._take_snapshot(conn, principal.region, ladder)

    async def _take_snapshot(
        self, conn: AsyncConnection, region: str, ladder: TierLadder
    ) -> PortfolioSnapshot:
        previous = next(iter(await store.snapshots(conn, region, None, 1)), None)
        since = previous.take_time if previous else None
        tiers = await store.region_tiers(conn, region)
        changes = await store.changes_since(conn, region, since)
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
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1].take_time.isoformat()
        return page[:limit], encode_page_token([last], principal.region)

    async def retrospectives(self, principal: Principal) -> list[RetrospectiveTask]:
        async with self.kernel.db.read() as conn:
            return await store.retrospectives(conn, principal.region)

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
            await self._customer(conn, principal, customer_id)
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
            facts = await self._customer(conn, principal, customer_id)
            saved = replace(
                curve,
                customer_id=customer_id,
                update_time=self.kernel.clock.now(),
                updated_by=principal.employee_id,
            )
            await store.save_curve(conn, saved)
            await self._recommend(conn, saved, facts.region)
        return await self.value_return(principal, customer_id)

    async def record_review(self, principal: Principal, customer_id: str) -> DueReview:
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            facts = await self._customer(conn, principal, customer_id)
            await store.save_review(conn, customer_id, now, principal.employee_id)
        return await self._review_of(facts, now, now)

    async def _review_of(
        self, facts: CustomerFacts, last: datetime | None, now: datetime
    ) -> DueReview:
        """The customer's next review: its cadence after the last one, or now if never."""
        found, failures = await self.hooks.review_cadence(facts)
        if found is None:
            reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
            raise FailedPrecondition(f"no active pack gives a review cadence ({reasons})")
        cadence, plugin = found
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
            customers = await store.region_facts_and_reviews(conn, principal.region)
        now = self.kernel.clock.now()
        reviews = await asyncio.gather(*(self._review_of(f, last, now) for f, last in customers))
        due = sorted((r for r in reviews if r.due_time <= now), key=lambda r: r.due_time)
        more = offset + limit < len(due)
        next_token = encode_page_token([str(offset + limit)], principal.region) if more else ""
        return due[offset : offset + limit], next_token

    # -----------------------------------------------------------------------------------------
    # Industry applicability (seed 000)
    # -----------------------------------------------------------------------------------------

    async def applicability(
        self, principal: Principal, customer_id: str
    ) -> tuple[CustomerFacts, IndustryApplicability, str]:
        async with self.kernel.db.read() as conn:
            facts = await self._customer(conn, principal, customer_id)
        found, failures = await self.hooks.industry_applicability(facts)
        if found is None:
            reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
            raise FailedPrecondition(f"no active pack judges applicability ({reasons})")
        return facts, *found

    # -----------------------------------------------------------------------------------------
    # Insight analyses and service strategies
    # -----------------------------------------------------------------------------------------

    async def analysis(
        self, principal: Principal, customer_id: str, kind: str, version: int
    ) -> AnalysisVersion:
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
            if version:
                found = await store.analysis_version(conn, customer_id, kind, version)
            else:
                found = next(
                    iter(await store.analysis_versions(conn, customer_id, kind, None, 1)), None
                )
        if found is None:
            at = f"@{version}" if version else ""
            raise NotFound(f"customers/{customer_id}/analyses/{kind}{at} not found")
        return found

    async def analysis_history(
        self, principal: Principal, customer_id: str, kind: str, token: str, size: int
    ) -> tuple[list[AnalysisVersion], str]:
        limit = page_size(size)
        name = f"{customer_id}/{kind}"
        before = decode_page_token(token, name)
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
            page = await store.analysis_versions(
                conn, customer_id, kind, int(before[0]) if before else None, limit + 1
            )
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([str(page[limit - 1].version)], name)

    async def update_analysis(
        self, principal: Principal, customer_id: str, kind: str, content: dict, etag: str
    ) -> AnalysisVersion:
        """Write the next version of an analysis; earlier versions stay as they were."""
        path = f"insight_analysis.{ANALYSIS_KINDS[kind]}"
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            await self._customer(conn, principal, customer_id)
            latest = next(
                iter(await store.analysis_versions(conn, customer_id, kind, None, 1)), None
            )
            if etag and (latest is None or etag != latest.etag):
                raise FailedPrecondition.field(
                    "insight_analysis.etag", "the analysis changed since it was read"
                )
            found = settle_conclusions(content, latest.content if latest else None, now, path)
            collect(found + analysis_violations(ANALYSIS_KINDS[kind], content, path))
            version = AnalysisVersion(
                customer_id,
                kind,
                (latest.version if latest else 0) + 1,
                content,
                content_etag(content),
                now,
                principal.employee_id,
            )
            try:
                async with conn.begin_nested():
                    await store.add_analysis(conn, version)
            except IntegrityError as exc:
                raise FailedPrecondition.field(
                    "insight_analysis.etag", "another version was written at the same time"
                ) from exc
            return version

    async def strategy(self, principal: Principal, customer_id: str) -> ServiceStrategy:
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
            found = await store.get_strategy(conn, customer_id)
        if found is None:
            raise NotFound(f"customers/{customer_id}/serviceStrategy not found")
        return found

    async def update_strategy(
        self, principal: Principal, customer_id: str, strategy: ServiceStrategy, etag: str
    ) -> ServiceStrategy:
        collect(strategy_violations(strategy))
        async with self.kernel.db.transaction() as conn:
            await self._customer(conn, principal, customer_id)
            current = await store.get_strategy(conn, customer_id)
            if etag and (current is None or etag != current.etag):
                raise FailedPrecondition.field(
                    "service_strategy.etag", "the strategy changed since it was read"
                )
            updated = replace(
                strategy,
                customer_id=customer_id,
                version=(current.version if current else 0) + 1,
                update_time=self.kernel.clock.now(),
                updated_by=principal.employee_id,
            )
            updated = replace(updated, etag=strategy_etag(updated))
            await store.save_strategy(conn, updated)
            return updated

    # -----------------------------------------------------------------------------------------
    # Information products (classified: director level, or a commission's grant)
    # -----------------------------------------------------------------------------------------

    def _readable(self, principal: Principal, product: InformationProduct) -> bool:
        record = Record(
            region=product.region,
            classification=product.classification,
            grantees=product.grantees,
        )
        return self.kernel.policy.allows(principal, record)

    async def write_product(
        self,
        principal: Principal,
        customer_id: str,
        kind: ProductKind | None,
        title: str,
        body: str,
        commission: Commission | None,
    ) -> InformationProduct:
        if not principal.has_role(MARKET_DEPARTMENT):
            raise PermissionDenied(
                f"information products come from the market department (role {MARKET_DEPARTMENT!r})"
            )
        collect(product_violations(kind, title, body, commission))
        assert kind is not None
        async with self.kernel.db.transaction() as conn:
            facts = await self._customer(conn, principal, customer_id)
            product = InformationProduct(
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                region=facts.region,
                kind=kind,
                title=title.strip(),
                body=body,
                commission=commission,
                author=principal.employee_id,
                create_time=self.kernel.clock.now(),
            )
            await store.add_product(conn, product)
            return product

    async def product(
        self, principal: Principal, customer_id: str, product_id: str
    ) -> InformationProduct:
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
            found = await store.get_product(conn, customer_id, product_id)
        if found is None:
            raise NotFound(f"customers/{customer_id}/informationProducts/{product_id} not found")
        if not self._readable(principal, found):
            raise PermissionDenied(
                f"this {found.kind.value} is classified {found.classification!r}: "
                + (
                    "only the employees its commission names may read it"
                    if found.classification == COMMISSIONED
                    else "director level and above"
                )
            )
        return found

    async def products(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[InformationProduct], str]:
        """The customer's products the principal may read; the others are not listed."""
        limit = page_size(size)
        start = decode_page_token(token, customer_id)
        offset = int(start[0]) if start else 0
        async with self.kernel.db.read() as conn:
            await self._customer(conn, principal, customer_id)
            found = await store.products_of(conn, customer_id)
        readable = [p for p in found if self._readable(principal, p)]
        more = offset + limit < len(readable)
        next_token = encode_page_token([str(offset + limit)], customer_id) if more else ""
        return readable[offset : offset + limit], next_token

    # -----------------------------------------------------------------------------------------
    # Tier policies (客户政策)
    # -----------------------------------------------------------------------------------------

    async def policies(self, hooks: InsightHooks | None = None) -> list[PublishedPolicy]:
        """Every tier's policy, highest tier first; tiers no pack has a policy for are left out."""
        found = []
        for tier in (await self.ladder(hooks)).tiers:
            policy = await self._policy_of(tier, hooks or self.hooks)
            if policy is not None:
                found.append(policy)
        return found

    async def policy(self, tier_code: str) -> PublishedPolicy:
        tier = (await self.ladder()).get(tier_code)
        policy = await self._policy_of(tier) if tier is not None else None
        if policy is None:
            raise NotFound(f"tierPolicies/{tier_code} not found: no active pack defines it")
        await self.publish_policies()
        return policy

    async def _policy_of(
        self, tier: TierDefinition, hooks: InsightHooks | None = None
    ) -> PublishedPolicy | None:
        found, _ = await (hooks or self.hooks).tier_policy(tier)
        if found is None:
            return None
        policy, plugin = found
        return PublishedPolicy(policy, plugin, policy_etag(policy, plugin))

    async def roll_up(self, conn: AsyncConnection, start: datetime, end: datetime) -> None:
        """Stage every region's tier aggregates of the period [start, end) for the global view."""
        for region in await store.portfolio_regions(conn):
            counts = await store.tier_counts(conn, region)
            migrations = await store.tier_migrations(conn, region, start, end)
            await events.tier_aggregates(
                self.kernel.outbox, conn, region, counts, migrations, (start, end)
            )

    async def rolled_up(self, timer: Timer, conn: AsyncConnection) -> None:
        """The daily roll-up timer: the day that ended at its due time, then the next day."""
        end = timer.due_at
        await self.roll_up(conn, end - ROLLUP_PERIOD, end)
        await self.kernel.timers.schedule(conn, ROLLUP, "daily", end + ROLLUP_PERIOD)

    async def schedule_roll_up(self) -> None:
        """Arm the daily roll-up for the coming midnight (UTC)."""
        now = self.kernel.clock.now().astimezone(UTC)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0) + ROLLUP_PERIOD
        async with self.kernel.db.transaction() as conn:
            await self.kernel.timers.schedule(conn, ROLLUP, "daily", midnight)

    async def publish_policies(self) -> None:
        """Announce changed policies once per process: at start-up, or at the first use."""
        if not self._policies_published:
            current = await self.policies()  # plugins first, then the short transaction
            async with self.kernel.db.transaction() as conn:
                await self.publish_changed_policies(conn, current)

    async def publish_changed_policies(
        self, conn: AsyncConnection, current: list[PublishedPolicy]
    ) -> None:
        """Announce each policy of `current` that differs from the one last published (a pack
        was added, removed or upgraded). Once per process: the packs cannot change while it
        runs."""
        if self._policies_published:
            return
        published = await store.published_etags(conn)
        now = self.kernel.clock.now()
        for item in current:
            previous = published.get(item.policy.tier, "")
            if previous != item.etag:
                await store.save_published(conn, item.policy.tier, item.etag, now)
                await events.tier_policy_changed(
                    self.kernel.outbox, conn, item.policy, item.plugin, item.etag, previous
                )
        after_commit(conn, self._mark_published)

    def _mark_published(self) -> None:
        self._policies_published = True
