//! One bench run, phase by phase: sign in every agent (a few at a time), open every stream
//! and wait for its snapshot, go Available (together: the connect time), pre-fill the open
//! conversations, let customers arrive at the rate (open loop: each on its own schedule,
//! whatever the hub's answers take), then drain until every conversation is closed or the
//! drain time is up. The hub is reached only through the base URLs of [`Target`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use futures_util::StreamExt;
use hub_protocol::Reason;
use tokio::sync::{oneshot, watch};

use crate::agents::{self, SignedIn};
use crate::cli::Options;
use crate::customers;
use crate::journal::{Journal, Obs};
use crate::report::{Phases, Report};
use crate::spawn::{total_rss_kib, RssSampler};

/// Where the hub is: one or more base URLs (nodes, or one balancer), and its processes when
/// the bench can see them (for their memory).
#[derive(Debug, Clone)]
pub struct Target {
    pub bases: Vec<String>,
    pub hub_pids: Vec<u32>,
    /// A node to SIGKILL (its pid) this long into the arrivals.
    pub kill: Option<(Duration, u32)>,
    /// Said in the report (what the configuration changed, the open-files limit…).
    pub notes: Vec<String>,
}

/// What every task of the run shares.
#[derive(Debug)]
pub struct Ctx {
    pub http: reqwest::Client,
    pub journal: Journal,
    pub options: Options,
    /// Becomes true when the run is over: streams close, waiting agents give up.
    pub stop: watch::Receiver<bool>,
    /// The wrap-up reason agents submit (the hub's first), once known.
    pub wrapup_reason: OnceLock<Option<String>>,
    /// Agents waiting for their customer's answer, by conversation.
    pub reply_waiters: Mutex<HashMap<String, oneshot::Sender<()>>>,
    /// Whether a node is killed in this run: requests are then sent again after a
    /// connection was dropped (see [`Ctx::send`]).
    pub failover: bool,
    /// Requests sent again after a dropped connection.
    pub resent: std::sync::atomic::AtomicUsize,
}

/// How often, and how far apart, a request is sent again in a run where a node dies.
const RESENDS: usize = 20;
const RESEND_PAUSE: Duration = Duration::from_millis(250);

/// A request's own time limit (event streams have none).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

impl Ctx {
    /// Sends a request; a status other than 2xx is an error with the hub's answer.
    ///
    /// In a run where a node is killed, a request whose connection dropped (or that the
    /// balancer answered 502/503: no node) is sent again, as a client does after a network
    /// error; the hub's answer to the last try is the answer.
    pub async fn send(
        &self,
        mut request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, String> {
        let mut tries = 0;
        let response = loop {
            let again = if self.failover { request.try_clone() } else { None };
            let outcome = request.timeout(REQUEST_TIMEOUT).send().await;
            let dropped = match &outcome {
                Err(error) => !error.is_timeout(),
                Ok(response) => matches!(response.status().as_u16(), 502 | 503),
            };
            match again {
                Some(again) if dropped && tries < RESENDS => {
                    tries += 1;
                    self.resent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(RESEND_PAUSE).await;
                    request = again;
                }
                _ => break outcome.map_err(|e| describe(&e))?,
            }
        };
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let body = response.text().await.unwrap_or_default();
        Err(format!("{status}: {body}"))
    }
}

/// An error with its causes (reqwest's own message leaves out whether it timed out, was
/// refused or was reset).
pub fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn mib(kib: Option<u64>) -> Option<f64> {
    kib.map(|kib| kib as f64 / 1024.0)
}

/// Runs the bench against `target`.
pub async fn run(options: &Options, target: &Target) -> anyhow::Result<Report> {
    anyhow::ensure!(!target.bases.is_empty(), "no hub URL");
    anyhow::ensure!(options.rate > 0.0, "--rate must be positive");
    let bases: Vec<String> =
        target.bases.iter().map(|base| base.trim_end_matches('/').to_owned()).collect();
    let start = Instant::now();
    let (stop_tx, stop) = watch::channel(false);
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .build()?;
    let ctx = Arc::new(Ctx {
        http,
        journal: Journal::new(start),
        options: options.clone(),
        stop,
        wrapup_reason: OnceLock::new(),
        reply_waiters: Mutex::default(),
        failover: target.kill.is_some(),
        resent: Default::default(),
    });
    let sampler = (!target.hub_pids.is_empty()).then(|| RssSampler::start(target.hub_pids.clone()));
    let rss_now = || total_rss_kib(&target.hub_pids);
    let mut phases = Phases::default();

    // Sign in.
    let phase = Instant::now();
    let results: Vec<anyhow::Result<SignedIn>> = futures_util::stream::iter(0..options.agents)
        .map(|index| {
            let ctx = Arc::clone(&ctx);
            let base = bases[index % bases.len()].clone();
            async move { agents::sign_in(&ctx, index, &base).await }
        })
        .buffer_unordered(options.login_concurrency.max(1))
        .collect()
        .await;
    let mut signed_in = results.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    signed_in.sort_by_key(|agent| agent.index);
    phases.sign_in_secs = phase.elapsed().as_secs_f64();
    phases.rss_after_sign_in_mib = mib(rss_now());
    let capacities: Vec<u32> = signed_in.iter().map(|agent| agent.capacity).collect();
    if let Some(agent) = signed_in.first() {
        let request =
            ctx.http.get(format!("{}/v1/wrapup-reasons", agent.base)).bearer_auth(&agent.token);
        let reasons: Vec<Reason> = ctx
            .send(request)
            .await
            .map_err(anyhow::Error::msg)
            .context("reading the wrap-up reasons")?
            .json()
            .await?;
        let _ = ctx.wrapup_reason.set(reasons.first().map(|reason| reason.id.clone()));
    }

    // Open every stream; each is ready at its snapshot.
    let phase = Instant::now();
    let agents: Vec<Arc<SignedIn>> = signed_in.into_iter().map(Arc::new).collect();
    let opened: Vec<(tokio::task::JoinHandle<()>, bool)> =
        futures_util::stream::iter(agents.iter().cloned())
            .map(|agent| {
                let ctx = Arc::clone(&ctx);
                async move {
                    let (ready, is_ready) = oneshot::channel();
                    let follower = tokio::spawn(agents::follow(ctx, agent, ready));
                    let ok = tokio::time::timeout(Duration::from_secs(60), is_ready).await;
                    (follower, matches!(ok, Ok(Ok(()))))
                }
            })
            .buffer_unordered(options.stream_concurrency.max(1))
            .collect()
            .await;
    let not_ready = opened.iter().filter(|(_, ready)| !ready).count();
    anyhow::ensure!(not_ready == 0, "{not_ready} agent streams did not open within 60 s");
    let followers: Vec<_> = opened.into_iter().map(|(follower, _)| follower).collect();
    phases.streams_secs = phase.elapsed().as_secs_f64();

    // Available.
    let phase = Instant::now();
    futures_util::stream::iter(agents.iter().cloned())
        .map(|agent| {
            let ctx = Arc::clone(&ctx);
            async move { agents::go_available(&ctx, &agent).await }
        })
        .buffer_unordered(options.stream_concurrency.max(1))
        .collect::<Vec<()>>()
        .await;
    phases.available_secs = phase.elapsed().as_secs_f64();
    phases.connect_secs = start.elapsed().as_secs_f64();
    phases.rss_after_connect_mib = mib(rss_now());

    // Pre-fill the open conversations.
    let phase = Instant::now();
    let open_samples = customers::prefill(Arc::clone(&ctx), &bases, options.open).await;
    phases.prefill_secs = phase.elapsed().as_secs_f64();
    phases.rss_after_prefill_mib = mib(rss_now());

    // Arrivals, open loop.
    let phase = Instant::now();
    if let Some((after, pid)) = target.kill {
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            let mut kill = std::process::Command::new("kill");
            match kill.args(["-KILL", &pid.to_string()]).status() {
                Ok(status) if status.success() => eprintln!("hub-load: killed node pid {pid}"),
                other => eprintln!("hub-load: killing node pid {pid} failed: {other:?}"),
            }
        });
    }
    let count = options.arrival_count();
    let interval = Duration::from_secs_f64(1.0 / options.rate);
    let mut customers = Vec::with_capacity(count);
    for n in 0..count {
        tokio::time::sleep_until((phase + interval * n as u32).into()).await;
        let base = bases[n % bases.len()].clone();
        customers.push(tokio::spawn(customers::arrive(Arc::clone(&ctx), base, n)));
    }
    phases.arrivals_secs = phase.elapsed().as_secs_f64();

    // Drain: every customer gone and every conversation closed, or the time is up.
    let phase = Instant::now();
    let deadline = phase + Duration::from_secs_f64(options.drain_secs);
    loop {
        let arrived = ctx.journal.count(|obs| matches!(obs, Obs::Arrival { .. }));
        let closed = ctx.journal.count(|obs| matches!(obs, Obs::Closed { .. }));
        let customers_done = customers.iter().all(|customer| customer.is_finished());
        if (customers_done && closed >= arrived) || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    phases.drain_secs = phase.elapsed().as_secs_f64();
    phases.rss_end_mib = mib(rss_now());
    phases.rss_peak_mib = sampler.as_ref().map(|(sampler, _)| sampler.peak_kib() as f64 / 1024.0);
    let _ = stop_tx.send(true);
    for task in customers.into_iter().chain(followers) {
        let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
    }
    if let Some((_, task)) = sampler {
        task.abort();
    }
    let mut target = target.clone();
    if let Some((after, pid)) = target.kill {
        let resent = ctx.resent.load(std::sync::atomic::Ordering::Relaxed);
        target.notes.push(format!(
            "node pid {pid} killed (SIGKILL) {:.1} s into the arrivals; requests sent again \
             after a dropped connection: {resent}",
            after.as_secs_f64()
        ));
    }
    Ok(Report::build(options, &target, phases, &ctx.journal.snapshot(), &capacities, &open_samples))
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    fn ctx(failover: bool) -> (Ctx, watch::Sender<bool>) {
        let (stop_tx, stop) = watch::channel(false);
        let ctx = Ctx {
            http: reqwest::Client::new(),
            journal: Journal::new(Instant::now()),
            options: Options::parse_from(["hub-load", "--spawn"]),
            stop,
            wrapup_reason: OnceLock::new(),
            reply_waiters: Mutex::default(),
            failover,
            resent: Default::default(),
        };
        (ctx, stop_tx)
    }

    /// A server that drops its first `drops` connections unanswered, then answers 200.
    async fn flaky_server(drops: usize) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            for n in 0.. {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                if n >= drops {
                    let answer =
                        "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok";
                    socket.write_all(answer.as_bytes()).await.unwrap();
                }
            }
        });
        url
    }

    #[tokio::test]
    async fn in_a_run_where_a_node_dies_a_dropped_request_is_sent_again() {
        let url = flaky_server(2).await;
        let (ctx, _stop) = ctx(true);
        let response = ctx.send(ctx.http.post(&url).body("{}")).await.unwrap();
        assert_eq!(response.text().await.unwrap(), "ok");
        assert_eq!(ctx.resent.load(std::sync::atomic::Ordering::Relaxed), 2);
    }

    #[tokio::test]
    async fn otherwise_a_dropped_request_is_a_failure() {
        let url = flaky_server(1).await;
        let (ctx, _stop) = ctx(false);
        assert!(ctx.send(ctx.http.post(&url).body("{}")).await.is_err());
        assert_eq!(ctx.resent.load(std::sync::atomic::Ordering::Relaxed), 0);
    }
}
