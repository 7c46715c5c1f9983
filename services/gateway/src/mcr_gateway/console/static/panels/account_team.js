// Staffing the account team: members, their roles, backups and the persons each one is paired
// with (the power map shows a member's initials on the persons they are paired with). The
// archive takes the whole team at once, with the etag read.

import { send } from "../api.js";
import { h } from "../dom.js";
import { editForm, field, input, opener, select, whoChanged } from "../forms.js";
import { t } from "../i18n.js";
import { employeeLabel } from "../pages/common.js";

const ROLES = ["customer_manager", "product_manager", "delivery_manager", "solution_manager", "service_manager"];

function roleLabel(role) {
  return t(`role.${(role || "TEAM_ROLE_UNSPECIFIED").replace("TEAM_ROLE_", "").toLowerCase()}`);
}

function memberRow(index, member, employees, persons, remove) {
  const key = `members[${index}]`;
  // Any colleague by id; the ones the caller may see are offered (a list of their unit).
  const colleague = (name, value) => input(name, (value || "").replace(/^employees\//, ""), { list: "team-employees", placeholder: "e-1002", autocomplete: "off" });
  return h(
    "fieldset",
    { class: "member", "data-member": index },
    h("legend", {}, t("team.memberN", { n: index + 1 })),
    field(t("team.member"), `${key}.employee`, colleague(`${key}.employee`, member.employee)),
    field(t("team.role"), `${key}.role`, select(`${key}.role`, member.role || "TEAM_ROLE_CUSTOMER_MANAGER", ROLES.map((r) => [`TEAM_ROLE_${r.toUpperCase()}`, roleLabel(r)]))),
    field(t("team.backupFor"), `${key}.backup_for`, colleague(`${key}.backup_for`, member.backup_for)),
    field(
      t("team.paired"),
      `${key}.paired_persons`,
      h(
        "div",
        { class: "choices" },
        persons.map((p) =>
          h("label", { class: "choice" }, h("input", { type: "checkbox", name: `${key}.paired:${p.name}`, checked: (member.paired_persons || []).includes(p.name) }), " ", p.display_name),
        ),
      ),
    ),
    h("button", { type: "button", class: "secondary remove-member", onclick: remove }, t("team.remove")),
  );
}

function employeeName(value) {
  return value && !value.startsWith("employees/") ? `employees/${value}` : value;
}

/** The team the form's values describe. */
function teamOf(values, count) {
  const members = [];
  for (let i = 0; i < count; i++) {
    const key = `members[${i}]`;
    if (!(`${key}.employee` in values)) continue; // removed
    const paired = Object.keys(values).filter((k) => k.startsWith(`${key}.paired:`) && values[k]);
    members.push({
      employee: employeeName(values[`${key}.employee`]),
      role: values[`${key}.role`],
      backup_for: employeeName(values[`${key}.backup_for`]),
      paired_persons: paired.map((k) => k.slice(`${key}.paired:`.length)),
    });
  }
  return { members };
}

function teamForm(customer, team, employees, persons, close) {
  const rows = h("div", { class: "members" });
  let count = 0;
  const add = (member) => {
    const row = memberRow(count++, member, employees, persons, () => row.remove());
    rows.append(row);
    return row;
  };
  for (const member of team?.members || []) add(member);
  if (!count) add({});
  const more = h("button", { type: "button", class: "secondary", id: "add-member" }, t("team.addMember"));
  more.addEventListener("click", () => add({}).querySelector("input")?.focus());
  const known = h("datalist", { id: "team-employees" }, [...employees.values()].map((e) => h("option", { value: e.name.replace(/^employees\//, "") }, employeeLabel(e.name, employees))));
  return editForm({
    id: "team-form",
    fields: [rows, more, known],
    check: (values) =>
      Object.entries(values)
        .filter(([key, value]) => /^members\[\d+\]\.employee$/.test(key) && !value)
        .map(([key]) => ({ field: key, detail: t("form.required") })),
    save: (values) => send("PUT", `/v1/customers/${customer.id}/accountTeam`, teamOf(values, count), { ifMatch: team?.etag || "" }),
    cancel: close,
    stale: () => whoChanged({ ...team, name: `customers/${customer.id}/accountTeam` }),
  });
}

/** The account team card's content: the team, and the form to restaff it. */
export function accountTeamPanel(customer, team, employees, persons) {
  const members = team?.members || [];
  const names = new Map(persons.map((p) => [p.name, p.display_name]));
  const view = members.length
    ? h(
        "table",
        { id: "account-team" },
        h("thead", {}, h("tr", {}, [t("team.member"), t("team.role"), t("team.backupFor"), t("team.paired")].map((x) => h("th", {}, x)))),
        h(
          "tbody",
          {},
          members.map((m) =>
            h(
              "tr",
              { "data-employee": m.employee },
              h("td", {}, employeeLabel(m.employee, employees)),
              h("td", {}, roleLabel(m.role)),
              h("td", {}, m.backup_for ? employeeLabel(m.backup_for, employees) : ""),
              h("td", {}, (m.paired_persons || []).map((p) => names.get(p) || p).join(", ")),
            ),
          ),
        ),
      )
    : h("p", { class: "empty" }, t("team.none"));
  return opener(t("team.edit"), view, (close) => teamForm(customer, team, employees, persons, close), { id: "edit-team" });
}
