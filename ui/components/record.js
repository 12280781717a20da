// The context panel's "Customer record": for a conversation attached to a record, a preview
// (name, email, phone, account, notes; masked in Rust) and the customer's history (their
// cases across channels, the one they referred to highlighted; a click opens it read-only).
// A record the customer only claimed (what they typed in the pre-chat form) shows as such,
// without history, until the agent confirms it.
// Without a record, the new-record form with what the chat gave beside it. Name, email, phone
// and account came masked (a name that is a phone number reads `*********7542`), so they are
// shown as "from the chat", never put in the inputs, and sent as null: the hub takes the real
// values from the conversation unless the agent types a replacement. Masked text never goes
// back as data. What the agent types is kept per conversation: switching chats or a failed
// save loses nothing.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { caseItem, openCase } from "./chatlog.js";
import { describeMasked } from "./format.js";

const el = (id) => document.getElementById(id);
const FIELDS = ["name", "email", "phone", "account", "notes"];

/** The conversation shown, and the record (and case) its preview was fetched for. */
let shown = { conversationId: null, key: null };
/** The new-record form's values, per conversation. */
const forms = new Map();
let onError = () => {};

export function setupRecord({ reportError }) {
  onError = reportError;
  for (const field of FIELDS) {
    el(`record-${field}`).addEventListener("input", () => {
      const form = forms.get(shown.conversationId);
      if (form) form[field] = el(`record-${field}`).value;
    });
  }
  el("record-form").onsubmit = (event) => {
    event.preventDefault();
    save();
  };
  el("record-confirm").onclick = confirmClaim;
}

/** The panel for the open conversation's task (called whenever its header is drawn). */
export async function renderRecord(task) {
  el("record-section").hidden = false;
  const conversationChanged = shown.conversationId !== task.conversationId;
  shown.conversationId = task.conversationId;
  if (task.record) {
    const key = `${task.record.customerId}:${task.record.caseId ?? ""}:${task.record.claimed ? "claimed" : ""}`;
    if (!conversationChanged && shown.key === key) return;
    shown.key = key;
    el("record-form").hidden = true;
    forms.delete(task.conversationId);
    await showPreview(task);
  } else {
    shown.key = null;
    el("record-preview").hidden = true;
    el("record-loading").hidden = true;
    showForm(task, conversationChanged);
  }
}

export function clearRecord() {
  shown = { conversationId: null, key: null };
  el("record-section").hidden = true;
}

/** Forgets the per-conversation forms (sign-out) or one of them (the chat closed). */
export function forgetForms(conversationId) {
  if (conversationId) forms.delete(conversationId);
  else forms.clear();
}

/** A chat log was saved: the open record's history may have changed. */
export async function refreshRecord() {
  if (!shown.key) return;
  const task = { conversationId: shown.conversationId, record: recordOf(shown.key) };
  await showPreview(task);
}

function recordOf(key) {
  const [customerId, caseId, claimed] = key.split(":");
  return { customerId, caseId: caseId || null, claimed: claimed === "claimed" };
}

/** The agent vouches for the record the customer claimed; the hub's recordLinked redraws. */
async function confirmClaim() {
  const conversationId = shown.conversationId;
  if (!conversationId) return;
  el("record-confirm").disabled = true;
  try {
    await ipc.confirmRecord(conversationId);
  } catch (error) {
    onError(error);
  } finally {
    el("record-confirm").disabled = false;
  }
}

async function showPreview(task) {
  const { conversationId, record } = task;
  el("record-loading").hidden = false;
  let file;
  try {
    file = await ipc.customerFile(record.customerId);
  } catch (error) {
    el("record-loading").hidden = true;
    onError(error);
    return;
  }
  if (shown.conversationId !== conversationId) return;
  el("record-loading").hidden = true;
  const preview = el("record-preview");
  preview.dataset.customerId = file.record.id;
  if (task.record.matchedBy) {
    setL10n(el("record-matched"), `record-matched-${kebab(task.record.matchedBy)}`);
    el("record-matched").hidden = false;
  }
  // A claim: what the customer typed names this record, nobody vouched for it yet.
  const claimed = Boolean(record.claimed);
  el("record-matched").classList.toggle("claimed", claimed);
  el("record-claim").hidden = !claimed;
  el("record-history-block").hidden = claimed;
  const details = el("record-details");
  details.replaceChildren();
  const rows = [
    ["record-name", file.record.name, "name"],
    ["record-email", file.record.email, "email"],
    ["record-phone", file.record.phone, "phone"],
    ["record-account", file.record.account, "account"],
    ["record-notes", file.record.notes, "notes"],
  ];
  for (const [id, value, field] of rows) {
    if (!value) continue;
    const term = document.createElement("dt");
    term.dataset.l10nId = id;
    const data = document.createElement("dd");
    data.className = `record-${field}-value`;
    const text = document.createElement("bdi");
    text.textContent = value;
    if (field !== "name" && field !== "notes") text.dir = "ltr";
    describeMasked(text, value);
    data.append(text);
    details.append(term, data);
  }
  const history = el("record-history");
  history.replaceChildren(
    ...(claimed ? [] : file.cases).map((summary) =>
      caseItem(summary, {
        current: summary.id === record.caseId,
        onOpen: () => openCase(summary.id, { mode: "view" }),
      }),
    ),
  );
  el("record-history-empty").hidden = claimed || file.cases.length > 0;
  preview.hidden = false;
  await translate(el("record-section"));
  // The case the customer named is what the agent needs first.
  history.querySelector(".case-item.current")?.scrollIntoView({ block: "nearest" });
}

/** matchedBy as the wire names it (camelCase) → the message id's kebab-case. */
function kebab(value) {
  return value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function showForm(task, conversationChanged) {
  if (!forms.has(task.conversationId)) {
    forms.set(task.conversationId, {
      name: "",
      email: "",
      phone: "",
      account: "",
      notes: "",
    });
  }
  const form = forms.get(task.conversationId);
  if (conversationChanged || el("record-form").hidden) {
    for (const field of FIELDS) el(`record-${field}`).value = form[field];
    el("record-error").hidden = true;
  }
  // What the chat gave, as masked as it arrived: the hub fills it in when left empty.
  for (const field of ["name", "email", "phone", "account"]) {
    const fromChat = task.customer[field];
    const hint = el(`record-${field}-chat`);
    hint.hidden = !fromChat;
    const shown = hint.querySelector(".value");
    shown.textContent = fromChat ?? "";
    shown.removeAttribute("role");
    shown.removeAttribute("aria-label");
    delete shown.dataset.l10nId;
    describeMasked(shown, fromChat);
  }
  el("record-form").dataset.conversationId = task.conversationId;
  el("record-form").hidden = false;
  translate(el("record-form"));
}

async function save() {
  const conversationId = shown.conversationId;
  const form = forms.get(conversationId);
  if (!form) return;
  const orNull = (text) => (text.trim() ? text.trim() : null);
  const request = {
    conversationId,
    name: form.name.trim(),  // empty: the chat's name, filled in by the hub
    email: orNull(form.email),
    phone: orNull(form.phone),
    account: orNull(form.account),
    notes: form.notes,
  };
  el("record-save").disabled = true;
  el("record-error").hidden = true;
  try {
    // The panel turns into the preview when the hub says so (recordLinked → task update).
    await ipc.createCustomer(request);
  } catch (error) {
    if (shown.conversationId === conversationId) {
      el("record-error").hidden = false;
      setL10n(el("record-error"), `error-${error.code}`);
    } else {
      onError(error);
    }
  } finally {
    el("record-save").disabled = false;
  }
}
