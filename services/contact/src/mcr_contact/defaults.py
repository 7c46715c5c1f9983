"""The built-in default pack of contact: the book's activity types, playbooks and cadences for
special roles. A plugin like any other; an industry pack registered after it overrides it."""

from __future__ import annotations

from mcr_core.plugins import CustomerContext, hookimpl

from mcr_contact.domain import (
    OTHER_BOOK_TYPES,
    TWELVE_PLUS_ONE,
    ActivityType,
    CadenceRule,
    ComplianceAction,
    ComplianceRule,
    Playbook,
    book_playbook,
)

# Roles the book gives their own rhythm, whatever the tier: rising stars are kept warm as the
# reserve (R-CON-8), retired key persons are not dropped, and sponsors meet their key persons
# monthly or at least every two months.
SPECIAL_ROLES = (
    CadenceRule("any", "rising_star", ideal_days=45, max_days=90),
    CadenceRule("any", "retired_key_person", ideal_days=90, max_days=180),
    CadenceRule("any", "sponsor", ideal_days=30, max_days=60),
)

# The book gives no amount (R-CON-6); a conservative limit until a jurisdiction's pack says.
DEFAULT_GIFT_LIMIT_CNY = 500


@hookimpl
def contact_activity_types() -> list[ActivityType]:
    return [*TWELVE_PLUS_ONE, *OTHER_BOOK_TYPES]


@hookimpl
def contact_cadence_rules(customer: CustomerContext) -> list[CadenceRule]:
    return list(SPECIAL_ROLES)


@hookimpl
def contact_playbook(support_level: int) -> Playbook:
    return book_playbook(support_level)


@hookimpl
def contact_compliance_rule(jurisdiction: str) -> ComplianceRule:
    return ComplianceRule(jurisdiction, "CNY", DEFAULT_GIFT_LIMIT_CNY, ComplianceAction.REFUSE)


@hookimpl
def contact_coverage_visits(tier: str) -> int | None:
    return 2 if tier == "C" else None


@hookimpl
def contact_cold_stove_days(tier: str) -> int:
    return 90
