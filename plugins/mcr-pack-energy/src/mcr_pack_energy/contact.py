"""Energy's contact hooks: decision makers seen around the tender batches, and the state-owned
utilities' gift code.

Utilities buy through yearly tender batches (招标批次); a decision maker not seen for three weeks
before a batch is a lost bid, so the pack asks for a contact every 14 days and never later than
21, at every tier. Their code of conduct caps gifts and hospitality at 200 CNY per person
(R-CON-6: what one customer allows another forbids); over it the activity is refused.
"""

from mcr_contact.hooks import (
    CadenceRule,
    ComplianceAction,
    ComplianceRule,
    CustomerContext,
    CustomerDate,
)
from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_energy import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_energy import MCR_SCOPE as MCR_SCOPE

TENDER_CADENCE = CadenceRule("any", "decision_maker", ideal_days=14, max_days=21)
GIFT_LIMIT_CNY = 200


@hookimpl
def contact_cadence_rules(customer: CustomerContext) -> list[CadenceRule]:
    """Decision makers every 14 days, at most 21, at any tier."""
    return [TENDER_CADENCE]


@hookimpl
def contact_gift_limit(customer: CustomerContext) -> ComplianceRule:
    """The utilities' code: 200 CNY per person, refused over it."""
    return ComplianceRule(customer.region, "CNY", GIFT_LIMIT_CNY, ComplianceAction.REFUSE)


# The utilities' procurement year: the investment budget is set in the autumn, the first tender
# batch opens in spring; the account team prepares three and four weeks ahead.
CALENDAR = (
    CustomerDate("budget_round", "next year's investment budget is set", 10, 15, 28),
    CustomerDate("tender_batch", "first tender batch of the year opens", 3, 1, 21),
)


@hookimpl
def contact_customer_calendar(customer: CustomerContext) -> list[CustomerDate]:
    """The budget round and the first tender batch, every year."""
    return list(CALENDAR)
