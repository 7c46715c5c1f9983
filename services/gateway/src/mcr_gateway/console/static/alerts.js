// The dashboard's alerts: each source is one async function (customers) -> [alert]; an alert
// is {kind, severity: "high" | "medium" | "low", customer, text}. Planning (coverage gaps,
// overdue planning items), contact (cadence breaches) and satisfaction (overdue issues,
// abnormal losses) add their sources here.

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
// (layers, departments, support) takes over from this source once it is there.
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
  cadenceBreaches,
  overdueIssues,
];

export async function loadAlerts(customers) {
  const lists = await Promise.all(ALERT_SOURCES.map((source) => source(customers)));
  const order = { high: 0, medium: 1, low: 2 };
  return lists.flat().sort((a, b) => order[a.severity] - order[b.severity]);
}
