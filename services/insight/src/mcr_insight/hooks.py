"""The insight service's plugin hooks (host `insight`, entry-point group `mcr.insight`) and the
typed facade the service calls them through.

Plugin authors implement these with `from mcr_core.plugins import hookimpl` and build their
answers from the types re-exported here. Hooks may be plain or `async` functions. Every answer
is validated again after the call: an implementation that raises, runs past the timeout or
returns nonsense (a score of 500, NaN, a tier the ladder does not have) is reported as a
`PluginFailure` naming it, and its answer does not count.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from mcr_core.config import ServiceSettings
from mcr_core.plugins import PluginFailure, PluginHost, hookspec

from mcr_insight.domain import CustomerFacts
from mcr_insight.monitoring.domain import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    IndustryApplicability,
    IndustryStructure,
    ReviewCadence,
)
from mcr_insight.sandbox.domain import OpportunityWeights, ProductLine, product_line_problem
from mcr_insight.tiers.domain import (
    AttributedComponent,
    ContactCadence,
    IssueSla,
    RelationshipObligation,
    ScoreComponent,
    TierDefinition,
    TierLadder,
    TierPolicy,
    ValueHorizon,
    ValueVisibility,
    ladder_problems,
    make_ladder,
)

HOST = "insight"
DEFAULT_PLUGINS = ("mcr_insight.defaults",)

__all__ = [
    "ApplicabilityCondition",
    "ApplicabilityConditionCode",
    "ContactCadence",
    "CustomerFacts",
    "IndustryApplicability",
    "IndustryStructure",
    "IssueSla",
    "OpportunityWeights",
    "ProductLine",
    "RelationshipObligation",
    "ReviewCadence",
    "ScoreComponent",
    "TierDefinition",
    "TierPolicy",
    "ValueHorizon",
    "ValueVisibility",
]

# ---------------------------------------------------------------------------------------------
# Industry applicability (seed 000)
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def insight_industry_applicability(customer: CustomerFacts) -> IndustryApplicability | None:
    """Whether customer relationship management pays with this customer (seed 000's four
    conditions): the industry type (monopolistic or consolidating rather than naturally
    fragmented), the customer type (to-B), the sales type (continuing sales rather than one
    deal) and the relationship type (a relationship to keep operating).

    Fires when someone asks for a customer's applicability (`GetIndustryApplicability`).
    Returns an `IndustryApplicability` with the industry's structure and each of the four
    conditions exactly once (`met` and an explanation), or None to leave it to the next plugin.
    firstresult: the first valid answer wins. Example::

        @hookimpl
        def insight_industry_applicability(customer):
            if customer.industry != "semiconductors":
                return None
            return IndustryApplicability(IndustryStructure.MONOPOLISTIC, (
                ApplicabilityCondition(ApplicabilityConditionCode.INDUSTRY_TYPE, True,
                                       "a few foundries can make it"),
                ...))
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Value scoring (客户价值打分)
# ---------------------------------------------------------------------------------------------


@hookspec
def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent]:
    """The value components this plugin sees in a customer enterprise. Per customer: only the
    packs serving the customer's industry (and ownership type) are asked; each component is
    attributed to its pack in the score's explanation.

    Fires each time a customer is scored: when the archive announces a created or changed
    customer, and for every customer of a region in a batch re-score, a what-if evaluation or
    an applied configuration. `customer` holds the facts insight keeps from the archive; it has
    no lifecycle state on purpose, since doing business with a customer is not a value
    criterion (decision 5).

    Returns a list of `ScoreComponent` (dimension, value 0..100, weight, horizon current or
    long-term, explicit or implicit, and an explanation), or None to abstain. Not firstresult:
    the components of every active scoring plugin count together, as a weighted mean; a
    region's configuration may choose the plugins and replace the weights per dimension.
    Example::

        @hookimpl
        def insight_value_components(customer):
            if customer.industry != "healthcare":
                return None
            return [ScoreComponent("lighthouse", 90, 1.0, ValueHorizon.LONG_TERM,
                                   ValueVisibility.IMPLICIT, "三甲 hospital: a lighthouse")]
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Tiers (客户分级)
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def insight_tier_definitions() -> list[TierDefinition]:
    """The tier ladder: every tier's code, names, rank (1 is the highest) and lowest score.
    Region-wide: a region has one ladder, whatever its customers' industries.

    Fires whenever insight needs the ladder: before each scoring of a customer or a portfolio,
    when checking a manual tier or a configuration, and when publishing tier policies.
    Returns the whole ladder as a list of `TierDefinition`, or None to leave it to the next
    plugin. firstresult: the first plugin that answers with a valid ladder defines all the tiers
    (codes and ranks unique, a higher tier with a higher threshold); a pack that renames or
    adds tiers returns the whole ladder. Example::

        @hookimpl
        def insight_tier_definitions():
            return [TierDefinition("KEY", "Key account", "重点客户", 1, 70.0),
                    TierDefinition("OTHER", "Other", "其他", 2, 0.0)]
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def insight_assign_tier(
    customer: CustomerFacts, score: float, tiers: list[TierDefinition]
) -> str | None:
    """The tier a customer with this value score belongs in.

    Fires after each complete scoring of a customer. `score` is the combined value score
    (0..100); `tiers` is the ladder, highest first, with the thresholds of the region's
    configuration. Returns a tier code of `tiers`, or None to leave the choice to the next
    plugin. firstresult: the first valid code wins. Example::

        @hookimpl
        def insight_assign_tier(customer, score, tiers):
            return "S" if customer.parent_group_id is None and score >= 90 else None
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Tier policies (客户政策)
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def insight_tier_policy(tier: TierDefinition) -> TierPolicy | None:
    """The operating rules of one tier (decision 4): reception standard, commercial level,
    service response time, requirement and supply priority, relationship obligations, contact
    cadences, issue SLAs, survey frequency and review cadence. Region-wide: a tier's policy is
    the region's; an industry's own cadences are `contact_cadence_rules` and its review
    interval `insight_review_cadence`, both per customer.

    Fires for each tier of the ladder when a policy is read (`GetTierPolicy`) and when insight
    checks whether a policy changed since it was last published (then `TierPolicyChanged`
    goes out). Returns a `TierPolicy` whose `tier` is the given tier's code, or None when the
    plugin has no policy for it. firstresult: the first valid policy wins. Example::

        @hookimpl
        def insight_tier_policy(tier):
            if tier.code != "S":
                return None
            return TierPolicy("S", "executive", "strategic pricing", 4, 1, 1, (), (), (),
                              90, 365)
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Portfolio monitoring (跟踪与监控客户策略)
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def insight_review_cadence(customer: CustomerFacts) -> ReviewCadence | None:
    """How often the strategy for this customer is reviewed (book ch.2 §1.13: carriers, stable
    and slow-changing, yearly; internet, finance and education, smaller and faster-changing,
    quarterly or half-yearly).

    Fires for each customer when insight lists the reviews that are due and when a portfolio
    snapshot counts them. Returns a `ReviewCadence` (interval in days, 1..3660, and why), or
    None to leave it to the next plugin. firstresult: the first valid answer wins. Example::

        @hookimpl
        def insight_review_cadence(customer):
            if customer.industry == "energy":
                return ReviewCadence(182, "energy customers re-plan every half year")
            return None
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# The strategic sandbox (战略沙盘)
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def insight_opportunity_weights() -> OpportunityWeights | None:
    """The weights that rank a customer's opportunities by market space, growth, profit,
    competition intensity and business fit (book ch.7; ch.6 §2.1 "market weighing"). The book
    gives no weights, so a pack chooses them. Region-wide: one ranking for the region.

    Fires each time opportunities are listed (they come back most attractive first, with their
    attractiveness). Returns `OpportunityWeights`, each 0..1, summing to 1, or None to leave it
    to the next plugin; weights not summing to 1 are reported as the plugin's failure.
    firstresult: the first valid answer wins. Example::

        @hookimpl
        def insight_opportunity_weights():
            return OpportunityWeights(market_space=0.4, growth=0.3, profit=0.1,
                                      competition_intensity=0.1, business_fit=0.1)
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def insight_product_lines(customer: CustomerFacts) -> list[ProductLine] | None:
    """The product lines of the customer's industry: the segments its strategic sandbox splits
    its purchasing power into, and the product segment its opportunities name (book ch.6 §2,
    the operator example: wireless access, wireless core, service software, optical, datacom).

    Fires for the customer each time its strategic sandbox is written and an opportunity is
    proposed for it. Returns the product lines (codes unique, at least one): every segment and
    opportunity of the customer must then name one of their codes; None leaves segments free
    (the built-in default). firstresult: the first valid answer wins. Example::

        @hookimpl
        def insight_product_lines(customer):
            if customer.industry != "energy":
                return None
            return [ProductLine("grid", "Grid automation", "电网自动化"),
                    ProductLine("metering", "Smart metering", "智能计量")]
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# The facade
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierChoice:
    tier: str
    plugin: str


class InsightHooks:
    """The only way insight calls its plugins; every answer keeps the plugin's name."""

    def __init__(self, host: PluginHost) -> None:
        self.host = host

    def with_packs(self, packs: Sequence[str]) -> InsightHooks:
        """These hooks with exactly `packs` active beside the defaults (PluginLoadError names
        one that is not installed or cannot load)."""
        return InsightHooks(self.host.with_packs(packs))

    def scoring_fingerprint(self) -> str:
        """Changes exactly when a plugin that scores, defines tiers or chooses them is added,
        removed or upgraded: the portfolio must then be tiered again."""
        scoring = {"insight_value_components", "insight_tier_definitions", "insight_assign_tier"}
        answering = [
            (info.name, info.version or "", sorted(scoring.intersection(info.hooks)))
            for info in self.host.plugins()
            if scoring.intersection(info.hooks)
        ]
        return hashlib.sha256(json.dumps(answering).encode()).hexdigest()[:32]

    def packs(self) -> tuple[str, ...]:
        """The installed packs that answer (the built-in defaults are not packs)."""
        return tuple(info.name for info in self.host.plugins() if info.distribution)

    def scoring_plugins(self) -> set[str]:
        return {
            info.name for info in self.host.plugins() if "insight_value_components" in info.hooks
        }

    async def value_components(
        self, customers: Sequence[CustomerFacts], only: tuple[str, ...] = ()
    ) -> list[tuple[list[AttributedComponent], list[PluginFailure]]]:
        """For each customer, every valid component of the chosen plugins (all when `only` is
        empty) and the chosen plugins' failures; a batch calls each plugin over all of them."""
        outcomes = await self.host.call_batch(
            "insight_value_components", [{"customer": c} for c in customers]
        )
        chosen = set(only)
        return [
            (
                [
                    AttributedComponent(result.plugin, component)
                    for result in outcome.results
                    if not chosen or result.plugin in chosen
                    for component in result.value
                ],
                [f for f in outcome.failures if not chosen or f.plugin in chosen],
            )
            for outcome in outcomes
        ]

    async def tier_ladder(self) -> tuple[TierLadder | None, list[PluginFailure]]:
        """The ladder of the first plugin with a valid one; failures name the others."""
        outcome = await self.host.call("insight_tier_definitions", problem=ladder_problems)
        found = outcome.first
        return (make_ladder(found.value, found.plugin) if found else None), outcome.failures

    async def assign_tiers(
        self, scored: Sequence[tuple[CustomerFacts, float]], ladder: TierLadder
    ) -> list[tuple[TierChoice | None, list[PluginFailure]]]:
        """For each (customer, score), the first valid tier and the plugins that failed."""
        tiers = list(ladder.tiers)

        def undefined(tier: str) -> str | None:
            if ladder.get(tier) is None:
                return f"returned tier {tier!r}, which the ladder does not define"
            return None

        outcomes = await self.host.call_batch(
            "insight_assign_tier",
            [{"customer": c, "score": score, "tiers": tiers} for c, score in scored],
            problem=undefined,
        )
        return [
            (TierChoice(o.first.value, o.first.plugin) if o.first else None, o.failures)
            for o in outcomes
        ]

    async def tier_policy(
        self, tier: TierDefinition
    ) -> tuple[tuple[TierPolicy, str] | None, list[PluginFailure]]:
        def other_tier(policy: TierPolicy) -> str | None:
            if policy.tier != tier.code:
                return f"returned the policy of tier {policy.tier!r} for {tier.code!r}"
            return None

        return await _first_valid(self.host, "insight_tier_policy", other_tier, tier=tier)

    async def opportunity_weights(
        self,
    ) -> tuple[tuple[OpportunityWeights, str] | None, list[PluginFailure]]:
        return await _first_valid(
            self.host, "insight_opportunity_weights", lambda weights: weights.problem()
        )

    async def review_cadence(
        self, customer: CustomerFacts
    ) -> tuple[tuple[ReviewCadence, str] | None, list[PluginFailure]]:
        return await _first_valid(
            self.host, "insight_review_cadence", lambda cadence: None, customer=customer
        )

    async def product_lines(
        self, customer: CustomerFacts
    ) -> tuple[tuple[list[ProductLine], str] | None, list[PluginFailure]]:
        return await _first_valid(
            self.host, "insight_product_lines", product_line_problem, customer=customer
        )

    async def industry_applicability(
        self, customer: CustomerFacts
    ) -> tuple[tuple[IndustryApplicability, str] | None, list[PluginFailure]]:
        return await _first_valid(
            self.host,
            "insight_industry_applicability",
            lambda found: found.problem(),
            customer=customer,
        )


async def _first_valid(host: PluginHost, hook: str, problem, **kwargs):
    """The first answer of `hook` that `problem` finds nothing wrong with, and its plugin."""
    outcome = await host.call(hook, problem=problem, **kwargs)
    found = outcome.first
    return ((found.value, found.plugin) if found else None), outcome.failures


def plugin_host(settings: ServiceSettings) -> PluginHost:
    return PluginHost.for_service(HOST, sys.modules[__name__], DEFAULT_PLUGINS, settings)
