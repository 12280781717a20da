//! What reached the desktop's notification server, read off the session bus with
//! `dbus-monitor` (the notification server itself is dunst, started by scripts/test-session):
//! the `Notify` calls, the server's answers to them (the id it gave each notification), and
//! the `CloseNotification` calls.

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
            .args([
                "--session",
                "interface='org.freedesktop.Notifications',member='Notify'",
                "interface='org.freedesktop.Notifications',member='CloseNotification'",
                // The answers of the server (its unique name: a rule naming the well-known
                // name would only match while that name has an owner).
                &format!("type='method_return',sender='{}'", server_unique_name()),
            ])
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

/// One `Notify` call, as the bus carried it.
#[derive(Debug, Clone)]
pub struct Notified {
    /// The id the server gave it (its answer), when seen.
    pub id: Option<u32>,
    /// The notification it replaces (0: a new one).
    pub replaces_id: u32,
    /// The `urgency` hint (0 low, 1 normal, 2 critical).
    pub urgency: Option<u8>,
    pub sound_name: Option<String>,
    pub suppress_sound: bool,
    /// The action keys and labels, in order (`["default", "Show", "accept", "Accept", …]`).
    pub actions: Vec<String>,
    /// The whole call as dbus-monitor printed it, without Fluent's isolation marks.
    pub text: String,
}

impl NotificationWatch {
    /// Every `Notify` call so far whose text holds `needle`, in order.
    pub fn notified(&self, needle: &str) -> Vec<Notified> {
        let transcript = self.transcript();
        let messages = messages(&transcript);
        messages
            .iter()
            .filter(|message| message.header.contains("member=Notify"))
            .map(|call| {
                let serial = field(&call.header, "serial");
                let sender = field(&call.header, "sender");
                let id = messages.iter().find_map(|answer| {
                    (answer.header.starts_with("method return")
                        && field(&answer.header, "reply_serial") == serial
                        && field(&answer.header, "destination") == sender)
                        .then(|| uint32(&answer.body))
                        .flatten()
                });
                notified(call, id)
            })
            .filter(|call| call.text.contains(needle))
            .collect()
    }

    /// The ids of every `CloseNotification` call so far.
    pub fn closed(&self) -> Vec<u32> {
        let transcript = self.transcript();
        messages(&transcript)
            .iter()
            .filter(|message| message.header.contains("member=CloseNotification"))
            .filter_map(|call| uint32(&call.body))
            .collect()
    }
}

/// One message on the bus: its header line and its arguments' lines.
struct Message {
    header: String,
    body: Vec<String>,
}

fn messages(transcript: &str) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    for line in transcript.lines() {
        if line.starts_with(|c: char| !c.is_whitespace()) {
            messages.push(Message { header: line.to_owned(), body: Vec::new() });
        } else if let Some(message) = messages.last_mut() {
            message.body.push(line.trim().to_owned());
        }
    }
    messages
}

/// `name=value` in a dbus-monitor header line.
fn field<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split([' ', ';'])
        .find_map(|part| part.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

fn uint32(lines: &[String]) -> Option<u32> {
    lines.iter().find_map(|line| line.strip_prefix("uint32 ")?.trim().parse().ok())
}

fn quoted(line: &str) -> Option<String> {
    let start = line.find('"')?;
    let end = line.rfind('"')?;
    (end > start).then(|| line[start + 1..end].to_owned())
}

/// Reads a `Notify` call's arguments: app name, replaces_id, icon, summary, body, actions
/// (the first array), hints (dict entries), timeout.
fn notified(call: &Message, id: Option<u32>) -> Notified {
    let lines = &call.body;
    let hint = |name: &str| {
        let key = format!("string \"{name}\"");
        let at = lines.iter().position(|line| *line == key)?;
        lines.get(at + 1).map(|value| value.trim_start_matches("variant").trim().to_owned())
    };
    let actions = lines
        .iter()
        .skip_while(|line| *line != "array [")
        .skip(1)
        .take_while(|line| *line != "]")
        .filter_map(|line| quoted(line))
        .collect();
    let mut text = format!("{}\n{}", call.header, lines.join("\n"));
    text.retain(|c| !matches!(c, '\u{2068}' | '\u{2069}'));
    Notified {
        id,
        replaces_id: uint32(lines).expect("Notify's replaces_id"),
        urgency: hint("urgency").and_then(|value| value.strip_prefix("byte ")?.parse().ok()),
        sound_name: hint("sound-name").as_deref().and_then(quoted),
        suppress_sound: hint("suppress-sound").as_deref() == Some("boolean true"),
        actions,
        text,
    }
}

/// The unique bus name of the notification server.
fn server_unique_name() -> String {
    let output = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetNameOwner",
            "string:org.freedesktop.Notifications",
        ])
        .output()
        .expect("dbus-send (package dbus) is needed");
    let reply = String::from_utf8_lossy(&output.stdout);
    reply
        .lines()
        .find_map(|line| quoted(line.trim()))
        .expect("a notification server on the session bus (scripts/test-session starts dunst)")
}

impl Drop for NotificationWatch {
    fn drop(&mut self) {
        let _ = self.monitor.kill();
        let _ = self.monitor.wait();
    }
}
