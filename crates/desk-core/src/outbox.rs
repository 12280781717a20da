//! The agent's messages the hub has not confirmed yet: what the agent sent while the hub
//! could not be reached waits here, in the thread with a "waiting" line, and goes out by
//! itself when the link is back.
//!
//! The rules that keep it safe are here, apart from any I/O, so they can be tested alone:
//! - **Order per conversation**: only a conversation's first message still to go may be
//!   sent ([`Outbox::claim`]); the next one waits until the hub confirmed it (or refused it).
//! - **Never twice**: a message is claimed by one sender at a time (the compose box's own
//!   attempt, or the background sender), and keeps its client id for every attempt, which the
//!   hub stores uniquely per conversation: an attempt whose answer was lost is the same
//!   message when it is sent again. Its copy on the event stream (same client id) confirms it
//!   as well as the answer does ([`Outbox::confirm`]), whichever comes first.
//! - **Nothing lost**: a message leaves only when the hub confirmed it, or refused it (then it
//!   stays in the thread, "Not sent", with the hub's reason), or when its conversation left
//!   the desk. The outbox belongs to the session, not to the webview: switching chats or
//!   reloading the window does not touch it.

use crate::desk::{initials, Redactor};
use crate::view::{AuthorKind, MessageView, OutboxView};
use crate::LocalMillis;

/// One message on its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub conversation_id: String,
    pub client_id: String,
    /// As the hub will get it (never masked: the agent confirmed what they sent).
    pub text: String,
    pub queued_at: LocalMillis,
    state: State,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// To be sent when the hub can be reached.
    Waiting,
    /// A sender holds it: nobody else sends it meanwhile.
    Sending,
    /// The hub answered with an error (`error-<code>` in the UI); it is not sent again.
    Refused(String),
}

/// What a sender may send now: a message it alone holds until it says how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub conversation_id: String,
    pub client_id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Outbox {
    /// In the order the agent sent them; a conversation's order is its entries' order.
    entries: Vec<Pending>,
}

impl Outbox {
    /// Queues a message behind the conversation's others. Queuing a client id already here
    /// (the same draft sent twice before the first answer) changes nothing.
    pub fn push(&mut self, conversation_id: &str, client_id: &str, text: &str, now: LocalMillis) {
        if self.find(client_id).is_some() {
            return;
        }
        self.entries.push(Pending {
            conversation_id: conversation_id.to_owned(),
            client_id: client_id.to_owned(),
            text: text.to_owned(),
            queued_at: now,
            state: State::Waiting,
        });
    }

    /// The conversation's next message to send, now held by the caller; `None` while one of
    /// its messages is being sent, or when none waits. Refused messages are passed over:
    /// they will not go, and must not hold back the ones after them.
    pub fn claim(&mut self, conversation_id: &str) -> Option<Claim> {
        let next = self
            .entries
            .iter_mut()
            .filter(|entry| entry.conversation_id == conversation_id)
            .find(|entry| !matches!(entry.state, State::Refused(_)))?;
        if next.state != State::Waiting {
            return None;
        }
        next.state = State::Sending;
        Some(Claim {
            conversation_id: next.conversation_id.clone(),
            client_id: next.client_id.clone(),
            text: next.text.clone(),
        })
    }

    /// The conversations whose next message can be claimed now, in the order their oldest
    /// waiting message was sent.
    pub fn ready(&self) -> Vec<String> {
        let mut ready: Vec<String> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if matches!(entry.state, State::Refused(_)) || seen.contains(&&*entry.conversation_id) {
                continue;
            }
            seen.push(&entry.conversation_id);
            if entry.state == State::Waiting {
                ready.push(entry.conversation_id.clone());
            }
        }
        ready
    }

    /// Whether any message waits for the hub (refused ones do not).
    pub fn has_waiting(&self) -> bool {
        self.entries.iter().any(|entry| entry.state == State::Waiting)
    }

    /// The sender could not reach the hub: the message waits again, first in its line.
    pub fn release(&mut self, client_id: &str) {
        if let Some(entry) = self.find_mut(client_id) {
            if entry.state == State::Sending {
                entry.state = State::Waiting;
            }
        }
    }

    /// The hub has the message (its answer, or its copy on the event stream): it leaves.
    /// Returns it when it was still here.
    pub fn confirm(&mut self, client_id: &str) -> Option<Pending> {
        let at = self.entries.iter().position(|entry| entry.client_id == client_id)?;
        Some(self.entries.remove(at))
    }

    /// The hub refused the message for good (`code`: the error's wire code). It stays in
    /// the thread, not sent, and is never tried again.
    pub fn refuse(&mut self, client_id: &str, code: &str) {
        if let Some(entry) = self.find_mut(client_id) {
            entry.state = State::Refused(code.to_owned());
        }
    }

    /// The conversation left the desk: what it still held can no longer go anywhere.
    pub fn forget_conversation(&mut self, conversation_id: &str) {
        self.entries.retain(|entry| entry.conversation_id != conversation_id);
    }

    pub fn find(&self, client_id: &str) -> Option<&Pending> {
        self.entries.iter().find(|entry| entry.client_id == client_id)
    }

    /// The conversation's messages not confirmed yet, in order.
    pub fn of<'a>(&'a self, conversation_id: &'a str) -> impl Iterator<Item = &'a Pending> {
        self.entries.iter().filter(move |entry| entry.conversation_id == conversation_id)
    }

    fn find_mut(&mut self, client_id: &str) -> Option<&mut Pending> {
        self.entries.iter_mut().find(|entry| entry.client_id == client_id)
    }
}

impl Pending {
    /// The message as the thread shows it until the hub has it: the agent's bubble, masked
    /// like every message the desk shows, with its waiting (or not sent) line.
    pub fn view(&self, author_name: &str, redactor: &Redactor) -> MessageView {
        MessageView {
            id: format!("outbox:{}", self.client_id),
            conversation_id: self.conversation_id.clone(),
            author: AuthorKind::Agent,
            author_name: author_name.to_owned(),
            initials: initials(author_name),
            text: redactor.text(&self.text),
            system: None,
            sent_at: self.queued_at,
            mine: true,
            delivery: None,
            client_id: Some(self.client_id.clone()),
            outbox: Some(match &self.state {
                State::Waiting | State::Sending => OutboxView::Waiting,
                State::Refused(error) => OutboxView::NotSent { error: error.clone() },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox(messages: &[(&str, &str)]) -> Outbox {
        let mut outbox = Outbox::default();
        for (at, (conversation, client_id)) in messages.iter().enumerate() {
            outbox.push(conversation, client_id, &format!("text of {client_id}"), at as i64);
        }
        outbox
    }

    #[test]
    fn a_conversation_sends_one_message_at_a_time_in_order() {
        let mut outbox = outbox(&[("c1", "a"), ("c1", "b"), ("c2", "x")]);
        assert_eq!(outbox.ready(), ["c1", "c2"]);
        let first = outbox.claim("c1").unwrap();
        assert_eq!(first.client_id, "a");
        // While "a" is on its way, "b" may not overtake it; another conversation may go.
        assert_eq!(outbox.claim("c1"), None);
        assert_eq!(outbox.ready(), ["c2"]);
        assert_eq!(outbox.claim("c2").unwrap().client_id, "x");
        // The hub was not reached: "a" is first again, not "b".
        outbox.release("a");
        assert_eq!(outbox.claim("c1").unwrap().client_id, "a");
        assert!(outbox.confirm("a").is_some());
        assert_eq!(outbox.claim("c1").unwrap().client_id, "b");
    }

    #[test]
    fn a_message_is_held_by_one_sender_and_confirmed_once() {
        let mut outbox = outbox(&[("c1", "a")]);
        // The same draft sent again before the first answer is the same message.
        outbox.push("c1", "a", "text of a", 9);
        assert_eq!(outbox.of("c1").count(), 1);
        assert!(outbox.claim("c1").is_some());
        assert_eq!(outbox.claim("c1"), None, "a second sender gets nothing");
        // The stream's copy confirms it before the answer does: the answer finds nothing.
        assert!(outbox.confirm("a").is_some());
        assert!(outbox.confirm("a").is_none());
        assert!(!outbox.has_waiting());
        // A late release of a message already confirmed brings nothing back.
        outbox.release("a");
        assert_eq!(outbox.claim("c1"), None);
    }

    #[test]
    fn a_refused_message_stays_not_sent_and_holds_nothing_back() {
        let mut outbox = outbox(&[("c1", "a"), ("c1", "b")]);
        outbox.claim("c1").unwrap();
        outbox.refuse("a", "conversation-not-active");
        assert_eq!(outbox.claim("c1").unwrap().client_id, "b");
        outbox.release("b");
        let redactor = Redactor::new(false);
        let views: Vec<MessageView> =
            outbox.of("c1").map(|pending| pending.view("Anna Lindqvist", &redactor)).collect();
        assert_eq!(
            views[0].outbox,
            Some(OutboxView::NotSent { error: "conversation-not-active".into() })
        );
        assert_eq!(views[1].outbox, Some(OutboxView::Waiting));
        assert_eq!(views[1].client_id.as_deref(), Some("b"));
        assert!(views.iter().all(|view| view.mine && view.author == AuthorKind::Agent));
        // A refused message is not waiting: nothing to retry for it.
        outbox.confirm("b");
        assert!(!outbox.has_waiting());
        assert!(outbox.ready().is_empty());
    }

    #[test]
    fn a_conversation_that_leaves_takes_its_messages() {
        let mut outbox = outbox(&[("c1", "a"), ("c2", "x")]);
        outbox.forget_conversation("c1");
        assert_eq!(outbox.ready(), ["c2"]);
        assert_eq!(outbox.of("c1").count(), 0);
    }

    #[test]
    fn the_waiting_bubble_is_masked_like_the_thread() {
        let mut outbox = Outbox::default();
        outbox.push("c1", "a", "Card 4111 1111 1111 1111 as you asked", 5);
        let view = outbox.of("c1").next().unwrap().view("Anna Lindqvist", &Redactor::new(true));
        assert!(!view.text.contains("4111 1111 1111 1111"), "{}", view.text);
        assert_eq!(outbox.find("a").unwrap().text, "Card 4111 1111 1111 1111 as you asked");
    }
}
