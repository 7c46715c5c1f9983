"""Energy's insight hooks: a utility's value follows its investment budget.

Book ch.2 §1.11: value is judged on what the customer will buy, not only on what it bought; a
utility announces what it will buy in its yearly investment budget, which the customer profile
records (`grid_investment_budget`, in 100M CNY). Without a recorded budget the pack says so
instead of guessing from revenue.
"""

from __future__ import annotations

from mcr_core.plugins import hookimpl
from mcr_insight.hooks import (
    CustomerFacts,
    ReviewCadence,
    ScoreComponent,
    ValueHorizon,
    ValueVisibility,
)

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_energy import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_energy import MCR_SCOPE as MCR_SCOPE
from mcr_pack_energy.archive import INVESTMENT_BUDGET

# A budget of 1,000 (100M CNY), a provincial grid's, is worth the whole scale.
FULL_BUDGET = 1_000
HALF_YEARLY = 182


@hookimpl
async def insight_value_components(customer: CustomerFacts) -> list[ScoreComponent]:
    """The yearly investment budget as the utility's long-term, explicit value."""
    budget = customer.metrics.get(INVESTMENT_BUDGET)
    if budget is None:
        return [
            ScoreComponent(
                "investment_budget", 30.0, 0.5, ValueHorizon.LONG_TERM, ValueVisibility.EXPLICIT,
                "no investment budget recorded in the customer profile yet",
            )
        ]  # fmt: skip
    value = min(100.0, 100.0 * float(budget) / FULL_BUDGET)
    return [
        ScoreComponent(
            "investment_budget", value, 1.5, ValueHorizon.LONG_TERM, ValueVisibility.EXPLICIT,
            f"investment budget {budget} (100M CNY) a year ({FULL_BUDGET} or more → 100)",
        )
    ]  # fmt: skip


@hookimpl
def insight_review_cadence(customer: CustomerFacts) -> ReviewCadence:
    """Utilities plan in half-year investment rounds: the strategy is reviewed with them."""
    return ReviewCadence(HALF_YEARLY, f"{customer.industry}: reviewed with each investment round")
