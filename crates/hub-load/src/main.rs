//! `hub-load`: see the library's documentation (`src/lib.rs`) and the README's "Load bench".
//! Exits 1 when a check fails (over capacity, a duplicate, a lost message, an unfinished
//! conversation, a failed request), 2 when the run itself could not be made.

use std::process::ExitCode;

use clap::Parser;
use hub_load::hubconfig::{bench_config, password_hash, to_toml, RAISED_LIMITS};
use hub_load::spawn::{default_hub_bin, open_files_limit, spawn_balancer, spawn_hub};
use hub_load::{run, Options, Target};

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    match bench(options).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("hub-load: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the bench; `Ok(false)` when a check failed.
async fn bench(options: Options) -> anyhow::Result<bool> {
    let mut notes = Vec::new();
    if let Some(limit) = open_files_limit() {
        // Each agent holds a stream, each waiting customer another; the hub holds the same.
        let needed = (options.agents as u64) * 2 + 2_000;
        let note = format!("open-files limit {limit} (this run wants about {needed})");
        if limit < needed {
            eprintln!("hub-load: warning: {note}; raise it with `ulimit -n`");
        }
        notes.push(note);
    }
    let spawned = if options.spawn || options.write_config.is_some() {
        eprintln!("hub-load: hashing the agents' password once");
        let config = bench_config(&options, &password_hash(&options.password)?)?;
        if let Some(file) = &options.write_config {
            std::fs::write(file, to_toml(&config)?)?;
            eprintln!("hub-load: wrote {} ({} agents)", file.display(), options.agents);
            return Ok(true);
        }
        let bin = match &options.hub_bin {
            Some(bin) => bin.clone(),
            None => default_hub_bin()?,
        };
        let mut config = config;
        if options.nodes > 1 {
            // Several nodes: each relays the events of the others' transitions.
            config.server.cluster_poll_ms = 20;
        }
        let mut hubs = Vec::new();
        for _ in 0..options.nodes.max(1) {
            let hub = spawn_hub(&bin, &config, options.database.as_deref()).await?;
            eprintln!("hub-load: started {} (pid {}) at {}", bin.display(), hub.pid, hub.url);
            hubs.push(hub);
        }
        notes.push(RAISED_LIMITS.to_owned());
        if let Some(database) = &options.database {
            notes.push(format!(
                "{} node(s) on {}",
                hubs.len(),
                contact_hub::Database::parse(database)
            ));
        }
        hubs
    } else {
        Vec::new()
    };
    let node_urls: Vec<String> = spawned.iter().map(|hub| hub.url.clone()).collect();
    let balancer = if options.balancer && !spawned.is_empty() {
        let balancer = spawn_balancer(&node_urls).await?;
        eprintln!("hub-load: HAProxy in front of the nodes at {}", balancer.url);
        notes.push(format!("HAProxy in front of {} node(s)", node_urls.len()));
        Some(balancer)
    } else {
        None
    };
    let kill = match options.kill_node_after {
        Some(after) => {
            anyhow::ensure!(
                balancer.is_some() && spawned.len() >= 2,
                "--kill-node-after needs --spawn, --nodes 2 or more and --balancer"
            );
            Some((std::time::Duration::from_secs_f64(after), spawned[0].pid))
        }
        None => None,
    };
    let target = if spawned.is_empty() {
        Target { bases: options.hub.clone(), hub_pids: options.hub_pid.clone(), kill, notes }
    } else {
        Target {
            bases: match &balancer {
                Some(balancer) => vec![balancer.url.clone()],
                None => node_urls,
            },
            hub_pids: spawned.iter().map(|hub| hub.pid).collect(),
            kill,
            notes,
        }
    };
    let report = run(&options, &target).await?;
    println!("{report}");
    if let Some(file) = &options.json {
        std::fs::write(file, serde_json::to_string_pretty(&report)?)?;
    }
    drop(balancer);
    drop(spawned);
    Ok(report.checks.violations() == 0)
}
