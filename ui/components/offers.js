// Contact-request popovers: stacked in the block-end, inline-end corner, each with its own
// timer counting from when the request arrived at the hub (already on the local clock). A
// colleague's transfer or conference invitation says so, with the colleague's name. "Preview
// record" shows the matched customer record before Accept (offerrecord.js).

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";
import { announce } from "./announce.js";
import { channelIcon, dateTime, describeMasked, showCustomerName, withIsolatedNumbers } from "./format.js";
import { setupRecordPreview } from "./offerrecord.js";

const offers = new Map();
let onError = () => {};
let onAccepting = () => {};

const region = () => document.getElementById("offers");

export function setupOffers({ reportError, accepting }) {
  onError = reportError;
  onAccepting = accepting;
}

export function clearOffers() {
  offers.clear();
  region().replaceChildren();
}

/** Shows a new request or updates one (a message arrived while it waits). */
export async function showOffer(offer) {
  const existing = region().querySelector(`[data-conversation-id="${CSS.escape(offer.conversationId)}"]`);
  offers.set(offer.conversationId, offer);
  const card = existing ?? document.getElementById("offer-template").content.firstElementChild.cloneNode(true);
  card.dataset.conversationId = offer.conversationId;
  card.dataset.channel = offer.channel;
  card.querySelector(".channel-icon").src = channelIcon(offer.channel);
  card.querySelector(".offer-timer").dataset.since = String(offer.arrivedAt);
  card.dataset.kind = offer.kind.kind;
  const title = card.querySelector(".offer-title");
  const from = card.querySelector(".offer-from");
  from.hidden = offer.kind.kind === "contact";
  if (offer.kind.kind === "transfer") {
    title.dataset.l10nId = "offer-heading-transfer";
    setL10n(from, "offer-from-transfer", { name: offer.kind.from.displayName });
  } else if (offer.kind.kind === "conference") {
    title.dataset.l10nId = "offer-heading-conference";
    setL10n(from, "offer-from-conference", { name: offer.kind.from.displayName });
  }
  card.querySelector(".avatar").textContent = offer.customer.initials;
  showCustomerName(card.querySelector(".customer-name"), offer);
  card.querySelector(".queue-name").textContent = offer.queueName;
  card.querySelector(".agent-name").textContent = offer.agentName;
  card.querySelector(".offer-date").textContent = dateTime(offer.arrivedAt);
  const source = offer.customer.source;
  card.querySelector(".source").textContent = source ?? "";
  describeMasked(card.querySelector(".source"), source);
  card.querySelector(".source-term").hidden = !source;
  card.querySelector(".source-value").hidden = !source;
  // WhatsApp: the customer's number and the business number it came to; Messenger: the page.
  const phone = offer.channel === "whatsapp" ? offer.customer.phone : null;
  card.querySelector(".phone").textContent = phone ?? "";
  describeMasked(card.querySelector(".phone"), phone);
  card.querySelector(".phone-term").hidden = !phone;
  card.querySelector(".phone-value").hidden = !phone;
  const account = offer.account;
  card.querySelector(".account").textContent = account ?? "";
  card.querySelector(".account-term").hidden = !account;
  card.querySelector(".account-value").hidden = !account;
  if (account) setL10n(card.querySelector(".account-term"), `offer-account-${offer.channel}`);
  const thread = card.querySelector(".offer-thread");
  thread.replaceChildren(
    ...offer.messages
      .filter((message) => message.author === "customer")
      .map((message) => {
        const line = document.createElement("li");
        line.dir = "auto";
        line.append(withIsolatedNumbers(message.text));
        return line;
      }),
  );
  thread.scrollTop = thread.scrollHeight;
  // Visible either way: when the admin has not granted rejecting, the button says so.
  const reject = card.querySelector(".reject");
  reject.disabled = !offer.canReject;
  reject.dataset.allowed = String(offer.canReject);
  setL10n(reject, offer.canReject ? "offer-reject" : "offer-reject-not-allowed");
  reject.onclick = () => act(ipc.rejectOffer, offer.conversationId, card);
  card.querySelector(".accept").onclick = () => accept(offer.conversationId, card);
  setupRecordPreview(card, offer, onError);
  if (!existing) {
    region().append(card);
    await translate(card);
    announceOffer(offer);
  } else {
    await translate(card);
  }
}

/** A new request is urgent: said once, with who, where from and how to accept it. */
function announceOffer(offer) {
  const name = offer.customer.name || { livechat: "Livechat", messenger: "Messenger", whatsapp: "WhatsApp" }[offer.channel];
  if (offer.kind.kind === "contact") {
    announce("announce-offer", { name, channel: offer.channel, queue: offer.queueName }, { urgent: true });
  } else {
    const id = offer.kind.kind === "transfer" ? "announce-offer-transfer" : "announce-offer-conference";
    announce(id, { name, from: offer.kind.from.displayName }, { urgent: true });
  }
}

export function withdrawOffer(conversationId) {
  offers.delete(conversationId);
  region().querySelector(`[data-conversation-id="${CSS.escape(conversationId)}"]`)?.remove();
}

/** The oldest request waiting (Alt+A accepts it). */
export function oldestOffer() {
  return [...offers.values()].sort((a, b) => a.arrivedAt - b.arrivedAt)[0];
}

export function acceptOldest() {
  const offer = oldestOffer();
  const card = offer && region().querySelector(`[data-conversation-id="${CSS.escape(offer.conversationId)}"]`);
  if (card) accept(offer.conversationId, card);
}

/** The agent chose this request: it opens in the pane once the hub assigns it. */
function accept(conversationId, card) {
  onAccepting(conversationId);
  return act(ipc.acceptOffer, conversationId, card);
}

export function focusOffer(conversationId) {
  cardOf(conversationId)?.querySelector(".accept")?.focus();
}

/**
 * Accept was chosen in the request's desktop notification: the shell asks the hub, and this
 * window opens the chat once the hub assigns it, as after its own Accept.
 */
export function acceptingFromNotification(conversationId) {
  onAccepting(conversationId);
  const card = cardOf(conversationId);
  if (card) busy(card);
}

/** The hub refused the notification's Accept: said as for the popover's own. */
export function acceptFromNotificationFailed(conversationId, error) {
  refused(conversationId, error);
  const card = cardOf(conversationId);
  if (card) ready(card);
}

const cardOf = (conversationId) => region().querySelector(`[data-conversation-id="${CSS.escape(conversationId)}"]`);

function busy(card) {
  for (const button of card.querySelectorAll("button")) button.disabled = true;
}

function ready(card) {
  for (const button of card.querySelectorAll("button")) button.disabled = button.dataset.allowed === "false";
}

function refused(conversationId, error) {
  onError(error);
  if (error.code === "offer-expired" || error.code === "not-found") withdrawOffer(conversationId);
}

async function act(command, conversationId, card) {
  busy(card);
  try {
    // The popover goes when the hub says so (assigned or withdrawn), not before.
    await command(conversationId);
  } catch (error) {
    refused(conversationId, error);
  } finally {
    ready(card);
  }
}
