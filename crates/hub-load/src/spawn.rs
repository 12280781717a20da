//! The local side of `--spawn`: hub processes (on a fresh SQLite file, or the database
//! `--database` names), their resident memory
//! read from `/proc/<pid>/status`, and the open-files limit both processes run under.
//!
//! The process is started with `std::process` (the workspace's tokio has no `process`
//! feature, and nothing here needs to await it): it is killed when [`SpawnedHub`] drops.
//! Its log goes to a file in the temporary directory, kept when the hub fails to start.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use contact_hub::HubConfig;

use crate::hubconfig::to_toml;

/// A hub started by the bench.
pub struct SpawnedHub {
    child: Child,
    pub url: String,
    pub pid: u32,
    pub dir: tempfile::TempDir,
}

impl std::fmt::Debug for SpawnedHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpawnedHub").field("url", &self.url).field("pid", &self.pid).finish()
    }
}

impl Drop for SpawnedHub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `contact-hub` next to the running binary (`target/release/` when built as the README says).
pub fn default_hub_bin() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("locating this binary")?;
    Ok(exe.with_file_name("contact-hub"))
}

/// Starts `bin serve` with `config` on a free loopback port, on `database` (a fresh SQLite
/// file in its temporary directory when `None`), and waits for `/health`.
pub async fn spawn_hub(
    bin: &Path,
    config: &HubConfig,
    database: Option<&str>,
) -> anyhow::Result<SpawnedHub> {
    if !bin.exists() {
        bail!(
            "no hub binary at {} (build it: cargo build --release --locked -p contact-hub, or \
             pass --hub-bin)",
            bin.display()
        );
    }
    let dir = tempfile::Builder::new().prefix("hub-load-").tempdir()?;
    let config_file = dir.path().join("hub.toml");
    std::fs::write(&config_file, to_toml(config)?)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let log = std::fs::File::create(dir.path().join("hub.log"))?;
    let child = Command::new(bin)
        .arg("serve")
        .arg("--config")
        .arg(&config_file)
        .arg("--database")
        .arg(database.map_or_else(|| dir.path().join("hub.sqlite3").into_os_string(), Into::into))
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "contact_hub=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let pid = child.id();
    let mut hub = SpawnedHub { child, url: format!("http://127.0.0.1:{port}"), pid, dir };
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = http.get(format!("{}/health", hub.url)).send().await {
            if response.status().is_success() {
                return Ok(hub);
            }
        }
        if let Some(status) = hub.child.try_wait()? {
            let log = std::fs::read_to_string(hub.dir.path().join("hub.log")).unwrap_or_default();
            bail!("the hub exited ({status}) before answering:\n{log}");
        }
        if Instant::now() > deadline {
            bail!("the hub did not answer /health within 30 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// HAProxy in front of spawned nodes (`--balancer`).
pub struct SpawnedBalancer {
    child: Child,
    pub url: String,
    _dir: tempfile::TempDir,
}

impl Drop for SpawnedBalancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts HAProxy (Debian's `haproxy`) on a free loopback port in front of `nodes`: round
/// robin, health checks on `/health` every 200 ms, a request whose connection a node refuses
/// sent to another, and each event sent on at once (`http-no-delay`: without it, small SSE
/// writes wait on TCP's delayed acknowledgements, about 200 ms); waits until it answers
/// `/health`.
pub async fn spawn_balancer(nodes: &[String]) -> anyhow::Result<SpawnedBalancer> {
    let dir = tempfile::Builder::new().prefix("hub-load-balancer-").tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let servers: String = nodes
        .iter()
        .enumerate()
        .map(|(n, url)| {
            let address = url.trim_start_matches("http://");
            format!("    server node{n} {address} check inter 200ms fall 1 rise 1\n")
        })
        .collect();
    // Each connection through it holds two descriptors; HAProxy refuses a `maxconn` the
    // open-files limit cannot hold.
    let maxconn = open_files_limit().map_or(4_000, |limit| limit.saturating_sub(100) / 2);
    let config = format!(
        "global\n    maxconn {maxconn}\n\
         defaults\n    mode http\n    timeout connect 1s\n    timeout client 1h\n\
         \x20   timeout server 1h\n    retries 3\n    option redispatch 1\n\
         frontend hub\n    bind 127.0.0.1:{port}\n    default_backend nodes\n\
         backend nodes\n    balance roundrobin\n    option httpchk GET /health\n\
         \x20   option http-no-delay\n{servers}"
    );
    let file = dir.path().join("haproxy.cfg");
    std::fs::write(&file, config)?;
    let log = std::fs::File::create(dir.path().join("haproxy.log"))?;
    let child = Command::new("haproxy")
        .arg("-f")
        .arg(&file)
        .arg("-db")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .context("starting haproxy (Debian's haproxy package)")?;
    let balancer = SpawnedBalancer { child, url: format!("http://127.0.0.1:{port}"), _dir: dir };
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = http.get(format!("{}/health", balancer.url)).send().await {
            if response.status().is_success() {
                return Ok(balancer);
            }
        }
        if Instant::now() > deadline {
            bail!("haproxy did not answer /health within 30 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A process's resident memory in KiB (`VmRSS`), when it can be read.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    parse_vm_rss(&status)
}

/// The summed resident memory of processes (several hub nodes), when any can be read.
pub fn total_rss_kib(pids: &[u32]) -> Option<u64> {
    pids.iter().filter_map(|pid| rss_kib(*pid)).reduce(|a, b| a + b)
}

fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The soft open-files limit of this process (the spawned hub inherits it).
pub fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|line| line.starts_with("Max open files"))?;
    line["Max open files".len()..].split_whitespace().next()?.parse().ok()
}

/// Samples processes' summed resident memory in the background: the peak, and the latest.
#[derive(Debug, Clone, Default)]
pub struct RssSampler {
    inner: Arc<Mutex<(u64, u64)>>,
}

impl RssSampler {
    /// Samples `pids` every 200 ms until the returned task is aborted.
    pub fn start(pids: Vec<u32>) -> (Self, tokio::task::JoinHandle<()>) {
        let sampler = Self::default();
        let inner = Arc::clone(&sampler.inner);
        let task = tokio::spawn(async move {
            loop {
                if let Some(kib) = total_rss_kib(&pids) {
                    let mut guard = inner.lock().unwrap();
                    guard.0 = guard.0.max(kib);
                    guard.1 = kib;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        (sampler, task)
    }

    /// The highest resident memory seen so far, in KiB.
    pub fn peak_kib(&self) -> u64 {
        self.inner.lock().unwrap().0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_rss_is_read_from_a_status_file() {
        let status = "Name:\tcontact-hub\nVmPeak:\t  900 kB\nVmRSS:\t   12345 kB\nThreads:\t3\n";
        assert_eq!(parse_vm_rss(status), Some(12345));
        assert_eq!(parse_vm_rss("Name:\tx\n"), None);
    }

    #[test]
    fn this_process_has_a_resident_size_and_an_open_files_limit() {
        let own = rss_kib(std::process::id()).unwrap();
        assert!(own > 0);
        // Twice the same process: twice its size, give or take what it grew in between.
        assert!(total_rss_kib(&[std::process::id(); 2]).unwrap() >= own * 2 * 9 / 10);
        assert_eq!(total_rss_kib(&[]), None);
        assert!(open_files_limit().unwrap() > 0);
    }
}
