//! `contact-hub`: run the hub standalone, hash a password for its configuration, or print
//! the demo configuration to start one from.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use contact_hub::{hash_password, Database, HubConfig, RunningHub};

#[derive(Parser)]
#[command(
    name = "contact-hub",
    version,
    about = "The contact hub: routes customer conversations to agents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the hub's HTTP API, event streams and Livechat widget.
    Serve(Serve),
    /// Read a password from stdin and print its argon2 hash for `password_hash`.
    HashPassword,
    /// Print the demo configuration (TOML).
    DemoConfig,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["config", "demo"])))]
struct Serve {
    /// The configuration file (TOML).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Use the shipped demo configuration (agents' password: demo).
    #[arg(long)]
    demo: bool,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8700")]
    listen: SocketAddr,
    /// The database: a SQLite file (created if missing), or a PostgreSQL database's URL
    /// (`postgres://user:password@host:5432/name`, which must exist; the hub creates its
    /// tables), which several hub nodes may share.
    #[arg(long, value_name = "FILE|URL", default_value = "contact-hub.sqlite3",
          value_parser = |text: &str| Ok::<_, std::convert::Infallible>(Database::parse(text)))]
    database: Database,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "contact_hub=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve(serve) => run(serve).await,
        Command::HashPassword => {
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .context("reading the password from stdin")?;
            let password = input.strip_suffix('\n').unwrap_or(&input);
            let password = password.strip_suffix('\r').unwrap_or(password);
            if password.is_empty() {
                bail!("no password on stdin");
            }
            println!(
                "{}",
                hash_password(password).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?
            );
            Ok(())
        }
        Command::DemoConfig => {
            print!("{}", HubConfig::demo_toml());
            Ok(())
        }
    }
}

async fn run(serve: Serve) -> anyhow::Result<()> {
    let config = match &serve.config {
        Some(path) => HubConfig::load(path)?,
        None => HubConfig::demo(),
    };
    let hub = RunningHub::start(config, serve.database, serve.listen).await?;
    eprintln!(
        "contact hub on {} (widget: {}/chat); Ctrl-C stops it",
        hub.base_url(),
        hub.base_url()
    );
    tokio::signal::ctrl_c().await.context("waiting for Ctrl-C")?;
    hub.shutdown().await;
    Ok(())
}
