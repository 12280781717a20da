//! Conversations on PostgreSQL: store::conversations's operations in PostgreSQL's SQL.
//! `matched_claimed` is a BIGINT 0/1 as on SQLite; [`conversation_from_row`] decodes
//! `CONVERSATION_COLUMNS` for the other files that return whole conversations.

use hub_protocol::{Channel, ConversationState, Interruption, Millis, RecordLink};
use tokio_postgres::Row;

use super::{json, json_opt, text, Pg};
use crate::error::HubError;
use crate::store::conversations::CONVERSATION_COLUMNS;
use crate::store::{to_text, ConversationRow, Conversations, PlatformParty};

/// A conversation from a row of `CONVERSATION_COLUMNS`.
pub(super) fn conversation_from_row(r: &Row) -> Result<ConversationRow, HubError> {
    Ok(ConversationRow {
        id: r.try_get(0)?,
        channel: text(r, 1)?,
        queue_id: r.try_get(2)?,
        customer: json(r, 3)?,
        customer_token_hash: r.try_get(4)?,
        state: text(r, 5)?,
        agent_id: r.try_get(6)?,
        created_at: r.try_get(7)?,
        platform: match (r.try_get::<_, Option<String>>(8)?, r.try_get::<_, Option<String>>(9)?) {
            (Some(account), Some(customer)) => {
                Some(PlatformParty { account: serde_json::from_str(&account)?, customer })
            }
            _ => None,
        },
        last_customer_message_at: r.try_get(10)?,
        guest: match (r.try_get::<_, Option<String>>(11)?, r.try_get::<_, Option<Millis>>(12)?) {
            (Some(agent), Some(since)) => Some((agent, since)),
            _ => None,
        },
        interruption: json_opt(r, 13)?,
        ended_at: r.try_get(14)?,
        record: match r.try_get::<_, Option<String>>(15)? {
            Some(customer_id) => Some(RecordLink {
                customer_id,
                matched_by: text(r, 16)?,
                case_id: r.try_get(17)?,
                claimed: r.try_get::<_, i64>(18)? != 0,
            }),
            None => None,
        },
    })
}

impl Conversations for Pg {
    fn insert_conversation(&self, c: &ConversationRow) -> Result<(), HubError> {
        let channel = to_text(&c.channel)?;
        let customer = serde_json::to_string(&c.customer)?;
        let state = to_text(&c.state)?;
        let account = c.platform.as_ref().map(|p| serde_json::to_string(&p.account)).transpose()?;
        let platform_customer = c.platform.as_ref().map(|p| p.customer.as_str());
        let customer_id = c.record.as_ref().map(|r| r.customer_id.as_str());
        let matched_by = c.record.as_ref().map(|r| to_text(&r.matched_by)).transpose()?;
        let case_id = c.record.as_ref().and_then(|r| r.case_id.as_deref());
        let claimed = i64::from(c.record.as_ref().is_some_and(|r| r.claimed));
        self.execute(
            "INSERT INTO conversations
             (id, channel, queue_id, customer, customer_token_hash, state, agent_id, created_at,
              account, platform_customer, last_customer_message_at, customer_id, matched_by,
              matched_case_id, matched_claimed, queued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $8)",
            &[
                &c.id,
                &channel,
                &c.queue_id,
                &customer,
                &c.customer_token_hash,
                &state,
                &c.agent_id,
                &c.created_at,
                &account,
                &platform_customer,
                &c.last_customer_message_at,
                &customer_id,
                &matched_by,
                &case_id,
                &claimed,
            ],
        )?;
        Ok(())
    }

    fn set_conversation_record(&self, id: &str, record: &RecordLink) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET customer_id = $2, matched_by = $3, matched_case_id = $4,
             matched_claimed = $5
         WHERE id = $1",
            &[
                &id,
                &record.customer_id,
                &to_text(&record.matched_by)?,
                &record.case_id,
                &i64::from(record.claimed),
            ],
        )?;
        Ok(())
    }

    fn open_platform_conversation(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Option<ConversationRow>, HubError> {
        let rows = self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = $1 AND platform_customer = $2
           AND state IN ('queued', 'offered', 'active') ORDER BY seq DESC"
            ),
            &[&to_text(&channel)?, &customer],
        )?;
        for row in &rows {
            let row = conversation_from_row(row)?;
            if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    fn platform_conversations(
        &self,
        channel: Channel,
        account_id: &str,
        customer: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let rows = self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = $1 AND platform_customer = $2 ORDER BY seq DESC"
            ),
            &[&to_text(&channel)?, &customer],
        )?;
        let mut out = Vec::new();
        for row in &rows {
            let row = conversation_from_row(row)?;
            if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
                out.push(row);
            }
        }
        Ok(out)
    }

    fn set_last_customer_message_at(&self, id: &str, at: Millis) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations
                SET last_customer_message_at = GREATEST(COALESCE(last_customer_message_at, $2), $2)
         WHERE id = $1",
            &[&id, &at],
        )?;
        Ok(())
    }

    fn conversation(&self, id: &str) -> Result<ConversationRow, HubError> {
        self.query_opt(
            &format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"),
            &[&id],
        )?
        .map(|row| conversation_from_row(&row))
        .transpose()?
        .ok_or_else(|| HubError::not_found("conversation", id))
    }

    fn set_conversation_state(
        &self,
        id: &str,
        state: ConversationState,
        agent_id: Option<&str>,
        now: Millis,
    ) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET
             queued_at = CASE WHEN $2::text = 'queued' AND state NOT IN ('queued', 'offered')
                              THEN $4::bigint ELSE queued_at END,
             state = $2, agent_id = $3,
             ended_at = CASE WHEN $2 IN ('wrapUp', 'closed') THEN COALESCE(ended_at, $4) END,
             closed_at = CASE WHEN $2 = 'closed' THEN COALESCE(closed_at, $4) END
         WHERE id = $1",
            &[&id, &to_text(&state)?, &agent_id, &now],
        )?;
        Ok(())
    }

    fn set_conversation_queue(&self, id: &str, queue_id: &str) -> Result<(), HubError> {
        self.execute("UPDATE conversations SET queue_id = $2 WHERE id = $1", &[&id, &queue_id])?;
        Ok(())
    }

    fn set_guest(&self, id: &str, guest: Option<(&str, Millis)>) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET guest_agent_id = $2, guest_since = $3 WHERE id = $1",
            &[&id, &guest.map(|g| g.0), &guest.map(|g| g.1)],
        )?;
        Ok(())
    }

    fn set_interruption(&self, id: &str, interruption: &Interruption) -> Result<(), HubError> {
        self.execute(
            "UPDATE conversations SET interruption = $2 WHERE id = $1",
            &[&id, &serde_json::to_string(interruption)?],
        )?;
        Ok(())
    }

    fn conversations_as_guest(&self, agent_id: &str) -> Result<Vec<ConversationRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE guest_agent_id = $1 AND state = 'active' ORDER BY seq"
            ),
            &[&agent_id],
        )?
        .iter()
        .map(conversation_from_row)
        .collect()
    }

    fn conversations_of_agent(
        &self,
        agent_id: &str,
        states: &[ConversationState],
    ) -> Result<Vec<ConversationRow>, HubError> {
        let rows = self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE agent_id = $1 ORDER BY seq"
            ),
            &[&agent_id],
        )?;
        let mut out = Vec::new();
        for row in &rows {
            let row = conversation_from_row(row)?;
            if states.contains(&row.state) {
                out.push(row);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{ChannelAccount, Customer, InterruptionReason, MatchedBy};

    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    /// The customer record a conversation is attached to (conversations reference it).
    const SETUP: &str = "INSERT INTO customers (id, name, notes, created_at)
                         VALUES ('cu1', 'Ada Lovelace', '', 1)";

    /// What the trait does not return: when each conversation (re)entered its queue and
    /// closed, and the claim flag as stored.
    const STORED: &str = "SELECT id || ':' || coalesce(queued_at, -1) || ':'
                                 || coalesce(closed_at, -1) || ':' || matched_claimed
                            FROM conversations ORDER BY seq";

    fn conversation(
        id: &str,
        channel: Channel,
        state: ConversationState,
        agent_id: Option<&str>,
        at: Millis,
    ) -> ConversationRow {
        ConversationRow {
            id: id.into(),
            channel,
            queue_id: "web".into(),
            customer: Customer {
                name: "Ada Lovelace".into(),
                email: Some("ada@example.com".into()),
                phone: None,
                source: Some("https://example.com/help".into()),
                language: Some("en".into()),
                account: None,
                case_number: None,
                ip: None,
            },
            customer_token_hash: format!("hash-{id}"),
            state,
            agent_id: agent_id.map(Into::into),
            created_at: at,
            ended_at: None,
            platform: None,
            last_customer_message_at: None,
            guest: None,
            interruption: None,
            record: None,
        }
    }

    fn on_whatsapp(mut c: ConversationRow, account: &str) -> ConversationRow {
        c.platform = Some(PlatformParty {
            account: ChannelAccount { id: account.into(), name: format!("+1 555 {account}") },
            customer: "46701234567".into(),
        });
        c
    }

    fn exercise(store: &dyn Conversations) -> Vec<String> {
        use ConversationState::*;
        let mut out = Vec::new();
        let c1 = conversation("c1", Channel::Livechat, Queued, None, 100);
        let mut c2 =
            on_whatsapp(conversation("c2", Channel::Whatsapp, Active, Some("ada"), 110), "pn1");
        c2.last_customer_message_at = Some(150);
        c2.record = Some(RecordLink {
            customer_id: "cu1".into(),
            matched_by: MatchedBy::Phone,
            case_id: None,
            claimed: true,
        });
        let c3 = on_whatsapp(conversation("c3", Channel::Whatsapp, Queued, None, 120), "pn2");
        let c4 = on_whatsapp(conversation("c4", Channel::Whatsapp, Closed, None, 130), "pn1");
        let c5 = conversation("c5", Channel::Livechat, WrapUp, Some("ada"), 140);
        for c in [&c1, &c2, &c3, &c4, &c5] {
            out.push(shown(store.insert_conversation(c)));
        }
        out.push(shown(store.insert_conversation(&c1)));
        out.push(shown(store.conversation("c1")));
        out.push(shown(store.conversation("c2")));
        out.push(shown(store.conversation("nope")));
        let link = RecordLink {
            customer_id: "cu1".into(),
            matched_by: MatchedBy::CaseNumber,
            case_id: Some("case-1".into()),
            claimed: false,
        };
        out.push(shown(store.set_conversation_record("c1", &link)));
        out.push(shown(store.conversation("c1")));
        out.push(shown(store.open_platform_conversation(Channel::Whatsapp, "pn1", "46701234567")));
        out.push(shown(store.open_platform_conversation(Channel::Whatsapp, "pn2", "46701234567")));
        out.push(shown(store.open_platform_conversation(Channel::Whatsapp, "pn3", "46701234567")));
        out.push(shown(store.open_platform_conversation(Channel::Messenger, "pn1", "46701234567")));
        out.push(shown(store.platform_conversations(Channel::Whatsapp, "pn1", "46701234567")));
        out.push(shown(store.platform_conversations(Channel::Whatsapp, "pn1", "46700000000")));
        out.push(shown(store.set_last_customer_message_at("c2", 140)));
        out.push(shown(store.conversation("c2")));
        out.push(shown(store.set_last_customer_message_at("c2", 200)));
        out.push(shown(store.set_last_customer_message_at("c1", 210)));
        out.push(shown(store.conversation("c2")));
        out.push(shown(store.conversation("c1")));
        for (state, agent, now) in [
            (Offered, Some("ada"), 300),
            (Queued, None, 310),
            (Offered, Some("bo"), 315),
            (Active, Some("bo"), 320),
            (WrapUp, Some("bo"), 330),
            (Queued, None, 340),
            (Closed, None, 350),
            (Closed, None, 360),
        ] {
            out.push(shown(store.set_conversation_state("c1", state, agent, now)));
            out.push(shown(store.conversation("c1")));
        }
        out.push(shown(store.set_conversation_state("nope", Active, Some("ada"), 370)));
        out.push(shown(store.set_conversation_queue("c3", "vip")));
        out.push(shown(store.conversation("c3")));
        out.push(shown(store.set_guest("c2", Some(("bo", 400)))));
        out.push(shown(store.set_guest("c5", Some(("bo", 410)))));
        out.push(shown(store.conversations_as_guest("bo")));
        out.push(shown(store.set_guest("c2", None)));
        out.push(shown(store.conversations_as_guest("bo")));
        out.push(shown(store.conversation("c2")));
        let interruption = Interruption { reason: InterruptionReason::AssetRemoved, at: 500 };
        out.push(shown(store.set_interruption("c3", &interruption)));
        out.push(shown(store.conversation("c3")));
        out.push(shown(store.conversations_of_agent("ada", &[Active, WrapUp])));
        out.push(shown(store.conversations_of_agent("ada", &[WrapUp])));
        out.push(shown(store.conversations_of_agent("ada", &[])));
        out.push(shown(store.conversations_of_agent("zed", &[Active])));
        out
    }

    #[test]
    fn conversations_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new(SETUP);
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);
        let stored_on_sqlite: Vec<String> =
            conn.prepare(STORED)?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;

        let on_postgres = exercise(pg);
        let stored_on_postgres: Vec<String> =
            pg.query(STORED, &[])?.iter().map(|r| r.get(0)).collect();

        assert_eq!(on_postgres, on_sqlite);
        assert_eq!(stored_on_postgres, stored_on_sqlite);
        assert!(on_sqlite.iter().any(|r| r.starts_with("Ok([ConversationRow")), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Err(database)".to_owned()));
        Ok(())
    }
}
