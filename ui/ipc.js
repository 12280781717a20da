// The only file that names the shell's commands and events. Everything else imports these
// functions, so a renamed command is one edit here and in src-tauri/src/commands/.

const { invoke } = window.__TAURI__.core;
const { listen } = window.__TAURI__.event;

/** Every failure as the wire shape `{code, message}`; the UI maps `code` to `error-<code>`. */
function asWireError(error) {
  if (error && typeof error === "object" && typeof error.code === "string") return error;
  return { code: "internal", message: String(error) };
}

async function call(command, args) {
  try {
    return await invoke(command, args);
  } catch (error) {
    throw asWireError(error);
  }
}

export const signInDefaults = () => call("sign_in_defaults");
export const signIn = (request) => call("sign_in", { request });
export const signOut = () => call("sign_out");
export const sessionView = () => call("session_view");
export const setPresence = (state) => call("set_presence", { state });
export const acceptOffer = (conversationId) => call("accept_offer", { conversationId });
export const rejectOffer = (conversationId) => call("reject_offer", { conversationId });
export const endConversation = (conversationId) => call("end_conversation", { conversationId });
/** `reasonId` may be null where the queue does not require a disposition. */
export const submitWrapup = (conversationId, reasonId) => call("submit_wrapup", { conversationId, reasonId });
// Customer records and chat logs (masked in Rust).
export const searchCustomers = (query) => call("search_customers", { query });
/** `request`: `{conversationId, name, email, phone, account, notes}`; null email/phone: from the chat. */
export const createCustomer = (request) => call("create_customer", { request });
export const customerFile = (customerId) => call("customer_file", { customerId });
export const offerRecord = (conversationId) => call("offer_record", { conversationId });
export const chatLog = (conversationId) => call("chat_log", { conversationId });
export const confirmRecord = (conversationId) => call("confirm_record", { conversationId });
export const openCase = (caseId) => call("open_case", { caseId });
/** `update`: `{customerId, subject, notes, status: "draft" | "saved"}`. */
export const saveCase = (caseId, update) => call("save_case", { caseId, update });
export const draftCases = () => call("draft_cases");
/** The compose box's `{count, max, problem}` for a draft, by desk-core's rules. */
// The settings dialog, and what the desktop shows.
/** `{messageNotifications}`: kept on this computer. */
export const preferences = () => call("preferences");
export const setPreferences = (preferences) => call("set_preferences", { preferences });
/** The conversation the pane shows (null: none): its messages need no notification. */
export const viewingConversation = (conversationId) => call("viewing_conversation", { conversationId });
export const checkDraft = (conversationId, text) => call("check_draft", { conversationId, text });
/** The hub's message, or (hub unreachable) its waiting bubble: `outbox: {state: "waiting"}`. */
export const sendMessage = (conversationId, text, clientId, paymentDataConfirmed = false) =>
  call("send_message", { conversationId, text, clientId, paymentDataConfirmed });
export const retryMessage = (conversationId, messageId) => call("retry_message", { conversationId, messageId });
export const maskingState = () => call("masking_state");
export const conversationMessages = (conversationId) => call("conversation_messages", { conversationId });
export const markRead = (conversationId) => call("mark_read", { conversationId });
/** `target`: `{ kind: "agent", agentId }` or `{ kind: "queue", queueId }`. */
export const transferConversation = (conversationId, target) =>
  call("transfer_conversation", { conversationId, target });
export const requestConference = (conversationId, target) => call("request_conference", { conversationId, target });
export const leaveConference = (conversationId) => call("leave_conference", { conversationId });
/** Queues of the conversation's channel and colleagues, with live availability. */
export const listTransferTargets = (conversationId) => call("list_transfer_targets", { conversationId });
/** Throttled in Rust; a lost signal does not matter, so callers ignore failures. */
export const agentTyping = (conversationId) => call("agent_typing", { conversationId });
export const localeInfo = () => call("locale_info");
export const setLocale = (locale) => call("set_locale", { locale });
export const localize = (requests) => call("localize", { requests });
// Queues, readiness and FAQ.
/** `{ mayChange, queues: [{ id, name, channel, language, enabled }] }`. */
export const myQueues = () => call("my_queues");
export const setMyQueues = (enabled) => call("set_my_queues", { enabled });
/** The conversation's FAQ answers matching `query`, filled in: `[{ id, title, preview, text }]`. */
export const faqAnswers = (conversationId, query) => call("faq_answers", { conversationId, query });

const on = (name) => (handler) => listen(name, (event) => handler(event.payload));

export const onDeskReset = on("desk://reset");
export const onPresenceChanged = on("presence://changed");
export const onTaskOffered = on("task://offered");
export const onTaskWithdrawn = on("task://withdrawn");
export const onTaskUpdated = on("task://updated");
export const onTaskRemoved = on("task://removed");
export const onTaskFocus = on("task://focus");
/** Accept chosen in a request's desktop notification; the shell is asking the hub. */
export const onTaskAccepting = on("task://accepting");
/** The hub refused that Accept: `{ conversationId, error: { code, message } }`. */
export const onTaskAcceptFailed = on("task://accept-failed");
/** A colleague did not accept this agent's transfer: `{ conversationId, colleague, reason }`. */
export const onTransferNotAccepted = on("task://transfer-not-accepted");
export const onChatMessage = on("chat://message");
export const onCustomerTyping = on("chat://customer-typing");
export const onHistoryAdded = on("history://added");
export const onHubConnection = on("hub://connection");
export const onSessionEnded = on("session://ended");
