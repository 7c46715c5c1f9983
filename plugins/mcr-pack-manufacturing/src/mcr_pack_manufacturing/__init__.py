"""MCR industry pack for manufacturing and distribution (制造与分销), a fragmented industry.

Where the method applies (seed 000's four conditions): a fragmented industry of many small
and medium customers (a few may consolidate later); B2B; repeat sales; relationships that are
continuous with the larger plants and transactional with the many small ones. The key-account
part of the method applies to the few large customers; the many small ones are served by
coverage (tier C: visit counts, book ch.3 R-43), which this pack tightens.
"""

from mcr_core.plugins import PackScope

INDUSTRIES = ("discrete_manufacturing", "process_manufacturing", "wholesale_distribution")

MCR_HOOK_API = (2,)
# The customers of a region this pack answers for; the others get the other packs' rules or
# the built-in defaults.
MCR_SCOPE = PackScope(industries=INDUSTRIES)
