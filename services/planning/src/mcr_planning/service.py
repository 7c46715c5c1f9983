"""Planning's use cases. One transaction per command, visibility on every read, the outbox for
every announcement. Rules live in `domain`; this module orders the steps."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

import sqlalchemy as sa
from mcr_core.auth import MANAGER, Principal, Record, Stakeholder
from mcr_core.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from mcr_core.storage import upsert
from mcr_core.timers import Timer, timers_table
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning import events, store
from mcr_planning.domain import (
    LEADER,
    BudgetEstimate,
    ChainNode,
    Commitment,
    CycleCalendar,
    DecisionPattern,
    DecisionRole,
    EdgeKind,
    GeneralLevel,
    ItemKind,
    ItemState,
    Layer,
    MarketGoal,
    Member,
    OrgLevel,
    OwnershipType,
    PowerEdge,
    PowerPerson,
    Project,
    RelationshipGoal,
    Team,
    assessed_level,
    check_action_plan,
    check_brand_activity,
    check_commitment,
    check_competitor_answers,
    check_decision_chain,
    check_evidence,
    check_market_goal,
    check_members,
    check_relationship_plan,
    check_sponsor,
    check_target,
    check_target_level,
    coverage_gaps,
    current_state,
    gap_analysis,
    kickoff_time,
    retrospective_dates,
    tier_compliance,
    weigh_risk,
    year_items,
)
from mcr_planning.hooks import PlanningHooks

KICKOFF = "planning.kickoff"
ITEMS_DUE = "planning.items_due"  # one per expansion card, keyed by the card
PLAN_ITEMS_DUE = "planning.plan_items_due"  # one per due time of the plans, for all teams
SYSTEM = "system"
CHUNK = 500


def customer_resource(customer_id: str) -> str:
    return f"customers/{customer_id}"


def plan_name(customer_id: str, year: int) -> str:
    return f"customers/{customer_id}/annualPlans/{year}"


def card_name(card_id: str) -> str:
    return f"expansionCards/{card_id}"


def _etag(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)


class Planning:
    def __init__(self, kernel: Kernel, hooks: PlanningHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    @property
    def now(self) -> datetime:
        return self.kernel.clock.now()

    # -----------------------------------------------------------------------------------------
    # Customer teams and visibility
    # -----------------------------------------------------------------------------------------

    async def _load_team(self, conn: AsyncConnection, customer_id: str) -> Team | None:
        row = await store.first(
            conn, sa.select(store.teams).where(store.teams.c.customer_id == customer_id)
        )
        if row is None:
            return None
        members = tuple(
            Member(s.employee_id, s.org_unit, s.role)
            for s in await store.stakeholders_of(conn, customer_resource(customer_id))
        )
        return Team(
            row.customer_id,
            row.region,
            row.tier,
            OrgLevel(row.org_level),
            GeneralLevel(row.general_level),
            members,
            row.update_time,
            row.etag,
        )

    def _allows(self, principal: Principal, region: str, members: Sequence[Member]) -> bool:
        record = Record(region, tuple(Stakeholder(m.employee_id, m.org_unit) for m in members))
        return self.kernel.policy.allows(principal, record)

    async def _team(self, conn: AsyncConnection, principal: Principal, customer_id: str) -> Team:
        """The team of a customer the principal may see; others are "not found"."""
        team = await self._load_team(conn, customer_id)
        if team is None or not self._allows(principal, team.region, team.members):
            raise NotFound(f"customers/{customer_id} has no planning team you may see")
        return team

    async def _ensure_team(
        self, conn: AsyncConnection, customer_id: str, region: str, tier: str | None = None
    ) -> Team:
        team = await self._load_team(conn, customer_id)
        if team is not None:
            if tier is not None and tier != team.tier:
                await conn.execute(
                    store.teams.update()
                    .where(store.teams.c.customer_id == customer_id)
                    .values(tier=tier)
                )
                team = replace(team, tier=tier)
            return team
        team = Team(
            customer_id, region, tier or "", OrgLevel.NONE, GeneralLevel.LOW, (), self.now, ""
        )
        await self._save_team(conn, team)
        return team

    async def _save_team(self, conn: AsyncConnection, team: Team) -> Team:
        etag = _etag(team.tier, team.org_level, team.general_level, team.members, team.update_time)
        team = replace(team, etag=etag)
        values = {
            "customer_id": team.customer_id,
            "region": team.region,
            "tier": team.tier,
            "org_level": team.org_level.value,
            "general_level": team.general_level.value,
            "update_time": team.update_time,
            "etag": etag,
        }
        await conn.execute(upsert(conn, store.teams, values, ["customer_id"]))
        return team

    async def get_team(self, principal: Principal, customer_id: str) -> Team:
        async with self.kernel.db.read() as conn:
            return await self._team(conn, principal, customer_id)

    async def update_team(
        self,
        principal: Principal,
        customer_id: str,
        members: Sequence[Member] | None,
        org_level: OrgLevel | None,
        general_level: GeneralLevel | None,
        etag: str,
    ) -> Team:
        if members is not None:
            check_members(members)
            if not any(m.role == LEADER for m in members):
                raise InvalidArgument.field("customer_team.members", "name the team's leader")
        async with self.kernel.db.transaction() as conn:
            team = await self._load_team(conn, customer_id)
            if team is not None and team.region != principal.region:
                raise NotFound(f"customers/{customer_id} has no planning team you may see")
            if team is not None and team.members:
                if not self._allows(principal, team.region, team.members):
                    raise NotFound(f"customers/{customer_id} has no planning team you may see")
                if etag and etag != team.etag:
                    raise FailedPrecondition.field(
                        "customer_team.etag", "the team changed since it was read"
                    )
            elif not principal.has_role(MANAGER):
                raise PermissionDenied("only a manager sets up a customer team")
            team = team or await self._ensure_team(conn, customer_id, principal.region)
            team = replace(
                team,
                members=tuple(members) if members is not None else team.members,
                org_level=org_level or team.org_level,
                general_level=general_level or team.general_level,
                update_time=self.now,
            )
            if members is not None:
                await store.set_stakeholders(
                    conn,
                    customer_resource(customer_id),
                    [(Stakeholder(m.employee_id, m.org_unit), m.role) for m in team.members],
                )
            team = await self._save_team(conn, team)
            await self._refresh_gaps(conn, team)
            return team

    # -----------------------------------------------------------------------------------------
    # The annual cycle
    # -----------------------------------------------------------------------------------------

    async def schedule_kickoff(self) -> None:
        """At start-up: make sure the next plan year's kickoff is on the timers."""
        calendar, _ = await self.hooks.cycle("")
        year = self.now.year + 1
        async with self.kernel.db.transaction() as conn:
            await self._arm_kickoff(conn, year, calendar)

    async def _arm_kickoff(self, conn: AsyncConnection, year: int, cal: CycleCalendar) -> None:
        t = timers_table
        query = sa.select(t.c.id).where(t.c.kind == KICKOFF, t.c.key == str(year))
        if (await conn.execute(query)).first() is None:
            await self.kernel.timers.schedule(conn, KICKOFF, str(year), kickoff_time(year, cal))

    async def kickoff(self, timer: Timer, conn: AsyncConnection) -> None:
        """The year-end kickoff on the kernel's clock: every team of every region gets its
        plan; then the following year's kickoff is armed."""
        year = int(timer.key)
        after = ""
        while page := await store.teams_page(conn, None, after, CHUNK):
            await self._issue(conn, page, year)
            after = page[-1].customer_id
        calendar, _ = await self.hooks.cycle("")
        await self._arm_kickoff(conn, year + 1, calendar)

    async def start_cycle(self, principal: Principal, year: int) -> int:
        if not principal.has_role(MANAGER):
            raise PermissionDenied("only a manager starts the annual cycle")
        if not self.now.year <= year <= self.now.year + 1:
            raise InvalidArgument.field("year", "must be this year or the next")
        issued, after = 0, ""
        while True:
            async with self.kernel.db.transaction() as conn:
                page = await store.teams_page(conn, principal.region, after, CHUNK)
                if not page:
                    return issued
                issued += await self._issue(conn, page, year)
            after = page[-1].customer_id

    async def _issue(self, conn: AsyncConnection, page: Sequence[sa.Row], year: int) -> int:
        """Issue plan year `year` to the teams of `page` that have none yet."""
        planned = await store.planned_customers(conn, year, [t.customer_id for t in page])
        calendars: dict[str, CycleCalendar] = {}
        plan_rows, item_rows, due_times = [], [], set()
        for team in page:
            if team.customer_id in planned:
                continue
            if team.tier not in calendars:
                calendars[team.tier] = (await self.hooks.cycle(team.tier))[0]
            planned_items = year_items(year, calendars[team.tier])
            name = plan_name(team.customer_id, year)
            plan_rows.append(
                {
                    "customer_id": team.customer_id,
                    "year": year,
                    "region": team.region,
                    "tier": team.tier,
                    "issue_time": self.now,
                }
            )
            item_rows += [
                self._item_row(name, team.customer_id, team.region, i.kind, i.sequence, i.due_time)
                for i in planned_items
            ]
            due_times.update(i.due_time for i in planned_items)
            plan_due = planned_items[0].due_time
            await events.annual_plan_issued(
                self.kernel.outbox, conn, name, team.customer_id, team.region, year, plan_due
            )
        if plan_rows:
            await conn.execute(store.plans.insert(), plan_rows)
            await conn.execute(store.items.insert(), item_rows)
        # Teams share their calendar's due times: one timer per due time serves them all.
        for due in sorted(due_times):
            await self.kernel.timers.schedule(conn, PLAN_ITEMS_DUE, due.isoformat(), due)
        return len(plan_rows)

    @staticmethod
    def _item_row(parent, customer_id, region, kind, sequence, due_time) -> dict:
        return {
            "id": str(uuid.uuid4()),
            "parent": parent,
            "customer_id": customer_id,
            "region": region,
            "kind": kind.value,
            "sequence": sequence,
            "due_time": due_time,
            "state": ItemState.OPEN.value,
            "complete_time": None,
            "completed_by": "",
            "summary": "",
            "achieved_value": None,
        }

    async def plan_items_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """A due time of the annual plans passed: every plan item still open by then turns
        overdue and is announced."""
        for item in await store.overdue_plan_items(conn, self.now):
            await self._overdue(conn, item)

    async def _overdue(self, conn: AsyncConnection, item: sa.Row) -> None:
        await conn.execute(
            store.items.update()
            .where(store.items.c.id == item.id)
            .values(state=ItemState.OVERDUE.value)
        )
        await events.plan_item_overdue(self.kernel.outbox, conn, item)

    async def items_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """A retrospective of a card came due: the open ones past due turn overdue and are
        announced; the timer is re-armed for the next open one."""
        now = self.now
        upcoming = []
        for item in await store.open_items(conn, timer.key):
            if item.due_time > now:
                upcoming.append(item.due_time)
            else:
                await self._overdue(conn, item)
        if upcoming:
            await self.kernel.timers.schedule(conn, ITEMS_DUE, timer.key, min(upcoming))

    async def get_plan(self, principal: Principal, customer_id: str, year: int):
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            plan = await store.first(
                conn,
                sa.select(store.plans).where(
                    store.plans.c.customer_id == customer_id, store.plans.c.year == year
                ),
            )
            if plan is None:
                raise NotFound(f"{plan_name(customer_id, year)} not found")
            return plan, await store.items_of(conn, [plan_name(customer_id, year)])

    async def list_plans(self, principal: Principal, customer_id: str, token: str, size: int):
        limit = page_size(size)
        before = decode_page_token(token, customer_id)
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            query = sa.select(store.plans).where(store.plans.c.customer_id == customer_id)
            if before:
                query = query.where(store.plans.c.year < before[0])
            page = await store.rows(
                conn, query.order_by(store.plans.c.year.desc()).limit(limit + 1)
            )
            names = [plan_name(customer_id, p.year) for p in page[:limit]]
            found = await store.items_of(conn, names)
        result = [
            (p, [i for i in found if i.parent == n]) for p, n in zip(page, names, strict=False)
        ]
        next_token = (
            encode_page_token([page[limit - 1].year], customer_id) if len(page) > limit else ""
        )
        return result, next_token

    async def complete_item(
        self, principal: Principal, parent: str, item_id: str, summary: str, achieved: float
    ) -> sa.Row:
        if not summary.strip():
            raise InvalidArgument.field("summary", "say what the completed work concluded")
        async with self.kernel.db.transaction() as conn:
            item = await store.get_by_id(conn, store.items, item_id)
            if item is None or item.parent != parent:
                raise NotFound(f"{parent}/items/{item_id} not found")
            await self._authorize_parent(conn, principal, item)
            if item.state == ItemState.DONE.value:
                raise FailedPrecondition.field("name", "the item is done already")
            achieved_value = achieved if item.kind == ItemKind.CARD_RETROSPECTIVE.value else None
            await conn.execute(
                store.items.update()
                .where(store.items.c.id == item_id)
                .values(
                    state=ItemState.DONE.value,
                    complete_time=self.now,
                    completed_by=principal.employee_id,
                    summary=summary.strip(),
                    achieved_value=achieved_value,
                )
            )
            return await store.get_by_id(conn, store.items, item_id)

    async def _authorize_parent(self, conn, principal: Principal, item: sa.Row) -> None:
        if item.parent.startswith("expansionCards/"):
            await self._card(conn, principal, item.parent.split("/")[1])
        else:
            await self._team(conn, principal, item.customer_id)

    # -----------------------------------------------------------------------------------------
    # Market goals and relationship goals
    # -----------------------------------------------------------------------------------------

    async def create_goal(
        self,
        principal: Principal,
        customer_id: str,
        goal: MarketGoal,
        opportunity: str,
        request_id: str,
    ) -> sa.Row:
        check_market_goal(goal, self.now.year)
        derived = await self.hooks.relationship_goal(goal)
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            return await self._add_goal(conn, team, goal, derived, opportunity, request_id)

    async def _add_goal(
        self,
        conn: AsyncConnection,
        team: Team,
        goal: MarketGoal,
        derived: RelationshipGoal,
        opportunity: str,
        request_id: str,
    ) -> sa.Row:
        g = store.market_goals
        for column, value in (("request_id", request_id), ("opportunity", opportunity)):
            if value:
                same = await store.first(
                    conn,
                    sa.select(g).where(g.c.customer_id == team.customer_id, g.c[column] == value),
                )
                if same is not None:
                    return same  # a retry, or insight announcing the same target again
        goal_id = str(uuid.uuid4())
        await conn.execute(
            g.insert().values(
                id=goal_id,
                customer_id=team.customer_id,
                kind=goal.kind.value,
                product_segment=goal.product_segment,
                scope=goal.scope,
                target_share_percent=goal.target_share_percent,
                target_year=goal.target_year,
                description=goal.description,
                opportunity=opportunity,
                relationship_goal={
                    "org_level": derived.org_level.value,
                    "exclusive_cxos": derived.exclusive_cxos,
                    "non_exclusive_key_persons": derived.non_exclusive_key_persons,
                    "general_level": derived.general_level.value,
                },
                request_id=request_id,
                create_time=self.now,
            )
        )
        await self._refresh_gaps(conn, team)
        return await store.get_by_id(conn, g, goal_id)

    async def list_goals(self, principal: Principal, customer_id: str) -> list[sa.Row]:
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            g = store.market_goals
            return await store.by_customer(conn, g, customer_id, g.c.create_time, g.c.id)

    async def analyze_gap(self, principal: Principal, customer_id: str, goal_id: str):
        async with self.kernel.db.read() as conn:
            team = await self._team(conn, principal, customer_id)
            row = await store.get_by_id(conn, store.market_goals, goal_id)
            if row is None or row.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/marketGoals/{goal_id} not found")
            persons = await self._persons(conn, customer_id)
        goal = relationship_goal_of(row)
        state = current_state(persons, team.org_level, team.general_level)
        return goal, gap_analysis(goal, state)

    # -----------------------------------------------------------------------------------------
    # The power map and its coverage gaps
    # -----------------------------------------------------------------------------------------

    async def _persons(self, conn: AsyncConnection, customer_id: str) -> list[PowerPerson]:
        p = store.persons
        return [person_of(r) for r in await store.by_customer(conn, p, customer_id, p.c.person)]

    async def _edges(self, conn: AsyncConnection, customer_id: str) -> list[sa.Row]:
        e = store.edges
        return await store.by_customer(conn, e, customer_id, e.c.id)

    async def _person(self, conn: AsyncConnection, customer_id: str, person: str) -> PowerPerson:
        row = await store.first(
            conn,
            sa.select(store.persons).where(
                store.persons.c.customer_id == customer_id, store.persons.c.person == person
            ),
        )
        if row is None:
            raise NotFound(f"{person} is not on the power map: add the person first")
        return person_of(row)

    async def _save_person(self, conn: AsyncConnection, customer_id: str, p: PowerPerson) -> None:
        values = {
            "customer_id": customer_id,
            "person": p.person,
            "display_name": p.display_name,
            "role": p.role.value,
            "layer": p.layer.value,
            "support": p.support,
            "competitor_support": dict(p.competitor_support),
            "coach": p.coach,
            "veto": p.veto,
            "owner": p.owner,
            "target_level": p.target_level,
        }
        await conn.execute(upsert(conn, store.persons, values, ["customer_id", "person"]))

    async def power_map(self, principal: Principal, customer_id: str):
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            g = store.gaps
            return (
                await self._persons(conn, customer_id),
                await self._edges(conn, customer_id),
                await store.by_customer(conn, g, customer_id, g.c.open_time, g.c.key),
            )

    async def update_person(
        self, principal: Principal, customer_id: str, person: PowerPerson, fields: set[str] | None
    ) -> PowerPerson:
        scale = (await self.hooks.rules()).scale
        scale.check(person.support, "power_map_person.support")
        for competitor, level in person.competitor_support.items():
            scale.check(level, f"power_map_person.competitor_support[{competitor}]")
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            try:
                current = await self._person(conn, customer_id, person.person)
            except NotFound:
                current = None
            if current is not None and fields:
                person = replace(current, **{f: getattr(person, f) for f in fields})
            elif current is None and fields and not {"role", "layer"} <= fields:
                raise InvalidArgument.field(
                    "update_mask", "a person new to the power map needs role and layer"
                )
            await self._save_person(conn, customer_id, person)
            await self._refresh_gaps(conn, team)
            return person

    async def delete_person(self, principal: Principal, customer_id: str, person: str) -> None:
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            await self._person(conn, customer_id, person)
            p, e = store.persons, store.edges
            await conn.execute(
                p.delete().where(p.c.customer_id == customer_id, p.c.person == person)
            )
            await conn.execute(
                e.delete().where(
                    e.c.customer_id == customer_id, (e.c.source == person) | (e.c.target == person)
                )
            )
            await self._refresh_gaps(conn, team)

    async def create_edge(self, principal: Principal, customer_id: str, edge: PowerEdge) -> sa.Row:
        if edge.source == edge.target:
            raise InvalidArgument.field("power_map_edge.target", "an edge joins two persons")
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            for name, value in (("source", edge.source), ("target", edge.target)):
                try:
                    await self._person(conn, customer_id, value)
                except NotFound:
                    raise InvalidArgument.field(
                        f"power_map_edge.{name}", f"{value} is not on the power map"
                    ) from None
            edge_id = str(uuid.uuid4())
            await conn.execute(
                store.edges.insert().values(
                    id=edge_id,
                    customer_id=customer_id,
                    source=edge.source,
                    target=edge.target,
                    kind=edge.kind.value,
                )
            )
            await self._refresh_gaps(conn, team)
            return await store.get_by_id(conn, store.edges, edge_id)

    async def delete_edge(self, principal: Principal, customer_id: str, edge_id: str) -> None:
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            row = await store.get_by_id(conn, store.edges, edge_id)
            if row is None or row.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/powerMapEdges/{edge_id} not found")
            await conn.execute(store.edges.delete().where(store.edges.c.id == edge_id))
            await self._refresh_gaps(conn, team)

    async def _refresh_gaps(self, conn: AsyncConnection, team: Team) -> None:
        """Compute the customer's gaps again; announce the ones that opened and closed."""
        customer_id = team.customer_id
        # One refresh of a customer at a time (PostgreSQL): two concurrent ones would both
        # see a new gap and both announce it. Rows read after the lock include the other's.
        t = store.teams
        await conn.execute(
            sa.select(t.c.customer_id).where(t.c.customer_id == customer_id).with_for_update()
        )
        persons = await self._persons(conn, customer_id)
        edges = [
            PowerEdge(r.source, r.target, EdgeKind(r.kind))
            for r in await self._edges(conn, customer_id)
        ]
        obligations = await self._obligations(conn, team.tier)
        goal = await self._binding_goal(conn, customer_id)
        found = {
            g.key: g
            for g in coverage_gaps(
                customer_resource(customer_id), frozenset(obligations), persons, edges, goal
            )
        }
        stored = {r.key: r for r in await store.by_customer(conn, store.gaps, customer_id)}
        for key, gap in found.items():
            if key in stored:
                continue
            row = {
                "customer_id": customer_id,
                "key": key,
                "id": str(uuid.uuid4()),
                "kind": gap.kind.value,
                "subject": gap.subject,
                "detail": gap.detail,
                "open_time": self.now,
            }
            await conn.execute(store.gaps.insert().values(row))
            await events.coverage_gap_opened(self.kernel.outbox, conn, team.region, row)
        for key, row in stored.items():
            if key in found:
                continue
            await conn.execute(
                store.gaps.delete().where(
                    store.gaps.c.customer_id == customer_id, store.gaps.c.key == key
                )
            )
            await events.coverage_gap_closed(self.kernel.outbox, conn, team.region, row, self.now)

    async def _obligations(self, conn: AsyncConnection, tier: str) -> list[str]:
        if not tier:
            return []
        t = store.tier_obligations
        row = await store.first(conn, sa.select(t).where(t.c.tier == tier))
        return list(row.codes) if row else []

    async def _binding_goal(self, conn: AsyncConnection, customer_id: str):
        """The most demanding relationship goal of the customer's goals not yet past."""
        g = store.market_goals
        rows = await store.rows(
            conn,
            sa.select(g).where(g.c.customer_id == customer_id, g.c.target_year >= self.now.year),
        )
        goals = [relationship_goal_of(r) for r in rows]
        return max(goals, key=lambda goal: goal.exclusive_cxos, default=None)

    async def create_chain(
        self, principal: Principal, customer_id: str, scenario: str, nodes: list[ChainNode]
    ) -> sa.Row:
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            on_map = {p.person for p in await self._persons(conn, customer_id)}
            check_decision_chain(scenario, nodes, on_map)
            chain_id = str(uuid.uuid4())
            await conn.execute(
                store.decision_chains.insert().values(
                    id=chain_id,
                    customer_id=customer_id,
                    scenario=scenario.strip(),
                    nodes=[
                        {"person": n.person, "role": n.role.value, "hidden": n.hidden}
                        for n in nodes
                    ],
                    create_time=self.now,
                )
            )
            return await store.get_by_id(conn, store.decision_chains, chain_id)

    async def decision_pattern(self, customer_id: str) -> DecisionPattern | None:
        """The packs' pattern for the customer's industry and ownership type (read outside any
        transaction: a plugin may take its timeout)."""
        async with self.kernel.db.read() as conn:
            facts = await store.first(
                conn,
                sa.select(store.customer_facts).where(
                    store.customer_facts.c.customer_id == customer_id
                ),
            )
        industry, ownership = (facts.industry, facts.ownership_type) if facts else ("", "")
        found, _ = await self.hooks.decision_pattern(
            industry, ownership or OwnershipType.UNSPECIFIED.value
        )
        return found[0] if found else None

    async def customer_changed(
        self,
        conn: AsyncConnection,
        customer_id: str,
        region: str,
        industry: str,
        ownership: OwnershipType,
    ) -> None:
        values = {
            "customer_id": customer_id,
            "region": region,
            "industry": industry,
            "ownership_type": ownership.value,
            "update_time": self.now,
        }
        await conn.execute(upsert(conn, store.customer_facts, values, ["customer_id"]))

    async def chains(self, principal: Principal, customer_id: str) -> list[sa.Row]:
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            d = store.decision_chains
            return await store.by_customer(conn, d, customer_id, d.c.create_time, d.c.id)

    async def relationship_plan(self, principal: Principal, customer_id: str, year: int):
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            return await self._relationship_plan(conn, customer_id, year)

    async def _relationship_plan(self, conn: AsyncConnection, customer_id: str, year: int):
        r = store.relationship_plans
        return await store.first(
            conn, sa.select(r).where(r.c.customer_id == customer_id, r.c.year == year)
        )

    async def update_relationship_plan(
        self,
        principal: Principal,
        customer_id: str,
        year: int,
        parts: dict[str, list[dict]],
        etag: str,
    ) -> sa.Row:
        check_relationship_plan(parts)
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            current = await self._relationship_plan(conn, customer_id, year)
            if current is not None and etag and etag != current.etag:
                raise FailedPrecondition.field(
                    "relationship_plan.etag", "the plan changed since it was read"
                )
            body = (dict(current.body) if current else {}) | parts
            now = self.now
            values = {
                "customer_id": customer_id,
                "year": year,
                "body": body,
                "update_time": now,
                "etag": _etag(body, now),
            }
            await conn.execute(
                upsert(conn, store.relationship_plans, values, ["customer_id", "year"])
            )
            return await self._relationship_plan(conn, customer_id, year)

    # -----------------------------------------------------------------------------------------
    # Assessments (decision 7)
    # -----------------------------------------------------------------------------------------

    async def assess(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        dimensions: dict[str, int],
        evidence: list[str],
        competitor_support: dict[str, int],
        note: str,
    ) -> sa.Row:
        rules = await self.hooks.rules()
        level = assessed_level(dimensions, rules.scale, rules.weighting)
        for competitor, value in competitor_support.items():
            rules.scale.check(value, f"assessment.competitor_support[{competitor}]")
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            current = await self._person(conn, customer_id, person)
            k = store.key_events
            recorded = set(
                (await conn.execute(sa.select(k.c.name).where(k.c.person == person))).scalars()
            )
            check_evidence(level, evidence, recorded)
            assessment_id = str(uuid.uuid4())
            await conn.execute(
                store.assessments.insert().values(
                    id=assessment_id,
                    customer_id=customer_id,
                    person=person,
                    dimensions=dimensions,
                    level=level,
                    evidence=evidence,
                    competitor_support=competitor_support,
                    note=note,
                    assessed_by=principal.employee_id,
                    assess_time=self.now,
                    spot_check="",
                )
            )
            merged = dict(current.competitor_support) | competitor_support
            updated = replace(current, support=level, competitor_support=merged)
            await self._save_person(conn, customer_id, updated)
            await self._refresh_gaps(conn, team)
            return await self._assessment(conn, assessment_id)

    async def _assessment(self, conn: AsyncConnection, assessment_id: str) -> sa.Row:
        a = store.assessments
        return await store.first(conn, sa.select(a).where(a.c.id == assessment_id))

    async def assessments(self, principal: Principal, customer_id: str, person: str):
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            a = store.assessments
            return await store.rows(
                conn, sa.select(a).where(a.c.person == person).order_by(a.c.seq.desc())
            )

    async def spot_check(
        self, principal: Principal, customer_id: str, person: str, assessment_id: str, result: str
    ) -> sa.Row:
        if result not in ("confirmed", "disputed"):
            raise InvalidArgument.field("result", "confirmed or disputed")
        if not principal.has_role(MANAGER):
            raise PermissionDenied("spot checks are a manager's")
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            row = await self._assessment(conn, assessment_id)
            if row is None or row.person != person:
                raise NotFound(f"{person}/assessments/{assessment_id} not found")
            a = store.assessments
            await conn.execute(a.update().where(a.c.id == assessment_id).values(spot_check=result))
            return await self._assessment(conn, assessment_id)

    # -----------------------------------------------------------------------------------------
    # Targets, sponsors (book §1.19 step 3–4, §1.21 step 2)
    # -----------------------------------------------------------------------------------------

    async def create_target(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        goal_id: str,
        owner: str,
        owner_grade: int,
        owner_kpi: str,
        backup: str,
        target_level: int,
        important: bool,
        channels: list[str],
        route: list[str],
    ) -> sa.Row:
        rules = await self.hooks.rules()
        if not owner_kpi.strip():
            raise InvalidArgument.field("target.owner_kpi", "name the KPI the task is written into")
        if backup == owner:
            raise InvalidArgument.field("target.backup", "the B role is another employee")
        check_action_plan(important, channels, route)
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            current = await self._person(conn, customer_id, person)
            goal = await store.get_by_id(conn, store.market_goals, goal_id) if goal_id else None
            check_target(
                current,
                goal is not None and goal.customer_id == customer_id,
                owner_grade,
                rules.required_grades.get(current.layer.value, 0),
                await store.open_target_count(conn, owner),
                rules.owner_target_limit,
            )
            check_target_level(current.support, target_level, rules.scale)
            target_id = str(uuid.uuid4())
            await conn.execute(
                store.targets.insert().values(
                    id=target_id,
                    customer_id=customer_id,
                    person=person,
                    market_goal=goal_id,
                    owner=owner,
                    owner_job_grade=owner_grade,
                    owner_kpi=owner_kpi.strip(),
                    backup=backup,
                    target_level=target_level,
                    important=important,
                    information_channels=channels,
                    pr_route=route,
                    create_time=self.now,
                )
            )
            await self._save_person(
                conn, customer_id, replace(current, owner=owner, target_level=target_level)
            )
            await self._refresh_gaps(conn, team)
            return await store.get_by_id(conn, store.targets, target_id)

    async def targets(self, principal: Principal, customer_id: str) -> list[sa.Row]:
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            t = store.targets
            return await store.by_customer(conn, t, customer_id, t.c.create_time, t.c.id)

    async def create_sponsorship(
        self,
        principal: Principal,
        customer_id: str,
        target_id: str,
        sponsor: str,
        sponsor_layer: Layer,
        project: str,
    ) -> sa.Row:
        if not project.strip():
            raise InvalidArgument.field("sponsorship.project", "name the sponsored project")
        rules = await self.hooks.rules()
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            target = await store.get_by_id(conn, store.targets, target_id)
            if target is None or target.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/targets/{target_id} not found")
            person = await self._person(conn, customer_id, target.person)
            check_sponsor(
                sponsor_layer,
                person.layer,
                await store.sponsored_count(conn, sponsor),
                rules.sponsor_limits.get(sponsor_layer.value, 0),
            )
            sponsorship_id = str(uuid.uuid4())
            await conn.execute(
                store.sponsorships.insert().values(
                    id=sponsorship_id,
                    customer_id=customer_id,
                    target_id=target_id,
                    sponsor=sponsor,
                    sponsor_layer=sponsor_layer.value,
                    project=project.strip(),
                )
            )
            return await store.get_by_id(conn, store.sponsorships, sponsorship_id)

    # -----------------------------------------------------------------------------------------
    # Expansion cards (book §1.21), visible by hierarchy
    # -----------------------------------------------------------------------------------------

    async def _card(self, conn: AsyncConnection, principal: Principal, card_id: str) -> sa.Row:
        card = await store.get_by_id(conn, store.cards, card_id)
        owners = [
            Member(s.employee_id, s.org_unit)
            for s in await store.stakeholders_of(conn, card_name(card_id))
        ]
        if card is None or not self._allows(principal, card.region, owners):
            raise NotFound(f"{card_name(card_id)} not found")
        return card

    async def create_card(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        owner: str,
        sponsor: str,
        commitment: Commitment,
        actions: list[str],
    ):
        today = self.now.date()
        check_commitment(commitment, today)
        if not [a for a in actions if a.strip()]:
            raise InvalidArgument.field("expansion_card.actions", "plan at least one action")
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            current = await self._person(conn, customer_id, person)
            if current.support <= -2:
                raise FailedPrecondition.field(
                    "expansion_card.person",
                    f"{person} is at {current.support:+d}: a competitor's strong supporter gets "
                    "no expansion card",
                )
            org_unit = next((m.org_unit for m in team.members if m.employee_id == owner), "")
            if owner == principal.employee_id:
                org_unit = principal.org_unit
            if not org_unit:
                raise InvalidArgument.field(
                    "expansion_card.owner", "the owner must be a member of the customer team"
                )
            card_id = str(uuid.uuid4())
            name = card_name(card_id)
            await conn.execute(
                store.cards.insert().values(
                    id=card_id,
                    customer_id=customer_id,
                    region=team.region,
                    person=person,
                    owner=owner,
                    owner_org_unit=org_unit,
                    sponsor=sponsor,
                    commitment={
                        "goal": commitment.goal,
                        "metric": commitment.metric,
                        "target_value": commitment.target_value,
                        "due_date": commitment.due_date.isoformat(),
                    },
                    actions=[a.strip() for a in actions if a.strip()],
                    start_time=self.now,
                )
            )
            await store.set_stakeholders(conn, name, [(Stakeholder(owner, org_unit), LEADER)])
            dates = retrospective_dates(today, commitment.due_date)
            rows = [
                self._item_row(
                    name, customer_id, team.region, ItemKind.CARD_RETROSPECTIVE, n, _end_of(d)
                )
                for n, d in enumerate(dates, 1)
            ]
            await conn.execute(store.items.insert(), rows)
            await self.kernel.timers.schedule(conn, ITEMS_DUE, name, _end_of(dates[0]))
            return await store.get_by_id(conn, store.cards, card_id), await store.items_of(
                conn, [name]
            )

    async def get_card(self, principal: Principal, card_id: str):
        async with self.kernel.db.read() as conn:
            card = await self._card(conn, principal, card_id)
            return card, await store.items_of(conn, [card_name(card_id)])

    async def list_cards(self, principal: Principal, token: str, size: int):
        limit = page_size(size)
        after = decode_page_token(token, "cards")
        scope = self.kernel.policy.scope(principal)
        c = store.cards
        resource = sa.literal("expansionCards/") + c.c.id
        query = sa.select(c).where(c.c.region == scope.region, store.visible(scope, resource))
        if after:
            query = query.where(c.c.id > after[0])
        async with self.kernel.db.read() as conn:
            page = await store.rows(conn, query.order_by(c.c.id).limit(limit + 1))
            found = await store.items_of(conn, [card_name(r.id) for r in page[:limit]])
        result = [(r, [i for i in found if i.parent == card_name(r.id)]) for r in page[:limit]]
        token = encode_page_token([page[limit - 1].id], "cards") if len(page) > limit else ""
        return result, token

    # -----------------------------------------------------------------------------------------
    # Opportunity list, brand activities, competitor analysis, tier compliance
    # -----------------------------------------------------------------------------------------

    async def create_project(
        self, principal: Principal, customer_id: str, display_name: str, decision: datetime | None
    ) -> sa.Row:
        if not display_name.strip():
            raise InvalidArgument.field("project.display_name", "name the project")
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            project_id = str(uuid.uuid4())
            await conn.execute(
                store.projects.insert().values(
                    id=project_id,
                    customer_id=customer_id,
                    display_name=display_name.strip(),
                    decision_time=decision,
                )
            )
            return await store.get_by_id(conn, store.projects, project_id)

    async def create_brand_activity(
        self,
        principal: Principal,
        customer_id: str,
        display_name: str,
        project_id: str,
        when: datetime,
        budget: BudgetEstimate,
    ) -> sa.Row:
        if not display_name.strip():
            raise InvalidArgument.field("brand_activity.display_name", "name the activity")
        async with self.kernel.db.transaction() as conn:
            team = await self._team(conn, principal, customer_id)
            row = await store.get_by_id(conn, store.projects, project_id) if project_id else None
            project = None
            if row is not None and row.customer_id == customer_id:
                decided = row.decision_time.date() if row.decision_time else None
                project = Project(row.id, row.display_name, decided)
            check_brand_activity(project, "brand_activity.project", when.date(), budget)
            activity_id = str(uuid.uuid4())
            await conn.execute(
                store.brand_activities.insert().values(
                    id=activity_id,
                    customer_id=customer_id,
                    region=team.region,
                    display_name=display_name.strip(),
                    project_id=project_id,
                    activity_time=when,
                    invitees=budget.invitees,
                    days=budget.days,
                    budget_units=budget.amount_units,
                )
            )
            return await store.get_by_id(conn, store.brand_activities, activity_id)

    async def budget_rollup(
        self, principal: Principal, start: datetime | None, end: datetime | None
    ) -> sa.Row:
        if not principal.has_role(MANAGER):
            raise PermissionDenied("the regional brand budget is a manager's view")
        async with self.kernel.db.read() as conn:
            return await store.budget_rollup(conn, principal.region, start, end)

    async def update_competitor(
        self, principal: Principal, customer_id: str, competitor: str, answers: dict[str, str]
    ) -> sa.Row:
        check_competitor_answers(answers)
        async with self.kernel.db.transaction() as conn:
            await self._team(conn, principal, customer_id)
            c = store.competitor_analyses
            old = await store.first(
                conn,
                sa.select(c).where(c.c.customer_id == customer_id, c.c.competitor == competitor),
            )
            merged = (dict(old.answers) if old else {}) | {k: v.strip() for k, v in answers.items()}
            values = {
                "customer_id": customer_id,
                "competitor": competitor,
                "answers": merged,
                "update_time": self.now,
            }
            await conn.execute(upsert(conn, c, values, ["customer_id", "competitor"]))
            return await store.first(
                conn,
                sa.select(c).where(c.c.customer_id == customer_id, c.c.competitor == competitor),
            )

    async def get_competitor(
        self, principal: Principal, customer_id: str, competitor: str
    ) -> sa.Row:
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            c = store.competitor_analyses
            row = await store.first(
                conn,
                sa.select(c).where(c.c.customer_id == customer_id, c.c.competitor == competitor),
            )
        if row is None:
            raise NotFound(f"customers/{customer_id}/competitorAnalyses/{competitor} not found")
        return row

    async def compliance(self, principal: Principal, customer_id: str):
        rules = await self.hooks.rules()
        async with self.kernel.db.read() as conn:
            team = await self._team(conn, principal, customer_id)
            persons = await self._persons(conn, customer_id)
            edges = [
                PowerEdge(r.source, r.target, EdgeKind(r.kind))
                for r in await self._edges(conn, customer_id)
            ]
            obligations = await self._obligations(conn, team.tier)
        state = current_state(persons, team.org_level, team.general_level)
        return team.tier, tier_compliance(obligations, state, persons, edges, rules.thresholds)

    async def handovers(self, principal: Principal, customer_id: str) -> list[sa.Row]:
        async with self.kernel.db.read() as conn:
            await self._team(conn, principal, customer_id)
            h = store.handovers
            return await store.by_customer(conn, h, customer_id, h.c.seq)

    # -----------------------------------------------------------------------------------------
    # What other services announce
    # -----------------------------------------------------------------------------------------

    async def tier_changed(self, conn: AsyncConnection, customer_id: str, region: str, tier: str):
        team = await self._ensure_team(conn, customer_id, region, tier)
        await self._refresh_gaps(conn, team)

    async def tier_policy_changed(self, conn: AsyncConnection, tier: str, codes, etag: str):
        values = {"tier": tier, "codes": list(codes), "etag": etag}
        await conn.execute(upsert(conn, store.tier_obligations, values, ["tier"]))
        t = store.teams
        for row in await store.rows(conn, sa.select(t.c.customer_id).where(t.c.tier == tier)):
            team = await self._load_team(conn, row.customer_id)
            await self._refresh_gaps(conn, team)

    async def market_target_selected(
        self, conn: AsyncConnection, customer_id: str, region: str, goal: MarketGoal, source: str
    ) -> None:
        team = await self._ensure_team(conn, customer_id, region)
        derived = await self.hooks.relationship_goal(goal)
        await self._add_goal(conn, team, goal, derived, source, "")

    async def key_event_recorded(
        self,
        conn: AsyncConnection,
        name: str,
        customer_id: str,
        person: str,
        dimension: str,
        impact: int,
        when: datetime,
    ) -> None:
        values = {
            "name": name,
            "customer_id": customer_id,
            "person": person,
            "dimension": dimension,
            "impact": impact,
            "occur_time": when,
        }
        await conn.execute(upsert(conn, store.key_events, values, ["name"]))

    async def risk_signalled(self, conn: AsyncConnection, customer_id: str, person: str) -> None:
        team = await self._load_team(conn, customer_id)
        if team is None:
            return
        try:
            current = await self._person(conn, customer_id, person)
        except NotFound:
            return  # not on our power map: nothing to weigh
        scale = (await self.hooks.rules()).scale
        await self._save_person(
            conn, customer_id, replace(current, support=weigh_risk(current.support, scale))
        )
        await self._refresh_gaps(conn, team)

    async def reassign(
        self,
        conn: AsyncConnection,
        person: str,
        previous_person: str,
        from_employee: str,
        to_employee: str,
        reason: str,
    ) -> None:
        """A relationship changes hands (decision 12): the person's power-map owner, the
        targets' A and B roles and the cards move to the successor; the handover is kept."""
        p, t, c = store.persons, store.targets, store.cards
        for row in await store.rows(conn, sa.select(p).where(p.c.person == previous_person)):
            if row.owner == from_employee:
                await conn.execute(
                    p.update()
                    .where(p.c.customer_id == row.customer_id, p.c.person == previous_person)
                    .values(owner=to_employee)
                )
        await conn.execute(
            t.update()
            .where(t.c.person == previous_person, t.c.owner == from_employee)
            .values(owner=to_employee)
        )
        await conn.execute(
            t.update()
            .where(t.c.person == previous_person, t.c.backup == from_employee)
            .values(backup=to_employee)
        )
        await self._move_cards(
            conn, (c.c.person == previous_person) & (c.c.owner == from_employee), to_employee
        )
        customer_id = person.split("/")[1]
        await conn.execute(
            store.handovers.insert().values(
                customer_id=customer_id,
                person=person,
                from_employee=from_employee,
                to_employee=to_employee,
                reason=reason,
                handover_time=self.now,
            )
        )

    async def _move_cards(self, conn: AsyncConnection, which, to_employee: str) -> None:
        c = store.cards
        org_unit = await store.org_unit_of(conn, to_employee)
        for card in await store.rows(conn, sa.select(c).where(which)):
            unit = org_unit or card.owner_org_unit  # the successor sits where we know them
            await conn.execute(
                c.update().where(c.c.id == card.id).values(owner=to_employee, owner_org_unit=unit)
            )
            await store.set_stakeholders(
                conn, card_name(card.id), [(Stakeholder(to_employee, unit), LEADER)]
            )

    async def transfer_portfolio(
        self,
        conn: AsyncConnection,
        from_employee: str,
        to_employee: str,
        region: str,
        reason: str,
        customers: list[str],
        persons: list[str],
    ) -> None:
        """An employee leaves or rotates (decision 12): each named relationship is handed
        over; then everything else of theirs in the region moves too: their cards, their A and
        B roles on targets, their seats on the named customers' teams."""
        why = f"portfolio transferred: {reason}"
        for person in persons:
            await self.reassign(conn, person, person, from_employee, to_employee, why)
        c, t, s_ = store.cards, store.targets, store.stakeholders
        await self._move_cards(
            conn, (c.c.owner == from_employee) & (c.c.region == region), to_employee
        )
        in_region = sa.select(store.teams.c.customer_id).where(store.teams.c.region == region)
        for column in ("owner", "backup"):
            await conn.execute(
                t.update()
                .where(t.c[column] == from_employee, t.c.customer_id.in_(in_region))
                .values({column: to_employee})
            )
        org_unit = await store.org_unit_of(conn, to_employee)
        for customer_id in customers:
            resource = customer_resource(customer_id)
            seat = await store.first(
                conn,
                sa.select(s_).where(s_.c.resource == resource, s_.c.employee_id == from_employee),
            )
            if seat is None:
                continue
            await conn.execute(
                s_.delete().where(s_.c.resource == resource, s_.c.employee_id == from_employee)
            )
            seated = await store.first(
                conn,
                sa.select(s_).where(s_.c.resource == resource, s_.c.employee_id == to_employee),
            )
            if seated is None:  # a successor already on the team keeps their own seat
                await conn.execute(
                    s_.insert().values(
                        resource=resource,
                        employee_id=to_employee,
                        org_unit=org_unit or seat.org_unit,
                        role=seat.role,
                    )
                )


def person_of(row: sa.Row) -> PowerPerson:
    return PowerPerson(
        person=row.person,
        display_name=row.display_name,
        role=DecisionRole(row.role),
        layer=Layer(row.layer),
        support=row.support,
        competitor_support=dict(row.competitor_support),
        coach=row.coach,
        veto=row.veto,
        owner=row.owner,
        target_level=row.target_level,
    )


def relationship_goal_of(row: sa.Row) -> RelationshipGoal:
    data = row.relationship_goal
    return RelationshipGoal(
        OrgLevel(data["org_level"]),
        data["exclusive_cxos"],
        data["non_exclusive_key_persons"],
        GeneralLevel(data["general_level"]),
    )
