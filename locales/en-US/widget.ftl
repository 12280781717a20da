# Livechat widget (the customer's chat page served by the contact hub at /chat).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Chat with us
widget-heading = Chat with us
widget-intro = Tell us your name and your question, and the next free member of our team will answer you right here.
widget-name-label = Your name
# Labels of the pre-chat form. The account number is the customer's number with the company
# (the desk's "Account number"); the case number is the reference of an earlier case.
widget-email-label = Email (optional)
widget-phone-label = Phone (optional)
widget-account-label = Account number (optional)
widget-case-number-label = Case number (optional)
widget-message-label = How can we help?
widget-start-button = Start chat
widget-privacy-note = Please do not share card numbers or passwords in the chat.

# The accessible name of the live list of messages (read by screen readers).
widget-thread-label = Conversation
widget-compose-label = Your message
widget-send-button = Send
widget-end-button = End chat
widget-new-chat-button = Start a new chat

widget-you = You
# After the form is sent, until an agent joins.
widget-waiting = Thanks! You are in the queue; someone will be with you shortly.
# $name: the agent's display name.
widget-agent-joined = { $name } joined the chat
widget-ended-by-agent = The agent ended the chat.
widget-ended-by-customer = You ended the chat.
# The note that replaces the compose box once the chat has ended.
widget-ended = This chat has ended. Thank you for contacting us.
widget-reconnecting = Connection lost. Reconnecting…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = You are being transferred to another agent. Please stay in the chat.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } left the chat
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } is typing…

widget-error-message-empty = Please write a message first.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long = That message is too long: { $limit } characters at most, please.
widget-error-conversation-ended = This chat has already ended.
widget-error-invalid-request = Please check the form and try again.
widget-error-unauthorized = This chat session is no longer valid. Please start a new chat.
widget-error-generic = Something went wrong. Please try again.

# The language switch; each language is named in itself.
widget-language-label = Language
widget-language-name = English

## Security

widget-error-rate-limited = You are sending too quickly, or we are very busy right now. Please wait a moment and try again.
# Starting a chat failed: the contact centre no longer answers chats started from this
# page (an administrator took it out of service).
widget-error-entry-point-closed = Sorry, this chat is no longer available here. Please contact us another way.
widget-expired = We are sorry: nobody could answer your chat in time. Please try again later.
