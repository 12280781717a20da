// The interaction pane: the header with customer, channel, queue and the controls (Transfer,
// Conference, End for the owner; Exit conference for a guest; exactly what desk-core's
// `actions` allow), the conference status and the interrupted alert. What sits inside it has
// its own module: the messages (`thread.js`), the compose box (`composer.js`), the reply
// window (`replywindow.js`) and the context panel (`context.js`). The customer record beside
// it is driven by `main.js` (`record.js`), not from here.

import * as ipc from "../ipc.js";
import { setL10n } from "../l10n.js";
import { channelIcon, isolated, showCustomerName } from "./format.js";
import { isCustomerTyping } from "./typing.js";
import { clearThread, setupThread, showThread } from "./thread.js";
import { allowCompose, clearComposer, labelDraft, refreshComposer, setupComposer, showDraft } from "./composer.js";
import { followReplyWindow, setupReplyWindow } from "./replywindow.js";
import { clearContext, renderContext } from "./context.js";

let conversationId = null;
/** The open conversation's task as last rendered. */
let openTask = null;
let onError = () => {};

const el = (id) => document.getElementById(id);

export function setupPane({ reportError, requestEnd, requestWrapup, requestHandoff }) {
  onError = reportError;
  el("pane-end").onclick = () => requestEnd(conversationId);
  el("pane-wrapup").onclick = () => requestWrapup(conversationId);
  el("pane-transfer").onclick = () => requestHandoff(conversationId, "transfer");
  el("pane-conference").onclick = () => requestHandoff(conversationId, "conference");
  el("pane-remove-guest").onclick = () => leaveConference(el("pane-remove-guest"));
  el("pane-exit-conference").onclick = () => leaveConference(el("pane-exit-conference"));
  setupThread({ reportError });
  setupComposer({ reportError });
  setupReplyWindow();
}

export function currentConversation() {
  return conversationId;
}

/** The open conversation's task as last rendered (its role, conference and actions). */
export function currentTask() {
  return openTask;
}

/** The customer started or stopped typing in some conversation. */
export function renderTyping(forConversation, typing) {
  if (forConversation === conversationId) el("pane-typing").hidden = !typing;
}

async function leaveConference(button) {
  const target = conversationId;
  button.disabled = true;
  try {
    // The header changes when the hub says so (conferenceChanged, or closed for a guest).
    await ipc.leaveConference(target);
  } catch (error) {
    onError(error);
  } finally {
    button.disabled = false;
  }
}

export function clearPane() {
  conversationId = null;
  openTask = null;
  clearThread();
  clearComposer();
  followReplyWindow(null);
  el("pane-body").hidden = true;
  el("pane-typing").hidden = true;
  el("pane-empty").hidden = false;
  clearContext();
}

/** Opens a conversation: its header, thread and draft. */
export async function openConversation(task, messages) {
  conversationId = task.conversationId;
  showDraft(task);
  el("pane-typing").hidden = !isCustomerTyping(conversationId);
  el("pane-empty").hidden = true;
  el("pane-body").hidden = false;
  renderHeader(task);
  await showThread(task, messages);
  await labelDraft(task);
}

/** The hub changed the conversation (ended, renamed, …). */
export function updateHeader(task) {
  if (task.conversationId === conversationId) renderHeader(task);
}

function renderHeader(task) {
  const limitChanged = openTask?.maxChars !== task.maxChars;
  openTask = task;
  el("pane-avatar").textContent = task.customer.initials;
  const name = isolated("");
  el("pane-customer").replaceChildren(name);
  showCustomerName(name, task);
  el("pane-channel-icon").src = channelIcon(task.channel);
  setL10n(el("pane-channel"), `channel-${task.channel}`);
  el("pane-queue").textContent = task.queueName;
  el("pane-account").textContent = task.account ?? "";
  el("pane-account").hidden = !task.account;
  el("pane-account-sep").hidden = !task.account;
  renderControls(task);
  renderContext(task);
  followReplyWindow(task);
  if (limitChanged) refreshComposer();
}

/** Changes an element's message only when it differs (no flicker on every task update). */
function setL10nIfChanged(element, id, args) {
  const json = args ? JSON.stringify(args) : undefined;
  if (element.dataset.l10nId === id && element.dataset.l10nArgs === json) return;
  setL10n(element, id, args);
}

/**
 * The header's controls and the notices around the compose box, from the actions desk-core
 * allows: an owner sees Transfer, Conference and End (Transfer and Conference disabled while
 * a conference is requested or joined, or the chat was interrupted); a guest only Exit
 * conference.
 */
function renderControls(task) {
  const { actions } = task;
  const ownerLive = task.role === "owner" && task.state === "active";
  for (const [id, allowed] of [["pane-transfer", actions.transfer], ["pane-conference", actions.conference]]) {
    el(id).hidden = !ownerLive;
    el(id).disabled = !allowed;
  }
  const conference = task.conference;
  const name = conference?.guest.displayName;
  el("pane-end").hidden = !actions.end;
  setL10nIfChanged(el("pane-end"), conference?.state === "joined" ? "pane-end-conference" : "pane-end");
  const remove = el("pane-remove-guest");
  remove.hidden = !actions.removeGuest;
  if (actions.removeGuest) {
    if (conference.state === "joined") setL10nIfChanged(remove, "pane-remove-guest", { name });
    else setL10nIfChanged(remove, "pane-cancel-conference", { name });
  }
  el("pane-exit-conference").hidden = !actions.exitConference;
  el("pane-wrapup").hidden = !actions.wrapUp;
  el("pane-ended").hidden = !actions.wrapUp;
  const status = el("pane-conference-status");
  status.dataset.state = conference?.state ?? "";
  if (task.role === "guest") {
    status.hidden = false;
    setL10nIfChanged(status, "pane-conference-guest");
  } else if (conference?.state === "requested") {
    status.hidden = false;
    setL10nIfChanged(status, "pane-conference-requested", { name });
  } else if (conference?.state === "joined") {
    status.hidden = false;
    setL10nIfChanged(status, "pane-conference-joined", { name });
  } else {
    status.hidden = true;
  }
  el("pane-interrupted").hidden = !task.interruption;
  // What was taken away (queue, number, page, entry point) decides the words.
  if (task.interruption) setL10nIfChanged(el("pane-interrupted"), `pane-interrupted-${task.interruption.cause}`);
  allowCompose(actions.compose);
}
