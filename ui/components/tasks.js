// The task pane: one row per conversation the agent holds, the selected one obvious.

import { setL10n, translate } from "../l10n.js";
import { channelIcon, showCustomerName } from "./format.js";

const tasks = new Map();
let selected = null;
let onSelect = () => {};

const list = () => document.getElementById("task-list");

export function setupTasks({ select }) {
  onSelect = select;
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
  row.querySelector(".task-preview").textContent = task.lastMessage ?? "";
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
  row.querySelector(".task-state").hidden = task.state !== "wrapUp";
  const waiting = row.querySelector(".task-waiting");
  if (task.waitingSince && task.state === "active") {
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
  syncEmpty();
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

/** Alt+N: the next conversation after the selected one, wrapping round. */
export function nextTaskId() {
  const ids = taskIds();
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
