// The customer list: search by name, filter by tier, industry and lifecycle state.

import { h } from "../dom.js";
import { t } from "../i18n.js";
import { opener } from "../forms.js";
import { newCustomerForm } from "../panels/customer_forms.js";
import { loadCustomers } from "../sources.js";
import { customerLink, employeeLabel, empty, money, table, tierBadge, TIER_ORDER } from "./common.js";

const STATES = ["prospect", "active", "dormant", "closed"];

function quoted(value) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The AIP-160 filter of the form's values (the archive applies it, with visibility). */
export function filterOf({ q = "", tier = "", industry = "", state = "" }) {
  const parts = [];
  if (q.trim()) parts.push(`display_name : ${quoted(q.trim())}`);
  if (tier) parts.push(`tier = ${quoted(tier)}`);
  if (industry.trim()) parts.push(`industry = ${quoted(industry.trim())}`);
  if (state) parts.push(`lifecycle_state = ${quoted(state)}`);
  return parts.join(" AND ");
}

function select(name, value, options) {
  return h(
    "select",
    { name },
    options.map(([optionValue, label]) => h("option", { value: optionValue, selected: optionValue === value }, label)),
  );
}

export async function render(params) {
  const customers = await loadCustomers(filterOf(params));
  const form = h(
    "form",
    { class: "filters", id: "customer-filters" },
    h("input", { type: "search", name: "q", value: params.q || "", placeholder: t("customers.search") }),
    select("tier", params.tier || "", [["", t("customers.anyTier")], ...TIER_ORDER.map((tier) => [tier, tier])]),
    h("input", { type: "text", name: "industry", value: params.industry || "", placeholder: t("customer.industry") }),
    select("state", params.state || "", [["", t("customers.anyState")], ...STATES.map((s) => [s, t(`state.${s}`)])]),
    h("button", { type: "submit" }, t("customers.apply")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    location.hash = `#/customers${query.size ? `?${query}` : ""}`;
  });
  return h(
    "div",
    { class: "page customers" },
    h("h1", {}, t("customers.title")),
    opener(t("customer.new"), h("span"), newCustomerForm, { id: "new-customer" }),
    form,
    h("p", { class: "hint" }, t("customers.count", { n: customers.length })),
    customers.length
      ? table(
          [t("customer.name"), t("customer.tier"), t("customer.industry"), t("customer.region"), t("customer.state"), t("customer.revenue"), t("customer.owner")],
          customers.map((c) => [customerLink(c), tierBadge(c.tier), c.industry, c.region, t(`state.${c.lifecycle_state}`), money(c.annual_revenue), employeeLabel(c.owner)]),
          { id: "customer-table" },
        )
      : empty(t("customers.none")),
  );
}
