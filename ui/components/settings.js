// The settings dialog: the desk's own preferences, kept on this computer by the shell
// (`settings.json` in the app's config directory). Each choice applies the moment it
// changes; Close (or Esc) only closes.

import * as ipc from "../ipc.js";

const el = (id) => document.getElementById(id);

export function setupSettings({ reportError }) {
  el("settings-button").onclick = async () => {
    try {
      const preferences = await ipc.preferences();
      el("settings-message-notifications").checked = preferences.messageNotifications;
    } catch (error) {
      reportError(error);
      return;
    }
    el("settings-dialog").showModal();
    el("settings-message-notifications").focus();
  };
  el("settings-message-notifications").onchange = async (event) => {
    try {
      await ipc.setPreferences({ messageNotifications: event.target.checked });
    } catch (error) {
      event.target.checked = !event.target.checked;
      reportError(error);
    }
  };
}
