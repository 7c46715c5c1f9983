"""Healthcare's contact hooks: strict gift rules.

Book ch.4 (R-CON-6, Part 5 "compliance per country and era"): what one country allows another
forbids, and above a threshold a gift is commercial bribery. Gifts to hospital staff fall under
the strictest anti-corruption rules everywhere, so this pack allows none: any gift value on an
activity with a hospital's people is refused, in every jurisdiction the pack is active in.
"""

from mcr_contact.hooks import ComplianceAction, ComplianceRule
from mcr_core.plugins import hookimpl

MCR_HOOK_API = (1,)


@hookimpl
def contact_compliance_rule(jurisdiction: str) -> ComplianceRule:
    """No gifts to hospital staff: a limit of zero, refused."""
    return ComplianceRule(jurisdiction, "CNY", 0, ComplianceAction.REFUSE)
