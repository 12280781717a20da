// Notices at the desk: things the agent should learn that belong to no open dialog, such as
// a colleague not accepting a transfer (the chat may already be gone from the task list).
// Each notice stays until dismissed, so nobody has to read it against a timer; the newest
// few are kept. The list is plain content: what a screen reader hears goes through
// announce.js, once.

import { translate } from "../l10n.js";
import { announce } from "./announce.js";

/** Notices shown at once; older ones go. */
const KEEP = 3;

const el = (id) => document.getElementById(id);

/** Shows a Fluent message as a notice, and announces it. */
export async function showNotice(id, args) {
  const list = el("notices");
  const notice = document.createElement("div");
  notice.className = "notice";
  const text = document.createElement("p");
  text.dataset.l10nId = id;
  text.dataset.l10nArgs = JSON.stringify(args);
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.className = "ghost notice-dismiss";
  dismiss.dataset.l10nId = "notice-dismiss";
  dismiss.onclick = () => {
    notice.remove();
    list.hidden = list.childElementCount === 0;
  };
  notice.append(text, dismiss);
  await translate(notice);
  list.append(notice);
  while (list.childElementCount > KEEP) list.firstElementChild.remove();
  list.hidden = false;
  announce(id, args);
}

/** Signing out: the old session's notices go. */
export function clearNotices() {
  el("notices").replaceChildren();
  el("notices").hidden = true;
}
