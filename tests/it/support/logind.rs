//! logind, as the desk hears it on the system bus, which the test session does not have: a
//! private `dbus-daemon` of the test's own (the desk is pointed at it with
//! `DBUS_SYSTEM_BUS_ADDRESS`), where a connection of the test owns `org.freedesktop.login1`,
//! answers what the desk asks (`GetSessionByPID`, `GetSession`, `Inhibit`) and emits the
//! session's `Lock`/`Unlock` and the manager's `PrepareForSleep`.
//!
//! Each `Inhibit` hands out the write end of a pipe as the inhibitor's descriptor and keeps
//! the read end: it reads end-of-file once the desk closed its copy, which is how logind
//! knows the desk is done with it.

use std::io::{PipeReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use zbus::message::Type;
use zbus::zvariant::ObjectPath;
use zbus::{Connection, MessageStream};

use super::eventually;

const NAME: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";
/// The session every process of the test is in.
pub const SESSION_PATH: &str = "/org/freedesktop/login1/session/_31";

/// An inhibitor the desk was given: `(what, who, why, mode)` and the pipe's read end.
pub struct Inhibitor {
    pub args: (String, String, String, String),
    pipe: PipeReader,
}

impl Inhibitor {
    /// Waits (on a blocking thread) until every copy of the descriptor is closed.
    pub async fn released(mut self) {
        tokio::task::spawn_blocking(move || {
            let mut rest = Vec::new();
            self.pipe.read_to_end(&mut rest).expect("reading the inhibitor's pipe");
        })
        .await
        .unwrap();
    }
}

pub struct Logind {
    daemon: Child,
    address: String,
    connection: Connection,
    inhibitors: Arc<Mutex<Vec<Inhibitor>>>,
    calls: Arc<Mutex<Vec<String>>>,
    server: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Logind {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let address = format!("unix:path={}", dir.path().join("system_bus_socket").display());
        let daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", &format!("--address={address}")])
            .stdout(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus-daemon package)");
        let connection = eventually("the test's system bus to answer", || async {
            zbus::connection::Builder::address(address.as_str()).ok()?.build().await.ok()
        })
        .await;
        connection.request_name(NAME).await.expect("logind's name on the test's system bus");
        let inhibitors = Arc::new(Mutex::new(Vec::new()));
        let calls = Arc::new(Mutex::new(Vec::new()));
        let server =
            tokio::spawn(serve(connection.clone(), Arc::clone(&inhibitors), Arc::clone(&calls)));
        Self { daemon, address, connection, inhibitors, calls, server, _dir: dir }
    }

    /// What the desk's `DBUS_SYSTEM_BUS_ADDRESS` must be.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The methods the desk called, in order.
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    /// Waits for the `nth` inhibitor (from 1) the desk took, and takes it over.
    pub async fn inhibitor(&self, nth: usize) -> Inhibitor {
        eventually(&format!("the desk to take inhibitor #{nth}"), || async {
            let calls = self.calls().iter().filter(|call| *call == "Inhibit").count();
            if calls < nth {
                return None;
            }
            self.inhibitors.lock().unwrap().pop()
        })
        .await
    }

    /// `Lock` (`true`) or `Unlock` (`false`) on the test's session.
    pub async fn lock(&self, locked: bool) {
        let member = if locked { "Lock" } else { "Unlock" };
        self.connection
            .emit_signal(None::<&str>, SESSION_PATH, SESSION, member, &())
            .await
            .expect("Lock or Unlock sent");
    }

    /// `PrepareForSleep(sleeping)`.
    pub async fn prepare_for_sleep(&self, sleeping: bool) {
        self.connection
            .emit_signal(None::<&str>, MANAGER_PATH, MANAGER, "PrepareForSleep", &sleeping)
            .await
            .expect("PrepareForSleep sent");
    }
}

impl Drop for Logind {
    fn drop(&mut self) {
        self.server.abort();
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Answers the desk's method calls as logind does.
async fn serve(
    connection: Connection,
    inhibitors: Arc<Mutex<Vec<Inhibitor>>>,
    calls: Arc<Mutex<Vec<String>>>,
) {
    let mut messages = MessageStream::from(&connection);
    while let Some(Ok(message)) = messages.next().await {
        let header = message.header();
        if header.message_type() != Type::MethodCall {
            continue;
        }
        let member = header.member().map(|member| member.to_string()).unwrap_or_default();
        calls.lock().unwrap().push(member.clone());
        let answered = match member.as_str() {
            "GetSessionByPID" | "GetSession" => {
                connection.reply(&header, &ObjectPath::try_from(SESSION_PATH).unwrap()).await
            }
            "Inhibit" => {
                let args: (String, String, String, String) = message.body().deserialize().unwrap();
                let (pipe, writer) = std::io::pipe().unwrap();
                let answered = connection
                    .reply(&header, &zbus::zvariant::Fd::from(std::os::fd::OwnedFd::from(writer)))
                    .await;
                inhibitors.lock().unwrap().push(Inhibitor { args, pipe });
                answered
            }
            _ => {
                connection
                    .reply_error(&header, "org.freedesktop.DBus.Error.UnknownMethod", &member)
                    .await
            }
        };
        answered.expect("an answer to the desk");
    }
}
