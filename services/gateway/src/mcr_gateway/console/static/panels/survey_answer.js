// Recording a respondent's survey answer from the customer's page (decision 14): the four
// expectations, each expected and perceived on 1..5. The answer goes to the survey named, or
// to a new self survey of the customer when none is; a key person's detractor answer opens a
// follow-up issue in the satisfaction service.

import { post } from "../api.js";
import { h } from "../dom.js";
import { checkbox, editForm, field, input, opener, select } from "../forms.js";
import { t } from "../i18n.js";

const EXPECTATIONS = ["timely_response", "understanding_business", "bringing_resources", "trustworthy"];
const LEVELS = ["senior", "middle", "grassroots"];
const MODES = ["interview", "phone", "questionnaire"];
const SCORES = ["1", "2", "3", "4", "5"].map((n) => [n, n]);

function ratingRow(expectation) {
  const key = `ratings.${expectation}`;
  return h(
    "div",
    { class: "field-row rating" },
    field(`${t(`survey.${expectation}`)} · ${t("survey.expected")}`, `${key}.expectation`, select(`${key}.expectation`, "4", SCORES)),
    field(t("survey.perceived"), `${key}.perception`, select(`${key}.perception`, "4", SCORES)),
  );
}

function answerForm(customer, persons, close) {
  const saved = h("p", { class: "form-message ok", id: "survey-saved", role: "status" });
  const form = editForm({
    id: "survey-form",
    fields: [
      field(t("survey.survey"), "survey", input("survey", "", { placeholder: t("survey.newSelf") })),
      field(t("contact.person"), "person", select("person", "", [["", "—"], ...persons.map((p) => [p.name, p.display_name])])),
      checkbox(t("survey.keyPerson"), "key_person", false),
      h(
        "div",
        { class: "field-row" },
        field(t("survey.level"), "level", select("level", "senior", LEVELS.map((l) => [l, t(`layer.${l}`)]))),
        field(t("survey.mode"), "mode", select("mode", "interview", MODES.map((m) => [m, t(`survey.${m}`)]))),
      ),
      EXPECTATIONS.map(ratingRow),
    ],
    submitLabel: t("survey.record"),
    save: async (values) => {
      let survey = values.survey.replace(/^surveys\//, "");
      if (!survey) {
        const created = await post("/v1/surveys", { survey: { customer: customer.name, kind: "self" }, industry: customer.industry });
        survey = created.name.replace(/^surveys\//, "");
        form.elements.survey.value = created.name; // a second try answers the same survey
      }
      const ratings = Object.fromEntries(
        EXPECTATIONS.map((e) => [e, { expectation: Number(values[`ratings.${e}.expectation`]), perception: Number(values[`ratings.${e}.perception`]) }]),
      );
      return post(`/v1/surveys/${survey}/answers`, { person: values.person, key_person: values.key_person, level: values.level, mode: values.mode, ratings });
    },
    done: (answer) => {
      saved.textContent = t(answer.issue ? "survey.savedIssue" : "survey.saved", { score: (answer.satisfaction ?? 0).toFixed(2), survey: answer.name.split("/answers/")[0] });
      saved.dataset.answer = answer.name;
      form.after(saved);
      form.elements.survey.value = answer.name.split("/answers/")[0];
    },
    cancel: close,
  });
  return form;
}

/** The survey card's content: the form to record an answer. */
export function surveyAnswerPanel(customer, persons) {
  return h("div", { id: "survey-answers" }, h("p", { class: "hint" }, t("survey.hint")), opener(t("survey.add"), h("span"), (close) => answerForm(customer, persons, close), { id: "add-survey-answer" }));
}
