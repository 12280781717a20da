
    -- Channel assets an admin took out of service: a WhatsApp business number
    -- (`phone_number_id`), a Facebook page (its id) or a Livechat entry point (the queue the
    -- chat window starts chats in). They start no new conversation.
    CREATE TABLE retired_assets (
        channel   TEXT NOT NULL,
        asset_id  TEXT NOT NULL,
        at        INTEGER NOT NULL,
        PRIMARY KEY (channel, asset_id)
    );
