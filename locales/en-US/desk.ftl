# Agent Desk, the agent's window. Source language: every id exists here first.
# Product terms follow ../shared/glossary.md.

app-title = Agent Desk

## Sign-in

signin-heading = Sign in
signin-intro = Sign in to start your working session.
# The contact hub is the server the desk connects to ("server" in most languages): one word
# for it everywhere, in the errors too.
signin-hub-legend = Contact hub
signin-hub-embedded = On this computer (demo hub)
# A radio button: the hub runs on a server of the team; choosing it shows the address field.
signin-hub-remote = Team hub (enter its address)
signin-hub-url = Hub address
    .placeholder = https://hub.example.com
signin-username = User name
signin-password = Password
    .placeholder = Leave empty to use the saved password
signin-remember = Remember me on this computer
signin-submit = Sign in
signin-busy = Signing in…
# The account names and the password are typed as they are: never translate them.
signin-demo-hint = Demo accounts on this computer: anna, aino, jonas, giulia, layla, camille, emilie. Password: demo.
signin-language = Language
signin-widget-hint = Customer chat page for testing: { $url }

## Top bar and presence

topbar-agent =
    .aria-label = Signed in as { $name }
# $state: the state's name ("Available"); $time: how long in it, "12:34".
presence-menu =
    .aria-label = Presence: { $state }. Time in state { $time }.
presence-menu-heading = Set your state
presence-available = Available
# RONA (Redirection on No Answer) is the documentation's name for the state in every language.
presence-rona = RONA
presence-rona-hint = A contact request went unanswered. Choose Available to receive requests again.
presence-working-offline = Working offline
presence-logged-out = Logged out
# The heading of the not-ready states in the presence menu, and the state word shown before
# an idle reason ("Not ready · Lunch") in the Transfer and Conference lists.
presence-idle-heading = Not ready
topbar-language =
    .aria-label = Language
    .title = Language
topbar-help = Shortcuts
    .aria-label = Keyboard shortcuts
topbar-sign-out = Sign out
# The top bar's button that opens the settings dialog.
topbar-settings = Settings

# Language names are written in their own language, the same in every locale.
language-en-US = English
language-fi = Suomi
language-de = Deutsch
language-it = Italiano
language-ar = العربية
language-fr = Français
language-fr-CA = Français (Canada)

## Channels

channel-livechat = Livechat
channel-messenger = Messenger
channel-whatsapp = WhatsApp

## Task pane

tasks-heading = Task pane
tasks-list =
    .aria-label = Conversations
tasks-empty = No conversations yet. Choose Available to receive contact requests.
task-unread =
    { $count ->
        [one] { $count } unread message
       *[other] { $count } unread messages
    }
# Tooltip of the timer on a conversation in the task pane.
task-waiting =
    .title = Time since the customer's oldest unanswered message
# A badge on an ended conversation whose wrap-up is not done yet.
task-wrapup = Wrap-up due

## Contact request popover

offer-heading = Contact request
offer-region =
    .aria-label = Contact requests
offers-waiting =
    { $count ->
        [0] No contact requests waiting
        [one] { $count } contact request waiting
       *[other] { $count } contact requests waiting
    }
offer-queue = Queue
# offer-agent … offer-source: labels of rows in the popover (the source is the entry point or
# page the customer wrote from).
offer-agent = Agent
offer-date = Date
offer-source = Source
offer-timer =
    .aria-label = Time since the request arrived
    .title = Time since the request arrived
offer-accept = Accept
offer-reject = Reject
# The customer's first messages, shown in the popover before accepting.
offer-thread =
    .aria-label = Messages so far

## Interaction pane

pane-empty = Select a conversation in the task pane, or accept a contact request.
pane-region =
    .aria-label = Interaction pane
pane-end = End
    .title = End the conversation (Alt+E)
# A button on an ended conversation: it opens the wrap-up dialog again.
pane-wrapup = Wrap up
pane-messages =
    .aria-label = Messages with { $customer }
pane-ended = This conversation has ended. Choose a wrap-up reason to close it.
compose-box =
    .placeholder = Reply to { $customer }. Enter sends, Shift+Enter adds a line.
    .aria-label = Compose box
compose-send = Send
    .aria-label = Send
# $count: characters typed; $max: the most this channel allows in one message.
compose-counter-label =
    .aria-label = { $count } of { $max } characters used
# system-*: grey lines inside the conversation. $name: an agent's display name.
system-agent-joined = { $name } joined the conversation.
system-ended-by-agent = The agent ended the conversation.
system-ended-by-customer = The customer ended the conversation.
message-sending = Sending…

## Customer panel

context-heading = Customer
context-toggle =
    .aria-label = Show or hide the customer panel
    .title = Customer panel
context-name = Name
context-email = Email
context-phone = Phone
context-source = Source
context-queue = Queue
context-channel = Channel
# When the conversation started (a time follows).
context-started = Started

## Customer record and chat log

# Subheading in the customer panel: the details the customer gave in the chat window (the
# pre-chat form or the platform), as opposed to the saved customer record below it.
context-chat-window = From the chat window
context-ip = IP address
# The customer's number with the company (the widget's "Account number"), not a bank account.
context-account = Account number
# The reference of the customer's case (a chat log on their record), as the customer typed it.
context-case-number = Case number
# In the task pane, on a conversation that has ended, in place of its timer.
# $time: the clock time it ended, formatted in the agent's locale ("14:05").
task-ended-at = Ended at { $time }
    .title = When the conversation ended
record-heading = Customer record
record-loading = Loading the customer record…
# record-matched-*: how the desk found the customer record shown (a line under its heading).
record-matched-case-number = Found by the case number
record-matched-account = Found by the account number
record-matched-email = Found by the email address
record-matched-phone = Found by the phone number
# The record was created by this agent during this chat.
record-matched-agent = Saved during this chat
# The chat logs saved on this customer record.
record-history-heading = History
record-history-empty = No chat logs on this record yet.
# A fragment appended to one chat log in the record's history ("12 Mar · Anna · the case they
# referred to"): the case whose number the customer gave in this chat. Lower case, no period.
record-case-current = the case they referred to
record-new-intro = New customer: check the details from the chat and save a record.
record-name = Name
record-email = Email
record-phone = Phone
record-account = Account number
record-notes = Notes
# Before a value the customer gave in the chat, under a record field ("From the chat: Anna Virtanen").
record-from-chat = From the chat:
record-save = Save record
# The top-bar button that opens the chat logs saved as drafts.
drafts-button = Chat logs
# On the Chat logs button. $count: how many chat logs are saved as drafts.
drafts-count-label =
    .title = Draft chat logs: { $count }
    .aria-label = Chat logs, drafts: { $count }
drafts-heading = Draft chat logs
drafts-intro = Chat logs you saved as drafts. Pick one to finish it.
drafts-empty = No drafts.
drafts-close = Close
chatlog-heading = Chat log
chatlog-loading = Loading the chat log…
# The field of a chat log that names the customer it is saved on.
chatlog-customer = Customer
# The author of the customer's lines in a chat log transcript.
chatlog-customer-author = Customer
chatlog-no-customer = No customer chosen
chatlog-number = Case number
chatlog-subject = Subject
chatlog-notes = Notes
chatlog-search =
    .placeholder = Search by name, email, account or phone
    .aria-label = Search customers
chatlog-no-customers = No customer matches your search.
# The heading above the conversation's messages in a chat log.
chatlog-transcript = Transcript
chatlog-edit = Edit
chatlog-save-draft = Save as draft
chatlog-save = Save
chatlog-saved = Saved on the customer's record.
chatlog-draft-saved = Saved as a draft.
chatlog-draft-badge = Draft
chatlog-close = Close
# wrapup-intro-*: under "Wrap-up reasons", the first step of closing a conversation.
wrapup-intro-required = A wrap-up reason is required: choose why this conversation ended.
wrapup-intro-optional = A wrap-up reason is optional in this queue: choose one if it helps.
# wrapup-continue goes from the wrap-up reason to the chat log; wrapup-finish closes the
# conversation for good.
wrapup-continue = Continue
wrapup-back = Back
wrapup-finish = Finish

## Wrap-up

wrapup-heading = Wrap-up reasons
wrapup-search =
    .placeholder = Search reasons
    .aria-label = Search reasons
wrapup-none = No reason matches your search.
# Closes the wrap-up dialog; the conversation stays in the task pane with "Wrap-up due".
wrapup-later = Later

## Connection

connection-lost = The connection to the hub was lost. Reconnecting…
connection-restored = Connected to the hub again.

## Desktop notification (built in Rust)

notification-offer-title = Contact request: { $queue }
notification-offer-body = { $customer } ({ $channel }): { $message }
notification-offer-open = Open
# A button on a contact request's desktop notification: accepts the request and opens
# the chat in the desk (as Accept on the request in the desk does).
notification-offer-accept = Accept
# A button on a contact request's desktop notification: brings the desk forward on the
# request, without accepting it.
notification-offer-show = Show
# The title of a desktop notification for customer messages in a chat that is not open.
# Its body is the latest message (masked). One notification per chat, updated as messages
# arrive, so $count grows. $customer: the customer's name (or "Web customer", …).
notification-message-title =
    { $count ->
        [one] New message from { $customer }
       *[other] { $count } new messages from { $customer }
    }

## Keyboard shortcuts

help-heading = Keyboard shortcuts
help-intro = Shortcuts work when the compose box does not have focus.
help-accept = Accept the oldest contact request
help-next = Next conversation
help-end = End the conversation
help-focus-compose = Go to the compose box
help-send = Send the message (in the compose box)
help-newline = New line (in the compose box)
help-help = Show or hide this help
help-close = Close

# The settings dialog: the desk's own preferences, kept on this computer (not on the hub).
settings-heading = Settings
settings-intro = These settings are kept on this computer.
# The settings dialog's groups (legends) and controls. "Tray": the system tray / panel
# icon area. "Idle code": the product's word for a reason for being away (see glossary).
settings-window = Window
settings-close-to-tray = Keep Agent Desk running in the tray when I close the window
settings-start-at-login = Start Agent Desk when I log in to this computer
settings-requests = Contact requests
settings-sounds = Play a sound
# A select: how often a waiting request's notification is shown again.
settings-repeat-alert = Repeat the notification
settings-repeat-never = Never
settings-repeat-every = Every { $seconds } seconds
settings-urgent-near-timeout = Make the notification urgent when time to accept is running out
settings-ask-for-attention = Flash the taskbar while a request is waiting
settings-chats = Chats
settings-away = Away
settings-away-on-lock = When the screen locks or the computer sleeps, change my state
settings-lock-idle-code = Change it to
# The reason the desk gives the operating system for delaying sleep a moment (listed by
# tools such as `systemd-inhibit --list`): it changes the agent's state first.
away-sleep-inhibitor = Changing your state before the computer sleeps
# A checkbox. A chat is "open" when it is shown in the conversation pane of the desk window
# in front; a chat in another tab or behind another window is not open.
settings-message-notifications = Notify me of new messages in chats I don't have open
settings-close = Close

## The tray icon's menu (built in Rust). The tray is the icon area of the system's taskbar
## or panel; the menu's first line is the agent's state, from presence-* and the counts of
## offers-waiting and task-unread.

# Brings the desk's window back to the front (closing the window hides it in the tray).
tray-show = Show Agent Desk
# Closes the app itself, not only its window, and signs the agent out first. Keep it apart
# from topbar-sign-out, which is in the same menu.
tray-quit = Quit Agent Desk

## Errors, one per code the hub or the desk can answer

error-unauthorized = Your session has ended. Please sign in again.
error-invalid-credentials = The user name or password is incorrect.
error-invalid-request = The hub could not read that request.
error-not-found = That item no longer exists.
error-message-too-long = The message is longer than this channel allows.
error-message-empty = Write a message first.
error-reserved-characters = The characters < and > are reserved for template parameters and cannot be sent.
error-offer-expired = This contact request is no longer available.
error-reject-not-allowed = Your administrator does not allow rejecting contact requests.
error-invalid-state = That is not possible in the conversation's current state.
error-not-your-conversation = This conversation belongs to another agent.
error-invalid-agent-state = That state cannot be chosen.
error-conversation-ended = The conversation has ended.
error-internal = The hub ran into a problem. Try again in a moment.
error-hub-unreachable = The hub cannot be reached. Your message is kept; try again when the connection is back.
error-hub-url = That hub address is not valid.
error-keyring = The system keyring could not be used; the password was not saved.
error-no-saved-password = No saved password for this user. Type the password.
error-not-signed-in = Please sign in first.
error-embedded-hub = The hub on this computer could not start.

## Masking, history and CAD variables

# An indicator in the pane header: these data are masked on screen.
masking-on = Sensitive customer data masked
    .title = Card numbers, IBANs, national IDs, emails and phone numbers are masked.
# The button beside error-payment-data-unconfirmed: sends the message as it is.
compose-send-anyway = Send anyway
error-payment-data-unconfirmed = This message contains a card number or an IBAN. Customers should not receive payment data in a chat.
history-heading = History
# CAD (call-associated data): values the entry point passes with the chat. The documentation's term.
context-cad-heading = CAD variables
context-origin-inbound = Contact origin – inbound

## WhatsApp and Messenger

# customer-unnamed-*: stands for the customer's name where the channel gives none.
customer-unnamed-messenger = Messenger customer
customer-unnamed-whatsapp = WhatsApp customer
customer-unnamed-livechat = Web customer
offer-customer-phone = Customer phone
# offer-account-*: the company's own WhatsApp number or Facebook page the customer wrote to.
offer-account-whatsapp = Business number
offer-account-messenger = Facebook page
# WhatsApp and Messenger only let a business reply for a while after the customer's last
# message (24 hours; on Messenger 7 days with the Human agent tag). The task pane shows this
# word and the time left after it ("Reply window 23:14:05").
task-reply-window = Reply window
# $time: the time left, as a countdown ("23:14:05" or "59:30"), updated every second.
reply-window-open = Reply window closes in { $time }
# Messenger, after 24 hours: "Human agent" is Meta's name for the tag, left in English.
# $time: the time left, as a countdown ("23:14:05").
reply-window-human-agent = Replies now go out tagged Human agent; the window closes in { $time }
reply-window-closed-whatsapp = The 24-hour WhatsApp reply window has closed. The customer has to write again before you can reply.
reply-window-closed-messenger = The Messenger reply window has closed (7 days with the Human agent tag). The customer has to write again before you can reply.
# $content: the kind of content the customer sent, which the desk cannot show; the last
# variant shows the platform's own code for it.
system-unsupported-content =
    The customer sent { $content ->
        [image] an image
        [video] a video
        [audio] a voice message
        [document] a document
        [sticker] a sticker
        [location] a location
        [reaction] a reaction
        [contacts] a contact card
       *[unknown] something this desk cannot show ({ $content })
    }. Open it in the platform's own app if you need it.
# delivery-*: the status under the agent's message on WhatsApp and Messenger.
delivery-sending = Sending…
delivery-sent = Sent
delivery-delivered = Delivered
delivery-read = Read
# Under a message that could not be delivered; the platform's reason follows the colon.
delivery-failed = Not sent:
delivery-retry = Retry
# Under the agent's message typed while the hub could not be reached: the desk keeps it
# and sends it by itself as soon as the connection is back.
outbox-waiting = Waiting for the connection…
error-invalid-signature = The webhook signature is missing or wrong.
error-messaging-window-closed = The reply window has closed: the customer has to write again first.
error-channel-rate-limited = The platform is receiving too many messages. Wait a moment, then retry.
error-channel-auth-failed = The hub's access token for this channel was refused. Ask your administrator to renew it.
error-channel-rejected = The platform refused this message.
error-channel-unreachable = The platform could not be reached. Retry in a moment.

## Transfer, conference and several chats at once

# The label of the task pane's order menu.
tasks-sort = Order
    .aria-label = Order of the conversations
# tasks-sort-*: the choices of the task pane's order: the order in which the conversations
# were accepted, or the customer waiting longest for a reply first.
tasks-sort-accepted = Order accepted
tasks-sort-waiting = Longest waiting first
# Beside a conversation in the task pane while its customer types. Lower case, a fragment.
task-typing = typing…
task-conference = Conference
# On a conversation another agent owns, which this agent joined through a conference.
task-guest = Guest in conference
pane-controls =
    .aria-label = Conversation controls
pane-transfer = Transfer
    .title = Transfer the conversation to a colleague or a queue (Alt+T)
pane-conference = Conference
    .title = Invite a colleague into the conversation (Alt+K)
pane-end-conference = End conference
    .title = End the conference and the conversation (Alt+E)
pane-remove-guest = Remove { $name }
    .title = Remove { $name } from the conference
pane-cancel-conference = Cancel invitation
    .title = Withdraw the conference invitation to { $name }
pane-exit-conference = Exit conference
    .title = Leave the conference; the conversation stays with its agent
# pane-conference-*: the conference status in the pane header. $name: the invited colleague
# (requested: not answered yet; joined: in the conversation).
pane-conference-requested = Conference requested: { $name }
pane-conference-joined = Conference with { $name }
pane-conference-guest = Conference: you take part as a guest
# An alert in the pane when an administrator deleted the conversation's queue.
pane-interrupted-queue-deleted = An administrator deleted this conversation's queue. Nothing more can be sent or transferred; end the conversation.
# An alert in the pane when an administrator took the WhatsApp business number the
# customer wrote to out of service (removed it from the contact centre).
pane-interrupted-whatsapp-number-removed = An administrator took the WhatsApp business number of this conversation out of service. Nothing more can be sent or transferred; end the conversation.
# An alert in the pane when an administrator took the Facebook page the customer wrote
# to out of service.
pane-interrupted-messenger-page-removed = An administrator took the Facebook page of this conversation out of service. Nothing more can be sent or transferred; end the conversation.
# An alert in the pane when an administrator took the Livechat entry point (the chat
# window on the website that started this chat) out of service.
pane-interrupted-livechat-entry-point-removed = An administrator took the Livechat entry point of this conversation out of service. Nothing more can be sent or transferred; end the conversation.
pane-customer-typing = The customer is typing…
system-transferred = { $name } transferred the conversation.
system-agent-left = { $name } left the conversation.
# The heading of the popover the RECEIVING agent sees when a colleague transfers a
# conversation to them (a request that arrived, not an instruction).
offer-heading-transfer = Transfer request
offer-heading-conference = Conference invitation
# $name: the colleague who sent the transfer or the invitation.
offer-from-transfer = Transfer from { $name }
offer-from-conference = Conference invitation from { $name }
# The heading of the dialog in which the SENDING agent chooses whom to transfer to (the
# documentation's name for it).
handoff-transfer-heading = Transfer request
handoff-transfer-intro = Choose a colleague or a queue. The conversation leaves your desk and its wrap-up follows.
handoff-conference-heading = Conference
handoff-conference-intro = Invite a colleague, or the next available agent of a queue, into the conversation.
# Hidden legend (read by screen readers) of the two choices "Agents" and "Queues".
handoff-kind = Choose from
handoff-agents = Agents
handoff-queues = Queues
handoff-search =
    .placeholder = Search by name
    .aria-label = Search by name
handoff-refresh = Refresh
    .title = Show the current availability
handoff-none = Nothing matches your search.
handoff-empty = Nobody to choose from right now.
# Beside a colleague in the Transfer and Conference lists: how many chats they have open and
# how many they may have at once.
handoff-agent-load =
    { $capacity ->
        [one] { $count } of { $capacity } chat
       *[other] { $count } of { $capacity } chats
    }
# handoff-queue-*: beside a queue in the Transfer and Conference lists: customers waiting in it,
# and its agents who are Available. Lower case fragments.
handoff-queue-waiting =
    { $count ->
        [0] nobody waiting
        [one] { $count } waiting
       *[other] { $count } waiting
    }
handoff-queue-available =
    { $count ->
        [0] no agent available
        [one] { $count } agent available
       *[other] { $count } agents available
    }
handoff-cancel = Cancel
handoff-transfer = Transfer
handoff-invite = Invite
help-transfer = Transfer the conversation
help-conference = Invite a colleague (conference)
# notification-*: desktop notifications (built in Rust). $name: the colleague who sent it.
notification-transfer-title = Transfer from { $name }
notification-conference-title = Conference invitation from { $name }
error-agent-unavailable = That agent no longer has a free chat slot, or nobody in that queue is available. Refresh and choose again.
error-conversation-interrupted = This conversation was interrupted by an administrator: it can only be ended.
# The customer's chat window was taken out of service by an administrator (seen by the
# desk only if it starts a chat itself; the customer sees widget-error-entry-point-closed).
error-entry-point-closed = An administrator took this Livechat entry point out of service: no new chat can start there.
error-forbidden = Only an administrator may do that.
error-disposition-required = This queue requires a wrap-up reason: choose one to finish the wrap-up.
error-customer-required = Choose the customer this chat log is saved on.

## Queues, readiness and FAQ
# The button that makes the agent Available (the 8x8-style documentation's words).
ready-to-work = Ready to work
    .title = Set your state to Available and start receiving chats
# A top-bar button (short): it opens the "My assigned queues" dialog.
topbar-my-queues = My assigned queues
queues-heading = My assigned queues
queues-intro = Choose the queues you serve. Only enabled queues offer you chats.
# queues-*: the "My assigned queues" dialog, where the agent enables the queues that offer
# them chats (or only sees them, if the administrator manages them).
queues-read-only = Your administrator manages your queues: every queue listed here offers you chats.
queues-none-enabled = All your queues are disabled, so no chat can reach you. Enable at least one queue and confirm to start working.
queues-empty = You are not assigned to any queue yet. Ask your administrator.
queues-list =
    .aria-label = Assigned queues
queues-confirm = Confirm
queues-cancel = Cancel
queues-close = Close
# The Reject button, disabled; the tooltip says why.
offer-reject-not-allowed = Reject
    .title = Your administrator has not allowed you to reject contact requests.
# faq-*: ready-made answers the agent inserts into the compose box.
faq-button = FAQ
    .title = Insert an answer from the FAQ (or type / and a few letters)
faq-search =
    .placeholder = Search answers
    .aria-label = Search FAQ answers
faq-list =
    .aria-label = FAQ answers
faq-none = No answer matches.
# Key names as printed on the agent's keyboard; the arrows choose an answer.
faq-hint = ↑ ↓ choose · Enter inserts · Esc closes
help-faq = FAQ answers: type / and a few letters in the compose box

## Accessibility
# Said by screen readers through the live regions (components/announce.js), once each.

announce-offer = New contact request from { $name }, { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }, queue { $queue }. Alt+A accepts.
announce-offer-transfer = Transfer request from { $from }: the chat with { $name }. Alt+A accepts.
announce-offer-conference = Conference invitation from { $from }: the chat with { $name }. Alt+A accepts.
announce-messages =
    { $count ->
        [one] New message from { $name }, chat { $position } of { $total }
       *[other] { $count } new messages from { $name }, chat { $position } of { $total }
    }
announce-message = { $name }: { $text }
announce-typing = { $name } is typing
# Read aloud (urgently) when a chat is interrupted because its queue was deleted. $name: the customer.
announce-interrupted-queue-deleted = The chat with { $name } was interrupted: its queue was deleted. End it.
# Read aloud when a chat is interrupted because its WhatsApp business number was taken
# out of service. $name: the customer.
announce-interrupted-whatsapp-number-removed = The chat with { $name } was interrupted: its WhatsApp business number was taken out of service. End it.
# Read aloud when a chat is interrupted because its Facebook page was taken out of
# service. $name: the customer.
announce-interrupted-messenger-page-removed = The chat with { $name } was interrupted: its Facebook page was taken out of service. End it.
# Read aloud when a chat is interrupted because its Livechat entry point was taken out
# of service. $name: the customer.
announce-interrupted-livechat-entry-point-removed = The chat with { $name } was interrupted: its Livechat entry point was taken out of service. End it.
# A masked value read aloud instead of its asterisks.
masked-value =
    .aria-label = masked, ending { $last }
masked-email =
    .aria-label = masked email, { $first }… at { $domain }
help-tab = Move between controls; in a dialog the focus stays inside it
help-escape = Close a dialog, a menu or the FAQ list
help-zoom = Zoom in, zoom out, back to 100 %
presence-button-prefix = Presence:
chatlog-transcript-list =
    .aria-label = Transcript
drafts-button-suffix = drafts
drafts-count-title =
    .title = Draft chat logs: { $count }
## Security

error-not-your-case = This chat log belongs to another agent's conversation.
record-claimed = Claimed by the customer in the pre-chat form, not confirmed. Check who they are before you use this record: its history stays hidden until you confirm.
record-confirm = Confirm this customer
error-rate-limited = Too many attempts. Wait a moment, then try again.
system-expired = Nobody could answer in time: the chat ended.
error-insecure-hub-url = A hub on another computer needs an https:// address, so that passwords and chats are encrypted.

# A colleague did not accept a transfer (the hub withdrew it); $reason is rejected
# (declined, or signed out) or timedOut. The line is in the conversation's thread.
system-transfer-not-accepted =
    { $reason ->
        [rejected] { $name } declined the transfer. The conversation is back in its queue.
       *[timedOut] { $name } did not accept the transfer in time. The conversation is back in its queue.
    }
# The desk's notice to the agent who made the transfer.
transfer-notice =
    { $reason ->
        [rejected] { $name } declined your transfer. The chat is back in its queue.
       *[timedOut] { $name } did not accept your transfer in time. The chat is back in its queue.
    }
notice-dismiss = Dismiss
notices-region =
    .aria-label = Notices
# The wrap-up of an agent who transferred the chat: a reason only, no chat log step.
wrapup-intro-handed-on = You handed this chat on: choose a reason for your part. Its chat log is written when the chat ends.

## Record preview, wrap-up timer and the one-step wrap-up

# offer-preview-record: a button on the contact request that shows, before Accept, the
# customer record the hub matched ("Preview the record's details and click to accept").
offer-preview-record = Preview record
# offer-record-none: under "Preview record" when no customer record matched the request.
offer-record-none = No customer record matched this contact.
# offer-record-claimed: under the previewed record when only what the customer typed
# matched it; its history shows once the agent accepts and confirms the record.
offer-record-claimed = Claimed by the customer, not confirmed yet. Accept and confirm it to see their history.
# task-wrapup-timer: in the task list, a chat in wrap-up with the time spent in wrap-up
# since it ended; $time is a running timer (0:42), keep it where the grammar wants it.
task-wrapup-timer = Wrap-up { $time }
# wrapup-timer: at the top of the wrap-up dialog, the time spent in wrap-up since the chat
# ended; $time is a running timer (0:42).
wrapup-timer = Wrap-up { $time }
# wrapup-submit: the one button of the single-step wrap-up (queues without a chat log),
# worded as in the product documentation's "Submit wrap-up".
wrapup-submit = Submit wrap-up
