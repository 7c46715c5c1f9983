"""Expansion cards (book §1.21): a six-month personal business commitment (PBC) and
three-monthly retrospectives.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mcr_core.errors import FieldViolation, InvalidArgument

from mcr_planning.teams.domain import PlanItem

# ---------------------------------------------------------------------------------------------
# Expansion cards (book §1.21): PBC and three-monthly retrospectives
# ---------------------------------------------------------------------------------------------

PBC_MONTHS = 6
RETROSPECTIVE_MONTHS = 3


@dataclass(frozen=True)
class Commitment:
    """The six-month personal business commitment: specific and measurable."""

    goal: str
    metric: str
    target_value: float
    due_date: date


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_commitment(pbc: Commitment, start: date) -> None:
    violations = []
    if not pbc.goal.strip():
        violations.append(FieldViolation("expansion_card.commitment.goal", "state the goal"))
    if not pbc.metric.strip():
        violations.append(
            FieldViolation(
                "expansion_card.commitment.metric",
                "a PBC must be measurable: name what is counted (e.g. 'visits per week')",
            )
        )
    if not pbc.target_value > 0:
        violations.append(
            FieldViolation(
                "expansion_card.commitment.target_value", "a PBC must be measurable: give a target"
            )
        )
    if not start < pbc.due_date <= add_months(start, PBC_MONTHS):
        violations.append(
            FieldViolation(
                "expansion_card.commitment.due_date", "the commitment is due within six months"
            )
        )
    if violations:
        raise InvalidArgument(*violations)


def retrospective_dates(start: date, end: date) -> list[date]:
    """Every three months from the card's start, and a last one when the commitment is due."""
    dates, n = [], 1
    while (due := add_months(start, RETROSPECTIVE_MONTHS * n)) < end:
        dates.append(due)
        n += 1
    return [*dates, end]


@dataclass(frozen=True)
class ExpansionCard:
    """A key-customer expansion card (关键客户拓展卡片), visible to its owner and their
    superiors."""

    id: str
    customer_id: str
    region: str
    person: str
    owner: str
    owner_org_unit: str
    sponsor: str
    commitment: Mapping[str, object]
    actions: Sequence[str]
    start_time: datetime
    retrospectives: tuple[PlanItem, ...] = ()

    @property
    def name(self) -> str:
        return f"expansionCards/{self.id}"
