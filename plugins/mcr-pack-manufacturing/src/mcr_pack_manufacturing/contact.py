"""Manufacturing and distribution contact hooks: coverage of the broad base.

Tier C customers get coverage instead of key-person work (decision 3, book ch.3 R-43); in a
fragmented industry that base is most of the portfolio, so each customer manager visits three
of them a week.
"""

from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_manufacturing import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_manufacturing import MCR_SCOPE as MCR_SCOPE


@hookimpl
def contact_coverage_visits(tier: str) -> int | None:
    """Three coverage visits a week per customer manager to tier-C customers."""
    return 3 if tier == "C" else None
