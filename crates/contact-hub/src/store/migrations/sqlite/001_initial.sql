
    -- Agents' runtime state. `idle_since` is when their last conversation closed, or when
    -- they first became Available; routing prefers the smallest.
    CREATE TABLE agents (
        id          TEXT PRIMARY KEY,
        state       TEXT NOT NULL,     -- JSON hub_protocol::AgentState
        since       INTEGER NOT NULL,
        idle_since  INTEGER
    );

    -- Bearer tokens are stored as SHA-256: the database alone does not let anyone sign in.
    CREATE TABLE sessions (
        token_hash  TEXT PRIMARY KEY,
        agent_id    TEXT NOT NULL,
        created_at  INTEGER NOT NULL
    );

    CREATE TABLE conversations (
        seq                  INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order
        id                   TEXT NOT NULL UNIQUE,
        channel              TEXT NOT NULL,
        queue_id             TEXT NOT NULL,
        customer             TEXT NOT NULL,                      -- JSON hub_protocol::Customer
        customer_token_hash  TEXT NOT NULL,
        state                TEXT NOT NULL,
        agent_id             TEXT,
        created_at           INTEGER NOT NULL,
        ended_at             INTEGER,
        closed_at            INTEGER
    );
    CREATE INDEX conversations_by_state ON conversations (state, seq);
    CREATE INDEX conversations_by_agent ON conversations (agent_id, state);

    CREATE TABLE messages (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        conversation_id  TEXT NOT NULL REFERENCES conversations (id),
        client_id        TEXT,
        author           TEXT NOT NULL,                          -- JSON hub_protocol::Author
        text             TEXT NOT NULL,
        system           TEXT,                                   -- JSON hub_protocol::SystemEvent
        sent_at          INTEGER NOT NULL,
        -- A retry with the same client id is the same message (NULLs, i.e. system lines,
        -- never collide).
        UNIQUE (conversation_id, client_id)
    );

    -- Open offers: at most one per conversation.
    CREATE TABLE offers (
        conversation_id  TEXT PRIMARY KEY REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        offered_at       INTEGER NOT NULL,
        expires_at       INTEGER NOT NULL
    );
    CREATE INDEX offers_by_expiry ON offers (expires_at);

    -- Agents who rejected or missed a conversation are not offered it again.
    CREATE TABLE declines (
        conversation_id  TEXT NOT NULL REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        reason           TEXT NOT NULL,
        at               INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, agent_id)
    );

    CREATE TABLE wrapups (
        conversation_id  TEXT PRIMARY KEY REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        reason_id        TEXT NOT NULL,
        at               INTEGER NOT NULL
    );

    -- Every event sent to an agent or a customer. AUTOINCREMENT: ids only grow, even across
    -- deletes and restarts, which is what Last-Event-ID resumption relies on.
    CREATE TABLE events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        audience   TEXT NOT NULL,      -- 'agent' or 'customer'
        recipient  TEXT NOT NULL,      -- agent id, or conversation id for customers
        at         INTEGER NOT NULL,
        body       TEXT NOT NULL       -- JSON AgentEventBody or CustomerEventBody
    );
    CREATE INDEX events_by_recipient ON events (audience, recipient, id);
