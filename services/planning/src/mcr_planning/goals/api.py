"""The goals part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.protobuf import parse_enum

from mcr_planning.goals.domain import GoalKind, MarketGoal
from mcr_planning.goals.mapping import gap_to_proto, goal_to_proto, relationship_goal_to_proto
from mcr_planning.goals.service import MarketGoals


class GoalServicer:
    """Market goals and their gaps."""

    def __init__(self, goals: MarketGoals) -> None:
        self.goals = goals

    async def CreateMarketGoal(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        g = request.market_goal
        goal = MarketGoal(
            parse_enum(GoalKind, g.kind, "market_goal.kind"),
            g.product_segment.strip(),
            g.target_share_percent,
            g.target_year,
            g.description.strip(),
            g.scope.strip(),
        )
        row = await self.goals.create_goal(
            current_principal(), customer_id, goal, "", request.request_id
        )
        return goal_to_proto(row)

    async def ListMarketGoals(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        rows = await self.goals.list_goals(current_principal(), customer_id)
        return pb.ListMarketGoalsResponse(market_goals=[goal_to_proto(r) for r in rows])

    async def AnalyzeGoalGap(self, request, context):
        customer_id, goal_id = names.parse(request.name, "customers/{}/marketGoals/{}", "name")
        goal, gaps = await self.goals.analyze_gap(current_principal(), customer_id, goal_id)
        return pb.AnalyzeGoalGapResponse(
            relationship_goal=relationship_goal_to_proto(goal),
            gaps=[gap_to_proto(g) for g in gaps],
        )
