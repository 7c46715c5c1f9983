"""Proto <-> domain for annual plans and their items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import timestamp

from mcr_planning.domain import CustomerDate
from mcr_planning.teams.domain import AnnualPlan, PlanItem, dates_ahead

# --- plans and items -------------------------------------------------------------------------


def item_to_proto(item: PlanItem, dates: Sequence[CustomerDate] = ()) -> pb.PlanItem:
    message = pb.PlanItem(
        name=f"{item.parent}/items/{item.id}",
        kind=item.kind,
        sequence=item.sequence,
        due_time=timestamp(item.due_time),
        state=item.state,
        completed_by=employee(item.completed_by),
        summary=item.summary,
        customer_dates=dates_ahead(item.due_time, dates),
    )
    if item.complete_time is not None:
        message.complete_time.CopyFrom(timestamp(item.complete_time))
    return message


def plan_to_proto(plan: AnnualPlan) -> pb.AnnualPlan:
    return pb.AnnualPlan(
        name=f"customers/{plan.customer_id}/annualPlans/{plan.year}",
        region=plan.region,
        year=plan.year,
        tier=plan.tier,
        items=[item_to_proto(i, plan.dates) for i in plan.items],
        issue_time=timestamp(plan.issue_time),
        customer_dates=[pb.CustomerDate(**asdict(d)) for d in plan.dates],
    )
