"""Assessment of a key person (decision 7): evidence-based, process : result 3 : 7."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument

from mcr_planning.domain import NEUTRAL, SUPPORT_MAX, SUPPORT_MIN, SupportScale

# ---------------------------------------------------------------------------------------------
# Assessment (decision 7): evidence-based, process : result 3 : 7
# ---------------------------------------------------------------------------------------------


class Dimension(StrEnum):
    """The six assessment dimensions; the first three judge the process of the relationship,
    the last three its result."""

    ACCEPTANCE = "acceptance"
    PARTICIPATION = "participation"
    INFORMATION_TRANSFER = "information_transfer"
    BUSINESS_GUIDANCE = "business_guidance"
    DECISION_SUPPORT = "decision_support"
    COMPETITIVE_ATTITUDE = "competitive_attitude"


PROCESS_DIMENSIONS = frozenset(
    {Dimension.ACCEPTANCE, Dimension.PARTICIPATION, Dimension.INFORMATION_TRANSFER}
)


@dataclass(frozen=True)
class Weighting:
    """Process : result weighting (book: 2:8 or 3:7; default 3:7)."""

    process: int = 3
    result: int = 7


@dataclass(frozen=True)
class Assessment:
    person: str
    dimensions: Mapping[str, int]  # only the relevant ones
    level: int
    evidence: tuple[str, ...]  # key-event names
    competitor_support: Mapping[str, int]
    assessed_by: str
    assess_time: datetime
    note: str = ""
    spot_check: str = ""  # "", "confirmed" or "disputed"


def assessed_level(
    dimensions: Mapping[str, int], scale: SupportScale, weighting: Weighting = Weighting()
) -> int:
    """The person's level from the relevant dimensions: the mean of the process dimensions and
    of the result dimensions, weighted process : result; a missing side leaves the other."""
    if not dimensions:
        raise InvalidArgument.field(
            "assessment.dimensions", "assess at least one relevant dimension"
        )
    violations = []
    for name, value in dimensions.items():
        if name not in Dimension.__members__.values():
            allowed = ", ".join(d.value for d in Dimension)
            violations.append(
                FieldViolation(f"assessment.dimensions[{name}]", f"must be one of {allowed}")
            )
        elif not SUPPORT_MIN <= value <= SUPPORT_MAX:
            violations.append(
                FieldViolation(f"assessment.dimensions[{name}]", "must lie in -3..+3")
            )
    if violations:
        raise InvalidArgument(*violations)
    process = [v for k, v in dimensions.items() if k in PROCESS_DIMENSIONS]
    result = [v for k, v in dimensions.items() if k not in PROCESS_DIMENSIONS]
    if not process or not result:
        value = sum(process or result) / len(process or result)
    else:
        total = weighting.process + weighting.result
        value = (
            weighting.process * sum(process) / len(process)
            + weighting.result * sum(result) / len(result)
        ) / total
    return scale.nearest(value)


def check_evidence(level: int, evidence: Sequence[str], recorded: set[str]) -> None:
    """A level above neutral needs at least one key event recorded for the person (decision 7);
    every cited event must be one contact recorded for them."""
    unknown = [name for name in evidence if name not in recorded]
    if unknown:
        raise FailedPrecondition.field(
            "assessment.evidence_key_events",
            f"{unknown[0]} is not a key event recorded for this person",
        )
    if level > NEUTRAL and not evidence:
        raise FailedPrecondition.field(
            "assessment.evidence_key_events",
            f"level {level:+d} is above neutral: cite at least one recorded key event",
        )


def weigh_risk(support: int, scale: SupportScale) -> int:
    """A detractor answer or complaint by the person weighs one level on their support."""
    lower = [level for level in scale.levels if level < support]
    return max(lower) if lower else support


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment as recorded, with its id (the history of a person is newest first)."""

    id: str
    customer_id: str
    person: str
    dimensions: Mapping[str, int]
    level: int
    evidence: Sequence[str]
    competitor_support: Mapping[str, int]
    note: str
    assessed_by: str
    assess_time: datetime
    spot_check: str
