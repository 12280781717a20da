// The reply window of a WhatsApp or Messenger conversation: a countdown in the header (a
// warning in its last hour; on Messenger, after 24 hours, a note that replies go out with
// the Human agent tag), and once it has closed an explanation instead of the composer. It
// closes by the clock, not by an event, so it is looked at every second.

import { setL10n } from "../l10n.js";
import { WINDOW_WARNING_MS } from "./format.js";

/** The open conversation's task, for its reply window. */
let task = null;

const el = (id) => document.getElementById(id);

export function setupReplyWindow() {
  setInterval(refreshReplyWindow, 1000);
}

/** The open conversation changed (or none is open: `null`). */
export function followReplyWindow(openTask) {
  task = openTask;
  refreshReplyWindow();
}

function refreshReplyWindow() {
  const header = el("pane-window");
  const closedNote = el("compose-closed");
  if (!task || !task.replyWindow || task.state !== "active") {
    header.hidden = true;
    closedNote.hidden = true;
    el("composer").hidden = false;
    return;
  }
  const now = Date.now();
  const { standardUntil, closesAt } = task.replyWindow;
  const closed = now >= closesAt;
  el("composer").hidden = closed;
  closedNote.hidden = !closed;
  header.hidden = closed;
  if (closed) {
    if (closedNote.dataset.l10nId !== `reply-window-closed-${task.channel}`) {
      setL10n(closedNote, `reply-window-closed-${task.channel}`);
    }
    return;
  }
  const label = now >= standardUntil ? "reply-window-human-agent" : "reply-window-open";
  if (header.dataset.window !== `${label}:${closesAt}`) {
    header.dataset.window = `${label}:${closesAt}`;
    // The countdown stands where the translation puts `{ $time }`.
    const timer = document.createElement("span");
    timer.className = "timer";
    timer.dir = "ltr";
    timer.dataset.until = String(closesAt);
    timer.dataset.l10nSlot = "time";
    header.replaceChildren(timer);
    setL10n(header, label, { time: "{time}" });
  }
  header.classList.toggle("warning", closesAt - now < WINDOW_WARNING_MS);
}
