// The task pane: one row per conversation the agent holds, the selected one obvious. Rows
// keep the order the agent accepted them in, or, by the agent's choice, the customer who has
// waited longest for an answer first (desk-core's `waitingSince`: the oldest customer message
// after the last agent reply; conversations nobody waits in come last, as accepted).
// A conversation in wrap-up says so with the time spent in it since it ended ("Wrap-up 0:42",
// ticking like every `data-since` timer).

import { setL10n, translate } from "../l10n.js";
import { channelIcon, showCustomerName, time, withIsolatedNumbers } from "./format.js";

const tasks = new Map();
let selected = null;
let onSelect = () => {};
/** "accepted" or "waiting". */
let order = "accepted";

const list = () => document.getElementById("task-list");

export function setupTasks({ select }) {
  onSelect = select;
  const sort = document.getElementById("task-sort");
  sort.value = order;
  sort.onchange = () => {
    order = sort.value;
    applyOrder();
  };
}

export function clearTasks() {
  tasks.clear();
  selected = null;
  list().replaceChildren();
  syncEmpty();
}

export function getTask(conversationId) {
  return tasks.get(conversationId);
}

export function taskIds() {
  return [...tasks.keys()];
}

export function selectedTask() {
  return selected ? tasks.get(selected) : undefined;
}

export async function upsertTask(task) {
  tasks.set(task.conversationId, task);
  let row = rowOf(task.conversationId);
  const fresh = !row;
  if (fresh) {
    row = document.getElementById("task-template").content.firstElementChild.cloneNode(true);
    row.dataset.conversationId = task.conversationId;
    row.querySelector(".task-button").onclick = () => onSelect(task.conversationId);
    list().append(row);
  }
  row.dataset.channel = task.channel;
  row.dataset.state = task.state;
  row.querySelector(".channel-icon").src = channelIcon(task.channel);
  row.querySelector(".avatar").textContent = task.customer.initials;
  showCustomerName(row.querySelector(".customer-name"), task);
  const preview = row.querySelector(".task-preview");
  if (preview.dataset.text !== (task.lastMessage ?? "")) {
    preview.dataset.text = task.lastMessage ?? "";
    preview.replaceChildren(withIsolatedNumbers(task.lastMessage ?? ""));
    if (!fresh) translate(preview);
  }
  const window = row.querySelector(".task-window");
  const open = task.replyWindow && task.state === "active";
  window.hidden = !open;
  if (open) {
    if (!window.firstChild) {
      const label = document.createElement("span");
      label.dataset.l10nId = "task-reply-window";
      const timer = document.createElement("span");
      timer.className = "timer";
      window.append(label, " ", timer);
    }
    window.lastChild.dataset.until = String(task.replyWindow.closesAt);
  } else {
    window.replaceChildren();
  }
  await showWrapupState(row.querySelector(".task-state"), task);
  const conference = row.querySelector(".task-conference");
  const inConference = task.role === "guest" || task.conference?.state === "joined";
  conference.hidden = !inConference;
  if (inConference) {
    const id = task.role === "guest" ? "task-guest" : "task-conference";
    if (conference.dataset.l10nId !== id) await setL10n(conference, id);
  }
  const waiting = row.querySelector(".task-waiting");
  if (task.endedAt) {
    // Ended: the timer gives way to the time it ended.
    delete waiting.dataset.since;
    const args = { time: time(task.endedAt) };
    if (waiting.dataset.l10nArgs !== JSON.stringify(args)) await setL10n(waiting, "task-ended-at", args);
  } else if (task.waitingSince && task.state === "active") {
    waiting.dataset.since = String(task.waitingSince);
  } else {
    delete waiting.dataset.since;
    waiting.textContent = "";
  }
  const badge = row.querySelector(".badge");
  const unreadLabel = row.querySelector(".unread-label");
  badge.hidden = task.unread === 0;
  unreadLabel.hidden = task.unread === 0;
  badge.textContent = String(task.unread);
  await setL10n(unreadLabel, "task-unread", { count: task.unread });
  row.querySelector(".task-button").setAttribute("aria-current", String(task.conversationId === selected));
  if (fresh) await translate(row);
  applyOrder();
  syncEmpty();
}

/** "Wrap-up 0:42" from the moment the conversation ended, or "Wrap-up due" without that time. */
async function showWrapupState(badge, task) {
  badge.hidden = task.state !== "wrapUp";
  if (badge.hidden) return;
  if (!task.endedAt) {
    if (badge.dataset.l10nId !== "task-wrapup") await setL10n(badge, "task-wrapup");
    return;
  }
  let timer = badge.querySelector(":scope > [data-l10n-slot]");
  if (!timer) {
    // The running time stands where the translation puts `{ $time }`.
    timer = document.createElement("span");
    timer.className = "timer";
    timer.dir = "ltr";
    timer.dataset.l10nSlot = "time";
    badge.replaceChildren(timer);
  }
  timer.dataset.since = String(task.endedAt);
  if (badge.dataset.l10nId !== "task-wrapup-timer") await setL10n(badge, "task-wrapup-timer", { time: "{time}" });
}

/** The customer started or stopped typing: the row says so too. */
export function renderTyping(conversationId, typing) {
  const row = rowOf(conversationId);
  if (row) row.querySelector(".task-typing").hidden = !typing;
}

/** The ids in the order the list shows them (a chat's position, "chat 2 of 5"). */
export function shownIds() {
  return shownOrder();
}

/** The ids in the order the agent accepted them (the map keeps insertion order). */
function acceptedOrder() {
  return [...tasks.keys()];
}

/** The ids as the list shows them now. */
function shownOrder() {
  if (order !== "waiting") return acceptedOrder();
  const waiting = (id) => {
    const task = tasks.get(id);
    return task.state === "active" && task.waitingSince ? task.waitingSince : Infinity;
  };
  // Array.prototype.sort is stable: equal waits (and no wait) keep the accepted order.
  return acceptedOrder().sort((a, b) => waiting(a) - waiting(b));
}

/** Moves rows only when the order changed (moving a row would drop its focus). */
function applyOrder() {
  const wanted = shownOrder();
  const current = [...list().children].map((row) => row.dataset.conversationId);
  if (wanted.length === current.length && wanted.every((id, index) => id === current[index])) return;
  const focused = document.activeElement;
  list().append(...wanted.map(rowOf).filter(Boolean));
  if (focused && list().contains(focused)) focused.focus();
}

export function removeTask(conversationId) {
  tasks.delete(conversationId);
  rowOf(conversationId)?.remove();
  if (selected === conversationId) selected = null;
  syncEmpty();
}

export function markSelected(conversationId) {
  selected = conversationId;
  for (const row of list().children) {
    row.querySelector(".task-button").setAttribute("aria-current", String(row.dataset.conversationId === conversationId));
  }
}

/** Alt+N: the next conversation after the selected one, in the list's order, wrapping round. */
export function nextTaskId() {
  const ids = shownOrder();
  if (ids.length === 0) return null;
  const at = ids.indexOf(selected);
  return ids[(at + 1) % ids.length];
}

function rowOf(conversationId) {
  return list().querySelector(`[data-conversation-id="${CSS.escape(conversationId)}"]`);
}

function syncEmpty() {
  document.getElementById("tasks-empty").hidden = tasks.size > 0;
}
