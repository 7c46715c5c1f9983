"""Healthcare's insight hooks: the lighthouse value of top-grade hospitals.

Book ch.2 §1.11 step 2: weigh explicit and implicit value; 「在医药行业,和三甲医院合作……
灯塔示范」 — working with a 三甲 hospital has a lighthouse effect on every other hospital, so
its brand value counts beside its revenue (extension point X-08).
"""

from __future__ import annotations

from mcr_core.plugins import hookimpl
from mcr_insight.hooks import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    CustomerFacts,
    IndustryApplicability,
    IndustryStructure,
    ScoreComponent,
    ValueHorizon,
    ValueVisibility,
)

from mcr_pack_healthcare import HOSPITAL, TOP_GRADE

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_healthcare import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_healthcare import MCR_SCOPE as MCR_SCOPE


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent] | None:
    """A top-grade hospital's lighthouse effect: implicit, long-term, and heavy; other
    hospitals follow its choices, so it is worth more than its own purchases."""
    if customer.industry == TOP_GRADE:
        return [
            ScoreComponent(
                "lighthouse", 95.0, 1.5, ValueHorizon.LONG_TERM, ValueVisibility.IMPLICIT,
                "三甲 hospital: other hospitals follow its choices (灯塔示范)",
            )
        ]  # fmt: skip
    if customer.industry == HOSPITAL:
        return [
            ScoreComponent(
                "lighthouse", 20.0, 0.5, ValueHorizon.LONG_TERM, ValueVisibility.IMPLICIT,
                "not a top-grade hospital: little influence on other hospitals",
            )
        ]  # fmt: skip
    return None


@hookimpl
def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability | None:
    """Seed 000: hospitals are many and scattered, so the industry-type condition holds only
    for the few top-grade hospitals the others follow; an ordinary hospital is served by
    coverage, not by key-account work. Both buy as institutions, repeatedly, for years."""
    if customer.industry not in (TOP_GRADE, HOSPITAL):
        return None
    leads = customer.industry == TOP_GRADE
    conditions = (
        (ApplicabilityConditionCode.INDUSTRY_TYPE, leads,
         "a top-grade hospital sets the standard others follow" if leads
         else "one of many scattered hospitals"),
        (ApplicabilityConditionCode.CUSTOMER_TYPE, True, "hospitals buy as institutions (B2B)"),
        (ApplicabilityConditionCode.SALES_TYPE, True, "equipment, consumables and service yearly"),
        (ApplicabilityConditionCode.RELATIONSHIP_TYPE, True, "departments keep their vendors"),
    )  # fmt: skip
    return IndustryApplicability(
        IndustryStructure.FRAGMENTED,
        tuple(ApplicabilityCondition(code, met, why) for code, met, why in conditions),
    )
