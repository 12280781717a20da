//! Customer records and cases (chat logs): who the customer is, and what was said.
//!
//! Two things happen here and nowhere else, each inside the transition that causes it:
//!
//! - **Matching** ([`Transition::match_record`]): when a conversation arrives (a Livechat
//!   start, the first WhatsApp or Messenger message) the hub looks for the customer's record,
//!   first hit wins: the case number from the pre-chat form (the case's customer), the account
//!   number, the email (both trimmed and compared case-insensitively), then the phone number
//!   compared in E.164. A national number is read in the queue's country: the region subtag of
//!   the queue's language, else the language's main country. No hit, no record: the agent may
//!   save one from the new-record form (`POST /v1/customers` with the conversation).
//!   Everything a Livechat customer typed is a *claim* (`RecordLink::claimed`): the desk
//!   shows no history and the chat log is not saved on the record until an agent of the
//!   conversation confirms it ([`Hub::confirm_record`]). A WhatsApp number is the platform's,
//!   not typed, so it matches outright.
//! - **The chat log** ([`Transition::write_chat_log`]): when a conversation goes to wrap-up,
//!   in the same transaction, its case is created: saved on the record matched at arrival, or
//!   a draft (carrying the record the agent saved during the chat, if any) that the agent
//!   saves later. Its transcript is read from the stored messages (card numbers already
//!   redacted when masking is on), customer and agent lines only. A queue the admin set to
//!   `chat_log = "none"` gets no chat log: its wrap-up is the reason alone.

use hub_protocol::{
    AgentEventBody, Author, Case, CaseStatus, CaseSummary, CaseUpdate, ChatLogPolicy,
    ConversationState, Customer, CustomerFile, CustomerRecord, MatchedBy, NewCustomerRequest,
    RecordLink, TranscriptAuthor, TranscriptLine,
};

use super::checks::{MAX_FIELD_CHARS, MAX_NAME_CHARS};
use super::transition::Transition;
use super::Hub;
use crate::config::HubConfig;
use crate::error::HubError;
use crate::store::{CaseRow, ConversationRow, CustomerKey, CustomerKeys, Store};

/// How many records a search returns at most (finding M3: one bounded read under the lock).
const SEARCH_LIMIT: u32 = 50;
/// The longest search text: every `LIKE '%…%'` is matched against each record's fields, so
/// a long pattern would make each of those comparisons long too (finding M3).
const SEARCH_MAX_CHARS: usize = 100;
/// A chat log's default subject: the customer's first message, cut to this many characters.
const SUBJECT_CHARS: usize = 80;
/// Longest notes an agent may write on a record or case.
const MAX_NOTES_CHARS: usize = 20_000;

impl Hub {
    /// A new customer record. With a conversation the agent holds, the conversation is
    /// attached to it (`recordLinked`), and a name, email, phone or account left out is the
    /// conversation's: the desk shows those masked, so it leaves them to the hub rather than
    /// send the stars back as data.
    pub fn create_customer(
        &self,
        agent_id: &str,
        mut request: NewCustomerRequest,
    ) -> Result<CustomerRecord, HubError> {
        // No card number is stored in any field (finding M6).
        request.name = self.redact_cards(&request.name);
        request.notes = self.redact_cards(&request.notes);
        for field in [&mut request.email, &mut request.phone, &mut request.account] {
            if let Some(value) = field.as_mut() {
                *value = self.redact_cards(value);
            }
        }
        let typed_name = given(Some(&request.name));
        if typed_name.is_some_and(|name| name.chars().count() > MAX_NAME_CHARS) {
            return Err(invalid_name());
        }
        check_fields(&[&request.email, &request.phone, &request.account])?;
        check_notes(&request.notes)?;
        self.transact(|t| {
            let conversation = match &request.conversation_id {
                Some(id) => {
                    let conversation = t.store.conversation(id)?;
                    let guest = conversation.guest.as_ref().is_some_and(|(g, _)| g == agent_id);
                    if conversation.agent_id.as_deref() != Some(agent_id) && !guest {
                        return Err(HubError::NotYourConversation(conversation.id));
                    }
                    Some(conversation)
                }
                None => None,
            };
            let from_chat = conversation.as_ref().map(|c| &c.customer);
            let email = given(request.email.as_deref())
                .or_else(|| from_chat.and_then(|c| given(c.email.as_deref())));
            let phone = given(request.phone.as_deref())
                .or_else(|| from_chat.and_then(|c| given(c.phone.as_deref())));
            let account = given(request.account.as_deref())
                .or_else(|| from_chat.and_then(|c| given(c.account.as_deref())));
            let name = typed_name
                .or_else(|| from_chat.and_then(|c| given(Some(&c.name))))
                .filter(|name| name.chars().count() <= MAX_NAME_CHARS)
                .ok_or_else(invalid_name)?
                .to_owned();
            // A national number the agent typed is read in the conversation's market, else
            // in the agent's own.
            let language = match &conversation {
                Some(c) => t.config.queue(&c.queue_id).map(|q| q.language.clone()),
                None => t.config.agent(agent_id).and_then(|a| a.language.clone()),
            };
            let record = CustomerRecord {
                id: uuid::Uuid::new_v4().to_string(),
                name,
                email: email.map(str::to_owned),
                phone: phone.map(str::to_owned),
                account: account.map(str::to_owned),
                notes: request.notes.clone(),
                created_at: t.now,
            };
            let phone_e164 = phone.and_then(|p| e164(p, language.as_deref()));
            let email_key = email.map(text_key);
            let account_key = account.map(text_key);
            let keys = CustomerKeys {
                email: email_key.as_deref(),
                phone_e164: phone_e164.as_deref(),
                account: account_key.as_deref(),
            };
            t.store.insert_customer(&record, &keys)?;
            if let Some(conversation) = conversation {
                let link = RecordLink {
                    customer_id: record.id.clone(),
                    matched_by: MatchedBy::Agent,
                    case_id: None,
                    claimed: false,
                };
                t.link_record(&conversation, link)?;
            }
            Ok(record)
        })
    }

    /// Records whose name, email or account contains `q`, or whose phone number holds its
    /// digits; every record for an empty `q`. At most [`SEARCH_LIMIT`], in name order; a `q`
    /// over [`SEARCH_MAX_CHARS`] is an invalid request.
    pub fn search_customers(&self, q: &str) -> Result<Vec<CustomerRecord>, HubError> {
        let q = q.trim();
        if q.chars().count() > SEARCH_MAX_CHARS {
            return Err(HubError::InvalidRequest(format!(
                "a search is {SEARCH_MAX_CHARS} characters at most"
            )));
        }
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        // A couple of digits would match half the book; a phone search needs a few.
        let digits = if digits.len() >= 3 { digits } else { String::new() };
        self.read(|conn| conn.search_customers(q, &digits, SEARCH_LIMIT))
    }

    /// A record with its saved cases, newest first, from every channel.
    pub fn customer_file(&self, customer_id: &str) -> Result<CustomerFile, HubError> {
        self.read(|conn| {
            let record = conn.customer(customer_id)?;
            let cases = conn
                .saved_cases_of_customer(customer_id)?
                .iter()
                .map(|case| case_summary(self.config(), conn, case))
                .collect::<Result<_, _>>()?;
            Ok(CustomerFile { record, cases })
        })
    }

    /// The record a conversation is attached to, for an agent of the conversation or the
    /// agent it is offered to: the contact request's "Preview record", before Accept. Anyone
    /// else is refused (`not-your-conversation`), admins aside; `not-found` when no record is
    /// attached. A record the customer only claimed comes without its history, which waits
    /// for an agent to confirm the claim (finding H5).
    pub fn conversation_record(
        &self,
        agent_id: &str,
        conversation_id: &str,
    ) -> Result<CustomerFile, HubError> {
        self.read(|conn| {
            let conversation = conn.conversation(conversation_id)?;
            let offered = conn.offer(conversation_id)?.is_some_and(|o| o.agent_id == agent_id);
            let admin = self.config().agent(agent_id).is_some_and(|a| a.admin);
            if !(offered || admin || conversation.agents().any(|a| a == agent_id)) {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            let link = conversation
                .record
                .as_ref()
                .ok_or_else(|| HubError::not_found("record of conversation", conversation_id))?;
            let record = conn.customer(&link.customer_id)?;
            let cases = if link.claimed {
                Vec::new()
            } else {
                conn.saved_cases_of_customer(&link.customer_id)?
                    .iter()
                    .map(|case| case_summary(self.config(), conn, case))
                    .collect::<Result<_, _>>()?
            };
            Ok(CustomerFile { record, cases })
        })
    }

    /// A conversation's chat log; `not-found` until it has ended, or when the caller may not
    /// read it (see [`Access`]).
    pub fn chat_log(&self, agent_id: &str, conversation_id: &str) -> Result<Case, HubError> {
        self.read(|conn| {
            conn.conversation(conversation_id)?;
            let case = conn
                .case_of_conversation(conversation_id)?
                .ok_or_else(|| HubError::not_found("chat log of conversation", conversation_id))?;
            Access::of(self.config(), conn, agent_id, &case)?.read(&case)?;
            case_wire(self.config(), conn, &case)
        })
    }

    /// The agent's draft chat logs, newest first.
    pub fn draft_cases(&self, agent_id: &str) -> Result<Vec<CaseSummary>, HubError> {
        self.read(|conn| {
            conn.draft_cases_of_agent(agent_id)?
                .iter()
                .map(|case| case_summary(self.config(), conn, case))
                .collect()
        })
    }

    /// A case, if the caller may read it (see [`Access`]).
    pub fn case(&self, agent_id: &str, case_id: &str) -> Result<Case, HubError> {
        self.read(|conn| {
            let case = conn.case(case_id)?;
            Access::of(self.config(), conn, agent_id, &case)?.read(&case)?;
            case_wire(self.config(), conn, &case)
        })
    }

    /// The agent edits a chat log, and saves it on a record or keeps it as a draft. Only the
    /// case's agent, an agent of its conversation or an admin may (see [`Access`]); each edit
    /// is logged (who, which case, its status and record before and after).
    pub fn update_case(
        &self,
        agent_id: &str,
        case_id: &str,
        mut update: CaseUpdate,
    ) -> Result<Case, HubError> {
        update.notes = self.redact_cards(&update.notes);
        let subject = self.redact_cards(update.subject.trim());
        if subject.chars().count() > MAX_NAME_CHARS {
            return Err(HubError::InvalidRequest(format!(
                "subject must have at most {MAX_NAME_CHARS} characters"
            )));
        }
        check_notes(&update.notes)?;
        if update.status == CaseStatus::Saved && update.customer_id.is_none() {
            return Err(HubError::CustomerRequired);
        }
        self.transact(|t| {
            let mut case = t.store.case(case_id)?;
            Access::of(t.config, &*t.store, agent_id, &case)?.write(&case)?;
            if let Some(customer_id) = &update.customer_id {
                t.store.customer(customer_id)?;
            }
            tracing::info!(
                agent = agent_id,
                case = %case.id,
                status_before = ?case.status,
                status = ?update.status,
                customer_before = ?case.customer_id,
                customer = ?update.customer_id,
                "case edited"
            );
            case.customer_id = update.customer_id.clone();
            case.subject = subject.clone();
            case.notes = update.notes.clone();
            case.status = update.status;
            case.updated_at = t.now;
            t.store.update_case(&case)?;
            case_wire(t.config, &*t.store, &case)
        })
    }
}

impl Hub {
    /// An admin erases a customer (finding M7; the right to erasure): the record, every
    /// conversation attached to it or whose chat log is saved on it, with their messages,
    /// chat logs and events. `invalid-state` while one of them is still live.
    pub fn erase_customer(&self, admin_id: &str, customer_id: &str) -> Result<(), HubError> {
        if !self.config().agent(admin_id).is_some_and(|a| a.admin) {
            return Err(HubError::Forbidden("erase a customer"));
        }
        self.transact(|t| {
            t.store.customer(customer_id)?;
            let conversations = t.store.conversations_of_customer(customer_id)?;
            if let Some((id, _)) =
                conversations.iter().find(|(_, state)| *state != ConversationState::Closed)
            {
                return Err(HubError::InvalidState {
                    conversation_id: id.clone(),
                    state: "not closed",
                    action: "erased",
                });
            }
            for (id, _) in &conversations {
                t.store.erase_conversation(id)?;
            }
            t.store.delete_customer(customer_id)?;
            tracing::info!(
                admin = admin_id,
                customer = customer_id,
                conversations = conversations.len(),
                "customer erased"
            );
            Ok(())
        })
    }

    /// An agent of the conversation confirms the record the customer claimed (finding H5):
    /// from now on it is the conversation's record, its history is shown, and the chat log is
    /// saved on it. `not-found` when there is no claim to confirm.
    pub fn confirm_record(
        &self,
        agent_id: &str,
        conversation_id: &str,
    ) -> Result<RecordLink, HubError> {
        self.transact(|t| {
            let conversation = t.store.conversation(conversation_id)?;
            if !conversation.agents().any(|a| a == agent_id) {
                return Err(HubError::NotYourConversation(conversation.id));
            }
            let Some(claim) = conversation.record.clone().filter(|r| r.claimed) else {
                return Err(HubError::not_found("claimed record of conversation", conversation_id));
            };
            let link = RecordLink { claimed: false, ..claim };
            tracing::info!(
                agent = agent_id,
                conversation = conversation_id,
                customer = %link.customer_id,
                "claimed record confirmed"
            );
            t.link_record(&conversation, link.clone())?;
            Ok(link)
        })
    }
}

impl Transition<'_> {
    /// The record of a customer arriving in a queue of `language`, if one matches (see the
    /// module docs for the order). With `typed`, everything compared is what the customer
    /// typed in the pre-chat form, so a hit is only a claim (`RecordLink::claimed`).
    pub(super) fn match_record(
        &self,
        customer: &Customer,
        language: Option<&str>,
        typed: bool,
    ) -> Result<Option<RecordLink>, HubError> {
        let link = |customer_id: String, matched_by| RecordLink {
            customer_id,
            matched_by,
            case_id: None,
            claimed: typed,
        };
        if let Some(number) = customer.case_number.as_deref().and_then(case_number_of) {
            if let Some(case) = self.store.case_by_number(&number)? {
                if let Some(customer_id) = case.customer_id {
                    return Ok(Some(RecordLink {
                        case_id: Some(case.id),
                        ..link(customer_id, MatchedBy::CaseNumber)
                    }));
                }
            }
        }
        if let Some(account) = given(customer.account.as_deref()) {
            if let Some(id) =
                self.store.customer_by_key(CustomerKey::Account, &text_key(account))?
            {
                return Ok(Some(link(id, MatchedBy::Account)));
            }
        }
        if let Some(email) = given(customer.email.as_deref()) {
            if let Some(id) = self.store.customer_by_key(CustomerKey::Email, &text_key(email))? {
                return Ok(Some(link(id, MatchedBy::Email)));
            }
        }
        if let Some(phone) = given(customer.phone.as_deref()).and_then(|p| e164(p, language)) {
            if let Some(id) = self.store.customer_by_key(CustomerKey::Phone, &phone)? {
                return Ok(Some(link(id, MatchedBy::Phone)));
            }
        }
        Ok(None)
    }

    /// Attaches a conversation to a record the agent saved, and tells its agents. A chat log
    /// already written (the agent saved the record during wrap-up) carries it too.
    fn link_record(
        &mut self,
        conversation: &ConversationRow,
        link: RecordLink,
    ) -> Result<(), HubError> {
        self.store.set_conversation_record(&conversation.id, &link)?;
        if let Some(mut case) = self.store.case_of_conversation(&conversation.id)? {
            if case.customer_id.is_none() {
                case.customer_id = Some(link.customer_id.clone());
                case.updated_at = self.now;
                self.store.update_case(&case)?;
            }
        }
        for agent_id in conversation.agents() {
            self.emit_agent(
                agent_id,
                AgentEventBody::RecordLinked {
                    conversation_id: conversation.id.clone(),
                    record: link.clone(),
                },
            )?;
        }
        Ok(())
    }

    /// Creates the chat log of a conversation that is going to wrap-up (see the module docs),
    /// unless its queue keeps none (`[[queues]] chat_log = "none"`).
    pub(super) fn write_chat_log(
        &mut self,
        conversation: &ConversationRow,
    ) -> Result<(), HubError> {
        if self.config.chat_log(&conversation.queue_id) == ChatLogPolicy::None {
            return Ok(());
        }
        if self.store.case_of_conversation(&conversation.id)?.is_some() {
            return Ok(());
        }
        let Some(agent_id) = conversation.agent_id.clone() else { return Ok(()) };
        // A claim the agent never confirmed puts nothing on the claimed record.
        let record = conversation.record.as_ref().filter(|link| !link.claimed);
        let status = match record {
            Some(link) if link.matched_by != MatchedBy::Agent => CaseStatus::Saved,
            _ => CaseStatus::Draft,
        };
        let subject = self
            .store
            .messages(&conversation.id)?
            .into_iter()
            .find(|m| m.author == Author::Customer && m.system.is_none())
            .map(|m| m.text.trim().chars().take(SUBJECT_CHARS).collect::<String>())
            .unwrap_or_default();
        let case = CaseRow {
            seq: 0,
            id: uuid::Uuid::new_v4().to_string(),
            number: self.new_case_number()?,
            conversation_id: conversation.id.clone(),
            customer_id: record.map(|r| r.customer_id.clone()),
            status,
            subject,
            notes: String::new(),
            agent_id,
            disposition: None,
            created_at: self.now,
            updated_at: self.now,
        };
        self.store.insert_case(&case)?;
        Ok(())
    }

    /// A case number no case has yet.
    fn new_case_number(&self) -> Result<String, HubError> {
        loop {
            let number = random_case_number();
            if self.store.case_by_number(&number)?.is_none() {
                return Ok(number);
            }
        }
    }

    /// Writes the owner's wrap-up reason on the conversation's chat log.
    pub(super) fn set_disposition(
        &mut self,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> Result<(), HubError> {
        if let Some(mut case) = self.store.case_of_conversation(conversation_id)? {
            case.disposition = reason_id.map(str::to_owned);
            case.updated_at = self.now;
            self.store.update_case(&case)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- who may see a case

/// What the calling agent may do with a case (object-level authorization, finding H4).
///
/// - an admin, the case's agent, and an agent of its conversation (owner, conference guest,
///   or an agent who transferred it away) read and write it;
/// - any other agent reads a *saved* case only (it is part of the customer's file, which
///   every agent of the hub shares), and never changes it;
/// - a draft is its owner's: to anyone else (admins aside) it does not exist (`not-found`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadSaved,
}

impl Access {
    fn of(
        config: &HubConfig,
        conn: &dyn Store,
        agent_id: &str,
        case: &CaseRow,
    ) -> Result<Self, HubError> {
        if case.agent_id == agent_id || config.agent(agent_id).is_some_and(|a| a.admin) {
            return Ok(Self::ReadWrite);
        }
        let conversation = conn.conversation(&case.conversation_id)?;
        if conversation.agents().any(|a| a == agent_id)
            || conn.has_handoff(&case.conversation_id, agent_id)?
        {
            return Ok(Self::ReadWrite);
        }
        Ok(Self::ReadSaved)
    }

    fn read(self, case: &CaseRow) -> Result<(), HubError> {
        match (self, case.status) {
            (Self::ReadWrite, _) | (Self::ReadSaved, CaseStatus::Saved) => Ok(()),
            (Self::ReadSaved, CaseStatus::Draft) => Err(HubError::not_found("case", &case.id)),
        }
    }

    fn write(self, case: &CaseRow) -> Result<(), HubError> {
        self.read(case)?;
        match self {
            Self::ReadWrite => Ok(()),
            Self::ReadSaved => Err(HubError::NotYourCase(case.id.clone())),
        }
    }
}

// ---------------------------------------------------------------- wire views

/// The letters of a case number: digits and capitals without the look-alikes 0/O, 1/I/L.
const CASE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new case number, `CS-7KQ3-MX9D`: 8 random letters of 31 (about 40 bits), so a customer
/// cannot guess another's from their own (finding H5), yet it reads well on the phone.
fn random_case_number() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let letters: String =
        (0..8).map(|_| CASE_ALPHABET[rng.gen_range(0..CASE_ALPHABET.len())] as char).collect();
    format!("CS-{}-{}", &letters[..4], &letters[4..])
}

/// A case number as stored, from one as a customer may type it: `cs 7kq3mx9d`,
/// ` CS-7KQ3-MX9D `, and the older sequential ones (`cs-42`, `CS-000042`).
fn case_number_of(text: &str) -> Option<String> {
    let mut letters: String =
        text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    if letters.starts_with("CS") {
        letters.drain(..2);
    }
    if letters.len() == 8 && letters.bytes().all(|b| CASE_ALPHABET.contains(&b)) {
        return Some(format!("CS-{}-{}", &letters[..4], &letters[4..]));
    }
    if !letters.is_empty() && letters.len() <= 9 && letters.bytes().all(|b| b.is_ascii_digit()) {
        let seq: i64 = letters.parse().ok().filter(|n| *n > 0)?;
        return Some(format!("CS-{seq:06}"));
    }
    None
}

fn case_summary(
    config: &HubConfig,
    conn: &dyn Store,
    case: &CaseRow,
) -> Result<CaseSummary, HubError> {
    let conversation = conn.conversation(&case.conversation_id)?;
    Ok(CaseSummary {
        id: case.id.clone(),
        number: case.number.clone(),
        customer_id: case.customer_id.clone(),
        status: case.status,
        subject: case.subject.clone(),
        channel: conversation.channel,
        queue_name: config
            .queue(&conversation.queue_id)
            .map_or_else(|| conversation.queue_id.clone(), |q| q.name.clone()),
        agent_name: config
            .agent(&case.agent_id)
            .map_or_else(|| case.agent_id.clone(), |a| a.display_name.clone()),
        disposition: case.disposition.clone(),
        created_at: case.created_at,
        updated_at: case.updated_at,
    })
}

fn case_wire(config: &HubConfig, conn: &dyn Store, case: &CaseRow) -> Result<Case, HubError> {
    let transcript = conn
        .messages(&case.conversation_id)?
        .into_iter()
        .filter(|m| m.system.is_none())
        .filter_map(|m| {
            let from = match m.author {
                Author::Customer => TranscriptAuthor::Customer,
                Author::Agent { display_name, .. } => TranscriptAuthor::Agent { display_name },
                Author::System => return None,
            };
            Some(TranscriptLine { at: m.sent_at, from, text: m.text })
        })
        .collect();
    Ok(Case {
        summary: case_summary(config, conn, case)?,
        conversation_id: case.conversation_id.clone(),
        notes: case.notes.clone(),
        transcript,
    })
}

// ---------------------------------------------------------------- normalising

/// A field as given: trimmed, `None` when empty.
fn invalid_name() -> HubError {
    HubError::InvalidRequest(format!("name must have 1 to {MAX_NAME_CHARS} characters"))
}

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// What matching compares for an email or account: trimmed and lowercased.
fn text_key(value: &str) -> String {
    value.trim().to_lowercase()
}

/// A phone number in E.164 (`+358401234567`), if it reads as one. A number without a
/// country code is read in the country of `language` (see [`country_of`]).
pub(crate) fn e164(phone: &str, language: Option<&str>) -> Option<String> {
    let country = language.and_then(country_of);
    let number = phonenumber::parse(country, phone.trim()).ok()?;
    Some(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// The country a queue language's numbers are written in: its region subtag (`fr-CA` → CA),
/// else the language's main country.
fn country_of(language: &str) -> Option<phonenumber::country::Id> {
    let mut parts = language.split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    let code = match region {
        Some(region) => region.to_ascii_uppercase(),
        None => match primary.as_str() {
            "fi" => "FI",
            "de" => "DE",
            "it" => "IT",
            "fr" => "FR",
            "ar" => "AE",
            "en" => "US",
            _ => return None,
        }
        .to_owned(),
    };
    code.parse().ok()
}

fn check_fields(fields: &[&Option<String>]) -> Result<(), HubError> {
    if fields.iter().filter_map(|f| f.as_deref()).any(|f| f.chars().count() > MAX_FIELD_CHARS) {
        return Err(HubError::InvalidRequest("a field is too long".into()));
    }
    Ok(())
}

fn check_notes(notes: &str) -> Result<(), HubError> {
    if notes.chars().count() > MAX_NOTES_CHARS {
        return Err(HubError::InvalidRequest(format!(
            "notes must have at most {MAX_NOTES_CHARS} characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_compare_in_e164_whatever_their_format() {
        let finnish = Some("+358401234567".to_owned());
        for (written, language) in [
            ("+358 40 123 4567", None),
            ("+358 40 123 4567", Some("en-US")),
            ("040 1234567", Some("fi")),
            ("040-123 4567", Some("fi-FI")),
            ("00358401234567", Some("fi")),
            ("00358401234567", Some("de")),
            ("+358401234567", Some("ar")),
        ] {
            assert_eq!(e164(written, language), finnish, "{written} in {language:?}");
        }
        assert_eq!(e164("(212) 555-0134", Some("en-US")).as_deref(), Some("+12125550134"));
        assert_eq!(e164("514 555 0199", Some("fr-CA")).as_deref(), Some("+15145550199"));
        assert_eq!(e164("not a number", Some("fi")), None);
        assert_eq!(e164("040 1234567", None), None, "a national number needs a country");
    }

    #[test]
    fn a_queue_language_names_its_country() {
        use phonenumber::country::Id;
        assert_eq!(country_of("fi"), Some(Id::FI));
        assert_eq!(country_of("fr-CA"), Some(Id::CA));
        assert_eq!(country_of("ar"), Some(Id::AE));
        assert_eq!(country_of("en-US"), Some(Id::US));
        assert_eq!(country_of("sv"), None);
    }

    #[test]
    fn case_numbers_read_as_the_customer_types_them() {
        let old = |seq: i64| Some(format!("CS-{seq:06}"));
        assert_eq!(case_number_of("CS-000042"), old(42));
        assert_eq!(case_number_of(" cs-42 "), old(42));
        assert_eq!(case_number_of("42"), old(42));
        assert_eq!(case_number_of("CS-"), None);
        assert_eq!(case_number_of("CS-4x"), None);
        assert_eq!(case_number_of("CS-0"), None);
        let new = Some("CS-7KQ3-MX9D".to_owned());
        assert_eq!(case_number_of("CS-7KQ3-MX9D"), new);
        assert_eq!(case_number_of(" cs 7kq3 mx9d "), new);
        assert_eq!(case_number_of("7KQ3MX9D"), new);
        assert_eq!(case_number_of("CS-7KQ3-MX9"), None);
        assert_eq!(case_number_of("CS-OKQ3-MX9D"), None, "O is not in the alphabet");
    }

    #[test]
    fn new_case_numbers_are_random_and_read_back() {
        let a = random_case_number();
        let b = random_case_number();
        assert_ne!(a, b);
        assert_eq!(a.len(), "CS-7KQ3-MX9D".len());
        assert_eq!(case_number_of(&a.to_lowercase()), Some(a));
    }
}
