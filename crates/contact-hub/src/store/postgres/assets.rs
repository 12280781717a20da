//! Assets on PostgreSQL: store::assets's operations in PostgreSQL's SQL.
//!
//! SQLite's `json_extract(account, '$.id')` is `account::json ->> 'id'` (text).

use hub_protocol::{Channel, Millis};

use super::conversations::conversation_from_row;
use super::Pg;
use crate::error::HubError;
use crate::store::conversations::CONVERSATION_COLUMNS;
use crate::store::{to_text, Assets, ConversationRow};

impl Assets for Pg {
    fn retire_asset(&self, channel: Channel, asset_id: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT INTO retired_assets (channel, asset_id, at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&to_text(&channel)?, &asset_id, &now],
        )?;
        Ok(())
    }

    fn asset_retired(&self, channel: Channel, asset_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_opt(
                "SELECT 1 FROM retired_assets WHERE channel = $1 AND asset_id = $2",
                &[&to_text(&channel)?, &asset_id],
            )?
            .is_some())
    }

    fn platform_account_seen(&self, channel: Channel, account_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_opt(
                "SELECT 1 FROM conversations
                 WHERE channel = $1 AND account::json ->> 'id' = $2 LIMIT 1",
                &[&to_text(&channel)?, &account_id],
            )?
            .is_some())
    }

    fn open_conversations_of_asset(
        &self,
        channel: Channel,
        asset_id: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let filter = match channel {
            Channel::Livechat => "queue_id = $2",
            Channel::Whatsapp | Channel::Messenger => "account::json ->> 'id' = $2",
        };
        self.query(
            &format!(
                "SELECT {CONVERSATION_COLUMNS} FROM conversations
                 WHERE channel = $1 AND {filter}
                   AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
            ),
            &[&to_text(&channel)?, &asset_id],
        )?
        .iter()
        .map(conversation_from_row)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{shown, Both, TEST_CONVERSATIONS};
    use super::*;

    fn exercise(store: &dyn Assets) -> Vec<String> {
        let mut out = Vec::new();
        out.push(shown(store.asset_retired(Channel::Whatsapp, "pn-1")));
        out.push(shown(store.retire_asset(Channel::Whatsapp, "pn-1", 1_000)));
        out.push(shown(store.retire_asset(Channel::Whatsapp, "pn-1", 2_000)));
        out.push(shown(store.retire_asset(Channel::Livechat, "web", 2_000)));
        out.push(shown(store.asset_retired(Channel::Whatsapp, "pn-1")));
        out.push(shown(store.asset_retired(Channel::Messenger, "pn-1")));
        out.push(shown(store.asset_retired(Channel::Livechat, "web")));
        out.push(shown(store.platform_account_seen(Channel::Whatsapp, "pn-1")));
        out.push(shown(store.platform_account_seen(Channel::Whatsapp, "pn-2")));
        out.push(shown(store.platform_account_seen(Channel::Messenger, "pn-1")));
        out.push(shown(store.open_conversations_of_asset(Channel::Whatsapp, "pn-1")));
        out.push(shown(store.open_conversations_of_asset(Channel::Messenger, "pn-1")));
        out.push(shown(store.open_conversations_of_asset(Channel::Livechat, "web")));
        out.push(shown(store.open_conversations_of_asset(Channel::Livechat, "sales")));
        out
    }

    #[test]
    fn assets_behave_as_on_sqlite() {
        let both = Both::new(TEST_CONVERSATIONS);
        let (conn, pg) = (&both.sqlite, &both.pg);

        let on_sqlite = exercise(conn);
        assert_eq!(exercise(pg), on_sqlite);
        assert!(on_sqlite[10].contains("\"c3\"") && !on_sqlite[10].contains("\"c5\""));
        for id in ["c1", "c2", "c4", "c6"] {
            assert!(on_sqlite[12].contains(&format!("\"{id}\"")), "{on_sqlite:?}");
        }
    }
}
