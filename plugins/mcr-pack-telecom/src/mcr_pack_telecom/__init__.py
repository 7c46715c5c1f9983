"""MCR industry pack for telecom operators (电信运营商).

Where the method applies (seed 000's four conditions): a natural-monopoly industry that
consolidates into few, very large customers; B2B; repeat sales of network equipment and
services; a continuous relationship over decades. All four hold, so the whole MCR process
applies, and the book's own numbers come from this industry.
"""

MCR_HOOK_API = (1,)
INDUSTRY = "telecom"
