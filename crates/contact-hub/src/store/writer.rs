//! The writer: the hub's one read-write connection and its transactions, on either backend.
//!
//! The hub holds the [`Writer`] under its lock; a transition begins a [`Tx`], works on it as
//! a [`Store`] and commits it (dropped uncommitted, it rolls back). Reads under the lock use
//! the writer itself as a [`Store`], without a transaction.
//!
//! On SQLite a transaction is `BEGIN IMMEDIATE` (it takes the write lock at once, so it
//! cannot fail half-way for another writer). On PostgreSQL it takes the cluster-wide
//! transitions lock first (see `postgres`'s docs), and a writer whose connection was lost
//! (the server restarted) connects again at the next transition.

use std::ops::Deref;

use rusqlite::{Connection, Transaction, TransactionBehavior};

#[cfg(feature = "postgres")]
use super::postgres::{self, Pg};
use super::{Database, Store, Wake};
use crate::error::HubError;

/// The read-write connection, opened and migrated.
pub(crate) struct Writer {
    backend: Backend,
}

enum Backend {
    Sqlite(Connection),
    #[cfg(feature = "postgres")]
    Postgres {
        url: String,
        pg: Pg,
    },
}

impl Writer {
    /// Opens (creating a SQLite file if needed) the database and brings its schema up to date.
    pub(crate) fn open(database: &Database) -> Result<Writer, HubError> {
        let backend = match database {
            Database::Sqlite(path) => Backend::Sqlite(super::open(path)?),
            #[cfg(feature = "postgres")]
            Database::Postgres(url) => {
                let pg = Pg::connect(url)?;
                postgres::migrate(&pg)?;
                Backend::Postgres { url: url.clone(), pg }
            }
            #[cfg(not(feature = "postgres"))]
            Database::Postgres(_) => return Err(super::no_postgres()),
        };
        Ok(Writer { backend })
    }

    /// Begins a transition's transaction.
    pub(crate) fn begin(&mut self) -> Result<Tx<'_>, HubError> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                Ok(Tx::Sqlite(conn.transaction_with_behavior(TransactionBehavior::Immediate)?))
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres { url, pg } => {
                if pg.is_closed() {
                    tracing::warn!("the PostgreSQL connection was lost; connecting again");
                    *pg = Pg::connect(url)?;
                }
                Ok(Tx::Postgres(postgres::Transaction::begin(pg)?))
            }
        }
    }

    /// Closes the connection.
    pub(crate) fn close(self) -> Result<(), HubError> {
        match self.backend {
            Backend::Sqlite(conn) => conn.close().map_err(|(_, error)| HubError::from(error)),
            #[cfg(feature = "postgres")]
            Backend::Postgres { .. } => Ok(()),
        }
    }

    /// The SQLite connection itself, for tests that watch what it runs.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        match &self.backend {
            Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            Backend::Postgres { .. } => panic!("this test watches SQLite's statements"),
        }
    }
}

impl Deref for Writer {
    type Target = dyn Store;

    fn deref(&self) -> &(dyn Store + 'static) {
        match &self.backend {
            Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            Backend::Postgres { pg, .. } => pg,
        }
    }
}

/// One open read-write transaction: a [`Store`] until [`Tx::commit`]; dropped without it,
/// everything it wrote is rolled back.
pub(crate) enum Tx<'a> {
    Sqlite(Transaction<'a>),
    #[cfg(feature = "postgres")]
    Postgres(postgres::Transaction<'a>),
}

impl Tx<'_> {
    /// Commits, waking the other nodes listening for `wakes` where the database can
    /// (PostgreSQL; see `wakes`).
    pub(crate) fn commit(self, wakes: &[Wake]) -> Result<(), HubError> {
        match self {
            Tx::Sqlite(tx) => {
                let _ = wakes; // SQLite's nodes poll
                Ok(tx.commit()?)
            }
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => tx.commit(wakes),
        }
    }
}

// `dyn Store + 'a`, not `'static`: a transaction borrows its connection.
impl<'a> Deref for Tx<'a> {
    type Target = dyn Store + 'a;

    fn deref(&self) -> &(dyn Store + 'a) {
        match self {
            Tx::Sqlite(tx) => &**tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => tx.pg(),
        }
    }
}
