// The presence menu: Available, each idle code, and RONA shown distinctly (red, with a
// warning sign and a word) with the way back to Available. Shows the time in state.

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";

let idleCodes = [];
let current = null;
let onError = () => {};
/** Others that follow the agent's state (the Ready to work button). */
const followers = [];

const button = () => document.getElementById("presence-button");
const menu = () => document.getElementById("presence-menu");

export function setupPresence({ codes, reportError }) {
  idleCodes = codes;
  onError = reportError;
  button().onclick = () => (menu().hidden ? openMenu() : closeMenu());
  menu().onkeydown = (event) => {
    if (event.key === "Escape") {
      closeMenu();
      button().focus();
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const items = [...menu().querySelectorAll("[role=menuitemradio]")];
      const at = items.indexOf(document.activeElement);
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      items[(next + items.length) % items.length]?.focus();
    }
  };
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".presence")) closeMenu();
  });
}

export function setIdleCodes(codes) {
  idleCodes = codes;
  if (current) renderPresence(current);
}

/** Shows the state the hub confirmed. */
export async function renderPresence(presence) {
  current = presence;
  const kind = presence.state.kind;
  document.querySelector(".presence").dataset.presence = kind;
  const label = document.getElementById("presence-label");
  if (kind === "idle") {
    delete label.dataset.l10nId;
    label.textContent = idleLabel(presence.state.code);
  } else {
    await setL10n(label, presenceId(kind));
  }
  const timer = document.getElementById("presence-timer");
  timer.dataset.since = String(presence.since);
  if (!menu().hidden) buildMenu();
  for (const follower of followers) follower(presence);
}

/** Calls `follower(presence)` each time the state the hub confirmed is shown. */
export function followPresence(follower) {
  followers.push(follower);
  if (current) follower(current);
}

export function currentPresence() {
  return current;
}

/** An idle code's label in the agent's language (the hub's configuration names them). */
export function idleLabel(code) {
  return idleCodes.find((idle) => idle.id === code)?.label ?? code;
}

export function presenceId(kind) {
  return {
    available: "presence-available",
    rona: "presence-rona",
    workingOffline: "presence-working-offline",
    loggedOut: "presence-logged-out",
  }[kind] ?? "presence-working-offline";
}

async function openMenu() {
  await buildMenu();
  menu().hidden = false;
  button().setAttribute("aria-expanded", "true");
  menu().querySelector("[role=menuitemradio]")?.focus();
}

function closeMenu() {
  menu().hidden = true;
  button().setAttribute("aria-expanded", "false");
}

async function buildMenu() {
  const list = menu();
  list.replaceChildren();
  const state = current?.state ?? { kind: "workingOffline" };
  if (state.kind === "rona") {
    const hint = document.createElement("p");
    hint.className = "rona-hint";
    hint.dataset.l10nId = "presence-rona-hint";
    list.append(hint);
  }
  list.append(item({ kind: "available" }, "presence-available", state.kind === "available"));
  const heading = document.createElement("p");
  heading.className = "menu-heading";
  heading.dataset.l10nId = "presence-idle-heading";
  list.append(heading);
  for (const idle of idleCodes) {
    const entry = item({ kind: "idle", code: idle.id }, null, state.kind === "idle" && state.code === idle.id);
    entry.textContent = idle.label;
    list.append(entry);
  }
  await translate(list);
}

function item(requested, l10nId, checked) {
  const entry = document.createElement("button");
  entry.type = "button";
  entry.setAttribute("role", "menuitemradio");
  entry.setAttribute("aria-checked", String(checked));
  entry.dataset.state = requested.kind === "idle" ? `idle:${requested.code}` : requested.kind;
  if (l10nId) entry.dataset.l10nId = l10nId;
  entry.onclick = async () => {
    closeMenu();
    try {
      await renderPresence(await ipc.setPresence(requested));
    } catch (error) {
      onError(error);
    }
    button().focus();
  };
  return entry;
}
