//! The installed app, as an agent gets it: the `.deb` that `scripts/package` builds is
//! installed with apt, its desktop entry and AppStream metadata pass the freedesktop
//! validators, `/usr/bin/agent-desk` is started through WebDriver, signs in to a real hub and
//! accepts a customer's request; then the package is removed and nothing it installed is
//! left behind.
//!
//! It installs a system package, so it needs root (CI runs as root; elsewhere `sudo` is
//! used, as `scripts/setup` does). `scripts/test` builds the package first.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::desk::Launch;
use crate::support::{exclusive, Customer, DeskApp, TestHub};

const PACKAGE: &str = "agent-desk";
const INSTALLED_BINARY: &str = "/usr/bin/agent-desk";

/// The `.deb` this checkout's `scripts/package` built.
fn built_deb() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("agent-desk_") && name.ends_with(".deb")
        })
        .collect();
    match debs.as_slice() {
        [deb] => deb.clone(),
        _ => panic!("expected one .deb in {}: build it with scripts/package", dir.display()),
    }
}

/// Runs a command as root (directly when the tests already are), returning whether it
/// succeeded and what it printed.
fn as_root(program: &str, args: &[&str]) -> (bool, String) {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let mut command = if root { Command::new(program) } else { Command::new("sudo") };
    if !root {
        command.arg("-n").arg(program);
    }
    let output = command
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output =
        Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The files (not directories) the installed package owns, as dpkg lists them.
fn owned_files() -> Vec<PathBuf> {
    let (ok, listing) = run("dpkg", &["-L", PACKAGE]);
    assert!(ok, "dpkg -L {PACKAGE}: {listing}");
    listing.lines().map(PathBuf::from).filter(|p| p.is_file() || p.is_symlink()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deb_installs_runs_accepts_a_request_and_removes_cleanly() {
    let _one_at_a_time = exclusive().await;
    let deb = built_deb();
    // A previous run that stopped half-way may have left it installed.
    if run("dpkg", &["-s", PACKAGE]).0 {
        as_root("apt-get", &["remove", "-y", "--purge", PACKAGE]);
    }
    let (ok, log) = as_root("apt-get", &["install", "-y", &deb.to_string_lossy()]);
    assert!(ok, "apt-get install {}: {log}", deb.display());

    // What a desktop shows of it: a valid desktop entry named after the package, its icon,
    // and AppStream metadata a software centre accepts.
    let files = owned_files();
    let owns = |path: &str| files.iter().any(|f| f == Path::new(path));
    assert!(owns(INSTALLED_BINARY), "{files:?}");
    let desktop = "/usr/share/applications/agent-desk.desktop";
    assert!(owns(desktop), "{files:?}");
    let (valid, report) = run("desktop-file-validate", &[desktop]);
    assert!(valid && report.trim().is_empty(), "{desktop}: {report}");
    let entry = std::fs::read_to_string(desktop).unwrap();
    for line in ["Name=Agent Desk", "Exec=agent-desk", "Icon=agent-desk", "Comment[ar]="] {
        assert!(entry.lines().any(|l| l.starts_with(line)), "{line} missing in {entry}");
    }
    assert!(files.iter().any(|f| f.starts_with("/usr/share/icons/hicolor")
        && f.file_name().is_some_and(|n| n == "agent-desk.png")));
    let metainfo = "/usr/share/metainfo/app.agentdesk.desk.metainfo.xml";
    assert!(owns(metainfo), "{files:?}");
    let (valid, report) = run("appstreamcli", &["validate", "--no-net", metainfo]);
    assert!(valid, "{metainfo}: {report}");
    let (_, fields) =
        run("dpkg-query", &["-W", "-f=${Maintainer}\n${Homepage}\n${Description}", PACKAGE]);
    assert!(
        fields.contains("team@agentdesk.app") && fields.contains("https://agentdesk.app"),
        "{fields}"
    );
    assert!(fields.contains("masked"), "a real long description: {fields}");

    // The installed binary, as an agent starts it: sign in to a team hub, take a chat.
    let hub =
        TestHub::start(TestHub::config(|config| config.settings.accept_timeout_secs = 120)).await;
    let desk =
        DeskApp::launch(Launch { application: Some(INSTALLED_BINARY), ..Launch::default() }).await;
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    let customer =
        Customer::start(&hub.url(), "Ada Lovelace", "Hello from the installed desk").await;
    let offer = format!(".offer[data-conversation-id={:?}]", customer.conversation_id);
    desk.click(&format!("{offer} .accept")).await;
    desk.wait_gone(&offer).await;
    desk.wait_text("#messages", |text| text.contains("Hello from the installed desk")).await;
    desk.screenshot("installed-deb-en-US").await;
    desk.quit().await;

    // Removed, it leaves nothing of its own behind.
    let (ok, log) = as_root("apt-get", &["remove", "-y", "--purge", PACKAGE]);
    assert!(ok, "apt-get remove: {log}");
    assert!(!run("dpkg", &["-L", PACKAGE]).0, "dpkg still lists {PACKAGE}");
    let left: Vec<&PathBuf> = files.iter().filter(|f| f.exists()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
