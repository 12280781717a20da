// Agent Desk's webview: wires the screens to the shell. State the hub owns arrives as events
// (see ipc.js); this file routes them to the components and keeps the keyboard shortcuts.

import * as ipc from "./ipc.js";
import { currentLocale, setL10n, switchLocale, translate } from "./l10n.js";
import { startTicking, withIsolatedNumbers } from "./components/format.js";
import { showSignIn } from "./components/signin.js";
import { renderPresence, setIdleCodes, setupPresence } from "./components/presence.js";
import * as offers from "./components/offers.js";
import * as tasks from "./components/tasks.js";
import * as pane from "./components/pane.js";
import * as thread from "./components/thread.js";
import * as composer from "./components/composer.js";
import * as wrapup from "./components/wrapup.js";
import * as handoff from "./components/handoff.js";
import * as typing from "./components/typing.js";
import * as queues from "./components/queues.js";
import * as faq from "./components/faq.js";
import * as record from "./components/record.js";
import * as chatlog from "./components/chatlog.js";
import { setupSettings } from "./components/settings.js";
import { clearNotices, showNotice } from "./components/notices.js";
import { announce, forgetAnnouncements, messageArrived } from "./components/announce.js";
import { focusFirst, focusSomewhereUseful, focusWork, keepFocusAcrossDialogs } from "./components/focus.js";

const el = (id) => document.getElementById(id);

/** An error the agent should see that has no better place: announced. */
function reportError(error) {
  announce(`error-${error.code}`);
}

/** Brand names, the same in every language (a Messenger customer has no name). */
const CHANNEL_NAMES = { livechat: "Livechat", messenger: "Messenger", whatsapp: "WhatsApp" };

function customerName(task) {
  return task.customer.name || CHANNEL_NAMES[task.channel];
}

async function renderHistoryEntry(entry, { prepend }) {
  const item = document.createElement("li");
  const name = document.createElement("bdi");
  name.className = "customer-name";
  name.textContent = entry.customer.name;
  const channel = document.createElement("span");
  channel.dataset.l10nId = `channel-${entry.channel}`;
  const preview = document.createElement("span");
  preview.className = "task-preview";
  preview.dir = "auto";
  preview.append(withIsolatedNumbers(entry.lastMessage ?? ""));
  item.append(name, document.createTextNode(" · "), channel, preview);
  const list = el("history-list");
  if (prepend) list.prepend(item);
  else list.append(item);
  el("history").hidden = false;
  await translate(item);
}

async function applySession(session) {
  // The hub may carry this agent's language (until the agent chooses one): follow it.
  const locale = await ipc.localeInfo();
  if (locale.locale !== currentLocale()) {
    for (const select of document.querySelectorAll(".locale-select")) select.value = locale.locale;
    await switchLocale(locale);
  }
  el("agent-name").textContent = session.agent.displayName;
  setL10n(el("agent-name"), "topbar-agent", { name: session.agent.displayName });
  setIdleCodes(session.idleCodes);
  idleCodes = session.idleCodes;
  wrapup.setReasons(session.wrapupReasons);
  chatlog.refreshDrafts();
  await resetDesk(session.desk);
  const masking = await ipc.maskingState();
  el("masking-badge").hidden = !masking.enabled;
  el("desk-screen").hidden = false;
  await translate(el("desk-screen"));
  if (session.notice) reportError({ code: session.notice });
}

async function resetDesk(desk) {
  offers.clearOffers();
  tasks.clearTasks();
  el("history-list").replaceChildren();
  el("history").hidden = true;
  for (const entry of desk.history) await renderHistoryEntry(entry, { prepend: false });
  const open = pane.currentConversation();
  await renderPresence(desk.presence);
  for (const offer of desk.offers) await offers.showOffer(offer);
  for (const task of desk.tasks) await tasks.upsertTask(task);
  const keep = desk.tasks.find((task) => task.conversationId === open);
  if (keep) await select(keep.conversationId);
  else if (desk.tasks.length > 0) await select(desk.tasks[0].conversationId);
  else closePane();
}

/** No conversation open: the pane and the record beside it empty. */
function closePane() {
  pane.clearPane();
  record.clearRecord();
  ipc.viewingConversation(null).catch(reportError);
}

/** The session's idle codes, labelled in the agent's language. */
let idleCodes = [];

/** The request the agent last accepted in this window: it opens when the hub assigns it. */
let acceptedHere = null;

async function select(conversationId) {
  const task = tasks.getTask(conversationId);
  if (!task) return;
  tasks.markSelected(conversationId);
  const messages = await ipc.conversationMessages(conversationId);
  await pane.openConversation(task, messages);
  record.renderRecord(task);
  // Its messages need no desktop notification while the window has the focus.
  await ipc.viewingConversation(conversationId);
  const read = await ipc.markRead(conversationId);
  if (read) await tasks.upsertTask(read);
}

async function signedIn(session) {
  await applySession(session);
  // The focus goes where work starts: the open chat, else Ready to work, else the state.
  focusFirst(["#compose:not(:disabled)", "#ready-button", "#presence-button"]);
}

/**
 * The desk's changes are applied one after the other, in the order the shell sent them: each
 * handler may wait (a row to draw, a thread to fetch), and a later change must never be
 * drawn before an earlier one (a conference that ended shown as still joined).
 */
let applied = Promise.resolve();
function inOrder(handler) {
  return (payload) => {
    // A handler that fails is logged and does not hold up the ones after it.
    applied = applied.then(() => handler(payload)).catch((error) => console.error(error));
    return applied;
  };
}

function listen() {
  ipc.onDeskReset(inOrder(resetDesk));
  ipc.onPresenceChanged(renderPresence);
  ipc.onTaskOffered(inOrder((offer) => offers.showOffer(offer)));
  ipc.onTaskWithdrawn(inOrder(({ conversationId }) => offers.withdrawOffer(conversationId)));
  ipc.onTaskUpdated(inOrder(async (task) => {
    const before = tasks.getTask(task.conversationId);
    const isNew = !before;
    if (task.interruption && !before?.interruption) {
      announce(`announce-interrupted-${task.interruption.cause}`, { name: customerName(task) }, { urgent: true });
    }
    offers.withdrawOffer(task.conversationId);
    await tasks.upsertTask(task);
    pane.updateHeader(task);
    if (task.conversationId === pane.currentConversation()) record.renderRecord(task);
    await wrapup.taskChanged(task);
    if (isNew && task.conversationId === acceptedHere) {
      acceptedHere = null;
      await select(task.conversationId);
      // Accepted here (a click, Enter or Alt+A): the reply is the next thing to do.
      composer.focusCompose();
    } else if (isNew && (!pane.currentConversation() || !tasks.getTask(pane.currentConversation()))) {
      await select(task.conversationId);
    } else if (isNew && tasks.taskIds().length === 1) {
      await select(task.conversationId);
    }
  }));
  ipc.onTaskRemoved(inOrder(async ({ conversationId }) => {
    typing.customerStopped(conversationId);
    tasks.removeTask(conversationId);
    wrapup.closeWrapupFor(conversationId);
    record.forgetForms(conversationId);
    handoff.closeHandoffFor(conversationId);
    const wasOpen = pane.currentConversation() === conversationId;
    if (wasOpen) {
      const next = tasks.taskIds()[0];
      if (next) await select(next);
      else closePane();
    }
    // Its row or its controls may have had the focus (or a dialog closing with it gave it
    // to a row on the way): the open chat's compose box, or the next useful place.
    if (document.querySelector("dialog[open]")) return;
    const active = document.activeElement;
    if (wasOpen && (!active || active.closest("#task-list, #pane, dialog, body > :not(#desk-screen)") || active === document.body)) {
      focusWork();
    } else {
      focusSomewhereUseful();
    }
  }));
  ipc.onHistoryAdded((entry) => renderHistoryEntry(entry, { prepend: true }));
  ipc.onCustomerTyping(({ conversationId }) => typing.customerTyping(conversationId));
  ipc.onChatMessage(inOrder(async (message) => {
    if (message.author === "customer") typing.customerStopped(message.conversationId);
    if (message.author === "customer" || (message.author === "agent" && !message.mine)) {
      messageArrived(message.conversationId, () => describeArrival(message));
    }
    await thread.appendMessage(message);
    if (message.conversationId === pane.currentConversation() && document.hasFocus()) {
      const read = await ipc.markRead(message.conversationId);
      if (read) await tasks.upsertTask(read);
    }
  }));
  ipc.onTransferNotAccepted(({ colleague, reason }) =>
    showNotice("transfer-notice", { name: colleague, reason }),
  );
  ipc.onTaskFocus(({ conversationId }) => {
    if (tasks.getTask(conversationId)) select(conversationId);
    else offers.focusOffer(conversationId);
  });
  ipc.onTaskAccepting(({ conversationId }) => offers.acceptingFromNotification(conversationId));
  ipc.onTaskAcceptFailed(({ conversationId, error }) => offers.acceptFromNotificationFailed(conversationId, error));
  ipc.onHubConnection((status) => {
    const wasLost = !el("connection").hidden;
    el("connection").hidden = status === "connected";
    if (status === "connected" && wasLost) announce("connection-restored");
    if (status !== "connected" && !wasLost) announce("connection-lost", null, { urgent: true });
  });
  ipc.onSessionEnded(() => signOut());
}

/** What a screen reader hears about new messages once they stop arriving (announce.js). */
function describeArrival(message) {
  const task = tasks.getTask(message.conversationId);
  if (!task) return null;
  const ids = tasks.shownIds();
  const fromCustomer = message.author === "customer";
  return {
    name: fromCustomer ? customerName(task) : message.authorName ?? customerName(task),
    position: ids.indexOf(message.conversationId) + 1,
    total: ids.length,
    open: message.conversationId === pane.currentConversation(),
    text: message.text,
  };
}

async function endConversation(conversationId) {
  if (!conversationId) return;
  try {
    await ipc.endConversation(conversationId);
    await wrapup.openWrapup(conversationId);
  } catch (error) {
    reportError(error);
  }
}

/** Transfer or Conference for the open conversation, when its owner may do that now. */
function openHandoff(conversationId, kind) {
  const task = pane.currentTask();
  if (!conversationId || !task || task.conversationId !== conversationId || !task.actions[kind]) return;
  handoff.openHandoff(conversationId, kind);
}

async function signOut() {
  await ipc.signOut();
  forgetAnnouncements();
  clearNotices();
  queues.closeQueues();
  faq.closeFaq();
  typing.forgetTyping();
  offers.clearOffers();
  tasks.clearTasks();
  closePane();
  composer.forgetDrafts();
  record.forgetForms();
  await showSignIn({ onSignedIn: signedIn });
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.matches("textarea, input, select") || target.isContentEditable);
}

/** Shortcuts never fire while the agent types (compose box, search fields). */
function keyboard(event) {
  if (event.key === "F1") {
    event.preventDefault();
    const help = el("help-dialog");
    help.open ? help.close() : help.showModal();
    return;
  }
  if (isTyping(event.target) || el("desk-screen").hidden || !event.altKey) return;
  const key = event.key.toLowerCase();
  const actions = {
    a: () => offers.acceptOldest(),
    n: () => {
      const next = tasks.nextTaskId();
      if (next) select(next);
    },
    e: () => {
      if (pane.currentTask()?.actions.end) endConversation(pane.currentConversation());
    },
    t: () => openHandoff(pane.currentConversation(), "transfer"),
    k: () => openHandoff(pane.currentConversation(), "conference"),
    c: () => composer.focusCompose(),
  };
  if (actions[key]) {
    event.preventDefault();
    actions[key]();
  }
}

async function setupLocales() {
  const info = await ipc.localeInfo();
  for (const select of document.querySelectorAll(".locale-select")) {
    select.replaceChildren(
      ...info.available.map((tag) => {
        const option = document.createElement("option");
        option.value = tag;
        option.dataset.l10nId = `language-${tag}`;
        return option;
      }),
    );
    select.value = info.locale;
    select.onchange = async () => {
      const next = await ipc.setLocale(select.value);
      for (const other of document.querySelectorAll(".locale-select")) other.value = next.locale;
      await switchLocale(next);
      // Reasons and idle codes are labelled by the hub's configuration, per language.
      try {
        const session = await ipc.sessionView();
        setIdleCodes(session.idleCodes);
        idleCodes = session.idleCodes;
        wrapup.setReasons(session.wrapupReasons);
      } catch {
        // Not signed in: nothing else to relabel.
      }
    };
  }
  await switchLocale(info);
}

async function start() {
  setupPresence({ codes: [], reportError });
  offers.setupOffers({ reportError, accepting: (conversationId) => (acceptedHere = conversationId) });
  tasks.setupTasks({ select });
  pane.setupPane({
    reportError,
    requestEnd: endConversation,
    requestWrapup: (id) => wrapup.openWrapup(id),
    requestHandoff: openHandoff,
  });
  // Customer records, chat logs and their drafts: a saved chat log changes the drafts count
  // and may change the open record's history.
  const chatLogChanged = () => {
    chatlog.refreshDrafts();
    record.refreshRecord();
  };
  record.setupRecord({ reportError });
  chatlog.setupChatLogs({ reportError, chatLogChanged });
  wrapup.setupWrapup({ reportError, task: tasks.getTask, chatLogChanged });
  // A transfer ends this agent's part: the wrap-up follows, as after End.
  handoff.setupHandoff({ transferred: (id) => wrapup.openWrapup(id) });
  // Queues, readiness and FAQ.
  queues.setupQueues({ reportError });
  faq.setupFaq({ reportError });
  typing.onTypingChanged((conversationId, on) => {
    pane.renderTyping(conversationId, on);
    tasks.renderTyping(conversationId, on);
    const task = tasks.getTask(conversationId);
    if (on && task && conversationId === pane.currentConversation()) {
      announce("announce-typing", { name: customerName(task) });
    }
  });
  el("sign-out").onclick = signOut;
  setupSettings({ reportError, codes: () => idleCodes });
  el("help-button").onclick = () => el("help-dialog").showModal();
  el("context-toggle").onclick = () => {
    const collapsed = el("desk-screen").classList.toggle("context-collapsed");
    el("context-toggle").setAttribute("aria-expanded", String(!collapsed));
  };
  document.addEventListener("keydown", keyboard);
  keepFocusAcrossDialogs();
  listen();
  startTicking();
  await setupLocales();
  try {
    // A reload of the webview keeps the session the shell holds.
    await applySession(await ipc.sessionView());
  } catch {
    await showSignIn({ onSignedIn: signedIn });
  }
}

start();
