//! The store on PostgreSQL: a team's hub nodes sharing one database (issue 16).
//!
//! [`Pg`] is one connection; it implements every kind of record's trait, one file a kind
//! beside this one, with the same SQL as SQLite's in PostgreSQL's words, so it is a
//! [`super::Store`] and the hub runs on it unchanged. [`super::Writer`], [`super::Tx`] and
//! [`super::Readers`] hold it when the configuration names a `postgres://` database.
//!
//! **Blocking calls on an async client.** The store's traits are synchronous (the hub runs
//! them under its lock), and the synchronous `postgres` crate drives each call with a tokio
//! runtime of its own, which panics inside the hub's runtime. So the connections are
//! `tokio_postgres` ones, driven by one background thread ([`io`]), and each call waits for
//! its answer with `futures_executor::block_on`: the client's futures only pass messages to
//! that thread, so they may be waited for on any thread, a tokio worker included (the hub
//! leaves the worker first, see `hub::transition::off_the_workers`). Each statement is
//! prepared once per connection and kept.
//!
//! **One transition at a time, cluster-wide.** A transition's transaction takes
//! [`TRANSITIONS_LOCK`], a transaction-scoped advisory lock, before anything else, as
//! SQLite's `BEGIN IMMEDIATE` takes its write lock: so transitions on every node run one
//! after the other, each sees everything committed before it (READ COMMITTED, and the lock
//! is released only after the commit is visible), capacity checks cannot race, and event
//! ids (taken from an identity column inside the transaction) are committed in id order, so
//! a feed reading `id > cursor` never skips an event committed later with a smaller id.
//! Reads outside a transition (feeds, lists) take no lock.
//!
//! The schema's migrations are `migrations/postgres/NNN_*.sql`, applied by [`migrate`] under
//! another advisory lock, so nodes starting together migrate once.

mod agents;
mod assets;
mod conversations;
mod customers;
mod events;
mod inbox_outbox;
mod leases;
mod messages;
mod offers;
mod queues;
mod retention;
mod routing;
mod stream_tickets;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
mod tls;
mod wrapups;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, OnceLock};

use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Row, Statement};

use super::Wake;
use crate::error::HubError;

/// A statement's parameters.
pub(super) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// The PostgreSQL schema's migrations; `schema_version` records how many have run. Append,
/// never edit, as for SQLite's.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/postgres/001_schema.sql")];

/// Any number, the same on every node: the lock [`migrate`] holds while it migrates.
const MIGRATION_LOCK: i64 = 0x4147_4e54_4445_534b; // "AGNTDESK"

/// The advisory lock every transition's transaction holds (see the module's docs).
pub(crate) const TRANSITIONS_LOCK: i64 = 0x4147_4e54_5452_414e; // "AGNTTRAN"

/// The thread that drives every PostgreSQL connection's socket.
fn io() -> &'static tokio::runtime::Runtime {
    static IO: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    IO.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("postgres-io")
            .enable_all()
            .build()
            .expect("the PostgreSQL connections' thread starts")
    })
}

/// Waits for `future` on this thread (see the module's docs).
fn wait<F: Future>(future: F) -> F::Output {
    futures_executor::block_on(future)
}

/// The connection settings in `url`, and the TLS connector they call for.
fn config_and_tls(
    url: &str,
) -> Result<(tokio_postgres::Config, tokio_postgres_rustls::MakeRustlsConnect), HubError> {
    let (url, root_cert) = tls::split_root_cert(url);
    let config: tokio_postgres::Config = url.parse()?;
    Ok((config, tls::connector(root_cert.as_ref())?))
}

/// One connection to the database: a [`super::Store`].
pub(crate) struct Pg {
    client: Client,
    /// Statements prepared on this connection, by their SQL.
    statements: Mutex<HashMap<String, Statement>>,
}

impl Pg {
    /// Connects to `url` (`postgres://user:password@host:port/database`, with
    /// `?host=/run/postgresql` for a Unix socket; libpq's `key=value` form also does).
    /// TLS as the URL says (see `tls`).
    pub(crate) fn connect(url: &str) -> Result<Pg, HubError> {
        let (config, tls) = config_and_tls(url)?;
        let client = wait(io().spawn(async move {
            let (client, connection) = config.connect(tls).await?;
            tokio::spawn(async move {
                if let Err(error) = connection.await {
                    tracing::warn!(%error, "the PostgreSQL connection ended");
                }
            });
            Ok::<_, tokio_postgres::Error>(client)
        }))
        .map_err(|e| HubError::Internal(format!("connecting to PostgreSQL: {e}")))??;
        Ok(Pg { client, statements: Mutex::new(HashMap::new()) })
    }

    /// Whether the connection is gone (the server restarted or the network failed).
    pub(crate) fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn statement(&self, sql: &str) -> Result<Statement, HubError> {
        let kept = self.lock_statements().get(sql).cloned();
        if let Some(statement) = kept {
            return Ok(statement);
        }
        let statement = wait(self.client.prepare(sql))?;
        self.lock_statements().insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn lock_statements(&self) -> std::sync::MutexGuard<'_, HashMap<String, Statement>> {
        self.statements.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The rows `sql` returns.
    pub(crate) fn query(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, HubError> {
        let statement = self.statement(sql)?;
        Ok(wait(self.client.query(&statement, params))?)
    }

    /// The one row `sql` returns, if any (more than one is an error).
    pub(super) fn query_opt(&self, sql: &str, params: Params<'_>) -> Result<Option<Row>, HubError> {
        let statement = self.statement(sql)?;
        Ok(wait(self.client.query_opt(&statement, params))?)
    }

    /// The one row `sql` returns (none, or more than one, is an error).
    pub(super) fn query_one(&self, sql: &str, params: Params<'_>) -> Result<Row, HubError> {
        let statement = self.statement(sql)?;
        Ok(wait(self.client.query_one(&statement, params))?)
    }

    /// Runs `sql`; how many rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: Params<'_>) -> Result<usize, HubError> {
        let statement = self.statement(sql)?;
        Ok(wait(self.client.execute(&statement, params))? as usize)
    }

    /// Runs statements without parameters (`BEGIN`, `COMMIT`, a migration).
    pub(crate) fn batch(&self, sql: &str) -> Result<(), HubError> {
        Ok(wait(self.client.batch_execute(sql))?)
    }
}

/// Brings a database's schema up to date, once however many nodes call it at the same time.
pub(crate) fn migrate(pg: &Pg) -> Result<(), HubError> {
    pg.batch("BEGIN")?;
    let result = (|| {
        pg.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        pg.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
        let found: Option<i64> =
            pg.query_opt("SELECT version FROM schema_version", &[])?.map(|row| row.get(0));
        let found = found.unwrap_or(0);
        let known = MIGRATIONS.len() as i64;
        if found > known {
            return Err(HubError::SchemaTooNew { found, known });
        }
        for sql in MIGRATIONS.iter().skip(found as usize) {
            pg.batch(sql)?;
        }
        pg.execute("DELETE FROM schema_version", &[])?;
        pg.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&known])?;
        Ok(())
    })();
    match result {
        Ok(()) => pg.batch("COMMIT"),
        Err(error) => {
            let _ = pg.batch("ROLLBACK");
            Err(error)
        }
    }
}

// ---------------------------------------------------------------- column encodings

/// A unit enum stored as its serde name (`"wrapUp"`, `"livechat"`), as on SQLite.
pub(super) fn text<T: serde::de::DeserializeOwned>(row: &Row, index: usize) -> Result<T, HubError> {
    let text: String = row.try_get(index)?;
    Ok(serde_json::from_value(serde_json::Value::String(text))?)
}

/// A JSON column.
pub(super) fn json<T: serde::de::DeserializeOwned>(row: &Row, index: usize) -> Result<T, HubError> {
    let text: String = row.try_get(index)?;
    Ok(serde_json::from_str(&text)?)
}

/// A JSON column that may be NULL.
pub(super) fn json_opt<T: serde::de::DeserializeOwned>(
    row: &Row,
    index: usize,
) -> Result<Option<T>, HubError> {
    let text: Option<String> = row.try_get(index)?;
    Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
}

/// A transition's transaction: begun holding [`TRANSITIONS_LOCK`], rolled back when dropped
/// uncommitted.
pub(crate) struct Transaction<'a> {
    pg: &'a Pg,
    open: bool,
}

impl<'a> Transaction<'a> {
    pub(crate) fn begin(pg: &'a Pg) -> Result<Self, HubError> {
        // One round trip: the lock is a constant.
        pg.batch(&format!("BEGIN; SELECT pg_advisory_xact_lock({TRANSITIONS_LOCK})"))?;
        Ok(Transaction { pg, open: true })
    }

    pub(crate) fn pg(&self) -> &'a Pg {
        self.pg
    }

    /// Commits, telling the listening nodes about `wakes` (delivered only if it commits),
    /// in the same round trip.
    pub(crate) fn commit(mut self, wakes: &[Wake]) -> Result<(), HubError> {
        self.open = false;
        let mut sql = String::new();
        for wake in wakes {
            sql.push_str(&format!("NOTIFY {WAKE_CHANNEL}, '{}'; ", wake.name()));
        }
        sql.push_str("COMMIT");
        self.pg.batch(&sql)
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            if let Err(error) = self.pg.batch("ROLLBACK") {
                tracing::warn!(%error, "rolling back a PostgreSQL transaction failed");
            }
        }
    }
}

// ---------------------------------------------------------------- waking the other nodes

/// The channel commits `NOTIFY` and nodes `LISTEN` on (see `store::wakes`).
const WAKE_CHANNEL: &str = "contact_hub";

/// A node's listening connection, reconnected when lost; closed when dropped.
pub(crate) struct Listener {
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Listens on [`WAKE_CHANNEL`] at `url`, on the connections' thread.
pub(crate) fn listen(url: &str, on_wake: impl Fn(Wake) + Send + Sync + 'static) -> Listener {
    let url = url.to_owned();
    let task = io().spawn(async move {
        loop {
            let listened = match config_and_tls(&url) {
                Ok((config, tls)) => listen_once(config, tls, &on_wake).await,
                Err(error) => Err(error),
            };
            if let Err(error) = listened {
                tracing::warn!(%error, "listening for the other nodes failed; again in a second");
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
    Listener { task }
}

/// One listening connection, until it is lost.
async fn listen_once(
    config: tokio_postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    on_wake: &impl Fn(Wake),
) -> Result<(), HubError> {
    use futures_util::StreamExt;
    use tokio_postgres::AsyncMessage;

    let (client, mut connection) = config.connect(tls).await?;
    let (heard, mut wakes) = tokio::sync::mpsc::unbounded_channel();
    // The connection is driven here: its notifications come with its other messages.
    let driver = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message? {
                AsyncMessage::Notification(note) => {
                    let _ = heard.send(note.payload().to_owned());
                }
                _ => continue,
            }
        }
        Ok::<_, tokio_postgres::Error>(())
    });
    client.batch_execute(&format!("LISTEN {WAKE_CHANNEL}")).await?;
    // Wake-ups sent while this node was not listening are lost: look at everything once.
    for wake in Wake::ALL {
        on_wake(wake);
    }
    while let Some(payload) = wakes.recv().await {
        if let Some(wake) = Wake::from_name(&payload) {
            on_wake(wake);
        }
    }
    match driver.await {
        Ok(result) => Ok(result?),
        Err(_) => Ok(()),
    }
}
