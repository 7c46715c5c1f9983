// The customer page's planning and insight panels: relationship goals against today (planning),
// the customer and vendor profiles' status (archive), tier compliance with the power map's
// coverage gaps (planning), the value-return curve and the strategic sandbox (insight). Each is
// a PANELS entry (customer, context) -> Node | null and shows nothing when its service is down.

import { get, optional } from "../api.js";
import { lineChart, mosaicChart } from "../charts.js";
import { h, s } from "../dom.js";
import { formatNumber, formatTime, t } from "../i18n.js";
import { card, customerId, empty, facts, table } from "../pages/common.js";

const base = (customer) => `/v1/customers/${encodeURIComponent(customerId(customer.name))}`;

function yesNo(met) {
  return h("span", { class: met ? "met" : "unmet" }, met ? `✓ ${t("planning.met")}` : `✗ ${t("planning.unmet")}`);
}

async function relationshipGoals(customer) {
  const [team, goals] = await Promise.all([
    optional(get(`${base(customer)}/planningTeam`)),
    optional(get(`${base(customer)}/marketGoals`), { market_goals: [] }),
  ]);
  if (!team) return null;
  const marketGoals = goals.market_goals || [];
  const gaps = await Promise.all(
    marketGoals.map((g) => optional(get(`/v1/${g.name}:analyzeGap`), { gaps: [] })),
  );
  return card(
    t("planning.goalsTitle"),
    h(
      "div",
      { id: "relationship-goals" },
      facts([
        [t("planning.orgLevel"), t(`orgLevel.${team.org_level || "none"}`)],
        [t("planning.generalLevel"), t(`generalLevel.${team.general_level || "low"}`)],
      ]),
      marketGoals.length
        ? marketGoals.map((goal, i) => [
            h("h3", {}, `${t(`goalKind.${goal.kind}`)} · ${goal.product_segment} · ${goal.target_year}`),
            goal.description ? h("p", { class: "hint" }, goal.description) : null,
            table(
              [t("planning.aspect"), t("planning.required"), t("planning.current"), ""],
              (gaps[i].gaps || []).map((g) => [t(`aspect.${g.aspect}`), g.required, g.current, yesNo(g.met)]),
              { class: "compact goal-gaps", "data-goal": goal.name },
            ),
          ])
        : empty(t("planning.noGoals")),
    ),
  );
}

const PROFILE_STATES = {
  PROFILE_STATE_DRAFT: "profile.draft",
  PROFILE_STATE_IN_REVIEW: "profile.inReview",
  PROFILE_STATE_PUBLISHED: "profile.published",
};

async function profileStatus(customer) {
  const [cp, vp, completeness] = await Promise.all([
    optional(get(`${base(customer)}/customerProfile`)),
    optional(get(`${base(customer)}/vendorProfile`)),
    optional(get(`${base(customer)}/profileCompleteness`)),
  ]);
  if (!cp && !vp && !completeness) return null;
  const missing = completeness?.missing_sections || [];
  const row = (label, key, profile) => {
    const open = missing.filter((m) => m.profile === key);
    return [
      label,
      profile ? t(PROFILE_STATES[profile.state] || "profile.draft") : t("profile.none"),
      profile?.published_version ? String(profile.published_version) : "–",
      open.length ? t("profile.missing", { n: open.length }) : t("profile.complete"),
    ];
  };
  return card(
    t("profile.title"),
    table(
      [t("profile.profile"), t("profile.state"), t("profile.publishedVersion"), t("profile.completeness")],
      [row(t("profile.customer"), "customerProfile", cp), row(t("profile.vendor"), "vendorProfile", vp)],
      { class: "compact", id: "profile-status" },
    ),
    completeness?.required ? h("p", { class: "hint" }, t("profile.required", { tier: completeness.tier || "" })) : null,
  );
}

async function tierCompliance(customer, { model }) {
  const compliance = await optional(get(`${base(customer)}/tierCompliance`));
  if (!compliance && !model.gaps?.length) return null;
  return card(
    t("compliance.title"),
    h(
      "div",
      { id: "tier-compliance" },
      compliance
        ? [
            h("p", {}, t("compliance.tier", { tier: compliance.tier || "–" }), " ", yesNo(Boolean(compliance.compliant))),
            table(
              [t("compliance.obligation"), "", t("compliance.reason")],
              (compliance.obligations || []).map((o) => [o.code, o.checked ? yesNo(Boolean(o.met)) : "–", o.reason || ""]),
              { class: "compact" },
            ),
          ]
        : null,
      h("h3", {}, t("compliance.gaps")),
      model.gaps?.length
        ? h("ul", { class: "gap-list" }, model.gaps.map((g) => h("li", { "data-kind": g.kind }, g.detail || g.kind)))
        : empty(t("compliance.noGaps")),
    ),
  );
}

/** Whole currency units as millions, the scale a customer's revenue is planned in. */
export function millions(units) {
  return t("unit.millions", { n: formatNumber(Math.round(Number(units) / 1e5) / 10) });
}

async function valueReturn(customer) {
  const curve = await optional(get(`${base(customer)}/valueReturnCurve`));
  const comparisons = curve?.comparisons || [];
  if (!comparisons.length) return null;
  const shortfalls = new Set(comparisons.filter((c) => c.shortfall).map((c) => c.year));
  const series = [
    { key: "expected", label: t("curve.expected"), color: "#1d4ed8", dash: "6 4",
      points: comparisons.map((c) => ({ x: c.year, y: Number(c.expected_units) })) },
    { key: "actual", label: t("curve.actual"), color: "#0f766e",
      points: comparisons.filter((c) => c.actual_units !== undefined).map((c) => ({ x: c.year, y: Number(c.actual_units) })) },
  ];  // prettier-ignore
  return card(
    `${t("curve.title")} (${curve.currency_code})`,
    h(
      "div",
      { id: "value-return-curve" },
      lineChart(series, {
        width: 720,
        format: millions,
        mark: (line, p) => (line.key === "actual" && shortfalls.has(p.x) ? "#b91c1c" : null),
      }),
      (curve.recommendations || []).map((r) =>
        h(
          "div",
          { class: "alert alert-high recommendation", "data-year": r.year },
          h("strong", {}, t("curve.shortfall", { year: r.year, actual: millions(r.actual_units), expected: millions(r.expected_units) })),
          h("ul", {}, (r.possible_causes || []).map((cause) => h("li", {}, cause))),
        ),
      ),
      curve.update_time ? h("p", { class: "hint" }, t("curve.updated", { when: formatTime(curve.update_time) })) : null,
    ),
  );
}

const US = "us";

async function strategicSandbox(customer) {
  const sandbox = await optional(get(`${base(customer)}/strategicSandbox`));
  const segments = sandbox?.segments || [];
  if (!segments.length) return null;
  const vendorLabel = (vendor) => (vendor === US ? t("sandboxChart.us") : vendor);
  const columns = segments.map((segment) => ({
    label: segment.product_segment,
    share: segment.spend_share_percent,
    parts: [...(segment.vendor_shares || [])]
      .sort((a, b) => (a.vendor === US ? -1 : b.vendor === US ? 1 : a.vendor.localeCompare(b.vendor)))
      .map((v) => ({ key: v.vendor, label: vendorLabel(v.vendor), share: v.share_percent })),
  }));
  const vendors = [...new Set(columns.flatMap((c) => c.parts.map((p) => p.key)))];
  const colors = { [US]: "#1d4ed8" };
  const others = ["#b45309", "#7c3aed", "#be123c", "#4b5563"];
  vendors.filter((v) => v !== US).forEach((v, i) => (colors[v] = others[i % others.length]));
  return card(
    t("sandboxChart.title"),
    h(
      "div",
      { id: "strategic-sandbox" },
      mosaicChart(columns, { width: 720, colors }),
      h("p", { class: "legend" }, vendors.map((v) => h("span", { class: "vendor", "data-vendor": v }, s("svg", { width: 12, height: 12, class: "swatch" }, s("rect", { width: 12, height: 12, fill: colors[v] })), ` ${vendorLabel(v)} `))),
      h("p", { class: "hint" }, t("sandboxChart.hint")),
    ),
  );
}

export const PLANNING_PANELS = [relationshipGoals, tierCompliance, profileStatus, valueReturn, strategicSandbox];
