//! Messages: a conversation's thread, looked up by id, by the desk's client id (a retried
//! send) or by the platform's id (a duplicated webhook, a delivery receipt), and their
//! delivery state.

use hub_protocol::{Author, Delivery, Message, SystemEvent};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_json, parse_json};
use crate::error::HubError;

const MESSAGE_COLUMNS: &str =
    "id, conversation_id, client_id, author, text, system, sent_at, platform_id, delivery";

fn message_from_row(r: &Row) -> rusqlite::Result<Message> {
    let system: Option<String> = r.get(5)?;
    Ok(Message {
        id: r.get(0)?,
        conversation_id: r.get(1)?,
        client_id: r.get(2)?,
        author: from_json::<Author>(r, 3)?,
        text: r.get(4)?,
        system: match system {
            Some(json) => Some(parse_json::<SystemEvent>(&json, 5)?),
            None => None,
        },
        sent_at: r.get(6)?,
        delivery: match r.get::<_, Option<String>>(8)? {
            Some(json) => Some(parse_json::<Delivery>(&json, 8)?),
            None => None,
        },
    })
}

/// Messages of conversations.
pub(crate) trait Messages {
    /// Stores a message; `platform_id` is the platform's id of an inbound WhatsApp or Messenger
    /// message.
    fn insert_message(&self, m: &Message, platform_id: Option<&str>) -> Result<(), HubError>;

    fn message(&self, id: &str) -> Result<Message, HubError>;

    /// Whether a platform message id was seen before (a retried or duplicated webhook).
    fn platform_id_known(&self, platform_id: &str) -> Result<bool, HubError>;

    fn message_by_platform_id(&self, platform_id: &str) -> Result<Option<Message>, HubError>;

    fn set_platform_id(&self, id: &str, platform_id: &str) -> Result<(), HubError>;

    fn set_delivery(&self, id: &str, delivery: &Delivery) -> Result<(), HubError>;

    fn message_by_client_id(
        &self,
        conversation_id: &str,
        client_id: &str,
    ) -> Result<Option<Message>, HubError>;

    /// A conversation's thread in the order it was written.
    fn messages(&self, conversation_id: &str) -> Result<Vec<Message>, HubError>;
}

impl Messages for Connection {
    fn insert_message(&self, m: &Message, platform_id: Option<&str>) -> Result<(), HubError> {
        let system = m.system.as_ref().map(serde_json::to_string).transpose()?;
        let delivery = m.delivery.as_ref().map(serde_json::to_string).transpose()?;
        self.execute(
            &format!(
                "INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ),
            params![
                m.id,
                m.conversation_id,
                m.client_id,
                serde_json::to_string(&m.author)?,
                m.text,
                system,
                m.sent_at,
                platform_id,
                delivery,
            ],
        )?;
        Ok(())
    }

    fn message(&self, id: &str) -> Result<Message, HubError> {
        self.query_row(
            &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?1"),
            [id],
            message_from_row,
        )
        .optional()?
        .ok_or_else(|| HubError::not_found("message", id))
    }

    fn platform_id_known(&self, platform_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_row("SELECT 1 FROM messages WHERE platform_id = ?1", [platform_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn message_by_platform_id(&self, platform_id: &str) -> Result<Option<Message>, HubError> {
        Ok(self
            .query_row(
                &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE platform_id = ?1"),
                [platform_id],
                message_from_row,
            )
            .optional()?)
    }

    fn set_platform_id(&self, id: &str, platform_id: &str) -> Result<(), HubError> {
        self.execute("UPDATE messages SET platform_id = ?2 WHERE id = ?1", [id, platform_id])?;
        Ok(())
    }

    fn set_delivery(&self, id: &str, delivery: &Delivery) -> Result<(), HubError> {
        self.execute(
            "UPDATE messages SET delivery = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(delivery)?],
        )?;
        Ok(())
    }

    fn message_by_client_id(
        &self,
        conversation_id: &str,
        client_id: &str,
    ) -> Result<Option<Message>, HubError> {
        Ok(self
            .query_row(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages
                 WHERE conversation_id = ?1 AND client_id = ?2"
                ),
                [conversation_id, client_id],
                message_from_row,
            )
            .optional()?)
    }

    fn messages(&self, conversation_id: &str) -> Result<Vec<Message>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([conversation_id], message_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
