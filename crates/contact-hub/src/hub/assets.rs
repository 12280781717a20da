//! Channel assets taken out of service: an admin retires a WhatsApp business number, a
//! Facebook page or a Livechat entry point while chats may be live on it.
//!
//! An asset is what a customer writes to: a number's `phone_number_id`, a page's id, or, for
//! Livechat, the queue the chat window starts chats in (its `queue` field). Retiring one is
//! one transition, like deleting a queue ([`Transition::take_out_of_service`] serves both):
//!
//! - its conversations not yet answered (queued, offered) close: an offer is withdrawn with
//!   [`WithdrawReason::AssetRemoved`] and the customer is told the chat ended;
//! - its live conversations are interrupted ([`InterruptionReason::AssetRemoved`]): every
//!   agent of the conversation, owner and conference guest, gets `interrupted`; a pending
//!   conference invitation is withdrawn; the owner can only end and wrap up.
//!
//! Afterwards the asset starts nothing: a Livechat start into a retired entry point is
//! refused with `entry-point-closed` (the queue itself goes on: agents still transfer chats
//! to it), and a WhatsApp or Messenger message to a retired number or page starts no
//! conversation (the webhook is still answered 200, as Meta requires; the hub logs it). A
//! customer writing into a conversation already open on it (interrupted, not yet ended)
//! still reaches its agent, who reads it before ending. The retirement is stored
//! (`retired_assets`), so it outlives a restart.
//!
//! Which conversations came through an asset: a platform conversation keeps the account it
//! came to (`PlatformParty::account`), whatever queue it was transferred to; a Livechat one
//! is in the entry point's queue.

use hub_protocol::{
    AgentEventBody, Channel, ConversationState, CustomerEventBody, Interruption,
    InterruptionReason, WithdrawReason,
};

use super::transition::Transition;
use super::Hub;
use crate::error::HubError;
use crate::store::ConversationRow;

impl Hub {
    /// An admin takes a channel asset out of service (see the module docs). An asset the hub
    /// does not know (never configured nor written to), or one already retired, is not
    /// found.
    pub fn retire_asset(
        &self,
        admin_id: &str,
        channel: Channel,
        asset_id: &str,
    ) -> Result<(), HubError> {
        if !self.config().agent(admin_id).is_some_and(|a| a.admin) {
            return Err(HubError::Forbidden("take a channel asset out of service"));
        }
        self.transact(|t| {
            if t.store.asset_retired(channel, asset_id)? || !t.knows_asset(channel, asset_id)? {
                return Err(HubError::not_found("channel asset", asset_id));
            }
            t.store.retire_asset(channel, asset_id, t.now)?;
            let conversations = t.store.open_conversations_of_asset(channel, asset_id)?;
            tracing::info!(
                ?channel,
                asset = %asset_id,
                conversations = conversations.len(),
                "channel asset taken out of service"
            );
            t.take_out_of_service(
                conversations,
                WithdrawReason::AssetRemoved,
                InterruptionReason::AssetRemoved,
            )?;
            // Agents offered a conversation that closed have a free slot again.
            t.route()
        })
    }
}

impl Transition<'_> {
    /// Whether the asset is one this hub serves: a Livechat queue (not deleted), a number
    /// or page of the configuration, or one a customer has written to.
    fn knows_asset(&self, channel: Channel, asset_id: &str) -> Result<bool, HubError> {
        let configured = match channel {
            Channel::Livechat => {
                return Ok(self
                    .live_queue(asset_id)
                    .is_ok_and(|queue| queue.channel == Channel::Livechat));
            }
            Channel::Whatsapp => {
                let wa = self
                    .config
                    .channels
                    .whatsapp
                    .as_ref()
                    .ok_or(HubError::ChannelNotConfigured("WhatsApp"))?;
                wa.numbers.iter().any(|n| n.phone_number_id == asset_id)
            }
            Channel::Messenger => {
                let ms = self
                    .config
                    .channels
                    .messenger
                    .as_ref()
                    .ok_or(HubError::ChannelNotConfigured("Messenger"))?;
                ms.page(asset_id).is_some()
            }
        };
        Ok(configured || self.store.platform_account_seen(channel, asset_id)?)
    }

    /// Whether new conversations may no longer come through this asset.
    pub(super) fn asset_retired(&self, channel: Channel, asset_id: &str) -> Result<bool, HubError> {
        self.store.asset_retired(channel, asset_id)
    }

    /// Closes the conversations not yet answered and interrupts the live ones, for a queue an
    /// admin deleted or an asset taken out of service.
    pub(super) fn take_out_of_service(
        &mut self,
        conversations: Vec<ConversationRow>,
        withdraw: WithdrawReason,
        interrupt: InterruptionReason,
    ) -> Result<(), HubError> {
        for conversation in conversations {
            match conversation.state {
                ConversationState::Queued | ConversationState::Offered => {
                    if let Some(offer) = self.store.offer(&conversation.id)? {
                        self.withdraw(&offer, withdraw, None)?;
                    }
                    self.store.set_conversation_state(
                        &conversation.id,
                        ConversationState::Closed,
                        None,
                        self.now,
                    )?;
                    self.emit_customer(&conversation.id, CustomerEventBody::Ended)?;
                }
                ConversationState::Active if conversation.interruption.is_none() => {
                    if let Some(offer) = self.store.offer(&conversation.id)? {
                        // On an active conversation, only a conference invitation.
                        self.withdraw(&offer, withdraw, None)?;
                    }
                    let interruption = Interruption { reason: interrupt, at: self.now };
                    self.store.set_interruption(&conversation.id, &interruption)?;
                    for agent_id in conversation.agents() {
                        self.emit_agent(
                            agent_id,
                            AgentEventBody::Interrupted {
                                conversation_id: conversation.id.clone(),
                                interruption: interruption.clone(),
                            },
                        )?;
                    }
                }
                // Already ended or interrupted: the agent wraps up as usual.
                _ => {}
            }
        }
        Ok(())
    }
}
