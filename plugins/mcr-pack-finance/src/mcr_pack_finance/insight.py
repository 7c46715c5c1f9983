"""Finance and internet insight hooks: a quarterly review and short cadences.

Book ch.2 §1.13: carriers are reviewed yearly, but internet, finance and education customers
are smaller and change faster, so 「按照季度或者半年进行调整」 (extension point X-05). Customers
that change fast also need closer contact, so every cadence of the default policy is halved.
"""

from __future__ import annotations

import dataclasses

from mcr_core.plugins import hookimpl
from mcr_insight.defaults import DEFAULT_POLICIES
from mcr_insight.hooks import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    CustomerFacts,
    IndustryApplicability,
    IndustryStructure,
    ReviewCadence,
    ScoreComponent,
    TierDefinition,
    TierPolicy,
    ValueHorizon,
    ValueVisibility,
)

from mcr_pack_finance import INDUSTRIES

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_finance import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_finance import MCR_SCOPE as MCR_SCOPE

QUARTERLY = 91


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent] | None:
    """Momentum: in a fast-changing segment a young, growing customer can overtake an
    incumbent within a year, so the long-term part of its value is implicit and large."""
    if customer.industry not in INDUSTRIES:
        return None
    return [
        ScoreComponent(
            "momentum", 70.0, 0.5, ValueHorizon.LONG_TERM, ValueVisibility.IMPLICIT,
            f"{customer.industry}: a fast-changing segment where today's size is a weak guide",
        )
    ]  # fmt: skip


@hookimpl
def insight_tier_policy(tier: TierDefinition) -> TierPolicy | None:
    """The default policy with a quarterly review and every contact interval halved."""
    policy = DEFAULT_POLICIES.get(tier.code)
    if policy is None:
        return None
    cadences = tuple(
        dataclasses.replace(c, interval_days=max(1, c.interval_days // 2))
        for c in policy.contact_cadences
    )
    return dataclasses.replace(
        policy, review_interval_days=QUARTERLY, survey_interval_days=QUARTERLY,
        contact_cadences=cadences,
    )  # fmt: skip


@hookimpl
def insight_review_cadence(customer: CustomerFacts) -> ReviewCadence | None:
    """Fast-changing customers: the strategy is reviewed every quarter
    (「按照季度或者半年进行调整」)."""
    if customer.industry not in INDUSTRIES:
        return None
    return ReviewCadence(QUARTERLY, f"{customer.industry} changes fast: reviewed each quarter")


@hookimpl
def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability | None:
    """Seed 000: banking, insurance, securities and the internet platforms consolidate into a
    few large players that buy as enterprises, every year, and keep a vendor they trust; all
    four conditions hold, with a faster loop (quarterly review)."""
    if customer.industry not in INDUSTRIES:
        return None
    met = (
        (ApplicabilityConditionCode.INDUSTRY_TYPE, "a few large players hold the market"),
        (ApplicabilityConditionCode.CUSTOMER_TYPE, "institutions buy as enterprises (B2B)"),
        (ApplicabilityConditionCode.SALES_TYPE, "systems are extended and renewed every year"),
        (ApplicabilityConditionCode.RELATIONSHIP_TYPE, "core systems keep their vendors"),
    )
    return IndustryApplicability(
        IndustryStructure.CONSOLIDATING,
        tuple(ApplicabilityCondition(code, True, why) for code, why in met),
    )
