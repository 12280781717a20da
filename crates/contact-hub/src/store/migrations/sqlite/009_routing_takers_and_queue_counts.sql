
    -- A routing pass reads the first agents who can take a queue's chat, in the order of
    -- the queue's rule, and stops (issue 16): with 10,000 Available agents it read them all.
    -- `position`: the agent's place in the configuration (the tie-break); `agent_queues`:
    -- the queues each is assigned. Both are the configuration's, written when the hub opens.
    -- The literal state matches `store::routing::AVAILABLE_STATE`.
    ALTER TABLE agents ADD COLUMN position INTEGER;
    CREATE TABLE agent_queues (
        agent_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        PRIMARY KEY (agent_id, queue_id)
    ) WITHOUT ROWID;
    CREATE INDEX agents_longest_idle
        ON agents (coalesce(idle_since, 9223372036854775807), position)
        WHERE state = '{"kind":"available"}' AND free > 0;
    CREATE INDEX agents_least_busy
        ON agents (held, coalesce(idle_since, 9223372036854775807), position)
        WHERE state = '{"kind":"available"}' AND free > 0;
    DROP INDEX agents_with_free_slots;

    -- How many chats wait in each queue (queued or offered), for the admission limit,
    -- kept by the triggers below in the same transaction as the change: counting them cost
    -- an arrival as much as the queue was long.
    CREATE TABLE queue_waiting (
        queue_id TEXT PRIMARY KEY,
        waiting INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO queue_waiting (queue_id, waiting)
        SELECT queue_id, COUNT(*) FROM conversations
         WHERE state IN ('queued', 'offered') GROUP BY queue_id;
    CREATE TRIGGER conversations_waiting_insert AFTER INSERT ON conversations
    WHEN NEW.state IN ('queued', 'offered') BEGIN
        INSERT INTO queue_waiting (queue_id, waiting) VALUES (NEW.queue_id, 1)
            ON CONFLICT (queue_id) DO UPDATE SET waiting = waiting + 1;
    END;
    CREATE TRIGGER conversations_waiting_leave AFTER UPDATE OF state, queue_id ON conversations
    WHEN OLD.state IN ('queued', 'offered') BEGIN
        UPDATE queue_waiting SET waiting = waiting - 1 WHERE queue_id = OLD.queue_id;
    END;
    CREATE TRIGGER conversations_waiting_enter AFTER UPDATE OF state, queue_id ON conversations
    WHEN NEW.state IN ('queued', 'offered') BEGIN
        INSERT INTO queue_waiting (queue_id, waiting) VALUES (NEW.queue_id, 1)
            ON CONFLICT (queue_id) DO UPDATE SET waiting = waiting + 1;
    END;
    CREATE TRIGGER conversations_waiting_delete AFTER DELETE ON conversations
    WHEN OLD.state IN ('queued', 'offered') BEGIN
        UPDATE queue_waiting SET waiting = waiting - 1 WHERE queue_id = OLD.queue_id;
    END;
