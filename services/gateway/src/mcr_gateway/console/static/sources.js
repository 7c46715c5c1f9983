// Where pages get their data. Each source is one function, so a page does not change when its
// data moves: the power map reads the archive's persons and departments today and planning's
// power-map resource once that exists (replace loadPowerMap's body, keep its model).

import { get, listAll, optional } from "./api.js";

function initials(displayName, employee) {
  if (!displayName) return employee.replace(/^employees\//, "").slice(-4);
  const words = displayName.trim().split(/\s+/);
  if (words.length > 1) return words.map((w) => w[0]).join("").slice(0, 3).toUpperCase();
  return [...displayName].slice(0, 2).join("");
}

export async function loadEmployees() {
  const employees = await optional(listAll("/v1/employees", "employees"), []);
  return new Map(employees.map((e) => [e.name, e]));
}

/** The power map model of powermap.js for one customer. */
export async function loadPowerMap(customerId, { employees } = {}) {
  const base = `/v1/customers/${encodeURIComponent(customerId)}`;
  const [{ departments }, persons, staff] = await Promise.all([
    get(`${base}/departments`),
    listAll(`${base}/persons`, "persons"),
    employees ?? loadEmployees(),
  ]);
  const current = persons.filter((p) => !p.retired);
  return {
    departments: departments.map((d) => ({
      name: d.name,
      display_name: d.display_name,
      parent: d.parent_department,
    })),
    persons: current.map((p) => ({
      name: p.name,
      display_name: p.display_name,
      title: p.title,
      department: p.department,
      layer: p.layer,
      owners: p.owner
        ? [{ employee: p.owner, label: initials(staff.get(p.owner)?.display_name, p.owner) }]
        : [],
      coach: false, // assessed in planning
      veto: p.veto_holder,
      rising_star: p.rising_star,
      support: { us: null, competitor: null }, // assessed in planning
    })),
    competitor: null,
    links: reportingLines(current, departments),
  };
}

/** Until planning records influence, the chart's own lines: each department's most senior
 * person answers to the most senior person of the parent department. */
function reportingLines(persons, departments) {
  const rank = { senior: 0, middle: 1, grassroots: 2, unspecified: 3 };
  const head = new Map();
  for (const p of persons) {
    const best = head.get(p.department);
    if (!best || rank[p.layer] < rank[best.layer]) head.set(p.department, p);
  }
  const parentOf = new Map(departments.map((d) => [d.name, d.parent_department]));
  const lines = [];
  for (const [department, person] of head) {
    let parent = parentOf.get(department);
    while (parent && !head.has(parent)) parent = parentOf.get(parent);
    if (parent) lines.push({ from: person.name, to: head.get(parent).name, kind: "reports" });
  }
  return lines;
}

/** Every customer the caller may see. */
export function loadCustomers(filter = "") {
  return listAll("/v1/customers", "customers", { filter });
}

/** A customer's tier changes, newest first ([] while insight is unreachable). */
export async function loadTierHistory(customerId) {
  const page = await optional(
    get(`/v1/customers/${encodeURIComponent(customerId)}/tierHistory`, { page_size: 100 }),
    { entries: [] },
  );
  return page.entries || [];
}
