//! Customers on PostgreSQL: store::customers's operations in PostgreSQL's SQL.
//! `COLLATE NOCASE` is `lower(name)` and `LIKE` is `ILIKE`, which fold non-ASCII letters too
//! (by the database's locale) where SQLite folds ASCII only.

use hub_protocol::CustomerRecord;
use tokio_postgres::Row;

use super::{text, Pg};
use crate::error::HubError;
use crate::store::{to_text, CaseRow, CustomerKey, CustomerKeys, Customers};

const CUSTOMER_COLUMNS: &str = "id, name, email, phone, account, notes, created_at";

fn customer_from_row(r: &Row) -> Result<CustomerRecord, HubError> {
    Ok(CustomerRecord {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        email: r.try_get(2)?,
        phone: r.try_get(3)?,
        account: r.try_get(4)?,
        notes: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

const CASE_COLUMNS: &str = "seq, id, conversation_id, customer_id, status, subject, notes, \
     agent_id, disposition, created_at, updated_at, number";

fn case_from_row(r: &Row) -> Result<CaseRow, HubError> {
    Ok(CaseRow {
        seq: r.try_get(0)?,
        id: r.try_get(1)?,
        conversation_id: r.try_get(2)?,
        customer_id: r.try_get(3)?,
        status: text(r, 4)?,
        subject: r.try_get(5)?,
        notes: r.try_get(6)?,
        agent_id: r.try_get(7)?,
        disposition: r.try_get(8)?,
        created_at: r.try_get(9)?,
        updated_at: r.try_get(10)?,
        number: r.try_get(11)?,
    })
}

impl Customers for Pg {
    fn insert_customer(
        &self,
        record: &CustomerRecord,
        keys: &CustomerKeys<'_>,
    ) -> Result<(), HubError> {
        self.execute(
            &format!(
                "INSERT INTO customers ({CUSTOMER_COLUMNS}, email_key, phone_e164, account_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ),
            &[
                &record.id,
                &record.name,
                &record.email,
                &record.phone,
                &record.account,
                &record.notes,
                &record.created_at,
                &keys.email,
                &keys.phone_e164,
                &keys.account,
            ],
        )?;
        Ok(())
    }

    fn customer(&self, id: &str) -> Result<CustomerRecord, HubError> {
        self.query_opt(&format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = $1"), &[&id])?
            .map(|row| customer_from_row(&row))
            .transpose()?
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
            .query_opt(
                &format!("SELECT id FROM customers WHERE {column} = $1 ORDER BY seq LIMIT 1"),
                &[&value],
            )?
            .map(|row| row.try_get(0))
            .transpose()?)
    }

    fn search_customers(
        &self,
        text: &str,
        digits: &str,
        limit: u32,
    ) -> Result<Vec<CustomerRecord>, HubError> {
        let like = format!("%{}%", escape_like(&text.to_lowercase()));
        let digits_like = format!("%{digits}%");
        // `ESCAPE ''` on the phone: PostgreSQL's LIKE escapes with `\` by default, SQLite's
        // without an ESCAPE clause with nothing.
        self.query(
            &format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers
         WHERE $1::text = '%%'
            OR lower(name) ILIKE $1 ESCAPE '\\'
            OR email_key ILIKE $1 ESCAPE '\\'
            OR account_key ILIKE $1 ESCAPE '\\'
            OR ($2::text <> '%%' AND phone_e164 ILIKE $2 ESCAPE '')
         ORDER BY lower(name), seq LIMIT $3"
            ),
            &[&like, &digits_like, &i64::from(limit)],
        )?
        .iter()
        .map(customer_from_row)
        .collect()
    }

    fn insert_case(&self, case: &CaseRow) -> Result<i64, HubError> {
        let row = self.query_one(
            "INSERT INTO cases (id, conversation_id, customer_id, status, subject, notes, agent_id,
                            disposition, created_at, updated_at, number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING seq",
            &[
                &case.id,
                &case.conversation_id,
                &case.customer_id,
                &to_text(&case.status)?,
                &case.subject,
                &case.notes,
                &case.agent_id,
                &case.disposition,
                &case.created_at,
                &case.updated_at,
                &case.number,
            ],
        )?;
        Ok(row.try_get(0)?)
    }

    fn update_case(&self, case: &CaseRow) -> Result<(), HubError> {
        self.execute(
            "UPDATE cases SET customer_id = $2, status = $3, subject = $4, notes = $5,
             disposition = $6, updated_at = $7
         WHERE id = $1",
            &[
                &case.id,
                &case.customer_id,
                &to_text(&case.status)?,
                &case.subject,
                &case.notes,
                &case.disposition,
                &case.updated_at,
            ],
        )?;
        Ok(())
    }

    fn case(&self, id: &str) -> Result<CaseRow, HubError> {
        self.query_opt(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"), &[&id])?
            .map(|row| case_from_row(&row))
            .transpose()?
            .ok_or_else(|| HubError::not_found("case", id))
    }

    fn case_by_number(&self, number: &str) -> Result<Option<CaseRow>, HubError> {
        self.query_opt(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE number = $1"), &[&number])?
            .map(|row| case_from_row(&row))
            .transpose()
    }

    fn case_of_conversation(&self, conversation_id: &str) -> Result<Option<CaseRow>, HubError> {
        self.query_opt(
            &format!("SELECT {CASE_COLUMNS} FROM cases WHERE conversation_id = $1"),
            &[&conversation_id],
        )?
        .map(|row| case_from_row(&row))
        .transpose()
    }

    fn saved_cases_of_customer(&self, customer_id: &str) -> Result<Vec<CaseRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CASE_COLUMNS} FROM cases WHERE customer_id = $1 AND status = 'saved'
         ORDER BY seq DESC"
            ),
            &[&customer_id],
        )?
        .iter()
        .map(case_from_row)
        .collect()
    }

    fn draft_cases_of_agent(&self, agent_id: &str) -> Result<Vec<CaseRow>, HubError> {
        self.query(
            &format!(
                "SELECT {CASE_COLUMNS} FROM cases WHERE agent_id = $1 AND status = 'draft'
         ORDER BY seq DESC"
            ),
            &[&agent_id],
        )?
        .iter()
        .map(case_from_row)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use hub_protocol::{CaseStatus, Millis};

    use super::*;
    use crate::store::postgres::test_support::{shown, Both};

    /// The conversations cases are the chat logs of.
    const SETUP: &str = "INSERT INTO conversations
        (id, channel, queue_id, customer, customer_token_hash, state, created_at)
        VALUES ('v1', 'livechat', 'web', '{}', 'h1', 'closed', 1),
               ('v2', 'whatsapp', 'web', '{}', 'h2', 'closed', 2),
               ('v3', 'livechat', 'web', '{}', 'h3', 'wrapUp', 3),
               ('v4', 'livechat', 'web', '{}', 'h4', 'wrapUp', 4)";

    fn record(id: &str, name: &str, email: Option<&str>, phone: Option<&str>) -> CustomerRecord {
        CustomerRecord {
            id: id.into(),
            name: name.into(),
            email: email.map(Into::into),
            phone: phone.map(Into::into),
            account: None,
            notes: format!("notes on {name}"),
            created_at: 1_000,
        }
    }

    fn case(id: &str, conversation: &str, customer: Option<&str>, at: Millis) -> CaseRow {
        CaseRow {
            seq: 0,
            id: id.into(),
            number: format!("CS-{id}"),
            conversation_id: conversation.into(),
            customer_id: customer.map(Into::into),
            status: CaseStatus::Draft,
            subject: format!("subject {id}"),
            notes: String::new(),
            agent_id: "ada".into(),
            disposition: None,
            created_at: at,
            updated_at: at,
        }
    }

    fn exercise(store: &dyn Customers) -> Vec<String> {
        let mut out = Vec::new();
        let mut ada =
            record("r1", "Ada Lovelace", Some("Ada@Example.com"), Some("+44 20 7946 0000"));
        ada.account = Some("ACC-1".into());
        let ada_keys = CustomerKeys {
            email: Some("ada@example.com"),
            phone_e164: Some("+442079460000"),
            account: Some("acc-1"),
        };
        out.push(shown(store.insert_customer(&ada, &ada_keys)));
        let none = CustomerKeys { email: None, phone_e164: None, account: None };
        let records = [
            (record("r2", "bob_smith", None, None), none.clone()),
            (
                record("r3", "carol", Some("c@x.org"), None),
                CustomerKeys { email: Some("c@x.org"), ..none.clone() },
            ),
            (
                record("r4", "Dave 100%", None, Some("0701 23 45 67")),
                CustomerKeys { phone_e164: Some("+46701234567"), ..none.clone() },
            ),
            (
                record("r5", "ada twin", Some("ada@example.com"), None),
                CustomerKeys { email: Some("ada@example.com"), ..none.clone() },
            ),
            (record("r6", "BOBBY", None, None), none.clone()),
        ];
        for (record, keys) in &records {
            out.push(shown(store.insert_customer(record, keys)));
        }
        out.push(shown(store.insert_customer(&ada, &ada_keys)));
        out.push(shown(store.customer("r1")));
        out.push(shown(store.customer("r4")));
        out.push(shown(store.customer("nope")));
        out.push(shown(store.customer_by_key(CustomerKey::Email, "ada@example.com")));
        out.push(shown(store.customer_by_key(CustomerKey::Email, "c@x.org")));
        out.push(shown(store.customer_by_key(CustomerKey::Phone, "+46701234567")));
        out.push(shown(store.customer_by_key(CustomerKey::Account, "acc-1")));
        out.push(shown(store.customer_by_key(CustomerKey::Account, "ACC-1")));
        out.push(shown(store.customer_by_key(CustomerKey::Email, "nobody@example.com")));
        for (text, digits, limit) in [
            ("", "", 10),
            ("", "", 3),
            ("ADA", "", 10),
            ("bob", "", 10),
            ("_", "", 10),
            ("%", "", 10),
            ("example.COM", "", 10),
            ("acc", "", 10),
            ("zzz", "", 10),
            ("zzz", "4670123", 10),
            ("zzz", "999", 10),
            ("a", "4670123", 2),
        ] {
            let found = store.search_customers(text, digits, limit);
            out.push(shown(found.map(|f| f.into_iter().map(|r| r.id).collect::<Vec<_>>())));
        }
        out.push(shown(store.insert_case(&case("k1", "v1", Some("r1"), 2_000))));
        out.push(shown(store.insert_case(&case("k2", "v2", Some("r1"), 2_100))));
        out.push(shown(store.insert_case(&case("k3", "v3", None, 2_200))));
        out.push(shown(store.insert_case(&case("k4", "v4", Some("r3"), 2_300))));
        let mut saved = case("k1", "v1", Some("r1"), 2_000);
        saved.status = CaseStatus::Saved;
        saved.subject = "Billing".into();
        saved.notes = "Refunded".into();
        saved.disposition = Some("resolved".into());
        saved.updated_at = 2_500;
        out.push(shown(store.update_case(&saved)));
        saved.id = "k2".into();
        saved.conversation_id = "v2".into();
        saved.number = "CS-k2".into();
        out.push(shown(store.update_case(&saved)));
        let mut moved = case("k3", "v3", Some("r2"), 2_200);
        moved.updated_at = 2_600;
        out.push(shown(store.update_case(&moved)));
        out.push(shown(store.case("k1")));
        out.push(shown(store.case("k3")));
        out.push(shown(store.case("nope")));
        out.push(shown(store.case_by_number("CS-k2")));
        out.push(shown(store.case_by_number("CS-none")));
        out.push(shown(store.case_of_conversation("v4")));
        out.push(shown(store.case_of_conversation("v9")));
        out.push(shown(store.saved_cases_of_customer("r1")));
        out.push(shown(store.saved_cases_of_customer("r3")));
        out.push(shown(store.draft_cases_of_agent("ada")));
        out.push(shown(store.draft_cases_of_agent("bo")));
        // Last: a failed insert takes a `seq` on PostgreSQL, not on SQLite.
        out.push(shown(store.insert_case(&case("k5", "v1", None, 3_000))));
        out
    }

    #[test]
    fn customers_on_postgres_do_what_they_do_on_sqlite() -> Result<(), HubError> {
        let both = Both::new(SETUP);
        let (conn, pg) = (&both.sqlite, &both.pg);
        let on_sqlite = exercise(conn);

        let on_postgres = exercise(pg);

        assert_eq!(on_postgres, on_sqlite);
        assert!(on_sqlite.iter().any(|r| r.starts_with("Ok([CaseRow")), "{on_sqlite:#?}");
        assert!(on_sqlite.contains(&"Err(database)".to_owned()));
        Ok(())
    }
}
