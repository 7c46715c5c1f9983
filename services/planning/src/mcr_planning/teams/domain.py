"""Customer teams and the annual cycle (book ch.3 §1.15, ch.7; decisions 11, 15): who plans a
customer, and so who sees its planning; the year's plan items and their due times.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from mcr_planning.domain import CustomerDate

# ---------------------------------------------------------------------------------------------
# The annual cycle (book ch.3 §1.15, ch.7; decision 15)
# ---------------------------------------------------------------------------------------------


class ItemKind(StrEnum):
    CURRENT_STATE_ASSESSMENT = "current_state_assessment"
    GOAL_STATEMENT = "goal_statement"
    PR_PLAN = "pr_plan"
    SELF_CHECK = "self_check"
    REVISION = "revision"
    EVALUATION = "evaluation"
    CARD_RETROSPECTIVE = "card_retrospective"


THREE_PIECE_SET = (ItemKind.CURRENT_STATE_ASSESSMENT, ItemKind.GOAL_STATEMENT, ItemKind.PR_PLAN)


class ItemState(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CycleCalendar:
    """When the planning year's steps fall: month/day pairs. The kickoff lies in the year
    before the plan year; the rest in the plan year."""

    kickoff: tuple[int, int] = (12, 1)
    plan_due: tuple[int, int] = (3, 31)
    self_checks: tuple[tuple[int, int], ...] = ((3, 31), (6, 30), (9, 30), (12, 15))
    revisions: tuple[tuple[int, int], ...] = ((7, 31),)
    evaluation: tuple[int, int] = (12, 31)

    def problems(self) -> str | None:
        try:
            for month, day in (
                self.kickoff,
                self.plan_due,
                *self.self_checks,
                *self.revisions,
                self.evaluation,
            ):
                date(2024, month, day)  # a leap year accepts 29 February
        except (TypeError, ValueError) as exc:
            return f"not a calendar day: {exc}"
        return None


def _at(year: int, month_day: tuple[int, int]) -> datetime:
    month, day = month_day
    day = min(day, calendar.monthrange(year, month)[1])
    return datetime(year, month, day, 23, 59, 59, tzinfo=UTC)


def kickoff_time(year: int, cal: CycleCalendar) -> datetime:
    """The kickoff of plan year `year` (in the year before), at the start of the day."""
    return _at(year - 1, cal.kickoff).replace(hour=0, minute=0, second=0)


@dataclass(frozen=True)
class PlannedItem:
    kind: ItemKind
    sequence: int  # 1.. within the kind
    due_time: datetime


def year_items(year: int, cal: CycleCalendar) -> list[PlannedItem]:
    """The due items the kickoff issues to one customer team for plan year `year`."""
    items = [PlannedItem(kind, 1, _at(year, cal.plan_due)) for kind in THREE_PIECE_SET]
    items += [
        PlannedItem(ItemKind.SELF_CHECK, n, _at(year, d)) for n, d in enumerate(cal.self_checks, 1)
    ]
    items += [
        PlannedItem(ItemKind.REVISION, n, _at(year, d)) for n, d in enumerate(cal.revisions, 1)
    ]
    items.append(PlannedItem(ItemKind.EVALUATION, 1, _at(year, cal.evaluation)))
    return items


def dates_ahead(due_time: datetime, dates: Sequence[CustomerDate]) -> list[str]:
    """The kinds of the customer's dates whose run-up (`lead_days` before the date, up to it)
    holds `due_time`: the team prepares for them while the item is due. 29 February falls on
    28 February in other years."""
    due = due_time.date()
    return [d.kind for d in dates if _in_run_up(due, d)]


def _in_run_up(due: date, found: CustomerDate) -> bool:
    # The run-up may start in the year before the date (a tender in early January).
    for year in (due.year, due.year + 1):
        last_day = calendar.monthrange(year, found.month)[1]
        occurrence = date(year, found.month, min(found.day, last_day))
        if occurrence - timedelta(days=found.lead_days) <= due <= occurrence:
            return True
    return False


def overdue(state: ItemState, due_time: datetime, now: datetime) -> bool:
    return state is ItemState.OPEN and now > due_time


# ---------------------------------------------------------------------------------------------
# Customer teams: who plans a customer, and so who sees its planning (decision 11)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    """One due item of an annual plan or an expansion card (its `parent`)."""

    id: str
    parent: str
    customer_id: str
    region: str
    kind: str
    sequence: int
    due_time: datetime
    state: str
    complete_time: datetime | None
    completed_by: str
    summary: str
    achieved_value: float | None

    @property
    def name(self) -> str:
        return f"{self.parent}/items/{self.id}"


@dataclass(frozen=True)
class AnnualPlan:
    """A customer team's plan of a year and its due items."""

    customer_id: str
    year: int
    region: str
    tier: str
    issue_time: datetime
    items: tuple[PlanItem, ...] = ()
    # The customer's calendar, a fact contact owns: shown with the plan, not stored with it.
    dates: tuple[CustomerDate, ...] = ()

    @property
    def name(self) -> str:
        return f"customers/{self.customer_id}/annualPlans/{self.year}"


def new_item(
    parent: str, customer_id: str, region: str, kind: ItemKind, sequence: int, due: datetime
) -> PlanItem:
    """An open item, due at `due`, of a plan or a card."""
    return PlanItem(
        id=str(uuid.uuid4()),
        parent=parent,
        customer_id=customer_id,
        region=region,
        kind=kind.value,
        sequence=sequence,
        due_time=due,
        state=ItemState.OPEN.value,
        complete_time=None,
        completed_by="",
        summary="",
        achieved_value=None,
    )
