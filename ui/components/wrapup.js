// Closing a conversation, in two steps. End → step 1: the disposition (wrap-up reasons,
// searchable; required or optional as the queue says) and Continue → step 2: the chat log the
// hub wrote, opened as the queue's `chatLogMode` says (`auto`: view mode when already on the
// customer's record, edit mode when new; or always `view`, always `edit`) → Finish submits
// the wrap-up. Later closes the dialog; the task stays in wrap-up.
//
// In a queue the admin set to keep no chat log (`chatLog: "none"`) the wrap-up is the single
// step the Webex documentation shows: the reason, then "Submit wrap-up".
// An agent who transferred the chat (role `handedOn`) wraps up in one step too: the reason,
// then Finish. The conversation goes on without them and has no chat log until it ends under
// its last owner, so there is nothing for them to read or write there.
//
// Above either step, "Wrap-up 0:42" counts the time since the conversation ended.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { createChatLog } from "./chatlog.js";

let reasons = [];
let conversationId = null;
/** Whether this conversation's queue requires a disposition. */
let required = true;
/** This agent handed the conversation on: the reason is the whole wrap-up. */
let handedOn = false;
/** The conversation's queue keeps no chat log: the reason and "Submit wrap-up". */
let noChatLog = false;
/** How step 2 opens the chat log: "auto", "view" or "edit". */
let chatLogMode = "auto";
let chatLog = null;
let onError = () => {};
let getTask = () => undefined;
let changed = () => {};

const el = (id) => document.getElementById(id);

export function setupWrapup({ reportError, task, chatLogChanged }) {
  onError = reportError;
  getTask = task;
  changed = chatLogChanged;
  chatLog = createChatLog(el("wrapup-chatlog"));
  el("wrapup-search").addEventListener("input", filter);
  el("wrapup-list").addEventListener("change", syncContinue);
  el("wrapup-later").onclick = () => el("wrapup-dialog").close();
  el("wrapup-continue").onclick = showChatLog;
  el("wrapup-back").onclick = showReasons;
  el("wrapup-form").onsubmit = async (event) => {
    event.preventDefault();
    // Enter in the reasons' search goes on to the chat log, never straight to Finish.
    if (!el("wrapup-step-reason").hidden && !oneStep()) {
      if (!el("wrapup-continue").disabled) await showChatLog();
      return;
    }
    await finish();
  };
}

export function setReasons(list) {
  reasons = list;
}

export async function openWrapup(forConversation) {
  conversationId = forConversation;
  const task = getTask(forConversation);
  required = task?.dispositionRequired ?? true;
  handedOn = task?.role === "handedOn";
  noChatLog = task?.chatLog === "none";
  chatLogMode = task?.chatLogMode ?? "auto";
  el("wrapup-handed-on").hidden = !handedOn;
  showTimer(task);
  el("wrapup-search").value = "";
  el("wrapup-error").hidden = true;
  el("wrapup-list").replaceChildren(
    ...reasons.map((reason) => {
      const item = document.createElement("li");
      // A radio group, not a list: the items are only its layout.
      item.setAttribute("role", "none");
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
  el("wrapup-list").setAttribute("aria-required", String(required));
  setL10n(el("wrapup-intro"), required ? "wrapup-intro-required" : "wrapup-intro-optional");
  filter();
  chatLog.clear();
  await showReasons();
  if (!el("wrapup-dialog").open) el("wrapup-dialog").showModal();
  el("wrapup-search").focus();
}

/**
 * The hub changed a task. The dialog opens as soon as a transfer is answered, which can be
 * before the hub's `ended` makes the task `handedOn`: the open dialog follows it then, back
 * to its single step.
 */
export async function taskChanged(task) {
  if (task.conversationId !== conversationId || !el("wrapup-dialog").open) return;
  showTimer(task);
  const nowHandedOn = task.role === "handedOn";
  if (nowHandedOn === handedOn) return;
  handedOn = nowHandedOn;
  el("wrapup-handed-on").hidden = !handedOn;
  await showReasons();
}

export function closeWrapupFor(closedConversation) {
  if (conversationId === closedConversation && el("wrapup-dialog").open) el("wrapup-dialog").close();
}

/** The reason is the whole wrap-up: a chat handed on, or a queue without chat logs. */
function oneStep() {
  return handedOn || noChatLog;
}

/** "Wrap-up 0:42": the time since the conversation ended, ticking (format.js). */
function showTimer(task) {
  const line = el("wrapup-timer");
  const endedAt = task?.endedAt;
  line.hidden = !endedAt;
  if (!endedAt) return;
  let timer = line.querySelector("[data-l10n-slot]");
  if (!timer) {
    // The running time stands where the translation puts `{ $time }`.
    timer = document.createElement("span");
    timer.className = "timer";
    timer.dir = "ltr";
    timer.setAttribute("role", "timer");
    timer.dataset.l10nSlot = "time";
    line.replaceChildren(timer);
  }
  timer.dataset.since = String(endedAt);
  setL10n(line, "wrapup-timer", { time: "{time}" });
}

async function showReasons() {
  el("wrapup-step-reason").hidden = false;
  el("wrapup-step-chatlog").hidden = true;
  el("wrapup-continue").hidden = oneStep();
  el("wrapup-finish").hidden = !oneStep();
  // The single step of a queue without chat logs is the documented "Submit wrap-up".
  el("wrapup-finish").dataset.l10nId = noChatLog && !handedOn ? "wrapup-submit" : "wrapup-finish";
  el("wrapup-back").hidden = true;
  el("wrapup-dialog").setAttribute("aria-labelledby", "wrapup-heading");
  syncContinue();
  await translate(el("wrapup-dialog"));
}

/** Step 2: the chat log, fetched fresh (the hub wrote it when the conversation ended). */
async function showChatLog() {
  if (oneStep() || (required && !selectedReason())) return;
  el("wrapup-step-reason").hidden = true;
  el("wrapup-step-chatlog").hidden = false;
  el("wrapup-continue").hidden = true;
  el("wrapup-finish").hidden = false;
  el("wrapup-finish").dataset.l10nId = "wrapup-finish";
  el("wrapup-finish").disabled = false;
  el("wrapup-back").hidden = false;
  el("wrapup-error").hidden = true;
  el("wrapup-dialog").setAttribute("aria-labelledby", "wrapup-chatlog-heading");
  await translate(el("wrapup-dialog"));
  el("wrapup-finish").focus();
  const forConversation = conversationId;
  chatLog.loading();
  try {
    const view = await ipc.chatLog(forConversation);
    if (forConversation !== conversationId) return;
    const auto = view.status === "saved" && view.customerId ? "view" : "edit";
    const mode = chatLogMode === "view" || chatLogMode === "edit" ? chatLogMode : auto;
    await chatLog.show(view, { mode, editable: true });
  } catch (error) {
    // Without its chat log the conversation can still be wrapped up.
    if (forConversation === conversationId) chatLog.showError(error.code);
  }
}

/** Finish: an unsaved chat log is kept as a draft first, then the wrap-up is submitted. */
async function finish() {
  const reasonId = selectedReason() ?? null;
  if (required && !reasonId) return;
  el("wrapup-finish").disabled = true;
  el("wrapup-error").hidden = true;
  try {
    if (chatLog.dirty() && !(await chatLog.saveDraft())) return;
    await ipc.submitWrapup(conversationId, reasonId);
    el("wrapup-dialog").close();
    changed();
  } catch (error) {
    el("wrapup-error").hidden = false;
    setL10n(el("wrapup-error"), `error-${error.code}`);
    onError(error);
  } finally {
    el("wrapup-finish").disabled = false;
    // In the one-step wrap-up Finish still waits for a required reason.
    syncContinue();
  }
}

function syncContinue() {
  const missing = required && !selectedReason();
  el("wrapup-continue").disabled = missing;
  if (oneStep()) el("wrapup-finish").disabled = missing;
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
