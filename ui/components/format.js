// Numbers and dates in the agent's locale. Timers use tabular figures (see styles.css).

import { currentLocale } from "../l10n.js";

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

/** Every element with `data-since` shows the time elapsed since then, once a second. */
export function startTicking() {
  const tick = () => {
    const now = Date.now();
    for (const element of document.querySelectorAll("[data-since]")) {
      const text = duration(now - Number(element.dataset.since));
      if (element.textContent !== text) element.textContent = text;
    }
  };
  tick();
  return setInterval(tick, 1000);
}

export function channelIcon(channel) {
  return `icons/${channel}.svg`;
}
