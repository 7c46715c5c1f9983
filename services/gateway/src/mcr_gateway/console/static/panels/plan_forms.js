// Planning's daily forms: marking a due plan item or a card's retrospective done, and starting a
// key-customer expansion card (its six-month commitment and the actions toward it).

import { listAll, optional, post } from "../api.js";
import { principal } from "../auth.js";
import { h } from "../dom.js";
import { editForm, field, input, select } from "../forms.js";
import { t } from "../i18n.js";

/** Mark a plan item (an annual plan's or an expansion card's retrospective) done. */
export function completeItemForm(item, close) {
  return editForm({
    id: "complete-item-form",
    fields: [
      field(t("card.summary"), "summary", h("textarea", { name: "summary", rows: 2 })),
      field(t("planItem.achieved"), "achieved_value", input("achieved_value", "0", { inputmode: "decimal" })),
    ],
    submitLabel: t("planItem.markDone"),
    check: (values) => (values.summary ? [] : [{ field: "summary", detail: t("form.required") }]),
    save: (values) => post(`/v1/${item.name}:complete`, { summary: values.summary, achieved_value: Number(values.achieved_value) || 0 }),
    cancel: close,
  });
}

function sixMonthsAhead() {
  const date = new Date();
  date.setMonth(date.getMonth() + 6);
  return date.toISOString().slice(0, 10);
}

/** A new expansion card: a key person of a customer, the commitment and the actions. */
export function newCardForm(customers, close) {
  const persons = select("person", "", [["", t("contact.chooseCustomerFirst")]]);
  const customer = select("customer", "", [["", t("contact.chooseCustomer")], ...customers.map((c) => [c.name, c.display_name])]);
  customer.addEventListener("change", async () => {
    const found = customer.value ? await optional(listAll(`/v1/${customer.value}/persons`, "persons"), []) : [];
    persons.replaceChildren(...[["", t("keyDates.choosePerson")], ...found.filter((p) => !p.retired).map((p) => [p.name, p.display_name])].map(([value, label]) => h("option", { value }, label)));
  });
  const me = principal()?.employee || "";
  return editForm({
    id: "card-form",
    fields: [
      field(t("customer.name"), "customer", customer),
      field(t("contact.person"), "person", persons),
      h("div", { class: "field-row" }, field(t("card.owner"), "owner", input("owner", me)), field(t("card.sponsor"), "sponsor", input("sponsor", "", { placeholder: "e-1000" }))),
      field(t("card.commitment"), "commitment.goal", input("commitment.goal")),
      h(
        "div",
        { class: "field-row" },
        field(t("card.metricLabel"), "commitment.metric", input("commitment.metric")),
        field(t("card.target"), "commitment.target_value", input("commitment.target_value", "0", { inputmode: "decimal" })),
        field(t("card.dueTime"), "commitment.due_time", input("commitment.due_time", sixMonthsAhead(), { type: "date" })),
      ),
      field(t("card.actions"), "actions", h("textarea", { name: "actions", rows: 3, placeholder: t("card.actionsHint") })),
    ],
    submitLabel: t("card.create"),
    check: (values) =>
      ["customer", "person", "commitment.goal"].filter((key) => !values[key]).map((key) => ({ field: key, detail: t("form.required") })),
    save: (values) => {
      const employee = (id) => (id && !id.startsWith("employees/") ? `employees/${id}` : id);
      return post("/v1/expansionCards", {
        customer: values.customer,
        person: values.person,
        owner: employee(values.owner),
        sponsor: employee(values.sponsor),
        commitment: {
          goal: values["commitment.goal"],
          metric: values["commitment.metric"],
          target_value: Number(values["commitment.target_value"]) || 0,
          due_time: values["commitment.due_time"] ? new Date(`${values["commitment.due_time"]}T00:00:00Z`).toISOString() : "",
        },
        actions: values.actions.split("\n").map((a) => a.trim()).filter(Boolean),
      });
    },
    cancel: close,
  });
}
