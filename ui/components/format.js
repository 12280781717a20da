// Numbers and dates in the agent's locale. Timers use tabular figures (see styles.css).

import { currentLocale, setL10n } from "../l10n.js";

/** `mm:ss` below an hour, `h:mm:ss` above. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

const STYLES = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  time: { timeStyle: "short" },
};
/**
 * One formatter per locale and style, made once. Each `Intl.DateTimeFormat` holds ICU
 * objects of tens of KiB that the garbage collector does not count: one made per message
 * bubble grew the web process by about 50 KiB a message, hundreds of MiB with six busy chats.
 */
const formatters = new Map();

function formatter(style) {
  const key = `${currentLocale()} ${style}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(currentLocale(), STYLES[style]));
  return formatters.get(key);
}

export function dateTime(ms) {
  return formatter("dateTime").format(ms);
}

export function time(ms) {
  return formatter("time").format(ms);
}

/** A reply window this close to closing is shown as a warning. */
export const WINDOW_WARNING_MS = 60 * 60 * 1000;

/**
 * Every element with `data-since` shows the time elapsed since then, and every element with
 * `data-until` the time left until then (marked `data-ending` in the last hour), once a
 * second.
 */
export function startTicking() {
  const tick = () => {
    const now = Date.now();
    for (const element of document.querySelectorAll("[data-since]")) {
      const text = duration(now - Number(element.dataset.since));
      if (element.textContent !== text) element.textContent = text;
    }
    for (const element of document.querySelectorAll("[data-until]")) {
      const left = Number(element.dataset.until) - now;
      const text = duration(left);
      if (element.textContent !== text) element.textContent = text;
      const ending = String(left < WINDOW_WARNING_MS);
      if (element.dataset.ending !== ending) element.dataset.ending = ending;
    }
  };
  tick();
  return setInterval(tick, 1000);
}

export function channelIcon(channel) {
  return `icons/${channel}.svg`;
}

/** A channel's 16 px icon beside its word in a list (decorative: the word names it). */
export function channelIconImage(channel) {
  const icon = document.createElement("img");
  icon.className = "channel-icon";
  icon.alt = "";
  icon.width = 16;
  icon.height = 16;
  icon.src = channelIcon(channel);
  return icon;
}

/**
 * A customer's name, or the channel's word for a customer when the platform gives none
 * (Messenger sends no name).
 */
export function showCustomerName(element, conversation) {
  if (conversation.customer.name) {
    delete element.dataset.l10nId;
    delete element.dataset.l10nArgs;
    element.textContent = conversation.customer.name;
    return Promise.resolve();
  }
  return setL10n(element, `customer-unnamed-${conversation.channel}`);
}

/**
 * Numbers, masked values, IDs and order numbers inside a message, each kept in its own
 * direction: `************1111` in an Arabic sentence must not read `1111************`.
 * Masked values are also given words for screen readers (see `describeMasked`).
 */
const NUMBER_LIKE = /[+*\p{Nd}](?:[\p{Nd}*\-.\/() ]*[\p{Nd}*])?\p{Lu}?/gu;
/** A masked email as the masker writes it: `m******@gmail.com`. */
const MASKED_EMAIL = /[\p{L}\p{N}]\*+@[\p{L}\p{N}](?:[\p{L}\p{N}.-]*[\p{L}\p{N}])?/gu;

export function withIsolatedNumbers(text) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  const runs = [...text.matchAll(MASKED_EMAIL)];
  // Numbers outside the masked emails.
  let from = 0;
  for (const email of [...runs]) {
    for (const number of text.slice(from, email.index).matchAll(NUMBER_LIKE)) {
      runs.push({ 0: number[0], index: from + number.index });
    }
    from = email.index + email[0].length;
  }
  for (const number of text.slice(from).matchAll(NUMBER_LIKE)) runs.push({ 0: number[0], index: from + number.index });
  runs.sort((a, b) => a.index - b.index);
  for (const match of runs) {
    if (match.index > at) fragment.append(document.createTextNode(text.slice(at, match.index)));
    const run = document.createElement("bdi");
    run.dir = "ltr";
    run.textContent = match[0];
    describeMasked(run, match[0]);
    fragment.append(run);
    at = match.index + match[0].length;
  }
  if (at < text.length) fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

/** A whole value that is one masked number or email (and nothing else). */
const WHOLE_MASKED = /^[+*\p{Nd}\s\-.\/()]*\*{2,}[\p{L}\p{N}\s\-.\/()*]*$/u;
const WHOLE_MASKED_EMAIL = /^([\p{L}\p{N}])\*+@(\S+)$/u;

/**
 * Screen readers read `*********7542` as "star star star…": a masked value gets words
 * instead ("masked, ending 7542"; "masked email, m… at gmail.com"), in the agent's language,
 * as the label of an image role (its characters stay on screen, and in the element's text).
 * A longer text with masked values inside gets each of them described. The caller
 * translates the element (the label is a Fluent attribute).
 */
export function describeMasked(element, text) {
  const value = (text ?? "").trim();
  if (!value.includes("**")) return;
  const email = value.match(WHOLE_MASKED_EMAIL);
  if (email) {
    element.setAttribute("role", "img");
    element.dataset.l10nId = "masked-email";
    element.dataset.l10nArgs = JSON.stringify({ first: email[1], domain: email[2] });
  } else if (WHOLE_MASKED.test(value)) {
    element.setAttribute("role", "img");
    element.dataset.l10nId = "masked-value";
    element.dataset.l10nArgs = JSON.stringify({ last: value.slice(value.lastIndexOf("*") + 1).replace(/[^\p{L}\p{N}]/gu, "") });
  } else if (element.textContent === text) {
    element.replaceChildren(withIsolatedNumbers(text));
  }
}

/** Names, numbers and masked values keep their own direction inside any sentence. */
export function isolated(text) {
  const span = document.createElement("bdi");
  span.textContent = text;
  describeMasked(span, text);
  return span;
}

/** Brand names, the same in every language. */
const CHANNEL_NAMES = { livechat: "Livechat", messenger: "Messenger", whatsapp: "WhatsApp" };

/** Who the agent writes to, for labels: the customer's name, else the channel's. */
export function customerOrChannel(task) {
  return task.customer.name || CHANNEL_NAMES[task.channel];
}
