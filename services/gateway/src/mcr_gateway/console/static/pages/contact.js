// Contact: my due list (whose cadence is due or breached today), a form to log an activity
// and the recent activities. The 360 page's contact panels (its persons' due cadences and its
// recent activities) live here too.

import { ApiError, get, listAll, mapLimited, optional, post } from "../api.js";
import { h } from "../dom.js";
import { field } from "../forms.js";
import { formatTime, t } from "../i18n.js";
import { loadCustomers } from "../sources.js";
import { card, customerId, empty, table } from "./common.js";

const STATES = ["done", "planned"];

/** "customers/c/persons/p/cadence" → "customers/c/persons/p". */
function personOf(cadence) {
  return cadence.replace(/\/cadence$/, "");
}

function customerOf(name) {
  return name.split("/").slice(0, 2).join("/");
}

/** A cadence role's name; a role a pack added shows its code. */
export function roleLabel(role) {
  const label = t(`cadenceRole.${role}`);
  return label === `cadenceRole.${role}` ? role : label;
}

function statusBadge(status) {
  return h("span", { class: `status status-${status}` }, t(`cadence.${status}`));
}

function link(customer, fallback) {
  if (!customer) return fallback;
  return h("a", { href: `#/customers/${customerId(customer.name)}`, class: "customer-link" }, customer.display_name);
}

/** The display names of persons by resource name; a person no longer visible keeps its id. */
async function personNames(names) {
  const unique = [...new Set(names)];
  const found = await mapLimited(unique, 6, (name) => optional(get(`/v1/${name}`)));
  return new Map(unique.map((name, i) => [name, found[i]?.display_name || name.split("/").pop()]));
}

function dueTable(due, customers, persons) {
  if (!due.length) return empty(t("contact.nothingDue"));
  return table(
    [t("contact.person"), t("customer.name"), t("contact.role"), t("contact.status"), t("contact.dueTime"), t("contact.breachTime")],
    due.map((d) => [
      persons.get(personOf(d.cadence)),
      link(customers.get(customerOf(d.cadence)), customerOf(d.cadence)),
      roleLabel(d.role),
      statusBadge(d.status),
      formatTime(d.due_time),
      formatTime(d.breach_time),
    ]),
    { id: "due-list", class: "compact" },
  );
}

function activityRows(activities, customers, types, fresh = "") {
  if (!activities.length) return empty(t("contact.noActivities"));
  const rows = activities.map((a) =>
    h(
      "tr",
      { "data-activity": a.name, class: a.name === fresh ? "fresh" : undefined },
      h("td", {}, formatTime(a.start_time)),
      h("td", {}, link(customers.get(a.customer), "")),
      h("td", {}, a.title),
      h("td", {}, types.get(a.type) || a.type),
      h("td", {}, t(`activity.${a.state}`)),
      h("td", {}, a.summary || ""),
    ),
  );
  return h(
    "table",
    { id: "recent-activities", class: "compact" },
    h("thead", {}, h("tr", {}, [t("contact.when"), t("customer.name"), t("contact.title"), t("contact.type"), t("contact.state"), t("contact.summary")].map((x) => h("th", {}, x)))),
    h("tbody", {}, rows),
  );
}

function typeLabels(types) {
  return new Map((types?.activity_types || []).map((x) => [x.code, x.display_name || x.code]));
}

/** A `datetime-local` value of `date` in the browser's time zone. */
function localInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

function requestId() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

// The REST field a problem names → the form's field ("target_persons[0]" → "target_persons").
function formField(name) {
  return (name || "").replace(/^activity\./, "").replace(/\[\d+\].*$/, "").replace(/\..*$/, "");
}

function activityForm(customers, types, onLogged) {
  const visible = [...customers.values()].sort((a, b) => a.display_name.localeCompare(b.display_name));
  const customer = h("select", { name: "customer" }, h("option", { value: "" }, t("contact.chooseCustomer")), visible.map((c) => h("option", { value: c.name }, c.display_name)));
  const persons = h("div", { class: "choices", id: "activity-persons" }, h("span", { class: "hint" }, t("contact.chooseCustomerFirst")));
  const type = h("select", { name: "type" }, types.map((x) => h("option", { value: x.code, selected: x.code === "daily_visit" }, x.display_name || x.code)));
  const state = h("select", { name: "state" }, STATES.map((x) => h("option", { value: x }, t(`activity.${x}`))));
  const start = h("input", { type: "datetime-local", name: "start_time", value: localInput(new Date()) });
  const minutes = h("input", { type: "number", name: "duration", min: 1, value: 60 });
  const title = h("input", { type: "text", name: "title", maxlength: 200 });
  const summary = h("textarea", { name: "summary", rows: 3 });
  const message = h("p", { class: "form-message", id: "activity-message", role: "status" });
  const form = h(
    "form",
    { id: "activity-form", class: "form", novalidate: true },
    field(t("customer.name"), "customer", customer),
    field(t("contact.persons"), "target_persons", persons),
    field(t("contact.type"), "type", type),
    field(t("contact.state"), "state", state),
    field(t("contact.when"), "start_time", start),
    field(t("contact.minutes"), "duration", minutes),
    field(t("contact.title"), "title", title),
    field(t("contact.summary"), "summary", summary),
    h("button", { type: "submit" }, t("contact.log")),
    message,
  );
  let key = requestId();

  customer.addEventListener("change", async () => {
    persons.replaceChildren(h("span", { class: "hint" }, t("app.loading")));
    const found = customer.value ? await optional(listAll(`/v1/${customer.value}/persons`, "persons"), []) : [];
    const current = found.filter((p) => !p.retired);
    persons.replaceChildren(
      ...(current.length
        ? current.map((p) => h("label", { class: "choice" }, h("input", { type: "checkbox", name: "person", value: p.name }), " ", p.display_name, p.title ? ` · ${p.title}` : ""))
        : [h("span", { class: "hint" }, t("contact.noPersons"))]),
    );
    persons.dataset.customer = customer.value;
  });

  function showErrors(errors) {
    for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
    for (const node of form.querySelectorAll(".field")) node.classList.remove("invalid");
    const unplaced = [];
    for (const error of errors) {
      const slot = form.querySelector(`.field-error[data-for="${formField(error.field)}"]`);
      if (slot) {
        slot.textContent = error.detail;
        slot.closest(".field").classList.add("invalid");
      } else {
        unplaced.push(error.detail);
      }
    }
    return unplaced;
  }

  function required() {
    const chosen = [...persons.querySelectorAll("input[name=person]:checked")].map((x) => x.value);
    const errors = [];
    if (!customer.value) errors.push({ field: "customer", detail: t("form.required") });
    if (customer.value && !chosen.length) errors.push({ field: "target_persons", detail: t("contact.personRequired") });
    if (!title.value.trim()) errors.push({ field: "title", detail: t("form.required") });
    if (!start.value) errors.push({ field: "start_time", detail: t("form.required") });
    if (!(Number(minutes.value) > 0)) errors.push({ field: "duration", detail: t("contact.minutesPositive") });
    return { chosen, errors };
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    message.className = "form-message";
    const { chosen, errors } = required();
    showErrors(errors);
    if (errors.length) {
      form.dataset.state = "invalid";
      return;
    }
    const body = {
      customer: customer.value,
      type: type.value,
      relationship_type: "key",
      state: state.value,
      title: title.value.trim(),
      summary: summary.value.trim(),
      start_time: new Date(start.value).toISOString(),
      duration: `${Math.round(Number(minutes.value) * 60)}s`,
      target_persons: chosen,
    };
    try {
      const logged = await post("/v1/activities", body, { "Idempotency-Key": key });
      key = requestId();
      title.value = "";
      summary.value = "";
      message.textContent = t("contact.logged", { title: logged.title });
      message.classList.add("ok");
      form.dataset.state = "logged";
      await onLogged(logged);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const unplaced = showErrors(error.problem.errors || []);
      const placed = (error.problem.errors || []).length > unplaced.length;
      message.textContent = unplaced.length ? unplaced.join("; ") : placed ? t("form.fixFields") : error.message;
      message.classList.add("error-text");
      form.dataset.state = "refused";
    }
  });
  return form;
}

export async function render() {
  const [customerList, due, types, recent] = await Promise.all([
    loadCustomers(),
    optional(get("/v1/dueContacts"), null),
    optional(get("/v1/activityTypes"), { activity_types: [] }),
    optional(get("/v1/activities", { page_size: 20 }), null),
  ]);
  const customers = new Map(customerList.map((c) => [c.name, c]));
  const typeNames = typeLabels(types);
  const dueContacts = due?.due_contacts || [];
  const persons = await personNames(dueContacts.map((d) => personOf(d.cadence)));
  const list = h("div", { id: "recent" }, recent ? activityRows(recent.activities || [], customers, typeNames) : empty(t("contact.unavailable")));
  async function refresh(logged) {
    const page = await optional(get("/v1/activities", { page_size: 20 }), { activities: [logged] });
    const activities = page.activities || [];
    if (!activities.some((a) => a.name === logged.name)) activities.unshift(logged);
    list.replaceChildren(activityRows(activities, customers, typeNames, logged.name));
  }
  return h(
    "div",
    { class: "page contact" },
    h("h1", {}, t("contact.pageTitle")),
    h(
      "div",
      { class: "grid" },
      card(t("contact.dueList"), due ? dueTable(dueContacts, customers, persons) : empty(t("contact.unavailable")), h("p", { class: "hint" }, t("contact.dueHint"))),
      card(t("contact.logActivity"), activityForm(customers, types.activity_types || [], refresh)),
    ),
    card(t("contact.recentActivities"), list),
  );
}

// ---------------------------------------------------------------------------------------------
// Customer 360 panels
// ---------------------------------------------------------------------------------------------

/** The cadences of the customer's persons that are due or breached (none: no panel body). */
export async function dueCadencesPanel(customer, { model }) {
  const persons = model?.persons || [];
  const cadences = await mapLimited(persons, 6, (p) => optional(get(`/v1/${p.name}/cadence`)));
  const due = persons
    .map((p, i) => ({ person: p, cadence: cadences[i] }))
    .filter((x) => ["due", "breached"].includes(x.cadence?.status));
  return h(
    "section",
    { class: "card", id: "panel-due-cadences" },
    h("h2", {}, t("contact.dueCadences")),
    due.length
      ? table(
          [t("contact.person"), t("contact.role"), t("contact.status"), t("contact.dueTime"), t("contact.breachTime")],
          due.map(({ person, cadence }) => [person.display_name, roleLabel(cadence.role), statusBadge(cadence.status), formatTime(cadence.due_time), formatTime(cadence.breach_time)]),
          { class: "compact" },
        )
      : empty(t("contact.nothingDueHere")),
  );
}

/** The customer's latest activities the caller may see. */
export async function recentActivitiesPanel(customer) {
  const [page, types] = await Promise.all([
    optional(get("/v1/activities", { customer: customerId(customer.name), page_size: 5 }), null),
    optional(get("/v1/activityTypes"), {}),
  ]);
  return h(
    "section",
    { class: "card", id: "panel-recent-activities" },
    h("h2", {}, t("contact.recentActivities")),
    page ? activityRows(page.activities || [], new Map([[customer.name, customer]]), typeLabels(types)) : empty(t("contact.unavailable")),
  );
}
