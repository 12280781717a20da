
    -- Routing reads what changed, not everything (issue 16). `held`: the conversations an
    -- agent holds against their capacity (offered, active and wrap-up ones they own, an
    -- active conference they joined as guest, a transfer still to wrap up, a conference
    -- invitation), kept by the triggers below in the same transaction as the change, so
    -- every hub on the database sees it. The hub recounts it when it starts.
    ALTER TABLE agents ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
    UPDATE agents SET held =
          (SELECT COUNT(*) FROM conversations c
            WHERE c.agent_id = agents.id AND c.state IN ('offered', 'active', 'wrapUp'))
        + (SELECT COUNT(*) FROM conversations c
            WHERE c.guest_agent_id = agents.id AND c.state = 'active')
        + (SELECT COUNT(*) FROM handoffs h WHERE h.agent_id = agents.id)
        + (SELECT COUNT(*) FROM offers o WHERE o.agent_id = agents.id AND o.kind = 'conference');

    CREATE TRIGGER conversations_held_insert AFTER INSERT ON conversations BEGIN
        UPDATE agents SET held = held + 1
         WHERE id = NEW.agent_id AND NEW.state IN ('offered', 'active', 'wrapUp');
        UPDATE agents SET held = held + 1 WHERE id = NEW.guest_agent_id AND NEW.state = 'active';
    END;
    CREATE TRIGGER conversations_held_update
    AFTER UPDATE OF state, agent_id, guest_agent_id ON conversations BEGIN
        UPDATE agents SET held = held - 1
         WHERE id = OLD.agent_id AND OLD.state IN ('offered', 'active', 'wrapUp');
        UPDATE agents SET held = held - 1 WHERE id = OLD.guest_agent_id AND OLD.state = 'active';
        UPDATE agents SET held = held + 1
         WHERE id = NEW.agent_id AND NEW.state IN ('offered', 'active', 'wrapUp');
        UPDATE agents SET held = held + 1 WHERE id = NEW.guest_agent_id AND NEW.state = 'active';
    END;
    CREATE TRIGGER conversations_held_delete AFTER DELETE ON conversations BEGIN
        UPDATE agents SET held = held - 1
         WHERE id = OLD.agent_id AND OLD.state IN ('offered', 'active', 'wrapUp');
        UPDATE agents SET held = held - 1 WHERE id = OLD.guest_agent_id AND OLD.state = 'active';
    END;
    CREATE TRIGGER handoffs_held_insert AFTER INSERT ON handoffs BEGIN
        UPDATE agents SET held = held + 1 WHERE id = NEW.agent_id;
    END;
    CREATE TRIGGER handoffs_held_update AFTER UPDATE OF agent_id ON handoffs BEGIN
        UPDATE agents SET held = held - 1 WHERE id = OLD.agent_id;
        UPDATE agents SET held = held + 1 WHERE id = NEW.agent_id;
    END;
    CREATE TRIGGER handoffs_held_delete AFTER DELETE ON handoffs BEGIN
        UPDATE agents SET held = held - 1 WHERE id = OLD.agent_id;
    END;
    CREATE TRIGGER offers_held_insert AFTER INSERT ON offers BEGIN
        UPDATE agents SET held = held + 1 WHERE id = NEW.agent_id AND NEW.kind = 'conference';
    END;
    CREATE TRIGGER offers_held_update AFTER UPDATE OF agent_id, kind ON offers BEGIN
        UPDATE agents SET held = held - 1 WHERE id = OLD.agent_id AND OLD.kind = 'conference';
        UPDATE agents SET held = held + 1 WHERE id = NEW.agent_id AND NEW.kind = 'conference';
    END;
    CREATE TRIGGER offers_held_delete AFTER DELETE ON offers BEGIN
        UPDATE agents SET held = held - 1 WHERE id = OLD.agent_id AND OLD.kind = 'conference';
    END;

    -- Who can be offered work: the Available agents with a free slot, without reading the
    -- others. `capacity` is the configuration's, written when the hub starts.
    ALTER TABLE agents ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN free INTEGER GENERATED ALWAYS AS (capacity - held) VIRTUAL;
    CREATE INDEX agents_with_free_slots ON agents (state, free);
    -- A queue's waiting conversations, oldest first, without reading the other queues'.
    CREATE INDEX conversations_by_queue ON conversations (state, queue_id, seq);
    -- The offer clock's look at the Livechat chats waiting longest, without reading all.
    CREATE INDEX conversations_waiting_since ON conversations (channel, state, queued_at);
