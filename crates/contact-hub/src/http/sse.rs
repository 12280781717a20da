//! Server-sent events: an [`EventFeed`] as an SSE response.
//!
//! Each stored SSE event carries `id:` (the event id, what `Last-Event-ID` resumes from) and
//! `data:` (the JSON `AgentEvent` or `CustomerEvent`). No event name is set, so a browser's
//! `EventSource.onmessage` sees every event. A comment every 15 s keeps proxies from closing
//! an idle stream; the stream ends when the hub shuts down.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use hub_protocol::{AgentEvent, AgentEventBody, Snapshot};

use crate::events::EventFeed;
use crate::hub::now_millis;
use crate::store::StoredEvent;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One server-sent event as it crosses the wire (what the OpenAPI document describes for
/// `text/event-stream`): `data` is the JSON of an `AgentEvent` (agent streams) or a
/// `CustomerEvent` (the customer's stream); `id` is its event id, absent for ephemeral ones.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ServerSentEvent {
    /// The event id, what `Last-Event-ID` resumes from; absent for typing indicators.
    id: Option<String>,
    /// Always `message` (no event name is set).
    event: Option<String>,
    /// JSON: an `AgentEvent` or a `CustomerEvent`.
    data: String,
}

/// The SSE response for a feed, optionally opened by a snapshot (event id 0).
pub(crate) fn respond(
    snapshot: Option<Snapshot>,
    feed: EventFeed,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = snapshot.map(|snapshot| {
        let event =
            AgentEvent { id: 0, at: now_millis(), body: AgentEventBody::Snapshot { snapshot } };
        let data = serde_json::to_string(&event).expect("events serialize");
        Ok(Event::default().id("0").data(data))
    });
    let live = stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        Some((Ok(sse_event(&event)), feed))
    });
    Sse::new(stream::iter(first).chain(live)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

/// The wire JSON of a stored event: `{"id":…,"at":…,"body":…}`, the shape of both
/// `AgentEvent` and `CustomerEvent`. The body is stored as JSON already.
fn sse_event(event: &StoredEvent) -> Event {
    let data = format!(r#"{{"id":{},"at":{},"body":{}}}"#, event.id, event.at, event.body);
    if event.id == 0 {
        // Ephemeral: no `id:` line, so the client's Last-Event-ID stays where it was.
        return Event::default().data(data);
    }
    Event::default().id(event.id.to_string()).data(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_protocol::{CustomerEvent, CustomerEventBody};

    #[test]
    fn stored_events_become_wire_events() {
        let body = serde_json::to_string(&CustomerEventBody::Ended).unwrap();
        let stored = StoredEvent { id: 7, at: 1_700_000_000_000, body };
        let data = format!(r#"{{"id":{},"at":{},"body":{}}}"#, stored.id, stored.at, stored.body);
        let event: CustomerEvent = serde_json::from_str(&data).unwrap();
        assert_eq!(
            event,
            CustomerEvent { id: 7, at: 1_700_000_000_000, body: CustomerEventBody::Ended }
        );
        let _ = sse_event(&stored);
    }
}
