// The context panel beside the chat: who the customer is as the conversation says (name,
// email, phone, page, address, account and case number from the pre-chat form, queue,
// channel) and the CAD variables (where the inbound contact came from). Every value comes
// masked from Rust and keeps its own direction. The customer record below it is
// `record.js`'s, driven by `main.js`.

import { translate } from "../l10n.js";
import { isolated } from "./format.js";

const el = (id) => document.getElementById(id);

export function renderContext(task) {
  const rows = [
    ["context-name", task.customer.name],
    ["context-email", task.customer.email],
    ["context-phone", task.customer.phone],
    ["context-source", task.customer.source],
    ["context-ip", task.customer.ip],
    ["context-account", task.customer.account],
    ["context-case-number", task.customer.caseNumber],
    ["context-queue", task.queueName],
  ];
  const details = el("context-details");
  details.replaceChildren();
  for (const [id, value] of rows) {
    if (!value) continue;
    const term = document.createElement("dt");
    term.dataset.l10nId = id;
    const data = document.createElement("dd");
    data.className = id;
    data.append(isolated(value));
    details.append(term, data);
  }
  const channelTerm = document.createElement("dt");
  channelTerm.dataset.l10nId = "context-channel";
  const channel = document.createElement("dd");
  channel.dataset.l10nId = `channel-${task.channel}`;
  details.append(channelTerm, channel);
  translate(details);
  const origin = task.customer.phone ?? task.customer.email;
  const cad = el("context-cad-details");
  cad.replaceChildren();
  el("context-cad").hidden = !origin;
  if (origin) {
    const term = document.createElement("dt");
    term.dataset.l10nId = "context-origin-inbound";
    const data = document.createElement("dd");
    data.append(isolated(origin));
    cad.append(term, data);
    translate(el("context-cad"));
  }
}

export function clearContext() {
  el("context-details").replaceChildren();
  el("context-cad").hidden = true;
}
