// Key dates: a person's yearly birthday or holiday, reminded one day before (decision 15). The
// contact service keeps them for the persons whose cadence it tracks: the card lists each
// tracked person's dates, each corrected or deleted with the etag read, and adds new ones.

import { ApiError, get, mapLimited, optional, post, send } from "../api.js";
import { h } from "../dom.js";
import { editForm, field, input, opener, select } from "../forms.js";
import { formatTime, t } from "../i18n.js";

const KINDS = ["birthday", "holiday", "anniversary"];
const MONTHS = Array.from({ length: 12 }, (_, i) => [String(i + 1), String(i + 1)]);

/** The kind, month and day controls, shared by the add and the edit form. */
function dateFields(kindValue, monthValue, dayValue) {
  const kinds = KINDS.includes(kindValue) ? KINDS : [...KINDS, kindValue];
  return [
    field(t("keyDates.kind"), "kind", select("kind", kindValue, kinds.map((k) => [k, kindLabel(k)]))),
    h("div", { class: "field-row" }, field(t("keyDates.month"), "month", select("month", monthValue, MONTHS)), field(t("keyDates.day"), "day", input("day", dayValue, { inputmode: "numeric", size: 3 }))),
  ];
}

function kindLabel(kind) {
  return KINDS.includes(kind) ? t(`keyDates.${kind}`) : kind;
}

/** The body of a key date from the form: numbers as numbers, anything else as typed (the
 * API's field error then says what is wrong with it). */
function dateBody(values) {
  return { kind: values.kind, month: Number(values.month), day: Number(values.day) || values.day };
}

const needsDay = (values) => (values.day ? [] : [{ field: "day", detail: t("form.required") }]);

function keyDateForm(persons, close, refresh) {
  const message = h("p", { class: "form-message ok", id: "key-date-saved", role: "status" });
  const form = editForm({
    id: "key-date-form",
    fields: [field(t("contact.person"), "parent", select("parent", "", [["", t("keyDates.choosePerson")], ...persons.map((p) => [p.name, p.display_name])])), ...dateFields("birthday", "1", "")],
    check: (values) => [...(values.parent ? [] : [{ field: "parent", detail: t("form.required") }]), ...needsDay(values)],
    save: async (values) => {
      try {
        return await post(`/v1/${values.parent}/keyDates`, dateBody(values));
      } catch (error) {
        // Not tracked: the contact service keeps key dates only for persons it follows.
        if (error instanceof ApiError && error.status === 404) {
          throw new ApiError(400, { detail: t("keyDates.untracked"), errors: [{ field: "parent", detail: t("keyDates.untracked") }] });
        }
        throw error;
      }
    },
    done: async (saved) => {
      message.textContent = t("keyDates.saved", { when: formatTime(saved.next_reminder_time) });
      form.after(message);
      form.reset();
      await refresh();
    },
    cancel: close,
  });
  return form;
}

/** What became of a key date since it was read: its current date, or that it is gone (`what`
 * is the refused change: "stale" for an edit, "staleDelete" for a deletion). */
async function keyDateNow(read, what = "stale") {
  const person = read.name.replace(/\/keyDates\/[^/]+$/, "");
  const listed = await optional(get(`/v1/${person}/keyDates`, { page_size: 500 }), { key_dates: [] });
  const current = (listed.key_dates || []).find((k) => k.name === read.name);
  if (!current) return t("keyDates.staleGone");
  const now = { kind: kindLabel(current.kind), month: current.month, day: current.day };
  return what === "staleDelete" ? t("keyDates.staleDelete", now) : t("keyDates.stale", now);
}

function keyDateEditForm(keyDate, close, refresh) {
  return editForm({
    id: "key-date-edit-form",
    fields: dateFields(keyDate.kind, String(keyDate.month), String(keyDate.day)),
    check: needsDay,
    save: (values) => send("PATCH", `/v1/${keyDate.name}`, dateBody(values), { ifMatch: keyDate.etag }),
    done: refresh,
    cancel: close,
    stale: () => keyDateNow(keyDate),
  });
}

function keyDateItem(person, keyDate, refresh, status) {
  const remove = async () => {
    try {
      await send("DELETE", `/v1/${keyDate.name}`, undefined, { ifMatch: keyDate.etag });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 412 ? await keyDateNow(keyDate, "staleDelete") : error.message;
      status.dataset.state = error.status === 412 ? "stale" : "refused";
      if (error.status === 412) await refresh(); // the current version, to delete it knowingly
      return;
    }
    status.textContent = t("keyDates.deleted");
    status.dataset.state = "deleted";
    await refresh();
  };
  const view = h(
    "span",
    { class: "key-date-text" },
    h("strong", {}, person.display_name),
    ` · ${kindLabel(keyDate.kind)} · ${t("keyDates.on", { month: keyDate.month, day: keyDate.day })} · `,
    h("span", { class: "hint" }, t("keyDates.nextReminder", { when: formatTime(keyDate.next_reminder_time) })),
  );
  return h(
    "li",
    { class: "key-date-item", "data-name": keyDate.name },
    opener(t("form.edit"), view, (close) => keyDateEditForm(keyDate, close, refresh), { class: "secondary edit-key-date", "aria-label": `${t("form.edit")} ${person.display_name} ${kindLabel(keyDate.kind)}` }),
    h("button", { type: "button", class: "secondary delete-key-date", onclick: remove, "aria-label": `${t("keyDates.delete")} ${person.display_name} ${kindLabel(keyDate.kind)}` }, t("keyDates.delete")),
  );
}

/** The key dates card: every tracked person's key dates, each editable, and the form to add one. */
export function keyDatesPanel(persons) {
  const list = h("ul", { id: "key-date-list", class: "plain-list" });
  const status = h("p", { id: "key-dates-status", class: "form-message", role: "status" });
  async function refresh() {
    list.dataset.state = "loading";
    // A person the contact service does not track has no key dates (404): nothing to list.
    const found = await mapLimited(persons, 4, async (p) => [p, (await optional(get(`/v1/${p.name}/keyDates`, { page_size: 500 }), {})).key_dates || []]);
    const items = found.flatMap(([p, dates]) => dates.map((d) => keyDateItem(p, d, refresh, status)));
    list.replaceChildren(...(items.length ? items : [h("li", { class: "hint" }, t("keyDates.none"))]));
    list.dataset.state = "ready";
  }
  refresh();
  return h(
    "div",
    { id: "key-dates" },
    h("p", { class: "hint" }, t("keyDates.hint")),
    list,
    status,
    opener(t("keyDates.add"), h("span"), (close) => keyDateForm(persons, close, refresh), { id: "add-key-date" }),
  );
}
