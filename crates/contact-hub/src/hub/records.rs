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
//! - **The chat log** ([`Transition::write_chat_log`]): when a conversation goes to wrap-up,
//!   in the same transaction, its case is created: saved on the record matched at arrival, or
//!   a draft (carrying the record the agent saved during the chat, if any) that the agent
//!   saves later. Its transcript is read from the stored messages (card numbers already
//!   redacted when masking is on), customer and agent lines only.

use hub_protocol::{
    AgentEventBody, Author, Case, CaseStatus, CaseSummary, CaseUpdate, Customer, CustomerFile,
    CustomerRecord, MatchedBy, NewCustomerRequest, RecordLink, TranscriptAuthor, TranscriptLine,
};
use rusqlite::Connection;

use super::{Hub, Transition, MAX_FIELD_CHARS, MAX_NAME_CHARS};
use crate::config::HubConfig;
use crate::error::HubError;
use crate::store::{self, CaseRow, ConversationRow, CustomerKey, CustomerKeys};

/// How many records a search returns at most.
const SEARCH_LIMIT: u32 = 50;
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
        request: NewCustomerRequest,
    ) -> Result<CustomerRecord, HubError> {
        let typed_name = given(Some(&request.name));
        if typed_name.is_some_and(|name| name.chars().count() > MAX_NAME_CHARS) {
            return Err(invalid_name());
        }
        check_fields(&[&request.email, &request.phone, &request.account])?;
        check_notes(&request.notes)?;
        self.transact(|t| {
            let conversation = match &request.conversation_id {
                Some(id) => {
                    let conversation = store::conversation(&t.tx, id)?;
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
            store::insert_customer(&t.tx, &record, &keys)?;
            if let Some(conversation) = conversation {
                let link = RecordLink {
                    customer_id: record.id.clone(),
                    matched_by: MatchedBy::Agent,
                    case_id: None,
                };
                t.link_record(&conversation, link)?;
            }
            Ok(record)
        })
    }

    /// Records whose name, email or account contains `q`, or whose phone number holds its
    /// digits; every record for an empty `q`. At most 50, in name order.
    pub fn search_customers(&self, q: &str) -> Result<Vec<CustomerRecord>, HubError> {
        let q = q.trim();
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        // A couple of digits would match half the book; a phone search needs a few.
        let digits = if digits.len() >= 3 { digits } else { String::new() };
        self.read(|conn| store::search_customers(conn, q, &digits, SEARCH_LIMIT))
    }

    /// A record with its saved cases, newest first, from every channel.
    pub fn customer_file(&self, customer_id: &str) -> Result<CustomerFile, HubError> {
        self.read(|conn| {
            let record = store::customer(conn, customer_id)?;
            let cases = store::saved_cases_of_customer(conn, customer_id)?
                .iter()
                .map(|case| case_summary(self.config(), conn, case))
                .collect::<Result<_, _>>()?;
            Ok(CustomerFile { record, cases })
        })
    }

    /// A conversation's chat log; `not-found` until it has ended.
    pub fn chat_log(&self, conversation_id: &str) -> Result<Case, HubError> {
        self.read(|conn| {
            store::conversation(conn, conversation_id)?;
            let case = store::case_of_conversation(conn, conversation_id)?
                .ok_or_else(|| HubError::not_found("chat log of conversation", conversation_id))?;
            case_wire(self.config(), conn, &case)
        })
    }

    /// The agent's draft chat logs, newest first.
    pub fn draft_cases(&self, agent_id: &str) -> Result<Vec<CaseSummary>, HubError> {
        self.read(|conn| {
            store::draft_cases_of_agent(conn, agent_id)?
                .iter()
                .map(|case| case_summary(self.config(), conn, case))
                .collect()
        })
    }

    pub fn case(&self, case_id: &str) -> Result<Case, HubError> {
        self.read(|conn| case_wire(self.config(), conn, &store::case(conn, case_id)?))
    }

    /// The agent edits a chat log, and saves it on a record or keeps it as a draft.
    pub fn update_case(&self, case_id: &str, update: CaseUpdate) -> Result<Case, HubError> {
        let subject = update.subject.trim().to_owned();
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
            let mut case = store::case(&t.tx, case_id)?;
            if let Some(customer_id) = &update.customer_id {
                store::customer(&t.tx, customer_id)?;
            }
            case.customer_id = update.customer_id.clone();
            case.subject = subject.clone();
            case.notes = update.notes.clone();
            case.status = update.status;
            case.updated_at = t.now;
            store::update_case(&t.tx, &case)?;
            case_wire(t.config, &t.tx, &case)
        })
    }
}

impl Transition<'_> {
    /// The record of a customer arriving in a queue of `language`, if one matches (see the
    /// module docs for the order).
    pub(super) fn match_record(
        &self,
        customer: &Customer,
        language: Option<&str>,
    ) -> Result<Option<RecordLink>, HubError> {
        let link =
            |customer_id: String, matched_by| RecordLink { customer_id, matched_by, case_id: None };
        if let Some(number) = customer.case_number.as_deref().and_then(case_number_of) {
            if let Some(case) = store::case_by_number(&self.tx, number)? {
                if let Some(customer_id) = case.customer_id {
                    return Ok(Some(RecordLink {
                        customer_id,
                        matched_by: MatchedBy::CaseNumber,
                        case_id: Some(case.id),
                    }));
                }
            }
        }
        if let Some(account) = given(customer.account.as_deref()) {
            if let Some(id) =
                store::customer_by_key(&self.tx, CustomerKey::Account, &text_key(account))?
            {
                return Ok(Some(link(id, MatchedBy::Account)));
            }
        }
        if let Some(email) = given(customer.email.as_deref()) {
            if let Some(id) =
                store::customer_by_key(&self.tx, CustomerKey::Email, &text_key(email))?
            {
                return Ok(Some(link(id, MatchedBy::Email)));
            }
        }
        if let Some(phone) = given(customer.phone.as_deref()).and_then(|p| e164(p, language)) {
            if let Some(id) = store::customer_by_key(&self.tx, CustomerKey::Phone, &phone)? {
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
        store::set_conversation_record(&self.tx, &conversation.id, &link)?;
        if let Some(mut case) = store::case_of_conversation(&self.tx, &conversation.id)? {
            if case.customer_id.is_none() {
                case.customer_id = Some(link.customer_id.clone());
                case.updated_at = self.now;
                store::update_case(&self.tx, &case)?;
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

    /// Creates the chat log of a conversation that is going to wrap-up (see the module docs).
    pub(super) fn write_chat_log(
        &mut self,
        conversation: &ConversationRow,
    ) -> Result<(), HubError> {
        if store::case_of_conversation(&self.tx, &conversation.id)?.is_some() {
            return Ok(());
        }
        let Some(agent_id) = conversation.agent_id.clone() else { return Ok(()) };
        let record = conversation.record.as_ref();
        let status = match record {
            Some(link) if link.matched_by != MatchedBy::Agent => CaseStatus::Saved,
            _ => CaseStatus::Draft,
        };
        let subject = store::messages(&self.tx, &conversation.id)?
            .into_iter()
            .find(|m| m.author == Author::Customer && m.system.is_none())
            .map(|m| m.text.trim().chars().take(SUBJECT_CHARS).collect::<String>())
            .unwrap_or_default();
        let case = CaseRow {
            seq: 0,
            id: uuid::Uuid::new_v4().to_string(),
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
        store::insert_case(&self.tx, &case)?;
        Ok(())
    }

    /// Writes the owner's wrap-up reason on the conversation's chat log.
    pub(super) fn set_disposition(
        &mut self,
        conversation_id: &str,
        reason_id: Option<&str>,
    ) -> Result<(), HubError> {
        if let Some(mut case) = store::case_of_conversation(&self.tx, conversation_id)? {
            case.disposition = reason_id.map(str::to_owned);
            case.updated_at = self.now;
            store::update_case(&self.tx, &case)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- wire views

/// `CS-000042`.
pub(crate) fn case_number(seq: i64) -> String {
    format!("CS-{seq:06}")
}

/// The sequence number in a case number as a customer may type it (`cs-42`, ` CS-000042 `).
fn case_number_of(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = match text.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("CS-") => &text[3..],
        _ => text,
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

fn case_summary(
    config: &HubConfig,
    conn: &Connection,
    case: &CaseRow,
) -> Result<CaseSummary, HubError> {
    let conversation = store::conversation(conn, &case.conversation_id)?;
    Ok(CaseSummary {
        id: case.id.clone(),
        number: case_number(case.seq),
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

fn case_wire(config: &HubConfig, conn: &Connection, case: &CaseRow) -> Result<Case, HubError> {
    let transcript = store::messages(conn, &case.conversation_id)?
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
        assert_eq!(case_number(42), "CS-000042");
        assert_eq!(case_number_of("CS-000042"), Some(42));
        assert_eq!(case_number_of(" cs-42 "), Some(42));
        assert_eq!(case_number_of("42"), Some(42));
        assert_eq!(case_number_of("CS-"), None);
        assert_eq!(case_number_of("CS-4x"), None);
        assert_eq!(case_number_of("CS-0"), None);
    }
}
