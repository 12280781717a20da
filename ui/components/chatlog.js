// The chat log of a conversation (a case): in view mode, read-only and already on a
// customer's record; in edit mode, a searchable customer picker, subject and notes, saved on
// the record or kept as a draft. The same body serves the wrap-up's second step, the
// standalone dialog (a draft from the top bar's "Chat logs", a case from a record's history)
// and lists cases (`caseItem`). Everything shown arrives masked from Rust.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { channelIconImage, dateTime, describeMasked, time, withIsolatedNumbers } from "./format.js";

const el = (id) => document.getElementById(id);
const SEARCH_DELAY_MS = 200;

let onError = () => {};
/** Tells the rest of the desk that a chat log changed (drafts count, record history). */
let changed = () => {};
let standalone = null;

export function setupChatLogs({ reportError, chatLogChanged }) {
  onError = reportError;
  changed = chatLogChanged;
  standalone = createChatLog(el("chatlog-standalone"));
  el("drafts-button").onclick = openDrafts;
  el("chatlog-close").onclick = closeStandalone;
  el("chatlog-dialog").addEventListener("cancel", (event) => {
    event.preventDefault();
    closeStandalone();
  });
}

/** The drafts count in the top bar, fresh from the hub. */
export async function refreshDrafts() {
  try {
    const drafts = await ipc.draftCases();
    showDraftCount(drafts.length);
    return drafts;
  } catch (error) {
    onError(error);
    return null;
  }
}

function showDraftCount(count) {
  el("drafts-count").textContent = String(count);
  el("drafts-button").dataset.count = String(count);
  setL10n(el("drafts-button"), "drafts-count-title", { count });
}

async function openDrafts() {
  const list = el("drafts-list");
  list.replaceChildren();
  el("drafts-error").hidden = true;
  el("drafts-empty").hidden = true;
  if (!el("drafts-dialog").open) el("drafts-dialog").showModal();
  try {
    const drafts = await ipc.draftCases();
    showDraftCount(drafts.length);
    list.replaceChildren(
      ...drafts.map((summary) =>
        caseItem(summary, {
          onOpen: () => {
            el("drafts-dialog").close();
            openCase(summary.id, { mode: "edit" });
          },
        }),
      ),
    );
    el("drafts-empty").hidden = drafts.length > 0;
    await translate(list);
  } catch (error) {
    el("drafts-error").hidden = false;
    setL10n(el("drafts-error"), `error-${error.code}`);
  }
}

/**
 * Opens a case in the standalone dialog: `edit` for a draft (Save, Save as draft, Close), or
 * `view` read-only (a case in a record's history).
 */
export async function openCase(caseId, { mode }) {
  standalone.loading();
  if (!el("chatlog-dialog").open) el("chatlog-dialog").showModal();
  try {
    const chatLog = await ipc.openCase(caseId);
    await standalone.show(chatLog, { mode, editable: mode === "edit" });
  } catch (error) {
    standalone.showError(error.code);
  }
}

/** Closing keeps what was typed: unsaved edits are saved as a draft first. */
async function closeStandalone() {
  if (standalone.dirty() && !(await standalone.saveDraft())) return;
  el("chatlog-dialog").close();
}

/** One case in a list: channel, date, number, subject, disposition and agent. */
export function caseItem(summary, { onOpen, current = false }) {
  const item = document.createElement("li");
  item.className = "case-item";
  item.dataset.caseId = summary.id;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "case-button";
  if (current) {
    item.classList.add("current");
    button.setAttribute("aria-current", "true");
  }
  const top = document.createElement("span");
  top.className = "case-top";
  const icon = channelIconImage(summary.channel);
  const channel = document.createElement("span");
  channel.dataset.l10nId = `channel-${summary.channel}`;
  const number = document.createElement("bdi");
  number.className = "case-number";
  number.dir = "ltr";
  number.textContent = summary.number;
  const date = document.createElement("span");
  date.className = "case-date muted";
  date.textContent = dateTime(summary.createdAt);
  top.append(icon, channel, " · ", number, " · ", date);
  const subject = document.createElement("span");
  subject.className = "case-subject";
  subject.dir = "auto";
  subject.append(withIsolatedNumbers(summary.subject));
  const meta = document.createElement("span");
  meta.className = "case-meta muted";
  if (summary.disposition) {
    const disposition = document.createElement("bdi");
    disposition.className = "case-disposition";
    disposition.textContent = summary.disposition;
    meta.append(disposition, " · ");
  }
  const agent = document.createElement("bdi");
  agent.className = "case-agent";
  agent.textContent = summary.agentName;
  meta.append(agent);
  if (current) {
    const mark = document.createElement("span");
    mark.className = "case-current";
    mark.dataset.l10nId = "record-case-current";
    meta.append(" · ", mark);
  }
  if (summary.status === "draft") {
    const draft = document.createElement("span");
    draft.className = "case-draft";
    draft.dataset.l10nId = "chatlog-draft-badge";
    meta.append(" · ", draft);
  }
  button.append(top, subject, meta);
  button.onclick = onOpen;
  item.append(button);
  return item;
}

/**
 * A chat log body inside `host` (cloned from the template). Returns its controls:
 * `loading()`, `show(chatLog, {mode, editable})`, `showError(code)`, `dirty()`,
 * `saveDraft()` (resolves to whether it was saved), `clear()`.
 */
export function createChatLog(host) {
  const root = el("chatlog-template").content.firstElementChild.cloneNode(true);
  host.replaceChildren(root);
  const $ = (css) => root.querySelector(css);
  let chatLog = null;
  let editable = false;
  /** The customer chosen in the picker, and what the hub last stored (for `dirty`). */
  let picked = null;
  let stored = null;
  let searchTimer = null;
  let searchRound = 0;

  // Enter in a field must not submit the wrap-up form around it (that would Finish).
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("input")) event.preventDefault();
  });
  $(".chatlog-search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, SEARCH_DELAY_MS);
  });
  $(".chatlog-customers").addEventListener("change", (event) => {
    picked = event.target.value;
  });
  $(".chatlog-edit-button").onclick = () => show(chatLog, { mode: "edit", editable: true });
  $(".chatlog-draft").onclick = () => save("draft");
  $(".chatlog-save").onclick = () => save("saved");

  function current() {
    return { customerId: picked, subject: $(".chatlog-subject-input").value, notes: $(".chatlog-notes-input").value };
  }

  function mode() {
    return root.dataset.mode ?? "none";
  }

  function clear() {
    chatLog = null;
    stored = null;
    picked = null;
    delete root.dataset.mode;
    $(".chatlog-loading").hidden = true;
    $(".chatlog-view").hidden = true;
    $(".chatlog-edit").hidden = true;
    $(".chatlog-error").hidden = true;
    $(".chatlog-status").textContent = "";
    delete $(".chatlog-status").dataset.l10nId;
    $(".chatlog-transcript").replaceChildren();
    $(".chatlog-transcript-heading").hidden = true;
    for (const button of root.querySelectorAll(".chatlog-actions button")) button.hidden = true;
  }

  function loading() {
    clear();
    $(".chatlog-loading").hidden = false;
  }

  function showError(code) {
    $(".chatlog-loading").hidden = true;
    $(".chatlog-error").hidden = false;
    setL10n($(".chatlog-error"), `error-${code}`);
  }

  async function show(view, options) {
    clear();
    chatLog = view;
    editable = options.editable;
    root.dataset.mode = options.mode;
    root.dataset.status = view.status;
    for (const number of root.querySelectorAll(".chatlog-number")) number.textContent = view.number;
    renderTranscript(view);
    if (options.mode === "view") {
      const name = $(".chatlog-customer-name");
      if (view.customer) {
        delete name.dataset.l10nId;
        name.textContent = view.customer.name;
      } else {
        name.dataset.l10nId = "chatlog-no-customer";
      }
      $(".chatlog-subject").replaceChildren(withIsolatedNumbers(view.subject));
      $(".chatlog-notes").replaceChildren(withIsolatedNumbers(view.notes));
      $(".chatlog-notes").hidden = !view.notes.trim();
      $(".chatlog-notes-term").hidden = !view.notes.trim();
      $(".chatlog-view").hidden = false;
      $(".chatlog-edit-button").hidden = !editable;
    } else {
      picked = view.customerId ?? null;
      $(".chatlog-subject-input").value = view.subject;
      $(".chatlog-notes-input").value = view.notes;
      $(".chatlog-search").value = "";
      $(".chatlog-edit").hidden = false;
      $(".chatlog-draft").hidden = false;
      $(".chatlog-save").hidden = false;
      await search();
    }
    stored = current();
    await translate(root);
  }

  function renderTranscript(view) {
    const customerName = view.customer?.name;
    $(".chatlog-transcript-heading").hidden = false;
    $(".chatlog-transcript").replaceChildren(
      ...view.transcript.map((line) => {
        const item = document.createElement("li");
        item.className = `transcript-line ${line.author}`;
        const meta = document.createElement("span");
        meta.className = "meta";
        const who = document.createElement("bdi");
        if (line.author === "agent") who.textContent = line.authorName;
        else if (customerName) who.textContent = customerName;
        else who.dataset.l10nId = "chatlog-customer-author";
        meta.append(who, " · ", time(line.at));
        const text = document.createElement("p");
        text.dir = "auto";
        text.append(withIsolatedNumbers(line.text));
        item.append(meta, text);
        return item;
      }),
    );
  }

  /** The picker's list: records matching the search, the chosen one always among them. */
  async function search() {
    const round = ++searchRound;
    const query = $(".chatlog-search").value;
    let records;
    try {
      records = await ipc.searchCustomers(query);
    } catch (error) {
      onError(error);
      return;
    }
    if (round !== searchRound) return;
    const chosen = chatLog?.customer;
    if (chosen && chosen.id === picked && !query.trim() && !records.some((r) => r.id === chosen.id)) {
      records.unshift(chosen);
    }
    const list = $(".chatlog-customers");
    list.replaceChildren(
      ...records.map((record) => {
        const item = document.createElement("li");
        // A radio group, not a list: the items are only its layout.
        item.setAttribute("role", "none");
        const label = document.createElement("label");
        const radio = document.createElement("input");
        radio.type = "radio";
        radio.name = `chatlog-customer-${host.id}`;
        radio.value = record.id;
        radio.checked = record.id === picked;
        const name = document.createElement("bdi");
        name.className = "customer-name";
        name.textContent = record.name;
        label.append(radio, name);
        const contact = record.email ?? record.phone ?? record.account;
        if (contact) {
          const detail = document.createElement("bdi");
          detail.className = "muted";
          detail.dir = "ltr";
          detail.textContent = contact;
          describeMasked(detail, contact);
          label.append(detail);
        }
        item.append(label);
        return item;
      }),
    );
    $(".chatlog-no-customers").hidden = records.length > 0;
    await translate(list);
  }

  /** Saves on the record (`saved`) or as a draft; resolves to whether the hub took it. */
  async function save(status) {
    if (!chatLog) return false;
    const buttons = [$(".chatlog-draft"), $(".chatlog-save")];
    buttons.forEach((button) => (button.disabled = true));
    $(".chatlog-error").hidden = true;
    const values = current();
    try {
      const saved = await ipc.saveCase(chatLog.id, { ...values, customerId: values.customerId ?? null, status });
      changed(saved);
      if (status === "saved") {
        await show(saved, { mode: "view", editable });
        await setL10n($(".chatlog-status"), "chatlog-saved");
      } else {
        chatLog = saved;
        stored = current();
        root.dataset.status = saved.status;
        await setL10n($(".chatlog-status"), "chatlog-draft-saved");
      }
      return true;
    } catch (error) {
      // Nothing typed is lost: the fields keep their values for another try.
      showError(error.code);
      return false;
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  }

  function dirty() {
    if (mode() !== "edit" || !stored) return false;
    const now = current();
    return now.customerId !== stored.customerId || now.subject !== stored.subject || now.notes !== stored.notes;
  }

  return { loading, show, showError, dirty, saveDraft: () => save("draft"), clear, mode };
}
