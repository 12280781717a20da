// FAQ answers in the compose box.
//
// Two ways in, one list: the FAQ button opens it with a search field (the answer goes where
// the cursor was, replacing the selection); typing `/` at the start of the box or after a
// space, then letters, opens it filtered by those letters while the agent keeps typing in
// the box (ArrowUp/Down choose, Enter or Tab insert in place of `/letters`, Escape closes).
// Either way the filled text lands in the compose box, focus goes back there, and the agent
// edits it before sending. Choosing, searching and filling placeholders happen in Rust
// (desk-core's `faq`); this file only shows the answers and inserts the chosen one.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { currentConversation } from "./pane.js";

/** `/` at the start or after whitespace, then letters, right before the cursor. */
const SLASH_TOKEN = /(^|\s)\/(\p{L}[\p{L}\p{N}]*)$/u;

let onError = () => {};
/** "button" (search field) or "slash" (typing in the compose box); null when closed. */
let mode = null;
let results = [];
let active = 0;
/** Where the answer goes: the compose box's range to replace. */
let range = { start: 0, end: 0 };
/** Only the latest search's answer is shown. */
let asked = 0;

const el = (id) => document.getElementById(id);

export function setupFaq({ reportError }) {
  onError = reportError;
  const compose = el("compose");
  el("faq-button").onclick = () => (mode === "button" ? close() : openFromButton());
  el("faq-search").addEventListener("input", () => search(el("faq-search").value));
  el("faq-search").addEventListener("keydown", (event) => navigate(event, { tab: false }));
  compose.addEventListener("input", followSlash);
  compose.addEventListener("click", followSlash);
  // Capture on the form: the list's keys are handled before the compose box sends on Enter.
  el("composer").addEventListener(
    "keydown",
    (event) => {
      if (mode === "slash" && event.target === compose) navigate(event, { tab: true });
    },
    true,
  );
  document.addEventListener("click", (event) => {
    if (mode && !event.target.closest("#faq-popover, #faq-button, #compose")) close();
  });
  // The FAQ serves the compose box: it is usable exactly when the box is.
  const mirror = () => {
    el("faq-button").disabled = compose.disabled;
    if (compose.disabled) close();
  };
  new MutationObserver(mirror).observe(compose, { attributes: true, attributeFilter: ["disabled"] });
  mirror();
}

/** Another conversation opened, or the agent signed out. */
export function closeFaq() {
  close();
}

function openFromButton() {
  const compose = el("compose");
  if (compose.disabled || !currentConversation()) return;
  range = { start: compose.selectionStart, end: compose.selectionEnd };
  open("button");
  el("faq-search").value = "";
  el("faq-search").focus();
  search("");
}

function followSlash() {
  const compose = el("compose");
  if (mode === "button") return;
  const caret = compose.selectionStart;
  const token = compose.selectionStart === compose.selectionEnd && compose.value.slice(0, caret).match(SLASH_TOKEN);
  if (!token || compose.disabled || !currentConversation()) {
    if (mode === "slash") close();
    return;
  }
  const letters = token[2];
  range = { start: caret - letters.length - 1, end: caret };
  if (mode !== "slash") open("slash");
  search(letters);
}

function open(how) {
  mode = how;
  const popover = el("faq-popover");
  popover.dataset.mode = how;
  popover.hidden = false;
  el("faq-button").setAttribute("aria-expanded", "true");
  el("compose").setAttribute("aria-controls", "faq-list");
  el("faq-error").hidden = true;
}

function close() {
  if (!mode) return;
  mode = null;
  results = [];
  asked += 1;
  el("faq-popover").hidden = true;
  el("faq-list").replaceChildren();
  el("faq-button").setAttribute("aria-expanded", "false");
  el("compose").removeAttribute("aria-activedescendant");
}

async function search(query) {
  const conversationId = currentConversation();
  const mine = ++asked;
  try {
    const found = await ipc.faqAnswers(conversationId, query);
    if (mine !== asked || !mode) return;
    el("faq-error").hidden = true;
    show(found);
  } catch (error) {
    if (mine !== asked) return;
    el("faq-list").replaceChildren();
    el("faq-none").hidden = true;
    el("faq-error").hidden = false;
    setL10n(el("faq-error"), `error-${error.code}`);
    onError(error);
  }
}

function show(found) {
  results = found;
  active = 0;
  el("faq-none").hidden = found.length > 0;
  el("faq-list").replaceChildren(
    ...found.map((answer, index) => {
      const item = document.createElement("li");
      item.id = "faq-option-" + index;
      item.setAttribute("role", "option");
      item.dataset.answerId = answer.id;
      const title = document.createElement("span");
      title.className = "faq-title";
      title.dir = "auto";
      title.textContent = answer.title;
      const preview = document.createElement("span");
      preview.className = "faq-preview";
      preview.dir = "auto";
      preview.textContent = answer.preview;
      item.append(title, preview);
      // Keep the compose box's focus and selection: the click only chooses.
      item.addEventListener("mousedown", (event) => event.preventDefault());
      item.onclick = () => insert(answer);
      return item;
    }),
  );
  highlight();
  translate(el("faq-popover"));
}

function highlight() {
  const items = [...el("faq-list").children];
  items.forEach((item, index) => item.setAttribute("aria-selected", String(index === active)));
  const current = items[active];
  const owner = mode === "slash" ? el("compose") : el("faq-search");
  if (current) {
    owner.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  } else {
    owner.removeAttribute("aria-activedescendant");
  }
}

function navigate(event, { tab }) {
  if (!mode) return;
  const keys = { ArrowDown: 1, ArrowUp: -1 };
  if (event.key in keys) {
    event.preventDefault();
    event.stopPropagation();
    if (results.length > 0) {
      active = (active + keys[event.key] + results.length) % results.length;
      highlight();
    }
  } else if (event.key === "Enter" || (tab && event.key === "Tab" && !event.shiftKey)) {
    if (event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    if (results[active]) insert(results[active]);
  } else if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    close();
    el("compose").focus();
  }
}

/** Puts the answer in the compose box in place of the selection or `/letters`. */
function insert(answer) {
  const compose = el("compose");
  const { start, end } = range;
  close();
  compose.focus();
  compose.setRangeText(answer.text, start, end, "end");
  // The pane keeps the draft, the counter and the typing signal from this event.
  compose.dispatchEvent(new Event("input", { bubbles: true }));
}
