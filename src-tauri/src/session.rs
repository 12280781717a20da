//! A signed-in session: the hub client with the agent's token, the desk-core mirror, and the
//! task that follows the hub's event stream.
//!
//! The stream is resumed with `Last-Event-ID` after every drop (hub restart, network loss),
//! so no event is missed and none applied twice; the UI hears `hub://connection` when the
//! link is lost and when it is back, and the outbox ([`crate::outbox`]) hears it too: what
//! the agent sent meanwhile goes out then. Each change the desk takes in goes to the
//! webview, to the tray (`crate::tray`) and to the notifications (`crate::attention`).

use std::sync::Arc;
use std::time::Duration;

use desk_core::desk::Desk;
use desk_core::faq::FaqBook;
use desk_core::view::{DeskChange, OfferView};
use desk_core::LocalMillis;
use futures_util::StreamExt;
use hub_protocol::{AgentEvent, AgentEventBody, ErrorCode, HubSettings, LoginResponse, Reason};
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{watch, Mutex, OnceCell};

use crate::attention::Attention;
use crate::error::DeskError;
use crate::escalation::SessionLink;
use crate::events::{self, Connection};
use crate::hub_client::HubClient;
use crate::outbox::Outgoing;
use crate::tray::Tray;

const FIRST_RETRY: Duration = Duration::from_millis(250);
const LONGEST_RETRY: Duration = Duration::from_secs(3);

pub struct Session {
    pub client: HubClient,
    pub desk: Arc<Mutex<Desk>>,
    pub settings: HubSettings,
    pub idle_codes: Vec<Reason>,
    pub wrapup_reasons: Vec<Reason>,
    /// The FAQ, fetched from the hub the first time the agent opens it in this session.
    pub faq: Arc<OnceCell<FaqBook>>,
    /// The agent's messages on their way to the hub.
    pub outgoing: Arc<Outgoing>,
    follower: JoinHandle<()>,
    sender: JoinHandle<()>,
}

impl Session {
    /// Starts following the hub for a fresh sign-in.
    pub fn start<R: Runtime>(
        app: &AppHandle<R>,
        client: HubClient,
        login: LoginResponse,
        idle_codes: Vec<Reason>,
        wrapup_reasons: Vec<Reason>,
    ) -> Self {
        let desk = Desk::new(
            login.agent,
            login.settings.mask_sensitive_data,
            login.state,
            login.now,
            now(),
        );
        let desk = Arc::new(Mutex::new(desk));
        let outgoing = Arc::new(Outgoing::new(client.clone(), Arc::clone(&desk)));
        let follower = tauri::async_runtime::spawn(follow(
            app.clone(),
            client.clone(),
            Arc::clone(&desk),
            Arc::clone(&outgoing),
        ));
        let sender = tauri::async_runtime::spawn(Arc::clone(&outgoing).run(app.clone()));
        Self {
            client,
            desk,
            settings: login.settings,
            idle_codes,
            wrapup_reasons,
            faq: Arc::new(OnceCell::new()),
            outgoing,
            follower,
            sender,
        }
    }

    /// Stops following the hub and sending (sign-out or sign-in elsewhere).
    pub fn stop(&self) {
        self.follower.abort();
        self.sender.abort();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Local wall-clock milliseconds.
pub fn now() -> LocalMillis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

async fn follow<R: Runtime>(
    app: AppHandle<R>,
    client: HubClient,
    desk: Arc<Mutex<Desk>>,
    outgoing: Arc<Outgoing>,
) {
    // Held for as long as this session is followed: when the follower stops (sign-out, a new
    // sign-in, the hub ending the session), its requests stop escalating.
    let (_following, alive) = watch::channel(());
    let link = SessionLink { client: client.clone(), alive };
    let mut retry = FIRST_RETRY;
    let mut lost = false;
    loop {
        let last_event_id = desk.lock().await.last_event_id();
        match client.events(last_event_id).await {
            Ok(stream) => {
                retry = FIRST_RETRY;
                if lost {
                    lost = false;
                    events::connection(&app, Connection::Connected);
                    outgoing.link(true);
                }
                let mut stream = std::pin::pin!(stream);
                while let Some(item) = stream.next().await {
                    match item {
                        Ok(event) => apply(&app, &desk, &link, &outgoing, event).await,
                        Err(error) => {
                            tracing::info!(%error, "event stream interrupted");
                            break;
                        }
                    }
                }
            }
            Err(DeskError::Hub(error)) if error.code == ErrorCode::Unauthorized => {
                tracing::info!("the hub ended this session");
                app.state::<Tray>().signed_out();
                events::session_ended(&app);
                return;
            }
            Err(error) => tracing::info!(%error, "event stream not available"),
        }
        if !lost {
            lost = true;
            outgoing.link(false);
            events::connection(&app, Connection::Reconnecting);
        }
        tokio::time::sleep(retry).await;
        retry = (retry * 2).min(LONGEST_RETRY);
    }
}

async fn apply<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Mutex<Desk>,
    link: &SessionLink,
    outgoing: &Outgoing,
    event: AgentEvent,
) {
    let (changes, new_offers, still_waiting) = {
        let mut desk = desk.lock().await;
        let known_offers = desk.offer_ids();
        let sent_by_us = match &event.body {
            AgentEventBody::MessageAdded { message } => message.client_id.clone(),
            _ => None,
        };
        let changes = desk.ingest(event, now());
        // Under the desk's lock: the thread finds the message in the desk or in the outbox.
        if let Some(client_id) = sent_by_us {
            outgoing.on_stream(&client_id);
        }
        for change in &changes {
            outgoing.desk_changed(change);
        }
        // Only a request the desk did not know yet is announced; a message added to a
        // pending request updates its popover quietly.
        let new_offers: Vec<OfferView> = changes
            .iter()
            .flat_map(|change| match change {
                DeskChange::Offered(offer) => std::slice::from_ref(offer),
                DeskChange::Reset(view) => view.offers.as_slice(),
                _ => &[],
            })
            .filter(|offer| !known_offers.contains(&offer.conversation_id))
            .cloned()
            .collect();
        (changes, new_offers, desk.offer_ids())
    };
    for change in &changes {
        events::desk_change(app, change);
    }
    app.state::<Tray>().changes(&changes);
    let attention = app.state::<Attention>();
    attention.changes(app, &changes);
    attention.offers(app, &new_offers, &still_waiting, link);
}
