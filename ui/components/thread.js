// The open conversation's messages: grey customer bubbles with initials, blue agent bubbles,
// a colleague's in their own shade, system lines, and on WhatsApp and Messenger each reply's
// receipt (with Retry when it failed). A message the agent sent while the hub could not be
// reached shows "Waiting for the connection…" (the shell keeps it in the session's outbox
// and sends it by itself) until the hub's copy, with the same client id, takes its place.
//
// Long conversations stay light: at most WINDOW messages are in the DOM. Opening one shows
// its latest WINDOW; scrolling to the top brings in the WINDOW before them; and while the
// agent follows the end, each live message that arrives pushes the oldest out, so a busy
// chat of 500 messages holds no more nodes than a quiet one.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { customerOrChannel, isolated, time, withIsolatedNumbers } from "./format.js";

const WINDOW = 200;

let conversationId = null;
let thread = [];
/** The index in `thread` of the first message in the DOM. */
let shownFrom = 0;
let onError = () => {};

const list = () => document.getElementById("messages");

export function setupThread({ reportError }) {
  onError = reportError;
  list().addEventListener("scroll", () => {
    if (list().scrollTop < 40 && shownFrom > 0) showEarlier();
  });
}

/** Shows a conversation's messages, scrolled to the end. */
export async function showThread(task, messages) {
  conversationId = task.conversationId;
  thread = messages;
  shownFrom = Math.max(0, thread.length - WINDOW);
  list().replaceChildren(...thread.slice(shownFrom).map(bubble));
  await setL10n(list(), "pane-messages", { customer: customerOrChannel(task) });
  await translate(list());
  scrollToEnd();
}

export function clearThread() {
  conversationId = null;
  thread = [];
  shownFrom = 0;
}

/**
 * A message arrived for the open conversation, or (from the stream, `update`) one of its
 * receipts changed. A send's own answer never replaces what the stream already said: it may
 * be older than the receipt that overtook it. The hub's copy of a message that waited in the
 * outbox replaces its waiting bubble, whichever arrives first: a waiting bubble never
 * replaces the hub's message.
 */
export async function appendMessage(message, { update = true } = {}) {
  if (message.conversationId !== conversationId) return;
  const known = thread.findIndex(
    (m) => m.id === message.id || (message.clientId && m.clientId === message.clientId),
  );
  if (known >= 0) {
    const old = thread[known];
    if (message.outbox && !old.outbox) return;
    const confirms = Boolean(old.outbox) && !message.outbox;
    if (!update && !confirms) return;
    thread[known] = message;
    const shown = list().querySelector(`[data-message-id="${CSS.escape(old.id)}"]`);
    if (shown) {
      const node = bubble(message);
      shown.replaceWith(node);
      await translate(node);
    }
    return;
  }
  const messages = list();
  const nearEnd = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
  thread.push(message);
  const node = bubble(message);
  messages.append(node);
  await translate(node);
  if (nearEnd || message.mine) {
    keepToWindow();
    scrollToEnd();
  }
}

/**
 * Following the end of the chat, the DOM keeps the latest WINDOW messages; the older ones
 * come back by scrolling up. (While the agent reads further up, nothing is taken away
 * under their eyes: the next message that arrives with them at the end trims.)
 */
function keepToWindow() {
  const messages = list();
  while (messages.children.length > WINDOW) {
    messages.firstElementChild.remove();
    shownFrom += 1;
  }
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
  if (message.outbox) {
    item.classList.add("outbox");
    body.append(outboxLine(message.outbox));
  }
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

/** Under a message still in the outbox: waiting for the connection, or why the hub refused it. */
function outboxLine(outbox) {
  const line = document.createElement("p");
  line.className = "receipt";
  if (outbox.state === "notSent") {
    line.dataset.status = "failed";
    line.setAttribute("role", "alert");
    const label = document.createElement("span");
    label.dataset.l10nId = "delivery-failed";
    const why = document.createElement("span");
    why.className = "receipt-error";
    why.dataset.l10nId = `error-${outbox.error}`;
    line.append(label, " ", why);
  } else {
    line.dataset.status = "waiting";
    line.dataset.l10nId = "outbox-waiting";
  }
  return line;
}

function showEarlier() {
  const messages = list();
  const before = messages.scrollHeight;
  const from = Math.max(0, shownFrom - WINDOW);
  const nodes = thread.slice(from, shownFrom).map(bubble);
  shownFrom = from;
  messages.prepend(...nodes);
  translate(messages);
  messages.scrollTop += messages.scrollHeight - before;
}

function scrollToEnd() {
  const messages = list();
  messages.scrollTop = messages.scrollHeight;
}
