"""MCR industry pack for financial services and internet companies (金融、互联网).

Where the method applies (seed 000's four conditions): B2B, repeat sales, a continuous
relationship, but customers that are smaller and change fast (book ch.2 §1.13:
「互联网行业、金融行业、教育行业等,客户体量小、变化快」). The method applies with a shorter
loop: quarterly review and tighter contact cadences.
"""

from mcr_core.plugins import PackScope

# Its own segments, and customers filed under the general "finance" industry of the defaults.
INDUSTRIES = ("bank", "insurance", "securities", "internet_platform", "finance")

MCR_HOOK_API = (2,)
# The customers of a region this pack answers for; the others get the other packs' rules or
# the built-in defaults.
MCR_SCOPE = PackScope(industries=INDUSTRIES)
