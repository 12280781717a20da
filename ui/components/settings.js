// The settings dialog: the desk's own preferences, kept on this computer by the shell
// (`settings.json` in the app's config directory). Every control is named after its
// preference; each change is saved the moment it happens (Close, or Esc, only closes).

import * as ipc from "../ipc.js";
import { translate } from "../l10n.js";

const el = (id) => document.getElementById(id);
const form = () => el("settings-form");
/** The idle codes of the session, for "When the screen locks, switch me to". */
let idleCodes = () => [];
let shown = null;

export function setupSettings({ reportError, codes }) {
  idleCodes = codes;
  el("settings-button").onclick = async () => {
    try {
      shown = await ipc.preferences();
    } catch (error) {
      reportError(error);
      return;
    }
    await fill(shown);
    el("settings-dialog").showModal();
    // WebKitGTK lays the fieldsets out too tall (a legend's height each) when the dialog
    // opens, and corrects them only when the focus moves: the dialog then jumps under the
    // first click, which lands beside its control. Laid out, then the focus moved once, it
    // settles before anyone clicks.
    const first = form().querySelector("input, select");
    el("settings-dialog").getBoundingClientRect();
    first.blur();
    first.focus();
  };
  form().onsubmit = (event) => event.preventDefault();
  form().onchange = async () => {
    const wanted = read();
    try {
      shown = await ipc.setPreferences(wanted);
      // The desk may not get what was asked (start at login refused by the system).
      if (shown.startAtLogin !== wanted.startAtLogin) await fill(shown);
    } catch (error) {
      reportError(error);
      await fill(shown);
    }
  };
}

async function fill(preferences) {
  const codes = form().elements.lockIdleCode;
  codes.replaceChildren(
    ...idleCodes().map((code) => {
      const option = document.createElement("option");
      option.value = code.id;
      option.textContent = code.label;
      return option;
    }),
  );
  for (const control of form().elements) {
    if (!control.name) continue;
    const value = preferences[control.name];
    if (control.type === "checkbox") control.checked = Boolean(value);
    else if (value !== null && value !== undefined) control.value = String(value);
  }
  if (!preferences.lockIdleCode && codes.options.length) codes.selectedIndex = 0;
  codes.disabled = !preferences.awayOnLock || codes.options.length === 0;
  await translate(el("settings-dialog"));
}

function read() {
  const elements = form().elements;
  const preferences = { ...shown };
  for (const control of elements) {
    if (!control.name) continue;
    if (control.type === "checkbox") preferences[control.name] = control.checked;
    else if (control.name === "repeatAlertSecs") preferences[control.name] = Number(control.value);
    else preferences[control.name] = control.value || null;
  }
  elements.lockIdleCode.disabled = !preferences.awayOnLock || elements.lockIdleCode.options.length === 0;
  return preferences;
}
