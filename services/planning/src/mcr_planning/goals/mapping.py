"""Proto <-> domain for market goals, relationship goals and their gaps."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.protobuf import timestamp

from mcr_planning.domain import RelationshipGoal
from mcr_planning.goals.domain import GoalGap, GoalRecord

# --- goals -----------------------------------------------------------------------------------


def relationship_goal_to_proto(goal: RelationshipGoal) -> pb.RelationshipGoal:
    return pb.RelationshipGoal(
        org_level=goal.org_level.value,
        exclusive_cxos=goal.exclusive_cxos,
        non_exclusive_key_persons=goal.non_exclusive_key_persons,
        general_level=goal.general_level.value,
    )


def goal_to_proto(row: GoalRecord) -> pb.MarketGoal:
    return pb.MarketGoal(
        name=f"customers/{row.customer_id}/marketGoals/{row.id}",
        kind=row.kind,
        product_segment=row.product_segment,
        scope=row.scope,
        target_share_percent=row.target_share_percent,
        target_year=row.target_year,
        description=row.description,
        opportunity=row.opportunity,
        relationship_goal=pb.RelationshipGoal(**row.relationship_goal),
        create_time=timestamp(row.create_time),
    )


def gap_to_proto(gap: GoalGap) -> pb.GoalGap:
    return pb.GoalGap(aspect=gap.aspect, required=gap.required, current=gap.current, met=gap.met)
