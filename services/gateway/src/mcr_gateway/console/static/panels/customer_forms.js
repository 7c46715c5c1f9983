// Creating a customer (the customer list) and editing one (the 360 page's profile card).

import { post, send } from "../api.js";
import { h } from "../dom.js";
import { editForm, field, input, select, whoChanged } from "../forms.js";
import { t } from "../i18n.js";

const STATES = ["prospect", "active", "dormant", "closed"];
const OWNERSHIP = ["unspecified", "private", "state_owned", "foreign", "listed"];

function labels() {
  return {
    display_name: t("customer.displayName"),
    industry: t("customer.industry"),
    country_code: t("customer.country"),
    province: t("customer.province"),
    lifecycle_state: t("customer.state"),
    ownership_type: t("customer.ownership"),
    employee_count: t("customer.employees"),
    annual_revenue: t("customer.revenue"),
  };
}

function fields(c = {}) {
  const label = labels();
  return [
    field(label.display_name, "display_name", input("display_name", c.display_name, { required: true, autocomplete: "off" })),
    field(label.industry, "industry", input("industry", c.industry)),
    field(label.country_code, "country_code", input("country_code", c.country_code, { maxlength: 2, placeholder: "CN" })),
    field(label.province, "province", input("province", c.province)),
    field(label.lifecycle_state, "lifecycle_state", select("lifecycle_state", c.lifecycle_state || "prospect", STATES.map((s) => [s, t(`state.${s}`)]))),
    field(label.ownership_type, "ownership_type", select("ownership_type", c.ownership_type || "unspecified", OWNERSHIP.map((o) => [o, o === "unspecified" ? "—" : t(`ownership.${o}`)]))),
    field(label.employee_count, "employee_count", input("employee_count", c.employee_count ? String(c.employee_count) : "", { inputmode: "numeric" })),
    h(
      "div",
      { class: "field-row" },
      field(t("customer.currency"), "annual_revenue.currency_code", input("annual_revenue.currency_code", c.annual_revenue?.currency_code || "CNY", { maxlength: 3 })),
      field(label.annual_revenue, "annual_revenue.amount", input("annual_revenue.amount", c.annual_revenue?.amount || "", { inputmode: "decimal" })),
    ),
  ];
}

function required(values) {
  return values.display_name ? [] : [{ field: "display_name", detail: t("form.required") }];
}

/** The body the API takes: numbers as numbers, revenue as Money; `before` keeps a PATCH to the
 * fields that changed. */
function body(values, before = null) {
  const out = {};
  for (const key of ["display_name", "industry", "country_code", "province", "lifecycle_state", "ownership_type"]) {
    if (!before || (before[key] ?? "") !== values[key]) out[key] = values[key];
  }
  const count = values.employee_count === "" ? 0 : Number(values.employee_count);
  if (!before || (before.employee_count || 0) !== count) {
    // Not a whole number: sent as it is, for the API to name the field.
    out.employee_count = Number.isInteger(count) ? count : values.employee_count;
  }
  const amount = values["annual_revenue.amount"];
  const currency = values["annual_revenue.currency_code"];
  const was = before?.annual_revenue;
  if (amount && (!before || was?.amount !== amount || was?.currency_code !== currency)) {
    out.annual_revenue = { currency_code: currency, amount };
  }
  return out;
}

export function newCustomerForm(close) {
  return editForm({
    id: "customer-form",
    fields: fields(),
    submitLabel: t("customer.create"),
    check: required,
    save: (values) => post("/v1/customers", body(values)),
    done: (created) => {
      location.hash = `#/customers/${created.id}`;
    },
    cancel: close,
  });
}

export function editCustomerForm(customer, close) {
  return editForm({
    id: "customer-form",
    fields: fields(customer),
    check: required,
    save: (values) => {
      const changes = body(values, customer);
      if (!Object.keys(changes).length) return customer;
      return send("PATCH", `/v1/customers/${customer.id}`, changes, { ifMatch: customer.etag });
    },
    cancel: close,
    stale: () => whoChanged(customer, labels()),
  });
}
