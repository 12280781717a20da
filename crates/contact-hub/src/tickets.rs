//! Stream tickets: what the customer's `EventSource` carries in its URL instead of the
//! customer token (finding L1 of the security review).
//!
//! A browser's `EventSource` cannot set `Authorization`, so the stream's credential rides in
//! the URL, where proxies and access logs keep it. The customer token would stay valid for
//! the whole chat; a ticket is worth little once logged: it is random (256 bits), bound to one
//! conversation, valid for `[limits] stream_ticket_secs` (30 s by default) and opens one
//! stream, once. The widget asks for a fresh one (with its token in `Authorization`) each time
//! it opens its stream.
//!
//! Tickets are stored in the database (only their SHA-256, like the tokens), so that a ticket
//! one hub node issued opens the stream on whichever node the balancer sends the widget to
//! (issue 16); taking one deletes it in the same statement, so it opens one stream on one
//! node. At most [`MAX_OPEN_TICKETS`] are kept: expired ones are pruned whenever one is
//! issued, and a table full of live tickets refuses more (`rate-limited`), so it cannot be
//! flooded (the per-address and per-conversation limits in [`crate::limits`] come first).

use std::time::Duration;

use hub_protocol::Millis;

use crate::error::HubError;
use crate::secret;
use crate::store::Store;

/// Live tickets held at once, at most. A widget holds one for a second or two; this is far
/// above what the per-address limits let clients ask for in a ticket's lifetime.
pub const MAX_OPEN_TICKETS: u64 = 10_000;

/// A new ticket for one conversation's stream, valid for `lifetime` from `now` (the caller
/// has authenticated the customer).
pub(crate) fn issue(
    store: &dyn Store,
    conversation_id: &str,
    now: Millis,
    lifetime: Duration,
) -> Result<String, HubError> {
    store.prune_stream_tickets(now)?;
    if store.stream_tickets_open()? >= MAX_OPEN_TICKETS {
        tracing::warn!("stream ticket refused: too many open tickets");
        return Err(HubError::RateLimited { retry_after_secs: lifetime.as_secs().max(1) });
    }
    let ticket = secret::new_token();
    let expires_at = now + lifetime.as_millis() as Millis;
    store.insert_stream_ticket(&secret::token_hash(&ticket), conversation_id, expires_at)?;
    Ok(ticket)
}

/// Takes a ticket for `conversation_id`'s stream: it is gone afterwards, whatever the
/// answer (the caller commits the removal even when it refuses). Whether it opens the
/// stream: not when unknown, used, expired or for another conversation.
pub(crate) fn redeem(
    store: &dyn Store,
    ticket: &str,
    conversation_id: &str,
    now: Millis,
) -> Result<bool, HubError> {
    Ok(matches!(
        store.take_stream_ticket(&secret::token_hash(ticket))?,
        Some((conversation, expires_at)) if conversation == conversation_id && expires_at > now
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIFETIME: Duration = Duration::from_secs(30);

    fn database() -> (tempfile::TempDir, crate::store::Writer) {
        let dir = tempfile::tempdir().unwrap();
        let writer = crate::store::Writer::open(&dir.path().join("hub.sqlite3").into()).unwrap();
        (dir, writer)
    }

    #[test]
    fn a_ticket_opens_its_conversation_once() {
        let (_dir, conn) = database();
        let ticket = issue(&*conn, "c1", 1_000, LIFETIME).unwrap();
        assert_eq!(ticket.len(), 64);
        assert!(redeem(&*conn, &ticket, "c1", 1_001).unwrap());
        assert!(!redeem(&*conn, &ticket, "c1", 1_002).unwrap(), "used");
        let other = issue(&*conn, "c1", 1_003, LIFETIME).unwrap();
        assert!(!redeem(&*conn, &other, "c2", 1_004).unwrap(), "another conversation");
        assert!(!redeem(&*conn, &other, "c1", 1_005).unwrap(), "spent by the wrong try");
    }

    #[test]
    fn an_expired_ticket_is_refused() {
        let (_dir, conn) = database();
        let ticket = issue(&*conn, "c1", 1_000, LIFETIME).unwrap();
        assert!(!redeem(&*conn, &ticket, "c1", 31_000).unwrap());
    }

    #[test]
    fn the_table_is_bounded_and_prunes_expired_tickets() {
        let (_dir, conn) = database();
        for _ in 0..MAX_OPEN_TICKETS {
            issue(&*conn, "c1", 1_000, LIFETIME).unwrap();
        }
        assert!(matches!(issue(&*conn, "c1", 1_000, LIFETIME), Err(HubError::RateLimited { .. })));
        // Once those expired, issuing prunes them.
        issue(&*conn, "c1", 31_000, LIFETIME).unwrap();
        assert_eq!(conn.stream_tickets_open().unwrap(), 1);
    }
}
