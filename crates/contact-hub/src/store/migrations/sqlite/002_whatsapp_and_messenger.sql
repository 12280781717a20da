
    -- WhatsApp and Messenger. `account` is the business number or page (JSON
    -- hub_protocol::ChannelAccount); `platform_customer` the customer's wa_id or PSID, where
    -- replies go; `last_customer_message_at` opens the reply window.
    ALTER TABLE conversations ADD COLUMN account TEXT;
    ALTER TABLE conversations ADD COLUMN platform_customer TEXT;
    ALTER TABLE conversations ADD COLUMN last_customer_message_at INTEGER;
    CREATE INDEX conversations_by_platform_customer
        ON conversations (channel, platform_customer, seq);

    -- The platform's id of a message (wamid, mid): inbound ones are deduplicated by it,
    -- outbound ones matched to their receipts. NULLs (Livechat) never collide.
    ALTER TABLE messages ADD COLUMN platform_id TEXT;
    ALTER TABLE messages ADD COLUMN delivery TEXT;      -- JSON hub_protocol::Delivery
    CREATE UNIQUE INDEX messages_by_platform_id ON messages (platform_id);

    -- Webhook bodies whose signature checked out, not yet applied. The platform gets its 200
    -- once a body is here; the inbox worker applies them in arrival order, after a restart
    -- too.
    CREATE TABLE webhook_inbox (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        channel      TEXT NOT NULL,
        body         BLOB NOT NULL,
        received_at  INTEGER NOT NULL
    );

    -- Agent messages waiting for the platform's send API, in order.
    CREATE TABLE outbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id  TEXT NOT NULL UNIQUE REFERENCES messages (id)
    );

    -- Receipts that overtook the send API's answer: applied when the platform id is known.
    CREATE TABLE early_receipts (
        platform_id  TEXT PRIMARY KEY,
        delivery     TEXT NOT NULL   -- JSON hub_protocol::Delivery
    );
