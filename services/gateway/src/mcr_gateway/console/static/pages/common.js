// Pieces several pages use.

import { h } from "../dom.js";
import { formatNumber, t } from "../i18n.js";

export const TIER_ORDER = ["S", "A", "B", "C"];

export function tierOrder(tiers) {
  const known = TIER_ORDER.filter((tier) => tiers.has(tier));
  const others = [...tiers].filter((tier) => tier && !TIER_ORDER.includes(tier)).sort();
  return [...known, ...others];
}

export function customerId(name) {
  return name.replace(/^customers\//, "");
}

export function customerLink(customer) {
  return h("a", { href: `#/customers/${customerId(customer.name)}`, class: "customer-link" }, customer.display_name);
}

export function tierBadge(tier) {
  return h("span", { class: `tier tier-${tier || "none"}` }, tier || t("tier.none"));
}

export function money(value) {
  if (!value) return "";
  return `${value.currency_code} ${formatNumber(Number(value.amount))}`;
}

export function card(title, ...children) {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

export function facts(rows) {
  return h(
    "dl",
    { class: "facts" },
    rows.filter(([, value]) => value !== "" && value !== null && value !== undefined).map(
      ([label, value]) => [h("dt", {}, label), h("dd", {}, value)],
    ),
  );
}

export function table(headers, rows, attrs = {}) {
  return h(
    "table",
    attrs,
    h("thead", {}, h("tr", {}, headers.map((header) => h("th", {}, header)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell))))),
  );
}

/** "employees/e-1001" → "e-1001", or the employee's name when the archive knows it. */
export function employeeLabel(name, employees) {
  return employees?.get(name)?.display_name || (name || "").replace(/^employees\//, "");
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}
