// The organisation chart a team keeps: departments and persons added and edited in place, and a
// person moved to another department by dragging it there or, from the keyboard, with the
// person's "move to" list. Every change goes through the archive's REST API with the etag read.

import { ApiError, listAll, get, post, send } from "../api.js";
import { h } from "../dom.js";
import { changed, checkbox, editForm, field, input, opener, reload, select, whoChanged } from "../forms.js";
import { t } from "../i18n.js";
import { empty } from "../pages/common.js";

const LAYERS = ["unspecified", "senior", "middle", "grassroots"];

export async function loadChart(customerId) {
  const base = `/v1/customers/${encodeURIComponent(customerId)}`;
  const [{ departments }, persons] = await Promise.all([get(`${base}/departments`), listAll(`${base}/persons`, "persons")]);
  return { base, departments, persons: persons.filter((p) => !p.retired) };
}

function departmentOptions(chart, { none = t("org.noDepartment"), except = "" } = {}) {
  return [["", none], ...chart.departments.filter((d) => d.name !== except).map((d) => [d.name, d.display_name])];
}

function required(values) {
  return values.display_name ? [] : [{ field: "display_name", detail: t("form.required") }];
}

function departmentForm(chart, department, close) {
  const d = department || {};
  const fields = [
    field(t("org.departmentName"), "display_name", input("display_name", d.display_name, { autocomplete: "off" })),
    field(t("org.parentDepartment"), "parent_department", select("parent_department", d.parent_department, departmentOptions(chart, { none: t("org.topLevel"), except: d.name }))),
  ];
  return editForm({
    id: department ? "department-edit-form" : "department-form",
    fields,
    submitLabel: department ? t("form.save") : t("org.addDepartment"),
    check: required,
    save: (values) =>
      department
        ? send("PATCH", `/v1/${d.name}`, changed(d, values), { ifMatch: d.etag })
        : post(`${chart.base}/departments`, values),
    cancel: close,
    stale: department ? () => whoChanged(d, { display_name: t("org.departmentName"), parent_department: t("org.parentDepartment") }) : undefined,
  });
}

function personLabels() {
  return {
    display_name: t("org.personName"),
    title: t("org.title"),
    department: t("org.department"),
    layer: t("org.layer"),
    reports_to: t("org.reportsTo"),
    veto_holder: t("powermap.veto"),
    rising_star: t("org.risingStar"),
  };
}

export function personForm(chart, person, close) {
  const p = person || {};
  const label = personLabels();
  const others = chart.persons.filter((x) => x.name !== p.name);
  const fields = [
    field(label.display_name, "display_name", input("display_name", p.display_name, { autocomplete: "off" })),
    field(label.title, "title", input("title", p.title)),
    field(label.department, "department", select("department", p.department, departmentOptions(chart))),
    field(label.layer, "layer", select("layer", p.layer || "unspecified", LAYERS.map((l) => [l, t(`layer.${l}`)]))),
    field(label.reports_to, "reports_to", select("reports_to", p.reports_to, [["", "—"], ...others.map((x) => [x.name, x.display_name])])),
    h("div", { class: "choices" }, checkbox(label.veto_holder, "veto_holder", p.veto_holder), checkbox(label.rising_star, "rising_star", p.rising_star)),
  ];
  return editForm({
    id: person ? "person-edit-form" : "person-form",
    fields,
    submitLabel: person ? t("form.save") : t("org.addPerson"),
    check: required,
    save: (values) =>
      person
        ? send("PATCH", `/v1/${p.name}`, changed(p, values), { ifMatch: p.etag })
        : post(`${chart.base}/persons`, values),
    cancel: close,
    stale: person ? () => whoChanged(p, label) : undefined,
  });
}

/** Move a person to another department with the etag read; a refusal is said in `status`. */
async function move(person, department, status) {
  if (person.department === department) return;
  status.className = "form-message";
  status.textContent = t("org.moving", { name: person.display_name });
  try {
    await send("PATCH", `/v1/${person.name}`, { department }, { ifMatch: person.etag });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    status.classList.add("error-text");
    if (error.status === 412) {
      const again = h("button", { type: "button", class: "secondary", id: "org-reload", onclick: reload }, t("form.reload"));
      status.replaceChildren(await whoChanged(person, personLabels()), " ", again);
    } else {
      status.textContent = error.message;
    }
    status.dataset.state = error.status === 412 ? "stale" : "refused";
    return;
  }
  reload();
}

function personItem(chart, person, status) {
  const target = select("move-to", person.department, departmentOptions(chart), { "aria-label": t("org.moveTo", { name: person.display_name }) });
  const item = h(
    "li",
    { class: "person-item", draggable: "true", "data-person": person.name },
    h("span", { class: "person-name" }, person.display_name),
    h("span", { class: "hint" }, ` ${person.title || ""} · ${t(`layer.${person.layer || "unspecified"}`)}`),
    person.veto_holder ? h("span", { class: "mark veto-mark" }, ` ★ ${t("powermap.veto")}`) : null,
    h(
      "span",
      { class: "person-tools" },
      target,
      h("button", { type: "button", class: "secondary move", onclick: () => move(person, target.value, status) }, t("org.move")),
      opener(t("form.edit"), h("span"), (close) => personForm(chart, person, close), { class: "secondary edit-person", "aria-label": t("org.editPerson", { name: person.display_name }) }),
    ),
  );
  item.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", person.name);
    event.dataTransfer.effectAllowed = "move";
  });
  return item;
}

/** A drop target: persons dragged onto it move to `department` ("" for none). */
function dropTarget(node, chart, department, status) {
  node.addEventListener("dragover", (event) => {
    event.preventDefault();
    event.stopPropagation();
    node.classList.add("drop-here");
  });
  node.addEventListener("dragleave", () => node.classList.remove("drop-here"));
  node.addEventListener("drop", (event) => {
    event.preventDefault();
    event.stopPropagation();
    node.classList.remove("drop-here");
    const person = chart.persons.find((p) => p.name === event.dataTransfer.getData("text/plain"));
    if (person) move(person, department, status);
  });
  return node;
}

function tree(chart, status) {
  const children = new Map();
  for (const d of chart.departments) children.set(d.parent_department || "", [...(children.get(d.parent_department || "") || []), d]);
  const people = (department) => chart.persons.filter((p) => (p.department || "") === department).map((p) => personItem(chart, p, status));
  const branch = (parent) => {
    const departments = children.get(parent) || [];
    if (!departments.length) return null;
    return h(
      "ul",
      { class: "tree" },
      departments.map((d) =>
        dropTarget(
          h(
            "li",
            { "data-department": d.name, class: "department" },
            h("strong", {}, d.display_name),
            opener(t("form.edit"), h("span"), (close) => departmentForm(chart, d, close), { class: "secondary edit-department", "aria-label": t("org.editDepartment", { name: d.display_name }) }),
            h("ul", { class: "people" }, people(d.name)),
            branch(d.name),
          ),
          chart,
          d.name,
          status,
        ),
      ),
    );
  };
  const loose = people("");
  return [
    branch(""),
    loose.length ? dropTarget(h("div", { class: "department", "data-department": "" }, h("strong", {}, t("org.noDepartment")), h("ul", { class: "people" }, loose)), chart, "", status) : null,
  ];
}

/** The organisation chart card's content. */
export function orgChartPanel(chart) {
  const status = h("p", { class: "form-message", id: "org-status", role: "status" });
  return h(
    "div",
    { id: "org-chart" },
    chart.departments.length || chart.persons.length ? tree(chart, status) : empty(t("customer.noChart")),
    status,
    h(
      "div",
      { class: "form-openers" },
      opener(t("org.addDepartment"), h("span"), (close) => departmentForm(chart, null, close), { id: "add-department" }),
      opener(t("org.addPerson"), h("span"), (close) => personForm(chart, null, close), { id: "add-person" }),
    ),
    h("p", { class: "hint" }, t("org.dragHint")),
  );
}
