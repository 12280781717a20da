//! What the tests drive: a real hub, customers on the widget API, agents on the agent API,
//! the real desk through WebDriver, and the session bus's notifications.

pub mod axe;
pub mod browser;
pub mod customer;
pub mod desk;
pub mod graph;
pub mod hub;
pub mod logind;
pub mod notifications;
pub mod page;
pub mod screensaver;
pub mod tray;

use std::time::Duration;

pub use browser::Browser;
pub use customer::{Customer, PreChat};
pub use desk::DeskApp;
pub use graph::GraphRecorder;
pub use hub::{ApiAgent, TestHub};
pub use notifications::{NotificationWatch, Notified};
pub use screensaver::ScreenSaver;
pub use tray::TrayItem;

/// How long the tests wait for something a person would see happen.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Polls `check` until it returns `Some`, or fails the test with `what`.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(tokio::time::Instant::now() < deadline, "gave up waiting: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// End-to-end tests share the display, the session bus and the keyring: one at a time.
pub async fn exclusive() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// Text without Fluent's bidi isolation marks around its arguments.
pub fn plain(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).collect()
}

/// A free loopback port (bound, read, released).
pub fn free_port() -> u16 {
    free_ports::<1>()[0]
}

/// `N` different free loopback ports: all are held until each is read, so two of them are
/// never the same port (a port released and asked for again at once can come back).
pub fn free_ports<const N: usize>() -> [u16; N] {
    let held: [std::net::TcpListener; N] =
        std::array::from_fn(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap());
    held.map(|listener| listener.local_addr().unwrap().port())
}

/// The live processes of a process group (read from `/proc`; zombies left out).
pub fn processes_in_group(group: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            // `pid (comm) state ppid pgrp …`: the command may hold spaces and parentheses.
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let fields: Vec<&str> =
                stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
            fields.first() != Some(&"Z")
                && fields.get(2).and_then(|pgrp| pgrp.parse().ok()) == Some(group)
        })
        .collect()
}

/// Stops a driver started in its own process group, and everything it started.
pub fn stop_group(driver: &mut std::process::Child) {
    // The whole group (tauri-driver, WebKitWebDriver and the app; chromedriver and its
    // browser). The `--` matters: without
    // it procps' kill reads the negative group id as an option and signals every process.
    let group = format!("-{}", driver.id());
    let _ = std::process::Command::new("kill").args(["-TERM", "--", &group]).status();
    let _ = driver.wait();
}
