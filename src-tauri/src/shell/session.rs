//! Signing in and out, the session's view, and presence.

use desk_core::l10n::Localizer;
use desk_core::view::{DeskView, PresenceView};
use hub_protocol::{HubSettings, LoginRequest, Reason, RequestedState, StateSince};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};

use super::{hub_key, keyring_password, label, remember, Shell};
use crate::error::{DeskError, DeskResult};
use crate::hub_client::HubClient;
use crate::secrets::Account;
use crate::session::Session;
use crate::settings::HubChoice;

/// Whether the admin turned "Mask sensitive customer data" on for this session.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MaskingState {
    pub enabled: bool,
}

/// What the sign-in screen starts from.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInDefaults {
    pub hub: HubChoice,
    pub username: Option<String>,
    pub remember: bool,
    /// A password is saved in the keyring for this hub and user.
    pub has_saved_password: bool,
    /// The embedded hub's customer chat page, when it runs.
    pub embedded_widget_url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInRequest {
    pub hub: HubChoice,
    pub username: String,
    /// `None`: use the password saved in the keyring.
    pub password: Option<String>,
    pub remember: bool,
}

/// A configured reason (idle code, wrap-up reason) labelled in the agent's language.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonView {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentView {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

/// Everything the main screen needs after sign-in, a reload or a language switch.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub agent: AgentView,
    pub settings: HubSettings,
    pub idle_codes: Vec<ReasonView>,
    pub wrapup_reasons: Vec<ReasonView>,
    pub desk: DeskView,
    pub hub_url: String,
    pub widget_url: String,
    /// An error code worth telling the agent about that did not stop the sign-in.
    pub notice: Option<&'static str>,
}

impl Shell {
    pub async fn sign_in_defaults(&self) -> SignInDefaults {
        let settings = self.settings();
        let embedded_widget_url =
            self.embedded.lock().await.as_ref().map(|hub| format!("{}/chat", hub.base_url()));
        let has_saved_password = match (&settings.username, settings.remember) {
            (Some(username), true) => {
                let hub = hub_key(&settings.hub);
                let username = username.clone();
                tauri::async_runtime::spawn_blocking(move || {
                    Account { hub: &hub, username: &username }.password().ok().flatten().is_some()
                })
                .await
                .unwrap_or(false)
            }
            _ => false,
        };
        SignInDefaults {
            hub: settings.hub,
            username: settings.username,
            remember: settings.remember,
            has_saved_password,
            embedded_widget_url,
        }
    }

    pub async fn sign_in<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        request: SignInRequest,
    ) -> DeskResult<SessionView> {
        let base = match &request.hub {
            HubChoice::Embedded => self.embedded_hub_url().await?,
            HubChoice::Remote { url } => url.clone(),
        };
        let client = HubClient::new(&base)?;
        // A session this sign-in replaces is signed out on its hub first: its token must not
        // outlive it (finding M1), and signing out after would log the new one's agent out.
        if let Err(error) = self.sign_out().await {
            tracing::info!(%error, "the replaced session was not signed out");
        }
        let key = hub_key(&request.hub);
        // A typed password, or the device token "remember me" keeps in the keyring (never
        // the password itself: finding L6).
        let (password, device_token) =
            match request.password.clone().filter(|password| !password.is_empty()) {
                Some(password) => (password, None),
                None => (String::new(), Some(keyring_password(&key, &request.username).await?)),
            };
        let login_request = LoginRequest {
            username: request.username.clone(),
            password,
            device_token,
            remember_device: request.remember,
        };
        let login = client.login(&login_request).await?;
        let client = client.with_token(login.token.clone());
        let (idle_codes, wrapup_reasons) =
            tokio::try_join!(client.idle_codes(), client.wrapup_reasons())?;
        // A keyring that cannot be used must not keep the agent from working: they are told,
        // and the password is simply not remembered.
        let notice =
            remember(&key, &request, login.device_token.as_deref()).await.err().map(|error| {
                tracing::warn!(%error, "password not remembered");
                error.code()
            });
        self.update_settings(|settings| {
            settings.hub = request.hub.clone();
            settings.username = Some(request.username.clone());
            settings.remember = request.remember;
        });
        if self.settings().locale.is_none() {
            if let Some(language) = &login.agent.language {
                // The admin's default for this agent, until the agent chooses.
                self.language.set(Localizer::negotiate(&[language.as_str()]));
            }
        }
        self.tray.signed_in(login.state.state.clone(), idle_codes.clone());
        let session = Session::start(app, client, login, idle_codes, wrapup_reasons);
        let mut current = self.session.lock().await;
        if let Some(previous) = current.take() {
            previous.stop();
        }
        *current = Some(session);
        drop(current);
        if matches!(request.hub, HubChoice::Remote { .. }) {
            self.stop_embedded_hub().await;
        }
        let mut view = self.session_view().await?;
        view.notice = notice;
        Ok(view)
    }

    pub async fn sign_out(&self) -> DeskResult<()> {
        let Some(session) = self.session.lock().await.take() else { return Ok(()) };
        session.stop();
        self.tray.signed_out();
        // Signing out locally must work even when the hub is gone.
        if let Err(error) = session.client.logout().await {
            tracing::info!(%error, "the hub did not hear the sign-out");
        }
        Ok(())
    }

    pub async fn session_view(&self) -> DeskResult<SessionView> {
        let session = self.session.lock().await;
        let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
        let l10n = self.localizer();
        let desk = session.desk.lock().await;
        let me = desk.me();
        let base = session.client.base_url().trim_end_matches('/').to_owned();
        Ok(SessionView {
            agent: AgentView {
                id: me.id.clone(),
                username: me.username.clone(),
                display_name: me.display_name.clone(),
            },
            settings: session.settings.clone(),
            idle_codes: label(&l10n, &session.idle_codes),
            wrapup_reasons: label(&l10n, &session.wrapup_reasons),
            desk: desk.view(),
            widget_url: format!("{base}/chat"),
            hub_url: base,
            notice: None,
        })
    }

    pub async fn set_presence(&self, state: RequestedState) -> DeskResult<PresenceView> {
        let since = self.change_presence(state).await?;
        let desk = self.desk().await?;
        let skew = desk.lock().await.skew();
        Ok(PresenceView { state: since.state, since: skew.to_local(since.since) })
    }

    /// Changes the agent's state on the hub (the agent's choice, or the desk's when the
    /// screen locks); the answer is the hub's, on its clock. The same change also arrives on
    /// the stream, which is how the window hears of it.
    pub async fn change_presence(&self, state: RequestedState) -> DeskResult<StateSince> {
        self.client().await?.set_state(state).await
    }

    /// The agent's state as the desk last heard it from the hub (its clock), and the idle
    /// codes the hub lists.
    pub async fn presence_and_idle_codes(&self) -> DeskResult<(StateSince, Vec<Reason>)> {
        let session = self.session.lock().await;
        let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
        let presence = session.desk.lock().await.presence().clone();
        Ok((presence, session.idle_codes.clone()))
    }

    pub async fn masking_state(&self) -> DeskResult<MaskingState> {
        let session = self.session.lock().await;
        let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
        Ok(MaskingState { enabled: session.settings.mask_sensitive_data })
    }
}
