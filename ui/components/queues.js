// "Ready to work" and "My assigned queues".
//
// Ready to work (shown whenever the agent is not Available) sets the state to Available,
// which starts the working session. Where the admin lets agents choose their queues and every
// queue is disabled, no chat could reach the agent: Ready to work opens the queues dialog
// instead, says why, and sets Available once the agent has confirmed at least one queue.
//
// The dialog lists the agent's assigned queues from the hub, each with a checkbox; Confirm
// sends the enabled ones. When the admin keeps the choice (`mayChange` false) the list is
// read-only: the boxes are disabled, a note says so, and only Close remains.

import * as ipc from "../ipc.js";
import { currentLocale, setL10n, translate } from "../l10n.js";
import { channelIconImage } from "./format.js";
import { followPresence, renderPresence } from "./presence.js";

let onError = () => {};
/** The dialog was opened by Ready to work: confirming goes on to Available. */
let readying = false;

const el = (id) => document.getElementById(id);

export function setupQueues({ reportError }) {
  onError = reportError;
  el("queues-button").onclick = () => openQueues({ fromReady: false });
  el("ready-button").onclick = readyToWork;
  el("queues-cancel").onclick = () => el("queues-dialog").close();
  el("queues-form").onsubmit = (event) => {
    event.preventDefault();
    confirm();
  };
  followPresence(({ state }) => {
    el("ready-button").hidden = state.kind === "available";
  });
}

/** Signing out closes the dialog. */
export function closeQueues() {
  if (el("queues-dialog").open) el("queues-dialog").close();
}

async function readyToWork() {
  const button = el("ready-button");
  button.disabled = true;
  try {
    const assigned = await ipc.myQueues();
    if (assigned.mayChange && assigned.queues.length > 0 && assigned.queues.every((queue) => !queue.enabled)) {
      await openQueues({ fromReady: true, assigned });
      return;
    }
    await becomeAvailable();
  } catch (error) {
    onError(error);
  } finally {
    button.disabled = false;
    // Ready to work goes away once Available: the focus moves on to the state it set.
    const active = document.activeElement;
    if (button.hidden && (active === button || active === document.body || !active)) el("presence-button").focus();
  }
}

async function becomeAvailable() {
  await renderPresence(await ipc.setPresence({ kind: "available" }));
}

async function openQueues({ fromReady, assigned = null }) {
  readying = fromReady;
  const dialog = el("queues-dialog");
  const error = el("queues-error");
  error.hidden = true;
  el("queues-none-enabled").hidden = !fromReady;
  try {
    render(assigned ?? (await ipc.myQueues()));
  } catch (failure) {
    el("queues-list").replaceChildren();
    showError(failure);
  }
  await translate(dialog);
  if (!dialog.open) dialog.showModal();
  (el("queues-list").querySelector("input:not(:disabled)") ?? el("queues-cancel")).focus();
}

function render(assigned) {
  const readOnly = !assigned.mayChange;
  el("queues-dialog").classList.toggle("queues-readonly", readOnly);
  setL10n(el("queues-intro"), readOnly ? "queues-read-only" : "queues-intro");
  el("queues-confirm").hidden = readOnly;
  setL10n(el("queues-cancel"), readOnly ? "queues-close" : "queues-cancel");
  el("queues-empty").hidden = assigned.queues.length > 0;
  el("queues-list").hidden = assigned.queues.length === 0;
  el("queues-list").replaceChildren(...assigned.queues.map((queue) => row(queue, readOnly)));
  translate(el("queues-list"));
}

function row(queue, readOnly) {
  const item = document.createElement("li");
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.value = queue.id;
  box.checked = queue.enabled;
  box.disabled = readOnly;
  box.onchange = () => {
    el("queues-error").hidden = true;
  };
  const main = document.createElement("span");
  main.className = "queue-main";
  const name = document.createElement("bdi");
  name.className = "queue-name";
  name.textContent = queue.name;
  const facts = document.createElement("span");
  facts.className = "queue-facts";
  const channel = document.createElement("span");
  channel.className = "queue-channel";
  const icon = channelIconImage(queue.channel);
  const word = document.createElement("span");
  word.dataset.l10nId = `channel-${queue.channel}`;
  channel.append(icon, " ", word);
  const language = document.createElement("bdi");
  language.className = "queue-language";
  language.textContent = languageName(queue.language);
  facts.append(channel, language);
  main.append(name, facts);
  label.append(box, main);
  item.append(label);
  return item;
}

/** A queue's language as the agent reads it, named by the platform in the agent's language. */
function languageName(tag) {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

async function confirm() {
  const boxes = [...el("queues-list").querySelectorAll("input[type=checkbox]")];
  const enabled = boxes.filter((box) => box.checked).map((box) => box.value);
  const button = el("queues-confirm");
  button.disabled = true;
  el("queues-error").hidden = true;
  try {
    const assigned = await ipc.setMyQueues(enabled);
    render(assigned);
    const serving = assigned.queues.some((queue) => queue.enabled);
    if (readying && serving) await becomeAvailable();
    if (readying && !serving) {
      // Still nothing enabled: Ready to work cannot start yet, and the note stays.
      el("queues-none-enabled").hidden = false;
      return;
    }
    el("queues-dialog").close();
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

function showError(error) {
  const line = el("queues-error");
  line.hidden = false;
  setL10n(line, `error-${error.code}`);
}
