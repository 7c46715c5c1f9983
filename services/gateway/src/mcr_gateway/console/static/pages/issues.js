// Issues: the ITR board (one column per state) with each issue's SLA timer and the actions of
// its next step, and the survey results (expectation vs perception per expectation). The 360
// page's open-issues panel lives here too.

import { ApiError, get, listAll, optional, post } from "../api.js";
import { principal } from "../auth.js";
import { groupedBarChart } from "../charts.js";
import { h } from "../dom.js";
import { formatTime, t } from "../i18n.js";
import { loadCustomers } from "../sources.js";
import { card, customerId, empty, table } from "./common.js";

// The ITR flow's states in their order; rejected issues are left off the board.
export const BOARD = ["collected", "accepted", "distributed", "handling", "escalated", "resolved", "revisited", "qa_traceback", "closed"];
const FINISHED = new Set(["closed", "rejected"]);

/** "3 h 20 min left" or "overdue by 2 d 4 h"; breached when the SLA time has passed. */
export function slaTimer(issue, now = Date.now()) {
  if (FINISHED.has(issue.state)) return h("span", { class: "sla sla-done" }, t("issues.slaDone"));
  if (!issue.sla_due_time) return h("span", { class: "sla" }, "");
  const left = new Date(issue.sla_due_time).getTime() - now;
  const span = duration(Math.abs(left));
  return left < 0
    ? h("span", { class: "sla sla-breached", "data-breached": "true", title: formatTime(issue.sla_due_time) }, t("issues.overdueBy", { span }))
    : h("span", { class: "sla sla-running", title: formatTime(issue.sla_due_time) }, t("issues.timeLeft", { span }));
}

function duration(ms) {
  const minutes = Math.max(1, Math.floor(ms / 60000)); // "0 min" would read as no time at all
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days) return t("issues.daysHours", { d: days, h: hours });
  if (hours) return t("issues.hoursMinutes", { h: hours, m: minutes % 60 });
  return t("issues.minutes", { m: minutes });
}

function input(name, attrs = {}) {
  return h("input", { name, ...attrs });
}

// The next step of each state: its REST verb, the inputs it asks for and the body they make.
// Accepting and distributing hand the issue to the signed-in employee (a small office's
// account manager plays every part); escalation and case-library search stay on the API.
const STEPS = {
  collected: [
    { verb: "accept", label: "issues.accept", body: (issue) => ({ valid: true, type: issue.type }) },
    { verb: "accept", label: "issues.reject", body: (issue) => ({ valid: false, type: issue.type }), name: "reject" },
  ],
  accepted: [
    {
      verb: "distribute",
      label: "issues.distributeToMe",
      body: () => ({ receiver: `employees/${principal()?.employee}`, receiver_org_unit: principal()?.orgUnit || "" }),
    },
  ],
  distributed: [{ verb: "startHandling", label: "issues.startHandling", body: () => ({ in_contract: true }) }],
  handling: [
    { verb: "resolve", label: "issues.resolve", inputs: () => [input("resolution", { placeholder: t("issues.resolution") })], body: (_, v) => ({ resolution: v.resolution }) },
  ],
  escalated: [
    { verb: "resolve", label: "issues.resolve", inputs: () => [input("resolution", { placeholder: t("issues.resolution") })], body: (_, v) => ({ resolution: v.resolution }) },
  ],
  resolved: [
    {
      verb: "revisit",
      label: "issues.revisit",
      inputs: () => [input("contact", { placeholder: t("issues.contact") }), input("score", { type: "number", min: 1, max: 5, value: 4, title: t("issues.score") })],
      body: (_, v) => ({ contact: v.contact, score: Number(v.score), comment: "" }),
    },
  ],
  revisited: [{ verb: "close", label: "issues.close", body: () => ({}) }],
  qa_traceback: [
    {
      verb: "recordQaTraceback",
      label: "issues.traceBack",
      inputs: () => [input("accountable", { placeholder: t("issues.accountable") }), input("finding", { placeholder: t("issues.finding") })],
      body: (_, v) => ({ accountable: v.accountable, finding: v.finding }),
    },
  ],
};

function stepForm(issue, step, onDone) {
  const inputs = step.inputs ? step.inputs() : [];
  const error = h("span", { class: "field-error", role: "alert" });
  const form = h(
    "form",
    { class: "step", "data-step": step.name || step.verb },
    inputs,
    h("button", { type: "submit" }, t(step.label)),
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(inputs.map((x) => [x.name, x.value]));
    const id = issue.name.replace(/^issues\//, "");
    try {
      await post(`/v1/issues/${encodeURIComponent(id)}:${step.verb}`, step.body(issue, values));
      await onDone();
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const fields = (failure.problem.errors || []).map((e) => `${e.field}: ${e.detail}`);
      error.textContent = fields.length ? fields.join("; ") : failure.message;
    }
  });
  return form;
}

function issueCard(issue, customers, onDone) {
  const customer = customers.get(issue.customer);
  return h(
    "article",
    { class: `issue urgency-${issue.urgency}`, "data-issue": issue.name, "data-state": issue.state },
    h("h3", {}, issue.title),
    h(
      "p",
      { class: "hint" },
      customer ? h("a", { href: `#/customers/${customerId(customer.name)}`, class: "customer-link" }, customer.display_name) : "",
      " · ",
      t(`urgency.${issue.urgency}`),
    ),
    slaTimer(issue),
    (STEPS[issue.state] || []).map((step) => stepForm(issue, step, onDone)),
  );
}

function board(issues, customers, onDone) {
  const shown = BOARD.filter((state) => (state !== "escalated" && state !== "qa_traceback") || issues.some((i) => i.state === state));
  return h(
    "div",
    { class: "board", id: "issue-board" },
    shown.map((state) => {
      const here = issues.filter((i) => i.state === state);
      return h(
        "section",
        { class: "column", "data-state": state },
        h("h2", {}, t(`issueState.${state}`), " ", h("span", { class: "count" }, String(here.length))),
        here.length ? here.map((i) => issueCard(i, customers, onDone)) : empty("—"),
      );
    }),
  );
}

const ASPECTS = ["timely_response", "understanding_business", "bringing_resources", "trustworthy"];

function surveyChart(results) {
  const dimensions = results?.dimensions || [];
  if (!dimensions.length) return empty(t("survey.noAnswers"));
  const label = (d) => (ASPECTS.includes(d.dimension) ? t(`survey.${d.dimension}`) : d.dimension);
  // Protobuf's JSON leaves zeros out: a gap of exactly 0 arrives as no field.
  const round = (x) => Math.round((x ?? 0) * 100) / 100;
  return h(
    "div",
    { id: "survey-results" },
    groupedBarChart(
      dimensions.map((d) => ({ label: label(d), values: [round(d.mean_expectation), round(d.mean_perception)] })),
      [{ label: t("survey.expectation"), color: "#94a3b8" }, { label: t("survey.perception"), color: "#1d4ed8" }],
      { max: 5, group: 190 },
    ),
    table(
      [t("survey.aspect"), t("survey.expectation"), t("survey.perception"), t("survey.gap"), t("survey.respondents")],
      dimensions.map((d) => [label(d), round(d.mean_expectation), round(d.mean_perception), h("span", { class: d.gap < 0 ? "gap-negative" : "gap" }, round(d.gap)), d.respondents ?? 0]),
      { class: "compact" },
    ),
    h("p", { class: "hint" }, t("survey.summary", { surveys: results.survey_count || 0, respondents: results.respondents || 0 })),
  );
}

export async function render() {
  const [customerList, results] = await Promise.all([loadCustomers(), optional(get("/v1/customers/-/surveyResults"), null)]);
  const customers = new Map(customerList.map((c) => [c.name, c]));
  const holder = h("div", { id: "issues-holder" });
  async function load() {
    const issues = await optional(listAll("/v1/issues", "issues"), null);
    holder.replaceChildren(issues ? board(issues, customers, load) : empty(t("issues.unavailable")));
    holder.dataset.loaded = String(Date.now());
  }
  await load();
  return h(
    "div",
    { class: "page issues" },
    h("h1", {}, t("issues.pageTitle")),
    h("p", { class: "hint" }, t("issues.hint")),
    holder,
    card(t("survey.title"), results ? surveyChart(results) : empty(t("issues.unavailable"))),
  );
}

/** The customer's open issues (closed and rejected ones left off), with their SLA timers. */
export async function openIssuesPanel(customer) {
  const id = encodeURIComponent(customerId(customer.name));
  const issues = await optional(listAll(`/v1/customers/${id}/issues`, "issues"), null);
  const open = (issues || []).filter((i) => !FINISHED.has(i.state));
  return h(
    "section",
    { class: "card", id: "panel-open-issues" },
    h("h2", {}, t("issues.openIssues")),
    issues === null
      ? empty(t("issues.unavailable"))
      : open.length
        ? table(
            [t("issues.issue"), t("issues.state"), t("issues.urgency"), t("issues.sla")],
            open.map((i) => [i.title, t(`issueState.${i.state}`), t(`urgency.${i.urgency}`), slaTimer(i)]),
            { class: "compact" },
          )
        : empty(t("issues.noOpenIssues")),
  );
}
