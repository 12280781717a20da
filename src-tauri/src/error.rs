//! The one error the webview sees: `{ "code": "...", "message": "..." }`, the same shape the
//! hub answers with. The UI maps `code` to the Fluent id `error-<code>`; `message` is for
//! logs and engineers.

use desk_core::compose::ComposeError;
use hub_protocol::ApiError;
use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The hub answered with an error of its own.
    #[error("{}", .0.message)]
    Hub(ApiError),
    /// The hub could not be reached (or went away mid-request).
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    #[error("not a valid hub address: {0}")]
    HubUrl(String),
    /// `http://` to a hub on another computer: the password and every chat would cross the
    /// network in clear text.
    #[error("a hub on another computer needs https://: {0}")]
    InsecureHubUrl(String),
    #[error(transparent)]
    Compose(#[from] ComposeError),
    /// The draft holds a card number or an IBAN and the agent has not confirmed sending it.
    #[error("the message holds a card number or an IBAN")]
    PaymentDataUnconfirmed,
    #[error("system keyring: {0}")]
    Keyring(String),
    #[error("no saved password for this account")]
    NoSavedPassword,
    #[error("not signed in")]
    NotSignedIn,
    #[error("the embedded hub could not start: {0}")]
    EmbeddedHub(String),
    #[error("unexpected answer from the hub: {0}")]
    Protocol(String),
}

impl DeskError {
    /// The wire code; `error-<code>` is its Fluent id.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Hub(error) => error.code.as_str(),
            Self::Unreachable(_) => "hub-unreachable",
            Self::HubUrl(_) => "hub-url",
            Self::InsecureHubUrl(_) => "insecure-hub-url",
            Self::Compose(error) => error.code().as_str(),
            Self::PaymentDataUnconfirmed => "payment-data-unconfirmed",
            Self::Keyring(_) => "keyring",
            Self::NoSavedPassword => "no-saved-password",
            Self::NotSignedIn => "not-signed-in",
            Self::EmbeddedHub(_) => "embedded-hub",
            Self::Protocol(_) => "internal",
        }
    }
}

impl serde::Serialize for DeskError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut wire = serializer.serialize_struct("DeskError", 2)?;
        wire.serialize_field("code", self.code())?;
        wire.serialize_field("message", &self.to_string())?;
        wire.end()
    }
}

impl From<reqwest::Error> for DeskError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_decode() {
            Self::Protocol(error.to_string())
        } else {
            Self::Unreachable(error.to_string())
        }
    }
}

pub type DeskResult<T> = Result<T, DeskError>;
