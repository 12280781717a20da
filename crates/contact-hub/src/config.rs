//! The hub's configuration: queues, agents, reasons and admin settings, read from TOML.
//!
//! Configuration is what an admin edits by hand, so it is validated as a whole when it is
//! read: a typo in a queue id must stop the hub at start with a message naming the agent and
//! the id, not surface later as an agent who silently never gets a conversation.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use argon2::password_hash::PasswordHash;
use hub_protocol::{
    AgentState, Channel, ChatLogMode, ChatLogPolicy, FaqAnswer, HubSettings, QueueKind, Reason,
};
use serde::{Deserialize, Serialize};

/// The demo configuration shipped with the hub (and embedded in the desk).
const DEMO_TOML: &str = include_str!("../demo.toml");

/// Everything the hub is configured with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubConfig {
    #[serde(default)]
    pub settings: Settings,
    /// The first Livechat queue is where the widget puts a conversation that names none.
    #[serde(default)]
    pub queues: Vec<QueueConfig>,
    #[serde(default)]
    pub agents: Vec<AgentConfig>,
    #[serde(default)]
    pub wrapup_reasons: Vec<ReasonConfig>,
    /// The first idle code is the state an agent lands in after signing in.
    #[serde(default)]
    pub idle_codes: Vec<ReasonConfig>,
    /// WhatsApp and Messenger (`[channels.whatsapp]`, `[channels.messenger]`); a channel that
    /// is not configured answers its webhook with 404.
    #[serde(default)]
    pub channels: ChannelsConfig,
    /// Prepared answers the agents insert (`[[faq]]`), per language.
    #[serde(default)]
    pub faq: Vec<FaqConfig>,
    /// Abuse limits (`[limits]`): every unauthenticated door is limited; the defaults suit a
    /// contact centre of a few hundred agents behind one address.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// How the hub serves (`[server]`): TLS, timeouts, connections.
    #[serde(default)]
    pub server: ServerConfig,
    /// The Livechat page (`[widget]`).
    #[serde(default)]
    pub widget: WidgetConfig,
    /// Started as the demo (`--demo`, the desk's embedded hub): only then, and only on
    /// loopback, may agents keep the demo's published passwords (finding M4).
    #[serde(skip)]
    pub demo: bool,
}

/// The Livechat page (`[widget]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WidgetConfig {
    /// Customer sites allowed to show `/chat` in a frame (`frame-ancestors`), as origins:
    /// `https://shop.example`, `https://*.shop.example:8443`. Empty (the default): no site
    /// may frame it.
    pub frame_ancestors: Vec<String>,
}

/// Whether `origin` is a `scheme://host[:port]` a CSP source list can hold as it is.
fn is_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else { return false };
    let host_ok = |host: &str| {
        let host = host.strip_prefix("*.").unwrap_or(host);
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    matches!(scheme, "https" | "http")
        && host_ok(host)
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// How the hub serves (`[server]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// TLS certificate chain (PEM). With `tls_key_file`, the hub serves HTTPS only and sends
    /// `Strict-Transport-Security`; a hub anyone but its own computer reaches needs it.
    pub tls_cert_file: Option<PathBuf>,
    /// TLS private key (PEM, PKCS#8, PKCS#1 or SEC1).
    pub tls_key_file: Option<PathBuf>,
    /// `Strict-Transport-Security: max-age` when TLS is on.
    pub hsts_max_age_secs: u32,
    /// Connections served at once; more wait in the kernel's backlog.
    pub max_connections: u32,
    /// Time a client has to send a request's headers (and a TLS handshake) before the
    /// connection is closed (slow clients, "slowloris").
    pub header_read_timeout_secs: u32,
    /// Time a request (body included) may take, event streams excepted.
    pub request_timeout_secs: u32,
    /// Host names (without port) the hub answers to; empty: any. The desk's embedded hub
    /// lists its loopback names, so a web page that rebinds its own name to 127.0.0.1 (DNS
    /// rebinding) is refused.
    pub allowed_hosts: Vec<String>,
    /// Several hub nodes on one database run the offer clock and the webhook inbox and send
    /// outbox workers once: the node holding a worker's lease renews it every third of this
    /// time; when a node dies, another takes its workers over once this time has passed.
    pub worker_lease_secs: u32,
    /// 0: this hub is the only node on its database, and the events of its transitions go
    /// straight to its streams. Several nodes on one database: each node relays the events
    /// table to its streams in id order, reading what is new this often (in milliseconds),
    /// and at once after its own transitions.
    pub cluster_poll_ms: u32,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            tls_cert_file: None,
            tls_key_file: None,
            hsts_max_age_secs: 31_536_000,
            max_connections: 10_000,
            header_read_timeout_secs: 10,
            request_timeout_secs: 30,
            allowed_hosts: Vec::new(),
            worker_lease_secs: 15,
            cluster_poll_ms: 0,
        }
    }
}

impl ServerConfig {
    /// The certificate and key files, when TLS is configured.
    pub fn tls(&self) -> Option<(&Path, &Path)> {
        Some((self.tls_cert_file.as_deref()?, self.tls_key_file.as_deref()?))
    }
}

/// Abuse limits (`[limits]`). Rates are per minute with a burst of the same size (a token
/// bucket, `governor`); a request over a limit is answered `429 rate-limited` with
/// `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Reverse proxies whose `X-Forwarded-For` names the real client (their own addresses,
    /// e.g. `["127.0.0.1"]`); empty: the peer address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Sign-in attempts per client address (IPv6: per /64) a minute.
    pub login_per_ip_per_minute: u32,
    /// Sign-in attempts per user name a minute, whoever makes them.
    pub login_per_username_per_minute: u32,
    /// Password checks (argon2, 19 MiB each) running at once; more wait their turn.
    pub password_checks_at_once: u32,
    /// How long a sign-in waits for a password check slot before `429`.
    pub password_check_wait_secs: u32,
    /// Livechat starts per client address a minute.
    pub widget_starts_per_ip_per_minute: u32,
    /// Customer messages per client address a minute.
    pub widget_messages_per_ip_per_minute: u32,
    /// Customer messages per conversation a minute.
    pub widget_messages_per_conversation_per_minute: u32,
    /// Customer typing signals per client address a minute.
    pub widget_typing_per_ip_per_minute: u32,
    /// Customer typing signals per conversation a minute.
    pub widget_typing_per_conversation_per_minute: u32,
    /// Stream tickets (what the widget's event stream URL carries) per client address a
    /// minute.
    pub widget_tickets_per_ip_per_minute: u32,
    /// Stream tickets per conversation a minute (a widget asks one each time it (re)opens its
    /// stream).
    pub widget_tickets_per_conversation_per_minute: u32,
    /// How long a stream ticket is valid; it opens one stream, once.
    pub stream_ticket_secs: u32,
    /// Chats waiting in one queue at most; a new one is refused while it is full.
    pub waiting_chats_per_queue: u32,
    /// A Livechat chat nobody accepted in this time ends, with a message to the customer.
    pub waiting_chat_expiry_secs: u32,
    /// A session (bearer token) ends this long after sign-in, whatever happens.
    pub session_lifetime_hours: u32,
    /// A session ends after this long without a request or an open event stream.
    pub session_idle_minutes: u32,
    /// Event streams one session holds open at once; another is refused until one closes.
    pub streams_per_session: u32,
    /// Live events an event stream may fall behind before it reads them from the database
    /// instead (outside the hub's lock); nothing is lost either way. Each followed recipient's
    /// channel holds this many slots (and the last events' bodies) for as long as a stream is
    /// open: 64 keeps 10,000 open streams near 5 MB of buffers, where 1,024 took about 700 MB
    /// (issue 16), and an agent's desk is rarely more than a few events behind.
    pub stream_buffer_events: u32,
    /// Closed conversations (messages, chat logs, events) are erased this many days after
    /// they closed; 0 keeps them.
    pub retention_days: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            login_per_ip_per_minute: 30,
            login_per_username_per_minute: 10,
            password_checks_at_once: 4,
            password_check_wait_secs: 10,
            widget_starts_per_ip_per_minute: 10,
            widget_messages_per_ip_per_minute: 120,
            widget_messages_per_conversation_per_minute: 30,
            widget_typing_per_ip_per_minute: 240,
            widget_typing_per_conversation_per_minute: 60,
            widget_tickets_per_ip_per_minute: 60,
            widget_tickets_per_conversation_per_minute: 20,
            stream_ticket_secs: 30,
            waiting_chats_per_queue: 200,
            waiting_chat_expiry_secs: 900,
            session_lifetime_hours: 24,
            session_idle_minutes: 240,
            streams_per_session: 4,
            stream_buffer_events: 64,
            retention_days: 0,
        }
    }
}

/// A FAQ answer (`[[faq]]`). `text` may hold `{firstName}`, `{name}`, `{agentName}` and
/// `{agentFirstName}`, which the desk fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqConfig {
    pub id: String,
    /// BCP 47, matched by the desk against the conversation's queue language.
    pub language: String,
    pub title: String,
    pub text: String,
}

impl FaqConfig {
    pub fn to_answer(&self) -> FaqAnswer {
        FaqAnswer {
            id: self.id.clone(),
            language: self.language.clone(),
            title: self.title.clone(),
            text: self.text.clone(),
        }
    }
}

/// The platform channels (`[channels]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelsConfig {
    #[serde(default)]
    pub whatsapp: Option<WhatsappConfig>,
    #[serde(default)]
    pub messenger: Option<MessengerConfig>,
}

/// The Graph API the hub talks to unless a channel names another (tests point it at a local
/// recorder; a proxy or a newer API version is a configuration change).
pub const DEFAULT_GRAPH_BASE_URL: &str = "https://graph.facebook.com/v23.0";

fn default_graph_base_url() -> String {
    DEFAULT_GRAPH_BASE_URL.to_owned()
}

/// WhatsApp Cloud API (`[channels.whatsapp]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatsappConfig {
    /// The Meta app's secret: webhooks are signed with it.
    pub app_secret: SecretSource,
    /// The token the webhook verification handshake must present.
    pub verify_token: SecretSource,
    /// The system user's access token for `/{phone-number-id}/messages`.
    pub access_token: SecretSource,
    #[serde(default = "default_graph_base_url")]
    pub graph_base_url: String,
    /// Where conversations go unless their business number has its own queue.
    pub queue: String,
    #[serde(default)]
    pub numbers: Vec<WhatsappNumberConfig>,
}

/// A business phone number with its own queue (`[[channels.whatsapp.numbers]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatsappNumberConfig {
    pub phone_number_id: String,
    pub queue: String,
}

/// Messenger Platform (`[channels.messenger]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessengerConfig {
    pub app_secret: SecretSource,
    pub verify_token: SecretSource,
    /// The page access token for `/me/messages`, unless a page has its own.
    pub access_token: SecretSource,
    #[serde(default = "default_graph_base_url")]
    pub graph_base_url: String,
    /// Where conversations go unless their page has its own queue.
    pub queue: String,
    #[serde(default)]
    pub pages: Vec<MessengerPageConfig>,
}

/// A Facebook page (`[[channels.messenger.pages]]`): its name for the desk, its queue and
/// its own access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessengerPageConfig {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub queue: Option<String>,
    #[serde(default)]
    pub access_token: Option<SecretSource>,
}

/// Where a secret comes from: the configuration file itself (`"..."`) or, better, the
/// environment (`{ env = "HUB_WHATSAPP_APP_SECRET" }`), so the file can be shared.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SecretSource {
    Env { env: String },
    Value(String),
}

impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Env { env } => write!(f, "env({env})"),
            Self::Value(_) => f.write_str("<secret>"),
        }
    }
}

impl SecretSource {
    /// The secret itself. `what` names the setting in the error.
    pub fn resolve(&self, what: &str) -> Result<Secret, ConfigError> {
        let value = match self {
            Self::Value(value) => value.clone(),
            Self::Env { env } => std::env::var(env).map_err(|_| ConfigError::MissingSecret {
                what: what.to_owned(),
                env: env.clone(),
            })?,
        };
        if value.is_empty() {
            return Err(ConfigError::EmptySecret { what: what.to_owned() });
        }
        Ok(Secret(value))
    }
}

/// A resolved secret. Its `Debug` never shows it, so it cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<secret>")
    }
}

/// Admin settings (`[settings]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// How long an offer waits for Accept before it is withdrawn.
    pub accept_timeout_secs: u32,
    pub agents_may_reject: bool,
    /// Conversations an agent holds at once (offered + active + wrap-up), unless the agent
    /// has their own `capacity`.
    pub capacity: u32,
    /// Where an agent goes after missing an offer: `"rona"`, `"working-offline"` or the id
    /// of an idle code.
    pub missed_offer_state: String,
    /// Where an agent goes after rejecting a contact offer: `"available"` (they stay as they
    /// are), `"working-offline"` or the id of an idle code.
    pub rejected_offer_state: String,
    pub mask_sensitive_data: bool,
    /// Whether agents enable and disable their assigned queues themselves ("My assigned
    /// queues"); otherwise every assigned queue offers them chats.
    pub agents_may_choose_queues: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            accept_timeout_secs: 30,
            agents_may_reject: true,
            capacity: 6,
            missed_offer_state: "rona".to_owned(),
            rejected_offer_state: "available".to_owned(),
            mask_sensitive_data: true,
            agents_may_choose_queues: false,
        }
    }
}

/// A queue (`[[queues]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueConfig {
    pub id: String,
    pub name: String,
    #[serde(default = "livechat")]
    pub channel: Channel,
    /// The market's language (BCP 47).
    pub language: String,
    /// `"standard"` (the channel's message limit) or `"chat-window"` (1940 characters a
    /// message, whatever the channel).
    #[serde(default)]
    pub kind: QueueKind,
    /// Whether wrap-up needs a disposition (a wrap-up reason) in this queue.
    #[serde(default = "yes")]
    pub disposition_required: bool,
    /// Who gets the queue's next chat: `"longest-idle"` (the default, as the product
    /// documents it) or `"least-busy"`; any other value is refused when the file is read.
    #[serde(default)]
    pub routing: crate::routing::Rule,
    /// Whether the hub writes a chat log (a case) when a conversation of this queue ends:
    /// `"automatic"` (the default) or `"none"`. Without one, the wrap-up is a single step
    /// (the disposition and "Submit wrap-up").
    #[serde(default)]
    pub chat_log: ChatLogPolicy,
    /// How the wrap-up's second step opens the chat log: `"auto"` (the default: view mode
    /// when it is already saved on the customer's record, edit mode otherwise), `"view"` or
    /// `"edit"`.
    #[serde(default)]
    pub chat_log_mode: ChatLogMode,
}

fn livechat() -> Channel {
    Channel::Livechat
}

fn yes() -> bool {
    true
}

/// An agent (`[[agents]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Argon2 PHC string, as printed by `contact-hub hash-password`.
    pub password_hash: String,
    /// Queue ids the agent serves.
    pub queues: Vec<String>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub language: Option<String>,
    /// May manage the hub through the agent API (delete a queue).
    #[serde(default)]
    pub admin: bool,
}

/// A wrap-up reason or idle code with its label per language tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonConfig {
    pub id: String,
    pub labels: BTreeMap<String, String>,
}

impl ReasonConfig {
    pub fn to_reason(&self) -> Reason {
        Reason { id: self.id.clone(), labels: self.labels.clone() }
    }
}

/// The state an agent is put in after missing an offer, as validated from
/// [`Settings::missed_offer_state`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissedOfferState {
    Rona,
    WorkingOffline,
    Idle(String),
}

impl MissedOfferState {
    pub fn to_agent_state(&self) -> AgentState {
        match self {
            Self::Rona => AgentState::Rona,
            Self::WorkingOffline => AgentState::WorkingOffline,
            Self::Idle(code) => AgentState::Idle { code: code.clone() },
        }
    }
}

/// The state an agent is put in after rejecting a contact offer, as validated from
/// [`Settings::rejected_offer_state`]. `None` of these: the agent stays as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectedOfferState {
    /// The agent stays Available (the state they were offered the chat in).
    Available,
    WorkingOffline,
    Idle(String),
}

impl RejectedOfferState {
    /// The state to set, if the rejection changes it.
    pub fn to_agent_state(&self) -> Option<AgentState> {
        match self {
            Self::Available => None,
            Self::WorkingOffline => Some(AgentState::WorkingOffline),
            Self::Idle(code) => Some(AgentState::Idle { code: code.clone() }),
        }
    }
}

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("[limits]/[server] {0} must be at least 1")]
    ZeroLimit(&'static str),
    #[error("[server] needs both tls_cert_file and tls_key_file, or neither")]
    HalfTls,
    #[error(
        "agents {agents} have the demo's published password; give them their own \
         (contact-hub hash-password), or run the demo (--demo) on a loopback address"
    )]
    DemoPasswords { agents: String },
    #[error("[widget] frame_ancestors: {0:?} is not an origin such as https://shop.example")]
    BadOrigin(String),
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the configuration is not valid TOML for the hub: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("no queues are configured")]
    NoQueues,
    #[error("no idle codes are configured (agents land in the first one after sign-in)")]
    NoIdleCodes,
    #[error("{kind} id {id:?} is used more than once")]
    Duplicate { kind: &'static str, id: String },
    #[error("{kind} id must not be empty")]
    EmptyId { kind: &'static str },
    #[error("agent {agent:?} serves queue {queue:?}, which is not configured")]
    UnknownQueue { agent: String, queue: String },
    #[error("agent {agent:?} has a password_hash that is not an argon2 PHC string: {reason}")]
    InvalidPasswordHash { agent: String, reason: String },
    #[error("{what} must be at least 1")]
    Zero { what: String },
    #[error(
        "settings.missed_offer_state {0:?} is neither \"rona\", \"working-offline\" nor an idle code id"
    )]
    UnknownMissedOfferState(String),
    #[error(
        "settings.rejected_offer_state {0:?} is neither \"available\", \"working-offline\" nor an idle code id"
    )]
    UnknownRejectedOfferState(String),
    #[error("FAQ answer {0:?} has an empty language, title or text")]
    EmptyFaq(String),
    #[error("{kind} {id:?} has no labels")]
    NoLabels { kind: &'static str, id: String },
    #[error("{what} comes from the environment variable {env}, which is not set")]
    MissingSecret { what: String, env: String },
    #[error("{what} is empty")]
    EmptySecret { what: String },
    #[error("{what} names queue {queue:?}, which is not a configured {channel:?} queue")]
    ChannelQueue { what: String, queue: String, channel: Channel },
    #[error("{what} {url:?} is not an http(s) URL")]
    InvalidUrl { what: String, url: String },
}

impl HubConfig {
    /// Parses and validates a TOML configuration.
    pub fn from_toml_str(s: &str) -> Result<Self, ConfigError> {
        let config: HubConfig = toml::from_str(s)?;
        config.validate()?;
        Ok(config)
    }

    /// Reads, parses and validates a TOML configuration file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        Self::from_toml_str(&text)
    }

    /// The shipped demo configuration (`demo.toml`): six market queues and seven agents whose
    /// password is `demo`.
    pub fn demo() -> Self {
        let mut demo = Self::from_toml_str(DEMO_TOML).expect("the shipped demo.toml is valid");
        demo.demo = true;
        demo
    }

    /// The demo configuration as TOML text, without the demo's password hashes: a hub
    /// started from it needs `contact-hub hash-password` for each agent first.
    pub fn demo_toml() -> String {
        DEMO_TOML
            .lines()
            .map(|line| {
                if line.starts_with("password_hash = ") {
                    "password_hash = \"\"  # echo -n 'a password' | contact-hub hash-password"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }

    /// Agents whose password is the demo's published one (their hash is from `demo.toml`).
    pub fn agents_with_demo_passwords(&self) -> Vec<&str> {
        let demo = Self::from_toml_str(DEMO_TOML).expect("the shipped demo.toml is valid");
        let hashes: HashSet<&str> = demo.agents.iter().map(|a| a.password_hash.as_str()).collect();
        self.agents
            .iter()
            .filter(|a| hashes.contains(a.password_hash.as_str()))
            .map(|a| a.id.as_str())
            .collect()
    }

    /// Refuses the demo's passwords unless this is the demo on loopback (finding M4).
    pub fn check_demo_passwords(&self, listen: std::net::SocketAddr) -> Result<(), ConfigError> {
        let agents = self.agents_with_demo_passwords();
        if agents.is_empty() || (self.demo && listen.ip().is_loopback()) {
            return Ok(());
        }
        Err(ConfigError::DemoPasswords { agents: agents.join(", ") })
    }

    /// Checks every cross-reference. [`HubConfig::from_toml_str`] calls it; call it again
    /// after changing a configuration in code (the hub does, at start).
    pub fn validate(&self) -> Result<(), ConfigError> {
        let limits = &self.limits;
        for (name, value) in [
            ("login_per_ip_per_minute", limits.login_per_ip_per_minute),
            ("login_per_username_per_minute", limits.login_per_username_per_minute),
            ("password_checks_at_once", limits.password_checks_at_once),
            ("widget_starts_per_ip_per_minute", limits.widget_starts_per_ip_per_minute),
            ("widget_messages_per_ip_per_minute", limits.widget_messages_per_ip_per_minute),
            (
                "widget_messages_per_conversation_per_minute",
                limits.widget_messages_per_conversation_per_minute,
            ),
            ("widget_typing_per_ip_per_minute", limits.widget_typing_per_ip_per_minute),
            (
                "widget_typing_per_conversation_per_minute",
                limits.widget_typing_per_conversation_per_minute,
            ),
            ("widget_tickets_per_ip_per_minute", limits.widget_tickets_per_ip_per_minute),
            (
                "widget_tickets_per_conversation_per_minute",
                limits.widget_tickets_per_conversation_per_minute,
            ),
            ("stream_ticket_secs", limits.stream_ticket_secs),
            ("waiting_chats_per_queue", limits.waiting_chats_per_queue),
            ("waiting_chat_expiry_secs", limits.waiting_chat_expiry_secs),
            ("session_lifetime_hours", limits.session_lifetime_hours),
            ("session_idle_minutes", limits.session_idle_minutes),
            ("streams_per_session", limits.streams_per_session),
            ("stream_buffer_events", limits.stream_buffer_events),
        ] {
            if value == 0 {
                return Err(ConfigError::ZeroLimit(name));
            }
        }
        if let Some(bad) = self.widget.frame_ancestors.iter().find(|o| !is_origin(o)) {
            return Err(ConfigError::BadOrigin(bad.clone()));
        }
        if self.server.tls_cert_file.is_some() != self.server.tls_key_file.is_some() {
            return Err(ConfigError::HalfTls);
        }
        for (name, value) in [
            ("max_connections", self.server.max_connections),
            ("header_read_timeout_secs", self.server.header_read_timeout_secs),
            ("request_timeout_secs", self.server.request_timeout_secs),
            ("worker_lease_secs", self.server.worker_lease_secs),
        ] {
            if value == 0 {
                return Err(ConfigError::ZeroLimit(name));
            }
        }
        if self.queues.is_empty() {
            return Err(ConfigError::NoQueues);
        }
        if self.idle_codes.is_empty() {
            return Err(ConfigError::NoIdleCodes);
        }
        unique_ids("queue", self.queues.iter().map(|q| q.id.as_str()))?;
        unique_ids("agent", self.agents.iter().map(|a| a.id.as_str()))?;
        unique_ids("agent username", self.agents.iter().map(|a| a.username.as_str()))?;
        unique_ids("wrap-up reason", self.wrapup_reasons.iter().map(|r| r.id.as_str()))?;
        unique_ids("idle code", self.idle_codes.iter().map(|r| r.id.as_str()))?;
        for (kind, reasons) in
            [("wrap-up reason", &self.wrapup_reasons), ("idle code", &self.idle_codes)]
        {
            if let Some(r) = reasons.iter().find(|r| r.labels.is_empty()) {
                return Err(ConfigError::NoLabels { kind, id: r.id.clone() });
            }
        }
        if self.settings.accept_timeout_secs == 0 {
            return Err(ConfigError::Zero { what: "settings.accept_timeout_secs".into() });
        }
        if self.settings.capacity == 0 {
            return Err(ConfigError::Zero { what: "settings.capacity".into() });
        }
        for agent in &self.agents {
            if let Some(queue) = agent.queues.iter().find(|q| self.queue(q).is_none()) {
                return Err(ConfigError::UnknownQueue {
                    agent: agent.id.clone(),
                    queue: queue.clone(),
                });
            }
            if agent.capacity == Some(0) {
                return Err(ConfigError::Zero {
                    what: format!("capacity of agent {:?}", agent.id),
                });
            }
            PasswordHash::new(&agent.password_hash).map_err(|e| {
                ConfigError::InvalidPasswordHash { agent: agent.id.clone(), reason: e.to_string() }
            })?;
        }
        self.missed_offer_state()?;
        self.rejected_offer_state()?;
        unique_ids("FAQ answer", self.faq.iter().map(|f| f.id.as_str()))?;
        if let Some(faq) = self
            .faq
            .iter()
            .find(|f| [&f.language, &f.title, &f.text].iter().any(|field| field.trim().is_empty()))
        {
            return Err(ConfigError::EmptyFaq(faq.id.clone()));
        }
        self.validate_channels()
    }

    fn validate_channels(&self) -> Result<(), ConfigError> {
        let queue_of = |what: String, queue: &str, channel: Channel| match self.queue(queue) {
            Some(q) if q.channel == channel => Ok(()),
            _ => Err(ConfigError::ChannelQueue { what, queue: queue.to_owned(), channel }),
        };
        let url = |what: &str, url: &str| {
            if url.starts_with("http://") || url.starts_with("https://") {
                Ok(())
            } else {
                Err(ConfigError::InvalidUrl { what: what.to_owned(), url: url.to_owned() })
            }
        };
        if let Some(wa) = &self.channels.whatsapp {
            wa.app_secret.resolve("channels.whatsapp.app_secret")?;
            wa.verify_token.resolve("channels.whatsapp.verify_token")?;
            wa.access_token.resolve("channels.whatsapp.access_token")?;
            url("channels.whatsapp.graph_base_url", &wa.graph_base_url)?;
            queue_of("channels.whatsapp.queue".into(), &wa.queue, Channel::Whatsapp)?;
            for number in &wa.numbers {
                let what = format!("WhatsApp number {}", number.phone_number_id);
                queue_of(what, &number.queue, Channel::Whatsapp)?;
            }
        }
        if let Some(ms) = &self.channels.messenger {
            ms.app_secret.resolve("channels.messenger.app_secret")?;
            ms.verify_token.resolve("channels.messenger.verify_token")?;
            ms.access_token.resolve("channels.messenger.access_token")?;
            url("channels.messenger.graph_base_url", &ms.graph_base_url)?;
            queue_of("channels.messenger.queue".into(), &ms.queue, Channel::Messenger)?;
            unique_ids("Messenger page", ms.pages.iter().map(|p| p.id.as_str()))?;
            for page in &ms.pages {
                if let Some(queue) = &page.queue {
                    queue_of(format!("Messenger page {}", page.id), queue, Channel::Messenger)?;
                }
                if let Some(token) = &page.access_token {
                    token.resolve(&format!("access_token of Messenger page {}", page.id))?;
                }
            }
        }
        Ok(())
    }

    /// What `settings.missed_offer_state` means.
    pub fn missed_offer_state(&self) -> Result<MissedOfferState, ConfigError> {
        let value = self.settings.missed_offer_state.as_str();
        match value {
            "rona" | "RONA" => Ok(MissedOfferState::Rona),
            "working-offline" => Ok(MissedOfferState::WorkingOffline),
            code if self.idle_code(code).is_some() => Ok(MissedOfferState::Idle(code.to_owned())),
            other => Err(ConfigError::UnknownMissedOfferState(other.to_owned())),
        }
    }

    /// What `settings.rejected_offer_state` means.
    pub fn rejected_offer_state(&self) -> Result<RejectedOfferState, ConfigError> {
        match self.settings.rejected_offer_state.as_str() {
            "available" => Ok(RejectedOfferState::Available),
            "working-offline" => Ok(RejectedOfferState::WorkingOffline),
            code if self.idle_code(code).is_some() => Ok(RejectedOfferState::Idle(code.to_owned())),
            other => Err(ConfigError::UnknownRejectedOfferState(other.to_owned())),
        }
    }

    pub fn queue(&self, id: &str) -> Option<&QueueConfig> {
        self.queues.iter().find(|q| q.id == id)
    }

    /// The routing rule of a queue; the default for one no longer configured, which
    /// routing never offers anyway (it has no agents).
    pub fn routing_rule(&self, queue_id: &str) -> crate::routing::Rule {
        self.queue(queue_id).map(|q| q.routing).unwrap_or_default()
    }

    /// Whether a queue's conversations get a chat log; automatic for one no longer
    /// configured (as before the setting existed).
    pub fn chat_log(&self, queue_id: &str) -> ChatLogPolicy {
        self.queue(queue_id).map(|q| q.chat_log).unwrap_or_default()
    }

    /// How the wrap-up shows a queue's chat log; `auto` for one no longer configured.
    pub fn chat_log_mode(&self, queue_id: &str) -> ChatLogMode {
        self.queue(queue_id).map(|q| q.chat_log_mode).unwrap_or_default()
    }

    pub fn agent(&self, id: &str) -> Option<&AgentConfig> {
        self.agents.iter().find(|a| a.id == id)
    }

    pub fn agent_by_username(&self, username: &str) -> Option<&AgentConfig> {
        self.agents.iter().find(|a| a.username == username)
    }

    pub fn idle_code(&self, id: &str) -> Option<&ReasonConfig> {
        self.idle_codes.iter().find(|r| r.id == id)
    }

    pub fn wrapup_reason(&self, id: &str) -> Option<&ReasonConfig> {
        self.wrapup_reasons.iter().find(|r| r.id == id)
    }

    /// Where the widget puts a conversation that names no queue: the first Livechat queue.
    pub fn default_livechat_queue(&self) -> Option<&QueueConfig> {
        self.queues.iter().find(|q| q.channel == Channel::Livechat)
    }

    /// The idle code an agent lands in after signing in.
    pub fn sign_in_idle_code(&self) -> &ReasonConfig {
        &self.idle_codes[0]
    }

    /// An agent's capacity: their own, else the hub's.
    pub fn capacity_of(&self, agent: &AgentConfig) -> u32 {
        agent.capacity.unwrap_or(self.settings.capacity)
    }

    /// The settings the desk must honour.
    pub fn hub_settings(&self) -> HubSettings {
        HubSettings {
            accept_timeout_secs: self.settings.accept_timeout_secs,
            agents_may_reject: self.settings.agents_may_reject,
            mask_sensitive_data: self.settings.mask_sensitive_data,
            agents_may_choose_queues: self.settings.agents_may_choose_queues,
        }
    }
}

impl WhatsappConfig {
    /// The queue for a conversation that came to this business number.
    pub fn queue_for(&self, phone_number_id: &str) -> &str {
        self.numbers
            .iter()
            .find(|n| n.phone_number_id == phone_number_id)
            .map_or(self.queue.as_str(), |n| n.queue.as_str())
    }
}

impl MessengerConfig {
    pub fn page(&self, page_id: &str) -> Option<&MessengerPageConfig> {
        self.pages.iter().find(|p| p.id == page_id)
    }

    /// The queue for a conversation that came to this page.
    pub fn queue_for(&self, page_id: &str) -> &str {
        self.page(page_id).and_then(|p| p.queue.as_deref()).unwrap_or(&self.queue)
    }

    /// The access token for replying as this page.
    pub fn access_token_for(&self, page_id: &str) -> &SecretSource {
        self.page(page_id).and_then(|p| p.access_token.as_ref()).unwrap_or(&self.access_token)
    }
}

fn unique_ids<'a>(
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<(), ConfigError> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(ConfigError::EmptyId { kind });
        }
        if !seen.insert(id) {
            return Err(ConfigError::Duplicate { kind, id: id.to_owned() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$vmROif2lcitDkDko0xKcPg$BwG7Q+7gFDW6yvxWcvxK1lRAo11pjUvq/+LF70lX2LQ";

    fn config(settings: &str, agent_queues: &str, idle_codes: &str) -> String {
        format!(
            r#"
            [settings]
            {settings}

            [[queues]]
            id = "web"
            name = "Web"
            language = "en-US"

            [[agents]]
            id = "a"
            username = "a"
            display_name = "A"
            password_hash = "{HASH}"
            queues = {agent_queues}

            {idle_codes}
            "#
        )
    }

    const BREAK: &str = r#"[[idle_codes]]
            id = "break"
            labels = { "en-US" = "Break" }"#;

    #[test]
    fn the_demo_configuration_is_valid() {
        let demo = HubConfig::demo();
        assert_eq!(demo.queues.len(), 6);
        assert_eq!(demo.agents.len(), 7);
        assert_eq!(demo.default_livechat_queue().unwrap().id, demo.queues[0].id);
        for agent in &demo.agents {
            assert!(agent.queues.contains(&demo.queues[0].id), "{} serves English", agent.id);
        }
        for reason in demo.wrapup_reasons.iter().chain(&demo.idle_codes) {
            for lang in ["en-US", "fi", "de", "it", "ar", "fr", "fr-CA"] {
                assert!(reason.labels.contains_key(lang), "{} lacks {lang}", reason.id);
            }
        }
    }

    #[test]
    fn defaults_apply_when_settings_are_absent() {
        let c = HubConfig::from_toml_str(&config("", r#"["web"]"#, BREAK)).unwrap();
        assert_eq!(c.settings, Settings::default());
        assert_eq!(c.settings.accept_timeout_secs, 30);
        assert!(c.settings.agents_may_reject);
        assert_eq!(c.settings.capacity, 6);
        assert_eq!(c.missed_offer_state().unwrap(), MissedOfferState::Rona);
        assert_eq!(c.rejected_offer_state().unwrap(), RejectedOfferState::Available);
        assert!(c.settings.mask_sensitive_data);
        assert!(!c.settings.agents_may_choose_queues);
        assert_eq!(c.queues[0].kind, QueueKind::Standard);
        assert!(c.queues[0].disposition_required);
        assert_eq!(c.queues[0].routing, crate::routing::Rule::LongestIdle);
        assert_eq!(c.queues[0].chat_log, ChatLogPolicy::Automatic);
        assert_eq!(c.queues[0].chat_log_mode, ChatLogMode::Auto);
        assert!(c.faq.is_empty());
    }

    #[test]
    fn a_queue_names_its_routing_rule_and_nothing_else_is_taken() {
        let with = |value: &str| {
            config("", r#"["web"]"#, BREAK).replace(
                r#"language = "en-US""#,
                &format!("language = \"en-US\"\nrouting = {value}"),
            )
        };
        let c = HubConfig::from_toml_str(&with(r#""least-busy""#)).unwrap();
        assert_eq!(c.routing_rule("web"), crate::routing::Rule::LeastBusy);
        let c = HubConfig::from_toml_str(&with(r#""longest-idle""#)).unwrap();
        assert_eq!(c.routing_rule("web"), crate::routing::Rule::LongestIdle);
        for bad in [r#""fewest-chats""#, r#""Least-Busy""#, r#""""#, "1"] {
            let err = HubConfig::from_toml_str(&with(bad)).unwrap_err();
            assert!(matches!(err, ConfigError::Parse(_)), "{bad}: unexpected {err:?}");
        }
    }

    #[test]
    fn a_queue_names_its_chat_log_and_its_mode_and_nothing_else_is_taken() {
        let with = |lines: &str| {
            config("", r#"["web"]"#, BREAK)
                .replace(r#"language = "en-US""#, &format!("language = \"en-US\"\n{lines}"))
        };
        let c = HubConfig::from_toml_str(&with(r#"chat_log = "none""#)).unwrap();
        assert_eq!(c.chat_log("web"), ChatLogPolicy::None);
        assert_eq!(c.chat_log_mode("web"), ChatLogMode::Auto);
        let c =
            HubConfig::from_toml_str(&with("chat_log = \"automatic\"\nchat_log_mode = \"edit\""))
                .unwrap();
        assert_eq!(c.chat_log("web"), ChatLogPolicy::Automatic);
        assert_eq!(c.chat_log_mode("web"), ChatLogMode::Edit);
        let c = HubConfig::from_toml_str(&with(r#"chat_log_mode = "view""#)).unwrap();
        assert_eq!(c.chat_log_mode("web"), ChatLogMode::View);
        assert_eq!(c.chat_log("gone"), ChatLogPolicy::Automatic, "a queue no longer configured");
        for bad in [
            r#"chat_log = "manual""#,
            r#"chat_log = "None""#,
            "chat_log = false",
            r#"chat_log_mode = "read""#,
            r#"chat_log_mode = """#,
        ] {
            let err = HubConfig::from_toml_str(&with(bad)).unwrap_err();
            assert!(matches!(err, ConfigError::Parse(_)), "{bad}: unexpected {err:?}");
        }
    }

    /// Each case: settings, the agent's queues, idle codes, and what must be refused.
    #[test]
    fn invalid_configurations_are_refused_with_a_typed_error() {
        type Check = fn(&ConfigError) -> bool;
        let cases: &[(&str, &str, &str, Check)] = &[
            (
                "",
                r#"["web", "nope"]"#,
                BREAK,
                |e| matches!(e, ConfigError::UnknownQueue { agent, queue } if agent == "a" && queue == "nope"),
            ),
            ("", r#"["web"]"#, "", |e| matches!(e, ConfigError::NoIdleCodes)),
            (
                r#"missed_offer_state = "coffee""#,
                r#"["web"]"#,
                BREAK,
                |e| matches!(e, ConfigError::UnknownMissedOfferState(s) if s == "coffee"),
            ),
            (
                r#"rejected_offer_state = "rona""#,
                r#"["web"]"#,
                BREAK,
                |e| matches!(e, ConfigError::UnknownRejectedOfferState(s) if s == "rona"),
            ),
            ("capacity = 0", r#"["web"]"#, BREAK, |e| matches!(e, ConfigError::Zero { .. })),
            ("accept_timeout_secs = 0", r#"["web"]"#, BREAK, |e| {
                matches!(e, ConfigError::Zero { .. })
            }),
            ("unknown_setting = 1", r#"["web"]"#, BREAK, |e| matches!(e, ConfigError::Parse(_))),
        ];
        for (settings, queues, idle, check) in cases {
            let err = HubConfig::from_toml_str(&config(settings, queues, idle)).unwrap_err();
            assert!(check(&err), "{settings:?} {queues:?}: unexpected {err:?}");
        }
    }

    #[test]
    fn missed_offer_state_accepts_an_idle_code_or_working_offline() {
        let c = HubConfig::from_toml_str(&config(
            r#"missed_offer_state = "break""#,
            r#"["web"]"#,
            BREAK,
        ))
        .unwrap();
        assert_eq!(c.missed_offer_state().unwrap(), MissedOfferState::Idle("break".into()));
        let c = HubConfig::from_toml_str(&config(
            r#"missed_offer_state = "working-offline""#,
            r#"["web"]"#,
            BREAK,
        ))
        .unwrap();
        assert_eq!(c.missed_offer_state().unwrap(), MissedOfferState::WorkingOffline);
    }

    #[test]
    fn rejected_offer_state_accepts_an_idle_code_or_working_offline() {
        for (value, expected) in [
            ("break", RejectedOfferState::Idle("break".into())),
            ("working-offline", RejectedOfferState::WorkingOffline),
            ("available", RejectedOfferState::Available),
        ] {
            let settings = format!("rejected_offer_state = {value:?}");
            let c = HubConfig::from_toml_str(&config(&settings, r#"["web"]"#, BREAK)).unwrap();
            assert_eq!(c.rejected_offer_state().unwrap(), expected);
        }
    }

    #[test]
    fn the_demo_faq_answers_every_language_and_names_its_placeholders_right() {
        let demo = HubConfig::demo();
        for lang in ["en-US", "fi", "de", "it", "ar", "fr", "fr-CA"] {
            let answers: Vec<_> = demo.faq.iter().filter(|f| f.language == lang).collect();
            assert!((4..=6).contains(&answers.len()), "{lang} has {} answers", answers.len());
        }
        let known = ["{firstName}", "{name}", "{agentName}", "{agentFirstName}"];
        for faq in &demo.faq {
            let mut rest = faq.text.as_str();
            while let Some(start) = rest.find('{') {
                let end = rest[start..].find('}').map(|e| start + e + 1).expect("closed");
                assert!(known.contains(&&rest[start..end]), "{}: {}", faq.id, &rest[start..end]);
                rest = &rest[end..];
            }
        }
        assert!(demo.faq.iter().any(|f| f.text.contains("{agentFirstName}")));
        let fr = demo.queue("livechat-fr").unwrap();
        assert_eq!((fr.kind, fr.disposition_required), (QueueKind::ChatWindow, false));
        assert_eq!(fr.chat_log, ChatLogPolicy::None, "the 8x8-style market keeps no chat log");
        assert_eq!(demo.chat_log("livechat-en"), ChatLogPolicy::Automatic);
        assert!(demo.settings.agents_may_choose_queues);
    }

    #[test]
    fn faq_answers_need_unique_ids_and_text() {
        let faq = r#"
            [[faq]]
            id = "hours"
            language = "en-US"
            title = "Opening hours"
            text = "We are open 9–17."
            "#;
        let base = config("", r#"["web"]"#, BREAK);
        let c = HubConfig::from_toml_str(&format!("{base}\n{faq}")).unwrap();
        assert_eq!(c.faq[0].to_answer().title, "Opening hours");
        let twice = format!("{base}\n{faq}\n{faq}");
        assert!(matches!(
            HubConfig::from_toml_str(&twice),
            Err(ConfigError::Duplicate { kind: "FAQ answer", .. })
        ));
        let empty = format!("{base}\n{}", faq.replace("We are open 9–17.", " "));
        assert!(matches!(HubConfig::from_toml_str(&empty), Err(ConfigError::EmptyFaq(_))));
    }

    const CHANNEL_QUEUES: &str = r#"
            [[queues]]
            id = "wa"
            name = "WhatsApp"
            channel = "whatsapp"
            language = "en-US"

            [[queues]]
            id = "fb"
            name = "Messenger"
            channel = "messenger"
            language = "en-US""#;

    #[test]
    fn channel_secrets_come_from_the_file_or_the_environment() {
        let base = config("", r#"["web"]"#, BREAK);
        let channels = r#"
            [channels.whatsapp]
            app_secret = { env = "CONTACT_HUB_TEST_WA_SECRET" }
            verify_token = "let-me-in"
            access_token = "EAAG"
            graph_base_url = "http://127.0.0.1:9/v23.0"
            queue = "wa"

            [channels.messenger]
            app_secret = "s"
            verify_token = "v"
            access_token = "page-token"
            queue = "fb"

            [[channels.messenger.pages]]
            id = "1234"
            name = "Acme"
            access_token = "other-page-token"
            "#;
        let text = format!("{base}\n{CHANNEL_QUEUES}\n{channels}");
        // The variable is used by this test only.
        std::env::remove_var("CONTACT_HUB_TEST_WA_SECRET");
        let err = HubConfig::from_toml_str(&text).unwrap_err();
        assert!(
            matches!(&err, ConfigError::MissingSecret { env, .. } if env == "CONTACT_HUB_TEST_WA_SECRET"),
            "{err}"
        );
        std::env::set_var("CONTACT_HUB_TEST_WA_SECRET", "from-env");
        let c = HubConfig::from_toml_str(&text).unwrap();
        let wa = c.channels.whatsapp.as_ref().unwrap();
        assert_eq!(wa.app_secret.resolve("x").unwrap().expose(), "from-env");
        assert_eq!(wa.queue_for("anything"), "wa");
        let ms = c.channels.messenger.as_ref().unwrap();
        assert_eq!(ms.graph_base_url, DEFAULT_GRAPH_BASE_URL);
        assert_eq!(ms.access_token_for("1234").resolve("x").unwrap().expose(), "other-page-token");
        assert_eq!(ms.access_token_for("999").resolve("x").unwrap().expose(), "page-token");
        // Secrets never show in debug output (which is what logs print).
        let debug = format!("{c:?} {:?}", wa.app_secret.resolve("x").unwrap());
        assert!(
            !debug.contains("from-env") && !debug.contains("EAAG") && !debug.contains("let-me-in")
        );
        // A channel's queue must be a queue of that channel.
        let wrong = text.replace("queue = \"fb\"", "queue = \"web\"");
        assert!(matches!(HubConfig::from_toml_str(&wrong), Err(ConfigError::ChannelQueue { .. })));
    }

    #[test]
    fn duplicate_ids_and_bad_hashes_are_refused() {
        let mut c = HubConfig::from_toml_str(&config("", r#"["web"]"#, BREAK)).unwrap();
        c.agents.push(c.agents[0].clone());
        assert!(matches!(c.validate(), Err(ConfigError::Duplicate { kind: "agent", .. })));
        c.agents.pop();
        c.agents[0].password_hash = "demo".into();
        assert!(matches!(c.validate(), Err(ConfigError::InvalidPasswordHash { .. })));
    }
}
