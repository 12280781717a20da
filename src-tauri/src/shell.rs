//! The app's state and the flows behind the commands: sign-in, presence, conversations,
//! language. Commands stay one line each; they call a method here, which calls desk-core or
//! the hub client.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use contact_hub::RunningHub;
use desk_core::compose::{self, DraftCheck, TypingThrottle};
use desk_core::faq::{FaqBook, FaqResultView};
use desk_core::l10n::{Arg, Direction, Localized, Localizer};
use desk_core::records::{
    CaseSummaryView, CaseView, CustomerFileView, DispositionLabel, RecordView,
};
use desk_core::view::{DeskView, HandoffTargetsView, MessageView, PresenceView, TaskView};
use hub_protocol::{
    AssignedQueues, Case, CaseUpdate, ErrorCode, HandoffTarget, HubSettings, LoginRequest,
    NewCustomerRequest, Reason, RequestedState, SendMessageRequest, SetQueuesRequest,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use tokio::sync::Mutex;

use crate::error::{DeskError, DeskResult};
use crate::hub_client::{ConversationAction, HubClient};
use crate::secrets::Account;
use crate::session::{self, Session};
use crate::settings::{HubChoice, Preferences, Settings, SettingsFile};

/// Everything the desk holds between commands.
pub struct Shell {
    l10n: RwLock<Arc<Localizer>>,
    settings_file: SettingsFile,
    settings: std::sync::Mutex<Settings>,
    data_dir: PathBuf,
    embedded: Mutex<Option<RunningHub>>,
    session: Mutex<Option<Session>>,
    /// Finds payment data in the agent's drafts, whatever the masking setting.
    draft_check: masking::Masker,
    /// One "agent typing" per conversation every few seconds, however fast the agent types.
    typing: std::sync::Mutex<TypingThrottle>,
}

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

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocaleView {
    pub locale: String,
    pub dir: Direction,
    pub available: Vec<&'static str>,
}

/// One message the webview wants resolved.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct L10nRequest {
    pub id: String,
    #[serde(default)]
    pub args: BTreeMap<String, serde_json::Value>,
}

impl Shell {
    pub fn new(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let settings_file = SettingsFile::new(&config_dir);
        let mut settings = settings_file.load();
        // A hub URL given by the environment (a team's deployment) wins over the last choice.
        if let Ok(url) = std::env::var("AGENT_DESK_HUB_URL") {
            settings.hub = HubChoice::Remote { url };
        }
        let requested = match &settings.locale {
            Some(locale) => vec![locale.clone()],
            None => sys_locale::get_locales().collect(),
        };
        Self {
            l10n: RwLock::new(Arc::new(Localizer::negotiate(&requested))),
            settings_file,
            settings: std::sync::Mutex::new(settings),
            data_dir,
            embedded: Mutex::new(None),
            session: Mutex::new(None),
            draft_check: masking::Masker::new(),
            typing: std::sync::Mutex::new(TypingThrottle::default()),
        }
    }

    pub fn localizer(&self) -> Arc<Localizer> {
        Arc::clone(&self.l10n.read().expect("l10n lock"))
    }

    fn settings(&self) -> Settings {
        self.settings.lock().expect("settings lock").clone()
    }

    fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        let mut settings = self.settings.lock().expect("settings lock");
        change(&mut settings);
        self.settings_file.save(&settings);
    }

    /// The settings dialog's choices.
    pub fn preferences(&self) -> Preferences {
        self.settings().preferences
    }

    pub fn set_preferences(&self, preferences: Preferences) -> Preferences {
        self.update_settings(|settings| settings.preferences = preferences);
        preferences
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
                *self.l10n.write().expect("l10n lock") =
                    Arc::new(Localizer::negotiate(&[language.as_str()]));
            }
        }
        let session = Session::start(app, client, login, idle_codes, wrapup_reasons);
        let mut current = self.session.lock().await;
        if let Some(previous) = current.take() {
            previous.stop();
        }
        *current = Some(session);
        drop(current);
        let mut view = self.session_view().await?;
        view.notice = notice;
        Ok(view)
    }

    pub async fn sign_out(&self) -> DeskResult<()> {
        let Some(session) = self.session.lock().await.take() else { return Ok(()) };
        session.stop();
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
        let client = self.client().await?;
        let since = client.set_state(state).await?;
        let desk = self.desk().await?;
        let skew = desk.lock().await.skew();
        // The hub confirmed it; the same change also arrives on the stream.
        Ok(PresenceView { state: since.state, since: skew.to_local(since.since) })
    }

    pub async fn act(&self, conversation_id: &str, action: ConversationAction) -> DeskResult<()> {
        self.client().await?.act(conversation_id, action).await
    }

    /// `reason_id` may be `None` where the queue does not require a disposition.
    pub async fn submit_wrapup(
        &self,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> DeskResult<()> {
        self.typing.lock().expect("typing lock").forget(conversation_id);
        self.client().await?.wrapup(conversation_id, reason_id).await
    }

    pub async fn transfer(&self, conversation_id: &str, target: HandoffTarget) -> DeskResult<()> {
        self.client().await?.transfer(conversation_id, target).await
    }

    pub async fn request_conference(
        &self,
        conversation_id: &str,
        target: HandoffTarget,
    ) -> DeskResult<()> {
        self.client().await?.request_conference(conversation_id, target).await
    }

    pub async fn leave_conference(&self, conversation_id: &str) -> DeskResult<()> {
        self.client().await?.leave_conference(conversation_id).await
    }

    /// The queues and colleagues a conversation can go to, fresh from the hub (the dialogs
    /// show live availability, and their Refresh calls this again).
    pub async fn handoff_targets(&self, conversation_id: &str) -> DeskResult<HandoffTargetsView> {
        let desk = self.desk().await?;
        let (me, channel) = {
            let desk = desk.lock().await;
            let channel = desk
                .channel_of(conversation_id)
                .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
            (desk.me().id.clone(), channel)
        };
        let client = self.client().await?;
        let (queues, agents) = tokio::try_join!(client.queues(), client.agents())?;
        Ok(desk_core::handoff::targets(&me, channel, queues, agents))
    }

    // Customer records and chat logs: the hub answers raw, the desk masks (records.rs).

    /// Records matching the agent's search (the chat log's customer picker).
    pub async fn search_customers(&self, query: &str) -> DeskResult<Vec<RecordView>> {
        let records = self.client().await?.search_customers(query.trim()).await?;
        self.with_desk(|desk, _| records.into_iter().map(|r| desk.record_view(r)).collect()).await
    }

    /// The new-record form, saved. An email or phone left out is taken by the hub from the
    /// conversation (the desk only ever saw them masked); `recordLinked` follows.
    pub async fn create_customer(&self, request: NewCustomerRequest) -> DeskResult<RecordView> {
        let record = self.client().await?.create_customer(&request).await?;
        self.with_desk(|desk, _| desk.record_view(record)).await
    }

    /// The agent vouches for the record the customer claimed; the desk follows the hub's
    /// `recordLinked`.
    pub async fn confirm_record(&self, conversation_id: &str) -> DeskResult<()> {
        self.client().await?.confirm_record(conversation_id).await?;
        Ok(())
    }

    /// A record with the customer's history.
    pub async fn customer_file(&self, customer_id: &str) -> DeskResult<CustomerFileView> {
        let file = self.client().await?.customer_file(customer_id).await?;
        self.with_desk(|desk, disposition| desk.customer_file_view(file, disposition)).await
    }

    /// The contact request's "Preview record": the record the hub matched for a conversation
    /// offered to this agent, masked like every record, before Accept.
    pub async fn offer_record(&self, conversation_id: &str) -> DeskResult<CustomerFileView> {
        let file = self.client().await?.conversation_record(conversation_id).await?;
        self.with_desk(|desk, disposition| desk.customer_file_view(file, disposition)).await
    }

    /// The chat log the hub wrote when the conversation ended.
    pub async fn chat_log(&self, conversation_id: &str) -> DeskResult<CaseView> {
        let case = self.client().await?.chat_log(conversation_id).await?;
        self.case_view(case).await
    }

    pub async fn case(&self, case_id: &str) -> DeskResult<CaseView> {
        let case = self.client().await?.case(case_id).await?;
        self.case_view(case).await
    }

    /// Saves a chat log on a record (`customer-required` without one), or as a draft.
    pub async fn save_case(&self, case_id: &str, update: CaseUpdate) -> DeskResult<CaseView> {
        let case = self.client().await?.update_case(case_id, &update).await?;
        self.case_view(case).await
    }

    /// This agent's draft chat logs, newest first.
    pub async fn draft_cases(&self) -> DeskResult<Vec<CaseSummaryView>> {
        let cases = self.client().await?.draft_cases().await?;
        self.with_desk(|desk, disposition| desk.case_summary_views(cases, disposition)).await
    }

    /// A case with the record it is attached to (the view mode names the customer).
    async fn case_view(&self, case: Case) -> DeskResult<CaseView> {
        let customer = match &case.summary.customer_id {
            Some(id) => match self.client().await?.customer_file(id).await {
                Ok(file) => Some(file.record),
                // A record removed since: the chat log is still worth showing.
                Err(DeskError::Hub(error)) if error.code == ErrorCode::NotFound => None,
                Err(error) => return Err(error),
            },
            None => None,
        };
        self.with_desk(|desk, disposition| desk.case_view(case, customer, disposition)).await
    }

    /// Runs `build` with the desk (whose redactor masks) and the dispositions' labels in the
    /// agent's language. Never held across a request to the hub.
    async fn with_desk<T>(
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

    /// The agent typed in the compose box. At most one signal per conversation every few
    /// seconds reaches the hub, sent in the background: typing must never wait on the
    /// network, and a lost signal only means the customer sees "typing…" a little later.
    pub async fn agent_typing(&self, conversation_id: &str) -> DeskResult<()> {
        let client = self.client().await?;
        if !self.typing.lock().expect("typing lock").should_send(conversation_id, session::now()) {
            return Ok(());
        }
        let conversation_id = conversation_id.to_owned();
        tauri::async_runtime::spawn(async move {
            if let Err(error) = client.typing(&conversation_id).await {
                tracing::debug!(%error, "typing signal not delivered");
            }
        });
        Ok(())
    }

    pub async fn masking_state(&self) -> DeskResult<MaskingState> {
        let session = self.session.lock().await;
        let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
        Ok(MaskingState { enabled: session.settings.mask_sensitive_data })
    }

    /// The compose box's count and problem for a draft of this conversation, by desk-core's
    /// rules (the webview never restates them).
    pub async fn check_draft(&self, conversation_id: &str, text: &str) -> DeskResult<DraftCheck> {
        let desk = self.desk().await?;
        let max_chars = desk
            .lock()
            .await
            .max_message_chars_of(conversation_id)
            .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
        Ok(compose::inspect(text, max_chars))
    }

    /// Checks the draft against the conversation's rules (and asks for confirmation before a card
    /// number or IBAN goes to a customer), then sends it under the agent's client id (a retry
    /// with the same id never duplicates the message).
    pub async fn send_message<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        conversation_id: &str,
        text: &str,
        client_id: &str,
        payment_data_confirmed: bool,
    ) -> DeskResult<MessageView> {
        let desk = self.desk().await?;
        let max_chars = desk
            .lock()
            .await
            .max_message_chars_of(conversation_id)
            .ok_or_else(|| DeskError::Hub(not_found(conversation_id)))?;
        compose::check(text, max_chars)?;
        if !payment_data_confirmed && compose::holds_payment_data(&self.draft_check, text) {
            return Err(DeskError::PaymentDataUnconfirmed);
        }
        let request =
            SendMessageRequest { client_id: client_id.to_owned(), text: text.trim().to_owned() };
        let sent = self.client().await?.send_message(conversation_id, &request).await?;
        let message_id = sent.id.clone();
        let event = hub_protocol::AgentEvent {
            id: 0,
            at: sent.sent_at,
            body: hub_protocol::AgentEventBody::MessageAdded { message: sent },
        };
        // The hub's answer is the hub's confirmation: show it now, and the stream's copy of
        // the same message (same id) will change nothing. So the task row hears of it from
        // here (its waiting time ends with this reply), whichever copy came first.
        let mut desk = desk.lock().await;
        for change in desk.ingest(event, session::now()) {
            crate::events::desk_change(app, &change);
        }
        desk.messages(conversation_id)
            .and_then(|messages| messages.into_iter().find(|message| message.id == message_id))
            .ok_or_else(|| DeskError::Protocol("sent message missing".into()))
    }

    /// Sends a failed WhatsApp or Messenger reply again. The hub sets it back to sending and
    /// says so on the stream, like every later receipt.
    pub async fn retry_message(&self, conversation_id: &str, message_id: &str) -> DeskResult<()> {
        self.client().await?.retry_message(conversation_id, message_id).await.map(drop)
    }

    pub async fn messages(&self, conversation_id: &str) -> DeskResult<Vec<MessageView>> {
        let desk = self.desk().await?;
        let messages = desk.lock().await.messages(conversation_id);
        messages.ok_or_else(|| DeskError::Hub(not_found(conversation_id)))
    }

    pub async fn mark_read(&self, conversation_id: &str) -> DeskResult<Option<TaskView>> {
        let desk = self.desk().await?;
        let task = desk.lock().await.mark_read(conversation_id);
        Ok(task)
    }

    pub fn locale_view(&self) -> LocaleView {
        let l10n = self.localizer();
        LocaleView {
            locale: l10n.locale(),
            dir: l10n.direction(),
            available: desk_core::l10n::available_locales(),
        }
    }

    pub fn set_locale(&self, locale: &str) -> LocaleView {
        *self.l10n.write().expect("l10n lock") = Arc::new(Localizer::negotiate(&[locale]));
        self.update_settings(|settings| settings.locale = Some(locale.to_owned()));
        self.locale_view()
    }

    pub fn localize(&self, requests: &[L10nRequest]) -> Vec<Option<Localized>> {
        let l10n = self.localizer();
        requests
            .iter()
            .map(|request| {
                let args: Vec<(&str, Arg)> = request
                    .args
                    .iter()
                    .map(|(name, value)| {
                        let arg = match value {
                            serde_json::Value::Number(number) => {
                                Arg::Number(number.as_f64().unwrap_or_default())
                            }
                            serde_json::Value::String(text) => Arg::Text(text.clone()),
                            other => Arg::Text(other.to_string()),
                        };
                        (name.as_str(), arg)
                    })
                    .collect();
                l10n.localize(&request.id, &args)
            })
            .collect()
    }

    // Assigned queues and the FAQ.

    /// "My assigned queues", as the hub has them now.
    pub async fn my_queues(&self) -> DeskResult<AssignedQueues> {
        self.client().await?.my_queues().await
    }

    /// The agent confirmed which assigned queues offer them chats; routing follows at once.
    pub async fn set_my_queues(&self, enabled: Vec<String>) -> DeskResult<AssignedQueues> {
        self.client().await?.set_my_queues(&SetQueuesRequest { enabled }).await
    }

    /// The FAQ answers for a conversation the agent holds that match `query`, filled in.
    /// The FAQ (and the queues' languages) are fetched from the hub once per session.
    pub async fn faq_answers(
        &self,
        conversation_id: &str,
        query: &str,
    ) -> DeskResult<Vec<FaqResultView>> {
        let (client, faq) = {
            let session = self.session.lock().await;
            let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
            (session.client.clone(), Arc::clone(&session.faq))
        };
        let book = faq
            .get_or_try_init(|| async {
                let (answers, queues) = tokio::try_join!(client.faq(), client.queues())?;
                Ok::<_, DeskError>(FaqBook::new(answers, &queues))
            })
            .await?;
        let desk = self.desk().await?;
        let results = desk.lock().await.faq_results(book, conversation_id, query);
        results.ok_or_else(|| DeskError::Hub(not_found(conversation_id)))
    }

    async fn client(&self) -> DeskResult<HubClient> {
        let session = self.session.lock().await;
        Ok(session.as_ref().ok_or(DeskError::NotSignedIn)?.client.clone())
    }

    async fn desk(&self) -> DeskResult<Arc<Mutex<desk_core::desk::Desk>>> {
        let session = self.session.lock().await;
        Ok(Arc::clone(&session.as_ref().ok_or(DeskError::NotSignedIn)?.desk))
    }
}

fn label(l10n: &Localizer, reasons: &[Reason]) -> Vec<ReasonView> {
    reasons
        .iter()
        .map(|reason| ReasonView {
            id: reason.id.clone(),
            label: l10n.pick(&reason.labels).unwrap_or(&reason.id).to_owned(),
        })
        .collect()
}

fn not_found(conversation_id: &str) -> hub_protocol::ApiError {
    hub_protocol::ApiError {
        code: hub_protocol::ErrorCode::NotFound,
        message: format!("no conversation {conversation_id} on this desk"),
    }
}

/// The keyring key for a hub: the embedded hub is one place whatever port it got.
fn hub_key(hub: &HubChoice) -> String {
    match hub {
        HubChoice::Embedded => "embedded".to_owned(),
        HubChoice::Remote { url } => url.trim().trim_end_matches('/').to_owned(),
    }
}

async fn keyring_password(hub: &str, username: &str) -> DeskResult<String> {
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
async fn remember(
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
