//! Reads outside the hub's lock: a few read-only connections to the same SQLite file.
//!
//! The database is in WAL mode, so readers run beside its one writer: a read transaction sees
//! every commit before its first read and none after. Event feeds read their backlog here (the
//! snapshot and cursor of a new agent stream, a resume's pages, a lagging stream's re-read),
//! on tokio's blocking pool, so they neither wait for the hub's lock nor hold it, nor block an
//! async worker (issue 16: with 2,000 agents, lagging streams re-read the store half a million
//! times a minute, each under the lock).
//!
//! Feeds see what they read in id order, and the hub publishes after it commits: a feed
//! subscribes to its channel first, then reads, so an event is in what it reads or comes
//! live after (or both, and the cursor drops the copy). At most [`READERS`] reads run at once,
//! each on a connection of its own, kept for the next.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};
use tokio::sync::Semaphore;

use super::Store;
use crate::error::HubError;

/// Reads running at once (and connections kept open for them).
const READERS: usize = 4;

pub(crate) struct Readers {
    path: PathBuf,
    /// Idle connections; `None` once the hub closed its database.
    idle: Mutex<Option<Vec<Connection>>>,
    turns: Semaphore,
}

impl Readers {
    /// Readers of the database at `path` (which the hub opened, migrated and put in WAL
    /// mode); connections are opened when first needed.
    pub(crate) fn new(path: &Path) -> Arc<Self> {
        Arc::new(Self {
            path: path.to_owned(),
            idle: Mutex::new(Some(Vec::new())),
            turns: Semaphore::new(READERS),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Option<Vec<Connection>>> {
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
        let conn = match kept {
            Some(conn) => conn,
            None => open(&self.path)?,
        };
        let result = (|| {
            // One transaction: every statement of `read` sees the same commits.
            let tx = conn.unchecked_transaction()?;
            let value = read(&*tx)?;
            tx.finish()?;
            Ok(value)
        })();
        if let Some(idle) = self.lock().as_mut() {
            idle.push(conn);
        }
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
