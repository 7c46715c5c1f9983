"""The profile rules of book ch.6 (§6.2 CP, §6.3 VP): the section catalog, locked competitors,
the weight table and its scores, the key-event calendar, business-network metrics, key
sub-networks, review rounds and completeness. Pure: no I/O."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument, PermissionDenied

from mcr_archive.domain import etag_of, parse_name

CP, VP = "customerProfile", "vendorProfile"
PREFIX = {CP: "customer_profile", VP: "vendor_profile"}
DRAFT, IN_REVIEW, PUBLISHED = "draft", "in_review", "published"
APPROVED, CHANGES_REQUESTED = "approved", "changes_requested"
# The obligation code of the tier policy that makes CP and VP mandatory (decision 3).
PROFILE_OBLIGATION = "customer_profile"
# Decision 3's default, used only for a tier whose policy the archive has not heard yet.
DEFAULT_PROFILE_TIERS = frozenset({"S", "A"})

MAX_LOCKED_COMPETITORS = 2  # book R-ARC-14: 锁定对象最多不能超过两家
TOTAL_WEIGHT = 100  # Table 6-1: 合计 100
MAX_SCORE = 10.0  # the book gives no scale; 0-10 here
MAX_TEXT = 4000
US = "us"


@dataclass(frozen=True)
class Section:
    """One narrative section of the catalog; `choices` restricts enumerated fields."""

    code: str
    book: str
    title: str
    fields: tuple[str, ...]
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    """A structured part of a profile, outside the narrative sections."""

    code: str
    book: str
    title: str


CP_SECTIONS = (
    Section("overview", "1", "客户概要 Overview",
            ("customer_class", "core_conclusions", "analysis_logic")),
    Section("macro_environment", "2.1", "宏观环境 Macro environment",
            ("social_environment", "policies_regulations", "political_stability",
             "exchange_rate_stability", "customs_tax_labour_laws", "cost_implications",
             "local_rules")),
    Section("industry_dynamics", "2.2", "行业动态 Industry dynamics",
            ("boom_industry", "industry_character", "implied_strategy"),
            {"boom_industry": ("yes", "no")}),
    Section("competitive_environment", "2.3", "客户竞争环境 Competitive environment",
            ("position", "main_competitors", "posture", "role", "market_distribution",
             "differences"),
            {"position": ("head", "middle"), "posture": ("advantage", "disadvantage"),
             "role": ("attacker", "defender")}),
    Section("market_summary", "2.4", "小结 Market summary", ("judgement",)),
    Section("strategy_and_demands", "3.1", "战略分析和业务诉求 Strategy and business demands",
            ("strategic_intent", "our_influence", "strategic_fit", "business_demands",
             "value_to_us", "our_value_to_customer")),
    Section("ceo_focus", "3.2", "CEO的关注重点 CEO focus",
            ("focus_points", "term", "focus_changes", "expected_direction",
             "new_ceo_differences")),
    Section("business_strategy", "3.3", "业务战略 Business strategy",
            ("strategy_per_demand", "demand_value", "willingness_to_pay", "bargaining_power")),
    Section("pr_strategy", "3.4", "公共关系战略 PR strategy",
            ("policy_influence", "industry_influence", "standards_influence", "alliances",
             "alignment")),
    Section("pain_points", "3.5", "客户的痛点 Pain points", ("needs",)),
    Section("strategy_summary", "3.6", "小结 Strategy summary",
            ("verified_information", "review_status")),
    Section("financial_performance", "4.1", "财务绩效 Financial performance",
            ("revenue", "profit", "cost", "cash_flow", "per_capita", "trend",
             "peer_comparison")),
    Section("expenditure", "4.2", "客户财务开支分析 Expenditure",
            ("category_shares", "budget_alignment", "balance", "debt_to_asset_trend")),
    Section("finance_summary", "4.3", "小结 Finance summary",
            ("assessment", "risks", "recommendations", "credit_rating"),
            {"credit_rating": ("A", "B", "C", "D")}),
    Section("org_structure", "5.1", "组织结构概述 Organisation structure",
            ("overall_architecture", "business_departments", "opportunity_departments",
             "risk_departments")),
    Section("procurement", "5.2", "采购决策模式和流程 Procurement decision mode and process",
            ("scenarios", "decision_mode", "process")),
    Section("org_summary", "5.3", "小结 Organisation summary",
            ("changes", "reasons", "impact", "predicted_changes", "staffing_adjustments")),
    Section("swot", "6", "客户SWOT分析与总结 SWOT and conclusion",
            ("strengths", "weaknesses", "opportunities", "threats", "recommendations",
             "our_value", "demands_on_us", "stickiness", "control_points", "value_class",
             "value_trend", "actions"),
            {"value_trend": ("grows", "stable", "shrinks")}),
    Section("business_segments", "App B", "业务细分小结 Business-segment summary",
            ("segments", "new_segments", "needs_by_segment")),
    Section("country_analysis", "App E", "国家分析 Country analysis",
            ("political_stability", "economic_stability", "policy", "tax", "customs", "labour",
             "province_rules")),
)  # fmt: skip

VP_SECTIONS = (
    Section("supplier_analysis", "1", "供应商总体分析 Overall supplier analysis",
            ("supplier_count", "supplier_shares", "main_supplier", "product_strengths")),
    Section("competitive_situation", "1.1", "竞争态势 Competitive situation",
            ("our_position", "role", "displace_or_defend"),
            {"role": ("attacker", "defender", "new_entrant", "main_supplier")}),
    Section("customer_perception", "1.2", "客户感知 Customer perception",
            ("evaluation", "bullseye_need")),
    Section("supplier_summary", "1.3", "小结 Supplier summary",
            ("procurement_mode", "procurement_mode_change", "selection_strategy",
             "selection_change", "criteria_shift", "influence_plan"),
            {"procurement_mode": ("framework", "centralised", "bu_autonomous"),
             "selection_strategy": ("sole", "multiple")}),
    Section("value_market", "2.1", "价值市场 Value market",
            ("market_space", "growth", "profit_level", "competition_intensity", "business_fit",
             "entry_path")),
    Section("products", "2.2", "产品 Products",
            ("product_segments", "market_space", "our_presence", "next_step")),
    Section("services", "2.3", "服务 Services", ("service_needs", "service_products")),
    Section("opportunity_summary", "2.4", "小结 Opportunity summary", ("opportunity_points",)),
    Section("overall_relationships", "3.1", "总体客户关系管理 Overall relationships",
            ("balance", "sequence", "comparison")),
    Section("organisational_relationships", "3.2", "组织客户关系 Organisational relationships",
            ("our_state", "competitor_level", "gaps")),
    Section("layered_relationships", "3.3", "高、中、基层客户关系 Senior, middle, grassroots",
            ("power_map", "coaches", "veto_holders", "influence_links", "coverage")),
    Section("sub_network_relationships", "3.4", "关键子网关系 Key sub-network relationships",
            ("influence", "approval_paths", "group_model_selection")),
    Section("relationship_summary", "3.5", "小结 Relationship summary", ("gaps", "priorities")),
    Section("satisfaction", "4.1", "客户满意度 Satisfaction",
            ("pre_sale", "in_sale", "after_sale")),
    Section("transaction_quality", "4.2", "交易质量 Transaction quality",
            ("contract_financials", "satisfaction", "efficiency")),
    Section("service_delivery", "4.3", "服务和交付 Service and delivery",
            ("resources", "capability", "quality")),
    Section("marketing", "4.4", "营销活动 Marketing",
            ("competitor_activities", "differences", "gaps", "customer_evaluation")),
    Section("government_pr", "4.5", "政府和公共关系 Government and PR",
            ("influence", "competitor_standing")),
    Section("organisation", "4.6", "组织 Organisation",
            ("our_capability", "competitor_capability")),
    Section("competitiveness_summary", "4.7", "小结 Competitiveness summary",
            ("strengths_gaps",)),
    Section("swot", "5", "SWOT分析 SWOT",
            ("strengths", "weaknesses", "opportunities", "threats", "positioning_difference",
             "competitive_strategy", "control_points")),
    Section("conclusion", "6", "总结 Conclusion", ("key_tasks", "resources", "next_actions")),
    Section("development_history", "App B", "在客户中的发展历程 Development history",
            ("history",)),
    Section("government_pr_history", "App D", "政府和公共关系发展历程 Government and PR history",
            ("history",)),
)  # fmt: skip

# Appendix A of both (the executive archive; the account team) and VP appendix C (financial
# history) are the person archive, the account team and the yearly revenue: not copied here.
CP_PARTS = (
    Part("key_events", "App C", "客户年度关键事件日历 Key-event calendar"),
    Part("business_network", "App D", "客户业务网络的详细信息 Business-network details"),
    Part("key_sub_networks", "3.4", "关键子网 Key sub-networks (groups only)"),
)
VP_PARTS = (
    Part("locked_competitors", "1.1", "锁定对象 Locked competitors"),
    Part("supplier_weights", "1.2", "权重分析表 Supplier weight table"),
)
CATALOG = {CP: {s.code: s for s in CP_SECTIONS}, VP: {s.code: s for s in VP_SECTIONS}}
PARTS = {CP: {p.code: p for p in CP_PARTS}, VP: {p.code: p for p in VP_PARTS}}
MUTABLE = {CP: frozenset({"sections", *PARTS[CP]}), VP: frozenset({"sections", *PARTS[VP]})}


@dataclass(frozen=True)
class KeyCalendarEvent:
    date: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class KeySubNetwork:
    display_name: str
    kind: str  # "value_region" | "value_business"
    subsidiary_id: str | None = None
    influence: str = ""
    approval_path: str = ""
    group_model_selection: bool = False


@dataclass(frozen=True)
class SupplierWeight:
    dimension: str
    group: str = ""
    weight: int = 0
    our_score: float = 0.0
    competitor_scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A profile document; CP parts stay empty in a VP and the other way round."""

    customer_id: str
    kind: str
    region: str = ""
    state: str = DRAFT
    sections: dict[str, dict[str, str]] = field(default_factory=dict)
    key_events: tuple[KeyCalendarEvent, ...] = ()
    network_metrics: dict[str, str] = field(default_factory=dict)
    product_experience: str = ""
    key_sub_networks: tuple[KeySubNetwork, ...] = ()
    locked_competitors: tuple[str, ...] = ()
    supplier_weights: tuple[SupplierWeight, ...] = ()
    published_version: int = 0
    review_round: int = 0
    revision: int = 0
    update_time: datetime | None = None

    @property
    def name(self) -> str:
        return profile_name(self.customer_id, self.kind)

    @property
    def etag(self) -> str:
        return etag_of(self.name, self.revision)

    @property
    def prefix(self) -> str:
        return PREFIX[self.kind]


@dataclass(frozen=True)
class Review:
    round: int
    submitted_by: str
    submit_time: datetime
    verdict: str = ""
    reviewer_id: str = ""
    comments: tuple[tuple[str, str, str], ...] = ()  # (section, field, text)
    review_time: datetime | None = None
    published_version: int = 0


@dataclass(frozen=True)
class Version:
    version: int
    profile: Profile
    review_round: int
    submitted_by: str
    approved_by: str
    publish_time: datetime


def profile_name(customer_id: str, kind: str) -> str:
    return f"customers/{customer_id}/{kind}"


def parse_profile_name(
    name: str, field_path: str = "name", kind: str | None = None
) -> tuple[str, str]:
    """(customer_id, kind) of "customers/{id}/customerProfile" or ".../vendorProfile"."""
    allowed = (kind,) if kind else (CP, VP)
    found = name.rsplit("/", 1)[-1]
    if found not in allowed:
        shown = " or ".join(f"customers/{{id}}/{k}" for k in allowed)
        raise InvalidArgument.field(field_path, f"must look like {shown}")
    return parse_name(name, f"customers/{{}}/{found}", field_path)[0], found


MAX_VERSION = 2**31 - 1  # the largest version number a profile can reach (a 32-bit column)


def parse_version_name(name: str) -> tuple[str, str, int]:
    profile, _, number = name.rpartition("/versions/")
    customer_id, kind = parse_profile_name(profile)
    # ASCII digits only (str.isdigit takes "²"), and a version the store can hold.
    if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= MAX_VERSION:
        raise InvalidArgument.field(
            "name", f"must end in /versions/{{version}}, 1 to {MAX_VERSION}"
        )
    return customer_id, kind, int(number)


# ---------------------------------------------------------------------------------------------
# Editing
# ---------------------------------------------------------------------------------------------


def check_mask(kind: str, paths: list[str]) -> frozenset[str]:
    """The parts an update replaces: top-level parts or single sections ("sections.swot")."""
    if not paths or paths == ["*"]:
        return MUTABLE[kind]
    problems = []
    for path in paths:
        head, _, code = path.partition(".")
        if head == "sections" and code and code not in CATALOG[kind]:
            problems.append(FieldViolation(f"{PREFIX[kind]}.sections[{code}]", "unknown section"))
        elif head not in MUTABLE[kind] or (code and head != "sections"):
            problems.append(FieldViolation("update_mask", f"unknown or read-only part {path!r}"))
    if problems:
        raise InvalidArgument(*problems)
    return frozenset(paths)


_PART_ATTRIBUTES = {
    "business_network": ("network_metrics", "product_experience"),
    "key_events": ("key_events",),
    "key_sub_networks": ("key_sub_networks",),
    "locked_competitors": ("locked_competitors",),
    "supplier_weights": ("supplier_weights",),
}


def apply_edit(current: Profile, proposed: Profile, mask: frozenset[str]) -> Profile:
    """The working copy with the masked parts replaced by the proposal's."""
    if current.state == IN_REVIEW:
        raise FailedPrecondition.field(
            f"{current.prefix}.state",
            f"review round {current.review_round} is open; edit after the reviewer's verdict",
        )
    sections = dict(current.sections)
    changes: dict = {}
    for path in mask:
        head, _, code = path.partition(".")
        if head == "sections":
            # every section, unknown codes included so that validation names them
            codes = [code] if code else [*CATALOG[current.kind], *proposed.sections]
            for one in codes:
                sections[one] = dict(proposed.sections.get(one, {}))
        else:
            for attribute in _PART_ATTRIBUTES[head]:
                changes[attribute] = getattr(proposed, attribute)
    sections = {code: fields for code, fields in sections.items() if any(fields.values())}
    return replace(current, sections=sections, **changes)


def section_violations(profile: Profile) -> list[FieldViolation]:
    found = []
    for code, fields in profile.sections.items():
        path = f"{profile.prefix}.sections[{code}]"
        section = CATALOG[profile.kind].get(code)
        if section is None:
            found.append(
                FieldViolation(path, f"unknown section; known: {', '.join(CATALOG[profile.kind])}")
            )
            continue
        for name, value in fields.items():
            if name not in section.fields:
                found.append(FieldViolation(f"{path}.{name}", f"not a field of {section.title}"))
            elif value and name in section.choices and value not in section.choices[name]:
                allowed = ", ".join(section.choices[name])
                found.append(FieldViolation(f"{path}.{name}", f"must be one of {allowed}"))
            elif len(value) > MAX_TEXT:
                found.append(FieldViolation(f"{path}.{name}", f"at most {MAX_TEXT} characters"))
    return found


def calendar_violations(profile: Profile) -> list[FieldViolation]:
    found = []
    for index, event in enumerate(profile.key_events):
        path = f"{profile.prefix}.key_events[{index}]"
        try:
            date.fromisoformat(event.date)
        except ValueError:
            found.append(FieldViolation(f"{path}.date", "must be a date YYYY-MM-DD"))
        if not event.title.strip():
            found.append(FieldViolation(f"{path}.title", "is required"))
    return found


def sub_network_violations(profile: Profile) -> list[FieldViolation]:
    found, seen = [], set()
    for index, network in enumerate(profile.key_sub_networks):
        path = f"{profile.prefix}.key_sub_networks[{index}]"
        if not network.display_name.strip():
            found.append(FieldViolation(f"{path}.display_name", "is required"))
        elif network.display_name in seen:
            found.append(FieldViolation(f"{path}.display_name", "is already in the profile"))
        seen.add(network.display_name)
        if network.kind not in ("value_region", "value_business"):
            found.append(FieldViolation(f"{path}.kind", "must be a value region or business"))
    return found


def competitor_violations(profile: Profile) -> list[FieldViolation]:
    path = f"{profile.prefix}.locked_competitors"
    names = [name.strip() for name in profile.locked_competitors]
    if len(names) > MAX_LOCKED_COMPETITORS:
        return [
            FieldViolation(
                path,
                f"lock at most {MAX_LOCKED_COMPETITORS} competitors (book: 锁定对象最多不能超过"
                f"两家); {len(names)} given",
            )
        ]
    if any(not name for name in names) or US in names:
        return [FieldViolation(path, "each competitor needs a name other than 'us'")]
    if len(set(names)) != len(names):
        return [FieldViolation(path, "a competitor is locked twice")]
    return []


def weight_violations(profile: Profile) -> list[FieldViolation]:
    """Table 6-1: weights of 1-100 that total 100; scores 0-10 for us and locked competitors."""
    found, seen = [], set()
    table = f"{profile.prefix}.supplier_weights"
    for index, row in enumerate(profile.supplier_weights):
        path = f"{table}[{index}]"
        if not row.dimension.strip():
            found.append(FieldViolation(f"{path}.dimension", "is required"))
        elif row.dimension in seen:
            found.append(FieldViolation(f"{path}.dimension", "is already in the table"))
        seen.add(row.dimension)
        if not 1 <= row.weight <= TOTAL_WEIGHT:
            found.append(FieldViolation(f"{path}.weight", "must be 1 to 100"))
        scores = {US: row.our_score, **row.competitor_scores}
        for vendor, score in scores.items():
            where = f"{path}.our_score" if vendor == US else f"{path}.competitor_scores[{vendor}]"
            if vendor != US and vendor not in profile.locked_competitors:
                found.append(FieldViolation(where, "is not a locked competitor"))
            elif not (math.isfinite(score) and 0 <= score <= MAX_SCORE):
                found.append(FieldViolation(where, f"must be 0 to {MAX_SCORE:g}"))
    total = sum(row.weight for row in profile.supplier_weights)
    if profile.supplier_weights and total != TOTAL_WEIGHT:
        found.append(FieldViolation(table, f"the weights sum to {total}; they must sum to 100"))
    return found


def weighted_scores(profile: Profile) -> list[tuple[str, float]]:
    """Σ weight × score / 100 for us and each locked competitor (book R-ARC-15)."""
    if not profile.supplier_weights:
        return []
    vendors = (US, *profile.locked_competitors)

    def score(row: SupplierWeight, vendor: str) -> float:
        return row.our_score if vendor == US else row.competitor_scores.get(vendor, 0.0)

    return [
        (vendor, round(sum(r.weight * score(r, vendor) for r in profile.supplier_weights) / 100, 4))
        for vendor in vendors
    ]


def metric_violations(
    profile: Profile, schema: dict[str, str], industry: str
) -> list[FieldViolation]:
    found = []
    for code, value in profile.network_metrics.items():
        path = f"{profile.prefix}.business_network.metrics[{code}]"
        value_type = schema.get(code)
        if value_type is None:
            found.append(
                FieldViolation(path, f"not a metric of the {industry or 'general'} schema")
            )
        elif problem := _value_problem(value_type, value):
            found.append(FieldViolation(path, problem))
    if len(profile.product_experience) > MAX_TEXT:
        found.append(FieldViolation(f"{profile.prefix}.business_network.product_experience",
                                    f"at most {MAX_TEXT} characters"))  # fmt: skip
    return found


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _value_problem(value_type: str, value: str) -> str:
    if value_type == "integer" and not value.isdigit():
        return "must be a whole number not below 0"
    if value_type in ("decimal", "percent") and not _NUMBER.match(value):
        return "must be a number"
    if value_type == "percent" and not 0 <= float(value) <= 100:
        return "must be a percentage, 0 to 100"
    if value_type == "boolean" and value not in ("true", "false"):
        return "must be true or false"
    if len(value) > MAX_TEXT:
        return f"at most {MAX_TEXT} characters"
    return ""


def document_violations(
    profile: Profile, schema: dict[str, str], industry: str
) -> list[FieldViolation]:
    return [
        *section_violations(profile),
        *calendar_violations(profile),
        *sub_network_violations(profile),
        *competitor_violations(profile),
        *weight_violations(profile),
        *metric_violations(profile, schema, industry),
    ]


# ---------------------------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------------------------


def check_submit(profile: Profile) -> None:
    if profile.state == IN_REVIEW:
        raise FailedPrecondition.field(
            f"{profile.prefix}.state", f"review round {profile.review_round} is already open"
        )
    if profile.revision == 0:
        raise FailedPrecondition.field(f"{profile.prefix}.sections", "the profile is empty")
    if profile.state == PUBLISHED:
        raise FailedPrecondition.field(
            f"{profile.prefix}.state", "nothing changed since the last approved version"
        )


def check_review(
    profile: Profile, review: Review | None, reviewer_id: str, verdict: str, comments: tuple
) -> None:
    """A review closes the open round; the submitter does not review their own work."""
    if profile.state != IN_REVIEW or review is None or review.verdict:
        raise FailedPrecondition.field(f"{profile.prefix}.state", "no review round is open")
    if reviewer_id == review.submitted_by:
        raise PermissionDenied("the submitter cannot review their own round")
    if verdict not in (APPROVED, CHANGES_REQUESTED):
        raise InvalidArgument.field("verdict", "must be approved or changes requested")
    problems = [
        FieldViolation(f"comments[{i}].text", "is required")
        for i, (_, _, text) in enumerate(comments)
        if not text.strip()
    ]
    if verdict == CHANGES_REQUESTED and not comments:
        problems.append(FieldViolation("comments", "say what to change"))
    if problems:
        raise InvalidArgument(*problems)


# ---------------------------------------------------------------------------------------------
# Completeness and field history
# ---------------------------------------------------------------------------------------------


def missing_parts(profile: Profile | None, kind: str, is_group: bool) -> list[Section | Part]:
    """The sections and parts without content; key sub-networks only matter for groups."""
    empty = profile is None

    def blank(section: Section) -> bool:
        return empty or not any(profile.sections.get(section.code, {}).values())

    missing: list[Section | Part] = [s for s in CATALOG[kind].values() if blank(s)]
    for part in PARTS[kind].values():
        if part.code == "key_sub_networks" and not is_group:
            continue
        if empty or not _has(profile, part.code):
            missing.append(part)
    return missing


def _has(profile: Profile, part: str) -> bool:
    if part == "business_network":
        return any(profile.network_metrics.values()) or bool(profile.product_experience)
    return bool(getattr(profile, part))


def requires_profile(tier: str, obligations: dict[str, bool]) -> bool:
    """Whether the tier's policy obliges a CP and VP; decision 3's default while unknown."""
    if not tier:
        return False
    if tier in obligations:
        return obligations[tier]
    return tier in DEFAULT_PROFILE_TIERS


def history_fields(profile: Profile) -> dict[str, str]:
    """The document as flat field -> text, for the archive's field history."""
    values = {"state": profile.state, "published_version": str(profile.published_version)}
    for section in CATALOG[profile.kind].values():
        for name in section.fields:
            values[f"sections.{section.code}.{name}"] = profile.sections.get(section.code, {}).get(
                name, ""
            )
    if profile.kind == CP:
        values["key_events"] = _json([vars(e) for e in profile.key_events])
        values["business_network.product_experience"] = profile.product_experience
        for code, value in profile.network_metrics.items():
            values[f"business_network.metrics.{code}"] = value
        values["key_sub_networks"] = _json([vars(n) for n in profile.key_sub_networks])
    else:
        values["locked_competitors"] = _json(list(profile.locked_competitors))
        values["supplier_weights"] = _json([vars(w) for w in profile.supplier_weights])
    return values


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
