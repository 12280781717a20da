//! Agents signing in and out: the password or remembered-device check (limited, on the
//! password-check threads), bearer tokens and their sessions' life, and sign-out, which
//! logs the agent out and hands their offers on.

use hub_protocol::{
    AgentProfile, AgentState, LoginRequest, LoginResponse, StateSince, WithdrawReason,
};

use super::{now_millis, AgentSession, Hub};
use crate::error::HubError;
use crate::secret;

impl Hub {
    /// Signs an agent in. A second sign-in gets a new token; earlier tokens stay valid.
    ///
    /// Limited (finding H2): attempts per client address `ip` and per user name, counted
    /// before the password is checked, so a refused attempt costs no argon2 run; and only a
    /// few password checks (19 MiB each) run at once, on the hub's password-check threads,
    /// which reuse their memory ([`crate::passwords`]). A failed sign-in is logged with the user
    /// name and address, never the password.
    pub async fn login(
        &self,
        request: LoginRequest,
        ip: Option<std::net::IpAddr>,
    ) -> Result<LoginResponse, HubError> {
        use crate::limits::Door;
        let limits = self.limits();
        limits.check_ip(Door::LoginIp, ip)?;
        let username_key: String =
            request.username.trim().to_lowercase().chars().take(200).collect();
        limits.check(Door::LoginUsername, &username_key)?;
        let agent = self.config().agent_by_username(&request.username).cloned();
        let matches = match &request.device_token {
            // A remembered device: its token, still the agent's and under their password.
            Some(device_token) => {
                let found = self.read(|conn| conn.device(&secret::token_hash(device_token)))?;
                match (&agent, found) {
                    (Some(agent), Some((agent_id, tag))) => {
                        agent_id == agent.id && tag == password_tag(&agent.password_hash)
                    }
                    _ => false,
                }
            }
            None => {
                let phc = agent
                    .as_ref()
                    .map_or(secret::DUMMY_HASH, |a| a.password_hash.as_str())
                    .to_owned();
                let password = request.password.clone();
                let permit = limits.password_check().await?;
                // Argon2 takes tens of milliseconds of CPU and 19 MiB: on the hub's own
                // threads, off the async workers, in memory each thread reuses.
                self.inner.passwords.verify(password, phc, permit).await?
            }
        };
        let agent = match agent {
            Some(agent) if matches => agent,
            _ => {
                tracing::warn!(
                    username = %username_key.escape_debug(),
                    ip = ?ip,
                    known = agent.is_some(),
                    "failed sign-in"
                );
                return Err(HubError::InvalidCredentials);
            }
        };
        let token = secret::new_token();
        // A device token only for a password sign-in that asks for one.
        let device_token =
            (request.remember_device && request.device_token.is_none()).then(secret::new_token);
        self.transact(|t| {
            if let Some(device_token) = &device_token {
                t.store.insert_device(
                    &secret::token_hash(device_token),
                    &agent.id,
                    t.now,
                    &password_tag(&agent.password_hash),
                )?;
            }
            t.store.insert_session(
                &secret::token_hash(&token),
                &agent.id,
                t.now,
                &password_tag(&agent.password_hash),
            )?;
            let current = t.store.agent(&agent.id)?;
            // Signing in again from a second desk must not knock the agent out of the state
            // they are working in; only a signed-out agent lands in the first idle code.
            let state = if current.state == AgentState::LoggedOut {
                let code = t.config.sign_in_idle_code().id.clone();
                t.set_agent_state(&agent.id, AgentState::Idle { code })?
            } else {
                StateSince { state: current.state, since: current.since }
            };
            Ok(LoginResponse {
                token: token.clone(),
                device_token: device_token.clone(),
                agent: AgentProfile {
                    id: agent.id.clone(),
                    username: agent.username.clone(),
                    display_name: agent.display_name.clone(),
                    queues: agent.queues.clone(),
                    capacity: t.config.capacity_of(&agent),
                    language: agent.language.clone(),
                },
                settings: t.config.hub_settings(),
                state,
                now: t.now,
            })
        })
    }

    /// The agent a bearer token belongs to, if its session is still alive (finding M1): not
    /// signed out, younger than `[limits] session_lifetime_hours`, used (a request or an
    /// open event stream) within `session_idle_minutes`, and signed in under the agent's
    /// current password. Each use moves the idle clock (at most one write a minute).
    pub fn authenticate(&self, token: &str) -> Result<AgentSession, HubError> {
        let token_hash = secret::token_hash(token);
        let agent_id = self.session_alive(&token_hash)?.ok_or(HubError::Unauthorized)?;
        Ok(AgentSession { agent_id, token_hash })
    }

    /// The agent of a live session (see [`Hub::authenticate`]), touching it; `None` when it
    /// ended.
    pub(crate) fn session_alive(&self, token_hash: &str) -> Result<Option<String>, HubError> {
        let limits = &self.config().limits;
        let lifetime = i64::from(limits.session_lifetime_hours) * 3_600_000;
        let idle = i64::from(limits.session_idle_minutes) * 60_000;
        let now = now_millis();
        // A read (on PostgreSQL, beside the transitions); the rare writes are transitions.
        let Some(session) = self.read(|conn| conn.session(token_hash))? else { return Ok(None) };
        let Some(agent) = self.config().agent(&session.agent_id) else { return Ok(None) };
        let alive = session.password_tag.as_deref() == Some(&password_tag(&agent.password_hash))
            && now - session.created_at < lifetime
            && now - session.last_used_at < idle;
        if !alive {
            // Ended for good: forget it, so the stream checks and the table stay small.
            self.transact(|t| t.store.delete_session(token_hash))?;
            return Ok(None);
        }
        if now - session.last_used_at >= 60_000 {
            self.transact(|t| t.store.touch_session(token_hash, now))?;
        }
        Ok(Some(session.agent_id))
    }

    /// Revokes every device token of the agent ("remember me" on every computer).
    pub fn forget_devices(&self, session: &AgentSession) -> Result<usize, HubError> {
        self.transact(|t| t.store.delete_devices_of_agent(&session.agent_id))
    }

    /// Signs the session out: the token stops working, the agent is logged out and their
    /// pending offers go to someone else.
    pub fn logout(&self, session: &AgentSession) -> Result<(), HubError> {
        // The session's open event streams end too (they look when told).
        let revoked = &self.inner.sessions_revoked;
        let result = self.transact(|t| {
            t.store.delete_session(&session.token_hash)?;
            t.set_agent_state(&session.agent_id, AgentState::LoggedOut)?;
            for offer in t.store.offers_of_agent(&session.agent_id)? {
                // The protocol has no "signed out" withdraw reason; the agent turned the
                // offer down by leaving. They are not excluded from it: back tomorrow, they
                // may take it.
                t.withdraw(&offer, WithdrawReason::Rejected, None)?;
            }
            // A conference guest who signs out leaves the conference; the owner goes on.
            for conversation in t.store.conversations_as_guest(&session.agent_id)? {
                t.remove_guest(&conversation)?;
            }
            t.route()
        });
        revoked.signed_out(&session.token_hash);
        result
    }
}

/// What a session remembers of the password it was signed in under: a digest of the
/// agent's argon2 hash, so a new password (a new hash) ends every older session.
fn password_tag(password_hash: &str) -> String {
    secret::token_hash(password_hash)
}
