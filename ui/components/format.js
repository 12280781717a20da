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

export function dateTime(ms) {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeStyle: "short" }).format(ms);
}

export function time(ms) {
  return new Intl.DateTimeFormat(currentLocale(), { timeStyle: "short" }).format(ms);
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
