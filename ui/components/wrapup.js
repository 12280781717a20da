// End → the wrap-up reasons dialog (searchable) → Submit wrap-up closes the conversation.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";

let reasons = [];
let conversationId = null;

const el = (id) => document.getElementById(id);

export function setupWrapup({ reportError }) {
  el("wrapup-search").addEventListener("input", filter);
  el("wrapup-list").addEventListener("change", () => {
    el("wrapup-submit").disabled = !selectedReason();
  });
  el("wrapup-later").onclick = () => el("wrapup-dialog").close();
  el("wrapup-form").onsubmit = async (event) => {
    event.preventDefault();
    const reasonId = selectedReason();
    if (!reasonId) return;
    el("wrapup-submit").disabled = true;
    try {
      await ipc.submitWrapup(conversationId, reasonId);
      el("wrapup-dialog").close();
    } catch (error) {
      el("wrapup-error").hidden = false;
      setL10n(el("wrapup-error"), `error-${error.code}`);
      reportError(error);
    } finally {
      el("wrapup-submit").disabled = !selectedReason();
    }
  };
}

export function setReasons(list) {
  reasons = list;
}

export async function openWrapup(forConversation) {
  conversationId = forConversation;
  el("wrapup-search").value = "";
  el("wrapup-error").hidden = true;
  el("wrapup-list").replaceChildren(
    ...reasons.map((reason) => {
      const item = document.createElement("li");
      const label = document.createElement("label");
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "reason";
      radio.value = reason.id;
      const text = document.createElement("span");
      text.textContent = reason.label;
      label.append(radio, text);
      item.append(label);
      item.dataset.search = reason.label.toLocaleLowerCase();
      return item;
    }),
  );
  el("wrapup-submit").disabled = true;
  filter();
  await translate(el("wrapup-dialog"));
  if (!el("wrapup-dialog").open) el("wrapup-dialog").showModal();
  el("wrapup-search").focus();
}

export function closeWrapupFor(closedConversation) {
  if (conversationId === closedConversation && el("wrapup-dialog").open) el("wrapup-dialog").close();
}

function selectedReason() {
  return el("wrapup-list").querySelector("input[name=reason]:checked")?.value;
}

function filter() {
  const query = el("wrapup-search").value.trim().toLocaleLowerCase();
  let shown = 0;
  for (const item of el("wrapup-list").children) {
    const match = item.dataset.search.includes(query);
    item.hidden = !match;
    if (match) shown += 1;
  }
  el("wrapup-none").hidden = shown > 0;
}
