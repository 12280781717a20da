//! The customer's side of a Livechat conversation: starting a chat (limited per address and
//! per queue), the customer's token and single-use stream tickets, the customer's messages
//! and leaving.

use hub_protocol::{
    Author, Channel, ConversationState, Customer, Message, SendMessageRequest, StartChatRequest,
    StartChatResponse, SystemEvent, WithdrawReason,
};

use super::checks::{
    check_client_id, check_text, client_id_taken, MAX_FIELD_CHARS, MAX_NAME_CHARS,
};
use super::{Hub, Written};
use crate::error::HubError;
use crate::secret;
use crate::store::ConversationRow;

impl Hub {
    /// A customer starts a Livechat conversation; it enters its queue, attached to the
    /// customer's record if one matches, and routing runs. `ip` is the address the chat
    /// window connected from, when the server knows it.
    ///
    /// Limited (finding H3): starts per address (`[limits] widget_starts_per_ip_per_minute`)
    /// and chats waiting per queue (`waiting_chats_per_queue`): a full queue takes no more
    /// until one is answered or expires.
    pub fn start_chat(
        &self,
        request: StartChatRequest,
        ip: Option<std::net::IpAddr>,
    ) -> Result<StartChatResponse, HubError> {
        self.limits().check_ip(crate::limits::Door::WidgetStartIp, ip)?;
        let ip = ip.map(|ip| ip.to_string());
        let name = request.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(HubError::InvalidRequest(format!(
                "name must have 1 to {MAX_NAME_CHARS} characters"
            )));
        }
        let fields = [
            &request.email,
            &request.phone,
            &request.account,
            &request.case_number,
            &request.source,
            &request.language,
        ];
        for field in fields.into_iter().flatten() {
            if field.chars().count() > MAX_FIELD_CHARS {
                return Err(HubError::InvalidRequest("a field is too long".into()));
            }
        }
        let queue = match &request.queue_id {
            Some(id) => self.config().queue(id).ok_or_else(|| HubError::not_found("queue", id))?,
            None => self
                .config()
                .default_livechat_queue()
                .ok_or_else(|| HubError::InvalidRequest("this hub has no Livechat queue".into()))?,
        };
        if queue.channel != Channel::Livechat {
            return Err(HubError::InvalidRequest(format!(
                "queue {} is not a Livechat queue",
                queue.id
            )));
        }
        check_text(&request.text, queue.kind.max_message_chars(Channel::Livechat), false)?;
        let customer_token = secret::new_token();
        let filled = |field: Option<String>| {
            field.filter(|f| !f.trim().is_empty()).map(|f| self.redact_cards(&f))
        };
        let customer = Customer {
            name: self.redact_cards(name),
            email: filled(request.email),
            phone: filled(request.phone),
            // The page without its query and fragment, which carry session ids and tokens.
            source: request
                .source
                .map(|s| self.redact_cards(s.split(['?', '#']).next().unwrap_or_default())),
            language: request.language,
            account: filled(request.account),
            case_number: filled(request.case_number),
            ip,
        };
        let language = queue.language.clone();
        let queue_id = queue.id.clone();
        let waiting_cap = self.config().limits.waiting_chats_per_queue;
        self.transact(|t| {
            t.live_queue(&queue_id)?;
            if t.asset_retired(Channel::Livechat, &queue_id)? {
                tracing::warn!(queue = %queue_id, "Livechat start refused: entry point retired");
                return Err(HubError::EntryPointClosed(queue_id.clone()));
            }
            if t.store.waiting_in_queue(&queue_id)? >= u64::from(waiting_cap) {
                tracing::warn!(queue = %queue_id, "Livechat start refused: the queue is full");
                return Err(HubError::RateLimited { retry_after_secs: 60 });
            }
            let record = t.match_record(&customer, Some(&language), true)?;
            let conversation = ConversationRow {
                id: uuid::Uuid::new_v4().to_string(),
                channel: Channel::Livechat,
                queue_id: queue_id.clone(),
                customer: customer.clone(),
                customer_token_hash: secret::token_hash(&customer_token),
                state: ConversationState::Queued,
                agent_id: None,
                created_at: t.now,
                platform: None,
                last_customer_message_at: None,
                guest: None,
                interruption: None,
                ended_at: None,
                record,
            };
            t.store.insert_conversation(&conversation)?;
            let first =
                t.write_message(&conversation, Author::Customer, request.text.clone(), None, None)?;
            t.announce_message(&conversation, &first)?;
            t.route()?;
            // The offer clock also ends chats left waiting too long: it learns of this one.
            t.offers_changed = true;
            Ok(StartChatResponse {
                conversation_id: conversation.id,
                customer_token: customer_token.clone(),
            })
        })
    }

    /// Checks a customer's token for one conversation.
    pub fn authenticate_customer(
        &self,
        conversation_id: &str,
        token: &str,
    ) -> Result<(), HubError> {
        let conversation = self.read(|conn| conn.conversation(conversation_id))?;
        if conversation.customer_token_hash == secret::token_hash(token) {
            Ok(())
        } else {
            Err(HubError::Unauthorized)
        }
    }

    /// A single-use ticket for the conversation's event stream, and how many seconds it is
    /// valid. The caller has authenticated the customer for that conversation.
    pub fn issue_stream_ticket(&self, conversation_id: &str) -> Result<(String, u32), HubError> {
        let lifetime = self.config().limits.stream_ticket_secs;
        let ticket = self.transact(|t| {
            crate::tickets::issue(
                &*t.store,
                conversation_id,
                t.now,
                std::time::Duration::from_secs(lifetime.into()),
            )
        })?;
        Ok((ticket, lifetime))
    }

    /// Takes a stream ticket for `conversation_id`; `unauthorized` unless it was issued for
    /// that conversation, has not expired and was not used.
    pub fn redeem_stream_ticket(
        &self,
        conversation_id: &str,
        ticket: &str,
    ) -> Result<(), HubError> {
        // The ticket is spent (committed) even when it is refused.
        let opens =
            self.transact(|t| crate::tickets::redeem(&*t.store, ticket, conversation_id, t.now))?;
        if opens {
            Ok(())
        } else {
            Err(HubError::Unauthorized)
        }
    }

    /// A customer writes. Customers may type `<` and `>`; they may write while waiting.
    pub fn send_customer_message(
        &self,
        conversation_id: &str,
        request: SendMessageRequest,
    ) -> Result<(Message, Written), HubError> {
        check_client_id(&request.client_id)?;
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if let Some(existing) =
                t.store.message_by_client_id(conversation_id, &request.client_id)?
            {
                return match existing.author {
                    Author::Customer => Ok((existing, Written::Existing)),
                    _ => Err(client_id_taken(&request.client_id)),
                };
            }
            if matches!(conversation.state, ConversationState::WrapUp | ConversationState::Closed) {
                return Err(HubError::ConversationEnded(conversation.id));
            }
            check_text(&request.text, t.message_limit(&conversation), false)?;
            let message = t.write_message(
                &conversation,
                Author::Customer,
                request.text,
                None,
                Some(request.client_id),
            )?;
            t.announce_message(&conversation, &message)?;
            Ok((message, Written::New))
        })
    }

    /// The customer leaves. Before an agent accepted, the conversation closes at once (and an
    /// open offer is withdrawn); after, it goes to wrap-up like an agent's End.
    pub fn end_by_customer(&self, conversation_id: &str) -> Result<(), HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            match conversation.state {
                ConversationState::Active => t.end(&conversation, SystemEvent::EndedByCustomer),
                ConversationState::Queued | ConversationState::Offered => {
                    t.close_waiting(
                        &conversation,
                        WithdrawReason::CustomerLeft,
                        SystemEvent::EndedByCustomer,
                    )?;
                    // An offered agent's slot is free again.
                    t.route()
                }
                ConversationState::WrapUp | ConversationState::Closed => {
                    Err(HubError::ConversationEnded(conversation.id))
                }
            }
        })
    }
}
