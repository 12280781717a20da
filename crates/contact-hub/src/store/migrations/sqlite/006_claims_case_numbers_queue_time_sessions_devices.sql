
    -- A record matched only by what the customer typed is a claim until an agent confirms it.
    ALTER TABLE conversations ADD COLUMN matched_claimed INTEGER NOT NULL DEFAULT 0;

    -- Case numbers are random (`CS-7KQ3-MX9D`), so one cannot be guessed from another; the
    -- sequential ones already given to customers (`CS-000042`) stay as they were.
    ALTER TABLE cases ADD COLUMN number TEXT;
    UPDATE cases SET number = printf('CS-%06d', seq);
    CREATE UNIQUE INDEX cases_by_number ON cases (number);

    -- When a conversation last entered a queue (its arrival, or a transfer back to a queue):
    -- a Livechat chat left waiting longer than `[limits] waiting_chat_expiry_secs` ends.
    ALTER TABLE conversations ADD COLUMN queued_at INTEGER;
    UPDATE conversations SET queued_at = created_at;

    -- Sessions end (finding M1): after a lifetime, after idling, and when the agent's
    -- password changes (`password_tag` is a digest of the password hash they signed in
    -- under; sessions from before this migration have none, so they end).
    ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN password_tag TEXT;

    -- "Remember me" (finding L6): a device signs in again with a token of its own, stored
    -- as SHA-256 like sessions, which a new password (password_tag) or the agent revokes.
    CREATE TABLE devices (
        token_hash    TEXT PRIMARY KEY,
        agent_id      TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        password_tag  TEXT NOT NULL
    );
