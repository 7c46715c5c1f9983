"""Manufacturing and distribution insight hooks: a broad base of small customers.

In a fragmented industry most customers are small, so the ladder's lower tiers are wide and a
customer reaches B already with a moderate score; tier C gets coverage targets — at least two
visits a month by its account manager — instead of key-person work (book ch.3 R-43:
C-tier customers get coverage, 「不应做关键客户的考核要求」).
"""

from __future__ import annotations

import dataclasses

from mcr_core.plugins import hookimpl
from mcr_insight.defaults import DEFAULT_POLICIES, DEFAULT_TIERS
from mcr_insight.hooks import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    ContactCadence,
    CustomerFacts,
    IndustryApplicability,
    IndustryStructure,
    ScoreComponent,
    TierDefinition,
    TierPolicy,
    ValueHorizon,
    ValueVisibility,
)

from mcr_pack_manufacturing import INDUSTRIES

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_manufacturing import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_manufacturing import MCR_SCOPE as MCR_SCOPE

C_TIER_COVERAGE = ContactCadence("any", 30, 2)


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent] | None:
    """Plant scale: in a fragmented industry size is the best current guide to value."""
    if customer.industry not in INDUSTRIES:
        return None
    value = min(100.0, customer.employee_count / 50)
    return [
        ScoreComponent(
            "plant_scale", value, 1.0, ValueHorizon.CURRENT, ValueVisibility.EXPLICIT,
            f"{customer.employee_count:,} employees (5,000 or more → 100)",
        )
    ]  # fmt: skip


@hookimpl
def insight_tier_definitions() -> list[TierDefinition]:
    """The default tiers with a lower bar to B: a broad base of value customers."""
    return [
        dataclasses.replace(tier, min_score=30.0) if tier.code == "B" else tier
        for tier in DEFAULT_TIERS
    ]


@hookimpl
def insight_tier_policy(tier: TierDefinition) -> TierPolicy | None:
    """The default policies, with tier C's coverage target of two visits a month."""
    policy = DEFAULT_POLICIES.get(tier.code)
    if policy is None or tier.code != "C":
        return policy
    return dataclasses.replace(policy, contact_cadences=(C_TIER_COVERAGE,))


# A plant this large is one of the few the fragmented industry consolidates around.
LARGE_PLANT = 1_000


@hookimpl
def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability | None:
    """Seed 000: manufacturing and distribution are fragmented (天然分散型); only the few large
    plants meet the industry-type condition and get key-account work, the many small ones
    coverage (tier C). All buy as enterprises, repeatedly."""
    if customer.industry not in INDUSTRIES:
        return None
    large = customer.employee_count >= LARGE_PLANT
    conditions = (
        (ApplicabilityConditionCode.INDUSTRY_TYPE, large,
         f"{customer.employee_count:,} employees: "
         + ("one of the few large plants" if large else "one of many small firms")),
        (ApplicabilityConditionCode.CUSTOMER_TYPE, True, "plants buy as enterprises (B2B)"),
        (ApplicabilityConditionCode.SALES_TYPE, True, "equipment and spares, again and again"),
        (ApplicabilityConditionCode.RELATIONSHIP_TYPE, large,
         "a continuous relationship" if large else "mostly transactional purchases"),
    )  # fmt: skip
    return IndustryApplicability(
        IndustryStructure.FRAGMENTED,
        tuple(ApplicabilityCondition(code, met, why) for code, met, why in conditions),
    )
