# Agent Desk, the agent's window. French (fr, France). Source: ../en-US/desk.ftl.
# Product terms follow ../shared/glossary.md (France says "conversation" where Quebec says "clavardage").

app-title = Agent Desk

## Sign-in

signin-heading = Connexion
signin-intro = Connectez-vous pour commencer votre session de travail.
signin-hub-legend = Serveur de contacts
signin-hub-embedded = Sur cet ordinateur (serveur de démonstration)
signin-hub-remote = Serveur de l’équipe (saisissez son adresse)
signin-hub-url = Adresse du serveur
    .placeholder = https://hub.example.com
signin-username = Nom d’utilisateur
signin-password = Mot de passe
    .placeholder = Laissez vide pour utiliser le mot de passe enregistré
signin-remember = Se souvenir de moi sur cet ordinateur
signin-submit = Se connecter
signin-busy = Connexion en cours…
signin-demo-hint = Comptes de démonstration sur cet ordinateur : anna, aino, jonas, giulia, layla, camille, emilie. Mot de passe : demo.
signin-language = Langue
signin-widget-hint = Page de conversation client pour les tests : { $url }

## Top bar and presence

topbar-agent =
    .aria-label = Session ouverte : { $name }
presence-menu =
    .aria-label = Statut : { $state }. Temps dans ce statut : { $time }.
presence-menu-heading = Définir votre statut
presence-available = Disponible
presence-rona = RONA
presence-rona-hint = Une demande de contact est restée sans réponse. Choisissez Disponible pour recevoir de nouveau des demandes.
presence-working-offline = Travail hors ligne
presence-logged-out = Déconnecté
presence-idle-heading = Non prêt
topbar-language =
    .aria-label = Langue
    .title = Langue
topbar-help = Raccourcis
    .aria-label = Raccourcis clavier
topbar-sign-out = Se déconnecter
topbar-settings = Paramètres

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

tasks-heading = Volet des tâches
tasks-list =
    .aria-label = Conversations
tasks-empty = Aucune conversation pour l’instant. Choisissez Disponible pour recevoir des demandes de contact.
task-unread =
    { $count ->
        [one] { $count } message non lu
       *[other] { $count } messages non lus
    }
task-waiting =
    .title = Temps écoulé depuis le plus ancien message du client resté sans réponse
task-wrapup = Clôture à faire

## Contact request popover

offer-heading = Demande de contact
offer-region =
    .aria-label = Demandes de contact
offers-waiting =
    { $count ->
        [0] Aucune demande de contact en attente
        [one] { $count } demande de contact en attente
       *[other] { $count } demandes de contact en attente
    }
offer-queue = File d’attente
offer-agent = Agent
offer-date = Date
offer-source = Source
offer-timer =
    .aria-label = Temps écoulé depuis l’arrivée de la demande
    .title = Temps écoulé depuis l’arrivée de la demande
offer-accept = Accepter
offer-reject = Rejeter
offer-thread =
    .aria-label = Messages reçus jusqu’ici

## Interaction pane

pane-empty = Sélectionnez une conversation dans le volet des tâches ou acceptez une demande de contact.
pane-region =
    .aria-label = Volet d’interaction
pane-end = Terminer
    .title = Terminer la conversation (Alt+E)
pane-wrapup = Clôturer
pane-messages =
    .aria-label = Messages avec { $customer }
pane-ended = Cette conversation est terminée. Choisissez un motif de clôture pour la fermer.
compose-box =
    .placeholder = Répondre à { $customer }. Entrée pour envoyer, Maj+Entrée pour aller à la ligne.
    .aria-label = Fenêtre de conversation
compose-send = Envoyer
    .aria-label = Envoyer
compose-counter-label =
    .aria-label = Caractères utilisés : { $count } sur { $max }
system-agent-joined = { $name } a rejoint la conversation.
system-ended-by-agent = L’agent a mis fin à la conversation.
system-ended-by-customer = Le client a mis fin à la conversation.
message-sending = Envoi en cours…

## Customer panel

context-heading = Client
context-toggle =
    .aria-label = Afficher ou masquer le panneau client
    .title = Panneau client
context-name = Nom
context-email = E-mail
context-phone = Téléphone
context-source = Source
context-queue = File d’attente
context-channel = Canal
context-started = Début

## Customer record and chat log

context-chat-window = Données de la conversation
context-ip = Adresse IP
context-account = Numéro de compte
context-case-number = Numéro de dossier
task-ended-at = Terminée à { $time }
    .title = Heure de fin de la conversation
record-heading = Fiche client
record-loading = Chargement de la fiche client…
record-matched-case-number = Trouvée grâce au numéro de dossier
record-matched-account = Trouvée grâce au numéro de compte
record-matched-email = Trouvée grâce à l’adresse e-mail
record-matched-phone = Trouvée grâce au numéro de téléphone
record-matched-agent = Enregistrée pendant cette conversation
record-history-heading = Historique
record-history-empty = Aucun journal de conversation sur cette fiche pour l’instant.
record-case-current = le dossier cité par le client
record-new-intro = Nouveau client : vérifiez les informations issues de la conversation et enregistrez une fiche.
record-name = Nom
record-email = E-mail
record-phone = Téléphone
record-account = Numéro de compte
record-notes = Remarques
record-from-chat = D’après la conversation :
record-save = Enregistrer la fiche
drafts-button = Journaux de conversation
drafts-count-label =
    .title = Brouillons de journaux : { $count }
    .aria-label = Journaux de conversation, brouillons : { $count }
drafts-heading = Brouillons de journaux de conversation
drafts-intro = Les journaux enregistrés comme brouillons. Choisissez-en un pour le terminer.
drafts-empty = Aucun brouillon.
drafts-close = Fermer
chatlog-heading = Journal de conversation
chatlog-loading = Chargement du journal de conversation…
chatlog-customer = Client
chatlog-customer-author = Client
chatlog-no-customer = Aucun client choisi
chatlog-number = Numéro de dossier
chatlog-subject = Objet
chatlog-notes = Remarques
chatlog-search =
    .placeholder = Chercher par nom, e-mail, compte ou téléphone
    .aria-label = Chercher un client
chatlog-no-customers = Aucun client ne correspond à votre recherche.
chatlog-transcript = Transcription
chatlog-edit = Modifier
chatlog-save-draft = Enregistrer comme brouillon
chatlog-save = Enregistrer
chatlog-saved = Enregistré sur la fiche du client.
chatlog-draft-saved = Enregistré comme brouillon.
chatlog-draft-badge = Brouillon
chatlog-close = Fermer
wrapup-intro-required = Un motif de clôture est obligatoire : indiquez pourquoi cette conversation a pris fin.
wrapup-intro-optional = Le motif de clôture est facultatif dans cette file d’attente : choisissez-en un si c’est utile.
wrapup-continue = Continuer
wrapup-back = Retour
wrapup-finish = Terminer

## Wrap-up

wrapup-heading = Motifs de clôture
wrapup-search =
    .placeholder = Rechercher un motif
    .aria-label = Rechercher un motif
wrapup-none = Aucun motif ne correspond à votre recherche.
wrapup-later = Plus tard

## Connection

connection-lost = La connexion au serveur a été perdue. Reconnexion en cours…
connection-restored = Connexion au serveur rétablie.

## Desktop notification (built in Rust)

notification-offer-title = Demande de contact : { $queue }
notification-offer-body = { $customer } ({ $channel }) : { $message }
notification-offer-open = Ouvrir
notification-offer-accept = Accepter
notification-offer-show = Afficher
notification-message-title =
    { $count ->
        [one] { $customer } : nouveau message
       *[other] { $customer } : { $count } nouveaux messages
    }

## Keyboard shortcuts

help-heading = Raccourcis clavier
help-intro = Les raccourcis fonctionnent lorsque la fenêtre de conversation n’a pas le focus.
help-accept = Accepter la plus ancienne demande de contact
help-next = Conversation suivante
help-end = Terminer la conversation
help-focus-compose = Aller à la fenêtre de conversation
help-send = Envoyer le message (dans la fenêtre de conversation)
help-newline = Nouvelle ligne (dans la fenêtre de conversation)
help-help = Afficher ou masquer cette aide
help-close = Fermer

settings-heading = Paramètres
settings-intro = Ces paramètres sont enregistrés sur cet ordinateur.
settings-window = Fenêtre
settings-close-to-tray = Laisser Agent Desk ouvert dans la zone de notification quand je ferme la fenêtre
settings-start-at-login = Lancer Agent Desk à l’ouverture de ma session sur cet ordinateur
settings-requests = Demandes de contact
settings-sounds = Émettre un son
settings-repeat-alert = Répéter la notification
settings-repeat-never = Jamais
settings-repeat-every = Toutes les { $seconds } secondes
settings-urgent-near-timeout = Rendre la notification urgente quand le délai d’acceptation arrive à son terme
settings-ask-for-attention = Faire clignoter la barre des tâches tant qu’une demande attend
settings-chats = Conversations
settings-away = Absence
settings-away-on-lock = Changer mon statut quand l’écran se verrouille ou que l’ordinateur se met en veille
settings-lock-idle-code = Passer à
away-sleep-inhibitor = Changement de votre statut avant la mise en veille
settings-message-notifications = M’avertir des nouveaux messages dans les conversations qui ne sont pas ouvertes
settings-close = Fermer

## The tray icon's menu

tray-show = Afficher Agent Desk
tray-quit = Quitter Agent Desk

## Errors, one per code the hub or the desk can answer

error-unauthorized = Votre session a expiré. Veuillez vous reconnecter.
error-invalid-credentials = Le nom d’utilisateur ou le mot de passe est incorrect.
error-invalid-request = Le serveur n’a pas pu lire cette requête.
error-not-found = Cet élément n’existe plus.
error-message-too-long = Le message dépasse la longueur autorisée sur ce canal.
error-message-empty = Écrivez d’abord un message.
error-reserved-characters = Les caractères < et > sont réservés aux paramètres de modèle et ne peuvent pas être envoyés.
error-offer-expired = Cette demande de contact n’est plus disponible.
error-reject-not-allowed = Votre administrateur n’autorise pas le rejet des demandes de contact.
error-invalid-state = Cette action est impossible dans l’état actuel de la conversation.
error-not-your-conversation = Cette conversation est attribuée à un autre agent.
error-invalid-agent-state = Ce statut ne peut pas être choisi.
error-conversation-ended = La conversation est terminée.
error-internal = Le serveur a rencontré un problème. Réessayez dans un instant.
error-hub-unreachable = Le serveur est injoignable. Votre message est conservé ; réessayez une fois la connexion rétablie.
error-hub-url = Cette adresse de serveur n’est pas valide.
error-keyring = Le trousseau de clés du système n’a pas pu être utilisé ; le mot de passe n’a pas été enregistré.
error-no-saved-password = Aucun mot de passe enregistré pour cet utilisateur. Saisissez le mot de passe.
error-not-signed-in = Veuillez d’abord vous connecter.
error-embedded-hub = Le serveur de cet ordinateur n’a pas pu démarrer.

## Masking, history and CAD variables

masking-on = Données sensibles des clients masquées
    .title = Les numéros de carte, IBAN, numéros d’identité, adresses e-mail et numéros de téléphone sont masqués.
compose-send-anyway = Envoyer quand même
error-payment-data-unconfirmed = Ce message contient un numéro de carte ou un IBAN. Les clients ne devraient pas recevoir de données de paiement dans une conversation.
history-heading = Historique
context-cad-heading = Variables CAD
context-origin-inbound = Origine du contact – entrant

## WhatsApp and Messenger

customer-unnamed-messenger = Client Messenger
customer-unnamed-whatsapp = Client WhatsApp
customer-unnamed-livechat = Client web
offer-customer-phone = Téléphone du client
offer-account-whatsapp = Numéro de l’entreprise
offer-account-messenger = Page Facebook
task-reply-window = Fenêtre de réponse
reply-window-open = La fenêtre de réponse se ferme dans { $time }
reply-window-human-agent = Les réponses partent maintenant avec l’étiquette « Human agent » ; la fenêtre se ferme dans { $time }
reply-window-closed-whatsapp = La fenêtre de réponse WhatsApp de 24 heures est fermée. Le client doit écrire de nouveau avant que vous puissiez répondre.
reply-window-closed-messenger = La fenêtre de réponse Messenger est fermée (7 jours avec l’étiquette « Human agent »). Le client doit écrire de nouveau avant que vous puissiez répondre.
system-unsupported-content =
    Le client a envoyé { $content ->
        [image] une image
        [video] une vidéo
        [audio] un message vocal
        [document] un document
        [sticker] un sticker
        [location] une position
        [reaction] une réaction
        [contacts] une fiche de contact
       *[unknown] un contenu que l’application ne peut pas afficher ({ $content })
    }. Ouvrez-le dans l’application de la plateforme si besoin.
delivery-sending = Envoi…
delivery-sent = Envoyé
delivery-delivered = Distribué
delivery-read = Lu
delivery-failed = Non envoyé :
delivery-retry = Réessayer
outbox-waiting = En attente de la connexion…
error-invalid-signature = La signature du webhook est absente ou incorrecte.
error-messaging-window-closed = La fenêtre de réponse est fermée : le client doit d’abord écrire de nouveau.
error-channel-rate-limited = La plateforme reçoit trop de messages. Patientez un instant, puis réessayez.
error-channel-auth-failed = La plateforme a refusé le jeton d’accès du serveur pour ce canal. Demandez à votre administrateur de le renouveler.
error-channel-rejected = La plateforme a refusé ce message.
error-channel-unreachable = La plateforme est injoignable. Réessayez dans un instant.

## Transfer, conference and several chats at once

tasks-sort = Ordre
    .aria-label = Ordre des conversations
tasks-sort-accepted = Ordre d’acceptation
tasks-sort-waiting = Attente la plus longue d’abord
task-typing = écrit…
task-conference = Conférence
task-guest = Invité de la conférence
pane-controls =
    .aria-label = Commandes de la conversation
pane-transfer = Transférer
    .title = Transférer la conversation à un collègue ou à une file d’attente (Alt+T)
pane-conference = Conférence
    .title = Inviter un collègue dans la conversation (Alt+K)
pane-end-conference = Terminer la conférence
    .title = Terminer la conférence et la conversation (Alt+E)
pane-remove-guest = Retirer { $name }
    .title = Retirer { $name } de la conférence
pane-cancel-conference = Annuler l’invitation
    .title = Retirer l’invitation à la conférence envoyée à { $name }
pane-exit-conference = Quitter la conférence
    .title = Quitter la conférence ; la conversation reste à son agent
pane-conference-requested = Conférence demandée : { $name }
pane-conference-joined = Conférence avec { $name }
pane-conference-guest = Conférence : vous participez en tant qu’invité
pane-interrupted-queue-deleted = Un administrateur a supprimé la file d’attente de cette conversation. Plus rien ne peut être envoyé ni transféré ; terminez la conversation.
pane-interrupted-whatsapp-number-removed = Un administrateur a mis hors service le numéro WhatsApp Business de cette conversation. Plus rien ne peut être envoyé ni transféré ; terminez la conversation.
pane-interrupted-messenger-page-removed = Un administrateur a mis hors service la page Facebook de cette conversation. Plus rien ne peut être envoyé ni transféré ; terminez la conversation.
pane-interrupted-livechat-entry-point-removed = Un administrateur a mis hors service le point d’entrée Livechat de cette conversation. Plus rien ne peut être envoyé ni transféré ; terminez la conversation.
pane-customer-typing = Le client écrit…
system-transferred = { $name } a transféré la conversation.
system-agent-left = { $name } a quitté la conversation.
offer-heading-transfer = Demande de transfert
offer-heading-conference = Invitation à une conférence
offer-from-transfer = Transfert de { $name }
offer-from-conference = Invitation à une conférence de la part de { $name }
handoff-transfer-heading = Demande de transfert
handoff-transfer-intro = Choisissez un collègue ou une file d’attente. La conversation quitte votre poste, puis vient la clôture.
handoff-conference-heading = Conférence
handoff-conference-intro = Invitez dans la conversation un collègue, ou le prochain agent disponible d’une file d’attente.
handoff-kind = Choisir parmi
handoff-agents = Agents
handoff-queues = Files d’attente
handoff-search =
    .placeholder = Rechercher par nom
    .aria-label = Rechercher par nom
handoff-refresh = Actualiser
    .title = Afficher la disponibilité actuelle
handoff-none = Aucun résultat pour votre recherche.
handoff-empty = Personne à choisir pour le moment.
handoff-agent-load =
    { $capacity ->
        [one] { $count } sur { $capacity } conversation
       *[other] { $count } sur { $capacity } conversations
    }
handoff-queue-waiting =
    { $count ->
        [0] personne en attente
        [one] { $count } en attente
       *[other] { $count } en attente
    }
handoff-queue-available =
    { $count ->
        [0] aucun agent disponible
        [one] { $count } agent disponible
       *[other] { $count } agents disponibles
    }
handoff-cancel = Annuler
handoff-transfer = Transférer
handoff-invite = Inviter
help-transfer = Transférer la conversation
help-conference = Inviter un collègue (conférence)
notification-transfer-title = Transfert de { $name }
notification-conference-title = Invitation à une conférence de la part de { $name }
error-agent-unavailable = Cet agent n’a plus de place libre (ou plus personne n’est disponible dans cette file d’attente). Actualisez la liste et choisissez à nouveau.
error-conversation-interrupted = Un administrateur a interrompu cette conversation : elle ne peut plus qu’être terminée.
error-entry-point-closed = Un administrateur a mis ce point d’entrée Livechat hors service : aucune nouvelle conversation ne peut y commencer.
error-forbidden = Seul un administrateur peut faire cela.
error-disposition-required = Cette file d’attente exige un motif de clôture : choisissez-en un pour valider la clôture.
error-customer-required = Choisissez le client sur la fiche duquel enregistrer le journal de conversation.

## Queues, readiness and FAQ
ready-to-work = Prêt à travailler
    .title = Passer au statut Disponible et commencer à recevoir des conversations
topbar-my-queues = Mes files d’attente assignées
queues-heading = Mes files d’attente assignées
queues-intro = Choisissez les files d’attente dont vous vous occupez. Seules les files activées vous proposent des conversations.
queues-read-only = Votre administrateur gère vos files d’attente : chaque file listée ici vous propose des conversations.
queues-none-enabled = Toutes vos files d’attente sont désactivées : aucune conversation ne peut vous parvenir. Activez au moins une file et confirmez pour commencer à travailler.
queues-empty = Aucune file d’attente ne vous est encore assignée. Demandez à votre administrateur.
queues-list =
    .aria-label = Files d’attente assignées
queues-confirm = Confirmer
queues-cancel = Annuler
queues-close = Fermer
offer-reject-not-allowed = Rejeter
    .title = Votre administrateur ne vous a pas autorisé à rejeter les demandes de contact.
faq-button = FAQ
    .title = Insérer une réponse de la FAQ (ou taper / suivi de quelques lettres)
faq-search =
    .placeholder = Rechercher des réponses
    .aria-label = Rechercher dans la FAQ
faq-list =
    .aria-label = Réponses de la FAQ
faq-none = Aucune réponse ne correspond.
faq-hint = ↑ ↓ choisir · Entrée insère · Échap ferme
help-faq = Réponses de la FAQ : tapez / suivi de quelques lettres dans la fenêtre de conversation

## Accessibility

announce-offer = Nouvelle demande de contact de { $name }, { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }, file { $queue }. Alt+A accepte.
announce-offer-transfer = Demande de transfert de { $from } : la conversation avec { $name }. Alt+A accepte.
announce-offer-conference = Invitation à une conférence de { $from } : la conversation avec { $name }. Alt+A accepte.
announce-messages =
    { $count ->
        [one] Nouveau message de { $name }, conversation { $position } sur { $total }
       *[other] { $count } nouveaux messages de { $name }, conversation { $position } sur { $total }
    }
announce-message = { $name } : { $text }
announce-typing = { $name } écrit
announce-interrupted-queue-deleted = La conversation avec { $name } a été interrompue : sa file d’attente a été supprimée. Terminez-la.
announce-interrupted-whatsapp-number-removed = La conversation avec { $name } a été interrompue : son numéro WhatsApp Business a été mis hors service. Terminez-la.
announce-interrupted-messenger-page-removed = La conversation avec { $name } a été interrompue : sa page Facebook a été mise hors service. Terminez-la.
announce-interrupted-livechat-entry-point-removed = La conversation avec { $name } a été interrompue : son point d’entrée Livechat a été mis hors service. Terminez-la.
masked-value =
    .aria-label = masqué, se termine par { $last }
masked-email =
    .aria-label = e-mail masqué, { $first }… chez { $domain }
help-tab = Passer d’une commande à l’autre ; dans une boîte de dialogue, le focus y reste
help-escape = Fermer une boîte de dialogue, un menu ou la liste de la FAQ
help-zoom = Agrandir, réduire, revenir à 100 %
presence-button-prefix = Statut :
chatlog-transcript-list =
    .aria-label = Transcription
drafts-button-suffix = brouillons
drafts-count-title =
    .title = Brouillons de journaux : { $count }

## Security

error-not-your-case = Ce journal de discussion appartient à la conversation d’un autre agent.
record-claimed = Indiqué par le client dans le formulaire avant la discussion, non confirmé. Vérifiez son identité avant d’utiliser cette fiche : l’historique reste masqué jusqu’à votre confirmation.
record-confirm = Confirmer le client
error-rate-limited = Trop de tentatives. Patientez un instant, puis réessayez.
system-expired = Personne n’a pu répondre à temps : la conversation a pris fin.
error-insecure-hub-url = Un serveur sur un autre ordinateur exige une adresse https:// afin que les mots de passe et les conversations soient chiffrés.

system-transfer-not-accepted =
    { $reason ->
        [rejected] { $name } a refusé le transfert. La conversation est de retour dans sa file d’attente.
       *[timedOut] { $name } n’a pas accepté le transfert à temps. La conversation est de retour dans sa file d’attente.
    }
transfer-notice =
    { $reason ->
        [rejected] { $name } a refusé votre transfert. La conversation est de retour dans sa file d’attente.
       *[timedOut] { $name } n’a pas accepté votre transfert à temps. La conversation est de retour dans sa file d’attente.
    }
notice-dismiss = Fermer
notices-region =
    .aria-label = Avis
wrapup-intro-handed-on = Vous avez transféré cette conversation : choisissez un motif pour votre part. Son journal de conversation sera rédigé à la fin de la conversation.

## Record preview, wrap-up timer and the one-step wrap-up

offer-preview-record = Aperçu de la fiche
offer-record-none = Aucune fiche client ne correspond à ce contact.
offer-record-claimed = Indiquée par le client, pas encore confirmée. Acceptez la demande puis confirmez la fiche pour voir l’historique.
task-wrapup-timer = Clôture { $time }
wrapup-timer = Clôture { $time }
wrapup-submit = Valider la clôture
