//! SQLite persistence: the hub's state lives here, not in memory.
//!
//! The hub keeps no copy of agents, conversations or offers in memory: each transition reads
//! what it needs from the database and writes its result inside one SQLite transaction, so
//! a crash or a restart cannot leave memory and disk disagreeing, and everything (sessions,
//! conversations, offers with their deadlines, event ids) survives a restart as it was.
//!
//! The functions here are plain SQL on a borrowed connection (a `Transaction` derefs to one);
//! they know nothing of the rules, which live in `hub`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use hub_protocol::{
    AgentState, Author, CaseStatus, Channel, ChannelAccount, ConversationState, Customer,
    CustomerRecord, Delivery, Interruption, Message, Millis, RecordLink, SystemEvent,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::HubError;

mod routing;
pub(crate) use routing::*;

/// The SQLite schema's migrations; `PRAGMA user_version` records how many have run. Append,
/// never edit: each file is the SQL byte for byte as databases ran it (indentation included,
/// since SQLite keeps a `CREATE` statement's text in `sqlite_master`), which
/// `tests::migrations_are_never_edited` checks. Another backend's set would sit beside
/// `migrations/sqlite/`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/001_initial.sql"),
    include_str!("migrations/sqlite/002_whatsapp_and_messenger.sql"),
    include_str!("migrations/sqlite/003_transfer_and_conference.sql"),
    include_str!("migrations/sqlite/004_agent_queues_and_optional_wrapup_reason.sql"),
    include_str!("migrations/sqlite/005_customer_records_and_cases.sql"),
    include_str!("migrations/sqlite/006_claims_case_numbers_queue_time_sessions_devices.sql"),
    include_str!("migrations/sqlite/007_retired_assets.sql"),
    include_str!("migrations/sqlite/008_routing_reads.sql"),
];

/// Opens (creating if needed) the database and brings its schema up to date.
pub(crate) fn open(path: &Path) -> Result<Connection, HubError> {
    create_private(path)?;
    let mut conn = Connection::open(path)?;
    // WAL: readers (a backup, `sqlite3` for support) never block the hub's writes.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Creates the database file readable by its owner only (finding M7); SQLite gives its
/// `-wal` and `-shm` files the same permissions. An existing file is left as it is.
fn create_private(path: &Path) -> Result<(), HubError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(HubError::Io(error)),
    }
}

fn migrate(conn: &mut Connection) -> Result<(), HubError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(HubError::SchemaTooNew { found, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

// ---------------------------------------------------------------- agents and sessions

/// An agent's stored runtime state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AgentRow {
    pub state: AgentState,
    pub since: Millis,
    /// When the agent's wait began: their last offer, their last conversation closed, or
    /// their first Available (routing's "waited longest" prefers the smallest).
    pub idle_since: Option<Millis>,
}

/// Makes sure every configured agent has a row (a new agent starts logged out).
pub(crate) fn ensure_agents<'a>(
    conn: &Connection,
    ids: impl Iterator<Item = &'a str>,
    now: Millis,
) -> Result<(), HubError> {
    let logged_out = serde_json::to_string(&AgentState::LoggedOut)?;
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO agents (id, state, since, idle_since) VALUES (?1, ?2, ?3, NULL)",
    )?;
    for id in ids {
        insert.execute(params![id, logged_out, now])?;
    }
    Ok(())
}

pub(crate) fn agent(conn: &Connection, id: &str) -> Result<AgentRow, HubError> {
    let row = conn
        .query_row("SELECT state, since, idle_since FROM agents WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| HubError::not_found("agent", id))?;
    Ok(AgentRow { state: serde_json::from_str(&row.0)?, since: row.1, idle_since: row.2 })
}

pub(crate) fn set_agent_state(
    conn: &Connection,
    id: &str,
    state: &AgentState,
    since: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE agents SET state = ?2, since = ?3 WHERE id = ?1",
        params![id, serde_json::to_string(state)?, since],
    )?;
    Ok(())
}

pub(crate) fn set_idle_since(conn: &Connection, id: &str, at: Millis) -> Result<(), HubError> {
    conn.execute("UPDATE agents SET idle_since = ?2 WHERE id = ?1", params![id, at])?;
    Ok(())
}

pub(crate) fn insert_session(
    conn: &Connection,
    token_hash: &str,
    agent_id: &str,
    now: Millis,
    password_tag: &str,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO sessions (token_hash, agent_id, created_at, last_used_at, password_tag)
         VALUES (?1, ?2, ?3, ?3, ?4)",
        params![token_hash, agent_id, now, password_tag],
    )?;
    Ok(())
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionRow {
    pub agent_id: String,
    pub created_at: Millis,
    pub last_used_at: Millis,
    pub password_tag: Option<String>,
}

pub(crate) fn session(conn: &Connection, token_hash: &str) -> Result<Option<SessionRow>, HubError> {
    Ok(conn
        .query_row(
            "SELECT agent_id, created_at, last_used_at, password_tag FROM sessions
             WHERE token_hash = ?1",
            [token_hash],
            |r| {
                Ok(SessionRow {
                    agent_id: r.get(0)?,
                    created_at: r.get(1)?,
                    last_used_at: r.get(2)?,
                    password_tag: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert_device(
    conn: &Connection,
    token_hash: &str,
    agent_id: &str,
    now: Millis,
    password_tag: &str,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO devices (token_hash, agent_id, created_at, password_tag) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, agent_id, now, password_tag],
    )?;
    Ok(())
}

/// The agent and password tag of a device token.
pub(crate) fn device(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(String, String)>, HubError> {
    Ok(conn
        .query_row(
            "SELECT agent_id, password_tag FROM devices WHERE token_hash = ?1",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub(crate) fn delete_devices_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<usize, HubError> {
    Ok(conn.execute("DELETE FROM devices WHERE agent_id = ?1", [agent_id])?)
}

pub(crate) fn touch_session(
    conn: &Connection,
    token_hash: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now],
    )?;
    Ok(())
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

// ---------------------------------------------------------------- conversations

/// A stored conversation header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConversationRow {
    pub id: String,
    pub channel: Channel,
    pub queue_id: String,
    pub customer: Customer,
    pub customer_token_hash: String,
    pub state: ConversationState,
    pub agent_id: Option<String>,
    pub created_at: Millis,
    /// When it went to wrap-up (or closed without an agent).
    pub ended_at: Option<Millis>,
    /// WhatsApp and Messenger: the business number or page, and the customer's address there.
    pub platform: Option<PlatformParty>,
    pub last_customer_message_at: Option<Millis>,
    /// The conference guest who joined, and when.
    pub guest: Option<(String, Millis)>,
    pub interruption: Option<Interruption>,
    /// The customer record it is attached to.
    pub record: Option<RecordLink>,
}

impl ConversationRow {
    /// The agents on it: the owner, and the conference guest who joined.
    pub fn agents(&self) -> impl Iterator<Item = &String> {
        self.agent_id.iter().chain(self.guest.as_ref().map(|(guest, _)| guest))
    }
}

/// Who a platform conversation is between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlatformParty {
    pub account: ChannelAccount,
    /// wa_id or PSID.
    pub customer: String,
}

const CONVERSATION_COLUMNS: &str = "id, channel, queue_id, customer, customer_token_hash, state, \
     agent_id, created_at, account, platform_customer, last_customer_message_at, guest_agent_id, \
     guest_since, interruption, ended_at, customer_id, matched_by, matched_case_id, \
     matched_claimed";

fn conversation_from_row(r: &Row) -> rusqlite::Result<ConversationRow> {
    Ok(ConversationRow {
        id: r.get(0)?,
        channel: from_text(r, 1)?,
        queue_id: r.get(2)?,
        customer: from_json(r, 3)?,
        customer_token_hash: r.get(4)?,
        state: from_text(r, 5)?,
        agent_id: r.get(6)?,
        created_at: r.get(7)?,
        platform: match (r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?) {
            (Some(account), Some(customer)) => {
                Some(PlatformParty { account: parse_json(&account, 8)?, customer })
            }
            _ => None,
        },
        last_customer_message_at: r.get(10)?,
        guest: match (r.get::<_, Option<String>>(11)?, r.get::<_, Option<Millis>>(12)?) {
            (Some(agent), Some(since)) => Some((agent, since)),
            _ => None,
        },
        interruption: r
            .get::<_, Option<String>>(13)?
            .map(|text| parse_json(&text, 13))
            .transpose()?,
        ended_at: r.get(14)?,
        record: match r.get::<_, Option<String>>(15)? {
            Some(customer_id) => Some(RecordLink {
                customer_id,
                matched_by: from_text(r, 16)?,
                case_id: r.get(17)?,
                claimed: r.get(18)?,
            }),
            None => None,
        },
    })
}

pub(crate) fn insert_conversation(conn: &Connection, c: &ConversationRow) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO conversations
             (id, channel, queue_id, customer, customer_token_hash, state, agent_id, created_at,
              account, platform_customer, last_customer_message_at, customer_id, matched_by,
              matched_case_id, matched_claimed, queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8)",
        params![
            c.id,
            to_text(&c.channel)?,
            c.queue_id,
            serde_json::to_string(&c.customer)?,
            c.customer_token_hash,
            to_text(&c.state)?,
            c.agent_id,
            c.created_at,
            c.platform.as_ref().map(|p| serde_json::to_string(&p.account)).transpose()?,
            c.platform.as_ref().map(|p| p.customer.as_str()),
            c.last_customer_message_at,
            c.record.as_ref().map(|r| r.customer_id.as_str()),
            c.record.as_ref().map(|r| to_text(&r.matched_by)).transpose()?,
            c.record.as_ref().and_then(|r| r.case_id.as_deref()),
            c.record.as_ref().is_some_and(|r| r.claimed),
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- erasure and retention

/// The conversations of a customer record: attached to it, or whose case is saved on it.
pub(crate) fn conversations_of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<(String, ConversationState)>, HubError> {
    let mut statement = conn.prepare(
        "SELECT id, state FROM conversations WHERE customer_id = ?1
         UNION SELECT c.id, c.state FROM conversations c JOIN cases k ON k.conversation_id = c.id
               WHERE k.customer_id = ?1",
    )?;
    let rows = statement.query_map([customer_id], |r| Ok((r.get(0)?, from_text(r, 1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Deletes a conversation and everything of it: messages (and their outbox rows), offers,
/// declines, wrap-ups, handoffs, its case, the customer's events and the agents' events
/// that name it (offers embed the thread).
pub(crate) fn erase_conversation(conn: &Connection, id: &str) -> Result<(), HubError> {
    conn.execute(
        "DELETE FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?1)",
        [id],
    )?;
    for table in ["messages", "offers", "declines", "wrapups", "handoffs", "cases"] {
        conn.execute(&format!("DELETE FROM {table} WHERE conversation_id = ?1"), [id])?;
    }
    conn.execute("DELETE FROM events WHERE audience = 'customer' AND recipient = ?1", [id])?;
    // Conversation ids are UUIDs: no LIKE wildcard in them.
    conn.execute("DELETE FROM events WHERE audience = 'agent' AND instr(body, ?1) > 0", [id])?;
    conn.execute("DELETE FROM conversations WHERE id = ?1", [id])?;
    Ok(())
}

pub(crate) fn delete_customer(conn: &Connection, customer_id: &str) -> Result<bool, HubError> {
    Ok(conn.execute("DELETE FROM customers WHERE id = ?1", [customer_id])? > 0)
}

/// Closed conversations that closed before `cutoff`, at most `limit`.
pub(crate) fn closed_before(
    conn: &Connection,
    cutoff: Millis,
    limit: u32,
) -> Result<Vec<String>, HubError> {
    let mut statement = conn.prepare(
        "SELECT id FROM conversations WHERE state = 'closed' AND closed_at < ?1 LIMIT ?2",
    )?;
    let rows = statement.query_map(params![cutoff, limit], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Deletes events older than `cutoff` (a desk resuming from before it starts afresh).
pub(crate) fn prune_events(conn: &Connection, cutoff: Millis) -> Result<usize, HubError> {
    Ok(conn.execute("DELETE FROM events WHERE at < ?1", [cutoff])?)
}

/// How many conversations wait in a queue (queued or offered, nobody accepted yet).
pub(crate) fn waiting_in_queue(
    conn: &Connection,
    queue_id: &str,
    at_most: u64,
) -> Result<u64, HubError> {
    // Counted up to `at_most` only: a flooded queue costs an arrival no more than the cap.
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM (SELECT 1 FROM conversations
          WHERE queue_id = ?1 AND state IN ('queued', 'offered') LIMIT ?2)",
        params![queue_id, at_most as i64],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// Attaches a conversation to a customer record.
pub(crate) fn set_conversation_record(
    conn: &Connection,
    id: &str,
    record: &RecordLink,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE conversations SET customer_id = ?2, matched_by = ?3, matched_case_id = ?4,
             matched_claimed = ?5
         WHERE id = ?1",
        params![
            id,
            record.customer_id,
            to_text(&record.matched_by)?,
            record.case_id,
            record.claimed
        ],
    )?;
    Ok(())
}

/// The conversation a platform customer is in now (queued, offered or active), if any.
pub(crate) fn open_platform_conversation(
    conn: &Connection,
    channel: Channel,
    account_id: &str,
    customer: &str,
) -> Result<Option<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND platform_customer = ?2
           AND state IN ('queued', 'offered', 'active') ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map(params![to_text(&channel)?, customer], conversation_from_row)?;
    for row in rows {
        let row = row?;
        if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
            return Ok(Some(row));
        }
    }
    Ok(None)
}

/// Every conversation (any state) with a platform customer on one account, newest first.
pub(crate) fn platform_conversations(
    conn: &Connection,
    channel: Channel,
    account_id: &str,
    customer: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND platform_customer = ?2 ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map(params![to_text(&channel)?, customer], conversation_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if row.platform.as_ref().is_some_and(|p| p.account.id == account_id) {
            out.push(row);
        }
    }
    Ok(out)
}

pub(crate) fn set_last_customer_message_at(
    conn: &Connection,
    id: &str,
    at: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE conversations SET last_customer_message_at = MAX(COALESCE(last_customer_message_at, ?2), ?2)
         WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

pub(crate) fn conversation(conn: &Connection, id: &str) -> Result<ConversationRow, HubError> {
    conn.query_row(
        &format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?1"),
        [id],
        conversation_from_row,
    )
    .optional()?
    .ok_or_else(|| HubError::not_found("conversation", id))
}

/// Moves a conversation to `state`, held by `agent_id` (or nobody), stamping the end and
/// close times the first time they happen.
pub(crate) fn set_conversation_state(
    conn: &Connection,
    id: &str,
    state: ConversationState,
    agent_id: Option<&str>,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE conversations SET
             queued_at = CASE WHEN ?2 = 'queued' AND state NOT IN ('queued', 'offered')
                              THEN ?4 ELSE queued_at END,
             state = ?2, agent_id = ?3,
             ended_at = CASE WHEN ?2 IN ('wrapUp', 'closed') THEN COALESCE(ended_at, ?4) END,
             closed_at = CASE WHEN ?2 = 'closed' THEN COALESCE(closed_at, ?4) END
         WHERE id = ?1",
        params![id, to_text(&state)?, agent_id, now],
    )?;
    Ok(())
}

/// Moves a conversation to another queue (a transfer to a queue).
pub(crate) fn set_conversation_queue(
    conn: &Connection,
    id: &str,
    queue_id: &str,
) -> Result<(), HubError> {
    conn.execute("UPDATE conversations SET queue_id = ?2 WHERE id = ?1", params![id, queue_id])?;
    Ok(())
}

/// Sets (or, with `None`, clears) a conversation's conference guest.
pub(crate) fn set_guest(
    conn: &Connection,
    id: &str,
    guest: Option<(&str, Millis)>,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE conversations SET guest_agent_id = ?2, guest_since = ?3 WHERE id = ?1",
        params![id, guest.map(|g| g.0), guest.map(|g| g.1)],
    )?;
    Ok(())
}

pub(crate) fn set_interruption(
    conn: &Connection,
    id: &str,
    interruption: &Interruption,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE conversations SET interruption = ?2 WHERE id = ?1",
        params![id, serde_json::to_string(interruption)?],
    )?;
    Ok(())
}

/// Active conversations in which an agent is the conference guest, oldest first.
pub(crate) fn conversations_as_guest(
    conn: &Connection,
    agent_id: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE guest_agent_id = ?1 AND state = 'active' ORDER BY seq"
    ))?;
    let rows = stmt.query_map([agent_id], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Conversations of a queue that are not closed, oldest first.
pub(crate) fn open_conversations_in_queue(
    conn: &Connection,
    queue_id: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE queue_id = ?1 AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
    ))?;
    let rows = stmt.query_map([queue_id], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Queue ids of conversations that are not closed.
pub(crate) fn queues_in_use(conn: &Connection) -> Result<HashSet<String>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT queue_id FROM conversations
         WHERE state IN ('queued', 'offered', 'active', 'wrapUp')",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn insert_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT OR IGNORE INTO handoffs (conversation_id, agent_id, at) VALUES (?1, ?2, ?3)",
        params![conversation_id, agent_id, now],
    )?;
    Ok(())
}

/// Deletes an agent's handoff of a conversation; whether there was one.
pub(crate) fn delete_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
) -> Result<bool, HubError> {
    Ok(conn.execute(
        "DELETE FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
        params![conversation_id, agent_id],
    )? > 0)
}

pub(crate) fn has_handoff(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
) -> Result<bool, HubError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM handoffs WHERE conversation_id = ?1 AND agent_id = ?2",
            params![conversation_id, agent_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Conversations an agent transferred away and still owes the wrap-up of, oldest first.
pub(crate) fn handoffs_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE id IN (SELECT conversation_id FROM handoffs WHERE agent_id = ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map([agent_id], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn delete_queue(conn: &Connection, queue_id: &str, now: Millis) -> Result<(), HubError> {
    conn.execute(
        "INSERT OR IGNORE INTO deleted_queues (queue_id, at) VALUES (?1, ?2)",
        params![queue_id, now],
    )?;
    Ok(())
}

pub(crate) fn deleted_queues(conn: &Connection) -> Result<HashSet<String>, HubError> {
    let mut stmt = conn.prepare("SELECT queue_id FROM deleted_queues")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Takes a channel asset out of service (see the `retired_assets` table).
pub(crate) fn retire_asset(
    conn: &Connection,
    channel: Channel,
    asset_id: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT OR IGNORE INTO retired_assets (channel, asset_id, at) VALUES (?1, ?2, ?3)",
        params![to_text(&channel)?, asset_id, now],
    )?;
    Ok(())
}

/// Whether an admin took this channel asset out of service.
pub(crate) fn asset_retired(
    conn: &Connection,
    channel: Channel,
    asset_id: &str,
) -> Result<bool, HubError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM retired_assets WHERE channel = ?1 AND asset_id = ?2",
            params![to_text(&channel)?, asset_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Whether any conversation (in any state) came through this WhatsApp number or page.
pub(crate) fn platform_account_seen(
    conn: &Connection,
    channel: Channel,
    account_id: &str,
) -> Result<bool, HubError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM conversations
             WHERE channel = ?1 AND json_extract(account, '$.id') = ?2 LIMIT 1",
            params![to_text(&channel)?, account_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The conversations not yet closed that came through a channel asset, oldest first: a
/// WhatsApp number's or a page's (by the platform account), or a Livechat entry point's
/// (Livechat conversations in that queue).
pub(crate) fn open_conversations_of_asset(
    conn: &Connection,
    channel: Channel,
    asset_id: &str,
) -> Result<Vec<ConversationRow>, HubError> {
    let filter = match channel {
        Channel::Livechat => "queue_id = ?2",
        Channel::Whatsapp | Channel::Messenger => "json_extract(account, '$.id') = ?2",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = ?1 AND {filter}
           AND state IN ('queued', 'offered', 'active', 'wrapUp') ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![to_text(&channel)?, asset_id], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Conversations in `states` held by (or offered to) one agent, oldest first.
pub(crate) fn conversations_of_agent(
    conn: &Connection,
    agent_id: &str,
    states: &[ConversationState],
) -> Result<Vec<ConversationRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE agent_id = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([agent_id], conversation_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if states.contains(&row.state) {
            out.push(row);
        }
    }
    Ok(out)
}

/// Whether any conversation waits in a queue.
pub(crate) fn any_queued(conn: &Connection) -> Result<bool, HubError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM conversations WHERE state = 'queued')",
        [],
        |r| r.get(0),
    )?)
}

/// Conversations waiting in a queue with no offer out, oldest first: `(id, queue_id)`.
pub(crate) fn queued_conversations(conn: &Connection) -> Result<Vec<(String, String)>, HubError> {
    let mut stmt =
        conn.prepare("SELECT id, queue_id FROM conversations WHERE state = 'queued' ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per agent: conversations counted against capacity. `with_offers`: offered ones too, and
/// conference invitations (routing's view); without, only what the agent holds (active,
/// wrap-up, a conference joined as guest, a transfer still to wrap up).
pub(crate) fn agent_loads(
    conn: &Connection,
    with_offers: bool,
) -> Result<HashMap<String, u32>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT agent_id, COUNT(*) FROM (
             SELECT agent_id FROM conversations
              WHERE agent_id IS NOT NULL
                AND (state IN ('active', 'wrapUp') OR (?1 AND state = 'offered'))
             UNION ALL
             SELECT guest_agent_id FROM conversations
              WHERE guest_agent_id IS NOT NULL AND state = 'active'
             UNION ALL
             SELECT agent_id FROM handoffs
             UNION ALL
             SELECT agent_id FROM offers WHERE ?1 AND kind = 'conference'
         ) GROUP BY agent_id",
    )?;
    let rows = stmt.query_map([with_offers], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per queue: conversations whose customer is still waiting for an agent (queued or offered).
pub(crate) fn waiting_counts(conn: &Connection) -> Result<HashMap<String, u32>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT queue_id, COUNT(*) FROM conversations
         WHERE state IN ('queued', 'offered') GROUP BY queue_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---------------------------------------------------------------- offers and declines

/// An open offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OfferRow {
    pub conversation_id: String,
    pub agent_id: String,
    pub offered_at: Millis,
    pub expires_at: Millis,
    pub kind: OfferReason,
}

/// Why an offer was made; transfers and conferences name the colleague who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OfferReason {
    Contact,
    Transfer { from: String },
    Conference { from: String },
}

const OFFER_COLUMNS: &str =
    "conversation_id, agent_id, offered_at, expires_at, kind, from_agent_id";

fn offer_from_row(r: &Row) -> rusqlite::Result<OfferRow> {
    let kind: String = r.get(4)?;
    let from: Option<String> = r.get(5)?;
    let kind = match (kind.as_str(), from) {
        ("transfer", Some(from)) => OfferReason::Transfer { from },
        ("conference", Some(from)) => OfferReason::Conference { from },
        _ => OfferReason::Contact,
    };
    Ok(OfferRow {
        conversation_id: r.get(0)?,
        agent_id: r.get(1)?,
        offered_at: r.get(2)?,
        expires_at: r.get(3)?,
        kind,
    })
}

pub(crate) fn insert_offer(conn: &Connection, offer: &OfferRow) -> Result<(), HubError> {
    let (kind, from) = match &offer.kind {
        OfferReason::Contact => ("contact", None),
        OfferReason::Transfer { from } => ("transfer", Some(from)),
        OfferReason::Conference { from } => ("conference", Some(from)),
    };
    conn.execute(
        &format!("INSERT INTO offers ({OFFER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        params![
            offer.conversation_id,
            offer.agent_id,
            offer.offered_at,
            offer.expires_at,
            kind,
            from
        ],
    )?;
    Ok(())
}

pub(crate) fn offer(
    conn: &Connection,
    conversation_id: &str,
) -> Result<Option<OfferRow>, HubError> {
    Ok(conn
        .query_row(
            &format!("SELECT {OFFER_COLUMNS} FROM offers WHERE conversation_id = ?1"),
            [conversation_id],
            offer_from_row,
        )
        .optional()?)
}

pub(crate) fn delete_offer(conn: &Connection, conversation_id: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM offers WHERE conversation_id = ?1", [conversation_id])?;
    Ok(())
}

pub(crate) fn offers_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<Vec<OfferRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OFFER_COLUMNS} FROM offers WHERE agent_id = ?1 ORDER BY offered_at, conversation_id"
    ))?;
    let rows = stmt.query_map([agent_id], offer_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Offers whose deadline has passed, earliest first.
pub(crate) fn due_offers(conn: &Connection, now: Millis) -> Result<Vec<OfferRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OFFER_COLUMNS} FROM offers WHERE expires_at <= ?1 ORDER BY expires_at, conversation_id"
    ))?;
    let rows = stmt.query_map([now], offer_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The earliest deadline of any open offer.
pub(crate) fn next_offer_expiry(conn: &Connection) -> Result<Option<Millis>, HubError> {
    Ok(conn.query_row("SELECT MIN(expires_at) FROM offers", [], |r| r.get(0))?)
}

/// Livechat conversations waiting (queued or offered) since `cutoff` or before, oldest
/// first, at most `limit`.
pub(crate) fn livechat_waiting_since(
    conn: &Connection,
    cutoff: Millis,
    limit: u32,
) -> Result<Vec<ConversationRow>, HubError> {
    let mut statement = conn.prepare(&format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations
         WHERE channel = 'livechat' AND state IN ('queued', 'offered') AND queued_at <= ?1
         ORDER BY queued_at LIMIT ?2"
    ))?;
    let rows = statement.query_map(params![cutoff, limit], conversation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When the Livechat conversation waiting longest began to wait.
pub(crate) fn oldest_livechat_waiting(conn: &Connection) -> Result<Option<Millis>, HubError> {
    Ok(conn.query_row(
        // One indexed MIN per state: an IN over both would read every waiting chat.
        "SELECT MIN(at) FROM (
             SELECT MIN(queued_at) AS at FROM conversations
              WHERE channel = 'livechat' AND state = 'queued'
             UNION ALL
             SELECT MIN(queued_at) FROM conversations
              WHERE channel = 'livechat' AND state = 'offered')",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn insert_decline(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
    reason: &str,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT OR REPLACE INTO declines (conversation_id, agent_id, reason, at)
         VALUES (?1, ?2, ?3, ?4)",
        params![conversation_id, agent_id, reason, now],
    )?;
    Ok(())
}

pub(crate) fn insert_wrapup(
    conn: &Connection,
    conversation_id: &str,
    agent_id: &str,
    reason_id: Option<&str>,
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO wrapups (conversation_id, agent_id, reason_id, at) VALUES (?1, ?2, ?3, ?4)",
        params![conversation_id, agent_id, reason_id, now],
    )?;
    Ok(())
}

/// The wrap-up reasons recorded for a conversation, `(agent_id, reason_id)` in the order
/// they were given (`None` where the queue let the agent wrap up without one).
pub(crate) fn wrapups(
    conn: &Connection,
    conversation_id: &str,
) -> Result<Vec<(String, Option<String>)>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT agent_id, reason_id FROM wrapups WHERE conversation_id = ?1 ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map([conversation_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The assigned queues an agent turned off.
pub(crate) fn disabled_queues(
    conn: &Connection,
    agent_id: &str,
) -> Result<HashSet<String>, HubError> {
    let mut stmt =
        conn.prepare("SELECT queue_id FROM disabled_agent_queues WHERE agent_id = ?1")?;
    let rows = stmt.query_map([agent_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the queues an agent turned off.
pub(crate) fn set_disabled_queues<'a>(
    conn: &Connection,
    agent_id: &str,
    queue_ids: impl Iterator<Item = &'a str>,
) -> Result<(), HubError> {
    conn.execute("DELETE FROM disabled_agent_queues WHERE agent_id = ?1", [agent_id])?;
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO disabled_agent_queues (agent_id, queue_id) VALUES (?1, ?2)",
    )?;
    for queue_id in queue_ids {
        insert.execute([agent_id, queue_id])?;
    }
    Ok(())
}

// ---------------------------------------------------------------- customers and cases

/// What matching compares for a record: email and account trimmed and lowercased, the
/// phone number in E.164.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CustomerKeys<'a> {
    pub email: Option<&'a str>,
    pub phone_e164: Option<&'a str>,
    pub account: Option<&'a str>,
}

const CUSTOMER_COLUMNS: &str = "id, name, email, phone, account, notes, created_at";

fn customer_from_row(r: &Row) -> rusqlite::Result<CustomerRecord> {
    Ok(CustomerRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        account: r.get(4)?,
        notes: r.get(5)?,
        created_at: r.get(6)?,
    })
}

pub(crate) fn insert_customer(
    conn: &Connection,
    record: &CustomerRecord,
    keys: &CustomerKeys<'_>,
) -> Result<(), HubError> {
    conn.execute(
        &format!(
            "INSERT INTO customers ({CUSTOMER_COLUMNS}, email_key, phone_e164, account_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            record.id,
            record.name,
            record.email,
            record.phone,
            record.account,
            record.notes,
            record.created_at,
            keys.email,
            keys.phone_e164,
            keys.account,
        ],
    )?;
    Ok(())
}

pub(crate) fn customer(conn: &Connection, id: &str) -> Result<CustomerRecord, HubError> {
    conn.query_row(
        &format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"),
        [id],
        customer_from_row,
    )
    .optional()?
    .ok_or_else(|| HubError::not_found("customer", id))
}

/// The oldest record whose key column (`email_key`, `phone_e164` or `account_key`) is
/// `value`.
pub(crate) fn customer_by_key(
    conn: &Connection,
    column: CustomerKey,
    value: &str,
) -> Result<Option<String>, HubError> {
    let column = match column {
        CustomerKey::Email => "email_key",
        CustomerKey::Phone => "phone_e164",
        CustomerKey::Account => "account_key",
    };
    Ok(conn
        .query_row(
            &format!("SELECT id FROM customers WHERE {column} = ?1 ORDER BY seq LIMIT 1"),
            [value],
            |r| r.get(0),
        )
        .optional()?)
}

/// Which key [`customer_by_key`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CustomerKey {
    Email,
    Phone,
    Account,
}

/// Up to `limit` records in name order whose name, email or account contains `text`
/// (case-insensitive) or whose phone number contains `digits`.
pub(crate) fn search_customers(
    conn: &Connection,
    text: &str,
    digits: &str,
    limit: u32,
) -> Result<Vec<CustomerRecord>, HubError> {
    let like = format!("%{}%", escape_like(&text.to_lowercase()));
    let digits_like = format!("%{digits}%");
    let mut stmt = conn.prepare(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers
         WHERE ?1 = '%%'
            OR lower(name) LIKE ?1 ESCAPE '\\'
            OR email_key LIKE ?1 ESCAPE '\\'
            OR account_key LIKE ?1 ESCAPE '\\'
            OR (?2 <> '%%' AND phone_e164 LIKE ?2)
         ORDER BY name COLLATE NOCASE, seq LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![like, digits_like, limit], customer_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A stored case (the transcript is read from the conversation's messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseRow {
    pub seq: i64,
    pub id: String,
    /// What the customer is given to refer to it (`CS-7KQ3-MX9D`).
    pub number: String,
    pub conversation_id: String,
    pub customer_id: Option<String>,
    pub status: CaseStatus,
    pub subject: String,
    pub notes: String,
    pub agent_id: String,
    pub disposition: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const CASE_COLUMNS: &str = "seq, id, conversation_id, customer_id, status, subject, notes, \
     agent_id, disposition, created_at, updated_at, number";

fn case_from_row(r: &Row) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        conversation_id: r.get(2)?,
        customer_id: r.get(3)?,
        status: from_text(r, 4)?,
        subject: r.get(5)?,
        notes: r.get(6)?,
        agent_id: r.get(7)?,
        disposition: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        number: r.get(11)?,
    })
}

/// Stores a new case; returns its row's `seq`.
pub(crate) fn insert_case(conn: &Connection, case: &CaseRow) -> Result<i64, HubError> {
    conn.execute(
        "INSERT INTO cases (id, conversation_id, customer_id, status, subject, notes, agent_id,
                            disposition, created_at, updated_at, number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            case.id,
            case.conversation_id,
            case.customer_id,
            to_text(&case.status)?,
            case.subject,
            case.notes,
            case.agent_id,
            case.disposition,
            case.created_at,
            case.updated_at,
            case.number,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes a case's editable fields.
pub(crate) fn update_case(conn: &Connection, case: &CaseRow) -> Result<(), HubError> {
    conn.execute(
        "UPDATE cases SET customer_id = ?2, status = ?3, subject = ?4, notes = ?5,
             disposition = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            case.id,
            case.customer_id,
            to_text(&case.status)?,
            case.subject,
            case.notes,
            case.disposition,
            case.updated_at,
        ],
    )?;
    Ok(())
}

pub(crate) fn case(conn: &Connection, id: &str) -> Result<CaseRow, HubError> {
    conn.query_row(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"), [id], case_from_row)
        .optional()?
        .ok_or_else(|| HubError::not_found("case", id))
}

pub(crate) fn case_by_number(conn: &Connection, number: &str) -> Result<Option<CaseRow>, HubError> {
    Ok(conn
        .query_row(
            &format!("SELECT {CASE_COLUMNS} FROM cases WHERE number = ?1"),
            [number],
            case_from_row,
        )
        .optional()?)
}

pub(crate) fn case_of_conversation(
    conn: &Connection,
    conversation_id: &str,
) -> Result<Option<CaseRow>, HubError> {
    Ok(conn
        .query_row(
            &format!("SELECT {CASE_COLUMNS} FROM cases WHERE conversation_id = ?1"),
            [conversation_id],
            case_from_row,
        )
        .optional()?)
}

/// A customer's saved cases, newest first.
pub(crate) fn saved_cases_of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<CaseRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE customer_id = ?1 AND status = 'saved'
         ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map([customer_id], case_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An agent's draft cases, newest first.
pub(crate) fn draft_cases_of_agent(
    conn: &Connection,
    agent_id: &str,
) -> Result<Vec<CaseRow>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE agent_id = ?1 AND status = 'draft'
         ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map([agent_id], case_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---------------------------------------------------------------- messages

const MESSAGE_COLUMNS: &str =
    "id, conversation_id, client_id, author, text, system, sent_at, platform_id, delivery";

fn message_from_row(r: &Row) -> rusqlite::Result<Message> {
    let system: Option<String> = r.get(5)?;
    Ok(Message {
        id: r.get(0)?,
        conversation_id: r.get(1)?,
        client_id: r.get(2)?,
        author: from_json::<Author>(r, 3)?,
        text: r.get(4)?,
        system: match system {
            Some(json) => Some(parse_json::<SystemEvent>(&json, 5)?),
            None => None,
        },
        sent_at: r.get(6)?,
        delivery: match r.get::<_, Option<String>>(8)? {
            Some(json) => Some(parse_json::<Delivery>(&json, 8)?),
            None => None,
        },
    })
}

/// Stores a message; `platform_id` is the platform's id of an inbound WhatsApp or Messenger
/// message.
pub(crate) fn insert_message(
    conn: &Connection,
    m: &Message,
    platform_id: Option<&str>,
) -> Result<(), HubError> {
    let system = m.system.as_ref().map(serde_json::to_string).transpose()?;
    let delivery = m.delivery.as_ref().map(serde_json::to_string).transpose()?;
    conn.execute(
        &format!(
            "INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        ),
        params![
            m.id,
            m.conversation_id,
            m.client_id,
            serde_json::to_string(&m.author)?,
            m.text,
            system,
            m.sent_at,
            platform_id,
            delivery,
        ],
    )?;
    Ok(())
}

pub(crate) fn message(conn: &Connection, id: &str) -> Result<Message, HubError> {
    conn.query_row(
        &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?1"),
        [id],
        message_from_row,
    )
    .optional()?
    .ok_or_else(|| HubError::not_found("message", id))
}

/// Whether a platform message id was seen before (a retried or duplicated webhook).
pub(crate) fn platform_id_known(conn: &Connection, platform_id: &str) -> Result<bool, HubError> {
    Ok(conn
        .query_row("SELECT 1 FROM messages WHERE platform_id = ?1", [platform_id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn message_by_platform_id(
    conn: &Connection,
    platform_id: &str,
) -> Result<Option<Message>, HubError> {
    Ok(conn
        .query_row(
            &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE platform_id = ?1"),
            [platform_id],
            message_from_row,
        )
        .optional()?)
}

pub(crate) fn set_platform_id(
    conn: &Connection,
    id: &str,
    platform_id: &str,
) -> Result<(), HubError> {
    conn.execute("UPDATE messages SET platform_id = ?2 WHERE id = ?1", [id, platform_id])?;
    Ok(())
}

pub(crate) fn set_delivery(
    conn: &Connection,
    id: &str,
    delivery: &Delivery,
) -> Result<(), HubError> {
    conn.execute(
        "UPDATE messages SET delivery = ?2 WHERE id = ?1",
        params![id, serde_json::to_string(delivery)?],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- platform inbox and outbox

pub(crate) fn push_inbox(
    conn: &Connection,
    channel: Channel,
    body: &[u8],
    now: Millis,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO webhook_inbox (channel, body, received_at) VALUES (?1, ?2, ?3)",
        params![to_text(&channel)?, body, now],
    )?;
    Ok(())
}

/// The oldest webhook body not yet applied: `(seq, channel, body)`.
pub(crate) fn next_inbox(conn: &Connection) -> Result<Option<(i64, Channel, Vec<u8>)>, HubError> {
    Ok(conn
        .query_row("SELECT seq, channel, body FROM webhook_inbox ORDER BY seq LIMIT 1", [], |r| {
            Ok((r.get(0)?, from_text(r, 1)?, r.get(2)?))
        })
        .optional()?)
}

pub(crate) fn delete_inbox(conn: &Connection, seq: i64) -> Result<(), HubError> {
    conn.execute("DELETE FROM webhook_inbox WHERE seq = ?1", [seq])?;
    Ok(())
}

pub(crate) fn push_outbox(conn: &Connection, message_id: &str) -> Result<(), HubError> {
    conn.execute("INSERT OR IGNORE INTO outbox (message_id) VALUES (?1)", [message_id])?;
    Ok(())
}

/// The oldest agent message waiting for the send API.
pub(crate) fn next_outbox(conn: &Connection) -> Result<Option<String>, HubError> {
    Ok(conn
        .query_row("SELECT message_id FROM outbox ORDER BY seq LIMIT 1", [], |r| r.get(0))
        .optional()?)
}

pub(crate) fn delete_outbox(conn: &Connection, message_id: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM outbox WHERE message_id = ?1", [message_id])?;
    Ok(())
}

pub(crate) fn early_receipt(
    conn: &Connection,
    platform_id: &str,
) -> Result<Option<Delivery>, HubError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT delivery FROM early_receipts WHERE platform_id = ?1",
            [platform_id],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(HubError::from)).transpose()
}

pub(crate) fn put_early_receipt(
    conn: &Connection,
    platform_id: &str,
    delivery: &Delivery,
) -> Result<(), HubError> {
    conn.execute(
        "INSERT INTO early_receipts (platform_id, delivery) VALUES (?1, ?2)
         ON CONFLICT (platform_id) DO UPDATE SET delivery = excluded.delivery",
        params![platform_id, serde_json::to_string(delivery)?],
    )?;
    Ok(())
}

pub(crate) fn delete_early_receipt(conn: &Connection, platform_id: &str) -> Result<(), HubError> {
    conn.execute("DELETE FROM early_receipts WHERE platform_id = ?1", [platform_id])?;
    Ok(())
}

pub(crate) fn message_by_client_id(
    conn: &Connection,
    conversation_id: &str,
    client_id: &str,
) -> Result<Option<Message>, HubError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages
                 WHERE conversation_id = ?1 AND client_id = ?2"
            ),
            [conversation_id, client_id],
            message_from_row,
        )
        .optional()?)
}

/// A conversation's thread in the order it was written.
pub(crate) fn messages(conn: &Connection, conversation_id: &str) -> Result<Vec<Message>, HubError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([conversation_id], message_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---------------------------------------------------------------- events

/// Who an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Audience {
    Agent,
    Customer,
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Customer => "customer",
        }
    }
}

/// An event as stored: the body is the JSON of `AgentEventBody` or `CustomerEventBody`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredEvent {
    pub id: u64,
    pub at: Millis,
    pub body: String,
}

pub(crate) fn insert_event(
    conn: &Connection,
    audience: Audience,
    recipient: &str,
    at: Millis,
    body: &str,
) -> Result<u64, HubError> {
    conn.execute(
        "INSERT INTO events (audience, recipient, at, body) VALUES (?1, ?2, ?3, ?4)",
        params![audience.as_str(), recipient, at, body],
    )?;
    Ok(conn.last_insert_rowid() as u64)
}

/// One recipient's first `limit` events with an id above `after`, in id order (a page: a
/// replay reads the backlog page by page, finding M3).
pub(crate) fn events_after(
    conn: &Connection,
    audience: Audience,
    recipient: &str,
    after: u64,
    limit: u32,
) -> Result<Vec<StoredEvent>, HubError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, body FROM events
         WHERE audience = ?1 AND recipient = ?2 AND id > ?3 ORDER BY id LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![audience.as_str(), recipient, after as i64, limit], |r| {
        Ok(StoredEvent { id: r.get::<_, i64>(0)? as u64, at: r.get(1)?, body: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The highest event id handed out so far (0 before the first).
pub(crate) fn last_event_id(conn: &Connection) -> Result<u64, HubError> {
    let id: Option<i64> = conn.query_row("SELECT MAX(id) FROM events", [], |r| r.get(0))?;
    Ok(id.unwrap_or(0) as u64)
}

// ---------------------------------------------------------------- column encodings

/// Unit enums are stored as their serde name (`"wrapUp"`, `"livechat"`), so the database
/// reads like the wire.
fn to_text<T: serde::Serialize>(value: &T) -> Result<String, HubError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(HubError::Internal(format!("{other} is not a unit variant"))),
    }
}

fn from_text<T: serde::de::DeserializeOwned>(r: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = r.get(index)?;
    serde_json::from_value(serde_json::Value::String(text)).map_err(|e| conversion(index, e))
}

fn from_json<T: serde::de::DeserializeOwned>(r: &Row, index: usize) -> rusqlite::Result<T> {
    let text: String = r.get(index)?;
    parse_json(&text, index)
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, index: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| conversion(index, e))
}

fn conversion(index: usize, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.sqlite3");
        drop(open(&path).unwrap());
        let conn = open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    /// The SHA-256 of each migration as databases ran it. A new migration adds its line; a
    /// changed one means an existing migration was edited or reformatted.
    const MIGRATION_DIGESTS: &[&str] = &[
        "6957d22bbb1b8896575320ddc5bcfe912344ce8287a66a6e321bd438680c7a31",
        "9481d04e7cdda649bc49d1d26968129e1a9d8c0d4ff73ec7d7993bc14129cece",
        "1f6eb4261dccaf983672f5390a90b031242afba392391b4cee53a051b4992000",
        "c8b489ec3e344da6b1f81bc89de989dc87f067af50dd698203ac20c276cc970a",
        "a1f44ef22ae0894f81565835e727a84f76adfa0bf861f98be6a29e101383f119",
        "f0ad732fba47cbc4866109bce5100b773542c723809710d2854c6d2a4afea172",
        "920d7c08407df6e988bd5aae2a6e87595712d059a5363cff9f140d0cfc2d742c",
        "330596e39ed8c96dcc2f2dd0dda2370b3e21f7d4ebf3d06e780294c75ec92826",
    ];

    #[test]
    fn migrations_are_never_edited() {
        let digests: Vec<String> =
            MIGRATIONS.iter().map(|sql| hex::encode(Sha256::digest(sql.as_bytes()))).collect();
        assert_eq!(digests, MIGRATION_DIGESTS);
    }

    fn user_version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut statement =
            conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").unwrap();
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn a_database_from_any_older_hub_is_brought_to_the_same_schema() {
        let dir = tempfile::tempdir().unwrap();
        let expected = schema(&open(&dir.path().join("fresh.sqlite3")).unwrap());
        for version in 0..MIGRATIONS.len() {
            let path = dir.path().join(format!("v{version}.sqlite3"));
            let older = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..version] {
                older.execute_batch(sql).unwrap();
            }
            older.pragma_update(None, "user_version", version as i64).unwrap();
            drop(older);
            let conn = open(&path).unwrap();
            assert_eq!(user_version(&conn), MIGRATIONS.len() as i64, "from version {version}");
            assert_eq!(schema(&conn), expected, "from version {version}");
        }
    }

    #[test]
    fn a_database_from_a_newer_hub_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.sqlite3");
        drop(open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(open(&path), Err(HubError::SchemaTooNew { found: 99, .. })));
    }

    #[test]
    fn unit_enums_are_stored_by_their_wire_name() {
        assert_eq!(to_text(&ConversationState::WrapUp).unwrap(), "wrapUp");
        assert_eq!(to_text(&Channel::Livechat).unwrap(), "livechat");
    }
}
