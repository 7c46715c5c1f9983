// Imports from the console: a CSV or XLSX file of customers, departments or persons sent to the
// gateway's import route with a progress bar, then the archive's report (created, updated,
// unchanged, each refused row with its column and reason) on the page and as a file to download.
// A dry run checks a file without writing it. The export gives a file in the columns an import
// takes.

import { ApiError } from "../api.js";
import { token } from "../auth.js";
import { h } from "../dom.js";
import { checkbox, field, select } from "../forms.js";
import { formatNumber, t } from "../i18n.js";
import { card, empty, table } from "./common.js";

const KINDS = ["customers", "departments", "persons"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function mediaType(file) {
  return /\.xlsx$/i.test(file.name) ? XLSX : "text/csv; charset=utf-8";
}

/** POST the file, reporting the upload's progress (0..1) to `progress`; the report, or an
 * ApiError carrying the problem. XMLHttpRequest, since fetch reports no upload progress. */
function upload(kind, file, dryRun, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/v1/imports/${kind}${dryRun ? "?dry_run=true" : ""}`);
    request.setRequestHeader("Authorization", `Bearer ${token()}`);
    request.setRequestHeader("Content-Type", mediaType(file));
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress(event.loaded / event.total);
    });
    request.upload.addEventListener("load", () => progress(1));
    request.addEventListener("load", () => {
      let body = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = { detail: request.statusText };
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(request.status, body));
    });
    request.addEventListener("error", () => reject(new ApiError(0, { detail: t("imports.networkError") })));
    request.send(file);
  });
}

function csvCell(value) {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The row report as a CSV file's text: one line per refused row. */
export function reportCsv(report) {
  const lines = [["row", "column", "reason"], ...(report.errors || []).map((e) => [e.row, e.column, e.reason])];
  return `${lines.map((line) => line.map(csvCell).join(",")).join("\n")}\n`;
}

function download(name, blob) {
  const link = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function reportView(kind, file, report) {
  const counts = ["created", "updated", "unchanged", "rejected"];
  const save = h("button", { type: "button", class: "secondary", id: "download-report" }, t("imports.downloadReport"));
  save.addEventListener("click", () => download(`${file.name.replace(/\.\w+$/, "")}-report.csv`, new Blob([reportCsv(report)], { type: "text/csv" })));
  return h(
    "div",
    { id: "import-report", "data-dry-run": report.dry_run ? "true" : "false" },
    h("p", {}, t(report.dry_run ? "imports.dryRunDone" : "imports.done", { file: file.name, kind: t(`imports.${kind}`) })),
    h(
      "div",
      { class: "stats" },
      counts.map((key) => h("div", { class: "stat", "data-count": key }, h("span", { class: "stat-value" }, formatNumber(report[key] || 0)), h("span", { class: "stat-label" }, t(`imports.${key}`)))),
    ),
    (report.errors || []).length
      ? table([t("imports.row"), t("imports.column"), t("imports.reason")], report.errors.map((e) => [String(e.row), e.column, e.reason]), { id: "import-errors", class: "compact" })
      : empty(t("imports.noErrors")),
    save,
  );
}

async function exportFile(kind, format, message) {
  const response = await fetch(`/v1/exports/${kind}?format=${format}`, { headers: { Authorization: `Bearer ${token()}` } });
  if (!response.ok) {
    message.textContent = (await response.json().catch(() => ({}))).detail || response.statusText;
    return;
  }
  download(`${kind}.${format}`, await response.blob());
}

export async function render() {
  const kind = select("kind", "customers", KINDS.map((k) => [k, t(`imports.${k}`)]));
  const file = h("input", { type: "file", name: "file", accept: ".csv,.xlsx,text/csv," + XLSX });
  const bar = h("progress", { id: "import-progress", max: 100, value: 0, hidden: true, "aria-label": t("imports.progress") });
  const message = h("p", { class: "form-message", id: "import-message", role: "status" });
  const result = h("div", { id: "import-result" });
  const form = h(
    "form",
    { id: "import-form", class: "form", novalidate: true },
    field(t("imports.kind"), "kind", kind),
    field(t("imports.file"), "file", file),
    checkbox(t("imports.dryRun"), "dry_run", false),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, t("imports.upload"))),
    bar,
    message,
  );
  const fileError = form.querySelector('.field-error[data-for="file"]');
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fileError.textContent = "";
    form.querySelector('.field[data-field="file"]').classList.remove("invalid");
    message.className = "form-message";
    message.textContent = "";
    const chosen = file.files[0];
    if (!chosen) {
      fileError.textContent = t("form.required");
      fileError.closest(".field").classList.add("invalid");
      form.dataset.state = "invalid";
      file.focus();
      return;
    }
    form.dataset.state = "uploading";
    bar.hidden = false;
    bar.value = 0;
    const dryRun = form.elements.dry_run.checked;
    try {
      const report = await upload(kind.value, chosen, dryRun, (share) => {
        bar.value = Math.round(share * 100);
        if (share >= 1) message.textContent = t("imports.processing");
      });
      message.textContent = "";
      result.replaceChildren(reportView(kind.value, chosen, report));
      form.dataset.state = "done";
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      bar.hidden = true;
      const errors = error.problem.errors || [];
      // The body and its Content-Type are the file here.
      const about = errors.filter((e) => ["body", "Content-Type"].includes(e.field));
      if (about.length) {
        fileError.textContent = about.map((e) => e.detail).join("; ");
        fileError.closest(".field").classList.add("invalid");
      }
      message.classList.add("error-text");
      message.textContent = error.message;
      form.dataset.state = "refused";
    }
  });
  const exports = h(
    "div",
    { class: "form-actions" },
    ["csv", "xlsx"].map((format) =>
      h("button", { type: "button", class: "secondary", "data-export": format, onclick: () => exportFile(kind.value, format, message) }, t("imports.export", { format: format.toUpperCase() })),
    ),
  );
  return h(
    "div",
    { class: "page imports" },
    h("header", { class: "page-head" }, h("h1", {}, t("imports.title")), h("p", { class: "hint" }, t("imports.intro"))),
    card(t("imports.uploadTitle"), form, h("h3", {}, t("imports.exportTitle")), exports),
    card(t("imports.reportTitle"), result),
  );
}
