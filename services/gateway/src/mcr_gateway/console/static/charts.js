// Small SVG charts without a library: horizontal bars, grouped (paired) bars and a from→to
// migration matrix.

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
