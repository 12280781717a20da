//! What the per-kind conformance tests share: how a result compares across the backends,
//! and the rows they start from.

use crate::error::HubError;

/// A store call's result as a conformance test compares it: database errors differ in type
/// between the backends (`HubError::Database`, `HubError::Postgres`), so they compare as one;
/// every other result by its `Debug`.
pub(super) fn shown<T: std::fmt::Debug>(result: Result<T, HubError>) -> String {
    match result {
        Ok(value) => format!("Ok({value:?})"),
        Err(HubError::Database(_) | HubError::Postgres(_)) => "Err(database)".to_owned(),
        Err(error) => format!("Err({error:?})"),
    }
}

/// The conversation rows the conformance tests build on, the same SQL on both backends:
/// `c1`..`c6` in queues `web` and `sales`, on Livechat and WhatsApp, in several states.
pub(super) const TEST_CONVERSATIONS: &str = r#"
INSERT INTO agents (id, state, since, idle_since, capacity, position) VALUES
    ('ada', '{"kind":"available"}', 1, 100, 2, 0),
    ('bo', '{"kind":"available"}', 1, 50, 3, 1),
    ('cy', '{"kind":"available"}', 1, NULL, 1, 2),
    ('di', '{"kind":"away"}', 1, NULL, 2, 3);
INSERT INTO customers (id, name, notes, created_at) VALUES ('k1', 'Ann Lee', '', 1);
INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash, state,
                           agent_id, created_at, queued_at, account, platform_customer,
                           customer_id, matched_by, matched_claimed, closed_at)
VALUES
    ('c1', 'livechat', 'web', '{"name":"Ann Lee","email":"ann@example.com"}', 'h1', 'queued',
     NULL, 10, 10, NULL, NULL, 'k1', 'email', 1, NULL),
    ('c2', 'livechat', 'web', '{"name":"Bob"}', 'h2', 'active', 'ada', 20, 20, NULL, NULL,
     NULL, NULL, 0, NULL),
    ('c3', 'whatsapp', 'sales', '{"name":"Cid","phone":"+3585551234"}', 'h3', 'offered',
     'bo', 30, 30, '{"id":"pn-1","name":"+358 40 123"}', '3585551234', NULL, NULL, 0, NULL),
    ('c4', 'livechat', 'web', '{"name":"Dee"}', 'h4', 'queued', NULL, 40, 40, NULL, NULL,
     NULL, NULL, 0, NULL),
    ('c5', 'whatsapp', 'sales', '{"name":"Eve"}', 'h5', 'closed', 'ada', 50, 50,
     '{"id":"pn-1","name":"+358 40 123"}', '3585550000', 'k1', 'phone', 0, 55),
    ('c6', 'livechat', 'web', '{"name":"Fay"}', 'h6', 'offered', 'cy', 60, 60, NULL, NULL,
     NULL, NULL, 0, NULL);
"#;

/// A fresh SQLite database and a fresh PostgreSQL one, both migrated and given the same
/// `setup` SQL: what a conformance test runs its calls on.
pub(super) struct Both {
    _dir: tempfile::TempDir,
    pub sqlite: rusqlite::Connection,
    _database: crate::testing::TestDatabase,
    pub pg: super::Pg,
}

impl Both {
    pub(super) fn new(setup: &str) -> Both {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = crate::store::open(&dir.path().join("hub.sqlite3")).unwrap();
        sqlite.execute_batch(setup).unwrap();
        let database = crate::testing::TestDatabase::create();
        let pg = super::Pg::connect(database.url()).unwrap();
        super::migrate(&pg).unwrap();
        pg.batch(setup).unwrap();
        Both { _dir: dir, sqlite, _database: database, pg }
    }
}
