//! The configuration of a bench hub: the demo's reasons and idle codes, two Livechat queues
//! (`bench`, served by every agent; `backlog`, served by none, where the pre-filled open
//! conversations wait), N agents sharing one password hash, and the abuse limits raised
//! where they would throttle the bench's own legitimate traffic.
//!
//! Why the limits: every bench customer and agent comes from one address (127.0.0.1, or the
//! balancer's), so the per-address doors (sign-ins, chat starts, customer messages, stream
//! tickets) would refuse a crowd that a real centre spreads over thousands of addresses.
//! The per-conversation limits, the password-check concurrency and the streams per session
//! are left as shipped: the bench stays within them as a real client does. The report lists
//! what was raised ([`RAISED_LIMITS`]).

use contact_hub::config::{AgentConfig, QueueConfig};
use contact_hub::HubConfig;

use crate::cli::Options;

/// What the generated configuration changes from the hub's defaults, for the report.
pub const RAISED_LIMITS: &str = "limits raised for one client address: login_per_ip_per_minute, \
widget_starts_per_ip_per_minute, widget_messages_per_ip_per_minute, \
widget_tickets_per_ip_per_minute, widget_typing_per_ip_per_minute = 10,000,000; \
waiting_chats_per_queue = 10,000,000; waiting_chat_expiry_secs = 7 days; \
server.max_connections = 100,000";

/// One argon2 hash of `password`, computed once and shared by every agent (hashing is
/// deliberately slow: thousands of them would take minutes).
pub fn password_hash(password: &str) -> anyhow::Result<String> {
    contact_hub::hash_password(password).map_err(|e| anyhow::anyhow!("hashing the password: {e}"))
}

/// The hub configuration for `options.agents` agents with password hash `hash`.
pub fn bench_config(options: &Options, hash: &str) -> anyhow::Result<HubConfig> {
    let mut config = HubConfig::demo();
    config.demo = false;
    config.faq.clear();
    let template = config.queues.first().cloned().expect("the demo configuration has queues");
    let queue = |id: &str, name: &str| QueueConfig {
        id: id.to_owned(),
        name: name.to_owned(),
        language: "en-US".to_owned(),
        ..template.clone()
    };
    config.queues = vec![
        queue(&options.queue, "Bench support"),
        queue(&options.backlog_queue, "Bench backlog (no agent)"),
    ];
    config.settings.capacity = options.capacity.max(1);
    config.settings.agents_may_choose_queues = false;
    config.agents = (0..options.agents)
        .map(|index| AgentConfig {
            id: options.username(index),
            username: options.username(index),
            display_name: format!("Bench Agent {index}"),
            password_hash: hash.to_owned(),
            queues: vec![options.queue.clone()],
            capacity: None,
            language: Some("en-US".to_owned()),
            admin: false,
        })
        .collect();
    let limits = &mut config.limits;
    let plenty = 10_000_000;
    limits.login_per_ip_per_minute = plenty;
    limits.widget_starts_per_ip_per_minute = plenty;
    limits.widget_messages_per_ip_per_minute = plenty;
    limits.widget_tickets_per_ip_per_minute = plenty;
    limits.widget_typing_per_ip_per_minute = plenty;
    limits.waiting_chats_per_queue = plenty;
    limits.waiting_chat_expiry_secs = 7 * 24 * 3600;
    config.server.max_connections = 100_000;
    config.validate()?;
    Ok(config)
}

/// The configuration as the TOML file a hub is started with.
pub fn to_toml(config: &HubConfig) -> anyhow::Result<String> {
    Ok(toml::to_string(config)?)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn the_written_file_is_read_back_by_the_hub_as_the_same_configuration() {
        let options = Options::parse_from(["hub-load", "--spawn", "--agents", "3"]);
        // A real PHC string (hashing one would take a while in a debug build).
        let hash = HubConfig::demo().agents[0].password_hash.clone();
        let config = bench_config(&options, &hash).unwrap();
        let read = HubConfig::from_toml_str(&to_toml(&config).unwrap()).unwrap();
        assert_eq!(read, config);
        assert_eq!(read.agents.len(), 3);
        assert_eq!(read.agents[2].username, "bench-00002");
        assert!(read.agents.iter().all(|a| a.queues == ["bench"]));
        assert_eq!(read.queues[1].id, "backlog");
    }
}
