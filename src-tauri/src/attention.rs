//! What deserves the agent's attention beyond the open chat, as desktop notifications: a
//! contact request, escalated while it waits (`escalation`), and a customer's message in a
//! conversation the agent is not looking at (masked, one per conversation), unless the agent
//! turned that off in Settings.
//!
//! "Looking at" is the conversation the webview has open (it says so with
//! `viewing_conversation`) in a window that has the focus: a message in the open chat of a
//! window behind others is not seen either.

use std::sync::{Arc, Mutex};

use desk_core::view::{AuthorKind, DeskChange, MessageView, OfferView, TaskView};
use tauri::{AppHandle, Manager, Runtime};

use crate::escalation::{Escalation, SessionLink};
use crate::language::Language;
use crate::notify::MessageAlerts;
use crate::settings::SettingsStore;

pub struct Attention {
    language: Arc<Language>,
    settings: Arc<SettingsStore>,
    viewing: Mutex<Option<String>>,
    alerts: MessageAlerts,
    requests: Escalation,
}

impl Attention {
    pub fn new(language: Arc<Language>, settings: Arc<SettingsStore>) -> Self {
        let requests = Escalation::new(Arc::clone(&language), Arc::clone(&settings));
        Self {
            language,
            settings,
            viewing: Mutex::new(None),
            alerts: MessageAlerts::default(),
            requests,
        }
    }

    /// After the desk took in an event: requests it did not know before are announced and
    /// escalated; those no longer offered (accepted, rejected, withdrawn) stop escalating.
    pub fn offers<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        new: &[OfferView],
        still_waiting: &[String],
        link: &SessionLink,
    ) {
        self.requests.settle(app, still_waiting);
        for offer in new.iter().filter(|offer| still_waiting.contains(&offer.conversation_id)) {
            self.requests.start(app, offer, link);
        }
    }

    /// The desk is quitting: the requests' notifications are closed.
    pub async fn close_requests(&self) {
        self.requests.close_all().await;
    }

    /// The conversation the webview shows now (`None`: none).
    pub fn viewing(&self, conversation_id: Option<String>) {
        *self.viewing.lock().expect("viewing lock") = conversation_id;
    }

    /// After the desk took in an event: a notification for each customer message the agent
    /// is not looking at.
    pub fn changes<R: Runtime>(&self, app: &AppHandle<R>, changes: &[DeskChange]) {
        let arrived: Vec<(&TaskView, &MessageView)> = changes
            .iter()
            .filter_map(|change| match change {
                DeskChange::Message(message) if message.author == AuthorKind::Customer => {
                    Some(message)
                }
                _ => None,
            })
            .filter_map(|message| {
                let task = changes.iter().find_map(|change| match change {
                    DeskChange::Task(task) if task.conversation_id == message.conversation_id => {
                        Some(task)
                    }
                    _ => None,
                })?;
                Some((task, message))
            })
            .collect();
        if arrived.is_empty() {
            return;
        }
        if !self.settings.get().preferences.message_notifications {
            return;
        }
        let focused = app
            .get_webview_window("main")
            .and_then(|window| window.is_focused().ok())
            .unwrap_or(false);
        let viewing = self.viewing.lock().expect("viewing lock").clone();
        let l10n = self.language.current();
        for (task, message) in arrived {
            let seen = focused && viewing.as_deref() == Some(task.conversation_id.as_str());
            if !seen {
                self.alerts.message(app, &l10n, task, message);
            }
        }
    }
}
