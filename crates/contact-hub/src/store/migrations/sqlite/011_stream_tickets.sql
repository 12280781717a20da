
    -- The widget's stream tickets (finding L1), in the database so that a ticket issued by
    -- one hub node opens the stream on another (issue 16). Only each ticket's SHA-256.
    CREATE TABLE stream_tickets (
        ticket_hash      TEXT PRIMARY KEY,
        conversation_id  TEXT NOT NULL,
        expires_at       INTEGER NOT NULL
    );
    CREATE INDEX stream_tickets_by_expiry ON stream_tickets (expires_at);
