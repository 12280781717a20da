//! What the bench saw, in the order it saw it: one list of observations, each stamped with
//! the bench's clock (microseconds since the run started) and, when it came from an event
//! stream, the hub's event id (the hub's own order, across every stream).
//!
//! The latencies and the checks are computed from this list after the run, never while it
//! runs, so what is measured and what is checked is the same data, and the checks are pure
//! functions tested on lists written by hand.

use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Microseconds since the run started.
pub type Micros = u64;

/// One thing the bench saw or did. `agent` is the agent's index; `conv` the conversation id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obs {
    /// A customer's start request: sent at `sent`, answered (201) at `answered`.
    Arrival { conv: String, sent: Micros, answered: Micros },
    /// The agent's stream delivered an offer of `conv`.
    Offered { agent: usize, conv: String, event: u64, at: Micros },
    /// The agent's stream said the offer was taken back.
    Withdrawn { agent: usize, conv: String, event: u64, at: Micros },
    /// The agent sent Accept.
    AcceptSent { agent: usize, conv: String, at: Micros },
    /// The agent's stream assigned `conv` to them (`owner`: as its owner, not a guest).
    Assigned { agent: usize, conv: String, owner: bool, event: u64, at: Micros },
    /// The agent's stream closed `conv` for them (wrap-up done): their slot is free.
    Closed { agent: usize, conv: String, event: u64, at: Micros },
    /// The agent sent a message (the hub answered with its id).
    AgentSent { agent: usize, conv: String, message: String, at: Micros },
    /// The customer sent a message (the hub answered with its id).
    CustomerSent { conv: String, message: String, at: Micros },
    /// A message reached the agent's stream.
    AgentSaw { agent: usize, conv: String, message: String, event: u64, at: Micros },
    /// A message reached the customer's stream.
    CustomerSaw { conv: String, message: String, event: u64, at: Micros },
    /// A stream dropped and was reopened (with `Last-Event-ID`).
    Reconnected { who: String },
    /// A request the hub refused or that failed: what was tried, and what happened.
    Failure { action: String, detail: String },
    /// The run stopped while the agent's stream had delivered events up to `last` (what a
    /// check may expect it to have seen).
    StreamEnd { agent: usize, last: u64 },
}

/// The shared journal and the clock it is stamped with.
#[derive(Debug, Clone)]
pub struct Journal {
    start: Instant,
    entries: Arc<Mutex<Vec<Obs>>>,
}

impl Journal {
    pub fn new(start: Instant) -> Self {
        Self { start, entries: Arc::default() }
    }

    /// Now, on the run's clock.
    pub fn now(&self) -> Micros {
        self.start.elapsed().as_micros() as Micros
    }

    pub fn push(&self, obs: Obs) {
        self.entries.lock().unwrap().push(obs);
    }

    pub fn failure(&self, action: &str, detail: impl Into<String>) {
        self.push(Obs::Failure { action: action.to_owned(), detail: detail.into() });
    }

    /// A copy of everything so far.
    pub fn snapshot(&self) -> Vec<Obs> {
        self.entries.lock().unwrap().clone()
    }

    /// How many observations so far match `which` (to know when the drain is over).
    pub fn count(&self, which: impl Fn(&Obs) -> bool) -> usize {
        self.entries.lock().unwrap().iter().filter(|obs| which(obs)).count()
    }
}
