"""MCR industry pack for energy utilities (能源): grid companies and power generators.

Where the method applies (seed 000's four conditions): a natural monopoly (a few state grid
companies, a few generation groups); B2B; repeat purchases through yearly tender batches; a
relationship kept for decades. All four hold. What differs from the defaults: a customer's
value follows its grid-investment budget, its decision makers are seen every two to three
weeks around the tender batches, and the state-owned utilities' own code caps gifts at 200 CNY.
"""

from mcr_core.plugins import PackScope

GRID = "grid"
GENERATION = "power_generation"
INDUSTRIES = (GRID, GENERATION)

MCR_HOOK_API = (2,)
# The customers of a region this pack answers for; the others get the other packs' rules or
# the built-in defaults.
MCR_SCOPE = PackScope(industries=INDUSTRIES)
