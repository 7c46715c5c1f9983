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


def created(example: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route answering 201 Created with this example."""
    return ok(example, 201)


# --- planning ---------------------------------------------------------------------------------

CTO = f"{CUSTOMER}/persons/76e1bcf5-f1fc-47f5-a0e9-4bccadfcc258"
PLANNING_TEAM = {
    "name": f"{CUSTOMER}/planningTeam", "region": "cn-south", "tier": "S",
    "members": [{"employee": "employees/e-1001", "org_unit": "/cn-south/enterprise/team-1",
                 "role": "leader"}],
    "org_level": "cooperation", "general_level": "medium",
    "update_time": "2026-11-24T02:48:52.435264Z", "etag": "9616714a3b1d9f0b",
    "customer_dates": [{"kind": "tender_batch", "title": "first tender batch of the year opens",
                        "month": 3, "day": 1, "lead_days": 21, "source": "energy"}],
}  # fmt: skip
PLAN_ITEM = {
    "name": f"{CUSTOMER}/annualPlans/2026/items/00d7101f-03ba-4260-9ac2-949fa69f9761",
    "kind": "self_check", "sequence": 2, "due_time": "2026-06-30T23:59:59Z", "state": "done",
    "complete_time": "2026-06-28T09:12:00Z", "completed_by": "employees/e-1001",
    "summary": "CTO moved to +1 after the core network workshop",
}  # fmt: skip
ANNUAL_PLAN = {
    "name": f"{CUSTOMER}/annualPlans/2026", "region": "cn-south", "year": 2026, "tier": "S",
    "items": [PLAN_ITEM | {"kind": "current_state_assessment", "sequence": 1,
                           "due_time": "2026-03-31T23:59:59Z", "state": "overdue",
                           "summary": "", "completed_by": "", "complete_time": None}, PLAN_ITEM],
    "issue_time": "2025-12-15T00:00:00Z",
}  # fmt: skip
ANNUAL_PLANS = {"annual_plans": [ANNUAL_PLAN], "next_page_token": ""}
CYCLE_STARTED = {"issued_plans": 6}
RELATIONSHIP_GOAL = {"org_level": "cooperation", "exclusive_cxos": 1,
                     "non_exclusive_key_persons": 2, "general_level": "medium"}  # fmt: skip
MARKET_GOAL = {
    "name": f"{CUSTOMER}/marketGoals/a3a43de1-f7ca-45e0-af0b-91204542ed6b", "kind": "share",
    "product_segment": "5G核心网", "scope": "广东", "target_share_percent": 35.0,
    "target_year": 2027, "description": "5G核心网份额从20%提升到35%",
    "relationship_goal": RELATIONSHIP_GOAL, "create_time": "2026-11-24T02:48:52.456960Z",
}  # fmt: skip
MARKET_GOALS = {"market_goals": [MARKET_GOAL]}
GOAL_GAP = {
    "relationship_goal": RELATIONSHIP_GOAL,
    "gaps": [{"aspect": "exclusive_cxos", "required": "1", "current": "0", "met": False},
             {"aspect": "org_level", "required": "cooperation", "current": "cooperation",
              "met": True}],
}  # fmt: skip
POWER_MAP_PERSON = {
    "person": CTO, "display_name": "CTO", "role": "influencer", "layer": "high", "support": 1,
    "competitor_support": {"huaxin": -1}, "coach": False, "veto": False,
    "owner": "employees/e-1001",
}  # fmt: skip
POWER_MAP = {
    "name": f"{CUSTOMER}/powerMap",
    "persons": [POWER_MAP_PERSON],
    "edges": [{"name": f"{CUSTOMER}/powerMapEdges/3f3f3275-bb3f-4ee8-a29b-696aec742e36",
               "source": PERSON, "target": CTO, "kind": "conflict"}],
    "gaps": [{"name": f"{CUSTOMER}/coverageGaps/0b6f0c8e-6f0e-4b49-9a43-0d2f3f8d6c11",
              "kind": "exclusive_cxos_short", "subject": CUSTOMER,
              "detail": "goal needs 1 exclusive CXOs, have 0",
              "open_time": "2026-11-24T02:48:52.470000Z"}],
}  # fmt: skip
TARGET = {
    "name": f"{CUSTOMER}/targets/5c1a7e0e-2b9a-4f57-8a51-1f0f5b8e9d21", "person": CTO,
    "market_goal": MARKET_GOAL["name"], "owner": "employees/e-1001", "owner_job_grade": 17,
    "owner_kpi": "5G核心网份额", "backup": "employees/e-1003", "target_level": 2,
    "important": True, "information_channels": ["规划室", "网络部秘书"],
    "pr_route": [PERSON, CTO], "create_time": "2026-11-24T03:00:00Z",
}  # fmt: skip
TIER_COMPLIANCE = {
    "tier": "S",
    "obligations": [{"code": "key_relationship", "met": True, "checked": True,
                     "reason": "3 supporter(s) of 2 needed, 0 decider(s) without support"},
                    {"code": "customer_profile", "reason": "not a planning obligation"}],
    "compliant": True,
}  # fmt: skip
RETROSPECTIVE = {
    "name": "expansionCards/7724c29e-c119-4979-90de-b1103f6d5818/items/d0a61040-1851-48ab-ba04",
    "kind": "card_retrospective", "sequence": 1, "due_time": "2027-02-24T23:59:59Z",
    "state": "done", "complete_time": "2026-11-24T02:48:52.554684Z",
    "completed_by": "employees/e-1001", "summary": "已完成4次交流，方案进入规划室评审",
}  # fmt: skip
EXPANSION_CARD = {
    "name": "expansionCards/7724c29e-c119-4979-90de-b1103f6d5818", "customer": CUSTOMER,
    "person": CTO, "owner": "employees/e-1001", "owner_org_unit": "/cn-south/enterprise/team-1",
    "sponsor": "employees/e-1000",
    "commitment": {"goal": "李明认可我方5G核心网演进方案并推动立项", "metric": "技术交流次数",
                   "target_value": 12.0, "due_time": "2027-04-23T00:00:00Z"},
    "actions": ["每两周一次技术交流", "邀请参观深圳样板点"],
    "retrospectives": [RETROSPECTIVE], "start_time": "2026-11-24T02:48:52.546309Z",
    "region": "cn-south",
}  # fmt: skip
EXPANSION_CARDS = {"expansion_cards": [EXPANSION_CARD], "next_page_token": ""}
ASSESSMENT = {
    "name": f"{PERSON}/assessments/1f9e2c4a-7b1d-4c3e-9f0a-2d5b6c7e8f90",
    "dimensions": {"acceptance": -1, "participation": 0, "competitive_attitude": -2},
    "level": -2, "competitor_support": {"huaxin": 2}, "note": "采购评审中倾向华信的报价",
    "assessed_by": "employees/e-1001", "assess_time": "2026-11-24T02:48:52.520000Z",
}  # fmt: skip
ASSESSMENTS = {"assessments": [ASSESSMENT]}
DECISION_CHAIN = {
    "name": f"{CUSTOMER}/decisionChains/036abc7d-6735-4b97-8904-c9af8733d328",
    "scenario": "5G核心网招标评审",
    "nodes": [{"person": CTO, "role": "influencer"}, {"person": PERSON, "role": "buyer"}],
    "create_time": "2026-11-24T02:48:52.537597Z",
}  # fmt: skip
DECISION_CHAINS = {"decision_chains": [DECISION_CHAIN]}
COMPETITOR_ANALYSIS = {
    "name": f"{CUSTOMER}/competitorAnalyses/huaxin",
    "answers": {"strategy_positioning": "以低价换取核心网份额",
                "our_differentiation": "端到端交付与本地服务团队"},
    "unanswered": ["development_strategy", "relationship_strategy", "relationship_means",
                   "support_points"],
    "update_time": "2026-11-24T03:00:00Z",
}  # fmt: skip
PROJECT = {"name": f"{CUSTOMER}/projects/8d0f3a52-1c4b-4e7d-9a6f-5b2c1d0e9f87",
           "display_name": "5G核心网二期", "decision_time": "2027-03-31T00:00:00Z"}  # fmt: skip
BRAND_ACTIVITY = {
    "name": f"{CUSTOMER}/brandActivities/2e4c6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d",
    "display_name": "深圳样板点参观", "project": PROJECT["name"],
    "activity_time": "2027-01-15T01:00:00Z", "invitees": 6, "days": 2, "budget_units": "80000",
}  # fmt: skip
BRAND_BUDGET = {"region": "cn-south", "activity_count": 3, "budget_units": "240000",
                "invitees": 18}  # fmt: skip
HANDOVERS = {
    "handovers": [{"person": CTO, "from_employee": "employees/e-1002",
                   "to_employee": "employees/e-1001", "reason": "portfolio transferred",
                   "handover_time": "2026-10-01T00:00:00Z"}]
}  # fmt: skip

# --- insight: sandbox, opportunities, monitoring, analyses ------------------------------------

STRATEGIC_SANDBOX = {
    "name": f"{CUSTOMER}/strategicSandbox", "customer": CUSTOMER,
    "segments": [{"product_segment": "5G核心网", "spend_share_percent": 25.0,
                  "vendor_shares": [{"vendor": "us", "share_percent": 20.0},
                                    {"vendor": "huaxin", "share_percent": 65.0}]}],
    "etag": "871d585ff6bc41a8", "update_time": "2026-11-24T02:48:52.592034Z",
    "updated_by": "e-1001",
}  # fmt: skip
OPPORTUNITY = {
    "name": f"{CUSTOMER}/opportunities/4b7d9f1a-3c5e-4a6b-8d0f-2e4a6c8b0d1f",
    "customer": CUSTOMER, "product_segment": "5G核心网",
    "source_role": "OPPORTUNITY_SOURCE_TECHNICAL", "horizon": "OPPORTUNITY_HORIZON_MEDIUM_TERM",
    "pain_point": "现网核心网容量到2027年不足", "description": "核心网扩容与云化改造",
    "ratings": {"market_space": 80, "growth": 70, "profit": 60, "competition_intensity": 65,
                "business_fit": 85},
    "attractiveness": 70.5, "state": "OPPORTUNITY_STATE_PROPOSED",
    "proposed_by": "e-1001", "propose_time": "2026-11-24T03:00:00Z",
}  # fmt: skip
OPPORTUNITIES = {
    "weights": {"market_space": 0.3, "growth": 0.2, "profit": 0.2, "competition_intensity": 0.15,
                "business_fit": 0.15, "plugin": "mcr_insight.defaults"},
    "opportunities": [OPPORTUNITY], "next_page_token": "",
}  # fmt: skip
SELECTED_OPPORTUNITY = OPPORTUNITY | {
    "state": "OPPORTUNITY_STATE_SELECTED", "selected_by": "e-1000",
    "select_time": "2026-11-25T03:00:00Z",
    "market_target": {"goal_kind": "share", "target_share_percent": 35.0, "target_year": 2027,
                      "description": "5G核心网份额从20%提升到35%"},
}  # fmt: skip
ANNUAL_INSIGHT = {
    "name": f"{CUSTOMER}/annualInsights/2026", "customer": CUSTOMER, "year": 2026,
    "sandbox_empty": False, "completed_by": "e-1001",
    "complete_time": "2026-11-24T03:00:00Z",
}  # fmt: skip
INDUSTRY_APPLICABILITY = {
    "name": f"{CUSTOMER}/industryApplicability", "industry": "telecom",
    "industry_structure": "consolidating",
    "conditions": [{"code": "industry_type", "met": True, "explanation":
                    "industry 'telecom' is consolidating: relationships pay where few "
                    "suppliers and buyers matter"}],
    "applicable": True, "plugin": "mcr_insight.defaults",
}  # fmt: skip
LOST_CUSTOMER = {"customer": CUSTOMER, "previous_tier": "A", "reason": "lost to a competitor"}
PORTFOLIO_SNAPSHOT = {
    "name": "portfolioSnapshots/6a8c0e2f-4b6d-4f8a-9c1e-3d5f7a9b1c3e", "region": "cn-south",
    "take_time": "2026-11-24T03:00:00Z", "since_time": "2026-10-24T03:00:00Z",
    "total_customers": 6, "tier_counts": {"S": 4, "A": 2},
    "value_distribution": [0, 0, 0, 0, 0, 0, 1, 1, 3, 1], "added_customers": 1,
    "lost_customers": [LOST_CUSTOMER], "abnormal_losses": [LOST_CUSTOMER],
    "retrospective_needed": True, "purchase_share_alerts": [],
}  # fmt: skip
PORTFOLIO_SNAPSHOTS = {"portfolio_snapshots": [PORTFOLIO_SNAPSHOT], "next_page_token": ""}
RETROSPECTIVE_TASKS = {
    "retrospective_tasks": [{"name": "retrospectiveTasks/9b1d3f5a-7c9e-4b1d-8f3a-5c7e9b1d3f5a",
                             "region": "cn-south", "snapshot": PORTFOLIO_SNAPSHOT["name"],
                             "customers": [CUSTOMER], "reason": "1 tier-A customer lost",
                             "create_time": "2026-11-24T03:00:00Z"}]
}  # fmt: skip
VALUE_RETURN_CURVE = {
    "name": f"{CUSTOMER}/valueReturnCurve", "currency_code": "CNY",
    "points": [{"year": 2024, "expected_units": "230000000"},
               {"year": 2025, "expected_units": "300000000"}],
    "comparisons": [{"year": 2024, "expected_units": "230000000", "actual_units": "236000000"},
                    {"year": 2025, "expected_units": "300000000", "actual_units": "258000000",
                     "shortfall": True}],
    "recommendations": [{"customer": CUSTOMER, "year": 2025, "expected_units": "300000000",
                         "actual_units": "258000000", "currency_code": "CNY",
                         "possible_causes": ["our work is inadequate or under-resourced",
                                             "we misjudged the customer's value"],
                         "create_time": "2026-11-24T02:48:52.599192Z"}],
    "update_time": "2026-11-24T02:48:52.597726Z", "updated_by": "e-1001",
}  # fmt: skip
DUE_REVIEW = {"customer": CUSTOMER, "industry": "telecom", "interval_days": 365,
              "plugin": "mcr_insight.defaults", "last_review_time": "2026-11-24T03:00:00Z",
              "due_time": "2027-11-24T03:00:00Z"}  # fmt: skip
DUE_REVIEWS = {"due_reviews": [DUE_REVIEW], "next_page_token": ""}
INSIGHT_ANALYSIS = {
    "name": f"{CUSTOMER}/analyses/needs", "version": "2",
    "needs": {"needs": [{"need": {"statement": "核心网云化", "status":
                                  "CONCLUSION_STATUS_HYPOTHESIS"},
                         "fulfilment": "NEED_FULFILMENT_NOW",
                         "horizon": "NEED_HORIZON_MEDIUM_TERM"}]},
    "open_hypotheses": 1, "etag": "3c5e7a9b1d3f5a7c", "update_time": "2026-11-24T03:00:00Z",
    "updated_by": "e-1001",
}  # fmt: skip
INSIGHT_ANALYSIS_VERSIONS = {"insight_analyses": [INSIGHT_ANALYSIS], "next_page_token": ""}
SERVICE_STRATEGY = {
    "name": f"{CUSTOMER}/serviceStrategy", "customer_demands": ["网络稳定", "降低运维成本"],
    "why_customer_chooses_us": "端到端交付与本地服务", "core_values": ["7×24小时响应"],
    "strategic_control_points": ["核心网架构"],
    "solutions": [{"demand": "降低运维成本", "solution": "智能运维平台",
                   "profit_model": "按年服务费"}],
    "version": "1", "etag": "7a9b1c3d5e7f9a1b", "update_time": "2026-11-24T03:00:00Z",
    "updated_by": "e-1001",
}  # fmt: skip
INFORMATION_PRODUCT = {
    "name": f"{CUSTOMER}/informationProducts/1c3e5a7b-9d1f-4b3d-8e5a-7c9e1b3d5f7a",
    "kind": "INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF", "title": "2026年第四季度客户动态",
    "body": "集团下发5G核心网二期规划。", "classification": "internal",
    "author": "e-1001", "create_time": "2026-11-24T03:00:00Z",
}  # fmt: skip
INFORMATION_PRODUCTS = {"information_products": [INFORMATION_PRODUCT], "next_page_token": ""}
TIER_CONFIGURATION = {
    "scoring_plugins": ["mcr_insight.defaults"],
    "dimension_weights": {"enterprise_scale": 0.4, "workforce": 0.2, "industry_potential": 0.4},
    "thresholds": [{"tier": "S", "min_score": 75.0}, {"tier": "A", "min_score": 60.0}],
}  # fmt: skip
TIER_POLICY = TIER_POLICIES["tier_policies"][0]
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
KEY_DATE = {
    "name": f"{CEO}/keyDates/0b7c9e1a-4f2d-4c8e-9a51-3d6e7f8a9b0c",
    "kind": "birthday",
    "month": 3,
    "day": 14,
    "next_reminder_time": "2027-03-13T00:00:00Z",
    "etag": "5f0c2a9d81e4b736",
}
KEY_DATES = {
    "key_dates": [
        KEY_DATE,
        {"name": f"{CEO}/keyDates/6d2e8f40-93a1-4b7c-8e5d-1f0a2b3c4d5e", "kind": "holiday",
         "month": 9, "day": 10, "next_reminder_time": "2027-09-09T00:00:00Z",
         "etag": "a3b81c07d25e94f6"},
    ],
    "next_page_token": "",
}  # fmt: skip
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
    "etag": "5c1e0f3a9b7d2e64",
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


# ---------------------------------------------------------------------------------------------
# Customer and vendor profiles (the demo's 南海电信广东分公司 after one CP and one VP review)
# ---------------------------------------------------------------------------------------------

CUSTOMER_PROFILE_DRAFT = {
    "name": f"{CUSTOMER}/customerProfile", "region": "cn-south", "state": "PROFILE_STATE_DRAFT",
    "sections": [{"code": "competitive_environment",
                  "fields": {"position": "head", "main_competitors": "华信（65%）、北辰（15%）",
                             "posture": "advantage", "role": "defender"}},
                 {"code": "industry_dynamics",
                  "fields": {"boom_industry": "yes",
                             "industry_character": "5G与算力网络建设进入高峰"}}],
    "key_events": [{"date": "2027-03-15", "title": "5G核心网二期招标",
                    "description": "集团集采，广东分公司参与技术评审"}],
    "business_network": {"metrics": {"sites": "12000"},
                         "product_experience": "现网核心网为我方设备，运行稳定"},
    "key_sub_networks": [{"display_name": "物联网专网",
                          "kind": "KEY_SUB_NETWORK_KIND_VALUE_BUSINESS",
                          "influence": "省公司政企部主导",
                          "approval_path": "政企部→网络部→总经理"}],
    "review_round": 1, "update_time": "2026-11-24T03:50:36.813427Z", "etag": "9e3032b057d47206",
}  # fmt: skip
CUSTOMER_PROFILE = CUSTOMER_PROFILE_DRAFT | {
    "state": "PROFILE_STATE_PUBLISHED", "published_version": 1, "review_round": 2,
    "update_time": "2026-11-24T03:50:36.838573Z", "etag": "f27d334427cada56",
}  # fmt: skip
CUSTOMER_PROFILE_VERSION = {
    "name": f"{CUSTOMER}/customerProfile/versions/1",
    "version": 1,
    "customer_profile": {
        k: v for k, v in CUSTOMER_PROFILE.items() if k not in ("review_round", "etag")
    },
    "review_round": 2,
    "submitted_by": "employees/e-1001",
    "approved_by": "employees/e-1000",
    "publish_time": "2026-11-24T03:50:36.838573Z",
}
CUSTOMER_PROFILE_VERSIONS = {"versions": [CUSTOMER_PROFILE_VERSION]}
CUSTOMER_PROFILE_REVIEW_OPEN = {
    "name": f"{CUSTOMER}/customerProfile/reviews/2",
    "round": 2,
    "submitted_by": "employees/e-1001",
    "submit_time": "2026-11-24T03:50:36.826696Z",
}
CUSTOMER_PROFILE_REVIEW = CUSTOMER_PROFILE_REVIEW_OPEN | {
    "verdict": "REVIEW_VERDICT_APPROVED", "reviewer": "employees/e-1000",
    "comments": [{"section": "competitive_environment", "text": "份额已补充"}],
    "review_time": "2026-11-24T03:50:36.838573Z", "published_version": 1,
}  # fmt: skip
CUSTOMER_PROFILE_REVIEWS = {
    "reviews": [
        CUSTOMER_PROFILE_REVIEW,
        {"name": f"{CUSTOMER}/customerProfile/reviews/1", "round": 1,
         "submitted_by": "employees/e-1001", "submit_time": "2026-11-24T03:50:36.772299Z",
         "verdict": "REVIEW_VERDICT_CHANGES_REQUESTED", "reviewer": "employees/e-1000",
         "comments": [{"section": "competitive_environment", "field": "main_competitors",
                       "text": "补充各竞争对手的份额"}],
         "review_time": "2026-11-24T03:50:36.788910Z"},
    ]
}  # fmt: skip
CUSTOMER_PROFILE_HISTORY = {
    "changes": [
        {"field": "sections.competitive_environment.main_competitors", "new_value": "华信、北辰",
         "actor": "employees/e-1001", "change_time": "2026-11-24T03:50:36.748779Z"},
        {"field": "sections.competitive_environment.main_competitors", "old_value": "华信、北辰",
         "new_value": "华信（65%）、北辰（15%）", "actor": "employees/e-1001",
         "change_time": "2026-11-24T03:50:36.813427Z"},
        {"field": "state", "old_value": "in_review", "new_value": "published",
         "actor": "employees/e-1000", "change_time": "2026-11-24T03:50:36.838573Z"},
    ],
    "next_page_token": "eyJrIjpbMTIxXSwiZiI6…",
    "values": {"state": "published", "published_version": "1",
               "sections.competitive_environment.main_competitors": "华信（65%）、北辰（15%）",
               "business_network.metrics.sites": "12000"},
}  # fmt: skip
VENDOR_PROFILE = {
    "name": f"{CUSTOMER}/vendorProfile", "region": "cn-south", "state": "PROFILE_STATE_DRAFT",
    "sections": [{"code": "competitive_situation",
                  "fields": {"our_position": "第二供应商", "role": "attacker",
                             "displace_or_defend": "替代华信的核心网份额"}}],
    "locked_competitors": ["huaxin"],
    "supplier_weights": [
        {"dimension": "price", "group": "commercial", "weight": 40, "our_score": 6.0,
         "competitor_scores": {"huaxin": 8.0}},
        {"dimension": "technology", "group": "technical", "weight": 35, "our_score": 9.0,
         "competitor_scores": {"huaxin": 7.0}},
        {"dimension": "service", "group": "technical", "weight": 25, "our_score": 8.0,
         "competitor_scores": {"huaxin": 7.0}},
    ],
    "weighted_scores": [{"vendor": "us", "score": 7.55}, {"vendor": "huaxin", "score": 7.4}],
    "update_time": "2026-11-24T03:50:36.910454Z", "etag": "d22ba2b49679e240",
}  # fmt: skip
VENDOR_PROFILE_PUBLISHED = VENDOR_PROFILE | {
    "state": "PROFILE_STATE_PUBLISHED", "published_version": 1, "review_round": 1,
    "update_time": "2026-11-24T03:50:36.947168Z", "etag": "2064045d5b3deb0e",
}  # fmt: skip
VENDOR_PROFILE_VERSION = {
    "name": f"{CUSTOMER}/vendorProfile/versions/1",
    "version": 1,
    "vendor_profile": {
        k: v for k, v in VENDOR_PROFILE_PUBLISHED.items() if k not in ("review_round", "etag")
    },
    "review_round": 1,
    "submitted_by": "employees/e-1001",
    "approved_by": "employees/e-1000",
    "publish_time": "2026-11-24T03:50:36.947168Z",
}
VENDOR_PROFILE_VERSIONS = {"versions": [VENDOR_PROFILE_VERSION]}
VENDOR_PROFILE_HISTORY = {
    "changes": [
        {"field": "locked_competitors", "new_value": '["huaxin"]', "actor": "employees/e-1001",
         "change_time": "2026-11-24T03:50:36.910454Z"},
        {"field": "state", "old_value": "draft", "new_value": "in_review",
         "actor": "employees/e-1001", "change_time": "2026-11-24T03:50:36.928269Z"},
    ],
    "next_page_token": "eyJrIjpbMTM5XSwiZiI6…",
    "values": {"state": "published", "locked_competitors": '["huaxin"]',
               "sections.competitive_situation.role": "attacker"},
}  # fmt: skip
PROFILE_COMPLETENESS = {
    "name": f"{CUSTOMER}/profileCompleteness",
    "tier": "S",
    "required": True,
    "missing_sections": [
        {"profile": "customerProfile", "section": "overview", "book_section": "1",
         "title": "客户概要 Overview"},
        {"profile": "vendorProfile", "section": "supplier_analysis", "book_section": "1",
         "title": "供应商总体分析 Overall supplier analysis"},
    ],
    "customer_profile_version": 1,
    "vendor_profile_version": 1,
}  # fmt: skip
BUSINESS_NETWORK_SCHEMA = {
    "name": f"{CUSTOMER}/businessNetworkSchema",
    "industry": "telecom",
    "metrics": [
        {"code": "sites", "display_name": "Sites or branches", "local_name": "站点/网点数",
         "value_type": "NETWORK_METRIC_VALUE_TYPE_INTEGER", "unit": "sites",
         "plugin": "mcr_archive.defaults"},
        {"code": "our_share", "display_name": "Our share of the installed base",
         "local_name": "我司份额", "value_type": "NETWORK_METRIC_VALUE_TYPE_PERCENT", "unit": "%",
         "plugin": "mcr_archive.defaults"},
    ],
}  # fmt: skip
VENDOR_PROFILE_REVIEW_OPEN = {
    "name": f"{CUSTOMER}/vendorProfile/reviews/1",
    "round": 1,
    "submitted_by": "employees/e-1001",
    "submit_time": "2026-11-24T03:50:36.928269Z",
}
VENDOR_PROFILE_REVIEW = VENDOR_PROFILE_REVIEW_OPEN | {
    "verdict": "REVIEW_VERDICT_APPROVED", "reviewer": "employees/e-1000",
    "comments": [{"section": "competitive_situation", "text": "同意"}],
    "review_time": "2026-11-24T03:50:36.947168Z", "published_version": 1,
}  # fmt: skip
VENDOR_PROFILE_REVIEWS = {"reviews": [VENDOR_PROFILE_REVIEW]}
# The examples of the review, version and history routes, by kind of profile.
PROFILE_ROUTES = {
    "customerProfile": {
        "submit": CUSTOMER_PROFILE_REVIEW_OPEN, "review": CUSTOMER_PROFILE_REVIEW,
        "reviews": CUSTOMER_PROFILE_REVIEWS, "versions": CUSTOMER_PROFILE_VERSIONS,
        "version": CUSTOMER_PROFILE_VERSION, "history": CUSTOMER_PROFILE_HISTORY,
    },
    "vendorProfile": {
        "submit": VENDOR_PROFILE_REVIEW_OPEN, "review": VENDOR_PROFILE_REVIEW,
        "reviews": VENDOR_PROFILE_REVIEWS, "versions": VENDOR_PROFILE_VERSIONS,
        "version": VENDOR_PROFILE_VERSION, "history": VENDOR_PROFILE_HISTORY,
    },
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Person network, search, import and export (the demo's org chart of 南海电信广东分公司)
# ---------------------------------------------------------------------------------------------

PLANNER = f"{CUSTOMER}/persons/f85c2167-969e-4902-b1b2-8990e17a2558"
FUJIAN = "customers/e4588eec-4564-4c93-a9bf-c372b0e28eb8"
INFLUENCE_LINK = {
    "name": f"{CUSTOMER}/influenceLinks/385aa94d-f74a-497b-ab2d-329eeb80476f",
    "source": CTO, "target": CEO, "kind": "INFLUENCE_KIND_CONFIDANT",
    "direction": "INFLUENCE_DIRECTION_MUTUAL", "strength": 4, "note": "同期入职，周末常一起打球",
    "create_time": "2026-11-24T03:50:43.381888Z",
}  # fmt: skip
INFLUENCE_LINKS = {
    "influence_links": [
        INFLUENCE_LINK,
        {"name": f"{CUSTOMER}/influenceLinks/0c1681ed-6186-461d-8010-7502926d3de2",
         "source": PERSON, "target": CTO, "kind": "INFLUENCE_KIND_CONFLICT",
         "direction": "INFLUENCE_DIRECTION_ONE_WAY", "strength": 3,
         "note": "技术选型上意见常相左", "create_time": "2026-11-24T03:50:43.405367Z"},
    ]
}  # fmt: skip
# 陈晓 of the planning office moved to the group's Fujian branch: a new person there, the same
# individual behind both.
MOVED_PERSON = {
    "name": f"{FUJIAN}/persons/5f1a4033-66c9-494d-8167-a708f3746664",
    "display_name": "陈晓", "title": "网络部主任", "layer": "LAYER_MIDDLE",
    "owner": "employees/e-1001", "rising_star": True,
    "create_time": "2026-11-24T03:50:48.579337Z", "update_time": "2026-11-24T03:50:48.579337Z",
    "etag": "ec8f8be5e843fe59", "individual": "individuals/f85c2167-969e-4902-b1b2-8990e17a2558",
    "department": "", "veto_holder": False, "retired": False, "decision_roles": [],
    "reports_to": "", "outside_org_chart": False, "moved_to": "",
}  # fmt: skip
PERSON_MOVES = {
    "moves": [
        {"person": MOVED_PERSON["name"], "previous_person": PLANNER,
         "previous_department": f"{CUSTOMER}/departments/99f0ec40-3f7a-4941-8b75-d6c58923df9b",
         "previous_region": "cn-south", "region": "cn-south",
         "previous_owner": "employees/e-1001", "owner": "employees/e-1001",
         "territory_case": "region", "actor": "employees/e-1001",
         "move_time": "2026-11-24T03:50:48.579337Z", "department": ""},
    ]
}  # fmt: skip
PERSON_CONTEXTS = {
    "persons": [
        MOVED_PERSON | {
            "name": PLANNER, "title": "规划室副主任",
            "department": f"{CUSTOMER}/departments/99f0ec40-3f7a-4941-8b75-d6c58923df9b",
            "create_time": "2026-11-24T03:49:53.525505Z", "etag": "4d45fdaee99dfc02",
            "moved_to": MOVED_PERSON["name"],
        },
        MOVED_PERSON,
    ]
}  # fmt: skip
CUSTOMER_SEARCH = {
    "customers": [
        {"name": CUSTOMER, "display_name": "南海电信广东分公司", "industry": "telecom",
         "country_code": "CN", "region": "cn-south",
         "parent_group": "customers/dbac8ab5-1743-4ecf-b32e-b8b5315239da",
         "annual_revenue": {"currency_code": "CNY", "units": "61000000000", "nanos": 0},
         "employee_count": 26000, "lifecycle_state": "LIFECYCLE_STATE_ACTIVE",
         "create_time": "2026-11-24T03:49:53.464178Z",
         "update_time": "2026-11-24T03:49:53.464178Z", "etag": "5c993a31a6bb6c43",
         "owner": "employees/e-1001", "tier": "S",
         "ownership_type": "OWNERSHIP_TYPE_UNSPECIFIED", "province": "", "credit_rating": ""},
    ],
    "next_page_token": "eyJrIjpbIjIwMjYtMTEtMjRU…",
}  # fmt: skip
PERSON_SEARCH = {
    "persons": [
        {"name": CTO, "display_name": "李明", "title": "CTO",
         "department": f"{CUSTOMER}/departments/07992bf0-c4e2-4890-aaa8-91a3969a1dd6",
         "layer": "LAYER_SENIOR", "owner": "employees/e-1001",
         "create_time": "2026-11-24T03:49:53.510772Z",
         "update_time": "2026-11-24T03:49:53.510772Z", "etag": "936ea0245e2e71bb",
         "individual": "individuals/76e1bcf5-f1fc-47f5-a0e9-4bccadfcc258",
         "veto_holder": False, "rising_star": False, "retired": False, "decision_roles": [],
         "reports_to": "", "outside_org_chart": False, "moved_to": ""},
    ],
    "next_page_token": "",
}  # fmt: skip
# A dry run of three rows: 王芳 promoted, 赵磊 new, 孙丽 refused for an unknown layer.
IMPORT_REPORT = {
    "created": 1,
    "updated": 1,
    "rejected": 1,
    "errors": [
        {"row": 4, "column": "layer",
         "reason": "must be one of unspecified, senior, middle, grassroots"},
    ],
    "dry_run": True,
    "unchanged": 0,
}  # fmt: skip
