// Relationship planning across the caller's customers: the annual cycle's status per customer
// team (this year's plan and its due items) and the key-customer expansion cards with their
// six-month commitments and retrospectives. Planning answers only what the caller may see: a
// peer's cards and teams, and other regions', never reach this page.

import { get, listAll, mapLimited, optional } from "../api.js";
import { h } from "../dom.js";
import { opener } from "../forms.js";
import { formatNumber, formatTime, t } from "../i18n.js";
import { completeItemForm, newCardForm } from "../panels/plan_forms.js";
import { loadCustomers, loadEmployees } from "../sources.js";
import { card, customerId, customerLink, employeeLabel, empty, table, tierBadge } from "./common.js";

const ITEM_STATES = ["done", "open", "overdue"];

/** Each visible customer's newest annual plan; customers without a team planning shows the
 * caller are left out. */
async function loadPlans(customers) {
  const plans = await mapLimited(customers.slice(0, 300), 6, (c) =>
    optional(get(`/v1/customers/${encodeURIComponent(customerId(c.name))}/annualPlans`, { page_size: 1 })),
  );
  return customers
    .map((customer, i) => ({ customer, page: plans[i] }))
    .filter(({ page }) => page)
    .map(({ customer, page }) => ({ customer, plan: (page.annual_plans || [])[0] || null }));
}

function itemLabel(item) {
  const kind = t(`planItem.${item.kind}`);
  return item.sequence > 1 ? `${kind} ${item.sequence}` : kind;
}

function cycleStatus(rows) {
  if (!rows.length) return empty(t("planning.noTeams"));
  return table(
    [t("planning.customer"), t("planning.year"), t("customer.tier"), ...ITEM_STATES.map((s) => t(`itemState.${s}`)), t("planning.nextDue")],
    rows.map(({ customer, plan }) => {
      if (!plan) return [customerLink(customer), t("planning.notStarted"), "", "", "", "", ""];
      const items = plan.items || [];
      const count = (state) => formatNumber(items.filter((i) => i.state === state).length);
      const next = items.find((i) => i.state !== "done");
      return [
        customerLink(customer),
        String(plan.year),
        tierBadge(plan.tier),
        ...ITEM_STATES.map(count),
        next
          ? opener(`${itemLabel(next)} · ${formatTime(next.due_time)}`, h("span"), (close) => completeItemForm(next, close), { class: "secondary complete-item", "data-item": next.name, title: t("planItem.markDone") })
          : t("planning.allDone"),
      ];
    }),
    { id: "annual-cycle" },
  );
}

async function personName(name) {
  const person = await optional(get(`/v1/${name}`));
  return person?.display_name || name.split("/").pop();
}

function expansionCard(c, customer, person, employees) {
  const pbc = c.commitment || {};
  return h(
    "article",
    { class: "card expansion-card", "data-card": c.name },
    h("h3", {}, person, " · ", customer ? customerLink(customer) : c.customer),
    h(
      "p",
      { class: "commitment" },
      h("strong", {}, t("card.commitment")),
      " ",
      pbc.goal || "",
      h("br", {}),
      t("card.metric", { metric: pbc.metric || "", target: formatNumber(pbc.target_value || 0) }),
      " · ",
      t("card.due", { when: formatTime(pbc.due_time) }),
    ),
    h("p", { class: "hint" }, t("card.people", { owner: employeeLabel(c.owner, employees), sponsor: c.sponsor ? employeeLabel(c.sponsor, employees) : "–" })),
    h("ul", { class: "actions" }, (c.actions || []).map((a) => h("li", {}, a))),
    table(
      [t("card.retrospective"), t("card.dueTime"), t("card.state"), t("card.summary")],
      (c.retrospectives || []).map((r) => [
        String(r.sequence),
        formatTime(r.due_time),
        h("span", { class: r.state === "overdue" ? "unmet" : r.state === "done" ? "met" : "" }, t(`itemState.${r.state}`)),
        r.state === "done" ? r.summary || "" : opener(t("planItem.markDone"), h("span"), (close) => completeItemForm(r, close), { class: "secondary complete-item", "data-item": r.name }),
      ]),
      { class: "compact retrospectives" },
    ),
  );
}

export async function render() {
  const [customers, employees, cards] = await Promise.all([
    loadCustomers(),
    loadEmployees(),
    optional(listAll("/v1/expansionCards", "expansion_cards"), null),
  ]);
  const byName = new Map(customers.map((c) => [c.name, c]));
  const [plans, persons] = await Promise.all([
    loadPlans(customers),
    mapLimited(cards || [], 6, (c) => personName(c.person)),
  ]);
  return h(
    "div",
    { class: "page planning" },
    h("header", { class: "page-head" }, h("h1", {}, t("planning.title")), h("p", { class: "hint" }, t("planning.intro"))),
    card(t("planning.cycleTitle"), cycleStatus(plans)),
    card(
      t("planning.cardsTitle"),
      opener(t("card.new"), h("span"), (close) => newCardForm(customers, close), { id: "new-card" }),
      h(
        "div",
        { id: "expansion-cards" },
        cards === null
          ? empty(t("planning.unavailable"))
          : cards.length
            ? cards.map((c, i) => expansionCard(c, byName.get(c.customer), persons[i], employees))
            : empty(t("planning.noCards")),
      ),
    ),
  );
}
