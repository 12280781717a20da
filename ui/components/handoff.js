// The Transfer and Conference dialogs: one <dialog>, one list of colleagues or queues.
//
// The lists come fresh from the hub each time the dialog opens and on Refresh (availability
// changes by the second). Rust already dropped the agent themself and the queues of other
// channels, and marked which colleagues can be chosen (Available with a free slot); the
// others stay listed, disabled, with their state in words and a sign, never colour alone.
// A refusal from the hub (the colleague just took another chat) is shown in the dialog,
// which stays open and refreshes, so the agent can choose again.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { idleLabel, presenceId } from "./presence.js";

const el = (id) => document.getElementById(id);

/** "transfer" or "conference". */
let mode = "transfer";
let conversationId = null;
let targets = { agents: [], queues: [] };
let onTransferred = () => {};
/** Answers to an older fetch must not overwrite a newer one. */
let fetchCount = 0;

export function setupHandoff({ transferred }) {
  onTransferred = transferred;
  el("handoff-search").addEventListener("input", filter);
  for (const radio of document.querySelectorAll("input[name=handoff-kind]")) {
    radio.addEventListener("change", () => render());
  }
  el("handoff-list").addEventListener("change", syncSubmit);
  el("handoff-refresh").onclick = () => refresh();
  el("handoff-cancel").onclick = () => el("handoff-dialog").close();
  el("handoff-form").onsubmit = (event) => {
    event.preventDefault();
    submit();
  };
}

/** Opens the dialog for a conversation: `"transfer"` or `"conference"`. */
export async function openHandoff(forConversation, kind) {
  mode = kind;
  conversationId = forConversation;
  targets = { agents: [], queues: [] };
  el("handoff-search").value = "";
  el("handoff-error").hidden = true;
  el("handoff-list").replaceChildren();
  const heading = mode === "transfer" ? "handoff-transfer-heading" : "handoff-conference-heading";
  const intro = mode === "transfer" ? "handoff-transfer-intro" : "handoff-conference-intro";
  const action = mode === "transfer" ? "handoff-transfer" : "handoff-invite";
  el("handoff-dialog").dataset.mode = mode;
  await Promise.all([setL10n(el("handoff-heading"), heading), setL10n(el("handoff-intro"), intro)]);
  await setL10n(el("handoff-submit"), action);
  await translate(el("handoff-dialog"));
  if (!el("handoff-dialog").open) el("handoff-dialog").showModal();
  el("handoff-search").focus();
  await refresh();
}

export function closeHandoffFor(closedConversation) {
  if (conversationId === closedConversation && el("handoff-dialog").open) el("handoff-dialog").close();
}

async function refresh() {
  const asked = ++fetchCount;
  const list = el("handoff-list");
  list.setAttribute("aria-busy", "true");
  el("handoff-refresh").disabled = true;
  try {
    const fresh = await ipc.listTransferTargets(conversationId);
    if (asked !== fetchCount) return;
    targets = fresh;
    await render();
  } catch (error) {
    if (asked === fetchCount) showError(error);
  } finally {
    if (asked === fetchCount) {
      list.setAttribute("aria-busy", "false");
      el("handoff-refresh").disabled = false;
    }
  }
}

function kind() {
  return document.querySelector("input[name=handoff-kind]:checked")?.value ?? "agent";
}

/** Rebuilds the list, keeping the agent's choice when it can still be chosen. */
async function render() {
  const chosen = selected();
  const items = kind() === "agent" ? targets.agents.map(agentItem) : targets.queues.map(queueItem);
  el("handoff-list").replaceChildren(...items);
  const again = chosen && el("handoff-list").querySelector(`input[value="${CSS.escape(chosen)}"]:not(:disabled)`);
  if (again) again.checked = true;
  filter();
  syncSubmit();
  await translate(el("handoff-list"));
}

function agentItem(agent) {
  const selectable = agent.selectable;
  const name = document.createElement("bdi");
  name.className = "target-name";
  name.textContent = agent.displayName;
  const state = document.createElement("span");
  state.className = "target-state";
  state.dataset.state = agent.state.kind;
  if (agent.state.kind === "idle") {
    const word = document.createElement("span");
    word.dataset.l10nId = "presence-idle-heading";
    const code = document.createElement("span");
    code.textContent = idleLabel(agent.state.code);
    state.append(word, " · ", code);
  } else {
    state.dataset.l10nId = presenceId(agent.state.kind);
  }
  const load = document.createElement("span");
  load.className = "target-load timer";
  load.dataset.l10nId = "handoff-agent-load";
  load.dataset.l10nArgs = JSON.stringify({ count: agent.activeConversations, capacity: agent.capacity });
  return item(`agent:${agent.id}`, selectable, agent.displayName, name, [state, load]);
}

function queueItem(queue) {
  // A conference through a queue needs someone available in it; a transfer can always wait
  // in its queue.
  const selectable = mode === "transfer" || queue.availableAgents > 0;
  const name = document.createElement("bdi");
  name.className = "target-name";
  name.textContent = queue.name;
  const waiting = document.createElement("span");
  waiting.className = "target-waiting";
  waiting.dataset.l10nId = "handoff-queue-waiting";
  waiting.dataset.l10nArgs = JSON.stringify({ count: queue.waiting });
  const available = document.createElement("span");
  available.className = "target-available";
  available.dataset.available = String(queue.availableAgents > 0);
  available.dataset.l10nId = "handoff-queue-available";
  available.dataset.l10nArgs = JSON.stringify({ count: queue.availableAgents });
  return item(`queue:${queue.id}`, selectable, queue.name, name, [waiting, available]);
}

function item(value, selectable, searchText, name, facts) {
  const row = document.createElement("li");
  // A radio group, not a list: the items are only its layout.
  row.setAttribute("role", "none");
  row.dataset.search = searchText.toLocaleLowerCase();
  row.classList.toggle("unavailable", !selectable);
  const label = document.createElement("label");
  const radio = document.createElement("input");
  radio.type = "radio";
  radio.name = "handoff-target";
  radio.value = value;
  radio.disabled = !selectable;
  const main = document.createElement("span");
  main.className = "target-main";
  const details = document.createElement("span");
  details.className = "target-facts";
  details.append(...facts);
  main.append(name, details);
  label.append(radio, main);
  row.append(label);
  return row;
}

function filter() {
  const query = el("handoff-search").value.trim().toLocaleLowerCase();
  let shown = 0;
  for (const row of el("handoff-list").children) {
    const match = row.dataset.search.includes(query);
    row.hidden = !match;
    if (match) shown += 1;
  }
  const none = el("handoff-none");
  none.hidden = shown > 0;
  if (shown === 0) setL10n(none, query ? "handoff-none" : "handoff-empty");
  // A choice the search hides is no longer the choice.
  const checked = el("handoff-list").querySelector("input:checked");
  if (checked?.closest("li").hidden) checked.checked = false;
  syncSubmit();
}

function selected() {
  return el("handoff-list").querySelector("input[name=handoff-target]:checked")?.value ?? null;
}

function syncSubmit() {
  el("handoff-submit").disabled = !selected();
}

function targetOf(value) {
  const [kind, ...rest] = value.split(":");
  const id = rest.join(":");
  return kind === "agent" ? { kind: "agent", agentId: id } : { kind: "queue", queueId: id };
}

function showError(error) {
  el("handoff-error").hidden = false;
  setL10n(el("handoff-error"), `error-${error.code}`);
}

async function submit() {
  const value = selected();
  if (!value) return;
  const target = targetOf(value);
  const forConversation = conversationId;
  el("handoff-submit").disabled = true;
  el("handoff-error").hidden = true;
  try {
    if (mode === "transfer") await ipc.transferConversation(forConversation, target);
    else await ipc.requestConference(forConversation, target);
    el("handoff-dialog").close();
    if (mode === "transfer") await onTransferred(forConversation);
  } catch (error) {
    // The dialog stays: the agent sees why, in their language, with fresh availability.
    showError(error);
    await refresh();
  } finally {
    syncSubmit();
  }
}
