//! The hub's integration tests: the whole HTTP surface driven through the router without a
//! socket (`tower::ServiceExt::oneshot`), plus one test over real TCP.

mod api;
mod assets;
mod channel_limits;
mod channels;
mod chat_log_settings;
mod cluster;
mod handoffs;
mod livechat;
mod records;
mod restart;
mod routing;
mod security;
mod sessions;
mod socket;
mod streams;
mod support;
mod workspace;
