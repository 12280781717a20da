// The compose box: one draft per conversation (switching never loses a word), its counter
// and its problem (a reserved character, too long) as desk-core judges it through the shell
// (`checkDraft`: the rules live in Rust once, next to the check that runs before sending),
// the typing signal, Enter to send, and the confirmation a card number or IBAN asks for.
// A message sent while the hub cannot be reached is the shell's to keep (the session's
// outbox): its answer is then a waiting bubble, and the box is free for the next one.

import * as ipc from "../ipc.js";
import { setL10n } from "../l10n.js";
import { customerOrChannel } from "./format.js";
import { appendMessage } from "./thread.js";

/** Errors that stay until the next send, whatever the agent types meanwhile. */
const STICKY_ERRORS = ["error-hub-unreachable", "error-payment-data-unconfirmed"];

let conversationId = null;
let composeAllowed = false;
let onError = () => {};
/** Drafts and their client ids, per conversation. */
const drafts = new Map();
/** Only the answer to the latest check is shown. */
let latestCheck = 0;

const el = (id) => document.getElementById(id);

export function setupComposer({ reportError }) {
  onError = reportError;
  el("compose").addEventListener("input", () => {
    draft().text = el("compose").value;
    el("compose-confirm").hidden = true;
    refreshComposer();
    // The customer sees "typing…" (Rust sends at most one signal every few seconds). Losing
    // one is harmless, so a failure is not worth the agent's attention.
    if (el("compose").value.trim() && composeAllowed) {
      ipc.agentTyping(conversationId).catch(() => {});
    }
  });
  el("compose-confirm").onclick = () => send({ paymentDataConfirmed: true });
  el("compose").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  el("composer").onsubmit = (event) => {
    event.preventDefault();
    send();
  };
}

/**
 * The compose box turns to a conversation: its draft comes back in the same step (a key
 * typed while the thread is still being drawn lands in the right draft).
 */
export function showDraft(task) {
  conversationId = task.conversationId;
  el("compose").value = draft().text;
}

/** After the thread is drawn: the box's label, and this draft's own problem if it has one. */
export async function labelDraft(task) {
  await setL10n(el("compose"), "compose-box", { customer: customerOrChannel(task) });
  // The other conversation's error goes; this draft's own problem (too long, reserved
  // characters) shows, even when it was typed while the thread was being drawn.
  el("compose-error").hidden = true;
  refreshComposer();
}

/** Whether the open conversation takes messages now (desk-core's `actions.compose`). */
export function allowCompose(allowed) {
  composeAllowed = allowed;
  el("compose").disabled = !allowed;
  el("compose-send").disabled = !allowed;
}

export function clearComposer() {
  conversationId = null;
  composeAllowed = false;
}

/** Signing out forgets every draft. */
export function forgetDrafts() {
  drafts.clear();
}

export function focusCompose() {
  if (!el("pane-body").hidden && !el("compose").disabled) el("compose").focus();
}

function draft() {
  if (!drafts.has(conversationId)) drafts.set(conversationId, { text: "", clientId: null });
  return drafts.get(conversationId);
}

/** The counter and the draft's problem, as the agent types. */
export async function refreshComposer() {
  const ticket = ++latestCheck;
  const target = conversationId;
  if (!target) return;
  let check;
  try {
    check = await ipc.checkDraft(target, el("compose").value);
  } catch {
    // The conversation has just gone: its box goes with it.
    return;
  }
  if (ticket !== latestCheck || target !== conversationId) return;
  const { count, max, problem } = check;
  const counter = el("compose-counter");
  counter.textContent = `${count} / ${max}`;
  counter.classList.toggle("over", problem === "message-too-long");
  setL10n(counter, "compose-counter-label", { count, max });
  el("compose").setAttribute("aria-invalid", String(Boolean(problem)));
  if (problem) showComposeError(problem);
  else if (!STICKY_ERRORS.includes(el("compose-error").dataset.l10nId)) el("compose-error").hidden = true;
}

function showComposeError(code) {
  const error = el("compose-error");
  error.hidden = false;
  setL10n(error, `error-${code}`);
}

/** Sends the draft; the shell checks it by the same rules first and answers with the code. */
async function send({ paymentDataConfirmed = false } = {}) {
  const target = conversationId;
  const text = el("compose").value;
  const current = draft();
  if (!text.trim()) return;
  // One client id per draft, kept until the hub confirms: a retry is the same message.
  current.clientId ??= crypto.randomUUID();
  el("compose-send").disabled = true;
  try {
    const message = await ipc.sendMessage(target, text, current.clientId, paymentDataConfirmed);
    drafts.delete(target);
    el("compose-confirm").hidden = true;
    if (conversationId === target) {
      el("compose").value = "";
      el("compose-error").hidden = true;
      refreshComposer();
      await appendMessage(message, { update: false });
    }
  } catch (error) {
    // The hub refused it: nothing is lost, the draft stays in the box with its client id.
    if (conversationId === target) {
      showComposeError(error.code);
      el("compose-confirm").hidden = error.code !== "payment-data-unconfirmed";
    } else {
      onError(error);
    }
  } finally {
    el("compose-send").disabled = el("compose").disabled;
  }
}
