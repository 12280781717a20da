
    -- "My assigned queues": the assigned queues an agent turned off for themselves (where the
    -- admin lets agents choose). A queue newly assigned in the configuration is on.
    CREATE TABLE disabled_agent_queues (
        agent_id  TEXT NOT NULL,
        queue_id  TEXT NOT NULL,
        PRIMARY KEY (agent_id, queue_id)
    );

    -- A queue may let wrap-up go without a disposition: the reason becomes optional.
    CREATE TABLE wrapups_optional_reason (
        conversation_id  TEXT NOT NULL REFERENCES conversations (id),
        agent_id         TEXT NOT NULL,
        reason_id        TEXT,
        at               INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, agent_id)
    );
    INSERT INTO wrapups_optional_reason SELECT conversation_id, agent_id, reason_id, at FROM wrapups;
    DROP TABLE wrapups;
    ALTER TABLE wrapups_optional_reason RENAME TO wrapups;
