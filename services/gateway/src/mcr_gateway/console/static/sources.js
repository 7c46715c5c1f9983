// Where pages get their data. Each source is one function, so a page does not change when its
// data moves: the power map is planning's (support, coach and veto marks, influence and conflict
// lines, owners) drawn over the archive's persons and departments, and the archive's alone when
// planning is unreachable or has no map of the customer (the model's `source` says which).

import { ApiError, get, listAll, optional } from "./api.js";

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

/** Planning's power map of a customer, or null when planning is down or has none to show. */
export async function loadPlanningPowerMap(customerId) {
  try {
    return await get(`/v1/customers/${encodeURIComponent(customerId)}/powerMap`);
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

/** The power map model of powermap.js for one customer. */
export async function loadPowerMap(customerId, { employees, team } = {}) {
  const base = `/v1/customers/${encodeURIComponent(customerId)}`;
  const [{ departments }, persons, staff, planned, accountTeam] = await Promise.all([
    get(`${base}/departments`),
    listAll(`${base}/persons`, "persons"),
    employees ?? loadEmployees(),
    loadPlanningPowerMap(customerId),
    team !== undefined ? team : optional(get(`${base}/accountTeam`)),
  ]);
  const current = persons.filter((p) => !p.retired);
  const owner = (employee) => ({ employee, label: initials(staff.get(employee)?.display_name, employee) });
  const model = {
    source: "archive",
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
      owners: p.owner ? [owner(p.owner)] : [],
      coach: false,
      veto: p.veto_holder,
      rising_star: p.rising_star,
      support: { us: null, competitor: null, competitors: {} },
    })),
    competitor: null,
    competitors: [],
    gaps: [],
    links: reportingLines(current, departments),
  };
  const drawn = planned?.persons?.length ? withPlanning(model, planned, owner) : model;
  return withTeam(drawn, accountTeam, owner);
}

/** The account team on the map: each member among the owners of the persons they are paired
 * with, after the person's own owner. */
function withTeam(model, team, owner) {
  for (const member of team?.members || []) {
    for (const paired of member.paired_persons || []) {
      const person = model.persons.find((p) => p.name === paired);
      if (person && !(person.owners || []).some((o) => o.employee === member.employee)) {
        person.owners = [...(person.owners || []), owner(member.employee)];
      }
    }
  }
  return model;
}

// Planning's layers are the book's low / middle / high; the archive's are its own words.
const PLANNING_LAYERS = { high: "senior", middle: "middle", low: "grassroots" };
const PLANNING_LINKS = { reporting: "reports", influence: "influence", conflict: "conflict" };

/** The archive's model with planning's assessments on it: the persons planning mapped get
 * their support, marks and owner; persons only planning knows are added. */
function withPlanning(model, planned, owner) {
  const byName = new Map(model.persons.map((p) => [p.name, p]));
  for (const mapped of planned.persons) {
    let person = byName.get(mapped.person);
    if (!person) {
      person = { name: mapped.person, display_name: mapped.display_name, title: "", department: "",
        layer: PLANNING_LAYERS[mapped.layer] || "unspecified", rising_star: false };
      byName.set(person.name, person);
      model.persons.push(person);
    }
    const competitors = mapped.competitor_support || {};
    Object.assign(person, {
      role: mapped.role,
      coach: Boolean(mapped.coach),
      veto: Boolean(mapped.veto) || person.veto,
      owners: mapped.owner ? [owner(mapped.owner)] : person.owners || [],
      support: { us: mapped.support ?? 0, competitor: null, competitors },
    });
  }
  model.competitors = [...new Set(planned.persons.flatMap((p) => Object.keys(p.competitor_support || {})))].sort();
  model.competitor = mainCompetitor(planned.persons);
  for (const p of model.persons) {
    if (model.competitor && p.support.competitors?.[model.competitor] !== undefined) {
      p.support.competitor = p.support.competitors[model.competitor];
    }
  }
  const edges = (planned.edges || []).map((e) => ({ from: e.source, to: e.target, kind: PLANNING_LINKS[e.kind] || "influence" }));
  // The chart's reporting lines stay as the background unless planning drew its own.
  const reports = edges.some((e) => e.kind === "reports") ? [] : model.links;
  return { ...model, source: "planning", gaps: planned.gaps || [], links: [...reports, ...edges] };
}

/** The competitor the map is locked on: the one most persons support (ties by name). */
function mainCompetitor(persons) {
  const weight = new Map();
  for (const p of persons) {
    for (const [code, level] of Object.entries(p.competitor_support || {})) {
      weight.set(code, (weight.get(code) || 0) + Math.max(0, level) + 0.01);
    }
  }
  return [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** The chart's own lines: each department's most senior person answers to the most senior
 * person of the parent department. */
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
