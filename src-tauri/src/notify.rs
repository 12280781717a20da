//! Desktop notifications (notify-rust: D-Bus `org.freedesktop.Notifications` on Linux).
//!
//! Built in Rust from the same Fluent bundles as the screens, and only from the desk's
//! masked view: a notification is a surface an onlooker can read.
//!
//! Two kinds: a contact request (one each, with Accept and Show; `escalation` shows it, shows
//! it again while the request waits, and closes it), and a customer's message in a chat the
//! agent is not looking at ([`MessageAlerts`]), one per conversation that each new message
//! replaces (the server's `replaces_id`), so six busy chats make six notifications, not a
//! flood.

use std::collections::HashMap;
use std::sync::Mutex;

use desk_core::l10n::{Arg, Localizer};
use desk_core::view::{MessageView, OfferView, TaskView};
use hub_protocol::OfferKind;
use tauri::{AppHandle, Manager, Runtime};

use crate::events;

/// How much of the first message a notification shows.
const BODY_CHARS: usize = 140;

/// The words of a contact request's notification, in the agent's language, from the desk's
/// masked view of the offer. Built once when the request arrives; every reminder of it shows
/// the same words.
#[derive(Debug, Clone)]
pub struct RequestText {
    summary: String,
    body: String,
    accept: String,
    show: String,
    app_name: String,
}

impl RequestText {
    pub fn new(l10n: &Localizer, offer: &OfferView) -> Self {
        let first_message = offer
            .messages
            .iter()
            .find(|message| !message.text.is_empty())
            .map(|message| message.text.chars().take(BODY_CHARS).collect::<String>())
            .unwrap_or_default();
        let channel = l10n.text(&format!("channel-{}", channel_id(offer)), &[]);
        let customer = if offer.customer.name.is_empty() {
            l10n.text(&format!("customer-unnamed-{}", channel_id(offer)), &[])
        } else {
            offer.customer.name.clone()
        };
        // A colleague's transfer or invitation says who sends it: the agent decides by that.
        let summary = match &offer.kind {
            OfferKind::Contact => l10n.text(
                "notification-offer-title",
                &[("queue", Arg::Text(offer.queue_name.clone()))],
            ),
            OfferKind::Transfer { from } => l10n.text(
                "notification-transfer-title",
                &[("name", Arg::Text(from.display_name.clone()))],
            ),
            OfferKind::Conference { from } => l10n.text(
                "notification-conference-title",
                &[("name", Arg::Text(from.display_name.clone()))],
            ),
        };
        let body = l10n.text(
            "notification-offer-body",
            &[
                ("customer", Arg::Text(customer)),
                ("channel", Arg::Text(channel)),
                ("message", Arg::Text(first_message)),
            ],
        );
        Self {
            summary,
            body,
            accept: l10n.text("notification-offer-accept", &[]),
            show: l10n.text("notification-offer-show", &[]),
            app_name: l10n.text("app-title", &[]),
        }
    }
}

/// How loud one showing of a request's notification is (`escalation` decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loudness {
    /// Critical urgency: the accept timeout is near.
    pub critical: bool,
    /// The sound theme's instant-message sound; `false` asks the server for silence.
    pub sound: bool,
}

/// What the agent did with a request's notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestResponse {
    /// The Accept action.
    Accept,
    /// The Show action, or a click on the notification itself.
    Show,
    /// Closed without an action (dismissed, expired, or replaced by the server).
    Closed,
}

/// The action keys on the bus (`default` is a click on the notification itself).
const ACTION_ACCEPT: &str = "accept";
const ACTION_SHOW: &str = "show";
/// The freedesktop sound theme's name for an incoming instant message.
pub const REQUEST_SOUND: &str = "message-new-instant";

/// Shows a request's notification, or shows it again in place of `replaces` (the id the
/// server gave its first showing), so reminders never stack.
pub async fn show_request(
    text: &RequestText,
    loudness: Loudness,
    replaces: Option<u32>,
) -> notify_rust::error::Result<notify_rust::NotificationHandle> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname(&text.app_name)
        .summary(&text.summary)
        .body(&text.body)
        .icon("mail-message-new")
        .hint(notify_rust::Hint::Category("im.received".into()))
        .urgency(if loudness.critical {
            notify_rust::Urgency::Critical
        } else {
            notify_rust::Urgency::Normal
        })
        // Servers without actions show the notification without buttons; a click still
        // brings the desk forward where they report it.
        .action("default", &text.show)
        .action(ACTION_ACCEPT, &text.accept)
        .action(ACTION_SHOW, &text.show);
    if loudness.sound {
        notification.hint(notify_rust::Hint::SoundName(REQUEST_SOUND.into()));
    } else {
        notification.hint(notify_rust::Hint::SuppressSound(true));
    }
    if let Some(id) = replaces {
        notification.id(id);
    }
    notification.show_async().await
}

/// Waits until the agent acts on a request's notification, or it closes.
pub async fn request_response(handle: &notify_rust::NotificationHandle) -> RequestResponse {
    let mut response = RequestResponse::Closed;
    handle
        .wait_for_action_async(|invoked| {
            // The notification itself clicked is the action named "default".
            response = match invoked {
                notify_rust::ActionResponse::Custom(action) if *action == ACTION_ACCEPT => {
                    RequestResponse::Accept
                }
                notify_rust::ActionResponse::Custom(_) => RequestResponse::Show,
                notify_rust::ActionResponse::Closed(_) => RequestResponse::Closed,
            }
        })
        .await;
    response
}

/// One message notification to show or update.
struct MessageAlert {
    conversation_id: String,
    summary: String,
    body: String,
    open: String,
    app_name: String,
}

/// The message notifications on screen, one per conversation. One task shows them in order,
/// so two messages arriving together still make one notification, and hears their clicks and
/// closes: all through one D-Bus connection, because a notification server sends its
/// `ActionInvoked` and `NotificationClosed` to the connection that showed the notification
/// (dunst does, as a unicast signal). A busy afternoon's thousands of messages are thousands
/// of replacements on that one connection, never a thread or a connection per message.
#[derive(Default)]
pub struct MessageAlerts {
    queue: Mutex<Option<tokio::sync::mpsc::UnboundedSender<MessageAlert>>>,
}

impl MessageAlerts {
    /// A customer wrote in a conversation the agent is not looking at: say who, how many
    /// are unread, and the (masked) message.
    pub fn message<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        l10n: &Localizer,
        task: &TaskView,
        message: &MessageView,
    ) {
        let customer = if task.customer.name.is_empty() {
            l10n.text(&format!("customer-unnamed-{}", channel_name(task.channel)), &[])
        } else {
            task.customer.name.clone()
        };
        let alert = MessageAlert {
            conversation_id: task.conversation_id.clone(),
            summary: l10n.text(
                "notification-message-title",
                &[
                    ("customer", Arg::Text(customer)),
                    ("count", Arg::Number(task.unread.max(1).into())),
                ],
            ),
            body: message.text.chars().take(BODY_CHARS).collect(),
            open: l10n.text("notification-offer-open", &[]),
            app_name: l10n.text("app-title", &[]),
        };
        let mut queue = self.queue.lock().expect("message alerts lock");
        let sender = queue.get_or_insert_with(|| spawn_message_worker(app.clone()));
        if sender.send(alert).is_err() {
            tracing::warn!("message notifications stopped");
        }
    }
}

fn spawn_message_worker<R: Runtime>(
    app: AppHandle<R>,
) -> tokio::sync::mpsc::UnboundedSender<MessageAlert> {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    tauri::async_runtime::spawn(message_worker(app, receiver));
    sender
}

#[cfg(all(unix, not(target_os = "macos")))]
async fn message_worker<R: Runtime>(
    app: AppHandle<R>,
    mut alerts: tokio::sync::mpsc::UnboundedReceiver<MessageAlert>,
) {
    use futures_util::StreamExt;
    use zbus::message::Type;
    use zbus::{Connection, MatchRule, MessageStream};

    let subscribed = async {
        let connection = Connection::session().await?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .interface(NOTIFICATIONS)?
            .path(NOTIFICATIONS_PATH)?
            .build();
        let signals = MessageStream::for_match_rule(rule, &connection, None).await?;
        zbus::Result::Ok((connection, signals))
    }
    .await;
    let (connection, mut signals) = match subscribed {
        Ok(subscribed) => subscribed,
        Err(error) => {
            tracing::warn!(%error, "no message notifications: the session bus");
            return;
        }
    };
    // The conversations' notifications on screen, by the server's id.
    let mut shown: HashMap<String, u32> = HashMap::new();
    loop {
        tokio::select! {
            alert = alerts.recv() => {
                let Some(alert) = alert else { return };
                let replaces = shown.get(&alert.conversation_id).copied().unwrap_or(0);
                match show_message(&connection, &alert, replaces).await {
                    // The same id when replaced in place; a new one when the last had closed.
                    Ok(id) => {
                        shown.insert(alert.conversation_id, id);
                    }
                    Err(error) => tracing::warn!(%error, "desktop notification not shown"),
                }
            }
            Some(Ok(message)) = signals.next() => {
                let header = message.header();
                match header.member().map(|member| member.as_str()) {
                    Some("ActionInvoked") => {
                        let Ok((id, action)) = message.body().deserialize::<(u32, String)>()
                        else {
                            continue;
                        };
                        let clicked = shown.iter().find(|(_, shown_id)| **shown_id == id);
                        if let (Some((conversation_id, _)), "default") = (clicked, action.as_str())
                        {
                            bring_forward(&app, conversation_id);
                        }
                    }
                    Some("NotificationClosed") => {
                        if let Ok((id, _reason)) = message.body().deserialize::<(u32, u32)>() {
                            shown.retain(|_, shown_id| *shown_id != id);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
const NOTIFICATIONS: &str = "org.freedesktop.Notifications";
#[cfg(all(unix, not(target_os = "macos")))]
const NOTIFICATIONS_PATH: &str = "/org/freedesktop/Notifications";

/// `Notify` on the worker's connection (see [`MessageAlerts`]); the server's id.
#[cfg(all(unix, not(target_os = "macos")))]
async fn show_message(
    connection: &zbus::Connection,
    alert: &MessageAlert,
    replaces: u32,
) -> zbus::Result<u32> {
    use zbus::zvariant::Value;
    let actions = ["default", alert.open.as_str()];
    let hints: HashMap<&str, Value<'_>> = HashMap::from([("category", Value::from("im.received"))]);
    let reply = connection
        .call_method(
            Some(NOTIFICATIONS),
            NOTIFICATIONS_PATH,
            Some(NOTIFICATIONS),
            "Notify",
            &(
                alert.app_name.as_str(),
                replaces,
                "mail-message-new",
                alert.summary.as_str(),
                alert.body.as_str(),
                &actions[..],
                hints,
                -1i32,
            ),
        )
        .await?;
    reply.body().deserialize()
}

/// Elsewhere: each message shown through notify-rust, without replacement or clicks.
#[cfg(not(all(unix, not(target_os = "macos"))))]
async fn message_worker<R: Runtime>(
    _app: AppHandle<R>,
    mut alerts: tokio::sync::mpsc::UnboundedReceiver<MessageAlert>,
) {
    while let Some(alert) = alerts.recv().await {
        let shown = notify_rust::Notification::new()
            .appname(&alert.app_name)
            .summary(&alert.summary)
            .body(&alert.body)
            .show();
        if let Err(error) = shown {
            tracing::warn!(%error, "desktop notification not shown");
        }
    }
}

fn channel_name(channel: hub_protocol::Channel) -> &'static str {
    match channel {
        hub_protocol::Channel::Livechat => "livechat",
        hub_protocol::Channel::Messenger => "messenger",
        hub_protocol::Channel::Whatsapp => "whatsapp",
    }
}

/// A notification was clicked: the desk comes forward on that conversation.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>, conversation_id: &str) {
    show_window(app);
    events::focus_task(app, conversation_id);
}

/// The desk's window, shown, restored and focused.
pub fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn channel_id(offer: &OfferView) -> &'static str {
    channel_name(offer.channel)
}
