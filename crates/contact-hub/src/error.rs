//! The hub's typed error. Every operation of the core returns it; the HTTP layer turns it
//! into the one wire shape (`hub_protocol::ApiError`) at the boundary and nowhere else.

use hub_protocol::ErrorCode;

use crate::config::ConfigError;

/// Everything that can go wrong in the hub.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("missing, unknown or revoked bearer token")]
    Unauthorized,
    #[error("wrong user name or password")]
    InvalidCredentials,
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    #[error("no {what} with id {id:?}")]
    NotFound { what: &'static str, id: String },
    #[error("the message has {chars} characters; this channel allows {limit}")]
    MessageTooLong { chars: usize, limit: usize },
    #[error("the message is empty")]
    MessageEmpty,
    #[error("the message contains < or >, which are reserved for template parameters")]
    ReservedCharacters,
    #[error("the offer for conversation {0} is no longer open")]
    OfferExpired(String),
    #[error("agents may not reject contact requests on this hub")]
    RejectNotAllowed,
    #[error("conversation {conversation_id} is {state}, so it cannot be {action}")]
    InvalidState { conversation_id: String, state: &'static str, action: &'static str },
    #[error("conversation {0} belongs to another agent")]
    NotYourConversation(String),
    #[error("case {0} belongs to another agent's conversation")]
    NotYourCase(String),
    #[error("an agent cannot set the state {0}; only the hub does")]
    InvalidAgentState(String),
    #[error("conversation {0} has ended")]
    ConversationEnded(String),
    #[error("the webhook signature is {0}")]
    InvalidSignature(&'static str),
    #[error("conversation {0}: the customer last wrote too long ago for a free-text reply")]
    MessagingWindowClosed(String),
    #[error("{0} is not Available with a free slot")]
    AgentUnavailable(String),
    #[error(
        "conversation {0} was interrupted (its queue was deleted or its channel asset taken \
         out of service); it can only be ended"
    )]
    ConversationInterrupted(String),
    #[error("the Livechat entry point {0} was taken out of service")]
    EntryPointClosed(String),
    #[error("only an admin may {0}")]
    Forbidden(&'static str),
    #[error("conversation {0}: its queue requires a disposition")]
    DispositionRequired(String),
    #[error("a chat log is saved on a customer's record; none was given")]
    CustomerRequired,
    #[error("the {0} channel is not configured on this hub")]
    ChannelNotConfigured(&'static str),
    #[error("too many requests; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("the hub is shutting down")]
    ShuttingDown,
    #[error("configuration: {0}")]
    Config(#[from] ConfigError),
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    /// With its causes: tokio-postgres's own message leaves out why (a refused
    /// certificate, an unknown host).
    #[cfg(feature = "postgres")]
    #[error("database: {}", with_causes(.0))]
    Postgres(#[from] tokio_postgres::Error),
    #[error(
        "the database was written by a newer hub (schema version {found}, this hub knows {known})"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("stored data is not valid: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl HubError {
    /// The wire code the desk maps to a Fluent message.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthorized => ErrorCode::Unauthorized,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::InvalidRequest(_) => ErrorCode::InvalidRequest,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::MessageTooLong { .. } => ErrorCode::MessageTooLong,
            Self::MessageEmpty => ErrorCode::MessageEmpty,
            Self::ReservedCharacters => ErrorCode::ReservedCharacters,
            Self::OfferExpired(_) => ErrorCode::OfferExpired,
            Self::RejectNotAllowed => ErrorCode::RejectNotAllowed,
            Self::InvalidState { .. } => ErrorCode::InvalidState,
            Self::NotYourConversation(_) => ErrorCode::NotYourConversation,
            Self::NotYourCase(_) => ErrorCode::NotYourCase,
            Self::InvalidAgentState(_) => ErrorCode::InvalidAgentState,
            Self::ConversationEnded(_) => ErrorCode::ConversationEnded,
            Self::InvalidSignature(_) => ErrorCode::InvalidSignature,
            Self::MessagingWindowClosed(_) => ErrorCode::MessagingWindowClosed,
            Self::AgentUnavailable(_) => ErrorCode::AgentUnavailable,
            Self::ConversationInterrupted(_) => ErrorCode::ConversationInterrupted,
            Self::EntryPointClosed(_) => ErrorCode::EntryPointClosed,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::DispositionRequired(_) => ErrorCode::DispositionRequired,
            Self::CustomerRequired => ErrorCode::CustomerRequired,
            Self::ChannelNotConfigured(_) => ErrorCode::NotFound,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::ShuttingDown
            | Self::Config(_)
            | Self::Database(_)
            | Self::SchemaTooNew { .. }
            | Self::Corrupt(_)
            | Self::Bind { .. }
            | Self::Io(_)
            | Self::Internal(_) => ErrorCode::Internal,
            #[cfg(feature = "postgres")]
            Self::Postgres(_) => ErrorCode::Internal,
        }
    }

    pub(crate) fn not_found(what: &'static str, id: &str) -> Self {
        Self::NotFound { what, id: id.to_owned() }
    }
}

/// An error's message followed by its causes'.
#[cfg(feature = "postgres")]
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
