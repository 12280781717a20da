//! Customer records and cases: the records shared by the team with the keys matching
//! compares (email, phone in E.164, account), their search, and the cases (one chat log per
//! ended conversation, draft until an agent saves it).

use hub_protocol::{CaseStatus, CustomerRecord, Millis};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_text, to_text};
use crate::error::HubError;

/// What matching compares for a record: email and account trimmed and lowercased, the
/// phone number in E.164.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CustomerKeys<'a> {
    pub email: Option<&'a str>,
    pub phone_e164: Option<&'a str>,
    pub account: Option<&'a str>,
}

const CUSTOMER_COLUMNS: &str = "id, name, email, phone, account, notes, created_at";

fn customer_from_row(r: &Row) -> rusqlite::Result<CustomerRecord> {
    Ok(CustomerRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        account: r.get(4)?,
        notes: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// Which key [`Customers::customer_by_key`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CustomerKey {
    Email,
    Phone,
    Account,
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A stored case (the transcript is read from the conversation's messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseRow {
    pub seq: i64,
    pub id: String,
    /// What the customer is given to refer to it (`CS-7KQ3-MX9D`).
    pub number: String,
    pub conversation_id: String,
    pub customer_id: Option<String>,
    pub status: CaseStatus,
    pub subject: String,
    pub notes: String,
    pub agent_id: String,
    pub disposition: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const CASE_COLUMNS: &str = "seq, id, conversation_id, customer_id, status, subject, notes, \
     agent_id, disposition, created_at, updated_at, number";

fn case_from_row(r: &Row) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        conversation_id: r.get(2)?,
        customer_id: r.get(3)?,
        status: from_text(r, 4)?,
        subject: r.get(5)?,
        notes: r.get(6)?,
        agent_id: r.get(7)?,
        disposition: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        number: r.get(11)?,
    })
}

/// Customer records and cases.
pub(crate) trait Customers {
    fn insert_customer(
        &self,
        record: &CustomerRecord,
        keys: &CustomerKeys<'_>,
    ) -> Result<(), HubError>;

    fn customer(&self, id: &str) -> Result<CustomerRecord, HubError>;

    /// The oldest record whose key column (`email_key`, `phone_e164` or `account_key`) is
    /// `value`.
    fn customer_by_key(&self, column: CustomerKey, value: &str)
        -> Result<Option<String>, HubError>;

    /// Up to `limit` records in name order whose name, email or account contains `text`
    /// (case-insensitive) or whose phone number contains `digits`.
    fn search_customers(
        &self,
        text: &str,
        digits: &str,
        limit: u32,
    ) -> Result<Vec<CustomerRecord>, HubError>;

    /// Stores a new case; returns its row's `seq`.
    fn insert_case(&self, case: &CaseRow) -> Result<i64, HubError>;

    /// Writes a case's editable fields.
    fn update_case(&self, case: &CaseRow) -> Result<(), HubError>;

    fn case(&self, id: &str) -> Result<CaseRow, HubError>;

    fn case_by_number(&self, number: &str) -> Result<Option<CaseRow>, HubError>;

    fn case_of_conversation(&self, conversation_id: &str) -> Result<Option<CaseRow>, HubError>;

    /// A customer's saved cases, newest first.
    fn saved_cases_of_customer(&self, customer_id: &str) -> Result<Vec<CaseRow>, HubError>;

    /// An agent's draft cases, newest first.
    fn draft_cases_of_agent(&self, agent_id: &str) -> Result<Vec<CaseRow>, HubError>;
}

impl Customers for Connection {
    fn insert_customer(
        &self,
        record: &CustomerRecord,
        keys: &CustomerKeys<'_>,
    ) -> Result<(), HubError> {
        self.execute(
            &format!(
                "INSERT INTO customers ({CUSTOMER_COLUMNS}, email_key, phone_e164, account_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ),
            params![
                record.id,
                record.name,
                record.email,
                record.phone,
                record.account,
                record.notes,
                record.created_at,
                keys.email,
                keys.phone_e164,
                keys.account,
            ],
        )?;
        Ok(())
    }

    fn customer(&self, id: &str) -> Result<CustomerRecord, HubError> {
        self.query_row(
            &format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"),
            [id],
            customer_from_row,
        )
        .optional()?
        .ok_or_else(|| HubError::not_found("customer", id))
    }

    fn customer_by_key(
        &self,
        column: CustomerKey,
        value: &str,
    ) -> Result<Option<String>, HubError> {
        let column = match column {
            CustomerKey::Email => "email_key",
            CustomerKey::Phone => "phone_e164",
            CustomerKey::Account => "account_key",
        };
        Ok(self
            .query_row(
                &format!("SELECT id FROM customers WHERE {column} = ?1 ORDER BY seq LIMIT 1"),
                [value],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn search_customers(
        &self,
        text: &str,
        digits: &str,
        limit: u32,
    ) -> Result<Vec<CustomerRecord>, HubError> {
        let like = format!("%{}%", escape_like(&text.to_lowercase()));
        let digits_like = format!("%{digits}%");
        let mut stmt = self.prepare(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers
         WHERE ?1 = '%%'
            OR lower(name) LIKE ?1 ESCAPE '\\'
            OR email_key LIKE ?1 ESCAPE '\\'
            OR account_key LIKE ?1 ESCAPE '\\'
            OR (?2 <> '%%' AND phone_e164 LIKE ?2)
         ORDER BY name COLLATE NOCASE, seq LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![like, digits_like, limit], customer_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn insert_case(&self, case: &CaseRow) -> Result<i64, HubError> {
        self.execute(
            "INSERT INTO cases (id, conversation_id, customer_id, status, subject, notes, agent_id,
                            disposition, created_at, updated_at, number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                case.id,
                case.conversation_id,
                case.customer_id,
                to_text(&case.status)?,
                case.subject,
                case.notes,
                case.agent_id,
                case.disposition,
                case.created_at,
                case.updated_at,
                case.number,
            ],
        )?;
        Ok(self.last_insert_rowid())
    }

    fn update_case(&self, case: &CaseRow) -> Result<(), HubError> {
        self.execute(
            "UPDATE cases SET customer_id = ?2, status = ?3, subject = ?4, notes = ?5,
             disposition = ?6, updated_at = ?7
         WHERE id = ?1",
            params![
                case.id,
                case.customer_id,
                to_text(&case.status)?,
                case.subject,
                case.notes,
                case.disposition,
                case.updated_at,
            ],
        )?;
        Ok(())
    }

    fn case(&self, id: &str) -> Result<CaseRow, HubError> {
        self.query_row(
            &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"),
            [id],
            case_from_row,
        )
        .optional()?
        .ok_or_else(|| HubError::not_found("case", id))
    }

    fn case_by_number(&self, number: &str) -> Result<Option<CaseRow>, HubError> {
        Ok(self
            .query_row(
                &format!("SELECT {CASE_COLUMNS} FROM cases WHERE number = ?1"),
                [number],
                case_from_row,
            )
            .optional()?)
    }

    fn case_of_conversation(&self, conversation_id: &str) -> Result<Option<CaseRow>, HubError> {
        Ok(self
            .query_row(
                &format!("SELECT {CASE_COLUMNS} FROM cases WHERE conversation_id = ?1"),
                [conversation_id],
                case_from_row,
            )
            .optional()?)
    }

    fn saved_cases_of_customer(&self, customer_id: &str) -> Result<Vec<CaseRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE customer_id = ?1 AND status = 'saved'
         ORDER BY seq DESC"
        ))?;
        let rows = stmt.query_map([customer_id], case_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn draft_cases_of_agent(&self, agent_id: &str) -> Result<Vec<CaseRow>, HubError> {
        let mut stmt = self.prepare(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE agent_id = ?1 AND status = 'draft'
         ORDER BY seq DESC"
        ))?;
        let rows = stmt.query_map([agent_id], case_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
