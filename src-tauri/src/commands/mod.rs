//! The commands the webview may invoke. Each is one line: take the shell state and a DTO,
//! call one method, return its result (errors are the `{code, message}` wire shape).
//! `ui/ipc.js` is the only file that names them; `build.rs` lists them for the capability.

mod conversation;
// Settings and what the desktop shows.
mod desktop;
mod l10n;
mod records;
mod session;
// Queues, readiness and FAQ.
mod workspace;

pub use conversation::*;
pub use desktop::*;
pub use l10n::*;
pub use records::*;
pub use session::*;
pub use workspace::*;
