"""Assessment of a key person (decision 7): evidence-based, process : result 3 : 7."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
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


# ---------------------------------------------------------------------------------------------
# Support levels derived from evidence (decision 7): each dimension's level from the key events
# contact recorded, ageing out by a half-life, every level citing the events behind it
# ---------------------------------------------------------------------------------------------

# Decision-time behaviour (how the person acts when the decision is made) weighs most.
DECISION_TIME = frozenset({Dimension.DECISION_SUPPORT, Dimension.COMPETITIVE_ATTITUDE})


@dataclass(frozen=True)
class Evidence:
    """A key event contact recorded for a person: a dimension and an impact, −3..+3."""

    key_event: str
    dimension: str
    impact: int
    occur_time: datetime


@dataclass(frozen=True)
class Citation:
    """An event behind a derived level, with the weight it carried."""

    key_event: str
    occur_time: datetime
    impact: int
    weight: float


@dataclass(frozen=True)
class DerivedLevel:
    """A dimension's level as the evidence says, and which events say it."""

    dimension: str
    level: int
    citations: tuple[Citation, ...]

    def problems(self) -> str | None:
        if self.dimension not in Dimension.__members__.values():
            return f"{self.dimension!r} is not an assessment dimension"
        if not SUPPORT_MIN <= self.level <= SUPPORT_MAX:
            return "a level lies in -3..+3"
        if not self.citations:
            return "a derived level cites the events behind it"
        return None


@dataclass(frozen=True)
class EvidenceRule:
    """How evidence turns into levels (a pack's numbers): an event's weight halves every
    `half_life_days`; decision-time behaviour counts `decision_time_weight` times."""

    half_life_days: float = 180.0
    decision_time_weight: float = 3.0


def derive_levels(
    evidence: Sequence[Evidence], now: datetime, rule: EvidenceRule, scale: SupportScale
) -> list[DerivedLevel]:
    """Per dimension: the impacts' mean weighted by age and kind, on the deployment's scale."""
    by_dimension: dict[str, list[Citation]] = {}
    for e in sorted(evidence, key=lambda e: (e.occur_time, e.key_event)):
        age_days = max((now - e.occur_time).total_seconds(), 0.0) / 86_400
        kind = rule.decision_time_weight if e.dimension in DECISION_TIME else 1.0
        weight = kind * 0.5 ** (age_days / rule.half_life_days)
        by_dimension.setdefault(e.dimension, []).append(
            Citation(e.key_event, e.occur_time, e.impact, round(weight, 4))
        )
    levels = []
    for dimension, citations in sorted(by_dimension.items()):
        total = sum(c.weight for c in citations)
        value = sum(c.impact * c.weight for c in citations) / total if total else 0.0
        levels.append(DerivedLevel(dimension, scale.nearest(value), tuple(citations)))
    return levels


# ---------------------------------------------------------------------------------------------
# A team's override of a derived level: justified, recorded, and it expires
# ---------------------------------------------------------------------------------------------

OVERRIDE_DEFAULT_DAYS, OVERRIDE_MAX_DAYS = 90, 180


@dataclass(frozen=True)
class SupportOverride:
    id: str
    customer_id: str
    person: str
    dimension: str
    level: int
    justification: str
    author: str
    create_time: datetime
    expire_time: datetime


def check_override(
    dimension: str,
    level: int,
    justification: str,
    expire: datetime,
    now: datetime,
    scale: SupportScale,
) -> None:
    """An override names a dimension and a level of the scale, says why, and ends within the
    longest span a pack allows (the evidence takes over again)."""
    violations = []
    if dimension not in Dimension.__members__.values():
        allowed = ", ".join(d.value for d in Dimension)
        violations.append(FieldViolation("support_override.dimension", f"must be one of {allowed}"))
    if level not in scale.levels:
        violations.append(FieldViolation("support_override.level", "a level of the scale"))
    if not justification.strip():
        violations.append(
            FieldViolation("support_override.justification", "say why the evidence is not enough")
        )
    if not now < expire <= now + timedelta(days=OVERRIDE_MAX_DAYS):
        violations.append(
            FieldViolation(
                "support_override.expire_time",
                f"after now and at most {OVERRIDE_MAX_DAYS} days on",
            )
        )
    if violations:
        raise InvalidArgument(*violations)


def with_overrides(
    levels: Sequence[DerivedLevel], overrides: Sequence[SupportOverride], now: datetime
) -> list[tuple[DerivedLevel, SupportOverride | None]]:
    """Each derived level with the newest override of its dimension still holding (an override
    of a dimension without evidence stands alone, citing nothing)."""
    holding: dict[str, SupportOverride] = {}
    for o in sorted(overrides, key=lambda o: o.create_time):
        if o.expire_time > now:
            holding[o.dimension] = o
    by_dimension = {level.dimension: level for level in levels}
    for dimension in holding:
        by_dimension.setdefault(dimension, DerivedLevel(dimension, NEUTRAL, ()))
    return [(by_dimension[d], holding.get(d)) for d in sorted(by_dimension)]
