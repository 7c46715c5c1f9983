// The power map (权力地图, book ch.6 Fig 6-5) as an SVG picture, from a model that does not say
// where its data came from (see sources.js):
//
//   { source: "planning" | "archive",
//     departments: [{name, display_name, parent}],
//     persons: [{name, display_name, title, department, layer, role?, owners: [{employee, label}],
//                coach, veto, rising_star, support: {us: -3..3 | null, competitor: -3..3 | null,
//                competitors: {code: -3..3}}}],
//     competitor: "the locked main competitor" | null, competitors: [code],
//     gaps: [planning's open coverage gaps],
//     links: [{from, to, kind: "influence" | "confidant" | "conflict" | "reports", bidirectional,
//              strength: 1..3}] }
//
// Notation as in the book: persons in rows by layer and columns by department; the white circle
// on the left holds the owners' initials; a dot at the upper left marks a coach (教练); a star at
// the lower left a veto holder (一票否决); the circle at the upper right is the support for us,
// the one at the lower right the support for the locked competitor; arrows are influence (their
// width its strength), black for confidants, grey dashed for conflicts.

import { s } from "./dom.js";

export const LAYERS = ["senior", "middle", "grassroots", "unspecified"];
const CARD = { width: 176, height: 66, gapX: 36, gapY: 22 };
const HEADER = 44;
const GUTTER = 112;

export const SUPPORT_COLOURS = {
  3: "#166534",
  2: "#16a34a",
  1: "#86efac",
  0: "#e5e7eb",
  "-1": "#fca5a5",
  "-2": "#ef4444",
  "-3": "#991b1b",
};

export function supportColour(level) {
  return level === null || level === undefined ? "#ffffff" : SUPPORT_COLOURS[level] || "#e5e7eb";
}

/** Departments in tree order (parents before children, siblings as given). */
function treeOrder(departments) {
  const known = new Set(departments.map((d) => d.name));
  const children = new Map();
  for (const d of departments) {
    const parent = known.has(d.parent) ? d.parent : "";
    children.set(parent, [...(children.get(parent) || []), d]);
  }
  const ordered = [];
  const visit = (parent, depth) => {
    for (const d of children.get(parent) || []) {
      ordered.push({ ...d, depth });
      visit(d.name, depth + 1);
    }
  };
  visit("", 0);
  return ordered;
}

/** Where everything goes: pure, so it can be checked without drawing. */
export function layoutPowerMap(model) {
  const persons = model.persons || [];
  const columns = treeOrder(model.departments || []).filter((d) =>
    persons.some((p) => p.department === d.name),
  );
  if (persons.some((p) => !columns.some((c) => c.name === p.department))) {
    columns.push({ name: "", display_name: null, depth: 0 });
  }
  const columnOf = (p) => Math.max(0, columns.findIndex((c) => c.name === p.department));
  const rows = LAYERS.filter(
    (layer) => layer !== "unspecified" || persons.some((p) => (p.layer || "unspecified") === layer),
  );
  const stacks = new Map();
  for (const p of persons) {
    const key = `${rows.indexOf(p.layer || "unspecified")}:${columnOf(p)}`;
    stacks.set(key, [...(stacks.get(key) || []), p]);
  }
  const rowHeights = rows.map((_, r) =>
    Math.max(1, ...columns.map((_, c) => (stacks.get(`${r}:${c}`) || []).length)),
  );
  const rowTop = [];
  let y = HEADER;
  for (const height of rowHeights) {
    rowTop.push(y);
    y += height * (CARD.height + CARD.gapY) + CARD.gapY;
  }
  const places = new Map();
  for (const [key, stack] of stacks) {
    const [r, c] = key.split(":").map(Number);
    stack.forEach((p, i) => {
      places.set(p.name, {
        x: GUTTER + c * (CARD.width + CARD.gapX) + CARD.gapX / 2,
        y: rowTop[r] + CARD.gapY + i * (CARD.height + CARD.gapY),
      });
    });
  }
  const width = GUTTER + Math.max(1, columns.length) * (CARD.width + CARD.gapX);
  return { columns, rows, rowTop, rowHeights, places, width, height: y + 8 };
}

function badgeClass(level) {
  return Math.abs(level) >= 2 ? "badge-text on-dark" : "badge-text";
}

function supportBadge(x, y, level, kind, title) {
  const known = level !== null && level !== undefined;
  return s(
    "g",
    { class: `support support-${kind}`, "data-level": known ? level : "" },
    s("title", {}, title),
    s("circle", {
      cx: x,
      cy: y,
      r: 10,
      fill: supportColour(level),
      stroke: "#334155",
      "stroke-dasharray": known ? null : "2 2",
    }),
    s(
      "text",
      { x, y: y + 4, class: badgeClass(level) },
      known ? (level > 0 ? `+${level}` : level) : "?",
    ),
  );
}

function star(cx, cy, r) {
  const points = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 ? r * 0.45 : r;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(" ");
}

/** The card's tooltip: who, the decision role and the support for every competitor. */
function personTitle(p, t) {
  const level = (value) => (value > 0 ? `+${value}` : String(value));
  const competitors = Object.entries(p.support?.competitors || {}).map(
    ([code, value]) => t("powermap.lockedCompetitor", { competitor: `${code} ${level(value)}` }),
  );
  return [p.display_name, p.title, p.role ? t(`decisionRole.${p.role}`) : "", ...competitors]
    .filter(Boolean)
    .join(" · ");
}

function personCard(p, at, t) {
  const { width, height } = CARD;
  const owners = (p.owners || []).map((o) => o.label).join(" ");
  return s(
    "g",
    {
      class: "person",
      transform: `translate(${at.x},${at.y})`,
      "data-person": p.name,
      "data-layer": p.layer || "unspecified",
      "data-department": p.department || "",
      "data-coach": p.coach ? "true" : "false",
      "data-veto": p.veto ? "true" : "false",
      "data-owners": (p.owners || []).map((o) => o.employee).join(" "),
    },
    s("title", {}, personTitle(p, t)),
    s("rect", {
      width,
      height,
      rx: 8,
      fill: supportColour(p.support?.us),
      "fill-opacity": 0.35,
      stroke: p.veto ? "#7f1d1d" : "#475569",
      "stroke-width": p.veto ? 2 : 1,
    }),
    s("text", { x: 24, y: 24, class: "person-name" }, p.display_name),
    s("text", { x: 24, y: 42, class: "person-title" }, p.title || ""),
    p.rising_star
      ? s("text", { x: 24, y: 58, class: "rising" }, `↗ ${t("powermap.risingStar")}`)
      : null,
    // Owners: the white circle at the left with their initials.
    s(
      "g",
      { class: "owner" },
      s("title", {}, `${t("powermap.owner")}: ${(p.owners || []).map((o) => o.employee).join(", ")}`),
      s("circle", { cx: 0, cy: height / 2, r: 13, fill: "#fff", stroke: "#334155" }),
      s("text", { x: 0, y: height / 2 + 3.5, class: "owner-text" }, owners || "–"),
    ),
    p.coach
      ? s("circle", { class: "coach", cx: 8, cy: 8, r: 6, fill: "#0f766e" }, s("title", {}, t("powermap.coach")))
      : null,
    p.veto
      ? s(
          "polygon",
          { class: "veto", points: star(10, height - 9, 8), fill: "#b91c1c" },
          s("title", {}, t("powermap.veto")),
        )
      : null,
    supportBadge(width, 14, p.support?.us, "us", t("powermap.supportUs")),
    supportBadge(width, height - 14, p.support?.competitor, "competitor", t("powermap.supportCompetitor")),
  );
}

function edgePoint(from, to) {
  // From the centre of one card towards another, leaving at the card's border.
  const cx = from.x + CARD.width / 2;
  const cy = from.y + CARD.height / 2;
  const dx = to.x + CARD.width / 2 - cx;
  const dy = to.y + CARD.height / 2 - cy;
  const scale = 1 / Math.max(Math.abs(dx) / (CARD.width / 2 + 6), Math.abs(dy) / (CARD.height / 2 + 6), 1e-9);
  return { x: cx + dx * Math.min(1, scale), y: cy + dy * Math.min(1, scale) };
}

const LINK_STYLE = {
  influence: { stroke: "#1e3a8a", dash: null, arrow: true },
  confidant: { stroke: "#0f172a", dash: null, arrow: true },
  conflict: { stroke: "#94a3b8", dash: "7 5", arrow: true },
  reports: { stroke: "#cbd5e1", dash: "2 4", arrow: false },
};

function link(l, places) {
  const from = places.get(l.from);
  const to = places.get(l.to);
  if (!from || !to) return null;
  const a = edgePoint(from, to);
  const b = edgePoint(to, from);
  const style = LINK_STYLE[l.kind] || LINK_STYLE.influence;
  return s("line", {
    class: `link link-${l.kind}`,
    "data-from": l.from,
    "data-to": l.to,
    x1: a.x,
    y1: a.y,
    x2: b.x,
    y2: b.y,
    stroke: style.stroke,
    "stroke-width": l.kind === "reports" ? 1 : 1 + (l.strength || 1),
    "stroke-dasharray": style.dash,
    "marker-end": style.arrow ? `url(#arrow-${l.kind})` : null,
    "marker-start": style.arrow && l.bidirectional ? `url(#arrow-${l.kind}-start)` : null,
  });
}

function markers() {
  return s(
    "defs",
    {},
    Object.entries(LINK_STYLE)
      .filter(([, style]) => style.arrow)
      .flatMap(([kind, style]) =>
        ["", "-start"].map((suffix) =>
          s(
            "marker",
            {
              id: `arrow-${kind}${suffix}`,
              viewBox: "0 0 10 10",
              refX: 9,
              refY: 5,
              markerWidth: 6,
              markerHeight: 6,
              orient: suffix ? "auto-start-reverse" : "auto",
            },
            s("path", { d: "M0,0 L10,5 L0,10 z", fill: style.stroke }),
          ),
        ),
      ),
  );
}

/** The power map of `model` as an <svg>; t translates the labels. */
export function renderPowerMap(model, t) {
  const layout = layoutPowerMap(model);
  const { columns, rows, rowTop, rowHeights, places, width, height } = layout;
  return s(
    "svg",
    {
      class: "power-map",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-label": t("powermap.title"),
    },
    markers(),
    rows.map((layer, r) =>
      s(
        "g",
        { class: "layer", "data-layer": layer },
        s("rect", {
          x: 0,
          y: rowTop[r],
          width,
          height: rowHeights[r] * (CARD.height + CARD.gapY) + CARD.gapY,
          fill: r % 2 ? "#f8fafc" : "#eef2f7",
        }),
        s("text", { x: 10, y: rowTop[r] + 26, class: "layer-label" }, t(`layer.${layer}`)),
      ),
    ),
    columns.map((c, i) =>
      s(
        "text",
        {
          x: GUTTER + i * (CARD.width + CARD.gapX) + CARD.gapX / 2,
          y: HEADER - 14,
          class: "department-label",
          "data-department": c.name,
        },
        `${"› ".repeat(c.depth)}${c.display_name ?? t("powermap.noDepartment")}`,
      ),
    ),
    s("g", { class: "links" }, (model.links || []).map((l) => link(l, places))),
    s(
      "g",
      { class: "persons" },
      (model.persons || []).map((p) => personCard(p, places.get(p.name), t)),
    ),
  );
}

/** The key to the notation, as its own small SVG. */
export function powerMapLegend(t, competitor) {
  const items = [
    ["support", t("powermap.legendSupport")],
    ["coach", t("powermap.coach")],
    ["veto", t("powermap.veto")],
    ["owner", t("powermap.owner")],
    ["influence", t("powermap.influence")],
    ["confidant", t("powermap.confidant")],
    ["conflict", t("powermap.conflict")],
    ["reports", t("powermap.reports")],
  ];
  const levels = [3, 2, 1, 0, -1, -2, -3];
  return s(
    "svg",
    { class: "power-map-legend", viewBox: "0 0 980 78", width: 980, height: 78 },
    levels.map((level, i) => [
      s("circle", { cx: 14 + i * 30, cy: 16, r: 10, fill: supportColour(level), stroke: "#334155" }),
      s("text", { x: 14 + i * 30, y: 20, class: badgeClass(level) }, level > 0 ? `+${level}` : level),
    ]),
    s("text", { x: 230, y: 20 }, `${t("powermap.legendSupport")}${competitor ? ` · ${t("powermap.lockedCompetitor", { competitor })}` : ""}`),
    items.slice(1).map(([kind, label], i) => {
      const x = 10 + i * 108;
      const y = 54;
      const mark = {
        coach: s("circle", { cx: x + 6, cy: y, r: 6, fill: "#0f766e" }),
        veto: s("polygon", { points: star(x + 6, y, 8), fill: "#b91c1c" }),
        owner: s("circle", { cx: x + 6, cy: y, r: 8, fill: "#fff", stroke: "#334155" }),
      }[kind] ?? s("line", {
        x1: x,
        y1: y,
        x2: x + 22,
        y2: y,
        stroke: LINK_STYLE[kind].stroke,
        "stroke-width": 2,
        "stroke-dasharray": LINK_STYLE[kind].dash,
      });
      return [mark, s("text", { x: x + 26, y: y + 4 }, label)];
    }),
  );
}
