# Livechat widget (the customer's chat page served by the contact hub at /chat). Canadian French (fr-CA).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Clavardez avec nous
widget-heading = Clavardez avec nous
widget-intro = Indiquez-nous votre nom et votre question : le prochain membre disponible de notre équipe vous répondra directement ici.
widget-name-label = Votre nom
widget-email-label = Courriel (facultatif)
widget-phone-label = Téléphone (facultatif)
widget-account-label = Numéro de compte (facultatif)
widget-case-number-label = Numéro de dossier (facultatif)
widget-message-label = Comment pouvons-nous vous aider?
widget-start-button = Commencer le clavardage
widget-privacy-note = Veuillez ne pas communiquer de numéros de carte ni de mots de passe dans le clavardage.

widget-thread-label = Clavardage
widget-compose-label = Votre message
widget-send-button = Envoyer
widget-end-button = Terminer le clavardage
widget-new-chat-button = Commencer un nouveau clavardage

widget-you = Vous
widget-waiting = Merci! Vous êtes dans la file d’attente; un agent vous répondra sous peu.
# $name: the agent's display name.
widget-agent-joined = { $name } a rejoint le clavardage
widget-ended-by-agent = L’agent a mis fin au clavardage.
widget-ended-by-customer = Vous avez mis fin au clavardage.
widget-ended = Ce clavardage est terminé. Merci de nous avoir contactés.
widget-reconnecting = Connexion perdue. Reconnexion en cours…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = Nous transférons votre demande à un autre agent. Veuillez ne pas quitter le clavardage.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } a quitté le clavardage
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } est en train d’écrire…

widget-error-message-empty = Veuillez d’abord écrire un message.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long =
    { $limit ->
        [one] Ce message est trop long : { $limit } caractère au maximum.
       *[other] Ce message est trop long : { $limit } caractères au maximum.
    }
widget-error-conversation-ended = Ce clavardage est déjà terminé.
widget-error-invalid-request = Veuillez vérifier le formulaire et réessayer.
widget-error-unauthorized = Cette séance de clavardage n’est plus valide. Veuillez commencer un nouveau clavardage.
widget-error-generic = Une erreur s’est produite. Veuillez réessayer.

# The language switch; each language is named in itself.
widget-language-label = Langue
widget-language-name = Français (Canada)

## Security

widget-error-rate-limited = Vous envoyez trop vite, ou nous sommes très occupés en ce moment. Veuillez patienter un instant et réessayer.
widget-error-entry-point-closed = Désolés, ce clavardage n’est plus disponible ici. Veuillez nous joindre par un autre moyen.
widget-expired = Nous sommes désolés : personne n’a pu répondre à votre clavardage à temps. Veuillez réessayer plus tard.
