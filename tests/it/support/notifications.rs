//! What reached the desktop's notification server, read off the session bus with
//! `dbus-monitor` (the notification server itself is dunst, started by scripts/test-session).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use super::eventually;

pub struct NotificationWatch {
    monitor: Child,
    seen: Arc<Mutex<String>>,
}

impl NotificationWatch {
    pub fn start() -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "no D-Bus session: run the tests with scripts/test"
        );
        let mut monitor = Command::new("dbus-monitor")
            .args(["--session", "interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor (package dbus) is needed");
        let stdout = monitor.stdout.take().unwrap();
        let seen = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut seen = sink.lock().unwrap();
                seen.push_str(&line);
                seen.push('\n');
            }
        });
        // dbus-monitor prints its own NameAcquired signal once it listens.
        std::thread::sleep(std::time::Duration::from_millis(300));
        Self { monitor, seen }
    }

    /// Everything seen so far, as dbus-monitor printed it.
    pub fn transcript(&self) -> String {
        self.seen.lock().unwrap().clone()
    }

    pub async fn wait_for(&self, needle: &str) -> String {
        eventually(&format!("a notification containing {needle:?}"), || async {
            let transcript = self.transcript();
            transcript.contains(needle).then_some(transcript)
        })
        .await
    }
}

impl Drop for NotificationWatch {
    fn drop(&mut self) {
        let _ = self.monitor.kill();
        let _ = self.monitor.wait();
    }
}
