"""Telecom's insight hooks: pyramid-shaped value and a yearly review.

Book ch.2 §1.11: 「通信行业的客户价值分布基本上呈金字塔形」 — moving up the pyramid there are
fewer customers and each is larger (「向上的高价值客户是收敛的,客户数量变少,体量变大」): carriers
buy for hundreds of billions a year through a few hundred core customers. Groups negotiate
centrally and their provincial companies sign (extension point X-11), so a group headquarters
carries the long-term value of the whole group and a provincial company the current contracts.
"""

from __future__ import annotations

import dataclasses

from mcr_core.plugins import hookimpl
from mcr_insight.defaults import DEFAULT_POLICIES
from mcr_insight.hooks import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    ContactCadence,
    CustomerFacts,
    IndustryApplicability,
    IndustryStructure,
    ProductLine,
    ReviewCadence,
    ScoreComponent,
    TierDefinition,
    TierPolicy,
    ValueHorizon,
    ValueVisibility,
)

from mcr_pack_telecom import INDUSTRY

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_telecom import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_telecom import MCR_SCOPE as MCR_SCOPE

# The pyramid: S and A are reached only near the top, so few customers hold them
# (extension point X-02, "tier counts/thresholds").
PYRAMID = (
    TierDefinition("S", "Strategic", "战略客户", 1, 85.0),
    TierDefinition("A", "Partner", "伙伴客户", 2, 70.0),
    TierDefinition("B", "Value", "价值客户", 3, 45.0),
    TierDefinition("C", "General", "一般客户", 4, 0.0),
)
YEARLY = 365  # 「客户群会组织年度评估」: carriers are stable, a yearly review is enough.


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent] | None:
    """Where the operator stands in the pyramid: a group headquarters negotiates for the whole
    group (long-term, explicit); a provincial company signs the contracts (current)."""
    if customer.industry != INDUSTRY:
        return None
    if customer.parent_group_id is None:
        return [
            ScoreComponent(
                "pyramid_position", 95.0, 1.0, ValueHorizon.LONG_TERM, ValueVisibility.EXPLICIT,
                "group headquarters: negotiates centrally for all its provincial companies",
            )
        ]  # fmt: skip
    return [
        ScoreComponent(
            "pyramid_position", 70.0, 1.0, ValueHorizon.CURRENT, ValueVisibility.EXPLICIT,
            "provincial company: signs the contracts its group negotiated",
        )
    ]  # fmt: skip


@hookimpl
def insight_tier_definitions() -> list[TierDefinition]:
    """The default S/A/B/C tiers with the pyramid's higher thresholds at the top."""
    return list(PYRAMID)


# Only the top of the pyramid, the group headquarters, reaches S; since operators negotiate at
# group level and sign per province, its decision makers are seen twice as often as the default
# policy asks (book ch.2 §5.3: 「运营商采用集团统谈、各省分签的模式,各个省公司的采购决策权力极大地
# 被压缩,集团的重要性变大了,这意味着我们要提升客户在集团层面的客户关系」).
GROUP_DECISION_MAKERS = ContactCadence("decision_maker", 14, 1)


@hookimpl
def insight_tier_policy(tier: TierDefinition) -> TierPolicy | None:
    """The default policies with the carriers' yearly strategy review, and the group level's
    decision makers (tier S) seen every two weeks."""
    policy = DEFAULT_POLICIES.get(tier.code)
    if policy is None:
        return None
    policy = dataclasses.replace(policy, review_interval_days=YEARLY)
    if tier.code != "S":
        return policy
    others = tuple(c for c in policy.contact_cadences if c.role != GROUP_DECISION_MAKERS.role)
    return dataclasses.replace(policy, contact_cadences=(GROUP_DECISION_MAKERS, *others))


@hookimpl
def insight_review_cadence(customer: CustomerFacts) -> ReviewCadence | None:
    """Carriers are stable, large and slow to change: one strategy review a year
    (「客户群会组织年度评估」, book ch.2 §1.13)."""
    if customer.industry != INDUSTRY:
        return None
    return ReviewCadence(YEARLY, "carriers change slowly: the customer group reviews yearly")


@hookimpl
def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability | None:
    """Seed 000: telecom equipment is the book's example of a fragmented-then-monopolised
    industry; operators buy B2B, repeatedly, and keep their vendors for decades."""
    if customer.industry != INDUSTRY:
        return None
    met = (
        (ApplicabilityConditionCode.INDUSTRY_TYPE, "few operators, consolidated market"),
        (ApplicabilityConditionCode.CUSTOMER_TYPE, "operators buy as enterprises (B2B)"),
        (ApplicabilityConditionCode.SALES_TYPE, "network expansions every year"),
        (ApplicabilityConditionCode.RELATIONSHIP_TYPE, "vendors are kept for decades"),
    )
    return IndustryApplicability(
        IndustryStructure.CONSOLIDATING,
        tuple(ApplicabilityCondition(code, True, why) for code, why in met),
    )


# Book ch.6 §2, the strategic sandbox of an operator: 「包含无线接入产品(也就是基站设备)、无线核心网
# 产品、业务软件产品、光网络产品、数据通信产品等,所有需求加在一起是100%」.
PRODUCT_LINES = (
    ProductLine("wireless access", "Wireless access (base stations)", "无线接入"),
    ProductLine("wireless core", "Wireless core network", "无线核心网"),
    ProductLine("service software", "Service software", "业务软件"),
    ProductLine("optical", "Optical networks", "光网络"),
    ProductLine("datacom", "Data communication", "数据通信"),
)


@hookimpl
def insight_product_lines(customer: CustomerFacts) -> list[ProductLine] | None:
    """An operator's purchasing power splits into the five product lines of the book's
    sandbox: its segments and opportunities name one of them."""
    if customer.industry != INDUSTRY:
        return None
    return list(PRODUCT_LINES)
