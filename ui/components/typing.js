// "The customer is typing…": the hub relays each keystroke burst as an ephemeral event with
// no end signal, so the indicator stays for a few seconds after the last one, and goes at
// once when the customer's message arrives. One timer per conversation; the pane and the
// task row both follow it.

/** How long the indicator stays after the last typing event. */
const SHOWN_MS = 5000;

const timers = new Map();
let listeners = [];

/** `handler(conversationId, typing)` whenever a conversation starts or stops showing it. */
export function onTypingChanged(handler) {
  listeners.push(handler);
}

export function isCustomerTyping(conversationId) {
  return timers.has(conversationId);
}

export function customerTyping(conversationId) {
  const started = !timers.has(conversationId);
  clearTimeout(timers.get(conversationId));
  timers.set(
    conversationId,
    setTimeout(() => customerStopped(conversationId), SHOWN_MS),
  );
  if (started) notify(conversationId, true);
}

/** The customer's message arrived, or the conversation went away. */
export function customerStopped(conversationId) {
  if (!timers.has(conversationId)) return;
  clearTimeout(timers.get(conversationId));
  timers.delete(conversationId);
  notify(conversationId, false);
}

export function forgetTyping() {
  for (const id of [...timers.keys()]) customerStopped(id);
}

function notify(conversationId, typing) {
  for (const handler of listeners) handler(conversationId, typing);
}
