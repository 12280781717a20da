//! WhatsApp and Messenger conversations: webhooks in, Graph send API out.
//!
//! **In.** The HTTP handler checks the `X-Hub-Signature-256` of the raw body before anything
//! is parsed, refuses a body it cannot read, stores the body in the SQLite inbox and answers
//! 200 at once (the platforms give up on slow endpoints and retry). The inbox worker then
//! applies stored bodies in arrival order, one transaction each, deleting the body in the
//! same transaction: a crash between the 200 and the work loses nothing, and no body is
//! applied twice. The platforms' own retries and duplicates are caught by the platform
//! message id (`wamid`, `mid`), unique in the messages table. Receipts only move forward
//! ([`DeliveryStatus::may_become`]), so their order of arrival does not matter, and one
//! that overtakes the send API's answer waits in `early_receipts` for its message.
//!
//! **Out.** An agent's reply is checked against the reply window, stored with delivery
//! `Sending` and queued in the outbox in the transaction that writes it. The outbox worker
//! sends queued replies in order, *outside* the hub's lock, and records the platform's
//! answer (its message id, or a failure with an [`ErrorCode`]) in a second transaction. A
//! failed reply stays in the thread with its error until the agent retries it.

use std::sync::{Arc, Weak};
use std::time::Duration;

use hub_protocol::{
    Author, Channel, ChannelAccount, ConversationState, Customer, Delivery, DeliveryStatus,
    ErrorCode, Message, Millis, SystemEvent,
};
use tokio::sync::{watch, Notify};

use super::checks::invalid_state;
use super::leases::{renew_interval, Worker};
use super::transition::Transition;
use super::{Hub, Inner};
use crate::channels::{
    messenger, signature, whatsapp, ChannelEvent, InboundContent, InboundMessage,
};
use crate::config::{HubConfig, MessengerConfig, Secret, WhatsappConfig};
use crate::error::HubError;
use crate::store::{ConversationRow, PlatformParty};

/// How long one send-API call may take before the reply is marked unreachable.
const SEND_TIMEOUT: Duration = Duration::from_secs(20);

/// The channels' secrets, resolved once at start (configuration validation already proved
/// they resolve), and the HTTP client for the send APIs.
pub(crate) struct Platforms {
    whatsapp: Option<WhatsappLink>,
    messenger: Option<MessengerLink>,
    http: reqwest::Client,
}

struct WhatsappLink {
    config: WhatsappConfig,
    app_secret: Secret,
    verify_token: Secret,
    access_token: Secret,
}

struct MessengerLink {
    config: MessengerConfig,
    app_secret: Secret,
    verify_token: Secret,
}

impl Platforms {
    pub(crate) fn new(config: &HubConfig) -> Result<Self, HubError> {
        let whatsapp = match &config.channels.whatsapp {
            Some(wa) => Some(WhatsappLink {
                app_secret: wa.app_secret.resolve("channels.whatsapp.app_secret")?,
                verify_token: wa.verify_token.resolve("channels.whatsapp.verify_token")?,
                access_token: wa.access_token.resolve("channels.whatsapp.access_token")?,
                config: wa.clone(),
            }),
            None => None,
        };
        let messenger = match &config.channels.messenger {
            Some(ms) => Some(MessengerLink {
                app_secret: ms.app_secret.resolve("channels.messenger.app_secret")?,
                verify_token: ms.verify_token.resolve("channels.messenger.verify_token")?,
                config: ms.clone(),
            }),
            None => None,
        };
        let http = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .build()
            .map_err(|e| HubError::Internal(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self { whatsapp, messenger, http })
    }

    fn secrets(&self, channel: Channel) -> Result<(&Secret, &Secret), HubError> {
        match channel {
            Channel::Whatsapp => self
                .whatsapp
                .as_ref()
                .map(|w| (&w.app_secret, &w.verify_token))
                .ok_or(HubError::ChannelNotConfigured("WhatsApp")),
            Channel::Messenger => self
                .messenger
                .as_ref()
                .map(|m| (&m.app_secret, &m.verify_token))
                .ok_or(HubError::ChannelNotConfigured("Messenger")),
            Channel::Livechat => Err(HubError::ChannelNotConfigured("Livechat")),
        }
    }
}

impl Hub {
    /// The webhook verification handshake: the platform's challenge, when `mode` is
    /// `subscribe` and the token matches the configured one (compared in constant time).
    pub fn verify_webhook(
        &self,
        channel: Channel,
        mode: Option<&str>,
        token: Option<&str>,
        challenge: Option<&str>,
    ) -> Result<Option<String>, HubError> {
        let (_, verify_token) = self.inner.platforms.secrets(channel)?;
        let valid = mode == Some("subscribe")
            && token.is_some_and(|t| signature::token_matches(verify_token.expose(), t));
        Ok(if valid { challenge.map(str::to_owned) } else { None })
    }

    /// Takes a webhook body: the signature is checked on the raw bytes before anything is
    /// parsed; a body that is not the platform's shape is refused; otherwise it is stored for
    /// the inbox worker and the platform can have its 200.
    /// Whether a webhook for `channel` is worth reading at all (finding L3): the channel is
    /// configured and the request carries a signature. Checked before the body is read, so
    /// an unconfigured channel or an unsigned request costs no 8 MiB read nor HMAC.
    pub fn admit_webhook(
        &self,
        channel: Channel,
        signature_header: Option<&str>,
    ) -> Result<(), HubError> {
        if signature_header.is_none_or(|s| s.trim().is_empty()) {
            return Err(HubError::InvalidSignature("missing"));
        }
        self.inner.platforms.secrets(channel)?;
        Ok(())
    }

    pub fn receive_webhook(
        &self,
        channel: Channel,
        body: &[u8],
        signature_header: Option<&str>,
    ) -> Result<(), HubError> {
        let (app_secret, _) = self.inner.platforms.secrets(channel)?;
        signature::verify(app_secret.expose().as_bytes(), body, signature_header)
            .map_err(|e| HubError::InvalidSignature(signature_problem(&e)))?;
        parse(channel, body)?;
        self.transact(|t| {
            t.inbox_changed = true;
            t.store.push_inbox(channel, body, t.now)
        })
    }

    /// Sends a failed reply again (the same message, with its id).
    pub fn retry_message(
        &self,
        agent_id: &str,
        conversation_id: &str,
        message_id: &str,
    ) -> Result<Message, HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if conversation.agent_id.as_deref() != Some(agent_id) {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            let message = t.store.message(message_id)?;
            if message.conversation_id != conversation.id {
                return Err(HubError::not_found("message", message_id));
            }
            match &message.delivery {
                Some(d) if d.status == DeliveryStatus::Failed => {}
                Some(_) => return Ok(message),
                None => {
                    return Err(HubError::InvalidRequest(
                        "only a WhatsApp or Messenger reply that failed can be retried".into(),
                    ))
                }
            }
            if conversation.state != ConversationState::Active {
                return Err(invalid_state(&conversation, "written to by the agent"));
            }
            t.check_reply_window(&conversation)?;
            let sending = Delivery { status: DeliveryStatus::Sending, error: None, at: t.now };
            let message = t.set_delivery(&conversation, message, sending)?;
            t.store.push_outbox(&message.id)?;
            t.outbox_changed = true;
            Ok(message)
        })
    }

    /// Applies the oldest stored webhook body; `false` when the inbox is empty.
    fn apply_next_webhook(&self) -> Result<bool, HubError> {
        self.transact(|t| {
            if !t.hold(Worker::WebhookInbox)? {
                return Ok(false);
            }
            let Some((seq, channel, body)) = t.store.next_inbox()? else { return Ok(false) };
            t.store.delete_inbox(seq)?;
            match parse(channel, &body) {
                Ok(events) => {
                    for event in events {
                        t.apply_channel_event(channel, event)?;
                    }
                    t.route()?;
                }
                // It parsed when it came in; a newer hub may read it differently. Keeping
                // it would block the inbox for good.
                Err(error) => tracing::error!(%error, seq, "dropping an unreadable webhook body"),
            }
            Ok(true)
        })
    }

    /// Sends the oldest queued reply; `false` when the outbox is empty.
    async fn send_next_reply(&self) -> Result<bool, HubError> {
        let next = |t: &mut Transition<'_>| {
            if !t.hold(Worker::SendOutbox)? {
                return Ok(None);
            }
            t.next_send_request(&self.inner.platforms)
        };
        let Some(request) = self.transact(next)? else {
            return Ok(false);
        };
        let outcome = send(&self.inner.platforms.http, &request).await;
        self.transact(|t| {
            t.store.delete_outbox(&request.message_id)?;
            let message = t.store.message(&request.message_id)?;
            let conversation = t.store.conversation(&message.conversation_id)?;
            match outcome {
                Ok(platform_id) => {
                    match t.store.message_by_platform_id(&platform_id)? {
                        // The platform never reuses an id; if it ever did, the reply is
                        // still sent, only its receipts cannot be told apart.
                        Some(other) if other.id != message.id => tracing::warn!(
                            %platform_id,
                            "the platform gave a reply the id of an earlier message"
                        ),
                        _ => t.store.set_platform_id(&message.id, &platform_id)?,
                    }
                    let sent = Delivery { status: DeliveryStatus::Sent, error: None, at: t.now };
                    let message = t.set_delivery(&conversation, message, sent)?;
                    // A receipt may have overtaken the answer.
                    if let Some(early) = t.store.early_receipt(&platform_id)? {
                        t.store.delete_early_receipt(&platform_id)?;
                        t.set_delivery(&conversation, message, early)?;
                    }
                }
                Err(code) => {
                    tracing::warn!(message = %message.id, code = code.as_str(), "reply not sent");
                    let failed =
                        Delivery { status: DeliveryStatus::Failed, error: Some(code), at: t.now };
                    t.set_delivery(&conversation, message, failed)?;
                }
            }
            Ok(true)
        })
    }
}

fn signature_problem(error: &signature::SignatureError) -> &'static str {
    match error {
        signature::SignatureError::Missing => "missing",
        signature::SignatureError::Malformed => "malformed",
        signature::SignatureError::Mismatch => "not the body's",
    }
}

fn parse(channel: Channel, body: &[u8]) -> Result<Vec<ChannelEvent>, HubError> {
    let parsed = match channel {
        Channel::Whatsapp => whatsapp::parse(body),
        Channel::Messenger => messenger::parse(body),
        Channel::Livechat => return Err(HubError::ChannelNotConfigured("Livechat")),
    };
    parsed.map_err(|e| HubError::InvalidRequest(format!("not a {channel:?} webhook body: {e}")))
}

/// One reply on its way to a platform.
struct SendRequest {
    message_id: String,
    url: String,
    token: Secret,
    body: serde_json::Value,
    channel: Channel,
}

async fn send(http: &reqwest::Client, request: &SendRequest) -> Result<String, ErrorCode> {
    // The token goes in a header, never in the URL, so it cannot reach a log line.
    let response = http
        .post(&request.url)
        .bearer_auth(request.token.expose())
        .json(&request.body)
        .send()
        .await
        .map_err(|error| {
            tracing::warn!(error = %error.without_url(), "send API unreachable");
            ErrorCode::ChannelUnreachable
        })?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|_| ErrorCode::ChannelUnreachable)?;
    let answer = match request.channel {
        Channel::Whatsapp => whatsapp::parse_send_response(status, &body),
        _ => messenger::parse_send_response(status, &body),
    };
    answer.map_err(|error| {
        tracing::warn!(code = error.code, subcode = ?error.subcode, title = %error.title, "send API refused a reply");
        error.error_code(request.channel)
    })
}

impl Transition<'_> {
    /// The reply window must be open for an agent to write on WhatsApp or Messenger.
    pub(super) fn check_reply_window(
        &self,
        conversation: &ConversationRow,
    ) -> Result<(), HubError> {
        let Some(last) = conversation.last_customer_message_at else {
            return match conversation.channel {
                Channel::Livechat => Ok(()),
                _ => Err(HubError::MessagingWindowClosed(conversation.id.clone())),
            };
        };
        match conversation.channel.reply_window(last) {
            Some(window) if !window.is_open(self.now) => {
                Err(HubError::MessagingWindowClosed(conversation.id.clone()))
            }
            _ => Ok(()),
        }
    }

    /// Changes a reply's delivery (if the receipt moves it forward) and tells its agent.
    fn set_delivery(
        &mut self,
        conversation: &ConversationRow,
        mut message: Message,
        delivery: Delivery,
    ) -> Result<Message, HubError> {
        // A retry is `failed → sending`, which `may_become` allows like any forward step.
        if let Some(current) = &message.delivery {
            if !current.status.may_become(delivery.status) {
                return Ok(message);
            }
        }
        self.store.set_delivery(&message.id, &delivery)?;
        message.delivery = Some(delivery.clone());
        if let Some(agent_id) = &conversation.agent_id {
            if matches!(conversation.state, ConversationState::Active | ConversationState::WrapUp) {
                self.emit_agent(
                    agent_id,
                    hub_protocol::AgentEventBody::DeliveryChanged {
                        conversation_id: conversation.id.clone(),
                        message_id: message.id.clone(),
                        delivery,
                    },
                )?;
            }
        }
        Ok(message)
    }

    fn apply_channel_event(
        &mut self,
        channel: Channel,
        event: ChannelEvent,
    ) -> Result<(), HubError> {
        match event {
            ChannelEvent::Inbound(message) => self.receive_inbound(channel, message),
            ChannelEvent::Receipt(receipt) => {
                if let Some(error) = &receipt.error {
                    tracing::info!(code = error.code, title = %error.title, "delivery failed");
                }
                let delivery = Delivery {
                    status: receipt.status,
                    error: receipt.error.as_ref().map(|e| e.error_code(channel)),
                    at: receipt.at,
                };
                self.apply_receipt(&receipt.platform_id, delivery)
            }
            ChannelEvent::Watermark(mark) => {
                for platform_id in &mark.mids {
                    let delivery =
                        Delivery { status: mark.status, error: None, at: mark.watermark };
                    self.apply_receipt(platform_id, delivery)?;
                }
                let conversations = self.store.platform_conversations(
                    channel,
                    &mark.account_id,
                    &mark.customer_id,
                )?;
                for conversation in conversations {
                    for message in self.store.messages(&conversation.id)? {
                        let sent = message
                            .delivery
                            .as_ref()
                            .is_some_and(|d| d.status != DeliveryStatus::Sending);
                        if sent && message.sent_at <= mark.watermark {
                            let delivery =
                                Delivery { status: mark.status, error: None, at: mark.watermark };
                            self.set_delivery(&conversation, message, delivery)?;
                        }
                    }
                }
                Ok(())
            }
            ChannelEvent::Echo(echo) => {
                if !self.store.platform_id_known(&echo.platform_id)? {
                    // The page answered from another tool (the Page inbox): not ours to show.
                    tracing::debug!(mid = %echo.platform_id, "echo of a message sent elsewhere");
                }
                Ok(())
            }
            ChannelEvent::PlatformError(error) => {
                tracing::warn!(code = error.code, title = %error.title, details = ?error.details, "platform reported an error");
                Ok(())
            }
        }
    }

    fn apply_receipt(&mut self, platform_id: &str, delivery: Delivery) -> Result<(), HubError> {
        match self.store.message_by_platform_id(platform_id)? {
            Some(message) => {
                let conversation = self.store.conversation(&message.conversation_id)?;
                self.set_delivery(&conversation, message, delivery)?;
            }
            None => {
                let keep = match self.store.early_receipt(platform_id)? {
                    Some(early) => early.status.may_become(delivery.status),
                    None => true,
                };
                if keep {
                    self.store.put_early_receipt(platform_id, &delivery)?;
                }
            }
        }
        Ok(())
    }

    /// A customer wrote: into their open conversation, or a new one in the queue of the
    /// number or page they wrote to. A platform id seen before is a retry and changes
    /// nothing.
    fn receive_inbound(
        &mut self,
        channel: Channel,
        inbound: InboundMessage,
    ) -> Result<(), HubError> {
        if self.store.platform_id_known(&inbound.platform_id)? {
            return Ok(());
        }
        let conversation = match self.store.open_platform_conversation(
            channel,
            &inbound.account_id,
            &inbound.customer_id,
        )? {
            Some(conversation) => conversation,
            None if self.asset_retired(channel, &inbound.account_id)? => {
                // Still a 200 for Meta (the body was taken); nobody will answer here.
                tracing::warn!(
                    ?channel,
                    account = %inbound.account_id,
                    "a customer wrote to a number or page taken out of service: no conversation started"
                );
                return Ok(());
            }
            None => self.start_platform_conversation(channel, &inbound)?,
        };
        self.store.set_last_customer_message_at(&conversation.id, inbound.sent_at)?;
        let conversation = self.store.conversation(&conversation.id)?;
        let (text, system, caption) = match inbound.content {
            InboundContent::Text(text) => (text, None, None),
            InboundContent::Unsupported { kind, caption } => {
                (String::new(), Some(SystemEvent::UnsupportedContent { content: kind }), caption)
            }
        };
        let author = if system.is_some() { Author::System } else { Author::Customer };
        let message = self.write_platform_message(
            &conversation,
            author,
            text,
            system,
            inbound.sent_at,
            &inbound.platform_id,
        )?;
        self.announce_message(&conversation, &message)?;
        if let Some(caption) = caption.filter(|c| !c.trim().is_empty()) {
            let platform_id = format!("{}#caption", inbound.platform_id);
            let message = self.write_platform_message(
                &conversation,
                Author::Customer,
                caption,
                None,
                inbound.sent_at,
                &platform_id,
            )?;
            self.announce_message(&conversation, &message)?;
        }
        Ok(())
    }

    fn start_platform_conversation(
        &mut self,
        channel: Channel,
        inbound: &InboundMessage,
    ) -> Result<ConversationRow, HubError> {
        let (queue_id, account_name, phone) = match channel {
            Channel::Whatsapp => {
                let wa = self.config.channels.whatsapp.as_ref();
                let queue = wa.map_or("", |w| w.queue_for(&inbound.account_id)).to_owned();
                let display = inbound.account_display.clone().unwrap_or(inbound.account_id.clone());
                let phone = inbound
                    .customer_id
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    .then(|| format!("+{}", inbound.customer_id))
                    .filter(|p| p.len() > 1);
                (queue, format!("+{}", display.trim_start_matches('+')), phone)
            }
            _ => {
                let ms = self.config.channels.messenger.as_ref();
                let queue = ms.map_or("", |m| m.queue_for(&inbound.account_id)).to_owned();
                let name = ms
                    .and_then(|m| m.page(&inbound.account_id))
                    .map_or_else(|| inbound.account_id.clone(), |p| p.name.clone());
                (queue, name, None)
            }
        };
        let language = self.config.queue(&queue_id).map(|q| q.language.clone());
        let customer = Customer {
            name: inbound.customer_name.clone().unwrap_or_default(),
            email: None,
            phone,
            source: None,
            language: language.clone(),
            account: None,
            case_number: None,
            ip: None,
        };
        // WhatsApp gives the customer's number: their record is found by it.
        let record = self.match_record(&customer, language.as_deref(), false)?;
        let conversation = ConversationRow {
            id: uuid::Uuid::new_v4().to_string(),
            channel,
            queue_id,
            customer,
            // No widget: nobody holds a customer token for it.
            customer_token_hash: String::new(),
            state: ConversationState::Queued,
            agent_id: None,
            created_at: self.now,
            platform: Some(PlatformParty {
                account: ChannelAccount { id: inbound.account_id.clone(), name: account_name },
                customer: inbound.customer_id.clone(),
            }),
            last_customer_message_at: Some(inbound.sent_at),
            guest: None,
            interruption: None,
            ended_at: None,
            record,
        };
        self.store.insert_conversation(&conversation)?;
        Ok(conversation)
    }

    fn write_platform_message(
        &mut self,
        conversation: &ConversationRow,
        author: Author,
        text: String,
        system: Option<SystemEvent>,
        sent_at: Millis,
        platform_id: &str,
    ) -> Result<Message, HubError> {
        let mut message = self.new_message(conversation, author, text, system, None);
        message.sent_at = sent_at;
        self.store.insert_message(&message, Some(platform_id))?;
        Ok(message)
    }

    /// The next queued reply, ready to send. A reply whose conversation can no longer be
    /// answered this way fails here, without a call.
    fn next_send_request(
        &mut self,
        platforms: &Platforms,
    ) -> Result<Option<SendRequest>, HubError> {
        loop {
            let Some(message_id) = self.store.next_outbox()? else { return Ok(None) };
            let message = self.store.message(&message_id)?;
            let conversation = self.store.conversation(&message.conversation_id)?;
            match self.send_request(platforms, &conversation, &message) {
                Ok(request) => return Ok(Some(request)),
                Err(code) => {
                    self.store.delete_outbox(&message_id)?;
                    let failed = Delivery {
                        status: DeliveryStatus::Failed,
                        error: Some(code),
                        at: self.now,
                    };
                    self.set_delivery(&conversation, message, failed)?;
                }
            }
        }
    }

    fn send_request(
        &self,
        platforms: &Platforms,
        conversation: &ConversationRow,
        message: &Message,
    ) -> Result<SendRequest, ErrorCode> {
        let party = conversation.platform.as_ref().ok_or(ErrorCode::ChannelRejected)?;
        let window = conversation
            .last_customer_message_at
            .and_then(|last| conversation.channel.reply_window(last))
            .ok_or(ErrorCode::MessagingWindowClosed)?;
        if !window.is_open(self.now) {
            return Err(ErrorCode::MessagingWindowClosed);
        }
        match conversation.channel {
            Channel::Whatsapp => {
                let wa = platforms.whatsapp.as_ref().ok_or(ErrorCode::ChannelAuthFailed)?;
                Ok(SendRequest {
                    message_id: message.id.clone(),
                    url: format!(
                        "{}/{}/messages",
                        wa.config.graph_base_url.trim_end_matches('/'),
                        party.account.id
                    ),
                    token: wa.access_token.clone(),
                    body: whatsapp::send_text_body(&party.customer, &message.text),
                    channel: Channel::Whatsapp,
                })
            }
            Channel::Messenger => {
                let ms = platforms.messenger.as_ref().ok_or(ErrorCode::ChannelAuthFailed)?;
                let token = ms
                    .config
                    .access_token_for(&party.account.id)
                    .resolve("Messenger page access token")
                    .map_err(|_| ErrorCode::ChannelAuthFailed)?;
                let kind = if window.needs_human_agent_tag(self.now) {
                    messenger::MessagingType::HumanAgent
                } else {
                    messenger::MessagingType::Response
                };
                Ok(SendRequest {
                    message_id: message.id.clone(),
                    url: format!("{}/me/messages", ms.config.graph_base_url.trim_end_matches('/')),
                    token,
                    body: messenger::send_text_body(&party.customer, &message.text, kind),
                    channel: Channel::Messenger,
                })
            }
            Channel::Livechat => Err(ErrorCode::ChannelRejected),
        }
    }
}

/// The two platform workers: the inbox (apply webhook bodies) and the outbox (send replies).
/// Each sleeps until woken, drains its queue, and stops with the hub.
pub(super) fn spawn_workers(hub: &Hub) -> Vec<tokio::task::JoinHandle<()>> {
    let renew = renew_interval(hub.config());
    let inbox = tokio::spawn(run_worker(
        Arc::downgrade(&hub.inner),
        hub.inner.inbox_changed.clone(),
        hub.inner.shutdown.subscribe(),
        renew,
        |hub| Box::pin(async move { hub.apply_next_webhook() }),
    ));
    let outbox = tokio::spawn(run_worker(
        Arc::downgrade(&hub.inner),
        hub.inner.outbox_changed.clone(),
        hub.inner.shutdown.subscribe(),
        renew,
        |hub| Box::pin(async move { hub.send_next_reply().await }),
    ));
    vec![inbox, outbox]
}

type Step =
    fn(Hub) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<bool, HubError>> + Send>>;

async fn run_worker(
    hub: Weak<Inner>,
    woken: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
    renew: Duration,
    step: Step,
) {
    loop {
        // Drain: a step handles one item; work left from before a restart is done first.
        loop {
            let Some(inner) = hub.upgrade() else { return };
            let hub = Hub { inner };
            if hub.is_shutting_down() {
                return;
            }
            match step(hub).await {
                Ok(true) => continue,
                Ok(false) => break,
                Err(HubError::ShuttingDown) => return,
                Err(error) => {
                    tracing::error!(%error, "platform worker failed; retrying in a second");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    break;
                }
            }
        }
        tokio::select! {
            _ = woken.notified() => {}
            // Within the lease's renewal time: to keep it, to take it over from a node
            // that died, and to pick up what another node received.
            _ = tokio::time::sleep(renew) => {}
            _ = shutdown.wait_for(|stopping| *stopping) => return,
        }
    }
}
