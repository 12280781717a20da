//! Screen lock and sleep: an Available agent goes to an idle code while the computer is
//! locked or asleep, instead of collecting missed requests (RONA), and comes back to
//! Available afterwards if it was the desk that moved them ([`desk_core::away`] decides).
//!
//! The signals are the desktop's own, on D-Bus: `org.freedesktop.ScreenSaver`'s
//! `ActiveChanged` on the session bus (the screen locker), and on the system bus logind's
//! `Lock`/`Unlock` for this session and `PrepareForSleep`. Before the computer sleeps the
//! desk holds a logind "delay" inhibitor, released once the hub has the new state (logind
//! waits for it, a few seconds at most), so the change is made before the network goes.
//! A bus that is not there (no system bus in a container or a test session, no session bus
//! at all) is logged and left: the desk works without these signals.
//!
//! One task takes the signals in the order they came and changes the state through the
//! shell ([`Shell::change_presence`]), with the agent's preferences (`awayOnLock`,
//! `lockIdleCode`) read at that moment.

use desk_core::away::{Away, Edge, Signal};
use hub_protocol::RequestedState;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

use crate::shell::Shell;

/// One signal, and what must live until the state change it causes is made (the sleep
/// inhibitor: dropping it lets the computer sleep).
struct Heard {
    signal: Signal,
    hold_until_done: Option<Box<dyn Send>>,
}

type Ear = mpsc::UnboundedSender<Heard>;

/// Starts listening to the desktop for the app's life.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let (ear, mut heard) = mpsc::unbounded_channel::<Heard>();
    bus::listen(app, ear);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut away = Away::default();
        while let Some(Heard { signal, hold_until_done }) = heard.recv().await {
            if let Some(edge) = away.signal(signal) {
                let outcome = follow(&app, &mut away, edge).await;
                // One line per departure and return, saying what the desk did (the
                // end-to-end tests wait for it too: "nothing changed" shows nowhere else).
                tracing::info!("away: {edge:?} after {signal:?}: {outcome}");
            }
            drop(hold_until_done);
        }
    });
}

/// Moves the agent as they leave, or back as they return; says what it did.
async fn follow<R: Runtime>(app: &AppHandle<R>, away: &mut Away, edge: Edge) -> &'static str {
    let shell = app.state::<Shell>();
    let Ok((current, idle_codes)) = shell.presence_and_idle_codes().await else {
        return "not signed in";
    };
    match edge {
        Edge::Away => {
            let preferences = shell.preferences();
            let Some(state) = Away::leave(
                preferences.away_on_lock,
                preferences.lock_idle_code.as_deref(),
                &current.state,
                &idle_codes,
            ) else {
                return "left as they were";
            };
            match shell.change_presence(state).await {
                Ok(confirmed) => {
                    away.moved(confirmed);
                    "moved to the idle code"
                }
                Err(error) => {
                    tracing::warn!(%error, "the agent could not be moved away");
                    "could not reach the hub"
                }
            }
        }
        Edge::Back => {
            if !away.come_back(&current) {
                return "left as they were";
            }
            match shell.change_presence(RequestedState::Available).await {
                Ok(_) => "put back to Available",
                Err(error) => {
                    tracing::warn!(%error, "the agent could not be put back to Available");
                    "could not reach the hub"
                }
            }
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod bus {
    use std::sync::Arc;

    use futures_util::StreamExt;
    use tauri::{AppHandle, Manager, Runtime};
    use zbus::message::Type;
    use zbus::zvariant::{OwnedFd, OwnedObjectPath};
    use zbus::{Connection, MatchRule, Message, MessageStream};

    use super::{Ear, Heard, Signal};
    use crate::language::Language;
    use crate::shell::Shell;

    const SCREENSAVER: &str = "org.freedesktop.ScreenSaver";
    const LOGIND: &str = "org.freedesktop.login1";
    const LOGIND_PATH: &str = "/org/freedesktop/login1";
    const LOGIND_MANAGER: &str = "org.freedesktop.login1.Manager";
    const LOGIND_SESSION: &str = "org.freedesktop.login1.Session";

    pub(super) fn listen<R: Runtime>(app: &AppHandle<R>, ear: Ear) {
        let screensaver_ear = ear.clone();
        tauri::async_runtime::spawn(async move {
            match screensaver(&screensaver_ear).await {
                Ok(()) => tracing::info!("the session bus closed: no more screensaver signals"),
                Err(error) => tracing::info!(%error, "no screensaver signals (session bus)"),
            }
        });
        let language: Arc<Language> = app.state::<Shell>().language();
        tauri::async_runtime::spawn(async move {
            match logind(&ear, &language).await {
                Ok(()) => tracing::info!("the system bus closed: no more logind signals"),
                Err(error) => tracing::info!(%error, "no lock or sleep signals (system bus)"),
            }
        });
    }

    /// The screen locker's `ActiveChanged(bool)`, from whoever owns the screensaver's name
    /// (the bus matches the sender by the name's owner), on any object path: desktops
    /// differ on the path.
    async fn screensaver(ear: &Ear) -> zbus::Result<()> {
        let connection = Connection::session().await?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender(SCREENSAVER)?
            .interface(SCREENSAVER)?
            .member("ActiveChanged")?
            .build();
        let mut signals = MessageStream::for_match_rule(rule, &connection, None).await?;
        tracing::info!("listening to the screensaver");
        while let Some(message) = signals.next().await {
            let active: bool = message?.body().deserialize()?;
            hear(ear, Signal::ScreenLocked(active), None);
        }
        Ok(())
    }

    /// logind's `Lock`/`Unlock` for the desk's own session, and `PrepareForSleep`.
    async fn logind(ear: &Ear, language: &Language) -> zbus::Result<()> {
        let connection = Connection::system().await?;
        let sleep_rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender(LOGIND)?
            .path(LOGIND_PATH)?
            .interface(LOGIND_MANAGER)?
            .member("PrepareForSleep")?
            .build();
        let mut signals =
            MessageStream::for_match_rule(sleep_rule, &connection, None).await?.boxed();
        match own_session(&connection).await {
            Some(session) => {
                let lock_rule = MatchRule::builder()
                    .msg_type(Type::Signal)
                    .sender(LOGIND)?
                    .path(session.clone())?
                    .interface(LOGIND_SESSION)?
                    .build();
                let locks = MessageStream::for_match_rule(lock_rule, &connection, None).await?;
                signals = futures_util::stream::select(signals, locks).boxed();
                tracing::info!(%session, "listening to logind for this session and for sleep");
            }
            None => tracing::info!("no logind session for the desk: listening for sleep only"),
        }
        let mut inhibitor = inhibit_sleep(&connection, language).await;
        while let Some(message) = signals.next().await {
            let message: Message = message?;
            let header = message.header();
            match header.member().map(|member| member.as_str()) {
                Some("PrepareForSleep") => {
                    let sleeping: bool = message.body().deserialize()?;
                    if sleeping {
                        let held = inhibitor.take().map(|fd| Box::new(fd) as Box<dyn Send>);
                        hear(ear, Signal::Sleeping(true), held);
                    } else {
                        hear(ear, Signal::Sleeping(false), None);
                        inhibitor = inhibit_sleep(&connection, language).await;
                    }
                }
                Some("Lock") => hear(ear, Signal::ScreenLocked(true), None),
                Some("Unlock") => hear(ear, Signal::ScreenLocked(false), None),
                _ => {}
            }
        }
        Ok(())
    }

    /// The logind session this process belongs to (by its pid, else `XDG_SESSION_ID`).
    async fn own_session(connection: &Connection) -> Option<OwnedObjectPath> {
        let by_pid = connection
            .call_method(
                Some(LOGIND),
                LOGIND_PATH,
                Some(LOGIND_MANAGER),
                "GetSessionByPID",
                &(std::process::id()),
            )
            .await;
        let reply = match by_pid {
            Ok(reply) => reply,
            Err(error) => {
                tracing::debug!(%error, "no logind session by pid");
                let id = std::env::var("XDG_SESSION_ID").ok()?;
                connection
                    .call_method(
                        Some(LOGIND),
                        LOGIND_PATH,
                        Some(LOGIND_MANAGER),
                        "GetSession",
                        &(id),
                    )
                    .await
                    .ok()?
            }
        };
        reply.body().deserialize().ok()
    }

    /// A "delay" inhibitor: logind waits for the desk (until it closes this descriptor, a
    /// few seconds at most) before the computer sleeps.
    async fn inhibit_sleep(connection: &Connection, language: &Language) -> Option<OwnedFd> {
        let why = language.current().text("away-sleep-inhibitor", &[]);
        let reply = connection
            .call_method(
                Some(LOGIND),
                LOGIND_PATH,
                Some(LOGIND_MANAGER),
                "Inhibit",
                &("sleep", "Agent Desk", why.as_str(), "delay"),
            )
            .await;
        match reply.and_then(|reply| reply.body().deserialize::<OwnedFd>()) {
            Ok(fd) => Some(fd),
            Err(error) => {
                tracing::info!(%error, "no sleep inhibitor: the state may change after sleep");
                None
            }
        }
    }

    fn hear(ear: &Ear, signal: Signal, hold_until_done: Option<Box<dyn Send>>) {
        // The receiving task lives as long as the app.
        let _ = ear.send(Heard { signal, hold_until_done });
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
mod bus {
    use tauri::{AppHandle, Runtime};

    use super::Ear;

    /// No D-Bus here: the lock and sleep signals of this system are not listened to yet.
    pub(super) fn listen<R: Runtime>(_app: &AppHandle<R>, _ear: Ear) {
        tracing::info!("screen lock and sleep are not followed on this system");
    }
}
