# Livechat widget (the customer's chat page served by the contact hub at /chat). German (de).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Chatten Sie mit uns
widget-heading = Chatten Sie mit uns
widget-intro = Nennen Sie uns Ihren Namen und Ihre Frage – das nächste freie Mitglied unseres Teams antwortet Ihnen direkt hier.
widget-name-label = Ihr Name
widget-email-label = E-Mail (optional)
widget-phone-label = Telefon (optional)
widget-account-label = Kundennummer (optional)
widget-case-number-label = Vorgangsnummer (optional)
widget-message-label = Wie können wir Ihnen helfen?
widget-start-button = Chat starten
widget-privacy-note = Bitte geben Sie im Chat keine Kartennummern oder Passwörter weiter.

widget-thread-label = Unterhaltung
widget-compose-label = Ihre Nachricht
widget-send-button = Senden
widget-end-button = Chat beenden
widget-new-chat-button = Neuen Chat starten

widget-you = Sie
widget-waiting = Vielen Dank! Sie sind in der Warteschlange – gleich ist jemand für Sie da.
# $name: the agent's display name.
widget-agent-joined = { $name } ist dem Chat beigetreten
widget-ended-by-agent = Unser Team hat den Chat beendet.
widget-ended-by-customer = Sie haben den Chat beendet.
widget-ended = Dieser Chat ist beendet. Vielen Dank, dass Sie uns kontaktiert haben.
widget-reconnecting = Verbindung unterbrochen. Verbindung wird wiederhergestellt…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = Ihr Chat wird an eine andere Person aus unserem Team übergeben. Bitte bleiben Sie im Chat.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } hat den Chat verlassen
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } schreibt…

widget-error-message-empty = Bitte schreiben Sie zuerst eine Nachricht.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long = Diese Nachricht ist zu lang. Erlaubt sind höchstens { $limit } Zeichen.
widget-error-conversation-ended = Dieser Chat ist bereits beendet.
widget-error-invalid-request = Bitte überprüfen Sie das Formular und versuchen Sie es erneut.
widget-error-unauthorized = Diese Chatsitzung ist nicht mehr gültig. Bitte starten Sie einen neuen Chat.
widget-error-generic = Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.

# The language switch; each language is named in itself.
widget-language-label = Sprache
widget-language-name = Deutsch

## Security

widget-error-rate-limited = Sie senden zu schnell, oder wir sind gerade sehr ausgelastet. Bitte warten Sie einen Moment und versuchen Sie es erneut.
widget-error-entry-point-closed = Dieser Chat ist hier leider nicht mehr verfügbar. Bitte kontaktieren Sie uns auf einem anderen Weg.
widget-expired = Das tut uns leid: Niemand konnte Ihren Chat rechtzeitig beantworten. Bitte versuchen Sie es später erneut.
