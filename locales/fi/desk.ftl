# Agent Desk, the agent's window. Finnish (fi). Source: ../en-US/desk.ftl.
# Product terms follow ../shared/glossary.md.

app-title = Agent Desk

## Sign-in

signin-heading = Kirjaudu sisään
signin-intro = Aloita työvuorosi kirjautumalla sisään.
signin-hub-legend = Yhteyspalvelin
signin-hub-embedded = Tällä tietokoneella (esittelypalvelin)
signin-hub-remote = Tiimin palvelin (anna osoite)
signin-hub-url = Palvelimen osoite
    .placeholder = https://hub.example.com
signin-username = Käyttäjätunnus
signin-password = Salasana
    .placeholder = Jätä tyhjäksi, niin tallennettua salasanaa käytetään
signin-remember = Muista minut tällä tietokoneella
signin-submit = Kirjaudu sisään
signin-busy = Kirjaudutaan…
signin-demo-hint = Esittelytilit tällä tietokoneella: anna, aino, jonas, giulia, layla, camille, emilie. Salasana: demo.
signin-language = Kieli
signin-widget-hint = Asiakkaan keskustelusivu testausta varten: { $url }

## Top bar and presence

topbar-agent =
    .aria-label = Kirjautuneena: { $name }
presence-menu =
    .aria-label = Tila: { $state }. Aikaa tilassa { $time }.
presence-menu-heading = Valitse tilasi
presence-available = Käytettävissä
presence-rona = RONA
presence-rona-hint = Yhteystietopyyntöön ei vastattu. Valitse Käytettävissä, niin saat taas pyyntöjä.
presence-working-offline = Työskentely offline-tilassa
presence-logged-out = Kirjautunut ulos
presence-idle-heading = Ei valmiina
topbar-language =
    .aria-label = Kieli
    .title = Kieli
topbar-help = Pikanäppäimet
    .aria-label = Pikanäppäimet
topbar-sign-out = Kirjaudu ulos
topbar-settings = Asetukset

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

tasks-heading = Tehtäväruutu
tasks-list =
    .aria-label = Keskustelut
tasks-empty = Ei vielä keskusteluja. Valitse Käytettävissä, niin saat yhteystietopyyntöjä.
task-unread =
    { $count ->
        [one] { $count } lukematon viesti
       *[other] { $count } lukematonta viestiä
    }
task-waiting =
    .title = Aika asiakkaan vanhimmasta vastaamattomasta viestistä
task-wrapup = Päättäminen odottaa

## Contact request popover

offer-heading = Yhteystietopyyntö
offer-region =
    .aria-label = Yhteystietopyynnöt
offers-waiting =
    { $count ->
        [0] Ei odottavia yhteystietopyyntöjä
        [one] { $count } yhteystietopyyntö odottaa
       *[other] { $count } yhteystietopyyntöä odottaa
    }
offer-queue = Jono
offer-agent = Edustaja
offer-date = Päivämäärä
offer-source = Lähde
offer-timer =
    .aria-label = Aika pyynnön saapumisesta
    .title = Aika pyynnön saapumisesta
offer-accept = Hyväksy
offer-reject = Hylkää
offer-thread =
    .aria-label = Viestit tähän mennessä

## Interaction pane

pane-empty = Valitse keskustelu tehtäväruudusta tai hyväksy yhteystietopyyntö.
pane-region =
    .aria-label = Vuorovaikutusruutu
pane-end = Lopeta
    .title = Lopeta keskustelu (Alt+E)
pane-wrapup = Päätä
pane-messages =
    .aria-label = Viestit – { $customer }
pane-ended = Tämä keskustelu on päättynyt. Sulje se valitsemalla päättämissyy.
compose-box =
    .placeholder = Vastaa: { $customer }. Enter lähettää, Shift+Enter lisää rivin.
    .aria-label = Kirjoitusruutu
compose-send = Lähetä
    .aria-label = Lähetä
compose-counter-label =
    .aria-label = Merkkejä käytetty { $count }/{ $max }
system-agent-joined = { $name } liittyi keskusteluun.
system-ended-by-agent = Edustaja lopetti keskustelun.
system-ended-by-customer = Asiakas lopetti keskustelun.
message-sending = Lähetetään…

## Customer panel

context-heading = Asiakas
context-toggle =
    .aria-label = Näytä tai piilota asiakastiedot
    .title = Asiakastiedot
context-name = Nimi
context-email = Sähköposti
context-phone = Puhelin
context-source = Lähde
context-queue = Jono
context-channel = Kanava
context-started = Aloitettu

## Customer record and chat log

context-chat-window = Keskusteluikkuna
context-ip = IP-osoite
context-account = Asiakasnumero
context-case-number = Tapausnumero
task-ended-at = Päättyi klo { $time }
    .title = Milloin keskustelu päättyi
record-heading = Asiakastietue
record-loading = Ladataan asiakastietuetta…
record-matched-case-number = Löytyi tapausnumerolla
record-matched-account = Löytyi asiakasnumerolla
record-matched-email = Löytyi sähköpostiosoitteella
record-matched-phone = Löytyi puhelinnumerolla
record-matched-agent = Tallennettu tämän keskustelun aikana
record-history-heading = Historia
record-history-empty = Tietueella ei ole vielä keskustelulokeja.
record-case-current = tapaus, johon asiakas viittasi
record-new-intro = Uusi asiakas: tarkista keskustelun antamat tiedot ja tallenna tietue.
record-name = Nimi
record-email = Sähköposti
record-phone = Puhelin
record-account = Asiakasnumero
record-notes = Muistiinpanot
record-from-chat = Keskustelusta:
record-save = Tallenna tietue
drafts-button = Keskustelulokit
drafts-count-label =
    .title = Keskustelulokien luonnokset: { $count }
    .aria-label = Keskustelulokit, luonnoksia: { $count }
drafts-heading = Keskustelulokien luonnokset
drafts-intro = Luonnoksina tallentamasi keskustelulokit. Valitse yksi viimeisteltäväksi.
drafts-empty = Ei luonnoksia.
drafts-close = Sulje
chatlog-heading = Keskusteluloki
chatlog-loading = Ladataan keskustelulokia…
chatlog-customer = Asiakas
chatlog-customer-author = Asiakas
chatlog-no-customer = Asiakasta ei ole valittu
chatlog-number = Tapausnumero
chatlog-subject = Aihe
chatlog-notes = Muistiinpanot
chatlog-search =
    .placeholder = Hae nimellä, sähköpostilla, asiakasnumerolla tai puhelimella
    .aria-label = Hae asiakkaita
chatlog-no-customers = Hakuasi vastaavaa asiakasta ei löytynyt.
chatlog-transcript = Keskustelun sisältö
chatlog-edit = Muokkaa
chatlog-save-draft = Tallenna luonnoksena
chatlog-save = Tallenna
chatlog-saved = Tallennettu asiakkaan tietueelle.
chatlog-draft-saved = Tallennettu luonnoksena.
chatlog-draft-badge = Luonnos
chatlog-close = Sulje
wrapup-intro-required = Päättämissyy vaaditaan: valitse, miksi keskustelu päättyi.
wrapup-intro-optional = Päättämissyy on tässä jonossa vapaaehtoinen: valitse sellainen, jos siitä on apua.
wrapup-continue = Jatka
wrapup-back = Takaisin
wrapup-finish = Valmis

## Wrap-up

wrapup-heading = Päättämissyyt
wrapup-search =
    .placeholder = Hae syitä
    .aria-label = Hae syitä
wrapup-none = Hakuasi vastaavaa syytä ei löytynyt.
wrapup-later = Myöhemmin

## Connection

connection-lost = Yhteys palvelimeen katkesi. Yhdistetään uudelleen…
connection-restored = Yhteys palvelimeen on palautunut.

## Desktop notification (built in Rust)

notification-offer-title = Yhteystietopyyntö: { $queue }
notification-offer-body = { $customer } ({ $channel }): { $message }
notification-offer-open = Avaa
notification-offer-accept = Hyväksy
notification-offer-show = Näytä
notification-message-title =
    { $count ->
        [one] Uusi viesti asiakkaalta { $customer }
       *[other] { $count } uutta viestiä asiakkaalta { $customer }
    }

## Keyboard shortcuts

help-heading = Pikanäppäimet
help-intro = Pikanäppäimet toimivat, kun kirjoitusruutu ei ole aktiivinen.
help-accept = Hyväksy vanhin yhteystietopyyntö
help-next = Seuraava keskustelu
help-end = Lopeta keskustelu
help-focus-compose = Siirry kirjoitusruutuun
help-send = Lähetä viesti (kirjoitusruudussa)
help-newline = Uusi rivi (kirjoitusruudussa)
help-help = Näytä tai piilota tämä ohje
help-close = Sulje

settings-heading = Asetukset
settings-intro = Nämä asetukset tallennetaan tälle tietokoneelle.
settings-window = Ikkuna
settings-close-to-tray = Pidä Agent Desk käynnissä ilmoitusalueella, kun suljen ikkunan
settings-start-at-login = Käynnistä Agent Desk, kun kirjaudun tietokoneelle
settings-requests = Yhteydenottopyynnöt
settings-sounds = Soita äänimerkki
settings-repeat-alert = Toista ilmoitus
settings-repeat-never = Ei koskaan
settings-repeat-every = { $seconds } sekunnin välein
settings-urgent-near-timeout = Merkitse ilmoitus kiireelliseksi, kun hyväksymisaika on loppumassa
settings-ask-for-attention = Vilkuta tehtäväpalkissa, kun pyyntö odottaa
settings-chats = Keskustelut
settings-away = Poissa
settings-away-on-lock = Vaihda tilani, kun näyttö lukittuu tai tietokone siirtyy lepotilaan
settings-lock-idle-code = Vaihda tilaan
away-sleep-inhibitor = Tilasi vaihdetaan ennen lepotilaa
settings-message-notifications = Ilmoita uusista viesteistä keskusteluissa, jotka eivät ole auki
settings-close = Sulje

## The tray icon's menu

tray-show = Näytä Agent Desk
tray-quit = Lopeta Agent Desk

## Errors, one per code the hub or the desk can answer

error-unauthorized = Istuntosi on päättynyt. Kirjaudu uudelleen sisään.
error-invalid-credentials = Käyttäjätunnus tai salasana on virheellinen.
error-invalid-request = Palvelin ei pystynyt lukemaan pyyntöä.
error-not-found = Kohdetta ei ole enää olemassa.
error-message-too-long = Viesti on pidempi kuin tämä kanava sallii.
error-message-empty = Kirjoita ensin viesti.
error-reserved-characters = Merkit < ja > on varattu mallipohjien parametreille, eikä niitä voi lähettää.
error-offer-expired = Tämä yhteystietopyyntö ei ole enää saatavilla.
error-reject-not-allowed = Järjestelmänvalvoja ei salli yhteystietopyyntöjen hylkäämistä.
error-invalid-state = Se ei ole mahdollista keskustelun nykyisessä tilassa.
error-not-your-conversation = Tämä keskustelu kuuluu toiselle edustajalle.
error-invalid-agent-state = Tätä tilaa ei voi valita.
error-conversation-ended = Keskustelu on päättynyt.
error-internal = Palvelimella tapahtui virhe. Yritä hetken kuluttua uudelleen.
error-hub-unreachable = Palvelimeen ei saada yhteyttä. Viestisi on tallessa; yritä uudelleen, kun yhteys palaa.
error-hub-url = Palvelimen osoite ei kelpaa.
error-keyring = Järjestelmän avainnippua ei voitu käyttää, joten salasanaa ei tallennettu.
error-no-saved-password = Tälle käyttäjälle ei ole tallennettu salasanaa. Kirjoita salasana.
error-not-signed-in = Kirjaudu ensin sisään.
error-embedded-hub = Tämän tietokoneen palvelinta ei voitu käynnistää.

## Masking, history and CAD variables

masking-on = Asiakkaan arkaluonteiset tiedot peitetty
    .title = Korttinumerot, IBAN-tilinumerot, henkilötunnukset, sähköpostiosoitteet ja puhelinnumerot on peitetty.
compose-send-anyway = Lähetä silti
error-payment-data-unconfirmed = Viestissä on korttinumero tai IBAN-tilinumero. Asiakkaalle ei pidä lähettää maksutietoja keskustelussa.
history-heading = Historia
context-cad-heading = CAD-muuttujat
context-origin-inbound = Yhteystiedon alkuperä – Saapuva

## WhatsApp and Messenger

customer-unnamed-messenger = Messenger-asiakas
customer-unnamed-whatsapp = WhatsApp-asiakas
customer-unnamed-livechat = Verkkoasiakas
offer-customer-phone = Asiakkaan puhelin
offer-account-whatsapp = Yrityksen numero
offer-account-messenger = Facebook-sivu
task-reply-window = Vastausaika
reply-window-open = Vastausaikaa jäljellä { $time }
reply-window-human-agent = Vastaukset lähtevät nyt Human agent -tunnisteella; aikaa jäljellä { $time }
reply-window-closed-whatsapp = WhatsAppin 24 tunnin vastausaika on päättynyt. Asiakkaan on kirjoitettava uudelleen, ennen kuin voit vastata.
reply-window-closed-messenger = Messengerin vastausaika on päättynyt (7 päivää Human agent -tunnisteella). Asiakkaan on kirjoitettava uudelleen, ennen kuin voit vastata.
system-unsupported-content =
    Asiakas lähetti { $content ->
        [image] kuvan
        [video] videon
        [audio] ääniviestin
        [document] asiakirjan
        [sticker] tarran
        [location] sijainnin
        [reaction] reaktion
        [contacts] yhteystiedon
       *[unknown] sisältöä, jota sovellus ei voi näyttää ({ $content })
    }. Avaa se tarvittaessa palvelun omassa sovelluksessa.
delivery-sending = Lähetetään…
delivery-sent = Lähetetty
delivery-delivered = Toimitettu
delivery-read = Luettu
delivery-failed = Ei lähetetty:
delivery-retry = Yritä uudelleen
outbox-waiting = Odotetaan yhteyttä…
error-invalid-signature = Webhookin allekirjoitus puuttuu tai on väärä.
error-messaging-window-closed = Vastausaika on päättynyt: asiakkaan on ensin kirjoitettava uudelleen.
error-channel-rate-limited = Palveluun tulee liikaa viestejä. Odota hetki ja yritä uudelleen.
error-channel-auth-failed = Palvelu hylkäsi palvelimen käyttöoikeustunnuksen tälle kanavalle. Pyydä järjestelmänvalvojaa uusimaan se.
error-channel-rejected = Palvelu hylkäsi tämän viestin.
error-channel-unreachable = Palveluun ei saada yhteyttä. Yritä hetken päästä uudelleen.

## Transfer, conference and several chats at once

tasks-sort = Järjestys
    .aria-label = Keskustelujen järjestys
tasks-sort-accepted = Hyväksymisjärjestys
tasks-sort-waiting = Pisimpään odottanut ensin
task-typing = kirjoittaa…
task-conference = Neuvottelu
task-guest = Vieraana neuvottelussa
pane-controls =
    .aria-label = Keskustelun toiminnot
pane-transfer = Siirrä
    .title = Siirrä keskustelu kollegalle tai jonoon (Alt+T)
pane-conference = Neuvottelu
    .title = Kutsu kollega keskusteluun (Alt+K)
pane-end-conference = Lopeta neuvottelu
    .title = Lopeta neuvottelu ja keskustelu (Alt+E)
pane-remove-guest = Poista { $name }
    .title = Poista { $name } neuvottelusta
pane-cancel-conference = Peru kutsu
    .title = Peru käyttäjälle { $name } lähetetty neuvottelukutsu
pane-exit-conference = Poistu neuvottelusta
    .title = Poistu neuvottelusta; keskustelu jää edustajalleen
pane-conference-requested = Pyydetty neuvottelu: { $name }
pane-conference-joined = Neuvottelu: { $name }
pane-conference-guest = Neuvottelu: olet mukana vieraana
pane-interrupted-queue-deleted = Järjestelmänvalvoja poisti tämän keskustelun jonon. Mitään ei voi enää lähettää eikä siirtää; lopeta keskustelu.
pane-interrupted-whatsapp-number-removed = Järjestelmänvalvoja poisti käytöstä tämän keskustelun WhatsApp-yritysnumeron. Mitään ei voi enää lähettää eikä siirtää; lopeta keskustelu.
pane-interrupted-messenger-page-removed = Järjestelmänvalvoja poisti käytöstä tämän keskustelun Facebook-sivun. Mitään ei voi enää lähettää eikä siirtää; lopeta keskustelu.
pane-interrupted-livechat-entry-point-removed = Järjestelmänvalvoja poisti käytöstä tämän keskustelun Livechat-aloituspisteen. Mitään ei voi enää lähettää eikä siirtää; lopeta keskustelu.
pane-customer-typing = Asiakas kirjoittaa…
system-transferred = { $name } siirsi keskustelun.
system-agent-left = { $name } poistui keskustelusta.
offer-heading-transfer = Siirtopyyntö
offer-heading-conference = Neuvottelukutsu
offer-from-transfer = Siirto edustajalta { $name }
offer-from-conference = Neuvottelukutsu edustajalta { $name }
handoff-transfer-heading = Siirtopyyntö
handoff-transfer-intro = Valitse kollega tai jono. Keskustelu poistuu tehtäväruudustasi, ja sen jälkeen vuorossa on päättäminen.
handoff-conference-heading = Neuvottelu
handoff-conference-intro = Kutsu keskusteluun kollega tai jonon seuraava vapaa edustaja.
handoff-kind = Valitse
handoff-agents = Edustajat
handoff-queues = Jonot
handoff-search =
    .placeholder = Hae nimellä
    .aria-label = Hae nimellä
handoff-refresh = Päivitä
    .title = Näytä tämänhetkinen saatavuus
handoff-none = Haullasi ei löytynyt mitään.
handoff-empty = Juuri nyt ei ole ketään valittavissa.
handoff-agent-load = Keskusteluja { $count }/{ $capacity }
handoff-queue-waiting =
    { $count ->
        [0] ei odottajia
        [one] { $count } odottaa
       *[other] { $count } odottaa
    }
handoff-queue-available =
    { $count ->
        [0] ei vapaita edustajia
        [one] { $count } edustaja käytettävissä
       *[other] { $count } edustajaa käytettävissä
    }
handoff-cancel = Peruuta
handoff-transfer = Siirrä
handoff-invite = Kutsu
help-transfer = Siirrä keskustelu
help-conference = Kutsu kollega (neuvottelu)
notification-transfer-title = Siirto edustajalta { $name }
notification-conference-title = Neuvottelukutsu edustajalta { $name }
error-agent-unavailable = Edustajalla ei ole enää vapaata keskustelupaikkaa (tai jonossa ei ole ketään vapaana). Päivitä luettelo ja valitse uudelleen.
error-conversation-interrupted = Järjestelmänvalvoja keskeytti keskustelun: sen voi vain lopettaa.
error-entry-point-closed = Järjestelmänvalvoja poisti tämän Livechat-aloituspisteen käytöstä: siinä ei voi aloittaa uutta keskustelua.
error-forbidden = Vain järjestelmänvalvoja voi tehdä sen.
error-disposition-required = Tämä jono vaatii päättämissyyn: valitse syy, niin voit päättää keskustelun.
error-customer-required = Valitse asiakas, jonka tietoihin keskusteluloki tallennetaan.

## Queues, readiness and FAQ
ready-to-work = Valmis työhön
    .title = Aseta tilaksi Käytettävissä ja ala vastaanottaa keskusteluja
topbar-my-queues = Omat jonot
queues-heading = Minulle määritetyt jonot
queues-intro = Valitse jonot, joita palvelet. Vain käytössä olevat jonot tarjoavat sinulle keskusteluja.
queues-read-only = Järjestelmänvalvoja hallitsee jonojasi: jokainen tässä lueteltu jono tarjoaa sinulle keskusteluja.
queues-none-enabled = Kaikki jonosi ovat poissa käytöstä, joten mikään keskustelu ei tavoita sinua. Ota vähintään yksi jono käyttöön ja vahvista aloittaaksesi työn.
queues-empty = Sinua ei ole vielä liitetty yhteenkään jonoon. Kysy järjestelmänvalvojalta.
queues-list =
    .aria-label = Määritetyt jonot
queues-confirm = Vahvista
queues-cancel = Peruuta
queues-close = Sulje
offer-reject-not-allowed = Hylkää
    .title = Järjestelmänvalvoja ei ole sallinut yhteystietopyyntöjen hylkäämistä.
faq-button = UKK
    .title = Lisää vastaus usein kysytyistä (tai kirjoita / ja muutama kirjain)
faq-search =
    .placeholder = Hae vastauksia
    .aria-label = Hae UKK-vastauksia
faq-list =
    .aria-label = UKK-vastaukset
faq-none = Yksikään vastaus ei täsmää.
faq-hint = ↑ ↓ valitse · Enter lisää · Esc sulkee
help-faq = UKK-vastaukset: kirjoita kirjoitusruutuun / ja muutama kirjain

## Accessibility

announce-offer = Uusi yhteystietopyyntö: { $name }, { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }, jono { $queue }. Alt+A hyväksyy.
announce-offer-transfer = Siirtopyyntö käyttäjältä { $from }: keskustelu asiakkaan { $name } kanssa. Alt+A hyväksyy.
announce-offer-conference = Neuvottelukutsu käyttäjältä { $from }: keskustelu asiakkaan { $name } kanssa. Alt+A hyväksyy.
announce-messages =
    { $count ->
        [one] Uusi viesti: { $name }, keskustelu { $position }/{ $total }
       *[other] { $count } uutta viestiä: { $name }, keskustelu { $position }/{ $total }
    }
announce-message = { $name }: { $text }
announce-typing = { $name } kirjoittaa
announce-interrupted-queue-deleted = Keskustelu asiakkaan { $name } kanssa keskeytyi: sen jono poistettiin. Lopeta keskustelu.
announce-interrupted-whatsapp-number-removed = Keskustelu asiakkaan { $name } kanssa keskeytyi: sen WhatsApp-yritysnumero poistettiin käytöstä. Lopeta keskustelu.
announce-interrupted-messenger-page-removed = Keskustelu asiakkaan { $name } kanssa keskeytyi: sen Facebook-sivu poistettiin käytöstä. Lopeta keskustelu.
announce-interrupted-livechat-entry-point-removed = Keskustelu asiakkaan { $name } kanssa keskeytyi: sen Livechat-aloituspiste poistettiin käytöstä. Lopeta keskustelu.
masked-value =
    .aria-label = peitetty, loppuu { $last }
masked-email =
    .aria-label = peitetty sähköposti, { $first }… verkkotunnuksessa { $domain }
help-tab = Siirry säätimestä toiseen; valintaikkunassa kohdistus pysyy ikkunan sisällä
help-escape = Sulje valintaikkuna, valikko tai UKK-luettelo
help-zoom = Suurenna, pienennä, takaisin 100 %:iin
presence-button-prefix = Tila:
chatlog-transcript-list =
    .aria-label = Keskusteluhistoria
drafts-button-suffix = luonnosta
drafts-count-title =
    .title = Keskustelulokien luonnokset: { $count }

## Security

error-not-your-case = Tämä keskusteluloki kuuluu toisen edustajan keskusteluun.
record-claimed = Asiakkaan esitietolomakkeessa ilmoittama, ei vahvistettu. Tarkista henkilöllisyys ennen kuin käytät näitä asiakastietoja: historia näkyy vasta, kun vahvistat.
record-confirm = Vahvista asiakas
error-rate-limited = Liian monta yritystä. Odota hetki ja yritä sitten uudelleen.
system-expired = Kukaan ei ehtinyt vastata ajoissa: keskustelu päättyi.
error-insecure-hub-url = Toisella tietokoneella olevan palvelimen osoitteen on alettava https://, jotta salasanat ja keskustelut salataan.

system-transfer-not-accepted =
    { $reason ->
        [rejected] { $name } hylkäsi siirron. Keskustelu palasi jonoonsa.
       *[timedOut] { $name } ei hyväksynyt siirtoa ajoissa. Keskustelu palasi jonoonsa.
    }
transfer-notice =
    { $reason ->
        [rejected] { $name } hylkäsi siirtosi. Keskustelu palasi jonoonsa.
       *[timedOut] { $name } ei hyväksynyt siirtoasi ajoissa. Keskustelu palasi jonoonsa.
    }
notice-dismiss = Sulje
notices-region =
    .aria-label = Ilmoitukset
wrapup-intro-handed-on = Siirsit tämän keskustelun eteenpäin: valitse syy omalle osuudellesi. Keskusteluloki kirjoitetaan, kun keskustelu päättyy.

## Record preview, wrap-up timer and the one-step wrap-up

offer-preview-record = Esikatsele asiakastietuetta
offer-record-none = Yhteydenotolle ei löytynyt asiakastietuetta.
offer-record-claimed = Asiakkaan ilmoittama, ei vielä vahvistettu. Hyväksy pyyntö ja vahvista tietue, niin näet historian.
task-wrapup-timer = Päättäminen { $time }
wrapup-timer = Päättäminen { $time }
wrapup-submit = Lähetä päättäminen
