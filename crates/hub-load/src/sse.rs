//! Reading one event stream as the desk and the widget do: the events of a `GET …/events`
//! answer, each JSON in an SSE `data:` field, until the hub closes it or the run stops; and
//! the pause before a dropped stream is opened again (with `Last-Event-ID`, by the caller).
//! Agents and customers read their streams the same way; only what they do with an event
//! differs.

use std::pin::Pin;
use std::time::Duration;

use eventsource_stream::{Event, EventStreamError, Eventsource};
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use tokio::sync::watch;

use crate::journal::{Journal, Obs};

/// What reading a stream gave.
pub enum Next<T> {
    /// An event, parsed.
    Event(T),
    /// The hub closed the stream (or it broke): open it again.
    Ended,
    /// The run is over.
    Stopped,
}

/// One open event stream.
pub struct Events {
    stream: Pin<Box<dyn Stream<Item = Result<Event, EventStreamError<reqwest::Error>>> + Send>>,
    /// Named in the journal when an event cannot be read ("agent event unreadable").
    unreadable: &'static str,
}

impl Events {
    pub fn new(response: reqwest::Response, unreadable: &'static str) -> Self {
        Self { stream: Box::pin(response.bytes_stream().eventsource()), unreadable }
    }

    /// The next event; keep-alives are skipped, an unreadable event is journaled and skipped.
    pub async fn next<T: DeserializeOwned>(
        &mut self,
        stop: &mut watch::Receiver<bool>,
        journal: &Journal,
    ) -> Next<T> {
        loop {
            let item = tokio::select! {
                item = self.stream.next() => item,
                _ = stop.wait_for(|stop| *stop) => return Next::Stopped,
            };
            let Some(Ok(event)) = item else { return Next::Ended };
            if event.data.trim().is_empty() {
                continue;
            }
            match serde_json::from_str(&event.data) {
                Ok(event) => return Next::Event(event),
                Err(error) => journal.failure(self.unreadable, error.to_string()),
            }
        }
    }
}

/// After a stream ended: `false` when the run is over, else the reconnection is journaled
/// for `who` and, after a short pause, `true`.
pub async fn reconnect(stop: &watch::Receiver<bool>, journal: &Journal, who: String) -> bool {
    if *stop.borrow() {
        return false;
    }
    journal.push(Obs::Reconnected { who });
    tokio::time::sleep(Duration::from_millis(200)).await;
    true
}
