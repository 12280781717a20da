//! `hub-load`: a load bench for the contact hub, driving it only as its real clients do.
//!
//! Issue 16 asks whether the hub holds a team's busiest hour. Its answer has to come from
//! outside the hub: N agents sign in and follow their event streams (`GET /v1/events`, SSE)
//! as the desk does, customers arrive at a rate through the widget API as a browser does (a
//! start, a stream ticket, the conversation's event stream), agents accept, reply, end and
//! wrap up, the customer answers once. The bench never reads the hub's database or memory,
//! so the same run works against one node on SQLite, several nodes, or a balancer in front
//! of them (`--hub` takes one or more base URLs; `--spawn` is a convenience that starts one
//! release hub on a fresh SQLite file).
//!
//! It measures (see [`report`]) and it checks (see [`checks`]): every observation is
//! written to a [`journal`] with the bench's clock and, for stream events, the hub's event
//! id; the latencies and the correctness checks are computed from that journal after the
//! run, so the checks are plain functions with unit tests.
//!
//! - [`cli`]: the options.
//! - [`hubconfig`]: the configuration of a bench hub (N agents, the queues, raised limits).
//! - [`spawn`]: starting a hub process, its memory from `/proc`, the file-descriptor limit.
//! - [`agents`]: signing in, following the streams, accepting and replying.
//! - [`customers`]: arrivals through the widget API, and the pre-filled open conversations.
//! - [`sse`]: reading an event stream, and reconnecting one, the same way for both.
//! - [`run`]: the phases in order.
//! - [`metrics`]: percentiles; [`checks`]: capacity, duplicates, lost messages;
//!   [`report`]: the table and the JSON.

pub mod agents;
pub mod checks;
pub mod cli;
pub mod customers;
pub mod hubconfig;
pub mod journal;
pub mod metrics;
pub mod report;
pub mod run;
pub mod spawn;
pub mod sse;

pub use cli::Options;
pub use report::Report;
pub use run::{run, Target};
