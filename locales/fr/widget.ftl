# Livechat widget (the customer's chat page served by the contact hub at /chat). French (fr, France).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Discutez avec nous
widget-heading = Discutez avec nous
widget-intro = Indiquez-nous votre nom et votre question : le prochain membre disponible de notre équipe vous répondra ici même.
widget-name-label = Votre nom
widget-email-label = E-mail (facultatif)
widget-phone-label = Téléphone (facultatif)
widget-account-label = Numéro de compte (facultatif)
widget-case-number-label = Numéro de dossier (facultatif)
widget-message-label = Comment pouvons-nous vous aider ?
widget-start-button = Démarrer la conversation
widget-privacy-note = Merci de ne communiquer ni numéro de carte ni mot de passe dans la conversation.

widget-thread-label = Conversation
widget-compose-label = Votre message
widget-send-button = Envoyer
widget-end-button = Terminer la conversation
widget-new-chat-button = Démarrer une nouvelle conversation

widget-you = Vous
widget-waiting = Merci ! Vous êtes dans la file d’attente ; un conseiller va vous répondre dans quelques instants.
# $name: the agent's display name.
widget-agent-joined = { $name } a rejoint la conversation
widget-ended-by-agent = Le conseiller a mis fin à la conversation.
widget-ended-by-customer = Vous avez mis fin à la conversation.
widget-ended = Cette conversation est terminée. Merci de nous avoir contactés.
widget-reconnecting = Connexion perdue. Reconnexion en cours…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = Nous transférons votre demande à un autre conseiller. Merci de rester dans la conversation.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } a quitté la conversation
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } est en train d’écrire…

widget-error-message-empty = Veuillez d’abord écrire un message.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long =
    { $limit ->
        [one] Ce message est trop long : { $limit } caractère au maximum.
       *[other] Ce message est trop long : { $limit } caractères au maximum.
    }
widget-error-conversation-ended = Cette conversation est déjà terminée.
widget-error-invalid-request = Veuillez vérifier le formulaire et réessayer.
widget-error-unauthorized = Cette session de conversation n’est plus valide. Veuillez démarrer une nouvelle conversation.
widget-error-generic = Une erreur s’est produite. Veuillez réessayer.

# The language switch; each language is named in itself.
widget-language-label = Langue
widget-language-name = Français

## Security

widget-error-rate-limited = Vous envoyez trop vite, ou nous sommes très occupés en ce moment. Veuillez patienter un instant et réessayer.
widget-error-entry-point-closed = Désolés, cette conversation n’est plus disponible ici. Veuillez nous joindre par un autre moyen.
widget-expired = Nous sommes désolés : personne n’a pu répondre à votre discussion à temps. Veuillez réessayer plus tard.
