"""MCR industry pack for healthcare (医疗): hospitals and hospital groups.

Where the method applies (seed 000's four conditions): a fragmented industry of many hospitals
whose top-grade (三级甲等, "3A") members set the standard for the rest; B2B; repeat purchases of
equipment and services; a continuous relationship with the hospital's departments. The method
applies, with the implicit value of the top-grade hospitals counted (book ch.2 §1.11 step 2).
"""

from mcr_core.plugins import PackScope

TOP_GRADE = "hospital_3a"
HOSPITAL = "hospital"

MCR_HOOK_API = (2,)
# The customers of a region this pack answers for; the others get the other packs' rules or
# the built-in defaults.
MCR_SCOPE = PackScope(industries=(TOP_GRADE, HOSPITAL))
