//! Abuse limits on the hub's unauthenticated doors (findings H2 and H3 of the security
//! review): sign-in per client address and per user name, a bounded number of password checks
//! at once, and Livechat starts, messages, typing and stream tickets per client address and per conversation.
//!
//! The buckets are `governor`'s keyed GCRA limiters (one cell per request, refilled at the
//! configured rate a minute, a burst of the same size); a refusal carries how long until the
//! next request would pass, which the HTTP layer sends as `Retry-After`. Keys are client
//! addresses (an IPv6 address counts as its /64, which one customer usually holds whole),
//! user names (lowercased), or conversation ids. Idle keys are swept once a minute, so
//! memory follows the clients of the last minutes, not of all time.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::LimitsConfig;
use crate::error::HubError;

/// Which door a request came through (names the limiter in a log line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    LoginIp,
    LoginUsername,
    WidgetStartIp,
    WidgetMessageIp,
    WidgetMessageConversation,
    WidgetTypingIp,
    WidgetTypingConversation,
    WidgetTicketIp,
    WidgetTicketConversation,
}

/// One keyed bucket set.
struct Bucket {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl Bucket {
    fn per_minute(n: u32) -> Self {
        let n = NonZeroU32::new(n.max(1)).expect("at least 1");
        Self { limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)) }
    }

    /// Takes one cell for `key`, or says how long until one is free.
    fn take(&self, key: &str) -> Result<(), Duration> {
        self.limiter
            .check_key(&key.to_owned())
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    fn sweep(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// The hub's limits, shared by every request.
pub struct Limits {
    login_ip: Bucket,
    login_username: Bucket,
    widget_start_ip: Bucket,
    widget_message_ip: Bucket,
    widget_message_conversation: Bucket,
    widget_typing_ip: Bucket,
    widget_typing_conversation: Bucket,
    widget_ticket_ip: Bucket,
    widget_ticket_conversation: Bucket,
    password_checks: Arc<Semaphore>,
    password_check_wait: Duration,
    /// Open event streams per session (token hash).
    streams: Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>,
    streams_per_session: u32,
    /// Seconds since `started` of the last sweep.
    last_sweep: AtomicU64,
    started: Instant,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits").finish_non_exhaustive()
    }
}

impl Limits {
    pub fn new(config: &LimitsConfig) -> Self {
        Self {
            login_ip: Bucket::per_minute(config.login_per_ip_per_minute),
            login_username: Bucket::per_minute(config.login_per_username_per_minute),
            widget_start_ip: Bucket::per_minute(config.widget_starts_per_ip_per_minute),
            widget_message_ip: Bucket::per_minute(config.widget_messages_per_ip_per_minute),
            widget_message_conversation: Bucket::per_minute(
                config.widget_messages_per_conversation_per_minute,
            ),
            widget_typing_ip: Bucket::per_minute(config.widget_typing_per_ip_per_minute),
            widget_typing_conversation: Bucket::per_minute(
                config.widget_typing_per_conversation_per_minute,
            ),
            widget_ticket_ip: Bucket::per_minute(config.widget_tickets_per_ip_per_minute),
            widget_ticket_conversation: Bucket::per_minute(
                config.widget_tickets_per_conversation_per_minute,
            ),
            password_checks: Arc::new(Semaphore::new(
                config.password_checks_at_once.max(1) as usize
            )),
            password_check_wait: Duration::from_secs(config.password_check_wait_secs.into()),
            streams: Arc::default(),
            streams_per_session: config.streams_per_session.max(1),
            last_sweep: AtomicU64::new(0),
            started: Instant::now(),
        }
    }

    /// A slot for one more event stream of a session (finding M2), held until the stream
    /// ends; `rate-limited` when the session holds its maximum already.
    pub fn open_stream(&self, session: &str) -> Result<StreamSlot, HubError> {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        let open = streams.entry(session.to_owned()).or_insert(0);
        if *open >= self.streams_per_session {
            tracing::warn!("event stream refused: the session holds its maximum");
            return Err(HubError::RateLimited { retry_after_secs: 15 });
        }
        *open += 1;
        Ok(StreamSlot { streams: self.streams.clone(), session: session.to_owned() })
    }

    fn bucket(&self, door: Door) -> &Bucket {
        match door {
            Door::LoginIp => &self.login_ip,
            Door::LoginUsername => &self.login_username,
            Door::WidgetStartIp => &self.widget_start_ip,
            Door::WidgetMessageIp => &self.widget_message_ip,
            Door::WidgetMessageConversation => &self.widget_message_conversation,
            Door::WidgetTypingIp => &self.widget_typing_ip,
            Door::WidgetTypingConversation => &self.widget_typing_conversation,
            Door::WidgetTicketIp => &self.widget_ticket_ip,
            Door::WidgetTicketConversation => &self.widget_ticket_conversation,
        }
    }

    /// Counts one request through `door` for `key`; `rate-limited` when over the limit.
    pub fn check(&self, door: Door, key: &str) -> Result<(), HubError> {
        self.sweep_now_and_then();
        self.bucket(door).take(key).map_err(|wait| {
            tracing::warn!(?door, "request over the limit");
            HubError::RateLimited { retry_after_secs: wait.as_secs_ceil_min_1() }
        })
    }

    /// Counts a request from a client address (a no-op without one: only in-process callers
    /// have no peer address).
    pub fn check_ip(&self, door: Door, ip: Option<IpAddr>) -> Result<(), HubError> {
        match ip {
            Some(ip) => self.check(door, &ip_key(ip)),
            None => Ok(()),
        }
    }

    /// A turn to run a password check, waiting for a free one for a while; `rate-limited`
    /// when the hub is busy checking passwords for that long.
    pub async fn password_check(&self) -> Result<OwnedSemaphorePermit, HubError> {
        let acquire = self.password_checks.clone().acquire_owned();
        match tokio::time::timeout(self.password_check_wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_closed)) => Err(HubError::ShuttingDown),
            Err(_elapsed) => {
                tracing::warn!("sign-in refused: every password check slot stayed busy");
                Err(HubError::RateLimited { retry_after_secs: 1 })
            }
        }
    }

    fn sweep_now_and_then(&self) {
        let now = self.started.elapsed().as_secs();
        let last = self.last_sweep.load(Ordering::Relaxed);
        if now >= last + 60
            && self
                .last_sweep
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            for door in [
                Door::LoginIp,
                Door::LoginUsername,
                Door::WidgetStartIp,
                Door::WidgetMessageIp,
                Door::WidgetMessageConversation,
                Door::WidgetTypingIp,
                Door::WidgetTypingConversation,
                Door::WidgetTicketIp,
                Door::WidgetTicketConversation,
            ] {
                self.bucket(door).sweep();
            }
        }
    }
}

/// One open event stream of a session; dropping it frees the slot.
pub struct StreamSlot {
    streams: Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>,
    session: String,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(open) = streams.get_mut(&self.session) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                streams.remove(&self.session);
            }
        }
    }
}

/// The key of a client address: IPv4 as is, IPv6 by its /64 (an IPv4-mapped one as IPv4).
pub fn ip_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

trait SecsCeil {
    fn as_secs_ceil_min_1(&self) -> u64;
}

impl SecsCeil for Duration {
    fn as_secs_ceil_min_1(&self) -> u64 {
        let secs = self.as_secs() + u64::from(self.subsec_nanos() > 0);
        secs.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_refuses_past_its_burst_and_says_when_to_retry() {
        let limits = Limits::new(&LimitsConfig {
            login_per_username_per_minute: 3,
            ..LimitsConfig::default()
        });
        for _ in 0..3 {
            limits.check(Door::LoginUsername, "anna").unwrap();
        }
        match limits.check(Door::LoginUsername, "anna") {
            Err(HubError::RateLimited { retry_after_secs }) => {
                assert!((1..=20).contains(&retry_after_secs), "{retry_after_secs}")
            }
            other => panic!("expected rate-limited, got {other:?}"),
        }
        limits.check(Door::LoginUsername, "aino").expect("another key has its own bucket");
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(ip_key(a), ip_key(b));
        assert_ne!(ip_key(a), ip_key(c));
        assert_eq!(ip_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
