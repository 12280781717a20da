//! The SQLite backend's writer: the hub's one read-write connection and its transactions.
//!
//! The hub holds the [`Writer`] under its lock; a transition begins a [`Tx`], works on it as
//! a [`Store`] and commits it (dropped uncommitted, it rolls back). Reads under the lock use
//! the writer itself as a [`Store`], without a transaction.

use std::ops::Deref;
use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::Store;
use crate::error::HubError;

/// The read-write connection, opened and migrated.
pub(crate) struct Writer {
    conn: Connection,
}

impl Writer {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub(crate) fn open(path: &Path) -> Result<Writer, HubError> {
        Ok(Writer { conn: super::open(path)? })
    }

    /// Begins a transaction that takes the write lock at once (`IMMEDIATE`), so it cannot
    /// fail half-way for another writer.
    pub(crate) fn begin(&mut self) -> Result<Tx<'_>, HubError> {
        Ok(Tx { tx: self.conn.transaction_with_behavior(TransactionBehavior::Immediate)? })
    }

    /// Closes the connection.
    pub(crate) fn close(self) -> Result<(), HubError> {
        self.conn.close().map_err(|(_, error)| HubError::from(error))
    }

    /// The SQLite connection itself, for tests that watch what it runs.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Deref for Writer {
    type Target = dyn Store;

    fn deref(&self) -> &(dyn Store + 'static) {
        &self.conn
    }
}

/// One open read-write transaction: a [`Store`] until [`Tx::commit`]; dropped without it,
/// everything it wrote is rolled back.
pub(crate) struct Tx<'a> {
    tx: Transaction<'a>,
}

impl Tx<'_> {
    pub(crate) fn commit(self) -> Result<(), HubError> {
        Ok(self.tx.commit()?)
    }
}

// `dyn Store + 'a`, not `'static`: another backend's transaction borrows its connection.
impl<'a> Deref for Tx<'a> {
    type Target = dyn Store + 'a;

    fn deref(&self) -> &(dyn Store + 'a) {
        &*self.tx
    }
}
