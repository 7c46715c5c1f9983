"""Insight's built-in pack: general scoring, the S/A/B/C ladder and its policies.

A plugin like any other (an industry pack registered later answers first). The numbers are a
sensible general starting point, not the book's: the book gives no formula (decision 5) and
leaves policy values to configuration (book ch.2 §1.12).
"""

from __future__ import annotations

import math

from mcr_core.plugins import hookimpl

from mcr_insight.domain import CustomerFacts
from mcr_insight.monitoring.domain import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    IndustryApplicability,
    IndustryStructure,
    ReviewCadence,
)
from mcr_insight.sandbox.domain import OpportunityWeights
from mcr_insight.tiers.domain import (
    ContactCadence,
    IssueSla,
    RelationshipObligation,
    ScoreComponent,
    TierDefinition,
    TierPolicy,
    ValueHorizon,
    ValueVisibility,
    tier_for_score,
)

# Decision 2: S strategic 战略客户, A partner 伙伴客户, B value 价值客户, C general 一般客户.
DEFAULT_TIERS = (
    TierDefinition("S", "Strategic", "战略客户", 1, 75.0),
    TierDefinition("A", "Partner", "伙伴客户", 2, 60.0),
    TierDefinition("B", "Value", "价值客户", 3, 40.0),
    TierDefinition("C", "General", "一般客户", 4, 0.0),
)

# Rough rates to US dollars, so that revenue in different currencies is comparable; a pack
# with current exchange rates should replace the scale component.
USD_PER_UNIT = {
    "USD": 1.0,
    "CNY": 0.14,
    "EUR": 1.08,
    "GBP": 1.27,
    "JPY": 0.0067,
    "HKD": 0.13,
    "SGD": 0.74,
    "CHF": 1.13,
}

# Long-term potential by industry; healthcare counts its lighthouse effect (book ch.2:
# 三甲 hospitals, 灯塔示范).
INDUSTRY_POTENTIAL = {
    "telecom": 80,
    "finance": 75,
    "energy": 70,
    "government": 70,
    "healthcare": 70,
    "internet": 65,
    "manufacturing": 60,
    "transport": 60,
    "education": 55,
    "distribution": 45,
    "retail": 45,
}
OTHER_INDUSTRY_POTENTIAL = 40


def _scale(value: float, low: float, high: float) -> float:
    """`value` on a log scale from `low` (0) to `high` (100)."""
    if value <= low:
        return 0.0
    return round(min(100.0, 100 * math.log10(value / low) / math.log10(high / low)), 2)


def enterprise_scale(customer: CustomerFacts) -> ScoreComponent | None:
    rate = USD_PER_UNIT.get(customer.revenue_currency or "")
    if rate is None or customer.revenue_units is None:
        return None
    usd = customer.revenue_units * rate
    return ScoreComponent(
        "enterprise_scale",
        _scale(usd, 1e6, 1e11),
        0.4,
        ValueHorizon.CURRENT,
        ValueVisibility.EXPLICIT,
        f"annual revenue about {usd / 1e6:,.0f} M USD (1 M → 0, 100 B → 100, log scale)",
    )


def workforce(customer: CustomerFacts) -> ScoreComponent | None:
    if customer.employee_count <= 0:
        return None
    return ScoreComponent(
        "workforce",
        _scale(customer.employee_count, 10, 100_000),
        0.2,
        ValueHorizon.CURRENT,
        ValueVisibility.EXPLICIT,
        f"{customer.employee_count:,} employees (10 → 0, 100,000 → 100, log scale)",
    )


def industry_potential(customer: CustomerFacts) -> ScoreComponent:
    value = INDUSTRY_POTENTIAL.get(customer.industry, OTHER_INDUSTRY_POTENTIAL)
    known = customer.industry in INDUSTRY_POTENTIAL
    return ScoreComponent(
        "industry_potential",
        float(value),
        0.4,
        ValueHorizon.LONG_TERM,
        ValueVisibility.IMPLICIT,
        f"industry {customer.industry!r} has potential {value}"
        if known
        else f"industry {customer.industry or 'not given'!r}: general potential {value}",
    )


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent]:
    # Async: the default pack is pure arithmetic, so it runs inline rather than on a thread.
    found = [enterprise_scale(customer), workforce(customer), industry_potential(customer)]
    return [component for component in found if component is not None]


@hookimpl
def insight_tier_definitions() -> list[TierDefinition]:
    return list(DEFAULT_TIERS)


@hookimpl
async def insight_assign_tier(
    customer: CustomerFacts, score: float, tiers: list[TierDefinition]
) -> str:
    return tier_for_score(score, tiers)


def _obligations(*codes: str) -> tuple[RelationshipObligation, ...]:
    return tuple(RelationshipObligation(code, OBLIGATIONS[code]) for code in codes)


OBLIGATIONS = {
    "general_relationship": "General relationship (普遍客户关系): broad, continuous coverage.",
    "key_relationship": "Key relationship (关键客户关系): the decision makers, continuously.",
    "organisational_relationship": "Organisational relationship (组织客户关系), no weak spot.",
    "customer_profile": "A full customer profile (CP) and vendor profile (VP) archive.",
    "targeted_key_person_work": "Targeted PR with the dominant key persons (定向公关).",
    "person_archive": "Person archives of the people we meet.",
    "coverage_visits": "Coverage visits; no key-customer assessment (不应做关键客户的考核要求).",
}

_SEVERE, _MAJOR, _MINOR = "critical", "major", "minor"


def _slas(critical: int, major: int, minor: int) -> tuple[IssueSla, ...]:
    """SLAs from the response hours of critical, major and minor issues; resolution takes
    eight times as long."""
    return tuple(
        IssueSla(severity, hours, hours * 8)
        for severity, hours in ((_SEVERE, critical), (_MAJOR, major), (_MINOR, minor))
    )


# Decision 3: S/A have all three relationship types and full archives; B targeted key-person
# work; C coverage only (book ch.3, R-40..R-43).
DEFAULT_POLICIES = {
    "S": TierPolicy(
        "S",
        "executive reception by our senior management",
        "strategic terms, decided by the company",
        4,
        1,
        1,
        _obligations(
            "general_relationship",
            "key_relationship",
            "organisational_relationship",
            "customer_profile",
        ),
        (ContactCadence("decision_maker", 30, 1), ContactCadence("any", 7, 1)),
        _slas(2, 8, 24),
        90,
        365,
    ),
    "A": TierPolicy(
        "A",
        "reception by the regional management",
        "partner terms, decided by the region",
        8,
        2,
        2,
        _obligations(
            "general_relationship",
            "key_relationship",
            "organisational_relationship",
            "customer_profile",
        ),
        (ContactCadence("decision_maker", 45, 1), ContactCadence("any", 14, 1)),
        _slas(4, 12, 48),
        180,
        365,
    ),
    "B": TierPolicy(
        "B",
        "reception by the account team's head",
        "standard terms with targeted concessions",
        24,
        3,
        3,
        _obligations("general_relationship", "targeted_key_person_work", "person_archive"),
        (ContactCadence("key_person", 60, 1),),
        _slas(8, 24, 72),
        365,
        365,
    ),
    "C": TierPolicy(
        "C",
        "reception by the account manager",
        "standard terms",
        48,
        4,
        4,
        _obligations("coverage_visits", "person_archive"),
        (ContactCadence("any", 90, 1),),
        _slas(24, 72, 168),
        365,
        365,
    ),
}


@hookimpl
def insight_tier_policy(tier: TierDefinition) -> TierPolicy | None:
    return DEFAULT_POLICIES.get(tier.code)


# Market space first, as the book lists it first; competition and fit together as much as
# growth. A general start: an industry pack knows its markets better.
DEFAULT_OPPORTUNITY_WEIGHTS = OpportunityWeights(
    market_space=0.3, growth=0.2, profit=0.2, competition_intensity=0.15, business_fit=0.15
)


@hookimpl
def insight_opportunity_weights() -> OpportunityWeights:
    return DEFAULT_OPPORTUNITY_WEIGHTS


# Book ch.2 §1.13: carriers yearly; internet quarterly; finance and education half-yearly
# (the book allows quarterly or half-yearly for the three).
REVIEW_DAYS = {"telecom": 365, "internet": 91, "finance": 182, "education": 182}
DEFAULT_REVIEW_DAYS = 365


@hookimpl
async def insight_review_cadence(customer: CustomerFacts) -> ReviewCadence:
    days = REVIEW_DAYS.get(customer.industry, DEFAULT_REVIEW_DAYS)
    if customer.industry in REVIEW_DAYS:
        why = f"{customer.industry} customers are reviewed every {days} days"
    else:
        why = f"a yearly review (industry {customer.industry or 'not given'!r})"
    return ReviewCadence(days, why)


# Seed 000: telecom equipment went from many vendors to a few (consolidating); utilities,
# energy and transport are run by a few operators; agencies, home services and retail are
# naturally fragmented. Other industries count as consolidating until a pack knows better.
INDUSTRY_STRUCTURE = {
    "telecom": IndustryStructure.CONSOLIDATING,
    "internet": IndustryStructure.CONSOLIDATING,
    "finance": IndustryStructure.CONSOLIDATING,
    "manufacturing": IndustryStructure.CONSOLIDATING,
    "energy": IndustryStructure.MONOPOLISTIC,
    "government": IndustryStructure.MONOPOLISTIC,
    "transport": IndustryStructure.MONOPOLISTIC,
    "healthcare": IndustryStructure.CONSOLIDATING,
    "education": IndustryStructure.CONSOLIDATING,
    "retail": IndustryStructure.FRAGMENTED,
    "distribution": IndustryStructure.FRAGMENTED,
    "services": IndustryStructure.FRAGMENTED,
}
# Industries whose purchases from a vendor are mostly one project rather than a stream.
ONE_OFF_BUYERS = frozenset({"construction", "real_estate"})


@hookimpl
async def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability:
    industry = customer.industry or "not given"
    structure = INDUSTRY_STRUCTURE.get(customer.industry, IndustryStructure.CONSOLIDATING)
    known = customer.industry in INDUSTRY_STRUCTURE
    one_off = customer.industry in ONE_OFF_BUYERS
    code = ApplicabilityConditionCode
    return IndustryApplicability(
        structure,
        (
            ApplicabilityCondition(
                code.INDUSTRY_TYPE,
                structure != IndustryStructure.FRAGMENTED,
                f"industry {industry!r} is {structure.value}"
                + ("" if known else " (assumed: no pack knows it)")
                + ": relationships pay where few suppliers and buyers matter",
            ),
            ApplicabilityCondition(
                code.CUSTOMER_TYPE,
                True,
                "an enterprise of the archive: business to business (to-B)",
            ),
            ApplicabilityCondition(
                code.SALES_TYPE,
                not one_off,
                f"{industry!r} buys project by project: one deal rarely repays the work"
                if one_off
                else f"{industry!r} buys continually: the relationship repays over time",
            ),
            ApplicabilityCondition(
                code.RELATIONSHIP_TYPE,
                True,
                "a key account is operated continually, on trust (持续经营)",
            ),
        ),
    )
