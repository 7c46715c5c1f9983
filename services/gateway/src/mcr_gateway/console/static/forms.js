// Forms for daily work, one way everywhere: a label on every control, the API's field errors
// under their fields, the record's etag sent as If-Match (a stale edit answers 412 and the form
// says who changed what since it was read), Enter submits, Escape cancels.

import { ApiError, get, optional } from "./api.js";
import { h } from "./dom.js";
import { formatTime, t } from "./i18n.js";

/** A labelled control with the slot its field error goes in. */
export function field(label, name, control) {
  return h(
    "label",
    { class: "field", "data-field": name },
    h("span", { class: "field-label" }, label),
    control,
    h("span", { class: "field-error", "data-for": name, role: "alert" }),
  );
}

export function input(name, value = "", attrs = {}) {
  return h("input", { type: "text", name, value: value ?? "", ...attrs });
}

/** A select of [value, label] pairs. */
export function select(name, value, options, attrs = {}) {
  return h(
    "select",
    { name, ...attrs },
    options.map(([optionValue, label]) => h("option", { value: optionValue, selected: optionValue === (value ?? "") }, label)),
  );
}

export function checkbox(label, name, checked) {
  return h("label", { class: "choice", "data-field": name }, h("input", { type: "checkbox", name, checked: Boolean(checked) }), " ", label);
}

/** The form's values by control name: a checkbox's is a boolean, text is trimmed. */
export function valuesOf(form) {
  const values = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    values[control.name] = control.type === "checkbox" ? control.checked : String(control.value).trim();
  }
  return values;
}

/** The fields of `after` that differ from `before` (a PATCH sends only those). */
export function changed(before, after) {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => (before[key] ?? "") !== value));
}

/** Draw the current page again (after a save, or to edit the current version). */
export function reload() {
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

// A problem's field → the form's slot: "members[1].employee", then "members[1]", then "members".
function slotFor(form, name) {
  let key = (name || "").replace(/^(customer|person|department|account_team|key_date|answer)\./, "");
  while (key) {
    const slot = form.querySelector(`.field-error[data-for="${CSS.escape(key)}"]`);
    if (slot) return slot;
    const shorter = key.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
    if (shorter === key) break;
    key = shorter;
  }
  return null;
}

function showErrors(form, errors) {
  for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
  for (const node of form.querySelectorAll(".field")) node.classList.remove("invalid");
  const unplaced = [];
  for (const error of errors) {
    const slot = slotFor(form, error.field);
    if (slot) {
      slot.textContent = error.detail;
      slot.closest(".field")?.classList.add("invalid");
    } else {
      unplaced.push(error.detail);
    }
  }
  return unplaced;
}

/** What changed in a record since `read` was fetched, and who changed it: the record's current
 * version and the archive's field history. A sentence for a form refused as stale. */
export async function whoChanged(read, labels = {}) {
  const current = await optional(get(`/v1/${read.name}`));
  if (!current) return t("form.staleGone");
  const fields = Object.keys(current).filter(
    (key) => !["etag", "update_time", "create_time"].includes(key) && JSON.stringify(current[key]) !== JSON.stringify(read[key]),
  );
  // Not every record keeps a field history: without one the sentence names no one.
  const history = await get(`/v1/${read.name}:history`, { page_size: 1000 }).catch(() => ({ changes: [] }));
  const since = (history.changes || []).filter((c) => new Date(c.change_time) > new Date(read.update_time));
  const actors = [...new Set(since.map((c) => (c.actor || "").replace(/^employees\//, "")).filter(Boolean))];
  return t("form.staleBy", {
    who: actors.join(", ") || t("form.someone"),
    when: formatTime(current.update_time),
    fields: fields.map((key) => labels[key] || key).join(", ") || "—",
  });
}

/**
 * A form. `save(values)` calls the API and resolves when saved; `done(result)` follows (by
 * default the page is drawn again); `cancel()` on Escape or the cancel button; `stale()` says
 * who changed what when the API answers 412. `check(values)` lists the errors found before
 * sending ({field, detail}). The form's `data-state` tells tests where it is.
 */
export function editForm({ id, fields, submitLabel, save, done = reload, cancel, stale, check }) {
  const message = h("p", { class: "form-message", role: "status", "data-for": "form" });
  const actions = h(
    "div",
    { class: "form-actions" },
    h("button", { type: "submit" }, submitLabel || t("form.save")),
    cancel ? h("button", { type: "button", class: "secondary", onclick: () => cancel() }, t("form.cancel")) : null,
  );
  const form = h("form", { id, class: "form edit-form", novalidate: true }, fields, actions, message);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && cancel) {
      event.preventDefault();
      cancel();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    message.className = "form-message";
    const values = valuesOf(form);
    const found = check ? check(values) : [];
    showErrors(form, found);
    if (found.length) {
      form.dataset.state = "invalid";
      message.textContent = t("form.fixFields");
      message.classList.add("error-text");
      form.querySelector(".field.invalid input, .field.invalid select, .field.invalid textarea")?.focus();
      return;
    }
    form.dataset.state = "saving";
    let result;
    try {
      result = await save(values);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.classList.add("error-text");
      if (error.status === 412) {
        showErrors(form, []);
        message.replaceChildren(
          stale ? await stale() : t("form.stale"),
          " ",
          h("button", { type: "button", class: "secondary", id: `${id}-reload`, onclick: reload }, t("form.reload")),
        );
        form.dataset.state = "stale"; // after the sentence: a test reads it then
        return;
      }
      const unplaced = showErrors(form, error.problem.errors || []);
      form.dataset.state = "refused";
      message.textContent = unplaced.length || !(error.problem.errors || []).length ? error.message : t("form.fixFields");
      form.querySelector(".field.invalid input, .field.invalid select, .field.invalid textarea")?.focus();
      return;
    }
    form.dataset.state = "saved";
    await done(result);
  });
  return form;
}

/** A button that opens a form in place of `view` (the form's cancel puts the view back and
 * the focus on the button). `make(close)` builds the form. */
export function opener(label, view, make, attrs = {}) {
  const holder = h("div", { class: "editable" }, view);
  const button = h("button", { type: "button", class: "secondary", ...attrs }, label);
  const close = () => {
    holder.replaceChildren(view);
    button.hidden = false;
    button.focus();
  };
  button.addEventListener("click", () => {
    const form = make(close);
    holder.replaceChildren(form);
    button.hidden = true;
    form.querySelector("input, select, textarea")?.focus();
  });
  return h("div", {}, button, holder);
}
