# Livechat widget (the customer's chat page served by the contact hub at /chat). Italian (it).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Chatta con noi
widget-heading = Chatta con noi
widget-intro = Scrivici il tuo nome e la tua domanda: il primo membro disponibile del nostro team ti risponderà qui.
widget-name-label = Il tuo nome
widget-email-label = E-mail (facoltativa)
widget-phone-label = Telefono (facoltativo)
widget-account-label = Numero cliente (facoltativo)
widget-case-number-label = Numero della pratica (facoltativo)
widget-message-label = Come possiamo aiutarti?
widget-start-button = Inizia la chat
widget-privacy-note = Non condividere numeri di carta o password nella chat.

widget-thread-label = Conversazione
widget-compose-label = Il tuo messaggio
widget-send-button = Invia
widget-end-button = Termina la chat
widget-new-chat-button = Inizia una nuova chat

widget-you = Tu
widget-waiting = Grazie! Sei in coda: un operatore ti risponderà a breve.
# $name: the agent's display name.
widget-agent-joined = { $name } partecipa ora alla chat
widget-ended-by-agent = L'operatore ha terminato la chat.
widget-ended-by-customer = Hai terminato la chat.
widget-ended = Questa chat è terminata. Grazie per averci contattato.
widget-reconnecting = Connessione persa. Riconnessione in corso…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = Ti stiamo trasferendo a un altro operatore. Resta nella chat, per favore.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } ha lasciato la chat
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } sta scrivendo…

widget-error-message-empty = Scrivi prima un messaggio.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long =
    { $limit ->
        [one] Il messaggio è troppo lungo: puoi usare al massimo { $limit } carattere.
       *[other] Il messaggio è troppo lungo: puoi usare al massimo { $limit } caratteri.
    }
widget-error-conversation-ended = Questa chat è già terminata.
widget-error-invalid-request = Controlla il modulo e riprova.
widget-error-unauthorized = Questa sessione di chat non è più valida. Inizia una nuova chat.
widget-error-generic = Si è verificato un errore. Riprova.

# The language switch; each language is named in itself.
widget-language-label = Lingua
widget-language-name = Italiano

## Security

widget-error-rate-limited = Stai inviando troppo velocemente, oppure in questo momento siamo molto occupati. Attendi un momento e riprova.
widget-error-entry-point-closed = Spiacenti, questa chat non è più disponibile qui. Contattaci in un altro modo.
widget-expired = Ci dispiace: nessuno ha potuto rispondere alla tua chat in tempo. Riprova più tardi.
