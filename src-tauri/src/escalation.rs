//! Escalation while a contact request waits: the agent may be in another window, away from
//! the desk for a moment, or have missed the first notification, and a request that times
//! out is a customer left waiting and a missed request on the agent's record.
//!
//! Each step follows the settings dialog's preferences, read again at every showing:
//!
//! - **sound**: each showing names the freedesktop sound theme's `message-new-instant`
//!   (`sound-name`), or asks the server for silence (`suppress-sound`);
//! - **repeat**: the notification is shown again every `repeatAlertSecs` (0: never), in
//!   place of its own earlier showing (`replaces_id`), so reminders never stack;
//! - **critical near the timeout**: for the last third of the time the agent has to accept,
//!   and at most the last [`URGENT_AT_MOST_MS`], the notification is shown again at once
//!   with critical urgency (servers keep critical notifications on screen and let them
//!   through "do not disturb");
//! - **the window asks for attention** (the taskbar; on X11 the window's urgency hint) while
//!   any request waits.
//!
//! One task per waiting request ([`escalate`]) owns its notification: it shows it, shows it
//! again, answers its Accept and Show actions, and closes it (`CloseNotification`) the moment
//! the request stops waiting: accepted (here or from the notification), rejected, withdrawn,
//! timed out, or the session ended. The event follower says which requests still wait after
//! every event ([`Escalation::settle`]); dropping a request's entry ends its task, and so does
//! the end of the session it belongs to (the follower's [`SessionLink`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_core::view::OfferView;
use desk_core::LocalMillis;
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager, Runtime, UserAttentionType};
use tokio::sync::{oneshot, watch};

use crate::events;
use crate::hub_client::{ConversationAction, HubClient};
use crate::language::Language;
use crate::notify::{self, Loudness, RequestResponse, RequestText};
use crate::session;
use crate::settings::{Preferences, SettingsStore};

/// The critical step never starts earlier than this before the accept timeout: a request
/// offered for two minutes is not an emergency after forty seconds.
pub const URGENT_AT_MOST_MS: i64 = 15_000;

/// When a request's notification turns critical: the last third of the time the agent has
/// to accept it, at most the last [`URGENT_AT_MOST_MS`].
pub fn urgent_from(offered_at: LocalMillis, expires_at: LocalMillis) -> LocalMillis {
    let window = ((expires_at - offered_at) / 3).clamp(0, URGENT_AT_MOST_MS);
    expires_at - window
}

/// One showing of a request's notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Showing {
    pub at: LocalMillis,
    pub loudness: Loudness,
}

/// How loud a showing at `at` is.
pub fn loudness(preferences: &Preferences, at: LocalMillis, urgent_from: LocalMillis) -> Loudness {
    Loudness {
        critical: preferences.urgent_near_timeout && at >= urgent_from,
        sound: preferences.sounds,
    }
}

/// The showing after `last`: the next repeat or the moment the request turns critical,
/// whichever comes first; `None` when neither is due (no repeats, already critical).
pub fn next_showing(
    preferences: &Preferences,
    last: Showing,
    urgent_from: LocalMillis,
) -> Option<Showing> {
    let repeat = (preferences.repeat_alert_secs > 0)
        .then(|| last.at + i64::from(preferences.repeat_alert_secs) * 1000);
    let critical = (preferences.urgent_near_timeout && !last.loudness.critical)
        .then(|| urgent_from.max(last.at));
    let at = match (repeat, critical) {
        (Some(repeat), Some(critical)) => repeat.min(critical),
        (at, None) | (None, at) => at?,
    };
    Some(Showing { at, loudness: loudness(preferences, at, urgent_from) })
}

/// What a request's escalation needs from the session it arrived in: the hub client (Accept
/// from the notification), and a signal that the session ended (the event follower holds
/// the sender; when it stops, for a sign-out or a new sign-in, every request of that session
/// stops escalating).
#[derive(Clone)]
pub struct SessionLink {
    pub client: HubClient,
    pub alive: watch::Receiver<()>,
}

/// A request being escalated: dropping `stop` ends its task.
struct Waiting {
    /// Tells this entry from a later one for the same conversation (a new session's).
    token: u64,
    /// The session it belongs to (an entry of a session that ended is stale).
    alive: watch::Receiver<()>,
    _stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct Requests {
    waiting: HashMap<String, Waiting>,
    next_token: u64,
}

/// The requests waiting for the agent, each escalating in its own task.
pub struct Escalation {
    language: Arc<Language>,
    settings: Arc<SettingsStore>,
    requests: Arc<Mutex<Requests>>,
}

impl Escalation {
    pub fn new(language: Arc<Language>, settings: Arc<SettingsStore>) -> Self {
        Self { language, settings, requests: Arc::default() }
    }

    /// A request the desk did not know: announced, and escalated until it stops waiting.
    pub fn start<R: Runtime>(&self, app: &AppHandle<R>, offer: &OfferView, link: &SessionLink) {
        let mut requests = self.requests.lock().expect("requests lock");
        // Known already, unless from a session that ended (its task is ending): a new
        // sign-in's desk offers it afresh.
        let known = requests.waiting.get(&offer.conversation_id);
        if known.is_some_and(|waiting| waiting.alive.has_changed().is_ok()) {
            return;
        }
        if self.settings.get().preferences.ask_for_attention {
            request_attention(app, Some(UserAttentionType::Critical));
        }
        requests.next_token += 1;
        let token = requests.next_token;
        let request = Request {
            conversation_id: offer.conversation_id.clone(),
            text: RequestText::new(&self.language.current(), offer),
            urgent_from: urgent_from(offer.offered_at, offer.expires_at),
        };
        let (stop, stopped) = oneshot::channel();
        let ended = Ended { app: app.clone(), requests: Arc::clone(&self.requests), token };
        let task = tauri::async_runtime::spawn(escalate(
            app.clone(),
            request,
            Arc::clone(&self.settings),
            link.clone(),
            stopped,
            ended,
        ));
        let waiting = Waiting { token, alive: link.alive.clone(), _stop: stop, task };
        requests.waiting.insert(offer.conversation_id.clone(), waiting);
    }

    /// The desk is quitting: every request's notification is closed before it goes (its
    /// Accept would reach nobody).
    pub async fn close_all(&self) {
        let waiting: Vec<Waiting> = {
            let mut requests = self.requests.lock().expect("requests lock");
            requests.waiting.drain().map(|(_, waiting)| waiting).collect()
        };
        for Waiting { _stop: stop, task, .. } in waiting {
            drop(stop);
            if let Err(error) = task.await {
                tracing::debug!(%error, "a request's escalation ended abnormally");
            }
        }
    }

    /// The requests still waiting after an event: every other one stops escalating.
    pub fn settle<R: Runtime>(&self, app: &AppHandle<R>, still_waiting: &[String]) {
        let mut requests = self.requests.lock().expect("requests lock");
        let before = requests.waiting.len();
        requests.waiting.retain(|conversation_id, _| still_waiting.contains(conversation_id));
        if before > 0 && requests.waiting.is_empty() {
            request_attention(app, None);
        }
    }
}

/// What one request's task shows.
struct Request {
    conversation_id: String,
    text: RequestText,
    urgent_from: LocalMillis,
}

/// Forgets a request's entry when its task ends (unless a newer entry took its place), and
/// the window stops asking for attention when none waits.
struct Ended<R: Runtime> {
    app: AppHandle<R>,
    requests: Arc<Mutex<Requests>>,
    token: u64,
}

impl<R: Runtime> Ended<R> {
    fn forget(self, conversation_id: &str) {
        let mut requests = self.requests.lock().expect("requests lock");
        if requests.waiting.get(conversation_id).is_some_and(|entry| entry.token == self.token) {
            requests.waiting.remove(conversation_id);
        }
        if requests.waiting.is_empty() {
            request_attention(&self.app, None);
        }
    }
}

/// What woke a request's task.
enum Wake {
    Stop,
    Due,
    Response(RequestResponse),
}

type Responses = std::pin::Pin<Box<dyn std::future::Future<Output = RequestResponse> + Send>>;

fn responses(handle: &Arc<notify_rust::NotificationHandle>) -> Responses {
    let handle = Arc::clone(handle);
    Box::pin(async move { notify::request_response(&handle).await })
}

/// One waiting request: shows its notification, again as the preferences say, answers its
/// actions, and closes it when the request stops waiting.
async fn escalate<R: Runtime>(
    app: AppHandle<R>,
    request: Request,
    settings: Arc<SettingsStore>,
    mut link: SessionLink,
    mut stop: oneshot::Receiver<()>,
    ended: Ended<R>,
) {
    let conversation_id = request.conversation_id.as_str();
    let now = session::now();
    let mut next = Some(Showing {
        at: now,
        loudness: loudness(&settings.get().preferences, now, request.urgent_from),
    });
    let mut shown: Option<Arc<notify_rust::NotificationHandle>> = None;
    let mut responded: Option<Responses> = None;
    // Between Accept in the notification and the hub's answer: no reminder.
    let mut accepting = false;
    loop {
        let due = next.filter(|_| !accepting).map(|showing| showing.at);
        let wake = tokio::select! {
            _ = &mut stop => Wake::Stop,
            _ = link.alive.changed() => Wake::Stop,
            response = async {
                match responded.as_mut() {
                    Some(responses) => responses.await,
                    None => std::future::pending().await,
                }
            } => Wake::Response(response),
            () = async {
                match due {
                    Some(at) => tokio::time::sleep(until(at)).await,
                    None => std::future::pending().await,
                }
            } => Wake::Due,
        };
        match wake {
            Wake::Stop => break,
            Wake::Due => {
                let preferences = settings.get().preferences;
                let now = session::now();
                let loudness = loudness(&preferences, now, request.urgent_from);
                let replaces = shown.as_ref().map(|handle| handle.id());
                match notify::show_request(&request.text, loudness, replaces).await {
                    Ok(handle) => {
                        let handle = Arc::new(handle);
                        // The server's answers to this showing (a replacement keeps the id,
                        // and may have been shown afresh if the agent closed the last one).
                        responded = Some(responses(&handle));
                        shown = Some(handle);
                    }
                    Err(error) => tracing::warn!(%error, "request notification not shown"),
                }
                next =
                    next_showing(&preferences, Showing { at: now, loudness }, request.urgent_from);
            }
            Wake::Response(RequestResponse::Show) => {
                notify::bring_forward(&app, conversation_id);
                // A server that keeps the notification after an action may be asked again.
                responded = shown.as_ref().map(responses);
            }
            Wake::Response(RequestResponse::Closed) => responded = None,
            Wake::Response(RequestResponse::Accept) => {
                responded = None;
                accepting = true;
                notify::show_window(&app);
                // The webview opens the chat when the hub assigns it, as after its own Accept.
                events::accepting(&app, conversation_id);
                match link.client.act(conversation_id, ConversationAction::Accept).await {
                    // The assignment arrives on the event stream and ends this task.
                    Ok(()) => {}
                    Err(error) => {
                        tracing::info!(%error, "accepting from the notification failed");
                        events::accept_failed(&app, conversation_id, &error);
                        accepting = false;
                    }
                }
            }
        }
    }
    drop(responded);
    if let Some(handle) = shown {
        handle.close_async().await;
    }
    ended.forget(conversation_id);
}

/// How long until local wall-clock time `at` (zero when past).
fn until(at: LocalMillis) -> Duration {
    Duration::from_millis(u64::try_from(at - session::now()).unwrap_or(0))
}

/// The window asks for attention (`Some`) or stops asking (`None`).
fn request_attention<R: Runtime>(app: &AppHandle<R>, request: Option<UserAttentionType>) {
    if let Some(window) = app.get_webview_window("main") {
        if let Err(error) = window.request_user_attention(request) {
            tracing::debug!(%error, "the window's attention request not changed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preferences(repeat_alert_secs: u32, urgent_near_timeout: bool) -> Preferences {
        Preferences { repeat_alert_secs, urgent_near_timeout, ..Preferences::default() }
    }

    fn quiet() -> Loudness {
        Loudness { critical: false, sound: true }
    }

    #[test]
    fn the_critical_step_is_the_last_third_and_at_most_the_last_fifteen_seconds() {
        assert_eq!(urgent_from(0, 12_000), 8_000);
        assert_eq!(urgent_from(0, 30_000), 20_000);
        assert_eq!(urgent_from(0, 120_000), 105_000);
        assert_eq!(urgent_from(5_000, 5_000), 5_000, "an offer already due is critical at once");
    }

    #[test]
    fn reminders_come_every_interval_and_turn_critical_once_near_the_timeout() {
        let prefs = preferences(5, true);
        let urgent = urgent_from(0, 15_000);
        let mut showing = Showing { at: 0, loudness: quiet() };
        let mut seen = Vec::new();
        while let Some(next) = next_showing(&prefs, showing, urgent) {
            if next.at > 20_000 {
                break;
            }
            seen.push((next.at, next.loudness.critical));
            showing = next;
        }
        assert_eq!(seen, vec![(5_000, false), (10_000, true), (15_000, true), (20_000, true)]);
    }

    #[test]
    fn the_critical_step_comes_even_without_reminders_and_only_once() {
        let prefs = preferences(0, true);
        let first = Showing { at: 0, loudness: quiet() };
        let critical = next_showing(&prefs, first, 8_000).unwrap();
        assert_eq!((critical.at, critical.loudness.critical), (8_000, true));
        assert_eq!(next_showing(&prefs, critical, 8_000), None);
    }

    #[test]
    fn with_every_step_off_a_request_is_shown_once_quietly() {
        let prefs = Preferences {
            sounds: false,
            repeat_alert_secs: 0,
            urgent_near_timeout: false,
            ..Preferences::default()
        };
        let first = Showing { at: 9_000, loudness: loudness(&prefs, 9_000, 8_000) };
        assert_eq!(first.loudness, Loudness { critical: false, sound: false });
        assert_eq!(next_showing(&prefs, first, 8_000), None);
    }
}
