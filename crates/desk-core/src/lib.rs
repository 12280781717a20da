//! Agent Desk's agent-side model.
//!
//! Everything the desk decides lives here, apart from I/O and Tauri: the mirror of the hub's
//! state for one agent ([`desk::Desk`]), the composer's rules ([`compose`]), the FAQ answers for a conversation ([`faq`]), the clock skew
//! between the hub and this machine ([`clock`]), whom a conversation can be handed to
//! ([`handoff`]), customer records and chat logs as the agent sees them ([`records`]), the
//! agent's messages on their way to the hub ([`outbox`]), what locking the screen does to
//! the agent's state ([`away`]), and the UI's language ([`l10n`]).
//!
//! The crate does no I/O: times are passed in (`now`, local milliseconds since the epoch),
//! which keeps timers and timeouts testable. It is also the masking choke point: every text
//! that arrives from the hub passes through [`desk::Desk::ingest`], which masks it before it
//! is stored or handed on, so nothing downstream (webview, notification, log, window title)
//! can see a raw value. Records and chat logs, fetched on request rather than streamed, are
//! masked by the same desk's redactor on their way to a view ([`records`]).

pub mod away;
pub mod clock;
pub mod compose;
pub mod desk;
pub mod faq;
pub mod handoff;
pub mod l10n;
pub mod outbox;
pub mod records;
pub mod view;

/// Milliseconds since the Unix epoch on this machine's clock.
pub type LocalMillis = i64;
