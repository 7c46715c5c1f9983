"""Customer teams and the annual cycle: who plans a customer (decision 11), the year-end kickoff
that issues every team its plan, due items that turn overdue, and completing an item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from mcr.contact.v1 import events_pb2 as contact_events
from mcr.insight.v1 import events_pb2 as insight_events
from mcr_core import names
from mcr_core.auth import MANAGER, Principal, Stakeholder
from mcr_core.bus import Event, handles
from mcr_core.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from mcr_core.timers import Timer
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning import service as shared
from mcr_planning import store as team_store
from mcr_planning.cards.service import ITEMS_DUE, visible_card
from mcr_planning.domain import (
    LEADER,
    CustomerDate,
    GeneralLevel,
    Member,
    OrgLevel,
    Team,
    check_members,
)
from mcr_planning.hooks import PlanningHooks
from mcr_planning.powermap.service import CoverageGaps
from mcr_planning.teams import events, store
from mcr_planning.teams.domain import (
    AnnualPlan,
    CycleCalendar,
    ItemKind,
    ItemState,
    PlanItem,
    kickoff_time,
    new_item,
    year_items,
)

KICKOFF = "planning.kickoff"
PLAN_ITEMS_DUE = "planning.plan_items_due"  # one per due time of the plans, for all teams
CHUNK = 500


class Teams:
    """A customer's planning team and its relationship levels."""

    def __init__(self, kernel: Kernel, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.gaps = gaps

    async def get_team(self, principal: Principal, customer_id: str) -> Team:
        async with self.kernel.db.read() as conn:
            team = await shared.visible_team(self.kernel, conn, principal, customer_id)
            return replace(team, dates=await store.customer_dates_of(conn, customer_id))

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
            team = await store_team_for_update(self.kernel, conn, principal, customer_id, etag)
            team = team or await shared.ensure_team(
                self.kernel, conn, customer_id, principal.region
            )
            team = replace(
                team,
                members=tuple(members) if members is not None else team.members,
                org_level=org_level or team.org_level,
                general_level=general_level or team.general_level,
                update_time=self.kernel.clock.now(),
            )
            if members is not None:
                await team_store.set_stakeholders(
                    conn,
                    team_store.customer_resource(customer_id),
                    [(Stakeholder(m.employee_id, m.org_unit), m.role) for m in team.members],
                )
            team = await shared.save_team(conn, team)
            await self.gaps.refresh(conn, team)
            return replace(team, dates=await store.customer_dates_of(conn, customer_id))

    @handles(insight_events.TierChanged)
    async def on_tier_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id = names.customer_id(message.customer, "customer")
        team = await shared.ensure_team(
            self.kernel, conn, customer_id, message.region, message.tier
        )
        await self.gaps.refresh(conn, team)

    @handles(contact_events.CustomerCalendarPlanned)
    async def on_customer_calendar_planned(
        self, message, event: Event, conn: AsyncConnection
    ) -> None:
        """Contact planned the customer's own calendar from its packs: the team sees its dates
        (the whole calendar each time; none when no pack serves the customer)."""
        customer_id = names.customer_id(message.customer, "customer")
        dates = [
            CustomerDate(d.kind, d.title, d.month, d.day, d.lead_days, d.source)
            for d in message.dates
        ]
        await store.replace_customer_dates(conn, customer_id, message.region, dates)


async def store_team_for_update(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str, etag: str
) -> Team | None:
    """The team a principal may change, or None for a team not set up yet (only a manager
    sets one up); another region's, an invisible one or a stale etag is refused."""
    team = await team_store.load_team(conn, customer_id)
    if team is not None and team.region != principal.region:
        raise NotFound(f"customers/{customer_id} has no planning team you may see")
    if team is not None and team.members:
        if not shared.allows(kernel, principal, team.region, team.members):
            raise NotFound(f"customers/{customer_id} has no planning team you may see")
        if etag and etag != team.etag:
            raise FailedPrecondition.field(
                "customer_team.etag", "the team changed since it was read"
            )
    elif not principal.has_role(MANAGER):
        raise PermissionDenied("only a manager sets up a customer team")
    return team


class AnnualCycle:
    """The year's plans of every customer team, on the kernel's clock (decision 15)."""

    def __init__(self, kernel: Kernel, hooks: PlanningHooks) -> None:
        self.kernel = kernel
        self.hooks = hooks

    async def schedule_kickoff(self) -> None:
        """At start-up: make sure the next plan year's kickoff is on the timers."""
        calendar, _ = await self.hooks.cycle("")
        year = self.kernel.clock.now().year + 1
        async with self.kernel.db.transaction() as conn:
            await self._arm_kickoff(conn, year, calendar)

    async def _arm_kickoff(self, conn: AsyncConnection, year: int, cal: CycleCalendar) -> None:
        await self.kernel.timers.ensure(conn, KICKOFF, str(year), kickoff_time(year, cal))

    async def kickoff(self, timer: Timer, conn: AsyncConnection) -> None:
        """The year-end kickoff on the kernel's clock: every team of every region gets its
        plan; then the following year's kickoff is armed."""
        year = int(timer.key)
        after = ""
        while page := await team_store.teams_page(conn, None, after, CHUNK):
            await self._issue(conn, page, year)
            after = page[-1].customer_id
        calendar, _ = await self.hooks.cycle("")
        await self._arm_kickoff(conn, year + 1, calendar)

    async def start_cycle(self, principal: Principal, year: int) -> int:
        now = self.kernel.clock.now()
        if not principal.has_role(MANAGER):
            raise PermissionDenied("only a manager starts the annual cycle")
        if not now.year <= year <= now.year + 1:
            raise InvalidArgument.field("year", "must be this year or the next")
        issued, after = 0, ""
        while True:
            async with self.kernel.db.transaction() as conn:
                page = await team_store.teams_page(conn, principal.region, after, CHUNK)
                if not page:
                    return issued
                issued += await self._issue(conn, page, year)
            after = page[-1].customer_id

    async def _issue(self, conn: AsyncConnection, page: Sequence, year: int) -> int:
        """Issue plan year `year` to the teams of `page` that have none yet."""
        planned = await store.planned_customers(conn, year, [t.customer_id for t in page])
        calendars: dict[str, CycleCalendar] = {}
        now, issued = self.kernel.clock.now(), []
        for team in page:
            if team.customer_id in planned:
                continue
            if team.tier not in calendars:
                calendars[team.tier] = (await self.hooks.cycle(team.tier))[0]
            plan = AnnualPlan(team.customer_id, year, team.region, team.tier, now)
            items = tuple(
                new_item(plan.name, team.customer_id, team.region, i.kind, i.sequence, i.due_time)
                for i in year_items(year, calendars[team.tier])
            )
            issued.append(replace(plan, items=items))
            await events.annual_plan_issued(self.kernel.outbox, conn, issued[-1])
        await store.add_plans(conn, issued)
        # Teams share their calendar's due times: one timer per due time serves them all.
        for due in sorted({item.due_time for plan in issued for item in plan.items}):
            await self.kernel.timers.schedule(conn, PLAN_ITEMS_DUE, due.isoformat(), due)
        return len(issued)

    async def plan_items_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """A due time of the annual plans passed: every plan item still open by then turns
        overdue and is announced."""
        for item in await store.overdue_plan_items(conn, self.kernel.clock.now()):
            await self._overdue(conn, item)

    async def _overdue(self, conn: AsyncConnection, item: PlanItem) -> None:
        await store.set_state(conn, item.id, ItemState.OVERDUE)
        await events.plan_item_overdue(self.kernel.outbox, conn, item)

    async def items_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """A retrospective of a card came due: the open ones past due turn overdue and are
        announced; the timer is re-armed for the next open one."""
        now = self.kernel.clock.now()
        upcoming: list[datetime] = []
        for item in await store.open_items(conn, timer.key):
            if item.due_time > now:
                upcoming.append(item.due_time)
            else:
                await self._overdue(conn, item)
        if upcoming:
            await self.kernel.timers.schedule(conn, ITEMS_DUE, timer.key, min(upcoming))

    async def get_plan(self, principal: Principal, customer_id: str, year: int) -> AnnualPlan:
        async with self.kernel.db.read() as conn:
            await shared.visible_team(self.kernel, conn, principal, customer_id)
            plan = await store.get_plan(conn, customer_id, year)
            dates = await store.customer_dates_of(conn, customer_id)
        if plan is None:
            raise NotFound(f"customers/{customer_id}/annualPlans/{year} not found")
        return replace(plan, dates=dates)

    async def list_plans(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[AnnualPlan], str]:
        limit = page_size(size)
        before = decode_page_token(token, customer_id)
        async with self.kernel.db.read() as conn:
            await shared.visible_team(self.kernel, conn, principal, customer_id)
            page = await store.plans_before(
                conn, customer_id, int(before[0]) if before else None, limit + 1
            )
            dates = await store.customer_dates_of(conn, customer_id)
        page = [replace(plan, dates=dates) for plan in page]
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([page[limit - 1].year], customer_id)

    async def complete_item(
        self, principal: Principal, parent: str, item_id: str, summary: str, achieved: float
    ) -> PlanItem:
        if not summary.strip():
            raise InvalidArgument.field("summary", "say what the completed work concluded")
        async with self.kernel.db.transaction() as conn:
            item = await store.get_item(conn, item_id)
            if item is None or item.parent != parent:
                raise NotFound(f"{parent}/items/{item_id} not found")
            if item.parent.startswith("expansionCards/"):
                await visible_card(self.kernel, conn, principal, item.parent.split("/")[1])
            else:
                await shared.visible_team(self.kernel, conn, principal, item.customer_id)
            if item.state == ItemState.DONE.value:
                raise FailedPrecondition.field("name", "the item is done already")
            achieved_value = achieved if item.kind == ItemKind.CARD_RETROSPECTIVE.value else None
            now = self.kernel.clock.now()
            await store.complete_item(
                conn, item_id, now, principal.employee_id, summary.strip(), achieved_value
            )
            return await store.get_item(conn, item_id)  # type: ignore[return-value]
