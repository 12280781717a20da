//! The compose box's rules, checked before anything is sent.
//!
//! The hub enforces the same rules (it is the source of truth), but the agent should hear
//! about a reserved character or an over-long message while typing, in their language, not
//! after a round trip.

use std::collections::HashMap;

use hub_protocol::{ErrorCode, RESERVED_CHARACTERS};
use thiserror::Error;

use crate::LocalMillis;

/// Why a draft cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ComposeError {
    #[error("the message is empty")]
    Empty,
    #[error("the message has {len} characters; this conversation allows {max}")]
    TooLong { len: usize, max: usize },
    #[error("`{0}` is reserved for template parameters")]
    ReservedCharacter(char),
}

impl ComposeError {
    /// The wire code the UI maps to a Fluent message (the same the hub would answer).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::MessageEmpty,
            Self::TooLong { .. } => ErrorCode::MessageTooLong,
            Self::ReservedCharacter(_) => ErrorCode::ReservedCharacters,
        }
    }
}

/// Whether a draft holds a card number or an IBAN. Sending one to a customer is almost always
/// a mistake (a colleague's data pasted into the wrong chat) and, for a card, a PCI incident:
/// the desk asks the agent to confirm first. Emails and phone numbers are ordinary to send.
pub fn holds_payment_data(masker: &masking::Masker, text: &str) -> bool {
    masker
        .find(text)
        .iter()
        .any(|span| matches!(span.kind, masking::Kind::Card | masking::Kind::Iban))
}

/// Characters as the limit counts them: Unicode scalar values, so an Arabic letter or an
/// emoji counts as the customer's channel counts it, not as UTF-8 bytes.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// Checks a draft against the conversation's rules: `max_chars` is
/// [`hub_protocol::Conversation::max_message_chars`] (the channel's limit, or the chat
/// window's 1940 in such a queue). Leading and trailing whitespace is trimmed before
/// sending, so it is not counted.
pub fn check(text: &str, max_chars: usize) -> Result<(), ComposeError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ComposeError::Empty);
    }
    if let Some(reserved) = text.chars().find(|c| RESERVED_CHARACTERS.contains(c)) {
        return Err(ComposeError::ReservedCharacter(reserved));
    }
    let len = char_count(text);
    if len > max_chars {
        return Err(ComposeError::TooLong { len, max: max_chars });
    }
    Ok(())
}

/// What the compose box shows while the agent types: the count against the conversation's
/// limit and the rule the draft breaks, if any. The webview asks for it on every input
/// instead of restating the rules in JavaScript. An empty draft breaks no rule here: it is
/// simply not sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftCheck {
    /// Characters as the limit counts them, whitespace around the text left out.
    pub count: usize,
    pub max: usize,
    pub problem: Option<ErrorCode>,
}

/// The compose box's view of a draft, by the same rules as [`check`].
pub fn inspect(text: &str, max_chars: usize) -> DraftCheck {
    let problem = match check(text, max_chars) {
        Err(ComposeError::Empty) | Ok(()) => None,
        Err(error) => Some(error.code()),
    };
    DraftCheck { count: char_count(text.trim()), max: max_chars, problem }
}

/// How often, at most, the customer hears that the agent is typing in one conversation.
pub const TYPING_INTERVAL_MS: LocalMillis = 3_000;

/// Keeps "the agent is typing" to one signal per conversation every [`TYPING_INTERVAL_MS`]
/// while the agent types: the customer's widget shows it for a few seconds, so one per
/// keystroke would only load the hub.
#[derive(Debug, Default)]
pub struct TypingThrottle {
    last_sent: HashMap<String, LocalMillis>,
}

impl TypingThrottle {
    /// Whether to tell the hub now; when yes, counts it as sent.
    pub fn should_send(&mut self, conversation_id: &str, now: LocalMillis) -> bool {
        match self.last_sent.get(conversation_id) {
            Some(&last) if now >= last && now - last < TYPING_INTERVAL_MS => false,
            _ => {
                self.last_sent.insert(conversation_id.to_owned(), now);
                true
            }
        }
    }

    /// A closed conversation is forgotten (the map must not grow through a long shift).
    pub fn forget(&mut self, conversation_id: &str) {
        self.last_sent.remove(conversation_id);
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{Channel, QueueKind};

    use super::*;

    #[test]
    fn typing_is_signalled_at_most_every_three_seconds_per_conversation() {
        let mut throttle = TypingThrottle::default();
        let t0 = 1_800_000_000_000;
        assert!(throttle.should_send("c1", t0));
        assert!(!throttle.should_send("c1", t0 + 1_000));
        assert!(throttle.should_send("c2", t0 + 1_000), "each conversation has its own pace");
        assert!(!throttle.should_send("c1", t0 + 2_999));
        assert!(throttle.should_send("c1", t0 + 3_000));
        // A clock set back does not silence the agent for good.
        assert!(throttle.should_send("c1", t0 - 60_000));
        throttle.forget("c2");
        assert!(throttle.should_send("c2", t0 + 1_500));
    }

    #[test]
    fn the_compose_box_sees_the_same_rules() {
        assert_eq!(inspect("  Hei  ", 1000), DraftCheck { count: 3, max: 1000, problem: None });
        assert_eq!(inspect("   ", 1000), DraftCheck { count: 0, max: 1000, problem: None });
        let reserved = inspect("use <name>", 1000);
        assert_eq!(reserved.problem, Some(ErrorCode::ReservedCharacters));
        let long = inspect(&"م".repeat(1001), 1000);
        assert_eq!((long.count, long.problem), (1001, Some(ErrorCode::MessageTooLong)));
    }

    #[test]
    fn rules_per_channel() {
        let cases: &[(&str, Channel, Result<(), ComposeError>)] = &[
            ("Hello", Channel::Livechat, Ok(())),
            ("   ", Channel::Livechat, Err(ComposeError::Empty)),
            ("use <name>", Channel::Livechat, Err(ComposeError::ReservedCharacter('<'))),
            ("a > b", Channel::Whatsapp, Err(ComposeError::ReservedCharacter('>'))),
        ];
        for (text, channel, expected) in cases {
            assert_eq!(&check(text, channel.max_message_chars()), expected, "{text:?}");
        }
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let livechat = Channel::Livechat.max_message_chars();
        let arabic = "م".repeat(1000);
        assert_eq!(check(&arabic, livechat), Ok(()));
        let over = "م".repeat(1001);
        assert_eq!(check(&over, livechat), Err(ComposeError::TooLong { len: 1001, max: 1000 }));
        assert_eq!(check(&"x".repeat(4096), Channel::Whatsapp.max_message_chars()), Ok(()));
        assert!(check(&"x".repeat(1001), Channel::Messenger.max_message_chars()).is_err());
    }

    #[test]
    fn a_chat_window_queue_allows_1940_characters_on_any_channel() {
        for channel in [Channel::Livechat, Channel::Messenger, Channel::Whatsapp] {
            let max = QueueKind::ChatWindow.max_message_chars(channel);
            assert_eq!(max, 1940);
            assert_eq!(check(&"x".repeat(1940), max), Ok(()), "{channel:?}");
            assert_eq!(
                check(&"x".repeat(1941), max),
                Err(ComposeError::TooLong { len: 1941, max: 1940 })
            );
        }
        // A standard queue keeps the channel's limit.
        assert_eq!(QueueKind::Standard.max_message_chars(Channel::Whatsapp), 4096);
    }

    #[test]
    fn payment_data_in_a_draft_is_noticed() {
        let masker = masking::Masker::new();
        assert!(holds_payment_data(&masker, "Your card 4111 1111 1111 1111 is blocked"));
        assert!(holds_payment_data(&masker, "Pay to FI21 1234 5600 0007 85"));
        assert!(!holds_payment_data(&masker, "Write to help@example.com, order 48213"));
    }

    #[test]
    fn codes_match_the_hub() {
        assert_eq!(ComposeError::Empty.code(), ErrorCode::MessageEmpty);
        assert_eq!(ComposeError::ReservedCharacter('<').code(), ErrorCode::ReservedCharacters);
    }
}
