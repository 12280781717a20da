// Where the keyboard's focus goes when what had it goes away.
//
// Modal dialogs (`showModal`) keep the focus inside while open (the rest of the page is
// inert). When one closes, the focus goes back to what had it before it opened; when that is
// gone (the chat it belonged to ended or was transferred), to the next useful place, never to
// the page itself, where a keyboard user would have to start again from the top.

/** Where the focus goes when nothing better remains, in order. */
const FALLBACK = ["#compose:not(:disabled)", "#task-list .task-button[aria-current=true]", "#presence-button"];

/** The last element outside any dialog that had the focus. */
let lastOutside = null;

function usable(element) {
  return (
    element instanceof HTMLElement &&
    element.isConnected &&
    !element.disabled &&
    !element.closest("[hidden], dialog:not([open])") &&
    element.getClientRects().length > 0
  );
}

/** Focuses the first usable element among `selectors`; answers whether one took it. */
export function focusFirst(selectors) {
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    if (usable(element)) {
      element.focus();
      return true;
    }
  }
  return false;
}

/** The next useful place: the open chat's compose box, its row, the presence menu. */
export function focusWork() {
  focusFirst(FALLBACK);
}

/** The focus fell to the page (what had it went away): the next useful place. */
export function focusSomewhereUseful() {
  const active = document.activeElement;
  if (active && active !== document.body && usable(active)) return;
  focusFirst(FALLBACK);
}

/** After a dialog closes: back where the agent was, or the next useful place. */
function restore(dialog) {
  const active = document.activeElement;
  // Another dialog took over (a transfer goes on to its wrap-up): it owns the focus now.
  if (active && active !== document.body && !dialog.contains(active)) return;
  if (usable(lastOutside)) lastOutside.focus();
  else focusFirst(FALLBACK);
}

export function keepFocusAcrossDialogs() {
  document.addEventListener("focusin", (event) => {
    if (!event.target.closest("dialog")) lastOutside = event.target;
  });
  for (const dialog of document.querySelectorAll("dialog")) {
    dialog.addEventListener("close", () => restore(dialog));
  }
}
