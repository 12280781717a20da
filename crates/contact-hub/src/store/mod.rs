//! Persistence: the hub's state lives here, not in memory.
//!
//! The hub keeps no copy of agents, conversations or offers in memory: each transition reads
//! what it needs from the database and writes its result inside one transaction, so a crash
//! or a restart cannot leave memory and disk disagreeing, and everything (sessions,
//! conversations, offers with their deadlines, event ids) survives a restart as it was.
//!
//! **The boundary.** The hub sees the store only through [`Store`]: one trait per kind of
//! record, each in the file of that kind (`agents::Agents`, `conversations::Conversations`,
//! `queues::Queues`, `assets::Assets`, `offers::Offers`, `wrapups::Wrapups`,
//! `customers::Customers`, `messages::Messages`, `inbox_outbox::InboxOutbox`,
//! `events::Events`, `retention::Retention`, and `routing::Routing` for the reads of a
//! routing pass), with the row types beside them, all re-exported here. Their methods know
//! nothing of the rules, which live in `hub`; they take `&self`, name only our own types and
//! [`HubError`], and are object-safe (slices and `&dyn Fn`, no generic methods), so the hub
//! works on a `&dyn Store` and never names the database library. The hub gets its store from
//! here too: a [`Writer`] (the one read-write connection, held under the hub's lock) whose
//! [`Writer::begin`] gives a [`Tx`] (a transition's transaction: a `Store` until
//! [`Tx::commit`]), and [`Readers`] (read-only connections for the event feeds, outside the
//! lock).
//!
//! **Two backends**, chosen by the [`Database`] the hub is opened on:
//! - **SQLite** (the desk's embedded hub, one host): each kind's trait is implemented for
//!   `rusqlite::Connection` in its file (a `rusqlite::Transaction` derefs to one), as plain
//!   SQL; this file opens the database and runs the migrations
//!   (`migrations/sqlite/NNN_*.sql`).
//! - **PostgreSQL** (a team's nodes sharing one database; the `postgres` feature, which the
//!   desk's build leaves out): `postgres::Pg` implements every kind's trait, one file a kind
//!   under `postgres/`, with its own `migrations/postgres/`.
//!
//! [`Writer`], [`Tx`] and [`Readers`] hold whichever backend the database is; the hub, which
//! sees only those and `&dyn Store`, is the same on both. Each PostgreSQL kind has a
//! conformance test running the same calls on both backends, and the hub's whole `it` suite
//! runs on each (the README's test command).

use std::path::Path;

use rusqlite::{Connection, Row};

use crate::error::HubError;

mod agents;
mod assets;
mod conversations;
mod customers;
mod database;
mod events;
mod inbox_outbox;
mod leases;
mod messages;
mod offers;
#[cfg(feature = "postgres")]
pub(crate) mod postgres;
mod queues;
mod readers;
mod retention;
mod routing;
mod stream_tickets;
mod wakes;
mod wrapups;
mod writer;

pub(crate) use agents::*;
pub(crate) use assets::*;
pub(crate) use conversations::*;
pub(crate) use customers::*;
pub use database::Database;
pub(crate) use events::*;
pub(crate) use inbox_outbox::*;
pub(crate) use leases::*;
pub(crate) use messages::*;
pub(crate) use offers::*;
pub(crate) use queues::*;
pub(crate) use readers::Readers;
pub(crate) use retention::*;
pub(crate) use routing::*;
pub(crate) use stream_tickets::*;
pub(crate) use wakes::{listen, Listener, Wake};
pub(crate) use wrapups::*;
pub(crate) use writer::{Tx, Writer};

/// The whole store, as the hub sees it: every kind of record's interface. Any type that
/// implements them all is one.
pub(crate) trait Store:
    Agents
    + Assets
    + Conversations
    + Customers
    + Events
    + InboxOutbox
    + Leases
    + Messages
    + Offers
    + Queues
    + Retention
    + Routing
    + StreamTickets
    + Wrapups
{
}

impl<T> Store for T where
    T: Agents
        + Assets
        + Conversations
        + Customers
        + Events
        + InboxOutbox
        + Leases
        + Messages
        + Offers
        + Queues
        + Retention
        + Routing
        + StreamTickets
        + Wrapups
{
}

/// The SQLite schema's migrations; `PRAGMA user_version` records how many have run. Append,
/// never edit: each file is the SQL byte for byte as databases ran it (indentation included,
/// since SQLite keeps a `CREATE` statement's text in `sqlite_master`), which
/// `tests::migrations_are_never_edited` checks. Another backend's set would sit beside
/// `migrations/sqlite/`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/001_initial.sql"),
    include_str!("migrations/sqlite/002_whatsapp_and_messenger.sql"),
    include_str!("migrations/sqlite/003_transfer_and_conference.sql"),
    include_str!("migrations/sqlite/004_agent_queues_and_optional_wrapup_reason.sql"),
    include_str!("migrations/sqlite/005_customer_records_and_cases.sql"),
    include_str!("migrations/sqlite/006_claims_case_numbers_queue_time_sessions_devices.sql"),
    include_str!("migrations/sqlite/007_retired_assets.sql"),
    include_str!("migrations/sqlite/008_routing_reads.sql"),
    include_str!("migrations/sqlite/009_routing_takers_and_queue_counts.sql"),
    include_str!("migrations/sqlite/010_leases.sql"),
    include_str!("migrations/sqlite/011_stream_tickets.sql"),
];

/// The error for a PostgreSQL database in a build without the backend (the desk's).
#[cfg(not(feature = "postgres"))]
fn no_postgres() -> HubError {
    HubError::Internal("this build of the hub has no PostgreSQL support".into())
}

/// Opens (creating if needed) the database and brings its schema up to date.
fn open(path: &Path) -> Result<Connection, HubError> {
    create_private(path)?;
    let mut conn = Connection::open(path)?;
    // WAL: readers (a backup, `sqlite3` for support) never block the hub's writes.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Creates the database file readable by its owner only (finding M7); SQLite gives its
/// `-wal` and `-shm` files the same permissions. An existing file is left as it is.
fn create_private(path: &Path) -> Result<(), HubError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(HubError::Io(error)),
    }
}

fn migrate(conn: &mut Connection) -> Result<(), HubError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(HubError::SchemaTooNew { found, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

// ---------------------------------------------------------------- column encodings

/// Unit enums are stored as their serde name (`"wrapUp"`, `"livechat"`), so the database
/// reads like the wire.
fn to_text<T: serde::Serialize>(value: &T) -> Result<String, HubError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(HubError::Internal(format!("{other} is not a unit variant"))),
    }
}

fn from_text<T: serde::de::DeserializeOwned>(r: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = r.get(index)?;
    serde_json::from_value(serde_json::Value::String(text)).map_err(|e| conversion(index, e))
}

fn from_json<T: serde::de::DeserializeOwned>(r: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = r.get(index)?;
    parse_json(&text, index)
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, index: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| conversion(index, e))
}

fn conversion(index: usize, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
}

#[cfg(test)]
mod tests {
    use hub_protocol::{Channel, ConversationState};
    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.sqlite3");
        drop(open(&path).unwrap());
        let conn = open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    /// The SHA-256 of each migration as databases ran it. A new migration adds its line; a
    /// changed one means an existing migration was edited or reformatted.
    const MIGRATION_DIGESTS: &[&str] = &[
        "6957d22bbb1b8896575320ddc5bcfe912344ce8287a66a6e321bd438680c7a31",
        "9481d04e7cdda649bc49d1d26968129e1a9d8c0d4ff73ec7d7993bc14129cece",
        "1f6eb4261dccaf983672f5390a90b031242afba392391b4cee53a051b4992000",
        "c8b489ec3e344da6b1f81bc89de989dc87f067af50dd698203ac20c276cc970a",
        "a1f44ef22ae0894f81565835e727a84f76adfa0bf861f98be6a29e101383f119",
        "f0ad732fba47cbc4866109bce5100b773542c723809710d2854c6d2a4afea172",
        "920d7c08407df6e988bd5aae2a6e87595712d059a5363cff9f140d0cfc2d742c",
        "330596e39ed8c96dcc2f2dd0dda2370b3e21f7d4ebf3d06e780294c75ec92826",
        "e59268002a1fe19c7a9401aa0b57c9f38e596e0432a2d22dc0b5914544722417",
        "65f2e11369221ceee15eaa518b9f7691faa14e5f358e37db6ab0156157d2f650",
        "a8b04c1af727ff8c2ac58edbcd035ac6939a8f4c10513decdc24fb269770506d",
    ];

    #[test]
    fn migrations_are_never_edited() {
        let digests: Vec<String> =
            MIGRATIONS.iter().map(|sql| hex::encode(Sha256::digest(sql.as_bytes()))).collect();
        assert_eq!(digests, MIGRATION_DIGESTS);
    }

    fn user_version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut statement =
            conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").unwrap();
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn a_database_from_any_older_hub_is_brought_to_the_same_schema() {
        let dir = tempfile::tempdir().unwrap();
        let expected = schema(&open(&dir.path().join("fresh.sqlite3")).unwrap());
        for version in 0..MIGRATIONS.len() {
            let path = dir.path().join(format!("v{version}.sqlite3"));
            let older = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..version] {
                older.execute_batch(sql).unwrap();
            }
            older.pragma_update(None, "user_version", version as i64).unwrap();
            drop(older);
            let conn = open(&path).unwrap();
            assert_eq!(user_version(&conn), MIGRATIONS.len() as i64, "from version {version}");
            assert_eq!(schema(&conn), expected, "from version {version}");
        }
    }

    #[test]
    fn a_database_from_a_newer_hub_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.sqlite3");
        drop(open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(open(&path), Err(HubError::SchemaTooNew { found: 99, .. })));
    }

    #[test]
    fn unit_enums_are_stored_by_their_wire_name() {
        assert_eq!(to_text(&ConversationState::WrapUp).unwrap(), "wrapUp");
        assert_eq!(to_text(&Channel::Livechat).unwrap(), "livechat");
    }
}
