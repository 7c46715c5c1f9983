"""What every area of insight shares: the archive's facts about a customer and the rule for the
types plugins return. Pure: no I/O.

The areas' models and rules are in their own `domain` modules (`tiers`, `clv`, `sandbox`,
`monitoring`, `analyses`, `products`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass as plain_dataclass
from dataclasses import field
from typing import Annotated, Any

from pydantic import ConfigDict, Field

CUSTOMER_PREFIX = "customers/"
EMPLOYEE_PREFIX = "employees/"
CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
# Sums of weights, shares and probabilities are compared with this tolerance (floating point).
TOLERANCE = 1e-6

# What plugins return is checked on every call; an instance of these types was checked when it
# was built and is frozen, so it passes as it is (re-checking it cost a batch a third of its time).
PLUGIN_TYPE = ConfigDict(revalidate_instances="never", allow_inf_nan=False, frozen=True)

Score = Annotated[float, Field(ge=0, le=100)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Code = Annotated[str, Field(pattern=CODE.pattern)]


# ---------------------------------------------------------------------------------------------
# What plugins receive and return
# ---------------------------------------------------------------------------------------------


@plain_dataclass(frozen=True)
class CustomerFacts:
    """The facts about a customer enterprise that insight keeps from the archive's events.

    There is deliberately no lifecycle state here: whether we already do business with a
    customer is not a value criterion (decision 5, 「有没有合作和客户有没有价值是两回事」).

    It is the customer's context of insight's per-customer hooks: its `industry` and
    `ownership_type` select the packs that answer (`mcr_core.plugins.PackScope`), and `metrics`
    holds the values of the profile metrics the packs declared (`archive_network_metrics`).
    """

    id: str
    region: str
    display_name: str = ""
    industry: str = ""
    country_code: str = ""
    parent_group_id: str | None = None
    revenue_currency: str | None = None
    revenue_units: int | None = None
    employee_count: int = 0
    ownership_type: str = ""
    metrics: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def name(self) -> str:
        return f"{CUSTOMER_PREFIX}{self.id}"


@plain_dataclass(frozen=True)
class PluginFailureRecord:
    plugin: str
    hook: str
    reason: str


# The role that selects opportunities (book ch.7) and writes information products (§1.13).
MARKET_DEPARTMENT = "market_department"
