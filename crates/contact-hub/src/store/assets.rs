//! Channel assets an admin took out of service (a WhatsApp number, a Messenger page, a
//! Livechat entry point) and the conversations that came through one (`hub/assets.rs`).

use hub_protocol::{Channel, Millis};
use rusqlite::{params, Connection, OptionalExtension};

use super::conversations::{conversation_from_row, ConversationRow, CONVERSATION_COLUMNS};
use super::to_text;
use crate::error::HubError;

/// Retired channel assets and the platform accounts seen.
pub(crate) trait Assets {
    /// Takes a channel asset out of service (see the `retired_assets` table).
    fn retire_asset(&self, channel: Channel, asset_id: &str, now: Millis) -> Result<(), HubError>;

    /// Whether an admin took this channel asset out of service.
    fn asset_retired(&self, channel: Channel, asset_id: &str) -> Result<bool, HubError>;

    /// Whether any conversation (in any state) came through this WhatsApp number or page.
    fn platform_account_seen(&self, channel: Channel, account_id: &str) -> Result<bool, HubError>;

    /// The conversations not yet closed that came through a channel asset, oldest first: a
    /// WhatsApp number's or a page's (by the platform account), or a Livechat entry point's
    /// (Livechat conversations in that queue).
    fn open_conversations_of_asset(
        &self,
        channel: Channel,
        asset_id: &str,
    ) -> Result<Vec<ConversationRow>, HubError>;
}

impl Assets for Connection {
    fn retire_asset(&self, channel: Channel, asset_id: &str, now: Millis) -> Result<(), HubError> {
        self.execute(
            "INSERT OR IGNORE INTO retired_assets (channel, asset_id, at) VALUES (?1, ?2, ?3)",
            params![to_text(&channel)?, asset_id, now],
        )?;
        Ok(())
    }

    fn asset_retired(&self, channel: Channel, asset_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_row(
                "SELECT 1 FROM retired_assets WHERE channel = ?1 AND asset_id = ?2",
                params![to_text(&channel)?, asset_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn platform_account_seen(&self, channel: Channel, account_id: &str) -> Result<bool, HubError> {
        Ok(self
            .query_row(
                "SELECT 1 FROM conversations
             WHERE channel = ?1 AND json_extract(account, '$.id') = ?2 LIMIT 1",
                params![to_text(&channel)?, account_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn open_conversations_of_asset(
        &self,
        channel: Channel,
        asset_id: &str,
    ) -> Result<Vec<ConversationRow>, HubError> {
        let filter = match channel {
            Channel::Livechat => "queue_id = ?2",
            Channel::Whatsapp | Channel::Messenger => "json_extract(account, '$.id') = ?2",
        };
        let mut stmt = self.prepare(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND {filter}
           AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
        ))?;
        let rows = stmt.query_map(params![to_text(&channel)?, asset_id], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
