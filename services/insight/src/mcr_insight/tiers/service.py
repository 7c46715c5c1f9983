"""Tier use cases: scoring and tiering, manual decisions, portfolio evaluations and tier policies.
One transaction per command, visibility on every read, an event for every change of a tier in
force. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from mcr.archive.v1 import events_pb2 as archive_events
from mcr_core import names
from mcr_core.auth import Principal, Stakeholder
from mcr_core.bus import Event, handles, prepares
from mcr_core.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size, parse_filter
from mcr_core.plugins import PluginFailure, PluginLoadError
from mcr_core.protobuf import from_timestamp
from mcr_core.service import Kernel
from mcr_core.storage import after_commit
from mcr_core.timers import Timer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight import store as facts_store
from mcr_insight.domain import CustomerFacts, PluginFailureRecord
from mcr_insight.hooks import InsightHooks
from mcr_insight.mapping import facts_from_proto, metrics_from_proto, owner_from_proto
from mcr_insight.service import answered, oversees, visible_customer
from mcr_insight.tiers import events, store
from mcr_insight.tiers.domain import (
    ManualDecision,
    PortfolioEvaluation,
    PortfolioTally,
    PublishedPolicy,
    Scoring,
    TierAssignment,
    TierChange,
    TierConfiguration,
    TierDefinition,
    TierLadder,
    TierSource,
    apply_thresholds,
    change_of,
    check_manual_decision,
    combine,
    configuration_violations,
    listing_limit,
    policy_etag,
    rescored,
    with_tier,
)

log = logging.getLogger(__name__)

MANUAL_EXPIRY = "insight.manual_tier_expiry"
# Once a day, the regions' tier aggregates go to the global view (mcr_core.rollup).
ROLLUP = "insight.rollup"
ROLLUP_PERIOD = timedelta(days=1)
SYSTEM = "system"


@dataclass(frozen=True)
class Explanation:
    assignment: TierAssignment
    ladder: TierLadder
    decisions: list[ManualDecision]
    facts: CustomerFacts | None = None  # its industry, ownership type and metrics


@dataclass(frozen=True)
class PreparedScoring:
    """A scoring done before the transaction, with the configuration revision it used."""

    revision: int
    scoring: Scoring
    # The tier policies, while this process has not announced them yet.
    policies: list[PublishedPolicy] | None = None


def _records(failures: Sequence[PluginFailure]) -> tuple[PluginFailureRecord, ...]:
    return tuple(PluginFailureRecord(f.plugin, f.hook, f.reason) for f in failures)


class TierPolicies:
    """The tier ladder and policies the active packs define, announced when they change, and the
    daily roll-up of tier aggregates for the global view."""

    def __init__(self, kernel: Kernel, hooks: InsightHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.published = False
        self.known_ladder: TierLadder | None = None

    async def ladder(self, hooks: InsightHooks | None = None) -> TierLadder:
        """The active packs' tier ladder, or that of `hooks` (a pack switch being tried)."""
        ladder = answered(*await (hooks or self.hooks).tier_ladder(), "defines a valid tier ladder")
        if hooks is None:
            self.known_ladder = ladder
        return ladder

    async def all(self, hooks: InsightHooks | None = None) -> list[PublishedPolicy]:
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

    async def publish_policies(self) -> None:
        """Announce changed policies once per process: at start-up, or at the first use."""
        if not self.published:
            current = await self.all()  # plugins first, then the short transaction
            async with self.kernel.db.transaction() as conn:
                await self.publish_changed_policies(conn, current)

    async def publish_changed_policies(
        self, conn: AsyncConnection, current: list[PublishedPolicy]
    ) -> None:
        """Announce each policy of `current` that differs from the one last published (a pack
        was added, removed or upgraded). Once per process: the packs cannot change while it
        runs."""
        if self.published:
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
        self.published = True

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


class TierScoring:
    """Scores customers and keeps their tiers in force, as the archive's events arrive."""

    def __init__(self, kernel: Kernel, hooks: InsightHooks, policies: TierPolicies) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.policies = policies

    async def score(
        self, facts: CustomerFacts, config: TierConfiguration, ladder: TierLadder
    ) -> Scoring:
        """Score one customer and choose its tier; any plugin failure makes it incomplete."""
        [scoring] = await self.score_all([facts], config, ladder)
        return scoring

    async def score_all(
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

    async def apply(
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
                scored_by = (
                    frozenset(c.plugin for c in before.components) if before else frozenset()
                )
                tier = before.tier if before else ""
                tally.add(scoring.customer.id, tier, assignment.tier, scoring, scored_by)
            assignments.append(assignment)
            if change is not None:
                changes.append(change)
        if write:
            await store.save_assignments(conn, assignments)
            await self.record(conn, *changes)

    async def record(self, conn: AsyncConnection, *changes: TierChange) -> None:
        await store.add_history(conn, changes)
        await events.tiers_changed(self.kernel.outbox, conn, changes)

    # -- the archive's customer events -------------------------------------------------------

    @prepares(archive_events.CustomerCreated, archive_events.CustomerUpdated)
    async def prepare_customer(self, message, event: Event) -> PreparedScoring:
        # Plugins are called here, before the transaction (see EventConsumer's `prepare`).
        return await self.prepare_scoring(facts_from_proto(message.customer))

    @handles(archive_events.CustomerCreated, archive_events.CustomerUpdated)
    async def on_customer_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer = message.customer
        when = from_timestamp(customer.update_time)
        owner = owner_from_proto(customer, message.owner_org_unit)
        await self.customer_changed(conn, facts_from_proto(customer), when, event.prepared, owner)

    @handles(archive_events.CustomerDeleted)
    async def on_customer_deleted(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id = names.customer_id(message.name, "name")
        await self.customer_deleted(conn, customer_id, message.region, event.time)

    # -- the archive's published customer profiles: the metrics the packs declared ----------

    @prepares(archive_events.ProfilePublished)
    async def prepare_profile(self, message, event: Event) -> PreparedScoring | None:
        customer_id = names.customer_id(message.customer, "customer")
        async with self.kernel.db.read() as conn:
            known = await facts_store.get_facts(conn, customer_id)
        if known is None or not _customer_profile(message.name):
            return None
        metrics = metrics_from_proto(message.network_metrics)
        return await self.prepare_scoring(replace(known, metrics=metrics))

    @handles(archive_events.ProfilePublished)
    async def on_profile_published(self, message, event: Event, conn: AsyncConnection) -> None:
        if not _customer_profile(message.name):
            return  # a vendor profile records no metrics
        customer_id = names.customer_id(message.customer, "customer")
        metrics = metrics_from_proto(message.network_metrics)
        prepared = event.prepared if isinstance(event.prepared, PreparedScoring) else None
        await self.metrics_changed(conn, customer_id, message.region, metrics, prepared)

    async def metrics_changed(
        self,
        conn: AsyncConnection,
        customer_id: str,
        region: str,
        metrics: dict,
        prepared: PreparedScoring | None = None,
    ) -> None:
        """Keep the published metrics with the customer's facts and score it again with them."""
        if not await facts_store.save_metrics(conn, customer_id, region, metrics):
            return  # not announced yet: its creation scores it with the metrics kept now
        facts = await facts_store.get_facts(conn, customer_id)
        if facts is None:
            return  # deleted since
        config = await store.current_configuration(conn, facts.region)
        if prepared is None or prepared.revision != config.revision:
            ladder = apply_thresholds(await self.policies.ladder(), config.thresholds)
            prepared = PreparedScoring(config.revision, await self.score(facts, config, ladder))
        await self.apply(conn, [prepared.scoring], config)

    async def prepare_scoring(self, facts: CustomerFacts) -> PreparedScoring:
        """Score a changed customer before the event's transaction opens: plugins may take up
        to their timeout, and on SQLite an open write transaction holds everyone's turn. The
        customer's own events carry no profile metrics: those last published are kept."""
        async with self.kernel.db.read() as conn:
            config = await store.current_configuration(conn, facts.region)
            if not facts.metrics:
                facts = replace(facts, metrics=await facts_store.metrics_of(conn, facts.id))
        ladder = apply_thresholds(await self.policies.ladder(), config.thresholds)
        scoring = await self.score(facts, config, ladder)
        policies = None if self.policies.published else await self.policies.all()
        return PreparedScoring(config.revision, scoring, policies)

    async def customer_changed(
        self,
        conn: AsyncConnection,
        facts: CustomerFacts,
        source_time: datetime,
        prepared: PreparedScoring | None = None,
        owner: Sequence[Stakeholder] = (),
    ) -> None:
        """Keep the archive's facts and the customer's owner (who sees it, decision 11), and
        store the customer's new scoring, in the event's transaction; scored again here only
        if a configuration was applied meanwhile."""
        known = await facts_store.facts_time(conn, facts.id)
        if known is not None and known > source_time:
            return  # an older version arrived late: the newer one was scored already
        await facts_store.save_facts(conn, facts, source_time)
        await facts_store.save_stakeholders(conn, facts.id, facts_store.OWNER, owner)
        if not self.policies.published:
            policies = prepared.policies if prepared else None
            await self.policies.publish_changed_policies(
                conn, policies or await self.policies.all()
            )
        config = await store.current_configuration(conn, facts.region)
        # The metrics as kept now: a profile published since the scoring was prepared counts.
        facts = replace(facts, metrics=await facts_store.metrics_of(conn, facts.id))
        if (
            prepared is None
            or prepared.revision != config.revision
            or dict(prepared.scoring.customer.metrics) != facts.metrics
        ):
            ladder = apply_thresholds(await self.policies.ladder(), config.thresholds)
            prepared = PreparedScoring(config.revision, await self.score(facts, config, ladder))
        await self.apply(conn, [prepared.scoring], config)

    async def customer_deleted(
        self, conn: AsyncConnection, customer_id: str, region: str, when: datetime
    ) -> None:
        known = await facts_store.facts_time(conn, customer_id)
        if known is not None and known > when:
            return
        if known is None:  # a tombstone, so that a late create does not bring it back
            await facts_store.save_facts(conn, CustomerFacts(customer_id, region), when)
        await facts_store.mark_facts_deleted(conn, customer_id, when)
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
            await self.record(conn, change_of(current, gone, reason, SYSTEM, when))


class TierAssignments:
    """Reads of tiers in force, and the manual decisions that override them."""

    def __init__(self, kernel: Kernel, scoring: TierScoring) -> None:
        self.kernel = kernel
        self.scoring = scoring

    async def _visible(
        self, conn: AsyncConnection, principal: Principal, customer_id: str
    ) -> TierAssignment:
        await visible_customer(self.kernel, conn, principal, customer_id)
        assignment = await store.get_assignment(conn, customer_id)
        if assignment is None:
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
            facts = await facts_store.get_facts(conn, customer_id)
        ladder = apply_thresholds(await self.scoring.policies.ladder(), config.thresholds)
        return Explanation(assignment, ladder, decisions, facts)

    async def active_decision(self, customer_id: str) -> ManualDecision | None:
        async with self.kernel.db.read() as conn:
            return await store.active_decision(conn, customer_id)

    async def set_manual(
        self,
        principal: Principal,
        customer_id: str,
        tier: str,
        justification: str,
        expire_time: datetime | None,
    ) -> TierAssignment:
        now = self.kernel.clock.now()
        check_manual_decision(
            tier, justification, expire_time, await self.scoring.policies.ladder(), now
        )
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
            await self.scoring.record(conn, change_of(current, updated, reason, who, now))
        return updated


class Portfolio:
    """The portfolio of a region: rescore, what-if, apply a configuration, and re-tier after a
    pack switch."""

    def __init__(
        self, kernel: Kernel, hooks: InsightHooks, scoring: TierScoring, chunk_size: int = 200
    ) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.scoring = scoring
        self.policies = scoring.policies
        self.chunk_size = chunk_size

    async def configuration(self, principal: Principal) -> TierConfiguration:
        async with self.kernel.db.read() as conn:
            return await store.current_configuration(conn, principal.region)

    async def tier_definitions(self, principal: Principal) -> TierLadder:
        config = await self.configuration(principal)
        return apply_thresholds(await self.policies.ladder(), config.thresholds)

    async def rescore(self, principal: Principal, max_listed: int) -> PortfolioEvaluation:
        limit = listing_limit(max_listed)
        await self.policies.publish_policies()
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
        if not oversees(self.kernel, principal):
            limit = 0  # portfolio figures are counts to whoever does not see every customer
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
        await self.policies.publish_policies()
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
        ladder = await self.policies.ladder(hooks)
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
        ladder = apply_thresholds(await self.policies.ladder(hooks), config.thresholds)
        tally = PortfolioTally(ladder, limit)
        after = ""
        while True:
            async with self.kernel.db.read() as conn:
                page = await facts_store.facts_page(conn, region, after, self.chunk_size)
            if not page:
                break
            scorings = await self.scoring.score_all(
                [facts for facts, _ in page], config, ladder, hooks
            )
            if write:
                await self._write_chunk(page, scorings, config, tally)
            else:
                async with self.kernel.db.read() as conn:
                    await self.scoring.apply(conn, scorings, config, tally, write=False)
            after = page[-1][0].id
        policies = await self.policies.all(hooks)
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
            times = await facts_store.facts_times(conn, [facts.id for facts, _ in page])
            fresh = [
                scoring
                for (facts, seen), scoring in zip(page, scorings, strict=True)
                if times.get(facts.id) == seen
            ]
            await self.scoring.apply(conn, fresh, config, tally)


def _customer_profile(name: str) -> bool:
    return "/customerProfile/" in name
