//! The app's state and the flows behind the commands. Commands stay one line each; they
//! call a method of [`Shell`], which calls desk-core or the hub client. The methods live
//! by what they are about:
//!
//! - `session`: sign-in, sign-out, the session's view, presence;
//! - `conversation`: accept, end, wrap-up, transfer, conference, messages, typing;
//! - `workspace`: customer records and chat logs, assigned queues, the FAQ;
//! - `desktop`: the language and the settings dialog's preferences.
//!
//! What the event follower (`crate::session`) and the notifications need, the language and
//! the settings, lives in their own shared states, so nothing there reaches back into the
//! shell. So does the tray's model (`crate::tray`): the shell tells it what the stream
//! cannot (sign-in and sign-out, the agent's reading, the language).

mod conversation;
mod desktop;
mod session;
mod workspace;

use std::path::PathBuf;
use std::sync::Arc;

use contact_hub::RunningHub;
use desk_core::compose::TypingThrottle;
use desk_core::l10n::Localizer;
use desk_core::records::DispositionLabel;
use hub_protocol::Reason;
use tokio::sync::Mutex;

use crate::error::{DeskError, DeskResult};
use crate::hub_client::HubClient;
use crate::language::Language;
use crate::secrets::Account;
use crate::session::Session;
use crate::settings::{HubChoice, Settings, SettingsStore};
use crate::tray::Tray;

pub use desktop::{L10nRequest, LocaleView};
pub use session::{
    AgentView, MaskingState, ReasonView, SessionView, SignInDefaults, SignInRequest,
};

/// Everything the desk holds between commands.
pub struct Shell {
    language: Arc<Language>,
    settings: Arc<SettingsStore>,
    tray: Tray,
    data_dir: PathBuf,
    embedded: Mutex<Option<RunningHub>>,
    session: Mutex<Option<Session>>,
    /// Finds payment data in the agent's drafts, whatever the masking setting.
    draft_check: masking::Masker,
    /// One "agent typing" per conversation every few seconds, however fast the agent types.
    typing: std::sync::Mutex<TypingThrottle>,
}

impl Shell {
    pub fn new(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let settings = SettingsStore::load(&config_dir);
        // A hub URL given by the environment (a team's deployment) wins over the last choice.
        if let Ok(url) = std::env::var("AGENT_DESK_HUB_URL") {
            settings.set_quietly(|settings| settings.hub = HubChoice::Remote { url });
        }
        let requested = match &settings.get().locale {
            Some(locale) => vec![locale.clone()],
            None => sys_locale::get_locales().collect(),
        };
        let language = Arc::new(Language::new(Localizer::negotiate(&requested)));
        Self {
            tray: Tray::new(Arc::clone(&language)),
            language,
            settings: Arc::new(settings),
            data_dir,
            embedded: Mutex::new(None),
            session: Mutex::new(None),
            draft_check: masking::Masker::new(),
            typing: std::sync::Mutex::new(TypingThrottle::default()),
        }
    }

    /// The agent's language, shared with the event follower and the notifications.
    pub fn language(&self) -> Arc<Language> {
        Arc::clone(&self.language)
    }

    /// The settings file, shared with the notifications (the preferences).
    pub fn settings_store(&self) -> Arc<SettingsStore> {
        Arc::clone(&self.settings)
    }

    /// The tray's model, shared with the event follower and the tray icon.
    pub fn tray(&self) -> Tray {
        self.tray.clone()
    }

    pub fn localizer(&self) -> Arc<Localizer> {
        self.language.current()
    }

    fn settings(&self) -> Settings {
        self.settings.get()
    }

    fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// Whether the embedded hub should start with the app.
    pub fn wants_embedded_hub(&self) -> bool {
        self.settings().hub == HubChoice::Embedded
    }

    /// Starts the embedded hub once; returns its base URL.
    pub async fn embedded_hub_url(&self) -> DeskResult<String> {
        let mut embedded = self.embedded.lock().await;
        if let Some(hub) = embedded.as_ref() {
            return Ok(hub.base_url());
        }
        let hub = crate::embedded::start(&self.data_dir).await?;
        let url = hub.base_url();
        tracing::info!(%url, "embedded hub running; customer chat page at {url}/chat");
        *embedded = Some(hub);
        Ok(url)
    }

    /// Stops the embedded hub if it runs: a desk signed in to a team's hub has no use for
    /// it, and it holds its database, its tasks and a port. Signing in to it again starts it.
    /// It stops in the background: the sign-in does not wait for its streams to drain.
    pub(super) async fn stop_embedded_hub(&self) {
        let running = self.embedded.lock().await.take();
        if let Some(hub) = running {
            tauri::async_runtime::spawn(async move {
                hub.shutdown().await;
                tracing::info!("embedded hub stopped: this desk works with a team hub");
            });
        }
    }

    /// Runs `build` with the desk (whose redactor masks) and the dispositions' labels in the
    /// agent's language. Never held across a request to the hub.
    pub(super) async fn with_desk<T>(
        &self,
        build: impl FnOnce(&desk_core::desk::Desk, DispositionLabel<'_>) -> T,
    ) -> DeskResult<T> {
        let session = self.session.lock().await;
        let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
        let reasons = label(&self.localizer(), &session.wrapup_reasons);
        let disposition = |id: &str| {
            reasons
                .iter()
                .find(|reason| reason.id == id)
                .map_or(id, |r| r.label.as_str())
                .to_owned()
        };
        let desk = session.desk.lock().await;
        Ok(build(&desk, &disposition))
    }

    pub(super) async fn client(&self) -> DeskResult<HubClient> {
        let session = self.session.lock().await;
        Ok(session.as_ref().ok_or(DeskError::NotSignedIn)?.client.clone())
    }

    pub(super) async fn outgoing(&self) -> DeskResult<Arc<crate::outbox::Outgoing>> {
        let session = self.session.lock().await;
        Ok(Arc::clone(&session.as_ref().ok_or(DeskError::NotSignedIn)?.outgoing))
    }

    pub(super) async fn desk(&self) -> DeskResult<Arc<Mutex<desk_core::desk::Desk>>> {
        let session = self.session.lock().await;
        Ok(Arc::clone(&session.as_ref().ok_or(DeskError::NotSignedIn)?.desk))
    }
}

pub(super) fn label(l10n: &Localizer, reasons: &[Reason]) -> Vec<ReasonView> {
    reasons
        .iter()
        .map(|reason| ReasonView {
            id: reason.id.clone(),
            label: l10n.pick(&reason.labels).unwrap_or(&reason.id).to_owned(),
        })
        .collect()
}

pub(super) fn not_found(conversation_id: &str) -> hub_protocol::ApiError {
    hub_protocol::ApiError {
        code: hub_protocol::ErrorCode::NotFound,
        message: format!("no conversation {conversation_id} on this desk"),
    }
}

/// The keyring key for a hub: the embedded hub is one place whatever port it got.
pub(super) fn hub_key(hub: &HubChoice) -> String {
    match hub {
        HubChoice::Embedded => "embedded".to_owned(),
        HubChoice::Remote { url } => url.trim().trim_end_matches('/').to_owned(),
    }
}

pub(super) async fn keyring_password(hub: &str, username: &str) -> DeskResult<String> {
    let (hub, username) = (hub.to_owned(), username.to_owned());
    tauri::async_runtime::spawn_blocking(move || {
        Account { hub: &hub, username: &username }.password()
    })
    .await
    .map_err(|error| DeskError::Keyring(error.to_string()))??
    .ok_or(DeskError::NoSavedPassword)
}

/// Saves the hub's device token, or forgets what was saved, after a successful sign-in. A
/// sign-in with the saved token gets no new one: the saved one stays.
pub(super) async fn remember(
    hub: &str,
    request: &SignInRequest,
    device_token: Option<&str>,
) -> DeskResult<()> {
    let (hub, username) = (hub.to_owned(), request.username.clone());
    let device_token = device_token.map(str::to_owned);
    let remember = request.remember;
    tauri::async_runtime::spawn_blocking(move || {
        let account = Account { hub: &hub, username: &username };
        match (remember, device_token) {
            (true, Some(token)) => account.save_password(&token),
            (true, None) => Ok(()),
            (false, _) => account.forget(),
        }
    })
    .await
    .map_err(|error| DeskError::Keyring(error.to_string()))?
}
