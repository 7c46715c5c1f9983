// Key dates: a person's yearly birthday or holiday, reminded one day before (decision 15). The
// contact service keeps them for the persons whose cadence it tracks.

import { ApiError, post } from "../api.js";
import { h } from "../dom.js";
import { editForm, field, input, opener, select } from "../forms.js";
import { formatTime, t } from "../i18n.js";

const KINDS = ["birthday", "holiday", "anniversary"];

function keyDateForm(persons, close) {
  const message = h("p", { class: "form-message ok", id: "key-date-saved", role: "status" });
  const months = Array.from({ length: 12 }, (_, i) => [String(i + 1), String(i + 1)]);
  const form = editForm({
    id: "key-date-form",
    fields: [
      field(t("contact.person"), "parent", select("parent", "", [["", t("keyDates.choosePerson")], ...persons.map((p) => [p.name, p.display_name])])),
      field(t("keyDates.kind"), "kind", select("kind", "birthday", KINDS.map((k) => [k, t(`keyDates.${k}`)]))),
      h("div", { class: "field-row" }, field(t("keyDates.month"), "month", select("month", "1", months)), field(t("keyDates.day"), "day", input("day", "", { inputmode: "numeric", size: 3 }))),
    ],
    check: (values) => [
      ...(values.parent ? [] : [{ field: "parent", detail: t("form.required") }]),
      ...(values.day ? [] : [{ field: "day", detail: t("form.required") }]),
    ],
    save: async (values) => {
      try {
        return await post(`/v1/${values.parent}/keyDates`, { kind: values.kind, month: Number(values.month), day: Number(values.day) || values.day });
      } catch (error) {
        // Not tracked: the contact service keeps key dates only for persons it follows.
        if (error instanceof ApiError && error.status === 404) {
          throw new ApiError(400, { detail: t("keyDates.untracked"), errors: [{ field: "parent", detail: t("keyDates.untracked") }] });
        }
        throw error;
      }
    },
    done: (saved) => {
      message.textContent = t("keyDates.saved", { when: formatTime(saved.next_reminder_time) });
      form.after(message);
      form.reset();
    },
    cancel: close,
  });
  return form;
}

/** The key dates card: the form to add one. */
export function keyDatesPanel(persons) {
  return h("div", { id: "key-dates" }, h("p", { class: "hint" }, t("keyDates.hint")), opener(t("keyDates.add"), h("span"), (close) => keyDateForm(persons, close), { id: "add-key-date" }));
}
