// The portfolio dashboard: customers per tier, tier migrations, alerts.

import { loadAlerts } from "../alerts.js";
import { get, mapLimited, optional } from "../api.js";
import { barChart, migrationMatrix } from "../charts.js";
import { h } from "../dom.js";
import { formatNumber, formatTime, t } from "../i18n.js";
import { loadCustomers, loadTierHistory } from "../sources.js";
import { card, customerId, customerLink, empty, table, tierBadge, tierOrder } from "./common.js";

// Migrations are read per customer; a bigger portfolio shows the first ones and says so.
const MIGRATION_CUSTOMERS = 300;

export async function render() {
  const customers = await loadCustomers();
  const histories = await mapLimited(customers.slice(0, MIGRATION_CUSTOMERS), 6, (c) =>
    loadTierHistory(customerId(c.name)),
  );
  const alerts = await loadAlerts(customers);
  const policies = await optional(get("/v1/tierPolicies"), { tier_policies: [] });
  const byName = new Map(customers.map((c) => [c.name, c]));

  const counts = new Map();
  for (const c of customers) counts.set(c.tier, (counts.get(c.tier) || 0) + 1);
  const changes = histories.flat();
  const tiers = tierOrder(
    new Set([
      ...(policies.tier_policies || []).map((p) => p.tier),
      ...counts.keys(),
      ...changes.map((e) => e.tier),
    ]),
  );
  const bars = tiers.map((tier) => ({ label: tier, value: counts.get(tier) || 0 }));
  if (counts.get("")) bars.push({ label: t("tier.none"), value: counts.get(""), color: "#94a3b8" });

  const cells = new Map();
  for (const e of changes) {
    if (!e.tier) continue;
    const key = `${e.previous_tier || ""}→${e.tier}`;
    cells.set(key, (cells.get(key) || 0) + 1);
  }
  const recent = changes
    .filter((e) => e.previous_tier && e.tier)
    .sort((a, b) => (b.change_time || "").localeCompare(a.change_time || ""))
    .slice(0, 10);

  return h(
    "div",
    { class: "page dashboard" },
    h("h1", {}, t("dashboard.title")),
    h(
      "div",
      { class: "stats" },
      stat(t("dashboard.customers"), customers.length),
      stat(t("dashboard.tiered"), customers.filter((c) => c.tier).length),
      stat(t("dashboard.active"), customers.filter((c) => c.lifecycle_state === "active").length),
      stat(t("dashboard.alerts"), alerts.length),
    ),
    h(
      "div",
      { class: "grid" },
      card(
        t("dashboard.perTier"),
        h("div", { id: "tier-chart" }, customers.length ? barChart(bars) : empty(t("dashboard.noCustomers"))),
      ),
      card(
        t("dashboard.migrations"),
        h("p", { class: "hint" }, t("dashboard.migrationsHint")),
        h("div", { id: "migration-matrix" }, tiers.length ? migrationMatrix(cells, tiers, { newLabel: t("dashboard.new") }) : empty(t("dashboard.noMigrations"))),
        customers.length > MIGRATION_CUSTOMERS
          ? h("p", { class: "hint" }, t("dashboard.migrationsCapped", { n: MIGRATION_CUSTOMERS }))
          : null,
        recent.length
          ? table(
              [t("customer.name"), t("dashboard.from"), t("dashboard.to"), t("dashboard.when")],
              recent.map((e) => [
                byName.has(e.customer) ? customerLink(byName.get(e.customer)) : e.customer,
                tierBadge(e.previous_tier),
                tierBadge(e.tier),
                formatTime(e.change_time),
              ]),
            )
          : null,
      ),
    ),
    card(
      t("dashboard.alertsTitle"),
      h(
        "div",
        { id: "alerts" },
        alerts.length
          ? h(
              "ul",
              { class: "alerts" },
              alerts.map((a) =>
                h("li", { class: `alert alert-${a.severity}`, "data-kind": a.kind }, customerLink(a.customer), " · ", a.text),
              ),
            )
          : empty(t("dashboard.noAlerts")),
      ),
    ),
  );
}

function stat(label, value) {
  return h("div", { class: "stat" }, h("span", { class: "stat-value" }, formatNumber(value)), h("span", { class: "stat-label" }, label));
}
