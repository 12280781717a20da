// Fluent in the webview: elements carry `data-l10n-id` (and `data-l10n-args` as JSON); Rust
// resolves them with the same bundles it uses for notifications. Values become the text of
// ordinary elements; attributes (.placeholder, .aria-label, .title) are set on any element.

import { localize } from "./ipc.js";

const ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "aria-description", "alt"]);
const FORM_FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const cache = new Map();
let locale = "en-US";

export function currentLocale() {
  return locale;
}

/** A new language: forget resolved texts and resolve the whole document again. */
export async function switchLocale(info) {
  locale = info.locale;
  cache.clear();
  document.documentElement.lang = info.locale;
  document.documentElement.dir = info.dir;
  await translate(document.body);
  document.title = await text("app-title");
}

/** Sets an element's message (and arguments) and resolves it. */
export function setL10n(element, id, args) {
  element.dataset.l10nId = id;
  if (args) element.dataset.l10nArgs = JSON.stringify(args);
  else delete element.dataset.l10nArgs;
  return translate(element);
}

/** The text of one message, for places that are not an element (e.g. `document.title`). */
export async function text(id, args = {}) {
  const [message] = await resolve([{ id, args }]);
  return message?.value ?? id;
}

/** Resolves every `data-l10n-id` in `root` (and `root` itself) in one round trip. */
export async function translate(root) {
  const elements = [...root.querySelectorAll("[data-l10n-id]")];
  if (root.dataset?.l10nId) elements.unshift(root);
  if (elements.length === 0) return;
  const requests = elements.map((element) => ({
    id: element.dataset.l10nId,
    args: element.dataset.l10nArgs ? JSON.parse(element.dataset.l10nArgs) : {},
  }));
  // Remember what was asked: a newer setL10n on the same element wins over this one.
  const asked = elements.map((element) => element.dataset.l10nId + (element.dataset.l10nArgs ?? ""));
  const messages = await resolve(requests);
  elements.forEach((element, index) => {
    if (element.dataset.l10nId + (element.dataset.l10nArgs ?? "") !== asked[index]) return;
    apply(element, messages[index]);
  });
}

async function resolve(requests) {
  const keys = requests.map((request) => `${locale}\u0000${request.id}\u0000${JSON.stringify(request.args)}`);
  const missing = [];
  keys.forEach((key, index) => {
    if (!cache.has(key)) missing.push(index);
  });
  if (missing.length > 0) {
    const answers = await localize(missing.map((index) => requests[index]));
    missing.forEach((index, position) => cache.set(keys[index], answers[position]));
  }
  return keys.map((key) => cache.get(key));
}

function apply(element, message) {
  if (!message) {
    // Visible on purpose: a missing id is a bug to fix, not to hide.
    element.textContent = element.dataset.l10nId;
    return;
  }
  if (message.value != null && !FORM_FIELDS.has(element.tagName)) {
    const slot = element.querySelector(":scope > [data-l10n-slot]");
    if (slot) fillAround(element, slot, message.value);
    else element.textContent = message.value;
  }
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    if (ATTRIBUTES.has(name)) element.setAttribute(name, value);
  }
}

/**
 * A message with a live element inside it (a countdown): the child marked
 * `data-l10n-slot="time"` stands where the translation puts `{ $time }`, the argument
 * `time` being given as the token "{time}". The sentence around it comes from Fluent, so
 * every language places the countdown where its grammar wants it.
 */
function fillAround(element, slot, value) {
  const token = `{${slot.dataset.l10nSlot}}`;
  const at = value.indexOf(token);
  const before = at < 0 ? value : value.slice(0, at);
  const after = at < 0 ? "" : value.slice(at + token.length);
  element.replaceChildren(before, slot, after);
}
