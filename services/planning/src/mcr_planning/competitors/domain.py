"""Competitor analysis: the six questions (book §1.18 step 3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from mcr_core.errors import InvalidArgument

# ---------------------------------------------------------------------------------------------
# Competitor analysis: the six questions (book §1.18 step 3)
# ---------------------------------------------------------------------------------------------

COMPETITOR_QUESTIONS = (
    "strategy_positioning",
    "development_strategy",
    "relationship_strategy",
    "relationship_means",
    "support_points",
    "our_differentiation",
)


def check_competitor_answers(answers: Mapping[str, str]) -> None:
    unknown = [k for k in answers if k not in COMPETITOR_QUESTIONS]
    if unknown:
        raise InvalidArgument.field(
            f"competitor_analysis.answers[{unknown[0]}]",
            f"must be one of {', '.join(COMPETITOR_QUESTIONS)}",
        )


def unanswered(answers: Mapping[str, str]) -> list[str]:
    return [q for q in COMPETITOR_QUESTIONS if not answers.get(q, "").strip()]


@dataclass(frozen=True)
class CompetitorAnalysis:
    """The six questions about one competitor at one customer."""

    customer_id: str
    competitor: str
    answers: Mapping[str, str]
    update_time: datetime
