
    -- Transfer and conference. Each agent who held a conversation wraps it up: a transferred
    -- chat has one wrap-up per agent, so the key becomes (conversation, agent).
    CREATE TABLE wrapups_per_agent (
        conversation_id  TEXT NOT NULL REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        reason_id        TEXT NOT NULL,
        at               INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, agent_id)
    );
    INSERT INTO wrapups_per_agent SELECT conversation_id, agent_id, reason_id, at FROM wrapups;
    DROP TABLE wrapups;
    ALTER TABLE wrapups_per_agent RENAME TO wrapups;

    -- Why an offer was made ('contact', 'transfer', 'conference') and which colleague made it.
    -- A conference invitation is an offer on an active conversation, to the guest.
    ALTER TABLE offers ADD COLUMN kind TEXT NOT NULL DEFAULT 'contact';
    ALTER TABLE offers ADD COLUMN from_agent_id TEXT;

    -- Agents who transferred a conversation away and still owe its wrap-up.
    CREATE TABLE handoffs (
        conversation_id  TEXT NOT NULL REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        at               INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, agent_id)
    );

    -- The conference guest who joined, and since when; the interruption (JSON
    -- hub_protocol::Interruption) when an admin deleted the conversation's queue.
    ALTER TABLE conversations ADD COLUMN guest_agent_id TEXT;
    ALTER TABLE conversations ADD COLUMN guest_since INTEGER;
    ALTER TABLE conversations ADD COLUMN interruption TEXT;

    -- Queues an admin deleted: they take no new conversation and are not listed.
    CREATE TABLE deleted_queues (
        queue_id  TEXT PRIMARY KEY,
        at        INTEGER NOT NULL
    );
