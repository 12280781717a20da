//! The bench's options. The hub is reached by URL only (`--hub`, repeatable: agents and
//! customers are spread over the URLs in turn, or give one balancer URL); `--spawn` starts a
//! release hub locally instead, which is also the only case the bench knows the hub's
//! process (for its memory) without `--hub-pid`.

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "hub-load",
    version,
    about = "Load bench for the contact hub: agents on SSE, customers through the widget API"
)]
#[command(group(clap::ArgGroup::new("target").args(["hub", "spawn", "write_config"]).required(true)))]
pub struct Options {
    /// Base URL of a hub node or of a balancer (repeat for several nodes).
    #[arg(long, value_name = "URL")]
    pub hub: Vec<String>,
    /// Start the release hub (`--hub-bin`; `--nodes` of them, on `--database`), with a
    /// generated configuration for `--agents` agents.
    #[arg(long)]
    pub spawn: bool,
    /// With --spawn: how many hub nodes to start on the one database (agents and customers
    /// are spread over them in turn; more than one relays events between them).
    #[arg(long, default_value_t = 1)]
    pub nodes: usize,
    /// With --spawn: start HAProxy in front of the nodes and send every client through it
    /// (round robin, health checks every 200 ms, a refused connection sent to another node).
    #[arg(long)]
    pub balancer: bool,
    /// With --spawn, --nodes 2 or more and --balancer: SIGKILL the first node this many
    /// seconds into the arrivals. Clients then send a request again when its connection was
    /// dropped or the balancer found no node (messages keep their client id), and streams
    /// resume through the balancer with `Last-Event-ID`, as the desk and the widget do.
    #[arg(long, value_name = "SECS")]
    pub kill_node_after: Option<f64>,
    /// With --spawn: the database the nodes share (a PostgreSQL URL, or a SQLite file);
    /// default: a fresh SQLite file in a temporary directory.
    #[arg(long, value_name = "FILE|URL")]
    pub database: Option<String>,
    /// The hub binary `--spawn` runs; default: `contact-hub` next to this binary.
    #[arg(long, value_name = "FILE")]
    pub hub_bin: Option<PathBuf>,
    /// A hub process on this machine, to sample its resident memory from /proc (repeat for
    /// several nodes: the report gives their sum; known with --spawn).
    #[arg(long, value_name = "PID")]
    pub hub_pid: Vec<u32>,
    /// Write the generated hub configuration (TOML) for `--agents` agents and exit: what to
    /// start external nodes with before running the bench against them with `--hub`.
    #[arg(long, value_name = "FILE")]
    pub write_config: Option<PathBuf>,

    /// Agents signing in and following their event streams.
    #[arg(long, default_value_t = 100)]
    pub agents: usize,
    /// Conversations an agent holds at once (in the generated configuration).
    #[arg(long, default_value_t = 6)]
    pub capacity: u32,
    /// Customers arriving per second.
    #[arg(long, default_value_t = 10.0)]
    pub rate: f64,
    /// Seconds customers keep arriving.
    #[arg(long, default_value_t = 30.0)]
    pub duration: f64,
    /// Exactly this many arrivals (at `--rate`), instead of `--duration`.
    #[arg(long)]
    pub arrivals: Option<usize>,
    /// Open conversations to create before measuring (waiting in `--backlog-queue`, which no
    /// bench agent serves), to measure what an arrival costs as they grow.
    #[arg(long, default_value_t = 0)]
    pub open: usize,
    /// Pre-fill requests in flight at once.
    #[arg(long, default_value_t = 8)]
    pub open_concurrency: usize,
    /// How long an agent looks at an offer before accepting it.
    #[arg(long, default_value_t = 200)]
    pub accept_delay_ms: u64,
    /// Sign-ins in flight at once (the hub checks a few passwords at a time).
    #[arg(long, default_value_t = 8)]
    pub login_concurrency: usize,
    /// Event streams being opened at once.
    #[arg(long, default_value_t = 64)]
    pub stream_concurrency: usize,
    /// After the last arrival, how long to wait for every conversation to close.
    #[arg(long, default_value_t = 60.0)]
    pub drain_secs: f64,

    /// Agent user names are `<prefix>-00000`, `<prefix>-00001`, …
    #[arg(long, default_value = "bench")]
    pub username_prefix: String,
    /// Every bench agent's password.
    #[arg(long, default_value = "bench-password")]
    pub password: String,
    /// The Livechat queue the customers arrive in (every bench agent serves it).
    #[arg(long, default_value = "bench")]
    pub queue: String,
    /// The Livechat queue the pre-filled conversations wait in (no bench agent serves it).
    #[arg(long, default_value = "backlog")]
    pub backlog_queue: String,

    /// Also write the report as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

impl Options {
    /// The user name of agent `index`.
    pub fn username(&self, index: usize) -> String {
        format!("{}-{index:05}", self.username_prefix)
    }

    /// How many customers arrive in the measured phase.
    pub fn arrival_count(&self) -> usize {
        self.arrivals.unwrap_or_else(|| (self.rate * self.duration).round() as usize)
    }
}
