//! Input checks: the lengths the hub accepts from clients, the composer rules, client ids,
//! and the error for an action the conversation's state does not allow.

use hub_protocol::{ConversationState, RESERVED_CHARACTERS};

use crate::error::HubError;
use crate::store::ConversationRow;

/// Longest identifiers and names the hub accepts from clients.
pub(super) const MAX_CLIENT_ID_CHARS: usize = 128;
pub(super) const MAX_NAME_CHARS: usize = 200;
pub(super) const MAX_FIELD_CHARS: usize = 2048;

/// The composer rules: not empty, within `limit` characters (the conversation's: its queue
/// kind's and channel's), and, for agents, free of the template delimiters `<` and `>`.
pub(super) fn check_text(text: &str, limit: usize, refuse_reserved: bool) -> Result<(), HubError> {
    if text.trim().is_empty() {
        return Err(HubError::MessageEmpty);
    }
    let chars = text.chars().count();
    if chars > limit {
        return Err(HubError::MessageTooLong { chars, limit });
    }
    if refuse_reserved && text.contains(RESERVED_CHARACTERS) {
        return Err(HubError::ReservedCharacters);
    }
    Ok(())
}

pub(super) fn check_client_id(client_id: &str) -> Result<(), HubError> {
    if client_id.trim().is_empty() || client_id.chars().count() > MAX_CLIENT_ID_CHARS {
        return Err(HubError::InvalidRequest(format!(
            "clientId must have 1 to {MAX_CLIENT_ID_CHARS} characters"
        )));
    }
    Ok(())
}

pub(super) fn client_id_taken(client_id: &str) -> HubError {
    HubError::InvalidRequest(format!("clientId {client_id:?} was already used by someone else"))
}

pub(super) fn invalid_state(conversation: &ConversationRow, action: &'static str) -> HubError {
    let state = match conversation.state {
        ConversationState::Queued => "queued",
        ConversationState::Offered => "offered",
        ConversationState::Active => "active",
        ConversationState::WrapUp => "in wrap-up",
        ConversationState::Closed => "closed",
    };
    HubError::InvalidState { conversation_id: conversation.id.clone(), state, action }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{Channel, QueueKind};

    use super::*;

    #[test]
    fn composer_rules() {
        let livechat = Channel::Livechat.max_message_chars();
        let ok = |t: &str, reserved| check_text(t, livechat, reserved);
        assert!(ok("hello", true).is_ok());
        assert!(matches!(ok("  \n ", true), Err(HubError::MessageEmpty)));
        assert!(matches!(ok("a < b", true), Err(HubError::ReservedCharacters)));
        assert!(matches!(ok("a > b", true), Err(HubError::ReservedCharacters)));
        assert!(ok("a < b", false).is_ok(), "customers may type them");
        // Counted in characters, not bytes: 1000 two-byte letters fit.
        assert!(ok(&"ä".repeat(1000), true).is_ok());
        assert!(matches!(
            ok(&"ä".repeat(1001), true),
            Err(HubError::MessageTooLong { chars: 1001, limit: 1000 })
        ));
        let whatsapp = Channel::Whatsapp.max_message_chars();
        assert!(check_text(&"x".repeat(4096), whatsapp, true).is_ok());
        // A chat-window queue allows 1940 whatever the channel.
        let window = QueueKind::ChatWindow.max_message_chars(Channel::Livechat);
        assert!(check_text(&"x".repeat(1940), window, true).is_ok());
        assert!(matches!(
            check_text(&"x".repeat(1941), window, true),
            Err(HubError::MessageTooLong { chars: 1941, limit: 1940 })
        ));
    }
}
