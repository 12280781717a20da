# Livechat widget (the customer's chat page served by the contact hub at /chat). Finnish (fi).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = Keskustele kanssamme
widget-heading = Keskustele kanssamme
widget-intro = Kerro nimesi ja kysymyksesi, niin tiimimme seuraava vapaa jäsen vastaa sinulle tässä.
widget-name-label = Nimesi
widget-email-label = Sähköposti (valinnainen)
widget-phone-label = Puhelinnumero (valinnainen)
widget-account-label = Asiakasnumero (valinnainen)
widget-case-number-label = Tapausnumero (valinnainen)
widget-message-label = Miten voimme auttaa?
widget-start-button = Aloita keskustelu
widget-privacy-note = Älä kerro korttinumeroita tai salasanoja keskustelussa.

widget-thread-label = Keskustelu
widget-compose-label = Viestisi
widget-send-button = Lähetä
widget-end-button = Lopeta keskustelu
widget-new-chat-button = Aloita uusi keskustelu

widget-you = Sinä
widget-waiting = Kiitos! Olet jonossa, ja palvelemme sinua pian.
# $name: the agent's display name.
widget-agent-joined = { $name } liittyi keskusteluun
widget-ended-by-agent = Asiakaspalvelija lopetti keskustelun.
widget-ended-by-customer = Lopetit keskustelun.
widget-ended = Keskustelu on päättynyt. Kiitos yhteydenotostasi.
widget-reconnecting = Yhteys katkesi. Yhdistetään uudelleen…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = Sinut siirretään toiselle asiakaspalvelijalle. Pysythän keskustelussa.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = { $name } poistui keskustelusta
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } kirjoittaa…

widget-error-message-empty = Kirjoita ensin viesti.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long =
    { $limit ->
        [one] Viesti on liian pitkä: enintään { $limit } merkki.
       *[other] Viesti on liian pitkä: enintään { $limit } merkkiä.
    }
widget-error-conversation-ended = Tämä keskustelu on jo päättynyt.
widget-error-invalid-request = Tarkista lomake ja yritä uudelleen.
widget-error-unauthorized = Tämä keskusteluistunto ei ole enää voimassa. Aloita uusi keskustelu.
widget-error-generic = Jokin meni vikaan. Yritä uudelleen.

# The language switch; each language is named in itself.
widget-language-label = Kieli
widget-language-name = Suomi

## Security

widget-error-rate-limited = Lähetät liian nopeasti, tai meillä on juuri nyt hyvin kiireistä. Odota hetki ja yritä uudelleen.
widget-error-entry-point-closed = Valitettavasti tämä keskustelu ei ole enää käytettävissä täällä. Ota meihin yhteyttä muulla tavalla.
widget-expired = Pahoittelemme: kukaan ei ehtinyt vastata keskusteluusi ajoissa. Yritä myöhemmin uudelleen.
