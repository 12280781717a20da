# Agent Desk, the agent's window. German (de). Source: ../en-US/desk.ftl.
# Product terms follow ../shared/glossary.md.

app-title = Agent Desk

## Sign-in

signin-heading = Anmelden
signin-intro = Melden Sie sich an, um Ihre Arbeitssitzung zu beginnen.
signin-hub-legend = Kontaktserver
signin-hub-embedded = Auf diesem Computer (Demo-Server)
signin-hub-remote = Team-Server (Adresse eingeben)
signin-hub-url = Serveradresse
    .placeholder = https://hub.example.com
signin-username = Benutzername
signin-password = Passwort
    .placeholder = Leer lassen, um das gespeicherte Passwort zu verwenden
signin-remember = Anmeldedaten auf diesem Computer speichern
signin-submit = Anmelden
signin-busy = Anmeldung läuft…
signin-demo-hint = Demokonten auf diesem Computer: anna, aino, jonas, giulia, layla, camille, emilie. Passwort: demo.
signin-language = Sprache
signin-widget-hint = Kunden-Chatseite zum Testen: { $url }

## Top bar and presence

topbar-agent =
    .aria-label = Angemeldet als { $name }
presence-menu =
    .aria-label = Status: { $state }. Zeit im Status: { $time }.
presence-menu-heading = Status festlegen
presence-available = Verfügbar
presence-rona = RONA
presence-rona-hint = Eine Kontaktanfrage blieb unbeantwortet. Wählen Sie „Verfügbar“, um wieder Anfragen zu erhalten.
presence-working-offline = Offline-Arbeit
presence-logged-out = Abgemeldet
presence-idle-heading = Nicht bereit
topbar-language =
    .aria-label = Sprache
    .title = Sprache
topbar-help = Tastenkürzel
    .aria-label = Tastenkürzel
topbar-sign-out = Abmelden
topbar-settings = Einstellungen

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

tasks-heading = Aufgabenbereich
tasks-list =
    .aria-label = Konversationen
tasks-empty = Noch keine Konversationen. Wählen Sie „Verfügbar“, um Kontaktanfragen zu erhalten.
task-unread =
    { $count ->
        [one] { $count } ungelesene Nachricht
       *[other] { $count } ungelesene Nachrichten
    }
task-waiting =
    .title = Zeit seit der ältesten unbeantworteten Nachricht des Kunden
task-wrapup = Nachbearbeitung fällig

## Contact request popover

offer-heading = Kontaktanfrage
offer-region =
    .aria-label = Kontaktanfragen
offers-waiting =
    { $count ->
        [0] Keine wartenden Kontaktanfragen
        [one] { $count } wartende Kontaktanfrage
       *[other] { $count } wartende Kontaktanfragen
    }
offer-queue = Warteschlange
offer-agent = Agent
offer-date = Datum
offer-source = Quelle
offer-timer =
    .aria-label = Zeit seit Eingang der Anfrage
    .title = Zeit seit Eingang der Anfrage
offer-accept = Annehmen
offer-reject = Ablehnen
offer-thread =
    .aria-label = Bisherige Nachrichten

## Interaction pane

pane-empty = Wählen Sie im Aufgabenbereich eine Konversation aus oder nehmen Sie eine Kontaktanfrage an.
pane-region =
    .aria-label = Interaktionsfenster
pane-end = Beenden
    .title = Konversation beenden (Alt+E)
pane-wrapup = Nachbearbeiten
pane-messages =
    .aria-label = Nachrichten mit { $customer }
pane-ended = Diese Konversation wurde beendet. Wählen Sie einen Nachbearbeitungsgrund, um sie abzuschließen.
compose-box =
    .placeholder = Antwort an { $customer }. Enter sendet, Umschalt+Enter fügt eine Zeile ein.
    .aria-label = Erstellungsfeld
compose-send = Senden
    .aria-label = Senden
compose-counter-label =
    .aria-label = { $count } von { $max } Zeichen verwendet
system-agent-joined = { $name } ist der Konversation beigetreten.
system-ended-by-agent = Der Agent hat die Konversation beendet.
system-ended-by-customer = Der Kunde hat die Konversation beendet.
message-sending = Wird gesendet…

## Customer panel

context-heading = Kunde
context-toggle =
    .aria-label = Kundenbereich ein- oder ausblenden
    .title = Kundenbereich
context-name = Name
context-email = E-Mail
context-phone = Telefon
context-source = Quelle
context-queue = Warteschlange
context-channel = Kanal
context-started = Begonnen

## Customer record and chat log

context-chat-window = Aus dem Chatfenster
context-ip = IP-Adresse
context-account = Kundennummer
context-case-number = Vorgangsnummer
task-ended-at = Beendet um { $time }
    .title = Wann die Konversation beendet wurde
record-heading = Kundendatensatz
record-loading = Kundendatensatz wird geladen…
record-matched-case-number = Über die Vorgangsnummer gefunden
record-matched-account = Über die Kundennummer gefunden
record-matched-email = Über die E-Mail-Adresse gefunden
record-matched-phone = Über die Telefonnummer gefunden
record-matched-agent = In diesem Chat gespeichert
record-history-heading = Verlauf
record-history-empty = Zu diesem Datensatz gibt es noch keine Chatprotokolle.
record-case-current = der Vorgang, auf den sich der Kunde bezieht
record-new-intro = Neuer Kunde: Prüfen Sie die Angaben aus dem Chat und speichern Sie einen Datensatz.
record-name = Name
record-email = E-Mail
record-phone = Telefon
record-account = Kundennummer
record-notes = Notizen
record-from-chat = Aus dem Chat:
record-save = Datensatz speichern
drafts-button = Chatprotokolle
drafts-count-label =
    .title = Entwürfe von Chatprotokollen: { $count }
    .aria-label = Chatprotokolle, Entwürfe: { $count }
drafts-heading = Entwürfe von Chatprotokollen
drafts-intro = Chatprotokolle, die Sie als Entwurf gespeichert haben. Wählen Sie eines zum Abschließen.
drafts-empty = Keine Entwürfe.
drafts-close = Schließen
chatlog-heading = Chatprotokoll
chatlog-loading = Chatprotokoll wird geladen…
chatlog-customer = Kunde
chatlog-customer-author = Kunde
chatlog-no-customer = Kein Kunde gewählt
chatlog-number = Vorgangsnummer
chatlog-subject = Betreff
chatlog-notes = Notizen
chatlog-search =
    .placeholder = Nach Name, E-Mail, Kundennummer oder Telefon suchen
    .aria-label = Kunden suchen
chatlog-no-customers = Kein Kunde entspricht Ihrer Suche.
chatlog-transcript = Transkript
chatlog-edit = Bearbeiten
chatlog-save-draft = Als Entwurf speichern
chatlog-save = Speichern
chatlog-saved = Im Datensatz des Kunden gespeichert.
chatlog-draft-saved = Als Entwurf gespeichert.
chatlog-draft-badge = Entwurf
chatlog-close = Schließen
wrapup-intro-required = Ein Nachbearbeitungsgrund ist erforderlich: Wählen Sie aus, warum diese Konversation beendet wurde.
wrapup-intro-optional = Ein Nachbearbeitungsgrund ist in dieser Warteschlange optional: Wählen Sie bei Bedarf einen aus.
wrapup-continue = Weiter
wrapup-back = Zurück
wrapup-finish = Fertigstellen

## Wrap-up

wrapup-heading = Nachbearbeitungsgründe
wrapup-search =
    .placeholder = Gründe durchsuchen
    .aria-label = Gründe durchsuchen
wrapup-none = Kein Grund entspricht Ihrer Suche.
wrapup-later = Später

## Connection

connection-lost = Die Verbindung zum Server wurde unterbrochen. Verbindung wird wiederhergestellt…
connection-restored = Wieder mit dem Server verbunden.

## Desktop notification (built in Rust)

notification-offer-title = Kontaktanfrage: { $queue }
notification-offer-body = { $customer } ({ $channel }): { $message }
notification-offer-open = Öffnen
notification-offer-accept = Annehmen
notification-offer-show = Anzeigen
notification-message-title =
    { $count ->
        [one] Neue Nachricht von { $customer }
       *[other] { $count } neue Nachrichten von { $customer }
    }

## Keyboard shortcuts

help-heading = Tastenkürzel
help-intro = Die Tastenkürzel funktionieren, wenn das Erstellungsfeld nicht den Fokus hat.
help-accept = Älteste Kontaktanfrage annehmen
help-next = Nächste Konversation
help-end = Konversation beenden
help-focus-compose = Zum Erstellungsfeld wechseln
help-send = Nachricht senden (im Erstellungsfeld)
help-newline = Neue Zeile (im Erstellungsfeld)
help-help = Diese Hilfe ein- oder ausblenden
help-close = Schließen

settings-heading = Einstellungen
settings-intro = Diese Einstellungen werden auf diesem Computer gespeichert.
settings-window = Fenster
settings-close-to-tray = Agent Desk im Infobereich weiterlaufen lassen, wenn ich das Fenster schließe
settings-start-at-login = Agent Desk bei der Anmeldung am Computer starten
settings-requests = Kontaktanfragen
settings-sounds = Ton abspielen
settings-repeat-alert = Benachrichtigung wiederholen
settings-repeat-never = Nie
settings-repeat-every = Alle { $seconds } Sekunden
settings-urgent-near-timeout = Benachrichtigung als dringend kennzeichnen, wenn die Annahmezeit abläuft
settings-ask-for-attention = In der Taskleiste blinken, solange eine Anfrage wartet
settings-chats = Konversationen
settings-away = Abwesenheit
settings-away-on-lock = Status ändern, wenn der Bildschirm gesperrt wird oder der Computer in den Ruhezustand wechselt
settings-lock-idle-code = Ändern in
away-sleep-inhibitor = Ihr Status wird vor dem Ruhezustand geändert
settings-message-notifications = Bei neuen Nachrichten in Konversationen benachrichtigen, die nicht geöffnet sind
settings-close = Schließen

## The tray icon's menu

tray-show = Agent Desk anzeigen
tray-quit = Agent Desk beenden

## Errors, one per code the hub or the desk can answer

error-unauthorized = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
error-invalid-credentials = Benutzername oder Passwort ist falsch.
error-invalid-request = Der Server konnte diese Anfrage nicht verarbeiten.
error-not-found = Dieses Element existiert nicht mehr.
error-message-too-long = Die Nachricht ist länger, als dieser Kanal erlaubt.
error-message-empty = Schreiben Sie zuerst eine Nachricht.
error-reserved-characters = Die Zeichen < und > sind für Vorlagenparameter reserviert und können nicht gesendet werden.
error-offer-expired = Diese Kontaktanfrage ist nicht mehr verfügbar.
error-reject-not-allowed = Ihr Administrator erlaubt das Ablehnen von Kontaktanfragen nicht.
error-invalid-state = Das ist im aktuellen Status der Konversation nicht möglich.
error-not-your-conversation = Diese Konversation gehört einem anderen Agenten.
error-invalid-agent-state = Dieser Status kann nicht ausgewählt werden.
error-conversation-ended = Die Konversation wurde beendet.
error-internal = Auf dem Server ist ein Problem aufgetreten. Versuchen Sie es gleich noch einmal.
error-hub-unreachable = Der Server ist nicht erreichbar. Ihre Nachricht bleibt erhalten; versuchen Sie es erneut, sobald die Verbindung wiederhergestellt ist.
error-hub-url = Diese Serveradresse ist ungültig.
error-keyring = Der Schlüsselbund des Systems konnte nicht verwendet werden; das Passwort wurde nicht gespeichert.
error-no-saved-password = Für diesen Benutzer ist kein Passwort gespeichert. Geben Sie das Passwort ein.
error-not-signed-in = Bitte melden Sie sich zuerst an.
error-embedded-hub = Der Server auf diesem Computer konnte nicht gestartet werden.

## Masking, history and CAD variables

masking-on = Kundenvertrauliche Daten maskiert
    .title = Kartennummern, IBANs, Ausweisnummern, E-Mail-Adressen und Telefonnummern werden maskiert.
compose-send-anyway = Trotzdem senden
error-payment-data-unconfirmed = Diese Nachricht enthält eine Kartennummer oder IBAN. Kunden sollten im Chat keine Zahlungsdaten erhalten.
history-heading = Verlauf
context-cad-heading = CAD-Variablen
context-origin-inbound = Kontaktursprung – Eingehend

## WhatsApp and Messenger

customer-unnamed-messenger = Messenger-Kunde
customer-unnamed-whatsapp = WhatsApp-Kunde
customer-unnamed-livechat = Webkunde
offer-customer-phone = Telefon des Kunden
offer-account-whatsapp = Unternehmensnummer
offer-account-messenger = Facebook-Seite
task-reply-window = Antwortfenster
reply-window-open = Antwortfenster schließt in { $time }
reply-window-human-agent = Antworten werden jetzt mit dem Tag „Human Agent“ gesendet; das Fenster schließt in { $time }
reply-window-closed-whatsapp = Das 24-Stunden-Antwortfenster von WhatsApp ist geschlossen. Der Kunde muss erneut schreiben, bevor Sie antworten können.
reply-window-closed-messenger = Das Antwortfenster von Messenger ist geschlossen (7 Tage mit dem Tag „Human Agent“). Der Kunde muss erneut schreiben, bevor Sie antworten können.
system-unsupported-content =
    Der Kunde hat { $content ->
        [image] ein Bild
        [video] ein Video
        [audio] eine Sprachnachricht
        [document] ein Dokument
        [sticker] einen Sticker
        [location] einen Standort
        [reaction] eine Reaktion
        [contacts] eine Kontaktkarte
       *[unknown] etwas, das Agent Desk nicht anzeigen kann ({ $content }),
    } gesendet. Öffnen Sie es bei Bedarf in der App der Plattform.
delivery-sending = Wird gesendet…
delivery-sent = Gesendet
delivery-delivered = Zugestellt
delivery-read = Gelesen
delivery-failed = Nicht gesendet:
delivery-retry = Erneut senden
outbox-waiting = Warten auf die Verbindung…
error-invalid-signature = Die Webhook-Signatur fehlt oder ist falsch.
error-messaging-window-closed = Das Antwortfenster ist geschlossen: Der Kunde muss zuerst erneut schreiben.
error-channel-rate-limited = Die Plattform erhält zu viele Nachrichten. Warten Sie kurz und senden Sie erneut.
error-channel-auth-failed = Die Plattform hat das Zugriffstoken des Servers für diesen Kanal abgelehnt. Bitten Sie Ihren Administrator, es zu erneuern.
error-channel-rejected = Die Plattform hat diese Nachricht abgelehnt.
error-channel-unreachable = Die Plattform ist nicht erreichbar. Versuchen Sie es gleich noch einmal.

## Transfer, conference and several chats at once

tasks-sort = Reihenfolge
    .aria-label = Reihenfolge der Konversationen
tasks-sort-accepted = Nach Annahme
tasks-sort-waiting = Längste Wartezeit zuerst
task-typing = schreibt…
task-conference = Konferenz
task-guest = Gast in der Konferenz
pane-controls =
    .aria-label = Steuerung der Konversation
pane-transfer = Übergeben
    .title = Konversation an einen Kollegen oder eine Warteschlange übergeben (Alt+T)
pane-conference = Konferenz
    .title = Einen Kollegen in die Konversation einladen (Alt+K)
pane-end-conference = Konferenz beenden
    .title = Konferenz und Konversation beenden (Alt+E)
pane-remove-guest = { $name } entfernen
    .title = { $name } aus der Konferenz entfernen
pane-cancel-conference = Einladung zurückziehen
    .title = Konferenzeinladung an { $name } zurückziehen
pane-exit-conference = Konferenz verlassen
    .title = Konferenz verlassen; die Konversation bleibt bei ihrem Agenten
pane-conference-requested = Konferenz angefordert: { $name }
pane-conference-joined = Konferenz mit { $name }
pane-conference-guest = Konferenz: Sie nehmen als Gast teil
pane-interrupted-queue-deleted = Ein Administrator hat die Warteschlange dieser Konversation gelöscht. Es kann nichts mehr gesendet oder übergeben werden; beenden Sie die Konversation.
pane-interrupted-whatsapp-number-removed = Ein Administrator hat die WhatsApp-Unternehmensnummer dieser Konversation außer Betrieb genommen. Es kann nichts mehr gesendet oder übergeben werden; beenden Sie die Konversation.
pane-interrupted-messenger-page-removed = Ein Administrator hat die Facebook-Seite dieser Konversation außer Betrieb genommen. Es kann nichts mehr gesendet oder übergeben werden; beenden Sie die Konversation.
pane-interrupted-livechat-entry-point-removed = Ein Administrator hat den Livechat-Einstiegspunkt dieser Konversation außer Betrieb genommen. Es kann nichts mehr gesendet oder übergeben werden; beenden Sie die Konversation.
pane-customer-typing = Der Kunde schreibt…
system-transferred = { $name } hat die Konversation übergeben.
system-agent-left = { $name } hat die Konversation verlassen.
offer-heading-transfer = Übergabeanforderung
offer-heading-conference = Konferenzeinladung
offer-from-transfer = Übergabe von { $name }
offer-from-conference = Konferenzeinladung von { $name }
handoff-transfer-heading = Anforderung übergeben
handoff-transfer-intro = Wählen Sie einen Kollegen oder eine Warteschlange. Die Konversation verlässt Ihren Arbeitsplatz, danach folgt die Nachbearbeitung.
handoff-conference-heading = Konferenz
handoff-conference-intro = Laden Sie einen Kollegen oder den nächsten verfügbaren Agenten einer Warteschlange in die Konversation ein.
handoff-kind = Auswahl aus
handoff-agents = Agenten
handoff-queues = Warteschlangen
handoff-search =
    .placeholder = Nach Namen suchen
    .aria-label = Nach Namen suchen
handoff-refresh = Aktualisieren
    .title = Aktuelle Verfügbarkeit anzeigen
handoff-none = Nichts passt zu Ihrer Suche.
handoff-empty = Im Moment steht niemand zur Auswahl.
handoff-agent-load =
    { $capacity ->
        [one] { $count } von { $capacity } Chat
       *[other] { $count } von { $capacity } Chats
    }
handoff-queue-waiting =
    { $count ->
        [0] niemand wartet
        [one] { $count } wartet
       *[other] { $count } warten
    }
handoff-queue-available =
    { $count ->
        [0] kein Agent verfügbar
        [one] { $count } Agent verfügbar
       *[other] { $count } Agenten verfügbar
    }
handoff-cancel = Abbrechen
handoff-transfer = Übergeben
handoff-invite = Einladen
help-transfer = Konversation übergeben
help-conference = Einen Kollegen einladen (Konferenz)
notification-transfer-title = Übergabe von { $name }
notification-conference-title = Konferenzeinladung von { $name }
error-agent-unavailable = Dieser Agent hat keinen freien Chat-Platz mehr (oder in dieser Warteschlange ist niemand verfügbar). Aktualisieren Sie die Liste und wählen Sie erneut.
error-conversation-interrupted = Ein Administrator hat diese Konversation unterbrochen: Sie kann nur noch beendet werden.
error-entry-point-closed = Ein Administrator hat diesen Livechat-Einstiegspunkt außer Betrieb genommen: Dort kann kein neuer Chat beginnen.
error-forbidden = Das darf nur ein Administrator.
error-disposition-required = Diese Warteschlange verlangt einen Nachbearbeitungsgrund: Wählen Sie einen aus, um die Nachbearbeitung abzuschließen.
error-customer-required = Wählen Sie den Kunden, bei dem das Chatprotokoll gespeichert wird.

## Queues, readiness and FAQ
ready-to-work = Bereit zum Arbeiten
    .title = Status auf „Verfügbar“ setzen und Chats empfangen
topbar-my-queues = Meine Warteschlangen
queues-heading = Meine zugewiesenen Warteschlangen
queues-intro = Wählen Sie die Warteschlangen, die Sie bedienen. Nur aktivierte Warteschlangen bieten Ihnen Chats an.
queues-read-only = Ihr Administrator verwaltet Ihre Warteschlangen: Jede hier aufgeführte Warteschlange bietet Ihnen Chats an.
queues-none-enabled = Alle Ihre Warteschlangen sind deaktiviert, daher kann Sie kein Chat erreichen. Aktivieren Sie mindestens eine Warteschlange und bestätigen Sie, um mit der Arbeit zu beginnen.
queues-empty = Sie sind noch keiner Warteschlange zugewiesen. Wenden Sie sich an Ihren Administrator.
queues-list =
    .aria-label = Zugewiesene Warteschlangen
queues-confirm = Bestätigen
queues-cancel = Abbrechen
queues-close = Schließen
offer-reject-not-allowed = Ablehnen
    .title = Ihr Administrator hat Ihnen das Ablehnen von Kontaktanfragen nicht erlaubt.
faq-button = FAQ
    .title = Eine Antwort aus den FAQ einfügen (oder / und einige Buchstaben tippen)
faq-search =
    .placeholder = Antworten suchen
    .aria-label = FAQ-Antworten suchen
faq-list =
    .aria-label = FAQ-Antworten
faq-none = Keine Antwort passt.
faq-hint = ↑ ↓ auswählen · Enter fügt ein · Esc schließt
help-faq = FAQ-Antworten: im Erstellungsfeld / und einige Buchstaben tippen

## Accessibility

announce-offer = Neue Kontaktanfrage von { $name }, { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }, Warteschlange { $queue }. Alt+A nimmt an.
announce-offer-transfer = Übergabe von { $from }: die Konversation mit { $name }. Alt+A nimmt an.
announce-offer-conference = Konferenzeinladung von { $from }: die Konversation mit { $name }. Alt+A nimmt an.
announce-messages =
    { $count ->
        [one] Neue Nachricht von { $name }, Konversation { $position } von { $total }
       *[other] { $count } neue Nachrichten von { $name }, Konversation { $position } von { $total }
    }
announce-message = { $name }: { $text }
announce-typing = { $name } schreibt
announce-interrupted-queue-deleted = Die Konversation mit { $name } wurde unterbrochen: Ihre Warteschlange wurde gelöscht. Beenden Sie sie.
announce-interrupted-whatsapp-number-removed = Die Konversation mit { $name } wurde unterbrochen: Ihre WhatsApp-Unternehmensnummer wurde außer Betrieb genommen. Beenden Sie sie.
announce-interrupted-messenger-page-removed = Die Konversation mit { $name } wurde unterbrochen: Ihre Facebook-Seite wurde außer Betrieb genommen. Beenden Sie sie.
announce-interrupted-livechat-entry-point-removed = Die Konversation mit { $name } wurde unterbrochen: Ihr Livechat-Einstiegspunkt wurde außer Betrieb genommen. Beenden Sie sie.
masked-value =
    .aria-label = maskiert, endet auf { $last }
masked-email =
    .aria-label = maskierte E-Mail, { $first }… bei { $domain }
help-tab = Zwischen Bedienelementen wechseln; in einem Dialog bleibt der Fokus darin
help-escape = Einen Dialog, ein Menü oder die FAQ-Liste schließen
help-zoom = Vergrößern, verkleinern, zurück auf 100 %
presence-button-prefix = Status:
chatlog-transcript-list =
    .aria-label = Verlauf
drafts-button-suffix = Entwürfe
drafts-count-title =
    .title = Entwürfe von Chatprotokollen: { $count }

## Security

error-not-your-case = Dieses Chatprotokoll gehört zur Konversation eines anderen Agenten.
record-claimed = Vom Kunden im Formular vor dem Chat angegeben, nicht bestätigt. Prüfen Sie, wer er ist, bevor Sie diesen Datensatz verwenden: Der Verlauf bleibt verborgen, bis Sie bestätigen.
record-confirm = Kunden bestätigen
error-rate-limited = Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.
system-expired = Niemand konnte rechtzeitig antworten: Die Konversation wurde beendet.
error-insecure-hub-url = Ein Server auf einem anderen Computer braucht eine https://-Adresse, damit Passwörter und Chats verschlüsselt sind.

system-transfer-not-accepted =
    { $reason ->
        [rejected] { $name } hat die Übergabe abgelehnt. Die Konversation ist zurück in ihrer Warteschlange.
       *[timedOut] { $name } hat die Übergabe nicht rechtzeitig angenommen. Die Konversation ist zurück in ihrer Warteschlange.
    }
transfer-notice =
    { $reason ->
        [rejected] { $name } hat Ihre Übergabe abgelehnt. Der Chat ist zurück in seiner Warteschlange.
       *[timedOut] { $name } hat Ihre Übergabe nicht rechtzeitig angenommen. Der Chat ist zurück in seiner Warteschlange.
    }
notice-dismiss = Schließen
notices-region =
    .aria-label = Hinweise
wrapup-intro-handed-on = Sie haben diesen Chat übergeben: Wählen Sie einen Grund für Ihren Teil. Das Chatprotokoll entsteht, wenn der Chat endet.

## Record preview, wrap-up timer and the one-step wrap-up

offer-preview-record = Datensatz ansehen
offer-record-none = Zu diesem Kontakt wurde kein Kundendatensatz gefunden.
offer-record-claimed = Vom Kunden angegeben, noch nicht bestätigt. Nehmen Sie die Anfrage an und bestätigen Sie den Datensatz, um den Verlauf zu sehen.
task-wrapup-timer = Nachbearbeitung { $time }
wrapup-timer = Nachbearbeitung { $time }
wrapup-submit = Nachbearbeitung senden
