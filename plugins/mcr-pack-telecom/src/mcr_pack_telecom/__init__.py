"""MCR industry pack for telecom operators (电信运营商).

Where the method applies (seed 000's four conditions): a natural-monopoly industry that
consolidates into few, very large customers; B2B; repeat sales of network equipment and
services; a continuous relationship over decades. All four hold, so the whole MCR process
applies, and the book's own numbers come from this industry.
"""

from mcr_core.plugins import PackScope

INDUSTRY = "telecom"

MCR_HOOK_API = (2,)
# The customers of a region this pack answers for; the others get the other packs' rules or
# the built-in defaults.
MCR_SCOPE = PackScope(industries=(INDUSTRY,))
