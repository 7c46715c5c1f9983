// The dashboard's alerts: each source is one async function (customers) -> [alert]; an alert
// is {kind, severity: "high" | "medium" | "low", customer, text}. Planning (coverage gaps, tier
// obligations not met, overdue plan items and card retrospectives), insight (abnormal losses),
// contact (cadence breaches) and satisfaction (overdue issues) add their sources here. A
// service that is down contributes nothing (`optional`).

import { get, listAll, mapLimited, optional } from "./api.js";
import { t } from "./i18n.js";
import { roleLabel } from "./pages/contact.js";

async function scoring(customers) {
  const page = await optional(get("/v1/tierAssignments", { page_size: 1000 }), {
    tier_assignments: [],
  });
  const visible = new Map(customers.map((c) => [c.name, c]));
  const alerts = [];
  for (const a of page.tier_assignments || []) {
    const customer = visible.get(a.customer);
    if (customer && a.scoring_incomplete) {
      alerts.push({ kind: "scoring", severity: "medium", customer, text: t("alert.scoringIncomplete") });
    }
  }
  for (const customer of customers) {
    if (!customer.tier && customer.lifecycle_state === "active") {
      alerts.push({ kind: "untiered", severity: "low", customer, text: t("alert.untiered") });
    }
  }
  return alerts;
}

// The top tiers are owed a full archive of their key persons (decision 3): one with none
// recorded is a coverage gap that the archive alone can show. Planning's coverage analysis
// (layers, departments, support) is `coverageGaps` below.
const ARCHIVED_TIERS = { S: "high", A: "medium" };

async function unarchivedKeyPersons(customers) {
  const owed = customers.filter((c) => ARCHIVED_TIERS[c.tier]).slice(0, 200);
  const pages = await mapLimited(owed, 6, (c) =>
    optional(get(`/v1/${c.name}/persons`, { page_size: 1 }), { persons: [{}] }),
  );
  return owed
    .filter((_, i) => !(pages[i].persons || []).length)
    .map((customer) => ({
      kind: "no-key-persons",
      severity: ARCHIVED_TIERS[customer.tier],
      customer,
      text: t("alert.noKeyPersons", { tier: customer.tier }),
    }));
}

const TIER_SEVERITY = { S: "high", A: "medium" };
const severityOf = (customer) => TIER_SEVERITY[customer.tier] || "low";
// Per-customer reads stop at this many customers; the dashboard is a portfolio's, not a region's.
const PER_CUSTOMER = 200;
const path = (customer, rest) => `/v1/${customer.name}/${rest}`;

/** Planning's open coverage gaps of each power map, and tier obligations it finds unmet. */
async function coverageGaps(customers) {
  const mine = customers.slice(0, PER_CUSTOMER);
  const found = await mapLimited(mine, 6, (c) =>
    Promise.all([optional(get(path(c, "powerMap"))), optional(get(path(c, "tierCompliance")))]),
  );
  return mine.flatMap((customer, i) => {
    const [map, compliance] = found[i];
    const gaps = (map?.gaps || []).map((gap) => ({
      kind: "coverage-gap",
      severity: severityOf(customer),
      customer,
      text: t("alert.coverageGap", { detail: gap.detail || gap.kind }),
    }));
    const unmet = (compliance?.obligations || []).filter((o) => o.checked && !o.met);
    return unmet.length
      ? [...gaps, { kind: "tier-compliance", severity: severityOf(customer), customer,
          text: t("alert.tierObligations", { tier: compliance.tier, codes: unmet.map((o) => o.code).join(", ") }) }]
      : gaps;
  });  // prettier-ignore
}

/** This year's plan items and the expansion cards' retrospectives that are overdue. */
async function overduePlanning(customers) {
  const mine = customers.slice(0, PER_CUSTOMER);
  const [plans, cards] = await Promise.all([
    mapLimited(mine, 6, (c) => optional(get(path(c, "annualPlans"), { page_size: 1 }))),
    optional(listAll("/v1/expansionCards", "expansion_cards"), []),
  ]);
  const alerts = mine.flatMap((customer, i) => {
    const overdue = ((plans[i]?.annual_plans || [])[0]?.items || []).filter((item) => item.state === "overdue");
    return overdue.length
      ? [{ kind: "overdue-plan", severity: "medium", customer, text: t("alert.overduePlanItems", { n: overdue.length }) }]
      : [];
  });
  const visible = new Map(customers.map((c) => [c.name, c]));
  for (const card of cards) {
    const late = (card.retrospectives || []).filter((r) => r.state === "overdue").length;
    const customer = visible.get(card.customer);
    if (late && customer) {
      alerts.push({ kind: "overdue-retrospective", severity: "medium", customer, text: t("alert.overdueRetrospectives", { n: late }) });
    }
  }
  return alerts;
}

/** Insight's management retrospectives: customers lost abnormally (book ch.2 §1.13). */
async function abnormalLosses(customers) {
  const page = await optional(get("/v1/retrospectiveTasks"), { retrospective_tasks: [] });
  const visible = new Map(customers.map((c) => [c.name, c]));
  return (page.retrospective_tasks || []).flatMap((task) =>
    (task.customers || [])
      .filter((name) => visible.has(name))
      .map((name) => ({ kind: "abnormal-loss", severity: "high", customer: visible.get(name), text: t("alert.abnormalLoss", { reason: task.reason || "" }) })),
  );
}


// Contact: the caller's persons whose cadence passed its maximum interval (decision 4).
async function cadenceBreaches(customers) {
  const due = await optional(get("/v1/dueContacts"), { due_contacts: [] });
  const visible = new Map(customers.map((c) => [c.name, c]));
  return (due.due_contacts || [])
    .filter((d) => d.status === "breached")
    .map((d) => ({ due: d, customer: visible.get(d.cadence.split("/").slice(0, 2).join("/")) }))
    .filter(({ customer }) => customer)
    .map(({ due: d, customer }) => ({
      kind: "cadence-breach",
      severity: "high",
      customer,
      text: t("alert.cadenceBreach", { role: roleLabel(d.role) }),
    }));
}

// Satisfaction: open issues past their SLA time.
async function overdueIssues(customers) {
  const issues = await optional(listAll("/v1/issues", "issues", {}, 2000), []);
  const visible = new Map(customers.map((c) => [c.name, c]));
  const now = Date.now();
  return issues
    .filter((i) => !["closed", "rejected"].includes(i.state) && i.sla_due_time && new Date(i.sla_due_time).getTime() < now)
    .filter((i) => visible.has(i.customer))
    .map((i) => ({
      kind: "issue-overdue",
      severity: "high",
      customer: visible.get(i.customer),
      text: t("alert.issueOverdue", { title: i.title }),
    }));
}

export const ALERT_SOURCES = [
  scoring,
  unarchivedKeyPersons,
  coverageGaps,
  overduePlanning,
  abnormalLosses,
  cadenceBreaches,
  overdueIssues,
];

export async function loadAlerts(customers) {
  const lists = await Promise.all(ALERT_SOURCES.map((source) => source(customers)));
  const order = { high: 0, medium: 1, low: 2 };
  return lists.flat().sort((a, b) => order[a.severity] - order[b.severity]);
}
