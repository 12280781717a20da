//! The hub's configuration: queues, agents, reasons and admin settings, read from TOML.
//!
//! Configuration is what an admin edits by hand, so it is validated as a whole when it is
//! read: a typo in a queue id must stop the hub at start with a message naming the agent and
//! the id, not surface later as an agent who silently never gets a conversation.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use argon2::password_hash::PasswordHash;
use hub_protocol::{AgentState, Channel, HubSettings, Reason};
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
    pub mask_sensitive_data: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            accept_timeout_secs: 30,
            agents_may_reject: true,
            capacity: 6,
            missed_offer_state: "rona".to_owned(),
            mask_sensitive_data: true,
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
}

fn livechat() -> Channel {
    Channel::Livechat
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

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
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
    #[error("{kind} {id:?} has no labels")]
    NoLabels { kind: &'static str, id: String },
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
        Self::from_toml_str(DEMO_TOML).expect("the shipped demo.toml is valid")
    }

    /// The demo configuration as TOML text.
    pub fn demo_toml() -> &'static str {
        DEMO_TOML
    }

    /// Checks every cross-reference. [`HubConfig::from_toml_str`] calls it; call it again
    /// after changing a configuration in code (the hub does, at start).
    pub fn validate(&self) -> Result<(), ConfigError> {
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

    pub fn queue(&self, id: &str) -> Option<&QueueConfig> {
        self.queues.iter().find(|q| q.id == id)
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
        }
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
        assert!(c.settings.mask_sensitive_data);
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
    fn duplicate_ids_and_bad_hashes_are_refused() {
        let mut c = HubConfig::from_toml_str(&config("", r#"["web"]"#, BREAK)).unwrap();
        c.agents.push(c.agents[0].clone());
        assert!(matches!(c.validate(), Err(ConfigError::Duplicate { kind: "agent", .. })));
        c.agents.pop();
        c.agents[0].password_hash = "demo".into();
        assert!(matches!(c.validate(), Err(ConfigError::InvalidPasswordHash { .. })));
    }
}
