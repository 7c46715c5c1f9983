"""The book's roles and what each may do: the default role -> permission table, as data.

Plain Python with no protobuf or gRPC, so `mcr token` can list the roles without loading a
service's machinery; `mcr_core.auth.permissions` enforces the table against the contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The roles of the default table (snake_case; `manager` is also the visibility policy's).
EMPLOYEE = "employee"
ACCOUNT_MANAGER = "account_manager"
MANAGER = "manager"
MARKET_DEPARTMENT = "market_department"
MANAGEMENT = "management"
QA = "qa"
HR = "hr"
INTERNAL_APP = "internal_app"

ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Role:
    """A role: what it is in the book's words, and the permission patterns it grants (globs
    over permission names, such as `archive.persons.*` or `*.*.get`)."""

    name: str
    summary: str
    grants: tuple[str, ...]


_READS = (
    "*.*.get",
    "*.*.list",
    "*.*.listVersions",
    "*.*.search",
    "*.*.explain",
    "contact.playbooks.suggest",
    "satisfaction.issueQuotas.check",
)

# An account manager's daily work on the customers, persons, activities, issues and plans they
# work on; the visibility policy keeps it to those.
_DAILY_WORK = (
    "archive.customers.create",
    "archive.customers.update",
    "archive.customers.delete",
    "archive.customers.rateCredit",
    "archive.yearlyRevenues.record",
    "archive.departments.*",
    "archive.persons.*",
    "archive.postcards.update",
    "archive.accountTeams.update",
    "archive.influenceLinks.*",
    "archive.customerProfiles.update",
    "archive.vendorProfiles.update",
    "archive.profiles.submit",
    "archive.records.import",
    "archive.records.export",
    # Handing over one's own portfolio (the archive checks it is one's own).
    "archive.employees.transferPortfolio",
    "contact.*.*",
    "insight.analyses.update",
    "insight.strategicSandboxes.update",
    "insight.opportunities.create",
    "insight.customerReviews.create",  # the account team's review of its customer
    "insight.valueReturnCurves.update",
    "insight.tierConfigurations.evaluate",  # a what-if: counts only, nothing changes
    "insight.clv.*",
    "insight.profitQuadrants.classify",
    "planning.customerTeams.update",  # a team's own levels; set-up is a manager's (planning)
    "planning.planItems.complete",
    "planning.marketGoals.*",
    "planning.assessments.create",
    "planning.supportOverrides.create",
    "planning.powerMapPersons.*",
    "planning.powerMapEdges.*",
    "planning.decisionChains.create",
    "planning.targets.create",
    "planning.sponsorships.create",
    "planning.sponsorships.consent",  # the sponsor's own consent (planning checks who)
    "planning.expansionCards.create",
    "planning.projects.create",
    "planning.brandActivities.create",
    "planning.relationshipPlans.update",
    "planning.competitorAnalyses.update",
    "satisfaction.issues.*",
    "satisfaction.surveys.create",
    "satisfaction.surveys.plan",
    "satisfaction.surveyAnswers.create",
    "satisfaction.vocItems.*",
    "satisfaction.improvementItems.*",
)

# A team leader's or system department head's: the team and its annual cycle, handovers,
# reviews and approvals over their unit (the services check "over their unit").
_LEADERSHIP = (
    "archive.employees.update",
    "archive.profiles.review",
    "planning.annualPlans.start",
    "planning.assessments.spotCheck",
    "planning.brandBudgets.rollUp",
    "insight.annualInsights.complete",
    "satisfaction.qaTracebacks.create",
)

DEFAULT_ROLES: tuple[Role, ...] = (
    Role(EMPLOYEE, "every signed-in employee (implicit): reads, filtered by visibility", _READS),
    Role(
        ACCOUNT_MANAGER,
        "account manager: customers, persons, activities, issues and plans they work on",
        _DAILY_WORK,
    ),
    Role(
        MANAGER,
        "team leader / system department head: team set-up, annual cycle, handovers, reviews",
        _DAILY_WORK + _LEADERSHIP,
    ),
    Role(
        MARKET_DEPARTMENT,
        "market department: manual tiers, tier configurations, rescoring, analyses, products",
        ("insight.*.*",),
    ),
    Role(MANAGEMENT, "region or company management: every decision and policy of a region", ("*",)),
    Role(
        QA,
        "QA unit: tracebacks, improvement items and quality views",
        (
            "satisfaction.qaTracebacks.create",
            "satisfaction.improvementItems.*",
            "satisfaction.vocItems.*",
        ),
    ),
    Role(
        HR,
        "HR: employee records, handovers, the HR file's import and export",
        # An HR file in and out; what else a file holds, visibility keeps to its owners.
        ("archive.employees.*", "archive.records.import", "archive.records.export"),
    ),
    Role(INTERNAL_APP, "an internal application: reads (visibility still applies)", _READS),
    # Ranks read by classified records (insight's information products); they add no
    # permission of their own.
    Role("director", "director level (classified reports)", ()),
    Role("vice_president", "vice president (classified reports)", ()),
    Role("executive", "executive (classified reports)", ()),
)
