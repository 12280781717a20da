//! The report: the phases' times and the hub's memory, the latencies joined from the
//! journal (arrival → offer, accept, agent message → customer, customer message → agent),
//! the throughput, the arrival cost as open conversations grow, and the checks. Printed as
//! a plain-text table; `--json` writes the same as JSON.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::checks::{check, Checks};
use crate::cli::Options;
use crate::customers::OpenSample;
use crate::journal::{Micros, Obs};
use crate::metrics::Summary;
use crate::run::Target;

/// How long each phase took, and the hub's resident memory along the way (when known).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Phases {
    pub sign_in_secs: f64,
    pub streams_secs: f64,
    pub available_secs: f64,
    /// From the start to every agent signed in, streaming and Available.
    pub connect_secs: f64,
    pub prefill_secs: f64,
    pub arrivals_secs: f64,
    pub drain_secs: f64,
    pub rss_after_sign_in_mib: Option<f64>,
    pub rss_after_connect_mib: Option<f64>,
    pub rss_after_prefill_mib: Option<f64>,
    pub rss_peak_mib: Option<f64>,
    pub rss_end_mib: Option<f64>,
}

/// The measured latencies.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Latencies {
    /// The customer's start request, sent → answered.
    pub arrival_request: Summary,
    /// Start request sent → the offer on an agent's stream.
    pub arrival_to_offer: Summary,
    /// Accept sent → the assignment on the agent's stream.
    pub accept: Summary,
    /// Agent's message sent → on the customer's stream.
    pub agent_to_customer: Summary,
    /// Customer's message sent → on the agent's stream.
    pub customer_to_agent: Summary,
    /// Start request sent → closed after wrap-up (the whole conversation).
    pub conversation: Summary,
}

/// Work done per second, from the first arrival to the last close.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Throughput {
    pub window_secs: f64,
    pub arrivals: usize,
    pub assignments: usize,
    pub closed: usize,
    /// Bench messages (agent's and customer's) that reached the other side.
    pub messages: usize,
    pub assignments_per_sec: f64,
    pub messages_per_sec: f64,
}

/// The pre-filled starts by how many were open before them: their latency (with
/// `--open-concurrency` in flight) and how many the hub took a second at that level (the
/// inverse of what one start costs it).
#[derive(Debug, Clone, Serialize)]
pub struct OpenLevel {
    pub open_from: usize,
    pub open_to: usize,
    pub starts_per_sec: f64,
    pub start_request: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub hubs: Vec<String>,
    pub agents: usize,
    pub capacity: u32,
    pub rate_per_sec: f64,
    pub accept_delay_ms: u64,
    pub open_prefilled: usize,
    pub phases: Phases,
    pub latencies: Latencies,
    pub throughput: Throughput,
    /// Pre-fill rate (starts per second) and its latency by open level.
    pub prefill_per_sec: f64,
    pub open_levels: Vec<OpenLevel>,
    pub stream_reconnects: usize,
    pub checks: Checks,
    pub notes: Vec<String>,
}

/// Ten levels (or fewer) over the pre-fill samples.
fn open_levels(samples: &[OpenSample]) -> Vec<OpenLevel> {
    let Some(last) = samples.last() else { return Vec::new() };
    let step = (last.n + 1).div_ceil(10).max(1);
    samples
        .chunk_by(|a, b| a.n / step == b.n / step)
        .map(|chunk| {
            let began = chunk.iter().map(|s| s.sent).min().unwrap_or(0);
            let ended = chunk.iter().map(|s| s.sent + s.took).max().unwrap_or(began);
            let secs = ended.saturating_sub(began) as f64 / 1e6;
            OpenLevel {
                open_from: chunk[0].n,
                open_to: chunk[chunk.len() - 1].n + 1,
                starts_per_sec: if secs > 0.0 { chunk.len() as f64 / secs } else { 0.0 },
                start_request: Summary::of_micros(chunk.iter().map(|s| s.took).collect()),
            }
        })
        .collect()
}

/// `later - earlier` for each key both have.
fn joined<K: std::hash::Hash + Eq>(
    earlier: &HashMap<K, Micros>,
    later: &HashMap<K, Micros>,
) -> Vec<Micros> {
    earlier.iter().filter_map(|(key, t0)| later.get(key).map(|t1| t1.saturating_sub(*t0))).collect()
}

/// The first time per key.
fn first<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Micros>, key: K, at: Micros) {
    map.entry(key).and_modify(|t| *t = (*t).min(at)).or_insert(at);
}

impl Report {
    pub fn build(
        options: &Options,
        target: &Target,
        phases: Phases,
        journal: &[Obs],
        capacities: &[u32],
        open_samples: &[OpenSample],
    ) -> Report {
        let mut arrival_sent = HashMap::new();
        let mut request = Vec::new();
        let mut offered = HashMap::new();
        let mut accept_sent = HashMap::new();
        let mut assigned = HashMap::new();
        let mut closed = HashMap::new();
        let mut agent_sent = HashMap::new();
        let mut customer_saw = HashMap::new();
        let mut customer_sent = HashMap::new();
        let mut agent_saw = HashMap::new();
        let mut reconnects = 0;
        for obs in journal {
            match obs {
                Obs::Arrival { conv, sent, answered } => {
                    arrival_sent.insert(conv.as_str(), *sent);
                    request.push(answered - sent);
                }
                Obs::Offered { conv, at, .. } => first(&mut offered, conv.as_str(), *at),
                Obs::AcceptSent { conv, at, .. } => first(&mut accept_sent, conv.as_str(), *at),
                Obs::Assigned { conv, at, owner: true, .. } => {
                    first(&mut assigned, conv.as_str(), *at)
                }
                Obs::Closed { conv, at, .. } => first(&mut closed, conv.as_str(), *at),
                Obs::AgentSent { message, at, .. } => first(&mut agent_sent, message.as_str(), *at),
                Obs::CustomerSaw { message, at, .. } => {
                    first(&mut customer_saw, message.as_str(), *at)
                }
                Obs::CustomerSent { message, at, .. } => {
                    first(&mut customer_sent, message.as_str(), *at)
                }
                Obs::AgentSaw { message, at, .. } => first(&mut agent_saw, message.as_str(), *at),
                Obs::Reconnected { .. } => reconnects += 1,
                _ => {}
            }
        }
        let agent_to_customer = joined(&agent_sent, &customer_saw);
        let customer_to_agent = joined(&customer_sent, &agent_saw);
        let messages = agent_to_customer.len() + customer_to_agent.len();
        let latencies = Latencies {
            arrival_request: Summary::of_micros(request),
            arrival_to_offer: Summary::of_micros(joined(&arrival_sent, &offered)),
            accept: Summary::of_micros(joined(&accept_sent, &assigned)),
            agent_to_customer: Summary::of_micros(agent_to_customer),
            customer_to_agent: Summary::of_micros(customer_to_agent),
            conversation: Summary::of_micros(joined(&arrival_sent, &closed)),
        };
        let window_start = arrival_sent.values().min().copied().unwrap_or(0);
        let window_end = closed.values().max().copied().unwrap_or(window_start);
        let window_secs = (window_end.saturating_sub(window_start)) as f64 / 1e6;
        let per_sec = |n: usize| if window_secs > 0.0 { n as f64 / window_secs } else { 0.0 };
        let throughput = Throughput {
            window_secs,
            arrivals: arrival_sent.len(),
            assignments: assigned.len(),
            closed: closed.len(),
            messages,
            assignments_per_sec: per_sec(assigned.len()),
            messages_per_sec: per_sec(messages),
        };
        let prefill_per_sec = if phases.prefill_secs > 0.0 {
            open_samples.len() as f64 / phases.prefill_secs
        } else {
            0.0
        };
        Report {
            hubs: target.bases.clone(),
            agents: options.agents,
            capacity: capacities.iter().copied().max().unwrap_or(options.capacity),
            rate_per_sec: options.rate,
            accept_delay_ms: options.accept_delay_ms,
            open_prefilled: open_samples.len(),
            phases,
            latencies,
            throughput,
            prefill_per_sec,
            open_levels: open_levels(open_samples),
            stream_reconnects: reconnects,
            checks: check(journal, capacities),
            notes: target.notes.clone(),
        }
    }
}

fn opt_mib(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |mib| format!("{mib:.0} MiB"))
}

fn row(f: &mut fmt::Formatter<'_>, name: &str, s: &Summary) -> fmt::Result {
    write_row(f, name, s)?;
    writeln!(f)
}

fn write_row(f: &mut fmt::Formatter<'_>, name: &str, s: &Summary) -> fmt::Result {
    write!(
        f,
        "  {name:<28} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
        s.count, s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.phases;
        writeln!(f, "hub-load against {}", self.hubs.join(", "))?;
        writeln!(
            f,
            "  agents {} (capacity {}), rate {}/s, accept delay {} ms, open pre-filled {}",
            self.agents,
            self.capacity,
            self.rate_per_sec,
            self.accept_delay_ms,
            self.open_prefilled
        )?;
        writeln!(f)?;
        writeln!(f, "connect")?;
        writeln!(
            f,
            "  {:.1} s in all: sign-in {:.1} s, streams {:.1} s, available {:.1} s",
            p.connect_secs, p.sign_in_secs, p.streams_secs, p.available_secs
        )?;
        writeln!(
            f,
            "phases: pre-fill {:.1} s ({:.0}/s), arrivals {:.1} s, drain {:.1} s",
            p.prefill_secs, self.prefill_per_sec, p.arrivals_secs, p.drain_secs
        )?;
        writeln!(
            f,
            "hub memory (RSS): after sign-in {}, after connect {}, after pre-fill {}, peak {}, \
             end {}",
            opt_mib(p.rss_after_sign_in_mib),
            opt_mib(p.rss_after_connect_mib),
            opt_mib(p.rss_after_prefill_mib),
            opt_mib(p.rss_peak_mib),
            opt_mib(p.rss_end_mib)
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "  {:<28} {:>7} {:>9} {:>9} {:>9} {:>9}",
            "latency (ms)", "n", "p50", "p95", "p99", "max"
        )?;
        let l = &self.latencies;
        row(f, "arrival request", &l.arrival_request)?;
        row(f, "arrival -> offer", &l.arrival_to_offer)?;
        row(f, "accept -> assigned", &l.accept)?;
        row(f, "agent msg -> customer", &l.agent_to_customer)?;
        row(f, "customer msg -> agent", &l.customer_to_agent)?;
        row(f, "arrival -> closed", &l.conversation)?;
        if !self.open_levels.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "  {:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}",
                "pre-fill start (ms)", "n", "p50", "p95", "p99", "max", "starts/s"
            )?;
            for level in &self.open_levels {
                let name = format!("open {}..{}", level.open_from, level.open_to);
                write_row(f, &name, &level.start_request)?;
                writeln!(f, " {:>9.0}", level.starts_per_sec)?;
            }
        }
        let t = &self.throughput;
        writeln!(f)?;
        writeln!(
            f,
            "throughput over {:.1} s: {} arrivals, {} assigned ({:.1}/s), {} closed, {} messages \
             delivered ({:.1}/s); stream reconnects {}",
            t.window_secs,
            t.arrivals,
            t.assignments,
            t.assignments_per_sec,
            t.closed,
            t.messages,
            t.messages_per_sec,
            self.stream_reconnects
        )?;
        let c = &self.checks;
        writeln!(
            f,
            "checks: over capacity {}, duplicate offers {} (unconfirmed {}), duplicate \
             assignments {}, duplicate messages {}, lost messages {}, unfinished {}, failed \
             requests {} => {}",
            c.over_capacity,
            c.duplicate_offers,
            c.unconfirmed_offers,
            c.duplicate_assignments,
            c.duplicate_messages,
            c.lost_messages,
            c.unfinished_conversations,
            c.failures,
            if c.violations() == 0 { "PASS" } else { "FAIL" }
        )?;
        for (action, count) in &c.failures_by_action {
            writeln!(f, "  failed: {action}: {count}")?;
        }
        for example in &c.examples {
            writeln!(f, "  - {example}")?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_fill_samples_are_cut_into_ten_levels() {
        // One start every millisecond, each taking 2 ms.
        let samples: Vec<OpenSample> =
            (0..1000).map(|n| OpenSample { n, sent: n as u64 * 1000, took: 2000 }).collect();
        let levels = open_levels(&samples);
        assert_eq!(levels.len(), 10);
        assert_eq!((levels[0].open_from, levels[0].open_to), (0, 100));
        assert_eq!((levels[9].open_from, levels[9].open_to), (900, 1000));
        assert_eq!(levels[9].start_request.count, 100);
        assert_eq!(levels[9].start_request.p50_ms, 2.0);
        // 100 starts from 900 ms to 1001 ms.
        assert!((levels[9].starts_per_sec - 100.0 / 0.101).abs() < 1e-6);
        assert!(open_levels(&[]).is_empty());
    }
}
