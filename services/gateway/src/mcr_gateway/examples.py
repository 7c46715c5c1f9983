"""Examples of the JSON-of-protobuf responses for the OpenAPI document, taken from the demo
data (`mcr up --demo`)."""

from __future__ import annotations

from typing import Any

CUSTOMER = "customers/0db10870-6f1f-4456-8137-8414d5119b44"
PERSON = f"{CUSTOMER}/persons/e826190c-28af-4088-9562-c3949f020842"


def ok(example: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: its 200 answer with this example."""
    return {200: {"content": {"application/json": {"example": example}}}}


TIER_ASSIGNMENT = {
    "name": f"{CUSTOMER}/tierAssignment",
    "customer": CUSTOMER,
    "region": "cn-south",
    "tier": "S",
    "computed_tier": "S",
    "value_score": 80.526,
    "source": "TIER_SOURCE_COMPUTED",
    "tier_change_time": "2026-11-24T00:48:16.182440Z",
    "update_time": "2026-11-24T00:48:16.461916Z",
}
EXPLANATION = {
    "tier_assignment": TIER_ASSIGNMENT,
    "components": [
        {
            "plugin": "mcr_insight.defaults",
            "dimension": "enterprise_scale",
            "value": 78.63,
            "weight": 0.4,
            "effective_weight": 0.4,
            "horizon": "VALUE_HORIZON_CURRENT",
            "visibility": "VALUE_VISIBILITY_EXPLICIT",
            "explanation": "annual revenue about 8,540 M USD (1 M → 0, 100 B → 100, log scale)",
        }
    ],
    "tiers": [{"code": "S", "display_name": "Strategic", "local_name": "战略客户", "rank": 1,
               "min_score": 75.0, "plugin": "mcr_insight.defaults"}],
    "assigned_by_plugin": "mcr_insight.defaults",
    "plugin_failures": [],
    "manual_decisions": [],
}  # fmt: skip
TIER_ASSIGNMENTS = {"tier_assignments": [TIER_ASSIGNMENT], "next_page_token": "eyJrIjpbIjBk…"}
TIER_HISTORY = {
    "entries": [
        {
            "customer": CUSTOMER,
            "previous_tier": "A",
            "tier": "S",
            "source": "TIER_SOURCE_COMPUTED",
            "reason": "value score 80.5 gives tier S (configuration revision 0)",
            "value_score": 80.526,
            "changed_by": "system",
            "change_time": "2026-11-24T00:48:16.182440Z",
        }
    ],
    "next_page_token": "",
}
TIER_DEFINITIONS = {
    "tiers": [
        {"code": "S", "display_name": "Strategic", "local_name": "战略客户", "rank": 1,
         "min_score": 75.0, "plugin": "mcr_insight.defaults"},
        {"code": "A", "display_name": "Partner", "local_name": "伙伴客户", "rank": 2,
         "min_score": 60.0, "plugin": "mcr_insight.defaults"},
    ]
}  # fmt: skip
TIER_POLICIES = {
    "tier_policies": [
        {
            "name": "tierPolicies/S",
            "tier": "S",
            "plugin": "mcr_insight.defaults",
            "reception_standard": "executive reception by our senior management",
            "commercial_level": "strategic terms, decided by the company",
            "service_response_time": "14400s",
            "requirement_priority": 1,
            "supply_priority": 1,
        }
    ]
}
EVALUATION = {
    "configuration": {"thresholds": [{"tier": "S", "min_score": 90.0}]},
    "customers_evaluated": 6,
    "migrations": [{"from_tier": "S", "to_tier": "A", "count": 3, "customers": [CUSTOMER]}],
    "tier_counts": {"S": 1, "A": 5, "B": 0, "C": 0},
    "plugin_failures": [],
}
POSTCARD = {"name": f"{PERSON}/postcard", "hobbies": "围棋", "etag": "5214e9be752a6eb9"}
SENSITIVE_READS = {
    "reads": [
        {"reader": "employees/e-1001", "reason": "preparing the annual visit",
         "fields": ["family"], "read_time": "2026-11-24T00:50:02.000000Z"}
    ]
}  # fmt: skip
ACCOUNT_TEAM = {
    "name": f"{CUSTOMER}/accountTeam",
    "members": [
        {
            "employee": "employees/e-1001",
            "role": "TEAM_ROLE_CUSTOMER_MANAGER",
            "paired_persons": [PERSON],
        }
    ],
    "update_time": "2026-11-24T00:48:16.484490Z",
    "etag": "5271ba6e495c73f0",
}
FIELD_HISTORY = {
    "changes": [
        {"field": "display_name", "new_value": "南海电信广东分公司", "actor": "employees/e-1001",
         "change_time": "2026-11-24T00:48:16.143419Z"}
    ],
    "values": {"display_name": "南海电信广东分公司", "industry": "telecom", "credit_rating": "A"},
    "next_page_token": "eyJrIjpbNTZdLCJm…",
}  # fmt: skip
CREDIT_HISTORY = {
    "changes": [
        {"rating": "A", "cause": "CREDIT_EVENT_CAUSE_REVIEW", "actor": "employees/e-1001",
         "change_time": "2026-11-24T00:48:16.450713Z"}
    ]
}  # fmt: skip
YEARLY_REVENUE = {
    "customer": CUSTOMER,
    "year": 2024,
    "amount": {"currency_code": "CNY", "units": "455000000", "nanos": 500000000},
}
REVENUE = {"years": [YEARLY_REVENUE]}
RATED_CUSTOMER = {
    "name": CUSTOMER,
    "display_name": "南海电信广东分公司",
    "region": "cn-south",
    "credit_rating": "A",
    "etag": "21fa533bc5e62c35",
}
