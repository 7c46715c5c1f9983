// Two catalogues, i18n/en.json and i18n/zh.json, with the same keys (a test checks it).
// t(key, {n: 3}) fills {n}; a missing key shows itself, so a gap is visible, not silent.

const KEY = "mcr.language";
export const LANGUAGES = ["en", "zh"];
let language = "en";
let catalogue = {};

function preferred() {
  const stored = localStorage.getItem(KEY);
  if (LANGUAGES.includes(stored)) return stored;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export async function setLanguage(wanted = preferred()) {
  const response = await fetch(`/console/static/i18n/${wanted}.json`);
  catalogue = await response.json();
  language = wanted;
  localStorage.setItem(KEY, wanted);
  document.documentElement.lang = wanted === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
}

export function currentLanguage() {
  return language;
}

export function t(key, vars = {}) {
  const text = catalogue[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

export function formatNumber(value) {
  return new Intl.NumberFormat(language === "zh" ? "zh-CN" : "en").format(value);
}

export function formatTime(iso) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language === "zh" ? "zh-CN" : "en", {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}
