
    -- Customer records, shared by the team. The *_key columns are what matching compares:
    -- email and account trimmed and lowercased, the phone number in E.164.
    CREATE TABLE customers (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        name         TEXT NOT NULL,
        email        TEXT,
        phone        TEXT,
        account      TEXT,
        notes        TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        email_key    TEXT,
        phone_e164   TEXT,
        account_key  TEXT
    );
    CREATE INDEX customers_by_email ON customers (email_key);
    CREATE INDEX customers_by_phone ON customers (phone_e164);
    CREATE INDEX customers_by_account ON customers (account_key);
    CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);

    -- Cases: the chat log of one conversation, created when it ends. `seq` is the case
    -- number (`CS-000042`), sequential per hub. The transcript is read from `messages`.
    CREATE TABLE cases (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        conversation_id  TEXT NOT NULL UNIQUE REFERENCES conversations (id),
        customer_id      TEXT REFERENCES customers (id),
        status           TEXT NOT NULL,     -- 'draft' or 'saved'
        subject          TEXT NOT NULL,
        notes            TEXT NOT NULL,
        agent_id         TEXT NOT NULL,
        disposition      TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
    );
    CREATE INDEX cases_by_customer ON cases (customer_id, status, seq);
    CREATE INDEX cases_by_agent ON cases (agent_id, status, seq);

    -- The record a conversation is attached to: matched at arrival (by case number,
    -- account, email or phone) or saved by the agent; the case the customer referred to.
    ALTER TABLE conversations ADD COLUMN customer_id TEXT REFERENCES customers (id);
    ALTER TABLE conversations ADD COLUMN matched_by TEXT;
    ALTER TABLE conversations ADD COLUMN matched_case_id TEXT;
