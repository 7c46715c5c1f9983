// Small SVG charts without a library: horizontal bars, grouped (paired) bars, a from→to
// migration matrix, lines over years and a mosaic (columns as wide as their share, split by the
// shares within).

import { s } from "./dom.js";

const PALETTE = ["#1d4ed8", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#4b5563"];

/** bars: [{label, value, color?}] → an SVG bar chart, one row per bar. */
export function barChart(bars, { width = 420, row = 28, max, format = String, valueWidth = 60 } = {}) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const labelWidth = 120;
  const room = width - labelWidth - valueWidth;
  const height = Math.max(row, bars.length * row);
  return s(
    "svg",
    { class: "chart bars", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    bars.map((bar, i) => {
      const y = i * row;
      const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * room);
      return s(
        "g",
        { class: "bar", "data-label": bar.label, "data-value": bar.value },
        s("text", { x: 0, y: y + row * 0.65, class: "label" }, bar.label),
        s("rect", {
          x: labelWidth,
          y: y + 4,
          width: length,
          height: row - 8,
          rx: 3,
          fill: bar.color || PALETTE[i % PALETTE.length],
        }),
        s("text", { x: labelWidth + length + 6, y: y + row * 0.65, class: "value" }, format(bar.value)),
      );
    }),
  );
}

/** cells: Map "from→to" → count; tiers: the axis order. Rows are from, columns to. */
export function migrationMatrix(cells, tiers, { cell = 44, newLabel = "new" } = {}) {
  const rows = [newLabel, ...tiers];
  const size = (tiers.length + 1) * cell + cell;
  const top = Math.max(1, ...cells.values());
  return s(
    "svg",
    { class: "chart matrix", viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: "img" },
    tiers.map((tier, j) =>
      s("text", { x: cell * (j + 1.5) + cell / 2, y: cell * 0.6, class: "axis" }, tier),
    ),
    rows.map((from, i) => [
      s("text", { x: cell * 0.75, y: cell * (i + 1) + cell * 0.6, class: "axis" }, from),
      tiers.map((to, j) => {
        const count = cells.get(`${i === 0 ? "" : from}→${to}`) || 0;
        const x = cell * (j + 1.5);
        const y = cell * (i + 1);
        return s(
          "g",
          { class: "cell", "data-from": i === 0 ? "" : from, "data-to": to, "data-count": count },
          s("rect", {
            x,
            y,
            width: cell - 2,
            height: cell - 2,
            rx: 4,
            fill: count ? "#1d4ed8" : "#f1f5f9",
            "fill-opacity": count ? 0.25 + (0.75 * count) / top : 1,
          }),
          count ? s("text", { x: x + cell / 2 - 1, y: y + cell * 0.6, class: "count" }, count) : null,
        );
      }),
    ]),
  );
}

/** series: [{key, label, color?, dash?, points: [{x, y}]}] over numeric x (years) → an SVG line
 * chart with a dot per point; `marks` colours a dot by its point (e.g. a shortfall). */
export function lineChart(series, { width = 640, height = 260, format = String, mark } = {}) {
  const pad = { left: 84, right: 16, top: 16, bottom: 44 };
  const points = series.flatMap((line) => line.points);
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const top = Math.max(1, ...points.map((p) => p.y));
  const x = (value) =>
    pad.left + (xs.length > 1 ? ((xs.indexOf(value) / (xs.length - 1)) * (width - pad.left - pad.right)) : 0);
  const y = (value) => pad.top + (1 - value / top) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.5, 1].map((f) => top * f);
  return s(
    "svg",
    { class: "chart lines", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    ticks.map((tick) => [
      s("line", { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), stroke: "#e2e8f0" }),
      s("text", { x: pad.left - 6, y: y(tick) + 4, class: "tick" }, format(tick)),
    ]),
    xs.map((value) => s("text", { x: x(value), y: height - pad.bottom + 18, class: "axis" }, value)),
    series.map((line, i) => {
      const color = line.color || PALETTE[i % PALETTE.length];
      const sorted = [...line.points].sort((a, b) => a.x - b.x);
      return s(
        "g",
        { class: "series", "data-series": line.key },
        s("polyline", {
          points: sorted.map((p) => `${x(p.x)},${y(p.y)}`).join(" "),
          fill: "none",
          stroke: color,
          "stroke-width": 2,
          "stroke-dasharray": line.dash || null,
        }),
        sorted.map((p) =>
          s(
            "circle",
            { class: "point", cx: x(p.x), cy: y(p.y), r: 4, fill: mark?.(line, p) || color, "data-x": p.x, "data-y": p.y },
            s("title", {}, `${line.label} ${p.x}: ${format(p.y)}`),
          ),
        ),
      );
    }),
    series.map((line, i) => {
      const lx = pad.left + i * 170;
      return s(
        "g",
        { class: "legend" },
        s("line", { x1: lx, x2: lx + 22, y1: height - 10, y2: height - 10, stroke: line.color || PALETTE[i % PALETTE.length], "stroke-width": 2, "stroke-dasharray": line.dash || null }),
        s("text", { x: lx + 28, y: height - 6 }, line.label),
      );
    }),
  );
}

/** columns: [{label, share, parts: [{key, label, share}]}] with shares in percent → a mosaic:
 * each column as wide as its share, split bottom-up by its parts' shares (the rest left blank).
 * `colors` maps a part's key to its colour. */
export function mosaicChart(columns, { width = 640, height = 280, colors = {} } = {}) {
  const pad = { top: 8, bottom: 40 };
  const room = height - pad.top - pad.bottom;
  const total = columns.reduce((sum, c) => sum + c.share, 0) || 1;
  const keys = [...new Set(columns.flatMap((c) => c.parts.map((p) => p.key)))];
  const colour = (key) => colors[key] || PALETTE[keys.indexOf(key) % PALETTE.length];
  let left = 0;
  return s(
    "svg",
    { class: "chart mosaic", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    columns.map((column) => {
      const w = (column.share / total) * width;
      const x = left;
      left += w;
      let bottom = pad.top + room;
      return s(
        "g",
        { class: "column", "data-label": column.label, "data-share": column.share },
        s("rect", { x: x + 1, y: pad.top, width: Math.max(0, w - 2), height: room, fill: "#f1f5f9" }),
        column.parts.map((part) => {
          const hgt = (part.share / 100) * room;
          bottom -= hgt;
          return s(
            "g",
            { class: "part", "data-key": part.key, "data-share": part.share },
            s("title", {}, `${column.label} · ${part.label}: ${part.share}%`),
            s("rect", { x: x + 1, y: bottom, width: Math.max(0, w - 2), height: hgt, fill: colour(part.key) }),
            hgt > 16 && w > 36 ? s("text", { x: x + w / 2, y: bottom + hgt / 2 + 4, class: "part-label" }, `${part.share}%`) : null,
          );
        }),
        s("text", { x: x + w / 2, y: height - pad.bottom + 16, class: "axis" }, column.label),
        s("text", { x: x + w / 2, y: height - pad.bottom + 32, class: "axis" }, `${column.share}%`),
      );
    }),
  );
}

/** groups: [{label, values: [number per series]}]; series: [{label, color?}] → vertical bars,
 * one group per label with one bar per series side by side (e.g. expectation vs perception),
 * a value axis from 0 to `max` and a legend. */
export function groupedBarChart(groups, series, { max, height = 220, group = 120, format = String } = {}) {
  const top = max ?? Math.max(1, ...groups.flatMap((g) => g.values));
  const axis = 32;
  const legend = 24;
  const labelRoom = 34;
  const plot = height - legend - labelRoom;
  const bar = Math.min(28, (group - 20) / series.length);
  const width = axis + groups.length * group;
  const y = (value) => legend + plot - (value / top) * plot;
  const colour = (i) => series[i].color || PALETTE[i % PALETTE.length];
  return s(
    "svg",
    { class: "chart grouped", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" },
    series.map((one, i) =>
      s(
        "g",
        { class: "legend" },
        s("rect", { x: axis + i * 130, y: 4, width: 12, height: 12, rx: 2, fill: colour(i) }),
        s("text", { x: axis + i * 130 + 16, y: 14 }, one.label),
      ),
    ),
    [0, top / 2, top].map((tick) =>
      s(
        "g",
        { class: "tick" },
        s("line", { x1: axis - 4, x2: width, y1: y(tick), y2: y(tick), stroke: "#e2e8f0" }),
        s("text", { x: axis - 8, y: y(tick) + 4, class: "tick-label", "text-anchor": "end" }, format(tick)),
      ),
    ),
    groups.map((g, j) => {
      const left = axis + j * group + (group - bar * series.length) / 2;
      return s(
        "g",
        { class: "group", "data-label": g.label },
        g.values.map((value, i) =>
          s(
            "g",
            { class: "bar", "data-series": series[i].label, "data-value": value },
            s("rect", {
              x: left + i * bar,
              y: y(value),
              width: bar - 3,
              height: Math.max(0, legend + plot - y(value)),
              rx: 2,
              fill: colour(i),
            }),
            s("text", { x: left + i * bar + (bar - 3) / 2, y: y(value) - 4, class: "value", "text-anchor": "middle" }, format(value)),
          ),
        ),
        s("text", { x: axis + j * group + group / 2, y: height - 12, class: "axis" }, g.label),
      );
    }),
  );
}
