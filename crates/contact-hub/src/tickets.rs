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
//! Tickets live in memory only: a restart voids them, which costs a widget one more request.
//! The map holds at most [`MAX_OPEN_TICKETS`]; expired tickets are pruned whenever one is
//! issued, and a full map of live tickets refuses more (`rate-limited`), so it cannot be
//! flooded (the per-address and per-conversation limits in [`crate::limits`] come first).
//! Only the SHA-256 of a ticket is kept, like the tokens in the database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::HubError;
use crate::secret;

/// Live tickets held at once, at most. A widget holds one for a second or two; this is far
/// above what the per-address limits let clients ask for in a ticket's lifetime.
pub const MAX_OPEN_TICKETS: usize = 10_000;

/// The hub's open stream tickets.
#[derive(Debug)]
pub(crate) struct StreamTickets {
    lifetime: Duration,
    /// Ticket hash → (conversation id, expiry).
    open: Mutex<HashMap<String, (String, Instant)>>,
}

impl StreamTickets {
    pub(crate) fn new(lifetime: Duration) -> Self {
        Self { lifetime, open: Mutex::new(HashMap::new()) }
    }

    /// How long a ticket is valid.
    pub(crate) fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// A new ticket for one conversation's stream (the caller has authenticated the customer).
    pub(crate) fn issue(&self, conversation_id: &str) -> Result<String, HubError> {
        let now = Instant::now();
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() >= MAX_OPEN_TICKETS {
            open.retain(|_, (_, expires)| *expires > now);
        }
        if open.len() >= MAX_OPEN_TICKETS {
            tracing::warn!("stream ticket refused: too many open tickets");
            return Err(HubError::RateLimited { retry_after_secs: self.lifetime.as_secs().max(1) });
        }
        let ticket = secret::new_token();
        open.insert(secret::token_hash(&ticket), (conversation_id.to_owned(), now + self.lifetime));
        Ok(ticket)
    }

    /// Takes a ticket for `conversation_id`'s stream: it is gone afterwards, whatever the
    /// answer. `unauthorized` when unknown, used, expired or for another conversation.
    pub(crate) fn redeem(&self, ticket: &str, conversation_id: &str) -> Result<(), HubError> {
        let now = Instant::now();
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        match open.remove(&secret::token_hash(ticket)) {
            Some((conversation, expires)) if conversation == conversation_id && expires > now => {
                Ok(())
            }
            _ => Err(HubError::Unauthorized),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_opens_its_conversation_once() {
        let tickets = StreamTickets::new(Duration::from_secs(30));
        let ticket = tickets.issue("c1").unwrap();
        assert_eq!(ticket.len(), 64);
        tickets.redeem(&ticket, "c1").unwrap();
        assert!(tickets.redeem(&ticket, "c1").is_err(), "used");
        let other = tickets.issue("c1").unwrap();
        assert!(tickets.redeem(&other, "c2").is_err(), "another conversation");
        assert!(tickets.redeem(&other, "c1").is_err(), "spent by the wrong try");
    }

    #[test]
    fn an_expired_ticket_is_refused() {
        let tickets = StreamTickets::new(Duration::ZERO);
        let ticket = tickets.issue("c1").unwrap();
        assert!(tickets.redeem(&ticket, "c1").is_err());
    }

    #[test]
    fn the_map_is_bounded_and_prunes_expired_tickets() {
        let tickets = StreamTickets::new(Duration::from_secs(30));
        for _ in 0..MAX_OPEN_TICKETS {
            tickets.issue("c1").unwrap();
        }
        assert!(matches!(tickets.issue("c1"), Err(HubError::RateLimited { .. })));
        let expired = StreamTickets::new(Duration::ZERO);
        for _ in 0..MAX_OPEN_TICKETS + 5 {
            expired.issue("c1").unwrap();
        }
        assert!(expired.open.lock().unwrap().len() <= MAX_OPEN_TICKETS);
    }
}
