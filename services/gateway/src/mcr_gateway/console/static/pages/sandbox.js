// The strategic sandbox: try other tier thresholds and dimension weights and see, before
// anything changes, how many customers of the region each tier would hold and how many would
// move. Counts only: the region's customers are not all yours to see.

import { ApiError, get, post } from "../api.js";
import { barChart, migrationMatrix } from "../charts.js";
import { h } from "../dom.js";
import { currentLanguage, formatNumber, t } from "../i18n.js";
import { card, empty } from "./common.js";

function evaluate(configuration) {
  return post("/v1/tierConfiguration:evaluate", configuration);
}

function tierName(definition) {
  const local = currentLanguage() === "zh" ? definition.local_name : definition.display_name;
  return local ? `${definition.code} · ${local}` : definition.code;
}

function results(evaluation, tiers) {
  const counts = evaluation.tier_counts || {};
  const cells = new Map();
  let moved = 0;
  for (const m of evaluation.migrations || []) {
    cells.set(`${m.from_tier || ""}→${m.to_tier}`, m.count);
    if (m.from_tier && m.from_tier !== m.to_tier) moved += m.count;
  }
  return h(
    "div",
    { id: "sandbox-results" },
    h("p", { class: "hint" }, t("sandbox.summary", { n: formatNumber(evaluation.customers_evaluated || 0), moved: formatNumber(moved) })),
    h(
      "div",
      { class: "grid" },
      card(t("sandbox.wouldHold"), barChart(tiers.map((tier) => ({ label: tier, value: counts[tier] || 0 })))),
      card(t("sandbox.wouldMove"), (evaluation.migrations || []).length ? migrationMatrix(cells, tiers, { newLabel: t("dashboard.new") }) : empty(t("sandbox.noMoves"))),
    ),
  );
}

export async function render() {
  const { tiers: definitions = [] } = await get("/v1/tierDefinitions");
  const codes = definitions.map((d) => d.code);
  const output = h("div", { id: "sandbox-output" });
  const inputs = definitions.map((d) =>
    h("input", { type: "number", min: 0, max: 100, step: 0.5, name: d.code, value: d.min_score ?? 0, "data-tier": d.code }),
  );
  const form = h(
    "form",
    { class: "card", id: "sandbox-form" },
    h("h2", {}, t("sandbox.thresholds")),
    h(
      "table",
      { class: "compact" },
      h("tbody", {}, definitions.map((d, i) => h("tr", {}, h("td", {}, tierName(d)), h("td", {}, inputs[i])))),
    ),
    h("button", { type: "submit" }, t("sandbox.evaluate")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const thresholds = inputs.map((input) => ({ tier: input.dataset.tier, min_score: Number(input.value) }));
    output.replaceChildren(h("p", { class: "loading" }, t("app.loading")));
    try {
      output.replaceChildren(results(await evaluate({ configuration: { thresholds } }), codes));
    } catch (error) {
      const detail = error instanceof ApiError ? error.message : String(error);
      output.replaceChildren(h("div", { class: "card error", role: "alert" }, detail));
    }
    output.dataset.evaluated = String(Date.now());
  });
  return h(
    "div",
    { class: "page sandbox" },
    h("h1", {}, t("sandbox.title")),
    h("p", { class: "hint" }, t("sandbox.hint")),
    form,
    output,
  );
}
