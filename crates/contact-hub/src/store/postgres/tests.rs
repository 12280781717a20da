//! The PostgreSQL store held to SQLite's: the same tables, columns and indexes, the counts
//! the schema keeps (`agents.held`, `queue_waiting`) moving alike under the same changes,
//! and one migration however many nodes start at once. (The whole hub test suite, run on
//! PostgreSQL by the README's test command, holds the operations to the same behaviour.)
//!
//! The tests need a PostgreSQL server: `scripts/test-postgres` (which the README's test
//! command runs) starts a throw-away cluster and names it in `AGENT_DESK_TEST_POSTGRES`.

use std::collections::BTreeSet;

use super::*;
use crate::testing::TestDatabase;

fn connect(database: &TestDatabase) -> Pg {
    Pg::connect(database.url()).unwrap()
}

fn sqlite() -> (tempfile::TempDir, rusqlite::Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::store::open(&dir.path().join("hub.sqlite3")).unwrap();
    (dir, conn)
}

/// `table.column` of every table the hub keeps, on SQLite.
fn sqlite_columns(conn: &rusqlite::Connection) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare(
            "SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_xinfo(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn postgres_columns(client: &Pg) -> BTreeSet<String> {
    client
        .query(
            "SELECT table_name || '.' || column_name FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name <> 'schema_version'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// The indexes the schema names (not those behind primary keys and UNIQUE columns).
fn sqlite_indexes(conn: &rusqlite::Connection) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn postgres_indexes(client: &Pg) -> BTreeSet<String> {
    client
        .query(
            "SELECT i.indexname FROM pg_indexes i
              WHERE i.schemaname = 'public' AND NOT EXISTS (
                    SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

#[test]
fn the_schema_has_sqlites_tables_columns_and_indexes() {
    let database = TestDatabase::create();
    let client = connect(&database);
    migrate(&client).unwrap();
    let (_dir, conn) = sqlite();
    assert_eq!(postgres_columns(&client), sqlite_columns(&conn));
    assert_eq!(postgres_indexes(&client), sqlite_indexes(&conn));
}

#[test]
fn nodes_migrating_at_once_make_one_schema_and_migrating_again_changes_nothing() {
    let database = TestDatabase::create();
    let nodes: Vec<_> = (0..4)
        .map(|_| {
            let client = connect(&database);
            std::thread::spawn(move || migrate(&client))
        })
        .collect();
    for node in nodes {
        node.join().unwrap().unwrap();
    }
    let client = connect(&database);
    migrate(&client).unwrap();
    let versions: Vec<i64> = client
        .query("SELECT version FROM schema_version", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(versions, vec![MIGRATIONS.len() as i64]);
}

/// Changes to conversations, offers and handoffs that move what agents hold and what
/// waits, written so both databases read them the same.
const CHANGES: &[&str] = &[
    "INSERT INTO agents (id, state, since, capacity) VALUES ('ada', 'x', 0, 2), ('bo', 'x', 0, 3)",
    "INSERT INTO conversations (id, channel, queue_id, customer, customer_token_hash, state, created_at)
     VALUES ('c1', 'livechat', 'web', '{}', 'h', 'queued', 1),
            ('c2', 'livechat', 'web', '{}', 'h', 'queued', 2),
            ('c3', 'livechat', 'fi', '{}', 'h', 'queued', 3)",
    "UPDATE conversations SET state = 'offered', agent_id = 'ada' WHERE id = 'c1'",
    "UPDATE conversations SET state = 'active' WHERE id = 'c1'",
    "UPDATE conversations SET state = 'offered', agent_id = 'bo' WHERE id = 'c2'",
    "UPDATE conversations SET state = 'queued', agent_id = NULL WHERE id = 'c2'",
    "UPDATE conversations SET queue_id = 'fi' WHERE id = 'c2'",
    "INSERT INTO offers (conversation_id, agent_id, offered_at, expires_at, kind)
     VALUES ('c1', 'bo', 5, 10, 'conference')",
    "UPDATE offers SET agent_id = 'ada' WHERE conversation_id = 'c1'",
    "DELETE FROM offers WHERE conversation_id = 'c1'",
    "UPDATE conversations SET guest_agent_id = 'bo' WHERE id = 'c1'",
    "INSERT INTO handoffs (conversation_id, agent_id, at) VALUES ('c1', 'ada', 6)",
    "UPDATE conversations SET agent_id = 'bo', guest_agent_id = NULL WHERE id = 'c1'",
    "UPDATE conversations SET state = 'wrapUp' WHERE id = 'c1'",
    "DELETE FROM handoffs WHERE conversation_id = 'c1'",
    "UPDATE conversations SET state = 'closed' WHERE id = 'c1'",
    "UPDATE conversations SET state = 'offered', agent_id = 'ada' WHERE id = 'c3'",
    "DELETE FROM conversations WHERE id = 'c2'",
];

/// `(agent, held, free)` and `(queue, waiting)`, in order.
type Counts = (Vec<(String, i64, i64)>, Vec<(String, i64)>);

const HELD: &str = "SELECT id, held, free FROM agents ORDER BY id";
const WAITING: &str = "SELECT queue_id, waiting FROM queue_waiting ORDER BY queue_id";

#[test]
fn the_kept_counts_follow_the_same_changes_as_on_sqlite() {
    let database = TestDatabase::create();
    let client = connect(&database);
    migrate(&client).unwrap();
    let (_dir, conn) = sqlite();
    for (step, change) in CHANGES.iter().enumerate() {
        conn.execute_batch(change).unwrap();
        client.batch(change).unwrap();
        let on_sqlite: Counts = (
            conn.prepare(HELD)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect(),
            conn.prepare(WAITING)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect(),
        );
        let on_postgres: Counts = (
            client
                .query(HELD, &[])
                .unwrap()
                .iter()
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .collect(),
            client.query(WAITING, &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect(),
        );
        assert_eq!(on_postgres, on_sqlite, "after change {step}: {change}");
    }
    // The changes did move the counts: ada holds c3's offer, c3 waits in fi.
    let (held, waiting) = (
        client.query_one("SELECT held FROM agents WHERE id = 'ada'", &[]).unwrap().get::<_, i64>(0),
        client
            .query_one("SELECT waiting FROM queue_waiting WHERE queue_id = 'fi'", &[])
            .unwrap()
            .get::<_, i64>(0),
    );
    assert_eq!((held, waiting), (1, 1));
}

/// The test cluster's TLS listener (`scripts/test-postgres`): its URL names the CA file.
fn tls_url() -> String {
    std::env::var("AGENT_DESK_TEST_POSTGRES_TLS_URL").expect(
        "AGENT_DESK_TEST_POSTGRES_TLS_URL names no TLS listener: run the tests through \
         ./scripts/test (or scripts/test-postgres cargo test ...), which starts one",
    )
}

#[test]
fn a_database_over_tls_is_reached_with_its_certificate_verified() {
    let pg = Pg::connect(&tls_url()).unwrap();
    let row = pg.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]);
    assert!(row.unwrap().get::<_, bool>(0), "the connection is encrypted");
}

#[test]
fn a_database_whose_certificate_does_not_verify_is_refused() {
    // The same server, without its CA: the system's roots do not vouch for it.
    let (url, ca) = super::tls::split_root_cert(&tls_url());
    assert!(ca.is_some());
    let error = Pg::connect(&url).err().expect("refused").to_string();
    assert!(error.contains("certificate"), "{error}");
    // And over TCP the server takes TLS only.
    let plain = url.replace("sslmode=require", "sslmode=disable");
    assert!(Pg::connect(&plain).is_err(), "a connection in clear text was accepted");
}
