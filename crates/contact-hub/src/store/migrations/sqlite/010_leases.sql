
    -- Leases (issue 16): several hub nodes on one database run the offer clock and the
    -- webhook inbox and send outbox workers once. A node does a worker's work only in a
    -- transaction that holds (takes or renews) the worker's lease; a lease its holder stopped
    -- renewing expires, and another node takes it.
    CREATE TABLE leases (
        name        TEXT PRIMARY KEY,
        holder      TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
    );
