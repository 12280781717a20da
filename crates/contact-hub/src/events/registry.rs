//! Live delivery per recipient: an event reaches only its recipient's open feeds.
//!
//! One broadcast channel per recipient (an agent, or a conversation's customer) with at least
//! one feed open, made by the first feed that subscribes and removed when the last one's
//! receiver drops. Publishing an event looks its recipient up and sends on that channel only,
//! so what one event costs does not grow with the number of open streams (issue 16: with one
//! channel for all, every event woke every stream, which filtered it, and with thousands of
//! streams the slow ones fell behind and re-read the database).
//!
//! The map is locked briefly: to subscribe, to publish (a lookup and a send), and when a
//! receiver drops (it drops its receiver under the lock, then removes the channel if it was
//! the last, so a feed subscribing at the same moment gets the channel or a new one, never a
//! removed one). The hub publishes stored events under its own lock, in id order; each
//! channel keeps that order.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::broadcast;

use crate::store::{Audience, StoredEvent};

/// What live delivery did so far (for operations and the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveStats {
    /// Recipients with at least one feed open: one channel each.
    pub channels: usize,
    /// Events handed to feeds, one per receiving feed: an event for a recipient with two
    /// open streams counts two, one nobody is following counts none.
    pub deliveries: u64,
    /// Times a feed fell more than the buffer behind its channel and re-read the store.
    pub lagged: u64,
}

/// The live channels, one per recipient followed.
pub(crate) struct LiveFeeds {
    channels: Mutex<Channels>,
    /// Events a feed may fall behind its channel before it has to re-read the store.
    buffer: usize,
    deliveries: AtomicU64,
    lagged: AtomicU64,
}

#[derive(Default)]
struct Channels {
    agents: HashMap<String, broadcast::Sender<StoredEvent>>,
    customers: HashMap<String, broadcast::Sender<StoredEvent>>,
}

impl Channels {
    fn of(&mut self, audience: Audience) -> &mut HashMap<String, broadcast::Sender<StoredEvent>> {
        match audience {
            Audience::Agent => &mut self.agents,
            Audience::Customer => &mut self.customers,
        }
    }
}

impl LiveFeeds {
    pub(crate) fn new(buffer: usize) -> Arc<Self> {
        Arc::new(Self {
            channels: Mutex::default(),
            buffer: buffer.max(1),
            deliveries: AtomicU64::new(0),
            lagged: AtomicU64::new(0),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Channels> {
        self.channels.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Listens to `recipient`'s live events from now on.
    pub(crate) fn subscribe(self: &Arc<Self>, audience: Audience, recipient: &str) -> LiveReceiver {
        let mut channels = self.lock();
        let channels = channels.of(audience);
        let receiver = match channels.get(recipient) {
            Some(sender) => sender.subscribe(),
            None => {
                let (sender, receiver) = broadcast::channel(self.buffer);
                channels.insert(recipient.to_owned(), sender);
                receiver
            }
        };
        LiveReceiver {
            feeds: self.clone(),
            audience,
            recipient: recipient.to_owned(),
            receiver: Some(receiver),
        }
    }

    /// Hands `event` to `recipient`'s open feeds, if any (the store has it either way).
    pub(crate) fn publish(&self, audience: Audience, recipient: &str, event: StoredEvent) {
        let mut channels = self.lock();
        if let Some(sender) = channels.of(audience).get(recipient) {
            // An error means no receiver: the last one is dropping and removes the channel.
            if let Ok(receivers) = sender.send(event) {
                self.deliveries.fetch_add(receivers as u64, Ordering::Relaxed);
            }
        }
    }

    pub(crate) fn stats(&self) -> LiveStats {
        let mut channels = self.lock();
        let open = channels.of(Audience::Agent).len() + channels.of(Audience::Customer).len();
        LiveStats {
            channels: open,
            deliveries: self.deliveries.load(Ordering::Relaxed),
            lagged: self.lagged.load(Ordering::Relaxed),
        }
    }
}

/// One feed's end of its recipient's channel; dropping the last one removes the channel.
pub(crate) struct LiveReceiver {
    feeds: Arc<LiveFeeds>,
    audience: Audience,
    recipient: String,
    /// `Some` until dropped.
    receiver: Option<broadcast::Receiver<StoredEvent>>,
}

impl LiveReceiver {
    /// The next live event; `Lagged` when the feed fell more than the buffer behind.
    pub(crate) async fn recv(&mut self) -> Result<StoredEvent, broadcast::error::RecvError> {
        let received = match &mut self.receiver {
            Some(receiver) => receiver.recv().await,
            None => Err(broadcast::error::RecvError::Closed),
        };
        if let Err(broadcast::error::RecvError::Lagged(_)) = received {
            self.feeds.lagged.fetch_add(1, Ordering::Relaxed);
        }
        received
    }
}

impl Drop for LiveReceiver {
    fn drop(&mut self) {
        let mut channels = self.feeds.lock();
        drop(self.receiver.take());
        let channels = channels.of(self.audience);
        if channels.get(&self.recipient).is_some_and(|sender| sender.receiver_count() == 0) {
            channels.remove(&self.recipient);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::broadcast::error::TryRecvError;

    fn event(id: u64) -> StoredEvent {
        StoredEvent { id, at: 0, body: format!("{{\"n\":{id}}}") }
    }

    impl LiveReceiver {
        fn try_recv(&mut self) -> Result<StoredEvent, TryRecvError> {
            self.receiver.as_mut().expect("not dropped").try_recv()
        }
    }

    #[test]
    fn an_event_reaches_only_its_recipients_feeds_among_a_thousand() {
        let feeds = LiveFeeds::new(16);
        let mut receivers: Vec<LiveReceiver> = (0..1000)
            .map(|n| feeds.subscribe(Audience::Customer, &format!("conversation-{n}")))
            .collect();
        // A second stream of the same recipient, and an agent of the same name.
        let mut second = feeds.subscribe(Audience::Customer, "conversation-7");
        let mut agent = feeds.subscribe(Audience::Agent, "conversation-7");
        assert_eq!(feeds.stats(), LiveStats { channels: 1001, deliveries: 0, lagged: 0 });

        feeds.publish(Audience::Customer, "conversation-7", event(42));

        assert_eq!(feeds.stats().deliveries, 2, "the recipient's two feeds, nobody else");
        assert_eq!(receivers[7].try_recv().unwrap(), event(42));
        assert_eq!(second.try_recv().unwrap(), event(42));
        assert_eq!(agent.try_recv(), Err(TryRecvError::Empty));
        for (n, receiver) in receivers.iter_mut().enumerate().filter(|(n, _)| *n != 7) {
            assert_eq!(receiver.try_recv(), Err(TryRecvError::Empty), "conversation-{n}");
        }

        // Nobody following: nothing handed over, nothing kept.
        feeds.publish(Audience::Customer, "conversation-5000", event(43));
        assert_eq!(feeds.stats().deliveries, 2);
    }

    #[test]
    fn a_channel_lives_while_one_of_its_feeds_does() {
        let feeds = LiveFeeds::new(16);
        let first = feeds.subscribe(Audience::Agent, "anna");
        let mut second = feeds.subscribe(Audience::Agent, "anna");
        assert_eq!(feeds.stats().channels, 1);
        drop(first);
        assert_eq!(feeds.stats().channels, 1, "the second stream still follows Anna");
        feeds.publish(Audience::Agent, "anna", event(1));
        assert_eq!(second.try_recv().unwrap(), event(1));
        drop(second);
        assert_eq!(feeds.stats().channels, 0, "the last stream closed: the channel went");
        // A new stream gets a new channel, and what it missed is in the store, not here.
        feeds.publish(Audience::Agent, "anna", event(2));
        let mut third = feeds.subscribe(Audience::Agent, "anna");
        assert_eq!(third.try_recv(), Err(TryRecvError::Empty));
        feeds.publish(Audience::Agent, "anna", event(3));
        assert_eq!(third.try_recv().unwrap(), event(3));
    }
}
