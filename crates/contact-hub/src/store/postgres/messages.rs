//! Messages on PostgreSQL: store::messages's operations in PostgreSQL's SQL.

use hub_protocol::{Delivery, Message};
use tokio_postgres::Row;

use super::{json, json_opt, Pg};
use crate::error::HubError;
use crate::store::Messages;

const MESSAGE_COLUMNS: &str =
    "id, conversation_id, client_id, author, text, system, sent_at, platform_id, delivery";

fn message_from_row(row: &Row) -> Result<Message, HubError> {
    Ok(Message {
        id: row.try_get(0)?,
        conversation_id: row.try_get(1)?,
        client_id: row.try_get(2)?,
        author: json(row, 3)?,
        text: row.try_get(4)?,
        system: json_opt(row, 5)?,
        sent_at: row.try_get(6)?,
        delivery: json_opt(row, 8)?,
    })
}

impl Messages for Pg {
    fn insert_message(&self, m: &Message, platform_id: Option<&str>) -> Result<(), HubError> {
        let system = m.system.as_ref().map(serde_json::to_string).transpose()?;
        let delivery = m.delivery.as_ref().map(serde_json::to_string).transpose()?;
        self.execute(
            &format!(
                "INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            ),
            &[
                &m.id,
                &m.conversation_id,
                &m.client_id,
                &serde_json::to_string(&m.author)?,
                &m.text,
                &system,
                &m.sent_at,
                &platform_id,
                &delivery,
            ],
        )?;
        Ok(())
    }

    fn message(&self, id: &str) -> Result<Message, HubError> {
        self.query_opt(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = $1"), &[&id])?
            .map(|row| message_from_row(&row))
            .transpose()?
            .ok_or_else(|| HubError::not_found("message", id))
    }

    fn platform_id_known(&self, platform_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_opt("SELECT 1 FROM messages WHERE platform_id = $1", &[&platform_id])?
            .is_some())
    }

    fn message_by_platform_id(&self, platform_id: &str) -> Result<Option<Message>, HubError> {
        self.query_opt(
            &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE platform_id = $1"),
            &[&platform_id],
        )?
        .map(|row| message_from_row(&row))
        .transpose()
    }

    fn set_platform_id(&self, id: &str, platform_id: &str) -> Result<(), HubError> {
        self.execute("UPDATE messages SET platform_id = $2 WHERE id = $1", &[&id, &platform_id])?;
        Ok(())
    }

    fn set_delivery(&self, id: &str, delivery: &Delivery) -> Result<(), HubError> {
        self.execute(
            "UPDATE messages SET delivery = $2 WHERE id = $1",
            &[&id, &serde_json::to_string(delivery)?],
        )?;
        Ok(())
    }

    fn message_by_client_id(
        &self,
        conversation_id: &str,
        client_id: &str,
    ) -> Result<Option<Message>, HubError> {
        self.query_opt(
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages
                 WHERE conversation_id = $1 AND client_id = $2"
            ),
            &[&conversation_id, &client_id],
        )?
        .map(|row| message_from_row(&row))
        .transpose()
    }

    fn messages(&self, conversation_id: &str) -> Result<Vec<Message>, HubError> {
        self.query(
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 ORDER BY seq"
            ),
            &[&conversation_id],
        )?
        .iter()
        .map(message_from_row)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{Author, DeliveryStatus, SystemEvent};

    use super::super::test_support::{shown, Both, TEST_CONVERSATIONS};
    use super::*;

    fn message(id: &str, conversation_id: &str, client_id: Option<&str>, sent_at: i64) -> Message {
        Message {
            id: id.to_owned(),
            conversation_id: conversation_id.to_owned(),
            client_id: client_id.map(str::to_owned),
            author: Author::Agent { agent_id: "ada".into(), display_name: "Ada".into() },
            text: format!("hello from {id}"),
            system: None,
            sent_at,
            delivery: None,
        }
    }

    fn exercise(store: &dyn Messages) -> Vec<String> {
        let mut out = Vec::new();
        let customer = Message {
            author: Author::Customer,
            client_id: None,
            text: "Hi, my order is late".into(),
            ..message("m1", "c3", None, 100)
        };
        out.push(shown(store.insert_message(&customer, Some("wamid.1"))));
        let mut agent = message("m2", "c3", Some("desk-1"), 110);
        agent.delivery = Some(Delivery { status: DeliveryStatus::Sending, error: None, at: 110 });
        out.push(shown(store.insert_message(&agent, None)));
        let joined = Message {
            author: Author::System,
            text: String::new(),
            system: Some(SystemEvent::AgentJoined { display_name: "Ada".into() }),
            ..message("m3", "c3", None, 105)
        };
        out.push(shown(store.insert_message(&joined, None)));
        out.push(shown(store.insert_message(&message("m4", "c2", Some("desk-1"), 120), None)));
        // A retry with the same client id, and a duplicated platform id: refused.
        out.push(shown(store.insert_message(&message("m5", "c3", Some("desk-1"), 130), None)));
        out.push(shown(store.insert_message(&message("m6", "c3", None, 130), Some("wamid.1"))));
        out.push(shown(store.message("m2")));
        out.push(shown(store.message("nope")));
        out.push(shown(store.platform_id_known("wamid.1")));
        out.push(shown(store.platform_id_known("wamid.2")));
        out.push(shown(store.message_by_platform_id("wamid.1")));
        out.push(shown(store.message_by_platform_id("wamid.2")));
        out.push(shown(store.set_platform_id("m2", "wamid.2")));
        out.push(shown(store.message_by_platform_id("wamid.2")));
        out.push(shown(store.set_platform_id("nope", "wamid.3")));
        let read = Delivery { status: DeliveryStatus::Read, error: None, at: 140 };
        out.push(shown(store.set_delivery("m2", &read)));
        out.push(shown(store.message_by_client_id("c3", "desk-1")));
        out.push(shown(store.message_by_client_id("c2", "desk-1")));
        out.push(shown(store.message_by_client_id("c2", "desk-9")));
        out.push(shown(store.messages("c3")));
        out.push(shown(store.messages("c2")));
        out.push(shown(store.messages("c9")));
        out
    }

    #[test]
    fn messages_behave_as_on_sqlite() {
        let both = Both::new(TEST_CONVERSATIONS);
        let (conn, pg) = (&both.sqlite, &both.pg);

        let on_sqlite = exercise(conn);
        assert_eq!(exercise(pg), on_sqlite);
        assert!(on_sqlite[19].contains("m3") && on_sqlite[19].contains("Read"), "{on_sqlite:?}");
        assert_eq!(on_sqlite[4], "Err(database)");
    }
}
