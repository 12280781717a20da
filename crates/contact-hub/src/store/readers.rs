//! Reads outside the hub's lock: a few read-only connections to the same database.
//!
//! SQLite's database is in WAL mode, so readers run beside its one writer: a read transaction
//! sees every commit before its first read and none after; PostgreSQL's `REPEATABLE READ,
//! READ ONLY` transactions do the same. Event feeds read their backlog here (the
//! snapshot and cursor of a new agent stream, a resume's pages, a lagging stream's re-read),
//! on tokio's blocking pool, so they neither wait for the hub's lock nor hold it, nor block an
//! async worker (issue 16: with 2,000 agents, lagging streams re-read the store half a million
//! times a minute, each under the lock).
//!
//! Feeds see what they read in id order, and the hub publishes after it commits: a feed
//! subscribes to its channel first, then reads, so an event is in what it reads or comes
//! live after (or both, and the cursor drops the copy). At most [`READERS`] reads run at once,
//! each on a connection of its own, kept for the next.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};
use tokio::sync::Semaphore;

#[cfg(feature = "postgres")]
use super::postgres::Pg;
use super::{Database, Store};
use crate::error::HubError;

/// Reads running at once (and connections kept open for them).
const READERS: usize = 4;

/// The hub's own reads running at once on PostgreSQL ([`Readers::read_here`]), besides.
const PLAIN_READERS: usize = 4;

pub(crate) struct Readers {
    database: Database,
    /// Idle connections; `None` once the hub closed its database.
    idle: Mutex<Option<Vec<Reader>>>,
    turns: Semaphore,
    /// How many [`Readers::read_here`] run now (at most [`PLAIN_READERS`]), and its wake-up.
    plain: (Mutex<usize>, std::sync::Condvar),
}

/// One reader connection.
enum Reader {
    Sqlite(Connection),
    #[cfg(feature = "postgres")]
    Postgres(Pg),
}

impl Reader {
    fn open(database: &Database) -> Result<Reader, HubError> {
        match database {
            Database::Sqlite(path) => Ok(Reader::Sqlite(open(path)?)),
            #[cfg(feature = "postgres")]
            Database::Postgres(url) => Ok(Reader::Postgres(Pg::connect(url)?)),
            #[cfg(not(feature = "postgres"))]
            Database::Postgres(_) => Err(super::no_postgres()),
        }
    }

    /// Runs `read` in one read transaction (every statement sees the same commits).
    fn read<T>(&self, read: impl FnOnce(&dyn Store) -> Result<T, HubError>) -> Result<T, HubError> {
        match self {
            Reader::Sqlite(conn) => {
                let tx = conn.unchecked_transaction()?;
                let value = read(&*tx)?;
                tx.finish()?;
                Ok(value)
            }
            #[cfg(feature = "postgres")]
            Reader::Postgres(pg) => {
                pg.batch("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
                let value = read(pg);
                pg.batch(if value.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
                value
            }
        }
    }

    /// Whether the connection can be kept for the next read.
    fn reusable(&self) -> bool {
        match self {
            Reader::Sqlite(_) => true,
            #[cfg(feature = "postgres")]
            Reader::Postgres(pg) => !pg.is_closed(),
        }
    }
}

impl Readers {
    /// Readers of `database` (which the hub opened and migrated, and put in WAL mode when
    /// it is SQLite); connections are opened when first needed.
    pub(crate) fn new(database: &Database) -> Arc<Self> {
        Arc::new(Self {
            database: database.clone(),
            idle: Mutex::new(Some(Vec::new())),
            turns: Semaphore::new(READERS),
            plain: (Mutex::new(0), std::sync::Condvar::new()),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Option<Vec<Reader>>> {
        self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `read` in one read transaction on a reader connection, on the blocking pool.
    pub(crate) async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        read: impl FnOnce(&dyn Store) -> Result<T, HubError> + Send + 'static,
    ) -> Result<T, HubError> {
        let _turn = self.turns.acquire().await.map_err(|_| HubError::ShuttingDown)?;
        let readers = self.clone();
        tokio::task::spawn_blocking(move || readers.read_now(read))
            .await
            .map_err(|e| HubError::Internal(format!("a read failed: {e}")))?
    }

    fn read_now<T>(
        &self,
        read: impl FnOnce(&dyn Store) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        let kept = self.lock().as_mut().ok_or(HubError::ShuttingDown)?.pop();
        let reader = match kept {
            Some(reader) => reader,
            None => Reader::open(&self.database)?,
        };
        let result = reader.read(read);
        if reader.reusable() {
            if let Some(idle) = self.lock().as_mut() {
                idle.push(reader);
            }
        }
        result
    }

    /// Whether the hub's reads under its lock should come here instead ([`Self::read_here`]):
    /// on PostgreSQL, where they would otherwise queue for the lock and the writer's
    /// connection behind transitions, each waiting on the network; not on SQLite, where the
    /// writer answers them in-process in microseconds.
    pub(crate) fn take_plain_reads(&self) -> bool {
        matches!(self.database, Database::Postgres(_))
    }

    /// Runs `read` on this thread (which it blocks: the caller has left the async workers)
    /// in one read transaction on a reader connection.
    pub(crate) fn read_here<T>(
        &self,
        read: impl FnOnce(&dyn Store) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        let (running, turn_over) = &self.plain;
        {
            let mut running = running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            while *running >= PLAIN_READERS {
                running = turn_over.wait(running).unwrap_or_else(|poisoned| poisoned.into_inner());
            }
            *running += 1;
        }
        let result = self.read_now(read);
        *running.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) -= 1;
        turn_over.notify_one();
        result
    }

    /// Closes the idle connections; reads from now on fail as shutting down, and the ones
    /// running close theirs when done.
    pub(crate) fn close(&self) {
        let idle = self.lock().take();
        drop(idle);
    }
}

fn open(path: &Path) -> Result<Connection, HubError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // Reads only: a mistake here cannot write.
    conn.pragma_update(None, "query_only", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}
