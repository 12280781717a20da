# Agent Desk, the agent's window. Italian (it). Source: ../en-US/desk.ftl.
# Product terms follow ../shared/glossary.md.

app-title = Agent Desk

## Sign-in

signin-heading = Accedi
signin-intro = Accedi per iniziare la tua sessione di lavoro.
signin-hub-legend = Server dei contatti
signin-hub-embedded = Su questo computer (server demo)
signin-hub-remote = Server del team (inserisci l'indirizzo)
signin-hub-url = Indirizzo del server
    .placeholder = https://hub.example.com
signin-username = Nome utente
signin-password = Password
    .placeholder = Lascia vuoto per usare la password salvata
signin-remember = Ricordami su questo computer
signin-submit = Accedi
signin-busy = Accesso in corso…
signin-demo-hint = Account demo su questo computer: anna, aino, jonas, giulia, layla, camille, emilie. Password: demo.
signin-language = Lingua
signin-widget-hint = Pagina di chat dei clienti per i test: { $url }

## Top bar and presence

topbar-agent =
    .aria-label = Accesso eseguito come { $name }
presence-menu =
    .aria-label = Stato: { $state }. Tempo nello stato: { $time }.
presence-menu-heading = Imposta il tuo stato
presence-available = Disponibile
presence-rona = RONA
presence-rona-hint = Una richiesta di contatto non ha ricevuto risposta. Scegli Disponibile per ricevere di nuovo le richieste.
presence-working-offline = Lavoro offline
presence-logged-out = Disconnesso
presence-idle-heading = Non pronto
topbar-language =
    .aria-label = Lingua
    .title = Lingua
topbar-help = Scorciatoie
    .aria-label = Scorciatoie da tastiera
topbar-sign-out = Esci
topbar-settings = Impostazioni

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

tasks-heading = Riquadro attività
tasks-list =
    .aria-label = Conversazioni
tasks-empty = Ancora nessuna conversazione. Scegli Disponibile per ricevere richieste di contatto.
task-unread =
    { $count ->
        [one] { $count } messaggio non letto
       *[other] { $count } messaggi non letti
    }
task-waiting =
    .title = Tempo trascorso dal messaggio del cliente più vecchio ancora senza risposta
task-wrapup = Riepilogo da completare

## Contact request popover

offer-heading = Richiesta di contatto
offer-region =
    .aria-label = Richieste di contatto
offers-waiting =
    { $count ->
        [0] Nessuna richiesta di contatto in attesa
        [one] { $count } richiesta di contatto in attesa
       *[other] { $count } richieste di contatto in attesa
    }
offer-queue = Coda
offer-agent = Agente
offer-date = Data
offer-source = Origine
offer-timer =
    .aria-label = Tempo trascorso dall'arrivo della richiesta
    .title = Tempo trascorso dall'arrivo della richiesta
offer-accept = Accetta
offer-reject = Rifiuta
offer-thread =
    .aria-label = Messaggi finora

## Interaction pane

pane-empty = Seleziona una conversazione nel riquadro attività o accetta una richiesta di contatto.
pane-region =
    .aria-label = Riquadro di interazione
pane-end = Termina
    .title = Termina la conversazione (Alt+E)
pane-wrapup = Riepilogo
pane-messages =
    .aria-label = Messaggi con { $customer }
pane-ended = Questa conversazione è terminata. Scegli un motivo di riepilogo per chiuderla.
compose-box =
    .placeholder = Rispondi a { $customer }. Invio per inviare, Maiusc+Invio per andare a capo.
    .aria-label = Casella di composizione
compose-send = Invia
    .aria-label = Invia
compose-counter-label =
    .aria-label = Caratteri utilizzati: { $count } su { $max }
system-agent-joined = { $name } partecipa ora alla conversazione.
system-ended-by-agent = L'agente ha terminato la conversazione.
system-ended-by-customer = Il cliente ha terminato la conversazione.
message-sending = Invio in corso…

## Customer panel

context-heading = Cliente
context-toggle =
    .aria-label = Mostra o nascondi il pannello del cliente
    .title = Pannello del cliente
context-name = Nome
context-email = E-mail
context-phone = Telefono
context-source = Origine
context-queue = Coda
context-channel = Canale
context-started = Iniziata

## Customer record and chat log

context-chat-window = Dalla finestra della chat
context-ip = Indirizzo IP
context-account = Numero cliente
context-case-number = Numero pratica
task-ended-at = Terminata alle { $time }
    .title = Quando è terminata la conversazione
record-heading = Scheda cliente
record-loading = Caricamento della scheda cliente…
record-matched-case-number = Trovata tramite il numero pratica
record-matched-account = Trovata tramite il numero cliente
record-matched-email = Trovata tramite l'indirizzo e-mail
record-matched-phone = Trovata tramite il numero di telefono
record-matched-agent = Salvata durante questa chat
record-history-heading = Cronologia
record-history-empty = Ancora nessun registro chat in questa scheda.
record-case-current = la pratica citata dal cliente
record-new-intro = Nuovo cliente: controlla i dati forniti dalla chat e salva una scheda.
record-name = Nome
record-email = E-mail
record-phone = Telefono
record-account = Numero cliente
record-notes = Note
record-from-chat = Dalla chat:
record-save = Salva scheda
drafts-button = Registri chat
drafts-count-label =
    .title = Bozze di registri chat: { $count }
    .aria-label = Registri chat, bozze: { $count }
drafts-heading = Bozze di registri chat
drafts-intro = Registri chat salvati come bozza. Scegline uno per completarlo.
drafts-empty = Nessuna bozza.
drafts-close = Chiudi
chatlog-heading = Registro chat
chatlog-loading = Caricamento del registro chat…
chatlog-customer = Cliente
chatlog-customer-author = Cliente
chatlog-no-customer = Nessun cliente scelto
chatlog-number = Numero pratica
chatlog-subject = Oggetto
chatlog-notes = Note
chatlog-search =
    .placeholder = Cerca per nome, e-mail, numero cliente o telefono
    .aria-label = Cerca clienti
chatlog-no-customers = Nessun cliente corrisponde alla ricerca.
chatlog-transcript = Trascrizione
chatlog-edit = Modifica
chatlog-save-draft = Salva come bozza
chatlog-save = Salva
chatlog-saved = Salvato nella scheda del cliente.
chatlog-draft-saved = Salvato come bozza.
chatlog-draft-badge = Bozza
chatlog-close = Chiudi
wrapup-intro-required = Il motivo di riepilogo è obbligatorio: scegli perché la conversazione è terminata.
wrapup-intro-optional = In questa coda il motivo di riepilogo è facoltativo: scegline uno se serve.
wrapup-continue = Continua
wrapup-back = Indietro
wrapup-finish = Completa

## Wrap-up

wrapup-heading = Motivi riepilogo
wrapup-search =
    .placeholder = Cerca motivi
    .aria-label = Cerca motivi
wrapup-none = Nessun motivo corrisponde alla ricerca.
wrapup-later = Più tardi

## Connection

connection-lost = Connessione al server persa. Riconnessione in corso…
connection-restored = Connessione al server ripristinata.

## Desktop notification (built in Rust)

notification-offer-title = Richiesta di contatto: { $queue }
notification-offer-body = { $customer } ({ $channel }): { $message }
notification-offer-open = Apri
notification-offer-accept = Accetta
notification-offer-show = Mostra
notification-message-title =
    { $count ->
        [one] Nuovo messaggio da { $customer }
       *[other] { $count } nuovi messaggi da { $customer }
    }

## Keyboard shortcuts

help-heading = Scorciatoie da tastiera
help-intro = Le scorciatoie funzionano quando lo stato attivo non è sulla casella di composizione.
help-accept = Accetta la richiesta di contatto meno recente
help-next = Conversazione successiva
help-end = Termina la conversazione
help-focus-compose = Vai alla casella di composizione
help-send = Invia il messaggio (nella casella di composizione)
help-newline = Nuova riga (nella casella di composizione)
help-help = Mostra o nascondi questa guida
help-close = Chiudi

settings-heading = Impostazioni
settings-intro = Queste impostazioni sono salvate su questo computer.
settings-window = Finestra
settings-close-to-tray = Mantieni Agent Desk attivo nell’area di notifica quando chiudo la finestra
settings-start-at-login = Avvia Agent Desk quando accedo a questo computer
settings-requests = Richieste di contatto
settings-sounds = Riproduci un suono
settings-repeat-alert = Ripeti la notifica
settings-repeat-never = Mai
settings-repeat-every = Ogni { $seconds } secondi
settings-urgent-near-timeout = Rendi urgente la notifica quando il tempo per accettare sta per scadere
settings-ask-for-attention = Fai lampeggiare la barra delle applicazioni finché una richiesta è in attesa
settings-chats = Conversazioni
settings-away = Assenza
settings-away-on-lock = Cambia il mio stato quando lo schermo si blocca o il computer va in sospensione
settings-lock-idle-code = Passa a
away-sleep-inhibitor = Cambio del tuo stato prima della sospensione
settings-message-notifications = Avvisami dei nuovi messaggi nelle conversazioni non aperte
settings-close = Chiudi

## The tray icon's menu

tray-show = Mostra Agent Desk
tray-quit = Chiudi Agent Desk

## Errors, one per code the hub or the desk can answer

error-unauthorized = La sessione è scaduta. Accedi di nuovo.
error-invalid-credentials = Nome utente o password non corretti.
error-invalid-request = Il server non è riuscito a leggere la richiesta.
error-not-found = L'elemento non esiste più.
error-message-too-long = Il messaggio supera la lunghezza consentita da questo canale.
error-message-empty = Scrivi prima un messaggio.
error-reserved-characters = I caratteri < e > sono riservati ai parametri dei modelli e non possono essere inviati.
error-offer-expired = Questa richiesta di contatto non è più disponibile.
error-reject-not-allowed = L'amministratore non consente di rifiutare le richieste di contatto.
error-invalid-state = Operazione non possibile nello stato attuale della conversazione.
error-not-your-conversation = Questa conversazione è assegnata a un altro agente.
error-invalid-agent-state = Non è possibile scegliere questo stato.
error-conversation-ended = La conversazione è terminata.
error-internal = Si è verificato un problema sul server. Riprova tra qualche istante.
error-hub-unreachable = Impossibile raggiungere il server. Il messaggio è stato conservato: riprova quando la connessione sarà ripristinata.
error-hub-url = L'indirizzo del server non è valido.
error-keyring = Impossibile usare il portachiavi di sistema: la password non è stata salvata.
error-no-saved-password = Nessuna password salvata per questo utente. Digita la password.
error-not-signed-in = Accedi prima di continuare.
error-embedded-hub = Impossibile avviare il server su questo computer.

## Masking, history and CAD variables

masking-on = Dati sensibili dei clienti mascherati
    .title = Numeri di carta, IBAN, codici identificativi, indirizzi e-mail e numeri di telefono sono mascherati.
compose-send-anyway = Invia comunque
error-payment-data-unconfirmed = Questo messaggio contiene un numero di carta o un IBAN. I clienti non dovrebbero ricevere dati di pagamento in chat.
history-heading = Cronologia
context-cad-heading = Variabili CAD
context-origin-inbound = Origine contatto – In entrata

## WhatsApp and Messenger

customer-unnamed-messenger = Cliente Messenger
customer-unnamed-whatsapp = Cliente WhatsApp
customer-unnamed-livechat = Cliente web
offer-customer-phone = Telefono del cliente
offer-account-whatsapp = Numero aziendale
offer-account-messenger = Pagina Facebook
task-reply-window = Finestra di risposta
reply-window-open = La finestra di risposta si chiude tra { $time }
reply-window-human-agent = Le risposte ora partono con il tag Human agent; la finestra si chiude tra { $time }
reply-window-closed-whatsapp = La finestra di risposta di 24 ore di WhatsApp è chiusa. Il cliente deve scrivere di nuovo prima che tu possa rispondere.
reply-window-closed-messenger = La finestra di risposta di Messenger è chiusa (7 giorni con il tag Human agent). Il cliente deve scrivere di nuovo prima che tu possa rispondere.
system-unsupported-content =
    Il cliente ha inviato { $content ->
        [image] un'immagine
        [video] un video
        [audio] un messaggio vocale
        [document] un documento
        [sticker] uno sticker
        [location] una posizione
        [reaction] una reazione
        [contacts] un contatto
       *[unknown] qualcosa che l'applicazione non può mostrare ({ $content })
    }. Se serve, aprilo nell'app della piattaforma.
delivery-sending = Invio in corso…
delivery-sent = Inviato
delivery-delivered = Consegnato
delivery-read = Letto
delivery-failed = Non inviato:
delivery-retry = Riprova
outbox-waiting = In attesa della connessione…
error-invalid-signature = La firma del webhook manca o è errata.
error-messaging-window-closed = La finestra di risposta è chiusa: il cliente deve prima scrivere di nuovo.
error-channel-rate-limited = La piattaforma sta ricevendo troppi messaggi. Attendi un momento, poi riprova.
error-channel-auth-failed = La piattaforma ha rifiutato il token di accesso del server per questo canale. Chiedi all'amministratore di rinnovarlo.
error-channel-rejected = La piattaforma ha rifiutato questo messaggio.
error-channel-unreachable = Impossibile raggiungere la piattaforma. Riprova tra poco.

## Transfer, conference and several chats at once

tasks-sort = Ordine
    .aria-label = Ordine delle conversazioni
tasks-sort-accepted = Ordine di accettazione
tasks-sort-waiting = Prima l'attesa più lunga
task-typing = sta scrivendo…
task-conference = Conferenza
task-guest = Ospite in conferenza
pane-controls =
    .aria-label = Comandi della conversazione
pane-transfer = Trasferisci
    .title = Trasferisci la conversazione a un collega o a una coda (Alt+T)
pane-conference = Conferenza
    .title = Invita un collega nella conversazione (Alt+K)
pane-end-conference = Termina conferenza
    .title = Termina la conferenza e la conversazione (Alt+E)
pane-remove-guest = Rimuovi { $name }
    .title = Rimuovi { $name } dalla conferenza
pane-cancel-conference = Annulla invito
    .title = Ritira l'invito alla conferenza per { $name }
pane-exit-conference = Esci dalla conferenza
    .title = Esci dalla conferenza; la conversazione resta al suo agente
pane-conference-requested = Conferenza richiesta: { $name }
pane-conference-joined = Conferenza con { $name }
pane-conference-guest = Conferenza: partecipi come ospite
pane-interrupted-queue-deleted = Un amministratore ha eliminato la coda di questa conversazione. Non è più possibile inviare né trasferire; termina la conversazione.
pane-interrupted-whatsapp-number-removed = Un amministratore ha messo fuori servizio il numero WhatsApp Business di questa conversazione. Non è più possibile inviare né trasferire; termina la conversazione.
pane-interrupted-messenger-page-removed = Un amministratore ha messo fuori servizio la pagina Facebook di questa conversazione. Non è più possibile inviare né trasferire; termina la conversazione.
pane-interrupted-livechat-entry-point-removed = Un amministratore ha messo fuori servizio il punto di accesso Livechat di questa conversazione. Non è più possibile inviare né trasferire; termina la conversazione.
pane-customer-typing = Il cliente sta scrivendo…
system-transferred = { $name } ha trasferito la conversazione.
system-agent-left = { $name } ha lasciato la conversazione.
offer-heading-transfer = Richiesta di trasferimento
offer-heading-conference = Invito alla conferenza
offer-from-transfer = Trasferimento da { $name }
offer-from-conference = Invito alla conferenza da { $name }
handoff-transfer-heading = Trasferisci richiesta
handoff-transfer-intro = Scegli un collega o una coda. La conversazione lascia la tua postazione e si passa al riepilogo.
handoff-conference-heading = Conferenza
handoff-conference-intro = Invita nella conversazione un collega o il prossimo agente disponibile di una coda.
handoff-kind = Scegli tra
handoff-agents = Agenti
handoff-queues = Code
handoff-search =
    .placeholder = Cerca per nome
    .aria-label = Cerca per nome
handoff-refresh = Aggiorna
    .title = Mostra la disponibilità attuale
handoff-none = Nessun risultato per la ricerca.
handoff-empty = Al momento non c'è nessuno da scegliere.
handoff-agent-load =
    { $capacity ->
        [one] { $count } di { $capacity } conversazione
       *[other] { $count } di { $capacity } conversazioni
    }
handoff-queue-waiting =
    { $count ->
        [0] nessuno in attesa
        [one] { $count } in attesa
       *[other] { $count } in attesa
    }
handoff-queue-available =
    { $count ->
        [0] nessun agente disponibile
        [one] { $count } agente disponibile
       *[other] { $count } agenti disponibili
    }
handoff-cancel = Annulla
handoff-transfer = Trasferisci
handoff-invite = Invita
help-transfer = Trasferisci la conversazione
help-conference = Invita un collega (conferenza)
notification-transfer-title = Trasferimento da { $name }
notification-conference-title = Invito alla conferenza da { $name }
error-agent-unavailable = L'agente non ha più posti liberi per le chat (o nessun agente di quella coda è disponibile). Aggiorna l'elenco e scegli di nuovo.
error-conversation-interrupted = Un amministratore ha interrotto questa conversazione: può solo essere terminata.
error-entry-point-closed = Un amministratore ha messo fuori servizio questo punto di accesso Livechat: qui non può iniziare nessuna nuova chat.
error-forbidden = Solo un amministratore può farlo.
error-disposition-required = Questa coda richiede un motivo di riepilogo: sceglilo per completare il riepilogo.
error-customer-required = Scegli il cliente su cui salvare il registro della chat.

## Queues, readiness and FAQ
ready-to-work = Pronto a lavorare
    .title = Imposta lo stato su Disponibile e inizia a ricevere chat
topbar-my-queues = Le mie code assegnate
queues-heading = Le mie code assegnate
queues-intro = Scegli le code da gestire. Solo le code attivate ti offrono chat.
queues-read-only = Le tue code sono gestite dall'amministratore: ogni coda elencata qui ti offre chat.
queues-none-enabled = Tutte le tue code sono disattivate, quindi nessuna chat può raggiungerti. Attiva almeno una coda e conferma per iniziare a lavorare.
queues-empty = Non ti è ancora stata assegnata nessuna coda. Chiedi all'amministratore.
queues-list =
    .aria-label = Code assegnate
queues-confirm = Conferma
queues-cancel = Annulla
queues-close = Chiudi
offer-reject-not-allowed = Rifiuta
    .title = L'amministratore non ti ha consentito di rifiutare le richieste di contatto.
faq-button = FAQ
    .title = Inserisci una risposta dalle FAQ (oppure digita / e qualche lettera)
faq-search =
    .placeholder = Cerca risposte
    .aria-label = Cerca nelle risposte FAQ
faq-list =
    .aria-label = Risposte FAQ
faq-none = Nessuna risposta corrisponde.
faq-hint = ↑ ↓ scegli · Invio inserisce · Esc chiude
help-faq = Risposte FAQ: digita / e qualche lettera nella casella di composizione

## Accessibility

announce-offer = Nuova richiesta di contatto da { $name }, { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }, coda { $queue }. Alt+A accetta.
announce-offer-transfer = Richiesta di trasferimento da { $from }: la conversazione con { $name }. Alt+A accetta.
announce-offer-conference = Invito alla conferenza da { $from }: la conversazione con { $name }. Alt+A accetta.
announce-messages =
    { $count ->
        [one] Nuovo messaggio da { $name }, conversazione { $position } di { $total }
       *[other] { $count } nuovi messaggi da { $name }, conversazione { $position } di { $total }
    }
announce-message = { $name }: { $text }
announce-typing = { $name } sta scrivendo
announce-interrupted-queue-deleted = La conversazione con { $name } è stata interrotta: la sua coda è stata eliminata. Terminala.
announce-interrupted-whatsapp-number-removed = La conversazione con { $name } è stata interrotta: il suo numero WhatsApp Business è stato messo fuori servizio. Terminala.
announce-interrupted-messenger-page-removed = La conversazione con { $name } è stata interrotta: la sua pagina Facebook è stata messa fuori servizio. Terminala.
announce-interrupted-livechat-entry-point-removed = La conversazione con { $name } è stata interrotta: il suo punto di accesso Livechat è stato messo fuori servizio. Terminala.
masked-value =
    .aria-label = mascherato, termina con { $last }
masked-email =
    .aria-label = email mascherata, { $first }… presso { $domain }
help-tab = Passa da un controllo all'altro; in una finestra di dialogo il focus resta all'interno
help-escape = Chiudi una finestra di dialogo, un menu o l'elenco FAQ
help-zoom = Ingrandisci, riduci, torna al 100 %
presence-button-prefix = Stato:
chatlog-transcript-list =
    .aria-label = Trascrizione
drafts-button-suffix = bozze
drafts-count-title =
    .title = Bozze di registri chat: { $count }

## Security

error-not-your-case = Questo registro della chat appartiene alla conversazione di un altro agente.
record-claimed = Indicato dal cliente nel modulo prima della chat, non confermato. Verifica chi è prima di usare questa scheda: la cronologia resta nascosta finché non confermi.
record-confirm = Conferma il cliente
error-rate-limited = Troppi tentativi. Attendi un momento, poi riprova.
system-expired = Nessuno ha potuto rispondere in tempo: la conversazione è terminata.
error-insecure-hub-url = Un server su un altro computer richiede un indirizzo https://, così che password e chat siano cifrate.

system-transfer-not-accepted =
    { $reason ->
        [rejected] { $name } ha rifiutato il trasferimento. La conversazione è tornata nella sua coda.
       *[timedOut] { $name } non ha accettato il trasferimento in tempo. La conversazione è tornata nella sua coda.
    }
transfer-notice =
    { $reason ->
        [rejected] { $name } ha rifiutato il tuo trasferimento. La chat è tornata nella sua coda.
       *[timedOut] { $name } non ha accettato in tempo il tuo trasferimento. La chat è tornata nella sua coda.
    }
notice-dismiss = Chiudi
notices-region =
    .aria-label = Avvisi
wrapup-intro-handed-on = Hai trasferito questa chat: scegli un motivo per la tua parte. Il registro chat viene scritto quando la chat termina.

## Record preview, wrap-up timer and the one-step wrap-up

offer-preview-record = Anteprima scheda
offer-record-none = Nessuna scheda cliente corrisponde a questo contatto.
offer-record-claimed = Indicata dal cliente, non ancora confermata. Accetta la richiesta e conferma la scheda per vedere la cronologia.
task-wrapup-timer = Riepilogo { $time }
wrapup-timer = Riepilogo { $time }
wrapup-submit = Invia riepilogo
