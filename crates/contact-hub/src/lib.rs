//! The contact hub: receives customer conversations, keeps them, and routes each one to an
//! agent. It runs standalone (the `contact-hub` binary) or embedded in Agent Desk.
//!
//! - [`config`]: the admin's TOML (queues, agents, reasons, settings), validated as a whole.
//! - `store`: where all state lives (so a restart loses nothing): the interface the hub
//!   works through, and SQLite behind it (the writer, and read-only connections for the
//!   event feeds' reads, outside the hub's lock).
//! - [`routing`]: who gets which conversation, as a pure function.
//! - [`hub`]: every transition, under one lock, in one SQLite transaction each.
//! - `events`: per-recipient event feeds with lossless `Last-Event-ID` resumption, each
//!   event handed only to its recipient's open feeds.
//! - [`http`]: the REST + SSE surface and the Livechat widget; [`server`]: serving it.
//! - [`limits`]: abuse limits on the unauthenticated doors (sign-in, the widget).
//! - `passwords`: the few threads that check passwords, each reusing its argon2 memory.
//! - `tickets`: single-use stream tickets, so the widget's stream URL carries no token.
//!
//! Embedding:
//!
//! ```no_run
//! # async fn run() -> Result<(), contact_hub::HubError> {
//! use contact_hub::{HubConfig, RunningHub};
//! let hub = RunningHub::start(
//!     HubConfig::demo(),
//!     std::path::Path::new("hub.sqlite3"),
//!     "127.0.0.1:0".parse().unwrap(),
//! )
//! .await?;
//! println!("hub at {}", hub.base_url());
//! hub.shutdown().await;
//! # Ok(()) }
//! ```

pub mod channels;
pub mod config;
pub mod error;
mod events;
pub mod http;
pub mod hub;
pub mod l10n;
pub mod limits;
mod passwords;
pub mod routing;
mod secret;
pub mod server;
mod store;
#[cfg(feature = "postgres")]
#[doc(hidden)]
pub mod testing;
mod tickets;

pub use config::{ConfigError, HubConfig};
pub use error::HubError;
pub use events::LiveStats;
pub use http::router;
pub use hub::Hub;
pub use passwords::PasswordCheckStats;
pub use secret::hash_password;
pub use server::RunningHub;
pub use store::Database;
