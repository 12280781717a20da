// Livechat widget: the customer's side of a conversation with the contact hub.
//
// Every visible string comes from the page (resolved from Fluent by the hub); every text a
// person typed is put on the page with textContent, never innerHTML. The conversation id and
// the customer's token live in sessionStorage so a reload rebuilds the thread from the
// hub's event stream instead of losing it.
"use strict";

(function () {
  const SESSION_KEY = "contact-hub.livechat";
  // The hub repeats "agent typing" while the agent types; this long after the last one, the
  // agent has stopped (or gone) and the line goes away.
  const TYPING_SHOWN_MS = 5000;
  // The customer's own typing reaches the desk at most this often: enough for the agent's
  // indicator, without a request per keystroke.
  const TYPING_REPORT_MS = 3000;
  // After the event stream drops, the widget reopens it after this long, doubling up to the
  // maximum while the hub stays out of reach.
  const RECONNECT_MIN_MS = 1000;
  const RECONNECT_MAX_MS = 30000;

  const strings = {};
  for (const item of document.querySelectorAll("#widget-strings [data-key]")) {
    strings[item.dataset.key] = item.textContent;
  }
  const t = (id) => (id in strings ? strings[id] : strings["widget-error-generic"] || id);

  const $ = (id) => document.getElementById(id);
  const startForm = $("start");
  const startError = $("start-error");
  const chat = $("chat");
  const thread = $("thread");
  const status = $("status");
  const typing = $("typing");
  const compose = $("compose");
  const composeText = $("compose-text");
  const composeError = $("compose-error");
  const endButton = $("end");
  const restartButton = $("restart");

  let session = null; // { conversationId, token }
  let events = null;
  // The id of the last stored event seen: where a reopened stream resumes.
  let lastEventId = 0;
  let reconnectTimer = null;
  let reconnectDelay = RECONNECT_MIN_MS;
  let ended = false;
  let agentJoined = false;
  const seen = new Set();
  // The client id of a message that failed to send: a retry of the same text reuses it, so
  // the hub stores it once however many times the network gave up.
  let pending = null;
  let typingTimer = null;
  let typingReportedAt = -Infinity;

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function showError(element, code) {
    element.textContent = t("widget-error-" + code);
    element.hidden = false;
  }

  function clearError(element) {
    element.textContent = "";
    element.hidden = true;
  }

  function conversationPath(action) {
    return "/widget/v1/conversations/" + encodeURIComponent(session.conversationId) + "/" + action;
  }

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (session) headers.Authorization = "Bearer " + session.token;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (_) {
      return { ok: false, code: "generic" };
    }
    let json = null;
    if (response.status !== 204) {
      try {
        json = await response.json();
      } catch (_) {
        json = null;
      }
    }
    if (response.ok) return { ok: true, json };
    return { ok: false, code: (json && json.code) || "generic" };
  }

  // ---------------------------------------------------------------- rendering

  function bdi(text) {
    const element = document.createElement("bdi");
    element.textContent = text;
    return element;
  }

  // Fills a resolved string's {name} placeholder with an isolated, text-only name.
  function withName(template, name) {
    const fragment = document.createDocumentFragment();
    const parts = template.split("{name}");
    parts.forEach((part, index) => {
      if (index > 0) fragment.appendChild(bdi(name));
      fragment.appendChild(document.createTextNode(part));
    });
    return fragment;
  }

  function systemLine(message) {
    const item = document.createElement("li");
    item.className = "system";
    const event = message.system || {};
    switch (event.kind) {
      case "agentJoined":
        item.appendChild(withName(t("widget-agent-joined"), event.displayName || ""));
        agentJoined = true;
        break;
      case "transferred":
        // Worded for the customer: who handed the chat on, and to which queue, is the
        // desk's business. The agent who was typing is no longer in the chat.
        item.textContent = t("widget-transferred");
        hideTyping();
        break;
      case "agentLeft":
        // A colleague leaves a conference; the chat goes on with its owner.
        item.appendChild(withName(t("widget-agent-left"), event.displayName || ""));
        break;
      case "endedByAgent":
        item.textContent = t("widget-ended-by-agent");
        break;
      case "endedByCustomer":
        item.textContent = t("widget-ended-by-customer");
        break;
      case "expired":
        item.textContent = t("widget-expired");
        break;
      default:
        return null;
    }
    return item;
  }

  // The page the customer came from, without its query and fragment: those carry session
  // ids and tokens a chat has no business keeping.
  function pageWithoutSecrets(address) {
    try {
      const url = new URL(address);
      return url.origin + url.pathname;
    } catch (error) {
      return null;
    }
  }

  function bubble(message) {
    const item = document.createElement("li");
    const own = message.author.kind === "customer";
    item.className = "bubble " + (own ? "own" : "agent");
    const author = document.createElement("span");
    author.className = "author";
    if (own) {
      author.textContent = t("widget-you");
    } else {
      author.appendChild(bdi(message.author.displayName || ""));
    }
    const text = document.createElement("span");
    text.className = "text";
    // Each message takes its own direction: English typed into an Arabic page keeps its
    // punctuation where its writer put it.
    text.dir = "auto";
    text.textContent = message.text;
    item.append(author, text);
    return item;
  }

  function addMessage(message) {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    // The agent's words are here: whatever they were typing has arrived.
    if (message.author.kind === "agent") hideTyping();
    const item = message.author.kind === "system" ? systemLine(message) : bubble(message);
    if (!item) return;
    thread.appendChild(item);
    thread.scrollTop = thread.scrollHeight;
    updateStatus();
  }

  function updateStatus() {
    if (ended) {
      status.textContent = t("widget-ended");
    } else if (!agentJoined) {
      status.textContent = t("widget-waiting");
    } else {
      status.textContent = "";
    }
  }

  // ---------------------------------------------------------------- typing, both ways

  function showTyping(name) {
    // Only a change of text is written: rewriting the same words every few seconds would
    // make a screen reader announce them again each time.
    const next = withName(t("widget-agent-typing"), name || "");
    if (typing.textContent !== next.textContent) {
      typing.replaceChildren(next);
    }
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(hideTyping, TYPING_SHOWN_MS);
  }

  function hideTyping() {
    window.clearTimeout(typingTimer);
    typingTimer = null;
    typing.replaceChildren();
  }

  // Tells the hub the customer is typing, at most every TYPING_REPORT_MS. Best effort: the
  // request is not awaited, so it never holds up a send, and its failures are nobody's
  // concern (the desk's indicator simply times out).
  function reportTyping() {
    if (!session || ended || !composeText.value) return;
    // performance.now() is monotonic: a clock set back cannot silence the reports.
    const now = window.performance.now();
    if (now - typingReportedAt < TYPING_REPORT_MS) return;
    typingReportedAt = now;
    call("POST", conversationPath("typing"));
  }

  function setEnded() {
    ended = true;
    hideTyping();
    composeText.disabled = true;
    compose.querySelector("button").disabled = true;
    endButton.hidden = true;
    restartButton.hidden = false;
    if (events) {
      events.close();
      events = null;
    }
    window.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    updateStatus();
  }

  // ---------------------------------------------------------------- the conversation

  // The stream's URL carries a single-use ticket, never the customer token (URLs end up in
  // proxies' logs). A ticket opens one stream once, so EventSource's own reconnection (the
  // same URL again) would be refused: on an error the widget closes the stream itself, asks
  // for a fresh ticket and opens a new one with the last id it saw as `lastEventId` (a new
  // EventSource cannot send a Last-Event-ID header), so nothing is missed or shown twice.
  async function openStream() {
    if (!session || ended) return;
    const result = await call("POST", conversationPath("stream-tickets"));
    if (!session || ended || events) return;
    if (!result.ok) {
      if (result.code === "unauthorized" || result.code === "not-found") {
        // An unknown or stale session: offer a new chat.
        showError(composeError, "unauthorized");
        setEnded();
      } else {
        scheduleReconnect();
      }
      return;
    }
    let url = conversationPath("events") + "?ticket=" + encodeURIComponent(result.json.ticket);
    if (lastEventId > 0) url += "&lastEventId=" + lastEventId;
    const source = new EventSource(url);
    events = source;
    source.onopen = () => {
      reconnectDelay = RECONNECT_MIN_MS;
      updateStatus();
    };
    source.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (_) {
        return;
      }
      // Id 0 is ephemeral (typing): outside the stored order.
      if (typeof event.id === "number" && event.id > lastEventId) lastEventId = event.id;
      const body = event.body || {};
      if (body.type === "messageAdded") addMessage(body.message);
      if (body.type === "ended") setEnded();
      // Ephemeral (id 0, no SSE id line): never replayed, so it is always live news.
      if (body.type === "agentTyping" && !ended) showTyping(body.displayName);
    };
    source.onerror = () => {
      if (events !== source || ended) return;
      source.close();
      events = null;
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (reconnectTimer !== null || ended) return;
    status.textContent = t("widget-reconnecting");
    reconnectTimer = window.setTimeout(() => {
      reconnectTimer = null;
      openStream();
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  function openChat() {
    startForm.hidden = true;
    chat.hidden = false;
    updateStatus();
    openStream();
    composeText.focus();
  }

  startForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError(startError);
    const name = startForm.elements.name.value.trim();
    const email = startForm.elements.email.value.trim();
    // Optional: they help the agent find the customer's record and earlier cases.
    const phone = startForm.elements.phone.value.trim();
    const account = startForm.elements.account.value.trim();
    const caseNumber = startForm.elements.caseNumber.value.trim();
    const text = startForm.elements.text.value;
    if (!name) return showError(startError, "invalid-request");
    if (!text.trim()) return showError(startError, "message-empty");
    const button = startForm.querySelector("button");
    button.disabled = true;
    const params = new URLSearchParams(window.location.search);
    const result = await call("POST", "/widget/v1/conversations", {
      name,
      email: email || null,
      phone: phone || null,
      account: account || null,
      caseNumber: caseNumber || null,
      queueId: params.get("queue") || null,
      language: document.documentElement.lang || null,
      source: pageWithoutSecrets(document.referrer || window.location.href),
      text,
    });
    button.disabled = false;
    if (!result.ok) return showError(startError, result.code);
    session = { conversationId: result.json.conversationId, token: result.json.customerToken };
    try {
      window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (_) {
      // Private mode: the chat works, it just does not survive a reload.
    }
    openChat();
  });

  async function send() {
    clearError(composeError);
    const text = composeText.value;
    if (!text.trim()) return showError(composeError, "message-empty");
    if (!pending || pending.text !== text) pending = { text, clientId: newClientId() };
    const result = await call("POST", conversationPath("messages"), {
      clientId: pending.clientId,
      text,
    });
    if (result.ok) {
      pending = null;
      composeText.value = "";
      addMessage(result.json);
      return;
    }
    showError(composeError, result.code);
    if (result.code === "conversation-ended") setEnded();
  }

  compose.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });

  composeText.addEventListener("input", reportTyping);

  composeText.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; never while an IME is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });

  endButton.addEventListener("click", async () => {
    clearError(composeError);
    const result = await call("POST", conversationPath("end"));
    if (result.ok || result.code === "conversation-ended") {
      setEnded();
    } else {
      showError(composeError, result.code);
    }
  });

  restartButton.addEventListener("click", () => {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (_) {
      // Nothing stored.
    }
    window.location.reload();
  });

  // A reload during a chat picks it up again.
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || "null");
    if (stored && stored.conversationId && stored.token) {
      session = stored;
      openChat();
    }
  } catch (_) {
    // No usable stored session: show the form.
  }
})();
