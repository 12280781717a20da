// What a screen reader says, through two live regions (index.html): `#announcer` (polite:
// messages, typing, errors, the connection coming back) and `#announcer-urgent` (assertive:
// contact requests, interruptions, a lost connection).
//
// Each announcement is a new paragraph, resolved through Fluent before it is added, so a
// reader says it once, whole, and never again the earlier ones (the regions are not atomic
// and only additions count). The message list is a log readers can walk, but not live: the
// messages are announced here, counted per conversation ("3 new messages from Ada, chat 2 of
// 5") rather than the thread read out again whenever another chat opens.

import { translate } from "../l10n.js";

/** Paragraphs kept per region (older ones go; removals are not announced). */
const KEEP = 8;
/** Messages arriving this close together are one announcement. */
const QUIET_MS = 900;

/** Per conversation: the messages not announced yet. */
const pending = new Map();

/** Says a Fluent message once: politely, or `urgent` (assertive). */
export async function announce(id, args, { urgent = false } = {}) {
  const region = document.getElementById(urgent ? "announcer-urgent" : "announcer");
  const line = document.createElement("p");
  line.dataset.l10nId = id;
  if (args) line.dataset.l10nArgs = JSON.stringify(args);
  await translate(line);
  region.append(line);
  while (region.childElementCount > KEEP) region.firstElementChild.remove();
}

/**
 * A message from the customer (or a colleague) arrived. `describe()` is called when the
 * burst is over and answers `{ name, position, total, open, text }` for the conversation as
 * it is then: one message in the open chat is read out; otherwise they are counted.
 */
export function messageArrived(conversationId, describe) {
  const entry = pending.get(conversationId) ?? { count: 0, timer: null };
  entry.count += 1;
  // The latest message names who wrote and what it says.
  entry.describe = describe;
  clearTimeout(entry.timer);
  entry.timer = setTimeout(() => {
    pending.delete(conversationId);
    const about = entry.describe();
    if (!about) return;
    const { name, position, total, open, text } = about;
    if (open && entry.count === 1) announce("announce-message", { name, text });
    else announce("announce-messages", { count: entry.count, name, position, total });
  }, QUIET_MS);
  pending.set(conversationId, entry);
}

/** Signing out: nothing more about the old session. */
export function forgetAnnouncements() {
  for (const entry of pending.values()) clearTimeout(entry.timer);
  pending.clear();
  for (const id of ["announcer", "announcer-urgent"]) document.getElementById(id).replaceChildren();
}
