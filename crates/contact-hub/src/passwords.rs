//! Password checks on a few threads of the hub's own, each hashing into memory it keeps.
//!
//! An argon2 check with the default cost fills 19 MiB. Run on tokio's blocking pool, every
//! check allocated its 19 MiB on whichever of up to 512 blocking threads took it, and glibc
//! kept each thread's arena: 500 agents signing in at once left the hub with about 1 GB
//! resident that it never gave back (issue 16). Here the checks run on exactly
//! `[limits] password_checks_at_once` threads, started with the hub; each grows one buffer to
//! the largest cost it has seen and hashes into it from then on
//! ([`crate::secret::verify_password_in`]). So what password checks cost in memory is bounded
//! by threads × 19 MiB, however many agents sign in.
//!
//! The buffers are kept, not freed when the hub is idle: glibc serves a block this size from
//! a thread's own mapping only the first time; freed, it raises its mapping threshold, and
//! the next one comes from the thread's arena and stays resident after it is freed (measured:
//! 19 MiB resident after the second free, 38 MiB after a third allocation). Handing it back
//! would take `malloc_trim`, which is unsafe code, forbidden in this workspace.
//!
//! Admission stays [`crate::limits::Limits::password_check`]'s semaphore, with as many
//! permits as there are threads: a sign-in waits (for at most `password_check_wait_secs`) for
//! a permit, then its check is queued with the permit and a thread takes it at once. The
//! thread gives the permit back when the check is done. [`PasswordChecks::stats`] counts
//! what ran, so a test can see that no more ran at once than configured.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use tokio::sync::{oneshot, OwnedSemaphorePermit};

use crate::error::HubError;
use crate::secret;

/// The hub's password-check threads.
pub(crate) struct PasswordChecks {
    shared: Arc<Shared>,
}

/// What the password-check threads did so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordCheckStats {
    /// The threads checking passwords (`[limits] password_checks_at_once`).
    pub threads: usize,
    /// Checks finished.
    pub checks: u64,
    /// The most checks that ran at the same moment.
    pub most_at_once: usize,
    /// How many times a thread had to allocate (or grow) its argon2 memory: at most once per
    /// thread while every hash has the same cost.
    pub memory_allocations: u64,
}

struct Job {
    password: String,
    phc: String,
    /// Held until the check is done: the permit is the sign-in's turn.
    permit: OwnedSemaphorePermit,
    answer: oneshot::Sender<bool>,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
    threads: usize,
    running: AtomicUsize,
    most_at_once: AtomicUsize,
    checks: AtomicU64,
    memory_allocations: AtomicU64,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

impl PasswordChecks {
    /// Starts `threads` (at least one) password-check threads.
    pub(crate) fn start(threads: usize) -> Result<Self, HubError> {
        let threads = threads.max(1);
        let shared = Arc::new(Shared {
            queue: Mutex::default(),
            ready: Condvar::new(),
            threads,
            running: AtomicUsize::new(0),
            most_at_once: AtomicUsize::new(0),
            checks: AtomicU64::new(0),
            memory_allocations: AtomicU64::new(0),
        });
        for n in 0..threads {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || shared.work())
                .map_err(HubError::Io)?;
        }
        Ok(Self { shared })
    }

    /// Whether `password` matches the PHC string `phc`, checked on one of the threads. The
    /// caller holds `permit` (from [`crate::limits::Limits::password_check`]).
    pub(crate) async fn verify(
        &self,
        password: String,
        phc: String,
        permit: OwnedSemaphorePermit,
    ) -> Result<bool, HubError> {
        let (answer, answered) = oneshot::channel();
        {
            let mut queue = self.shared.lock();
            if queue.closed {
                return Err(HubError::ShuttingDown);
            }
            queue.jobs.push_back(Job { password, phc, permit, answer });
        }
        self.shared.ready.notify_one();
        answered.await.map_err(|_| HubError::Internal("a password check thread stopped".into()))
    }

    pub(crate) fn stats(&self) -> PasswordCheckStats {
        let shared = &self.shared;
        PasswordCheckStats {
            threads: shared.threads,
            checks: shared.checks.load(Ordering::SeqCst),
            most_at_once: shared.most_at_once.load(Ordering::SeqCst),
            memory_allocations: shared.memory_allocations.load(Ordering::SeqCst),
        }
    }
}

impl Drop for PasswordChecks {
    /// The threads finish what is queued, then end (and free their memory).
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.ready.notify_all();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// One thread: takes the next check, runs it in its own memory, answers, until closed.
    fn work(&self) {
        let mut memory = Vec::new();
        loop {
            let job = {
                let mut queue = self.lock();
                loop {
                    if let Some(job) = queue.jobs.pop_front() {
                        break job;
                    }
                    if queue.closed {
                        return;
                    }
                    queue = self.ready.wait(queue).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
            };
            let running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.most_at_once.fetch_max(running, Ordering::SeqCst);
            let capacity = memory.capacity();
            let matches = secret::verify_password_in(&job.password, &job.phc, &mut memory);
            if memory.capacity() != capacity {
                self.memory_allocations.fetch_add(1, Ordering::SeqCst);
            }
            self.checks.fetch_add(1, Ordering::SeqCst);
            self.running.fetch_sub(1, Ordering::SeqCst);
            let Job { permit, answer, .. } = job;
            drop(permit);
            // The sign-in may have gone (its client hung up): nobody to tell.
            let _ = answer.send(matches);
        }
    }
}
