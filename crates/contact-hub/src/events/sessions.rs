//! Sign-outs reach only the signed-out session's streams.
//!
//! An agent's event stream ends when its session does (finding M1). It used to listen to one
//! signal for all sessions: every sign-out woke every agent stream, and each of them then
//! checked its session in the database under the hub's lock (issue 16: with thousands of
//! desks, each sign-out cost thousands of locked reads). Now each session with a stream open
//! has a signal of its own, made by its first stream and removed when its last one drops,
//! as [`super::registry`] does for events; a sign-out wakes that session's streams only.
//! Sessions that end otherwise (lifetime, idling, a new password) are found by the streams'
//! periodic check, as before.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::watch;

/// The sign-out signals of the sessions with a stream open, by token hash.
#[derive(Default)]
pub(crate) struct SessionSignals {
    signals: Mutex<HashMap<String, watch::Sender<()>>>,
    /// Streams woken by sign-outs so far.
    woken: AtomicU64,
}

impl SessionSignals {
    pub(crate) fn new() -> Arc<Self> {
        Arc::default()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, watch::Sender<()>>> {
        self.signals.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Listens for the session's sign-out from now on.
    pub(crate) fn subscribe(self: &Arc<Self>, token_hash: &str) -> SignOutSignal {
        let mut signals = self.lock();
        let receiver = match signals.get(token_hash) {
            Some(sender) => sender.subscribe(),
            None => {
                let (sender, receiver) = watch::channel(());
                signals.insert(token_hash.to_owned(), sender);
                receiver
            }
        };
        SignOutSignal {
            signals: self.clone(),
            token_hash: token_hash.to_owned(),
            receiver: Some(receiver),
        }
    }

    /// Wakes the session's streams, if any: they look whether it is still alive.
    pub(crate) fn signed_out(&self, token_hash: &str) {
        if let Some(sender) = self.lock().get(token_hash) {
            sender.send_replace(());
            self.woken.fetch_add(sender.receiver_count() as u64, Ordering::Relaxed);
        }
    }

    /// Streams woken by sign-outs so far.
    pub(crate) fn woken(&self) -> u64 {
        self.woken.load(Ordering::Relaxed)
    }
}

/// One stream's end of its session's sign-out signal.
pub(crate) struct SignOutSignal {
    signals: Arc<SessionSignals>,
    token_hash: String,
    /// `Some` until dropped.
    receiver: Option<watch::Receiver<()>>,
}

impl SignOutSignal {
    /// Resolves when the session was signed out since the last call.
    pub(crate) async fn changed(&mut self) {
        // The sender lives in the map while this receiver does, so this is never an error.
        let changed = match &mut self.receiver {
            Some(receiver) => receiver.changed().await.is_ok(),
            None => false,
        };
        if !changed {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for SignOutSignal {
    fn drop(&mut self) {
        let mut signals = self.signals.lock();
        drop(self.receiver.take());
        if signals.get(&self.token_hash).is_some_and(|sender| sender.receiver_count() == 0) {
            signals.remove(&self.token_hash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_out_wakes_only_its_sessions_streams_among_a_thousand() {
        let signals = SessionSignals::new();
        let mut streams: Vec<SignOutSignal> =
            (0..1000).map(|n| signals.subscribe(&format!("session-{n}"))).collect();
        let mut second = signals.subscribe("session-7");

        signals.signed_out("session-7");

        assert_eq!(signals.woken(), 2, "the session's two streams, nobody else");
        for (n, stream) in streams.iter_mut().enumerate() {
            let changed = stream.receiver.as_mut().unwrap().has_changed().unwrap();
            assert_eq!(changed, n == 7, "session-{n}");
        }
        assert!(second.receiver.as_mut().unwrap().has_changed().unwrap());
        // Nobody listening: nothing woken, nothing kept.
        signals.signed_out("session-5000");
        assert_eq!(signals.woken(), 2);
    }

    #[test]
    fn a_signal_lives_while_one_of_its_streams_does() {
        let signals = SessionSignals::new();
        let first = signals.subscribe("s");
        let second = signals.subscribe("s");
        drop(first);
        assert_eq!(signals.lock().len(), 1);
        drop(second);
        assert!(signals.lock().is_empty(), "the last stream closed: the signal went");
    }
}
