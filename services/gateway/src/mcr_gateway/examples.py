"""Examples of the JSON-of-protobuf responses for the OpenAPI document, taken from the demo
data (`mcr up --demo`)."""

from __future__ import annotations

from typing import Any

CUSTOMER = "customers/0db10870-6f1f-4456-8137-8414d5119b44"
PERSON = f"{CUSTOMER}/persons/e826190c-28af-4088-9562-c3949f020842"


def ok(example: dict[str, Any], status: int = 200) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: its 200 (or `status`) answer with this example."""
    return {status: {"content": {"application/json": {"example": example}}}}


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


# ---------------------------------------------------------------------------------------------
# Contact
# ---------------------------------------------------------------------------------------------

CEO = f"{CUSTOMER}/persons/5f0c4e1a-8d7b-4c55-9a0e-0b6a3f1d2c11"
ACTIVITY = {
    "name": "activities/3c9a1f52-7e44-4d0b-a1c6-2f8e5b7d9a10",
    "customer": CUSTOMER,
    "region": "cn-south",
    "type": "daily_visit",
    "relationship_type": "key",
    "state": "done",
    "title": "季度网络规划沟通",
    "start_time": "2026-11-20T02:00:00Z",
    "duration": "3600s",
    "target_persons": [CEO],
    "summary": "确认明年扩容节奏，约定下月技术交流",
    "owner": "employees/e-1001",
    "create_time": "2026-11-20T03:05:00Z",
    "update_time": "2026-11-20T03:05:00Z",
}
ACTIVITIES = {"activities": [ACTIVITY], "next_page_token": ""}
ACTIVITY_TYPES = {
    "activity_types": [
        {"code": "daily_visit", "display_name": "Daily visit", "category": "visit"},
        {"code": "exhibition", "display_name": "Exhibition", "category": "brand", "brand": True,
         "revisit": True},
    ]
}  # fmt: skip
KEY_EVENT = {
    "name": f"{CUSTOMER}/keyEvents/8a41d2e0-51f3-4d8e-b7a9-6c0f2e3d4b5a",
    "person": CEO,
    "dimension": "support",
    "impact": 1,
    "summary": "在集团会议上支持我方方案",
    "occur_time": "2026-11-18T06:00:00Z",
    "recorded_by": "employees/e-1001",
    "region": "cn-south",
}
CADENCE = {
    "name": f"{CEO}/cadence",
    "role": "sponsor",
    "owner": "employees/e-1001",
    "owner_org_unit": "/cn-south/enterprise/team-1",
    "tier": "S",
    "ideal_interval": "2592000s",
    "max_interval": "5184000s",
    "source": "mcr_contact.defaults",
    "last_contact_time": "2026-09-10T02:00:00Z",
    "due_time": "2026-10-10T02:00:00Z",
    "breach_time": "2026-11-09T02:00:00Z",
    "status": "breached",
    "region": "cn-south",
}
DUE_CONTACTS = {
    "due_contacts": [
        {
            "cadence": f"{CEO}/cadence",
            "role": "sponsor",
            "status": "breached",
            "due_time": "2026-10-10T02:00:00Z",
            "breach_time": "2026-11-09T02:00:00Z",
        }
    ],
    "coverage": [{"tier": "C", "required_visits": 2, "done_visits": 1}],
    "visit_share": {"office_visits": 6, "private_visits": 1, "since_time": "2026-10-25T00:00:00Z"},
}
REMINDERS = {
    "reminders": [
        {
            "name": "employees/e-1001/reminders/0b7e2c4d-9f13-4a6b-8c5d-1e2f3a4b5c6d",
            "kind": "cadence_breached",
            "subject": f"{CEO}/cadence",
            "detail": "no contact within the maximum interval",
            "due_time": "2026-11-09T02:00:00Z",
            "create_time": "2026-11-09T02:00:01Z",
        }
    ],
    "next_page_token": "",
}
PLAYBOOK = {
    "support_level": 1,
    "goal": "turn a leaning supporter into a firm one",
    "actions": ["invite to a technical exchange", "share a reference case of the same industry"],
    "rule": "R-SUP-5",
    "plugin": "mcr_contact.defaults",
}
LIFECYCLE_GUIDE = {
    "stages": [
        {
            "stage": "opportunity",
            "goal": "understand the need and the decision chain",
            "activity_types": ["daily_visit", "technical_exchange"],
            "departments": ["network", "procurement"],
            "roles": ["account_manager", "solution_expert"],
            "done_activity_types": ["daily_visit"],
            "missing_activity_types": ["technical_exchange"],
            "covered_departments": ["network"],
        }
    ]
}


# ---------------------------------------------------------------------------------------------
# Satisfaction
# ---------------------------------------------------------------------------------------------

ISSUE = {
    "name": "issues/6d2f8b1e-3a4c-4e5f-9b0a-7c8d9e0f1a2b",
    "customer": CUSTOMER,
    "person": CEO,
    "title": "核心网割接后部分基站告警",
    "type": "technical",
    "urgency": "high",
    "state": "handling",
    "sla_due_time": "2026-11-25T02:00:00Z",
    "create_time": "2026-11-24T02:00:00Z",
    "region": "cn-south",
}
ISSUES = {"issues": [ISSUE], "next_page_token": ""}
ISSUE_DETAIL = {
    "issue": ISSUE,
    "source": "sales_report",
    "valid": True,
    "submitter": "employees/e-1001",
    "acceptor": "employees/e-1001",
    "receiver": "employees/e-1001",
    "level": "office",
    "distribution_count": 1,
    "plan": "按案例库方案回退告警门限",
    "customer_consent": True,
    "in_contract": True,
    "response_due_time": "2026-11-24T06:00:00Z",
    "response_time": "2026-11-24T03:00:00Z",
    "breached_slas": [],
    "etag": "4",
}
VISIT_BRIEFING = {
    "customer": CUSTOMER,
    "open_issues": [ISSUE],
    "issues_available": True,
    "cadences": [CADENCE],
}
SURVEY = {
    "name": "surveys/2e4f6a8b-0c1d-4e3f-a5b7-c9d1e3f5a7b9",
    "customer": CUSTOMER,
    "region": "cn-south",
    "kind": "self",
    "dimensions": ["after_sale", "in_sale", "pre_sale", "product"],
    "sample_size": 0,
    "answer_count": 3,
    "mean_satisfaction": -0.42,
    "create_time": "2026-11-24T02:00:00Z",
}
SURVEYS = {"surveys": [SURVEY]}
SURVEY_ANSWER = {
    "name": f"{SURVEY['name']}/answers/9c1b3d5f-7a9e-4b2d-8f0a-1c3e5a7b9d2f",
    "person": CEO,
    "key_person": True,
    "level": "senior",
    "mode": "interview",
    "ratings": {
        "timely_response": {"expectation": 5, "perception": 4},
        "understanding_business": {"expectation": 4, "perception": 4},
        "bringing_resources": {"expectation": 4, "perception": 3},
        "trustworthy": {"expectation": 5, "perception": 5},
    },
    "satisfaction": -0.5,
    "create_time": "2026-11-24T02:10:00Z",
}
SURVEY_RESULTS = {
    "parent": CUSTOMER,
    "survey_count": 1,
    "respondents": 3,
    "dimensions": [
        {"dimension": "timely_response", "mean_expectation": 4.67, "mean_perception": 3.67,
         "gap": -1.0, "respondents": 3},
        {"dimension": "trustworthy", "mean_expectation": 4.33, "mean_perception": 4.67,
         "gap": 0.33, "respondents": 3},
    ],
}  # fmt: skip
VOC_ITEM = {
    "name": "vocItems/5a7c9e1b-3d5f-4a7b-9c1d-3e5f7a9b1c3d",
    "customer": CUSTOMER,
    "region": "cn-south",
    "kind": "complaint",
    "source": "sales_report",
    "summary": "夜间投诉响应慢",
    "stage": "collect",
    "weight": 2.0,
    "create_time": "2026-11-24T02:00:00Z",
}
IMPROVEMENT_ITEM = {
    "name": "improvementItems/7b9d1f3a-5c7e-4b9d-8f1a-3c5e7b9d1f3a",
    "region": "cn-south",
    "tier": "S",
    "shortfall": "delivery",
    "summary": "割接方案评审提前一周",
    "priority": 1,
    "state": "open",
    "create_time": "2026-11-24T02:00:00Z",
}
IMPROVEMENT_ITEMS = {"improvement_items": [IMPROVEMENT_ITEM]}
WEEKLY_ISSUE_QUOTA = {"customer": CUSTOMER, "quota": 2, "recorded": 1, "met": False}
TEAM_KPIS = {
    "team": "/cn-south/enterprise/team-1",
    "new_valid_issues": 12,
    "first_time_distribution_accuracy": 0.92,
    "on_time_closure_rate": 0.83,
    "self_resolution_rate": 0.81,
    "region_self_resolution_rate": 0.9,
    "revisit_coverage": 0.25,
    "urgent_revisit_coverage": 1.0,
    "revisit_coverage_met": True,
}
