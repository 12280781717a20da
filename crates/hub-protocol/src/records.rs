//! Customer records, cases (chat logs) and the FAQ: what the agent's workspace shows around a
//! conversation.
//!
//! Records and cases live in the hub's database, shared by the team. Like every customer
//! text, their fields are raw on the wire and masked by the desk before display; a case's
//! transcript is the conversation as the hub stored it (card numbers already redacted when
//! masking is on).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{Channel, Millis};

/// What tied a conversation to a customer record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    /// The case number from the pre-chat form.
    CaseNumber,
    /// The account number from the pre-chat form.
    Account,
    Email,
    /// The phone number, compared in E.164 whatever format it was written in.
    Phone,
    /// The agent saved the new-record form during the conversation.
    Agent,
}

/// A conversation's customer record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RecordLink {
    pub customer_id: String,
    pub matched_by: MatchedBy,
    /// The case the customer referred to, when matched by case number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Matched only by what the customer typed in the pre-chat form (a case number, account,
    /// email or phone anyone could type): a claim, not an identity. The desk shows it as such
    /// and no history until an agent confirms it (`POST /v1/conversations/{id}/record/confirm`);
    /// the chat log is never saved onto a claimed record by itself.
    #[serde(default, skip_serializing_if = "is_false")]
    pub claimed: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A customer record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerRecord {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    /// As the customer or agent wrote it.
    pub phone: Option<String>,
    pub account: Option<String>,
    pub notes: String,
    pub created_at: Millis,
}

/// `POST /v1/customers`: a new record. With `conversationId`, the conversation is attached
/// to it, and a name, email, phone or account left out is taken from the conversation (the
/// desk shows those masked, so it never sends them back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NewCustomerRequest {
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Left empty with a conversation: the conversation's customer name (as are the email,
    /// phone and account left out).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub account: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// `GET /v1/customers/{id}`: a record with its cases, newest first, across channels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerFile {
    pub record: CustomerRecord,
    pub cases: Vec<CaseSummary>,
}

/// Where a chat log is: a draft (only its agent sees it in their drafts) or saved on a
/// customer's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum CaseStatus {
    Draft,
    Saved,
}

/// A case as listed on a record or among drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub id: String,
    /// What the agent and customer call it, e.g. `CS-000042`.
    pub number: String,
    pub customer_id: Option<String>,
    pub status: CaseStatus,
    pub subject: String,
    pub channel: Channel,
    pub queue_name: String,
    /// The agent who wrote the chat log.
    pub agent_name: String,
    /// The disposition (wrap-up reason id), once the conversation was wrapped up.
    pub disposition: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A case: the chat log of one conversation, with its transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Case {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub conversation_id: String,
    pub notes: String,
    pub transcript: Vec<TranscriptLine>,
}

/// One line of a case's transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TranscriptLine {
    pub at: Millis,
    /// Who wrote it: the customer, or the agent's display name.
    pub from: TranscriptAuthor,
    pub text: String,
}

/// Who wrote a transcript line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TranscriptAuthor {
    Customer,
    Agent {
        #[serde(rename = "displayName")]
        display_name: String,
    },
}

/// `PUT /v1/cases/{id}`: the agent edits a chat log and saves it, or keeps it as a draft.
/// Saving needs a customer (`customer-required`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CaseUpdate {
    pub customer_id: Option<String>,
    pub subject: String,
    pub notes: String,
    pub status: CaseStatus,
}

/// A FAQ answer (`GET /v1/faq`), configured in the hub per language. `text` may hold
/// placeholders the desk fills in: `{firstName}` and `{name}` (the customer's), `{agentName}`
/// and `{agentFirstName}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FaqAnswer {
    pub id: String,
    /// BCP 47, matched against the conversation's queue language.
    pub language: String,
    pub title: String,
    pub text: String,
}
