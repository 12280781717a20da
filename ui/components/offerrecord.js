// The contact request's "Preview record" ("Prévisualisez les détails de l'enregistrement et
// cliquez pour accepter"): a disclosure button on the popover that shows, before Accept, the
// customer record the hub matched when the request arrived. It is read through the shell
// (`offer_record`: the hub lets only the agent the request is offered to read it), masked in
// Rust like every record; a record the customer only claimed comes without its history and
// says so. No record matched: the popover says that instead.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { describeMasked } from "./format.js";

const FIELDS = [
  ["record-name", "name"],
  ["record-email", "email"],
  ["record-phone", "phone"],
  ["record-account", "account"],
  ["record-notes", "notes"],
];

/** Wires the card's button for this offer (called each time the card is drawn). */
export function setupRecordPreview(card, offer, onError) {
  const button = card.querySelector(".offer-preview");
  const body = card.querySelector(".offer-record-body");
  body.id = `offer-record-${offer.conversationId}`;
  button.setAttribute("aria-controls", body.id);
  button.onclick = () => toggle(card, offer, onError);
}

async function toggle(card, offer, onError) {
  const button = card.querySelector(".offer-preview");
  const body = card.querySelector(".offer-record-body");
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  body.hidden = !open;
  if (!open || body.dataset.loaded === "true") return;
  const status = card.querySelector(".offer-record-status");
  const details = card.querySelector(".offer-record-details");
  details.replaceChildren();
  status.hidden = false;
  if (!offer.record) {
    body.dataset.loaded = "true";
    await setL10n(status, "offer-record-none");
    return;
  }
  await setL10n(status, "record-loading");
  let file;
  try {
    file = await ipc.offerRecord(offer.conversationId);
  } catch (error) {
    await setL10n(status, `error-${error.code}`);
    onError(error);
    return;
  }
  body.dataset.loaded = "true";
  await setL10n(status, `record-matched-${kebab(offer.record.matchedBy)}`);
  card.querySelector(".offer-record-claimed").hidden = !offer.record.claimed;
  for (const [label, field] of FIELDS) {
    const value = file.record[field];
    if (!value) continue;
    const term = document.createElement("dt");
    term.dataset.l10nId = label;
    const data = document.createElement("dd");
    data.className = `offer-record-${field}`;
    const text = document.createElement("bdi");
    text.textContent = value;
    if (field !== "name" && field !== "notes") text.dir = "ltr";
    describeMasked(text, value);
    data.append(text);
    details.append(term, data);
  }
  await translate(body);
}

/** matchedBy as the wire names it (camelCase) → the message id's kebab-case. */
function kebab(value) {
  return value.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
