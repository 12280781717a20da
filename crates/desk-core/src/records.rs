//! Customer records and chat logs (cases), as the context panel and the chat log dialog show
//! them.
//!
//! They do not arrive on the event stream but as answers to the agent's requests
//! (`GET /v1/customers/{id}`, `GET /v1/conversations/{id}/chat-log`, …). The rule is the
//! same as for every other customer text: it is masked before a view is built from it, so
//! the webview never holds a raw email, phone number or card number from a record, its
//! notes, a case's subject or its transcript.
//!
//! Masking keeps ONE choke point: the [`Redactor`](crate::desk::Redactor) that the
//! [`Desk`] holds. The functions that turn a hub answer into a view are private to this
//! module; the only way in is through the `Desk` methods below, which hand them the desk's
//! redactor. A new field on a record or a case has to be added here, next to its masking.

use hub_protocol::{
    Case, CaseStatus, CaseSummary, Channel, CustomerFile, CustomerRecord, TranscriptAuthor,
    TranscriptLine,
};
use serde::Serialize;

use crate::clock::ClockSkew;
use crate::desk::{Desk, Redactor};
use crate::view::AuthorKind;
use crate::LocalMillis;

/// A customer record, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordView {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub account: Option<String>,
    pub notes: String,
    pub created_at: LocalMillis,
}

/// A case as the record's history and the drafts list show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummaryView {
    pub id: String,
    pub number: String,
    pub customer_id: Option<String>,
    pub status: CaseStatus,
    pub subject: String,
    pub channel: Channel,
    pub queue_name: String,
    /// Agents' names are not customer data: shown as the hub gives them.
    pub agent_name: String,
    /// The disposition's label in the agent's language, once the chat was wrapped up.
    pub disposition: Option<String>,
    pub created_at: LocalMillis,
    pub updated_at: LocalMillis,
}

/// A record with its cases, newest first: the customer's history across channels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerFileView {
    pub record: RecordView,
    pub cases: Vec<CaseSummaryView>,
}

/// One line of a chat log's transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptLineView {
    pub at: LocalMillis,
    /// Customer or agent (a transcript holds no system lines).
    pub author: AuthorKind,
    /// The agent's name; empty for the customer (the UI names them from the record).
    pub author_name: String,
    pub text: String,
}

/// A chat log: the case, its transcript, and the record it is saved on, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseView {
    #[serde(flatten)]
    pub summary: CaseSummaryView,
    pub conversation_id: String,
    pub notes: String,
    pub transcript: Vec<TranscriptLineView>,
    /// The customer record the case is attached to (`customerId`), when the shell has it.
    pub customer: Option<RecordView>,
}

/// Names a disposition (a wrap-up reason id) in the agent's language.
pub type DispositionLabel<'a> = &'a dyn Fn(&str) -> String;

/// The views of records and cases, built with the desk's redactor: the only way to them.
impl Desk {
    pub fn record_view(&self, record: CustomerRecord) -> RecordView {
        record_view(self.redactor(), self.skew(), record)
    }

    pub fn customer_file_view(
        &self,
        file: CustomerFile,
        disposition: DispositionLabel<'_>,
    ) -> CustomerFileView {
        CustomerFileView {
            record: self.record_view(file.record),
            cases: self.case_summary_views(file.cases, disposition),
        }
    }

    pub fn case_summary_views(
        &self,
        cases: Vec<CaseSummary>,
        disposition: DispositionLabel<'_>,
    ) -> Vec<CaseSummaryView> {
        cases
            .into_iter()
            .map(|case| summary_view(self.redactor(), self.skew(), case, disposition))
            .collect()
    }

    /// A chat log, with the record it is saved on when `customer` is given.
    pub fn case_view(
        &self,
        case: Case,
        customer: Option<CustomerRecord>,
        disposition: DispositionLabel<'_>,
    ) -> CaseView {
        let (redactor, skew) = (self.redactor(), self.skew());
        CaseView {
            summary: summary_view(redactor, skew, case.summary, disposition),
            conversation_id: case.conversation_id,
            notes: redactor.text(&case.notes),
            transcript: case
                .transcript
                .into_iter()
                .map(|line| transcript_line_view(redactor, skew, line))
                .collect(),
            customer: customer.map(|record| record_view(redactor, skew, record)),
        }
    }
}

fn record_view(redactor: &Redactor, skew: ClockSkew, record: CustomerRecord) -> RecordView {
    let mask = |text: Option<String>| text.map(|text| redactor.text(&text));
    RecordView {
        id: record.id,
        name: redactor.text(&record.name),
        email: mask(record.email),
        phone: mask(record.phone),
        account: mask(record.account),
        notes: redactor.text(&record.notes),
        created_at: skew.to_local(record.created_at),
    }
}

fn summary_view(
    redactor: &Redactor,
    skew: ClockSkew,
    case: CaseSummary,
    disposition: DispositionLabel<'_>,
) -> CaseSummaryView {
    CaseSummaryView {
        id: case.id,
        number: case.number,
        customer_id: case.customer_id,
        status: case.status,
        // By default the customer's first message: customer text like any other.
        subject: redactor.text(&case.subject),
        channel: case.channel,
        queue_name: case.queue_name,
        agent_name: case.agent_name,
        disposition: case.disposition.as_deref().map(disposition),
        created_at: skew.to_local(case.created_at),
        updated_at: skew.to_local(case.updated_at),
    }
}

fn transcript_line_view(
    redactor: &Redactor,
    skew: ClockSkew,
    line: TranscriptLine,
) -> TranscriptLineView {
    let (author, author_name) = match line.from {
        TranscriptAuthor::Customer => (AuthorKind::Customer, String::new()),
        TranscriptAuthor::Agent { display_name } => (AuthorKind::Agent, display_name),
    };
    TranscriptLineView {
        at: skew.to_local(line.at),
        author,
        author_name,
        text: redactor.text(&line.text),
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{AgentProfile, AgentState, StateSince};

    use super::*;

    const T0: i64 = 1_800_000_000_000;
    const CARD: &str = "4111 1111 1111 1111";

    fn desk(mask: bool) -> Desk {
        let me = AgentProfile {
            id: "anna".into(),
            username: "anna".into(),
            display_name: "Anna Lindqvist".into(),
            queues: vec!["web-en".into()],
            capacity: 6,
            language: None,
        };
        Desk::new(me, mask, StateSince { state: AgentState::Available, since: T0 }, T0, T0)
    }

    fn record() -> CustomerRecord {
        CustomerRecord {
            id: "cu-1".into(),
            name: "Melissa Jones".into(),
            email: Some("melissa@gmail.com".into()),
            phone: Some("+447966197542".into()),
            account: Some("ACC-778812".into()),
            notes: format!("Paid with {CARD}, write to melissa@gmail.com"),
            created_at: T0,
        }
    }

    fn summary() -> CaseSummary {
        CaseSummary {
            id: "case-1".into(),
            number: "CS-000042".into(),
            customer_id: Some("cu-1".into()),
            status: CaseStatus::Saved,
            subject: format!("My card {CARD} was charged twice"),
            channel: Channel::Livechat,
            queue_name: "Web support".into(),
            agent_name: "Anna Lindqvist".into(),
            disposition: Some("resolved".into()),
            created_at: T0,
            updated_at: T0,
        }
    }

    fn case() -> Case {
        Case {
            summary: summary(),
            conversation_id: "c1".into(),
            notes: format!("Customer read out {CARD}"),
            transcript: vec![
                TranscriptLine {
                    at: T0,
                    from: TranscriptAuthor::Customer,
                    text: format!("It is {CARD}, or mail melissa@gmail.com"),
                },
                TranscriptLine {
                    at: T0 + 1_000,
                    from: TranscriptAuthor::Agent { display_name: "Anna Lindqvist".into() },
                    text: "Thank you, Melissa.".into(),
                },
            ],
        }
    }

    fn label(id: &str) -> String {
        format!("label of {id}")
    }

    fn holds_raw(json: &str) -> bool {
        json.contains("4111 1111 1111 1111") || json.contains("melissa@gmail.com")
    }

    #[test]
    fn a_record_and_its_notes_are_masked() {
        let view = desk(true).record_view(record());
        assert_eq!(view.email.as_deref(), Some("m******@gmail.com"));
        assert_eq!(view.phone.as_deref(), Some("*********7542"));
        assert_eq!(view.name, "Melissa Jones", "a name is not a masked type");
        assert!(view.notes.contains("1111") && !view.notes.contains(CARD), "{}", view.notes);
        assert!(!holds_raw(&serde_json::to_string(&view).unwrap()));
    }

    #[test]
    fn a_customer_file_masks_its_history() {
        let file = CustomerFile { record: record(), cases: vec![summary()] };
        let view = desk(true).customer_file_view(file, &label);
        assert!(!holds_raw(&serde_json::to_string(&view).unwrap()));
        let case = &view.cases[0];
        assert_eq!(case.number, "CS-000042");
        assert_eq!(case.disposition.as_deref(), Some("label of resolved"));
        assert_eq!(case.agent_name, "Anna Lindqvist");
    }

    #[test]
    fn a_chat_log_masks_transcript_subject_notes_and_its_record() {
        let view = desk(true).case_view(case(), Some(record()), &label);
        let json = serde_json::to_string(&view).unwrap();
        assert!(!holds_raw(&json), "{json}");
        assert!(view.transcript[0].text.contains("m******@gmail.com"));
        assert_eq!(view.transcript[0].author, AuthorKind::Customer);
        assert_eq!(view.transcript[1].author_name, "Anna Lindqvist");
        assert_eq!(view.customer.unwrap().email.as_deref(), Some("m******@gmail.com"));
        // Flattened: the UI reads `number` and `status` on the case itself.
        assert!(json.contains(r#""number":"CS-000042""#) && json.contains(r#""status":"saved""#));
    }

    #[test]
    fn masking_off_shows_records_as_written() {
        let view = desk(false).case_view(case(), Some(record()), &label);
        assert!(view.notes.contains(CARD));
        assert_eq!(view.customer.unwrap().email.as_deref(), Some("melissa@gmail.com"));
    }

    #[test]
    fn times_are_on_the_local_clock() {
        // The desk learnt that the hub runs 5 s ahead.
        let mut desk = desk(true);
        let event = hub_protocol::AgentEvent {
            id: 1,
            at: T0 + 5_000,
            body: hub_protocol::AgentEventBody::CustomerTyping { conversation_id: "x".into() },
        };
        desk.ingest(event, T0);
        let view = desk.case_view(case(), None, &label);
        assert_eq!(view.summary.created_at, T0 - 5_000);
        assert_eq!(view.transcript[1].at, T0 - 4_000);
    }
}
