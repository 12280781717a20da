//! Desktop notifications (notify-rust: D-Bus `org.freedesktop.Notifications` on Linux).
//!
//! Built in Rust from the same Fluent bundles as the screens, and only from the desk's
//! masked view: a notification is a surface an onlooker can read.

use desk_core::l10n::{Arg, Localizer};
use desk_core::view::OfferView;
use hub_protocol::OfferKind;
use tauri::{AppHandle, Manager, Runtime};

use crate::events;

/// How much of the first message a notification shows.
const BODY_CHARS: usize = 140;

/// Announces a new contact request. Clicking it brings the desk forward on that request.
pub fn contact_request<R: Runtime>(app: &AppHandle<R>, l10n: &Localizer, offer: &OfferView) {
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
        OfferKind::Contact => {
            l10n.text("notification-offer-title", &[("queue", Arg::Text(offer.queue_name.clone()))])
        }
        OfferKind::Transfer { from } => l10n
            .text("notification-transfer-title", &[("name", Arg::Text(from.display_name.clone()))]),
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
    let open = l10n.text("notification-offer-open", &[]);
    let app_name = l10n.text("app-title", &[]);
    let app = app.clone();
    let conversation_id = offer.conversation_id.clone();
    // Showing blocks on D-Bus and waiting for the click blocks until the notification
    // closes, so each notification gets its own short-lived thread.
    std::thread::spawn(move || {
        let shown = notify_rust::Notification::new()
            .appname(&app_name)
            .summary(&summary)
            .body(&body)
            .icon("mail-message-new")
            .hint(notify_rust::Hint::Category("im.received".into()))
            .action("default", &open)
            .show();
        match shown {
            Ok(handle) => handle.wait_for_action(|action| {
                if action == "default" {
                    bring_forward(&app, &conversation_id);
                }
            }),
            Err(error) => tracing::warn!(%error, "desktop notification not shown"),
        }
    });
}

fn bring_forward<R: Runtime>(app: &AppHandle<R>, conversation_id: &str) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    events::focus_task(app, conversation_id);
}

fn channel_id(offer: &OfferView) -> &'static str {
    match offer.channel {
        hub_protocol::Channel::Livechat => "livechat",
        hub_protocol::Channel::Messenger => "messenger",
        hub_protocol::Channel::Whatsapp => "whatsapp",
    }
}
