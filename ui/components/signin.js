// The sign-in screen: embedded or team hub, user name, password, "remember me".

import * as ipc from "../ipc.js";
import { setL10n, translate } from "../l10n.js";

const form = () => document.getElementById("signin-form");

export async function showSignIn({ onSignedIn }) {
  document.getElementById("desk-screen").hidden = true;
  const screen = document.getElementById("signin-screen");
  screen.hidden = false;
  const defaults = await ipc.signInDefaults();
  const hubUrl = document.getElementById("hub-url");
  const mode = defaults.hub.mode;
  form().querySelector(`input[name=hub][value=${mode}]`).checked = true;
  hubUrl.value = defaults.hub.url ?? hubUrl.value;
  document.getElementById("username").value = defaults.username ?? "";
  document.getElementById("remember").checked = defaults.remember;
  document.getElementById("password").value = "";
  document.getElementById("password").dataset.saved = String(defaults.hasSavedPassword);
  const widget = document.getElementById("signin-widget");
  widget.hidden = !defaults.embeddedWidgetUrl;
  if (defaults.embeddedWidgetUrl) setL10n(widget, "signin-widget-hint", { url: defaults.embeddedWidgetUrl });
  syncHubChoice();
  form().onchange = syncHubChoice;
  form().onsubmit = (event) => {
    event.preventDefault();
    submit(onSignedIn);
  };
  const first = document.getElementById("username").value ? "password" : "username";
  document.getElementById(first).focus();
}

function syncHubChoice() {
  const remote = form().querySelector("input[name=hub]:checked").value === "remote";
  document.getElementById("hub-url-field").hidden = !remote;
}

async function submit(onSignedIn) {
  const error = document.getElementById("signin-error");
  const button = document.getElementById("signin-submit");
  const remote = form().querySelector("input[name=hub]:checked").value === "remote";
  const password = document.getElementById("password").value;
  const request = {
    hub: remote ? { mode: "remote", url: document.getElementById("hub-url").value } : { mode: "embedded" },
    username: document.getElementById("username").value.trim(),
    password: password === "" ? null : password,
    remember: document.getElementById("remember").checked,
  };
  error.hidden = true;
  button.disabled = true;
  await setL10n(button, "signin-busy");
  try {
    const session = await ipc.signIn(request);
    document.getElementById("password").value = "";
    document.getElementById("signin-screen").hidden = true;
    await onSignedIn(session);
  } catch (failure) {
    error.hidden = false;
    await setL10n(error, `error-${failure.code}`);
  } finally {
    button.disabled = false;
    await setL10n(button, "signin-submit");
  }
}

export async function retranslateSignIn() {
  await translate(document.getElementById("signin-screen"));
}
