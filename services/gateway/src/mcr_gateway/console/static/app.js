// The console's shell: sign-in, navigation, language switch and the hash router.

import { ApiError } from "./api.js";
import {
  authConfig,
  completeSignIn,
  principal,
  signIn,
  signInWithProvider,
  signOut,
  token,
} from "./auth.js";
import { h } from "./dom.js";
import { currentLanguage, setLanguage, t } from "./i18n.js";
import { match, ROUTES } from "./routes.js";

const page = document.getElementById("page");

function renderChrome() {
  const who = principal();
  document.getElementById("who").textContent = who ? `${who.employee} · ${who.region}` : "";
  document.getElementById("sign-out").hidden = !who;
  const nav = document.getElementById("nav");
  nav.replaceChildren(
    ...(who ? ROUTES.filter((r) => r.nav).map((r) => h("a", { href: r.href }, t(r.nav))) : []),
  );
}

let signInError = "";

function providerSignIn() {
  const button = h("button", { type: "button", id: "sign-in-provider" }, t("auth.withProvider"));
  button.addEventListener("click", () => {
    button.disabled = true;
    signInWithProvider().catch((error) => {
      signInError = error.message;
      show();
    });
  });
  return h(
    "div",
    { class: "card sign-in", id: "sign-in" },
    h("h1", {}, t("auth.title")),
    signInError ? h("p", { class: "error", role: "alert" }, signInError) : "",
    button,
  );
}

function signInForm() {
  if (authMode === "oidc") return providerSignIn();
  const field = h("textarea", {
    id: "token",
    rows: 4,
    placeholder: t("auth.tokenPlaceholder"),
    required: true,
  });
  const form = h(
    "form",
    { class: "card sign-in", id: "sign-in" },
    h("h1", {}, t("auth.title")),
    h("p", {}, t("auth.devHint")),
    h("pre", {}, "mcr token --employee e-1001 --region cn-south"),
    field,
    h("button", { type: "submit" }, t("auth.signIn")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    signIn(field.value);
    show();
  });
  return form;
}

export function failure(error) {
  const status = error instanceof ApiError ? error.status : 0;
  const message =
    status === 404 || status === 403
      ? t("error.notVisible")
      : status === 401
        ? t("error.signInAgain")
        : t("error.generic", { detail: error.message });
  return h("div", { class: "card error", role: "alert" }, message);
}

let rendering = 0;

async function show() {
  renderChrome();
  const mine = ++rendering;
  delete page.dataset.ready;
  if (token() && !principal()) signOut(); // not a token at all
  if (!token()) {
    page.replaceChildren(signInForm());
    return;
  }
  const found = match(location.hash || "#/");
  if (!found) {
    page.replaceChildren(h("div", { class: "card" }, t("error.noSuchPage")));
    return;
  }
  page.replaceChildren(h("p", { class: "loading" }, t("app.loading")));
  let content;
  try {
    const module = await found.route.page();
    content = await module.render(found.params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signOut();
    content = failure(error);
  }
  if (mine === rendering) {
    page.replaceChildren(content);
    page.dataset.ready = location.hash || "#/";
  }
}

document.getElementById("sign-out").addEventListener("click", () => {
  signOut();
  location.hash = "#/";
  show();
});
const picker = document.getElementById("language");
picker.addEventListener("change", async () => {
  delete page.dataset.ready; // the page is redrawn in the new language
  await setLanguage(picker.value);
  show();
});
window.addEventListener("hashchange", show);

await setLanguage();
picker.value = currentLanguage();
const authMode = (await authConfig()).mode;
try {
  await completeSignIn(); // back from the identity provider: the code becomes a token
} catch (error) {
  signInError = error.message;
}
show();
