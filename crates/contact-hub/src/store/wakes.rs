//! Waking the other hub nodes when a commit gives them something to do.
//!
//! Nodes sharing a database learn of each other's transitions from the database: each
//! node's event relay reads the events table, and the workers (offer clock, webhook inbox,
//! send outbox) read their tables, on a timer. On PostgreSQL a commit can also say what it
//! changed (`NOTIFY`, sent in the same round trip as the `COMMIT` and delivered only if it
//! commits), and each node listens (`LISTEN`), so the relay publishes another node's events
//! at once and the node holding a worker's lease wakes when another node made an offer,
//! stored a webhook or queued a reply. The timers stay as the fallback (a wake-up carries
//! nothing but its kind, and a missed one only delays). SQLite has no such signal: its
//! nodes poll.

/// What a commit changed that another node may act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wake {
    /// New events: every node's relay publishes them to its streams.
    Events,
    /// An offer was made or taken away: the offer clock's deadlines changed.
    Offers,
    /// A webhook body waits in the inbox.
    Inbox,
    /// A reply waits in the send outbox.
    Outbox,
}

// Names are what PostgreSQL's NOTIFY carries; a build without it (the desk's) has no use
// for them.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
impl Wake {
    pub(crate) const ALL: [Wake; 4] = [Wake::Events, Wake::Offers, Wake::Inbox, Wake::Outbox];

    /// Its name on the wire (a `NOTIFY` payload).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Wake::Events => "events",
            Wake::Offers => "offers",
            Wake::Inbox => "inbox",
            Wake::Outbox => "outbox",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Wake> {
        Wake::ALL.into_iter().find(|wake| wake.name() == name)
    }
}

/// Listening for the other nodes' wake-ups; stops when dropped.
pub(crate) struct Listener {
    #[cfg(feature = "postgres")]
    _postgres: super::postgres::Listener,
}

/// Starts listening to the other nodes' commits on `database`, calling `on_wake` for each
/// (and for every kind after the listening connection was lost and made again, since
/// wake-ups may have been missed meanwhile); `None` on SQLite, which cannot.
pub(crate) fn listen(
    database: &super::Database,
    on_wake: impl Fn(Wake) + Send + Sync + 'static,
) -> Option<Listener> {
    match database {
        super::Database::Sqlite(_) => {
            drop(on_wake);
            None
        }
        #[cfg(feature = "postgres")]
        super::Database::Postgres(url) => {
            Some(Listener { _postgres: super::postgres::listen(url, on_wake) })
        }
        #[cfg(not(feature = "postgres"))]
        super::Database::Postgres(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wake_is_read_back_from_its_name() {
        for wake in Wake::ALL {
            assert_eq!(Wake::from_name(wake.name()), Some(wake));
        }
        assert_eq!(Wake::from_name("nothing"), None);
    }
}
