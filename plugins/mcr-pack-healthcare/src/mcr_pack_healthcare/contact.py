"""Healthcare's contact hooks: strict gift rules.

Book ch.4 (R-CON-6, Part 5 "compliance per country and era"): what one country allows another
forbids, and above a threshold a gift is commercial bribery. Gifts to hospital staff fall under
the strictest anti-corruption rules everywhere, so this pack allows none: any gift value on an
activity with a hospital's people is refused, in every jurisdiction the pack is active in. The
limit is the hospitals' own (`contact_gift_limit`, per customer): the region's other customers
keep their jurisdiction's rule.
"""

from mcr_contact.hooks import CadenceRule, ComplianceAction, ComplianceRule, CustomerContext
from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_healthcare import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_healthcare import MCR_SCOPE as MCR_SCOPE


@hookimpl
def contact_gift_limit(customer: CustomerContext) -> ComplianceRule:
    """No gifts to hospital staff: a limit of zero, refused."""
    return ComplianceRule(customer.region, "CNY", 0, ComplianceAction.REFUSE)


# A hospital's department heads decide within the monthly meeting of its procurement committee
# (药事/设备委员会): they are seen before each, at most a month apart.
COMMITTEE_CADENCE = CadenceRule("any", "decision_maker", ideal_days=21, max_days=30)


@hookimpl
def contact_cadence_rules(customer: CustomerContext) -> list[CadenceRule]:
    """A hospital's decision makers before each monthly committee meeting."""
    return [COMMITTEE_CADENCE]
