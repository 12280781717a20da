// The interaction pane: header with customer, channel, queue and the controls (Transfer,
// Conference, End for the owner; Exit conference for a guest; exactly what desk-core's
// `actions` allow); the conference status and the interrupted alert; the message list
// (grey customer bubbles with initials, blue agent bubbles, system lines, and on WhatsApp
// and Messenger each reply's receipt, with Retry when it failed); the compose box with its
// counter, reserved-character check and Enter-to-send, which gives way to an explanation
// once the channel's reply window has closed.
//
// Long conversations stay smooth: only the latest WINDOW messages are in the DOM; scrolling
// to the top brings in the WINDOW before them.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { channelIcon, describeMasked, showCustomerName, time, withIsolatedNumbers } from "./format.js";
import { isCustomerTyping } from "./typing.js";
import { clearRecord, renderRecord } from "./record.js";

export { withIsolatedNumbers };

const WINDOW = 200;
const RESERVED = /[<>]/;
/** Brand names, the same in every language. */
const CHANNEL_NAMES = { livechat: "Livechat", messenger: "Messenger", whatsapp: "WhatsApp" };

let conversationId = null;
let thread = [];
let shownFrom = 0;
let maxChars = 1000;
/** The open conversation's task, for its reply window. */
let openTask = null;
let onError = () => {};
let onEnd = () => {};
let onHandoff = () => {};
/** Drafts and their client ids, per conversation: switching never loses a word. */
const drafts = new Map();

const el = (id) => document.getElementById(id);

export function setupPane({ reportError, requestEnd, requestWrapup, requestHandoff }) {
  onError = reportError;
  onEnd = requestEnd;
  onHandoff = requestHandoff;
  el("pane-end").onclick = () => onEnd(conversationId);
  el("pane-wrapup").onclick = () => requestWrapup(conversationId);
  el("pane-transfer").onclick = () => onHandoff(conversationId, "transfer");
  el("pane-conference").onclick = () => onHandoff(conversationId, "conference");
  el("pane-remove-guest").onclick = () => leaveConference(el("pane-remove-guest"));
  el("pane-exit-conference").onclick = () => leaveConference(el("pane-exit-conference"));
  el("compose").addEventListener("input", () => {
    draft().text = el("compose").value;
    el("compose-confirm").hidden = true;
    refreshComposer();
    // The customer sees "typing…" (Rust sends at most one signal every few seconds). Losing
    // one is harmless, so a failure is not worth the agent's attention.
    if (el("compose").value.trim() && openTask?.actions.compose) {
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
  el("messages").addEventListener("scroll", () => {
    if (el("messages").scrollTop < 40 && shownFrom > 0) showEarlier();
  });
  // The reply window closes by the clock, not by an event.
  setInterval(refreshReplyWindow, 1000);
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
  thread = [];
  el("pane-body").hidden = true;
  el("pane-typing").hidden = true;
  el("pane-empty").hidden = false;
  el("context-details").replaceChildren();
  el("context-cad").hidden = true;
  clearRecord();
}

/** Signing out forgets every draft. */
export function forgetDrafts() {
  drafts.clear();
}

/** Opens a conversation: its header, thread and draft. */
export async function openConversation(task, messages) {
  conversationId = task.conversationId;
  thread = messages;
  // The draft changes in the same step as the conversation: a key typed while the thread
  // below is still being drawn lands in the right draft.
  el("compose").value = draft().text;
  el("pane-typing").hidden = !isCustomerTyping(conversationId);
  el("pane-empty").hidden = true;
  el("pane-body").hidden = false;
  renderHeader(task);
  shownFrom = Math.max(0, thread.length - WINDOW);
  el("messages").replaceChildren(...thread.slice(shownFrom).map(bubble));
  await setL10n(el("messages"), "pane-messages", { customer: task.customer.name || CHANNEL_NAMES[task.channel] });
  await translate(el("messages"));
  scrollToEnd();
  await setL10n(el("compose"), "compose-box", { customer: task.customer.name || CHANNEL_NAMES[task.channel] });
  // The other conversation's error goes; this draft's own problem (too long, reserved
  // characters) shows, even when it was typed while the thread was being drawn.
  el("compose-error").hidden = true;
  refreshComposer();
}

/** The hub changed the conversation (ended, renamed, …). */
export function updateHeader(task) {
  if (task.conversationId === conversationId) renderHeader(task);
}

/**
 * A message arrived for the open conversation, or (from the stream, `update`) one of its
 * receipts changed. A send's own answer never replaces what the stream already said: it may
 * be older than the receipt that overtook it.
 */
export async function appendMessage(message, { update = true } = {}) {
  if (message.conversationId !== conversationId) return;
  const known = thread.findIndex((m) => m.id === message.id);
  if (known >= 0) {
    if (!update) return;
    thread[known] = message;
    const old = el("messages").querySelector(`[data-message-id="${CSS.escape(message.id)}"]`);
    if (old) {
      const node = bubble(message);
      old.replaceWith(node);
      await translate(node);
    }
    return;
  }
  const nearEnd = el("messages").scrollHeight - el("messages").scrollTop - el("messages").clientHeight < 80;
  thread.push(message);
  const node = bubble(message);
  el("messages").append(node);
  await translate(node);
  if (nearEnd || message.mine) scrollToEnd();
}

export function focusCompose() {
  if (!el("pane-body").hidden && !el("compose").disabled) el("compose").focus();
}

function renderHeader(task) {
  openTask = task;
  maxChars = task.maxChars;
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
  refreshReplyWindow();
  refreshComposer();
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
  el("compose").disabled = !actions.compose;
  el("compose-send").disabled = !actions.compose;
}

/**
 * The reply window of a WhatsApp or Messenger conversation: a countdown in the header (a
 * warning in its last hour; on Messenger, after 24 hours, a note that replies go out with
 * the Human agent tag), and once it has closed an explanation instead of the composer.
 */
function refreshReplyWindow() {
  const task = openTask;
  const header = el("pane-window");
  const closedNote = el("compose-closed");
  if (!task || !task.replyWindow || task.state !== "active") {
    header.hidden = true;
    closedNote.hidden = true;
    el("composer").hidden = false;
    return;
  }
  const now = Date.now();
  const { standardUntil, closesAt } = task.replyWindow;
  const closed = now >= closesAt;
  el("composer").hidden = closed;
  closedNote.hidden = !closed;
  header.hidden = closed;
  if (closed) {
    if (closedNote.dataset.l10nId !== `reply-window-closed-${task.channel}`) {
      setL10n(closedNote, `reply-window-closed-${task.channel}`);
    }
    return;
  }
  const label = now >= standardUntil ? "reply-window-human-agent" : "reply-window-open";
  if (header.dataset.window !== `${label}:${closesAt}`) {
    header.dataset.window = `${label}:${closesAt}`;
    // The countdown stands where the translation puts `{ $time }`.
    const timer = document.createElement("span");
    timer.className = "timer";
    timer.dir = "ltr";
    timer.dataset.until = String(closesAt);
    timer.dataset.l10nSlot = "time";
    header.replaceChildren(timer);
    setL10n(header, label, { time: "{time}" });
  }
  header.classList.toggle("warning", closesAt - now < 60 * 60 * 1000);
}

function renderContext(task) {
  const rows = [
    ["context-name", task.customer.name],
    ["context-email", task.customer.email],
    ["context-phone", task.customer.phone],
    ["context-source", task.customer.source],
    ["context-ip", task.customer.ip],
    ["context-account", task.customer.account],
    ["context-case-number", task.customer.caseNumber],
    ["context-queue", task.queueName],
  ];
  const details = el("context-details");
  details.replaceChildren();
  for (const [id, value] of rows) {
    if (!value) continue;
    const term = document.createElement("dt");
    term.dataset.l10nId = id;
    const data = document.createElement("dd");
    data.className = id;
    data.append(isolated(value));
    details.append(term, data);
  }
  const channelTerm = document.createElement("dt");
  channelTerm.dataset.l10nId = "context-channel";
  const channel = document.createElement("dd");
  channel.dataset.l10nId = `channel-${task.channel}`;
  details.append(channelTerm, channel);
  translate(details);
  // CAD variables: where the inbound contact came from (masked like every customer value).
  const origin = task.customer.phone ?? task.customer.email;
  const cad = el("context-cad-details");
  cad.replaceChildren();
  el("context-cad").hidden = !origin;
  if (origin) {
    const term = document.createElement("dt");
    term.dataset.l10nId = "context-origin-inbound";
    const data = document.createElement("dd");
    data.append(isolated(origin));
    cad.append(term, data);
    translate(el("context-cad"));
  }
  renderRecord(task);
}

/** Names, numbers and masked values keep their own direction inside any sentence. */
function isolated(text) {
  const span = document.createElement("bdi");
  span.textContent = text;
  describeMasked(span, text);
  return span;
}

function bubble(message) {
  const item = document.createElement("li");
  item.className = `message ${message.author}`;
  // A colleague's message (a conference, or before a transfer) is not the agent's own.
  if (message.author === "agent" && !message.mine) item.classList.add("colleague");
  item.dataset.messageId = message.id;
  if (message.author === "system") {
    const line = message.system ?? { kind: "unknown" };
    const id = {
      agentJoined: "system-agent-joined",
      transferred: "system-transferred",
      transferNotAccepted: "system-transfer-not-accepted",
      agentLeft: "system-agent-left",
      endedByAgent: "system-ended-by-agent",
      endedByCustomer: "system-ended-by-customer",
      expired: "system-expired",
      unsupportedContent: "system-unsupported-content",
    }[line.kind];
    if (id) {
      item.dataset.l10nId = id;
      if (line.displayName) item.dataset.l10nArgs = JSON.stringify({ name: line.displayName, reason: line.reason });
      if (line.content) item.dataset.l10nArgs = JSON.stringify({ content: line.content });
    }
    return item;
  }
  if (message.author === "customer") {
    const avatar = document.createElement("span");
    avatar.className = "avatar small";
    avatar.setAttribute("aria-hidden", "true");
    avatar.textContent = message.initials;
    item.append(avatar);
  }
  const body = document.createElement("div");
  const text = document.createElement("p");
  text.className = "bubble";
  text.dir = "auto";
  text.append(withIsolatedNumbers(message.text));
  text.style.margin = "0";
  const meta = document.createElement("span");
  meta.className = "meta";
  // A Messenger customer has no name: the time stands alone.
  if (message.authorName) meta.append(isolated(message.authorName), document.createTextNode(" · "));
  meta.append(document.createTextNode(time(message.sentAt)));
  body.append(text, meta);
  if (message.delivery) body.append(receipt(message));
  item.append(body);
  return item;
}

/** A reply's receipt: sending, sent, delivered, read; or why it failed, with Retry. */
function receipt(message) {
  const { status, error } = message.delivery;
  const line = document.createElement("p");
  line.className = "receipt";
  line.dataset.status = status;
  const label = document.createElement("span");
  label.dataset.l10nId = `delivery-${status}`;
  line.append(label);
  if (status === "failed") {
    line.setAttribute("role", "alert");
    const why = document.createElement("span");
    why.className = "receipt-error";
    why.dataset.l10nId = `error-${error ?? "channel-rejected"}`;
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "ghost retry";
    retry.dataset.l10nId = "delivery-retry";
    retry.onclick = async () => {
      retry.disabled = true;
      try {
        await ipc.retryMessage(message.conversationId, message.id);
      } catch (failure) {
        retry.disabled = false;
        onError(failure);
      }
    };
    line.append(" ", why, " ", retry);
  }
  return line;
}

function showEarlier() {
  const list = el("messages");
  const before = list.scrollHeight;
  const from = Math.max(0, shownFrom - WINDOW);
  const nodes = thread.slice(from, shownFrom).map(bubble);
  shownFrom = from;
  list.prepend(...nodes);
  translate(list);
  list.scrollTop += list.scrollHeight - before;
}

function scrollToEnd() {
  const list = el("messages");
  list.scrollTop = list.scrollHeight;
}

function draft() {
  if (!drafts.has(conversationId)) drafts.set(conversationId, { text: "", clientId: null });
  return drafts.get(conversationId);
}

/** The counter and the reserved-character explanation, as the agent types. */
function refreshComposer() {
  const text = el("compose").value;
  const count = [...text.trim()].length;
  const counter = el("compose-counter");
  counter.textContent = `${count} / ${maxChars}`;
  counter.classList.toggle("over", count > maxChars);
  setL10n(counter, "compose-counter-label", { count, max: maxChars });
  const problem = RESERVED.test(text) ? "reserved-characters" : count > maxChars ? "message-too-long" : null;
  el("compose").setAttribute("aria-invalid", String(problem !== null));
  if (problem) showComposeError(problem);
  else if (!["error-hub-unreachable", "error-payment-data-unconfirmed"].includes(el("compose-error").dataset.l10nId)) {
    el("compose-error").hidden = true;
  }
}

function showComposeError(code) {
  const error = el("compose-error");
  error.hidden = false;
  setL10n(error, `error-${code}`);
}

async function send({ paymentDataConfirmed = false } = {}) {
  const target = conversationId;
  const text = el("compose").value;
  const current = draft();
  const count = [...text.trim()].length;
  if (RESERVED.test(text)) return showComposeError("reserved-characters");
  if (count > maxChars) return showComposeError("message-too-long");
  if (count === 0) return;
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
    // Nothing is lost: the draft stays in the box with its client id for the retry.
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
