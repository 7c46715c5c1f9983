// Customer 360: profile, tier and why, the power map, the organisation chart and the account
// team. Planning and insight (relationship goals, profiles, tier compliance, the value-return
// curve and the strategic sandbox, panels/planning.js), contact (due cadences, recent
// activities) and satisfaction (open issues) add their panels to PANELS.

import { get, listAll, optional } from "../api.js";
import { barChart } from "../charts.js";
import { h } from "../dom.js";
import { formatNumber, formatTime, t } from "../i18n.js";
import { powerMapLegend, renderPowerMap } from "../powermap.js";
import { loadEmployees, loadPowerMap, loadTierHistory } from "../sources.js";
import { accountTeamPanel } from "../panels/account_team.js";
import { editCustomerForm } from "../panels/customer_forms.js";
import { keyDatesPanel } from "../panels/key_dates.js";
import { surveyAnswerPanel } from "../panels/survey_answer.js";
import { loadChart, orgChartPanel } from "../panels/org_chart.js";
import { PLANNING_PANELS } from "../panels/planning.js";
import { opener } from "../forms.js";
import { card, customerId, employeeLabel, empty, facts, money, table, tierBadge } from "./common.js";
import { dueCadencesPanel, recentActivitiesPanel } from "./contact.js";
import { openIssuesPanel } from "./issues.js";

/** Further panels: async (customer, context) -> Node | null. */
export const PANELS = [...PLANNING_PANELS, openIssuesPanel, dueCadencesPanel, recentActivitiesPanel];

export async function render({ customer: id }) {
  const base = `/v1/customers/${encodeURIComponent(id)}`;
  const customer = await get(base);
  const [employees, team] = await Promise.all([loadEmployees(), optional(get(`${base}/accountTeam`))]);
  const [explained, history, model, chart, parent, revenue, changes] = await Promise.all([
    optional(get(`${base}/tierAssignment:explain`)),
    loadTierHistory(id),
    loadPowerMap(id, { employees, team }),
    loadChart(id),
    customer.parent_group ? optional(get(`/v1/${customer.parent_group}`)) : null,
    optional(get(`${base}/revenue`), { years: [] }),
    // The archive lists changes oldest first: read them all (a customer has few) and keep the
    // newest.
    optional(listAll(`/v1/${customer.name}:history`, "changes", {}, 2000), []),
  ]);
  const context = { employees, model };
  const extra = await Promise.all(PANELS.map((panel) => panel(customer, context)));
  return h(
    "div",
    { class: "page customer", "data-customer": customer.name },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, customer.display_name, " ", tierBadge(customer.tier)),
      h("p", { class: "hint" }, [customer.industry, customer.region, t(`state.${customer.lifecycle_state}`)].filter(Boolean).join(" · ")),
    ),
    h(
      "div",
      { class: "grid" },
      card(t("customer.profile"), opener(t("customer.edit"), profile(customer, parent, employees), (close) => editCustomerForm(customer, close), { id: "edit-customer" })),
      card(t("customer.tierTitle"), tierPanel(explained, history)),
    ),
    card(
      t("powermap.title"),
      h("div", { class: "power-map-frame", id: "power-map" }, model.persons.length ? renderPowerMap(model, t) : empty(t("powermap.empty"))),
      powerMapLegend(t, model.competitor),
      h("p", { class: "hint", id: "power-map-source", "data-source": model.source }, t(model.source === "planning" ? "powermap.sourcePlanning" : "powermap.sourceArchive")),
    ),
    h(
      "div",
      { class: "grid" },
      card(t("customer.revenueByYear"), revenueChart(revenue?.years || [])),
      card(t("customer.recentChanges"), recentChanges(changes.slice(-12).reverse(), employees)),
    ),
    h(
      "div",
      { class: "grid" },
      card(t("customer.orgChart"), orgChartPanel(chart)),
      card(t("customer.accountTeam"), accountTeamPanel(customer, team, employees, chart.persons)),
    ),
    h("div", { class: "grid" }, card(t("keyDates.title"), keyDatesPanel(chart.persons)), card(t("survey.answersTitle"), surveyAnswerPanel(customer, chart.persons))),
    extra.filter(Boolean),
  );
}

function employeeName(employees, name) {
  return employeeLabel(name, employees);
}

function profile(c, parent, employees) {
  return facts([
    [t("customer.industry"), c.industry],
    [t("customer.country"), c.country_code],
    [t("customer.province"), c.province],
    [t("customer.region"), c.region],
    [t("customer.ownership"), c.ownership_type !== "unspecified" ? t(`ownership.${c.ownership_type}`) : ""],
    [t("customer.revenue"), money(c.annual_revenue)],
    [t("customer.employees"), c.employee_count ? formatNumber(c.employee_count) : ""],
    [t("customer.credit"), c.credit_rating],
    [t("customer.owner"), c.owner ? employeeName(employees, c.owner) : ""],
    [t("customer.group"), parent ? h("a", { href: `#/customers/${customerId(parent.name)}` }, parent.display_name) : ""],
    [t("customer.updated"), formatTime(c.update_time)],
  ]);
}

const SOURCES = { TIER_SOURCE_COMPUTED: "tier.computed", TIER_SOURCE_MANUAL: "tier.manual" };

function tierPanel(explained, history) {
  if (!explained) return empty(t("tier.unavailable"));
  const a = explained.tier_assignment || {};
  const components = explained.components || [];
  return h(
    "div",
    { id: "tier-explanation" },
    facts([
      [t("customer.tier"), tierBadge(a.tier)],
      [t("tier.source"), a.source ? t(SOURCES[a.source] || "tier.computed") : ""],
      [t("tier.score"), a.value_score !== undefined ? formatNumber(Math.round(a.value_score * 10) / 10) : ""],
      [t("tier.computedTier"), a.computed_tier && a.computed_tier !== a.tier ? a.computed_tier : ""],
      [t("tier.manualReason"), a.manual_decision?.justification || ""],
      [t("tier.plugin"), explained.assigned_by_plugin],
    ]),
    components.length
      ? [
          h("h3", {}, t("tier.components")),
          barChart(
            components.map((c) => ({ label: c.dimension, value: Math.round((c.value || 0) * 10) / 10 })),
            { max: 100 },
          ),
          table(
            [t("tier.dimension"), t("tier.value"), t("tier.weight"), t("tier.plugin")],
            components.map((c) => [c.dimension, formatNumber(Math.round((c.value || 0) * 10) / 10), `${Math.round((c.effective_weight || 0) * 100)}%`, c.plugin]),
            { class: "compact" },
          ),
        ]
      : empty(t("tier.noComponents")),
    history.length
      ? [
          h("h3", {}, t("tier.history")),
          table(
            [t("dashboard.from"), t("dashboard.to"), t("tier.reason"), t("dashboard.when")],
            history.slice(0, 8).map((e) => [tierBadge(e.previous_tier), tierBadge(e.tier), e.reason || "", formatTime(e.change_time)]),
            { class: "compact" },
          ),
        ]
      : null,
  );
}

function revenueChart(years) {
  if (!years.length) return empty(t("customer.noRevenue"));
  const amount = (money) => Number(money?.units || 0) + Number(money?.nanos || 0) / 1e9;
  const currency = years[0].amount?.currency_code || "";
  return h(
    "div",
    { id: "revenue-chart" },
    barChart(
      years.map((y) => ({ label: String(y.year), value: amount(y.amount) })),
      { width: 720, valueWidth: 220, format: (value) => `${currency} ${formatNumber(value)}` },
    ),
  );
}

function recentChanges(changes, employees) {
  if (!changes.length) return empty(t("customer.noChanges"));
  return table(
    [t("customer.field"), t("customer.newValue"), t("customer.changedBy"), t("dashboard.when")],
    changes.map((c) => [c.field, c.new_value ?? "", employeeLabel(c.actor, employees), formatTime(c.change_time)]),
    { class: "compact", id: "recent-changes" },
  );
}
