"""Market goals (book §1.18 step 3): entered by the team or selected by the market department in
insight; each carries the relationship goal the active pack derives (R-31), and the gap to
today's power map can be analysed."""

from __future__ import annotations

import uuid

from mcr.insight.v1 import events_pb2 as insight_events
from mcr_core import names
from mcr_core.auth import Principal
from mcr_core.bus import Event, handles
from mcr_core.errors import NotFound
from mcr_core.protobuf import parse_enum
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.domain import RelationshipGoal, Team, current_state
from mcr_planning.goals import store
from mcr_planning.goals.domain import (
    GoalGap,
    GoalKind,
    GoalRecord,
    MarketGoal,
    check_market_goal,
    gap_analysis,
    relationship_goal_data,
    relationship_goal_of,
)
from mcr_planning.hooks import PlanningHooks
from mcr_planning.powermap import store as map_store
from mcr_planning.powermap.service import CoverageGaps
from mcr_planning.service import ensure_team, visible_team


class MarketGoals:
    def __init__(self, kernel: Kernel, hooks: PlanningHooks, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.gaps = gaps

    async def create_goal(
        self,
        principal: Principal,
        customer_id: str,
        goal: MarketGoal,
        opportunity: str,
        request_id: str,
    ) -> GoalRecord:
        check_market_goal(goal, self.kernel.clock.now().year)
        derived = await self.hooks.relationship_goal(goal)
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            return await self._add_goal(conn, team, goal, derived, opportunity, request_id)

    async def _add_goal(
        self,
        conn: AsyncConnection,
        team: Team,
        goal: MarketGoal,
        derived: RelationshipGoal,
        opportunity: str,
        request_id: str,
    ) -> GoalRecord:
        for column, value in (("request_id", request_id), ("opportunity", opportunity)):
            if value and (same := await store.goal_with(conn, team.customer_id, column, value)):
                return same  # a retry, or insight announcing the same target again
        recorded = GoalRecord(
            id=str(uuid.uuid4()),
            customer_id=team.customer_id,
            kind=goal.kind.value,
            product_segment=goal.product_segment,
            scope=goal.scope,
            target_share_percent=goal.target_share_percent,
            target_year=goal.target_year,
            description=goal.description,
            opportunity=opportunity,
            relationship_goal=relationship_goal_data(derived),
            request_id=request_id,
            create_time=self.kernel.clock.now(),
        )
        await store.add_goal(conn, recorded)
        await self.gaps.refresh(conn, team)
        return recorded

    async def list_goals(self, principal: Principal, customer_id: str) -> list[GoalRecord]:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return await store.goals_of(conn, customer_id)

    async def analyze_gap(
        self, principal: Principal, customer_id: str, goal_id: str
    ) -> tuple[RelationshipGoal, list[GoalGap]]:
        async with self.kernel.db.read() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_goal(conn, goal_id)
            if found is None or found.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/marketGoals/{goal_id} not found")
            persons = await map_store.persons_of(conn, customer_id)
        goal = relationship_goal_of(found.relationship_goal)
        state = current_state(persons, team.org_level, team.general_level)
        return goal, gap_analysis(goal, state)

    @handles(insight_events.MarketTargetSelected)
    async def on_market_target_selected(self, message, event: Event, conn: AsyncConnection) -> None:
        """The market department selected an opportunity in insight: it becomes a goal."""
        customer_id = names.customer_id(message.customer, "customer")
        goal = MarketGoal(
            parse_enum(GoalKind, message.goal_kind, "goal_kind"),
            message.product_segment,
            message.target_share_percent,
            message.target_year,
            message.description,
        )
        team = await ensure_team(self.kernel, conn, customer_id, message.region)
        derived = await self.hooks.relationship_goal(goal)
        await self._add_goal(conn, team, goal, derived, message.opportunity, "")
