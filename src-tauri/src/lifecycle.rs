//! How the desk lives on the desktop, beside its window:
//!
//! - the tray icon ([`crate::tray`]) and what its menu entries do;
//! - closing the window while signed in hides it in the tray when the agent's preference
//!   `closeToTray` says so (the default), so requests keep notifying; Show (the tray, a
//!   second launch, a notification) brings it back. Signed out, or with the preference off,
//!   closing quits;
//! - Quit (the tray's, or SIGTERM and SIGINT from the session or a terminal) exits through
//!   Tauri's exit, where `run()` signs the session out on the hub (its offers are withdrawn)
//!   and the window-state plugin saves the window;
//! - one desk per agent: a second launch brings this window forward and exits
//!   (`tauri-plugin-single-instance`);
//! - the window's size, position and maximized state come back at the next start
//!   (`tauri-plugin-window-state`), saved as they change too, so a desk that was killed
//!   rather than quit still comes back where it was;
//! - start at login ([`crate::autostart`]) follows the preference at once, and the
//!   preference follows the real entry when the desk starts.
//!
//! Registered by `run()` only: the mock runtime of the shell tests has no tray, and must not
//! write autostart entries.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hub_protocol::RequestedState;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, RunEvent, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::events;
use crate::settings::Preferences;
use crate::shell::Shell;
use crate::tray::{Tray, TrayAction};

/// The desk's window.
const MAIN_WINDOW: &str = "main";

/// What of the window comes back at the next start. Not its visibility: a desk quit from
/// the tray while its window was hidden opens with its window shown.
const WINDOW_STATE: StateFlags =
    StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// Moves and resizes come in bursts: the window is saved once they pause this long.
const SAVE_PAUSE: Duration = Duration::from_millis(400);

/// Present once the desktop integration is registered (the real app).
struct Installed;

/// One desk per agent: a second launch shows this one's window and exits. On Linux the
/// instances meet on the session bus under a name made from the app's identifier and its
/// configuration directory: one desk per settings file, so two desks with directories of
/// their own (the end-to-end suite's, side by side) are two agents.
pub fn single_instance<R: Runtime>(identifier: &str) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(identifier))
        .callback(|app, _args, _cwd| show(app))
        .build()
}

pub fn window_state<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_window_state::Builder::new().with_state_flags(WINDOW_STATE).build()
}

/// The tray, closing to it, quitting, saving the window as it changes, start at login.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("desk-lifecycle")
        .setup(|app, _api| {
            app.manage(Installed);
            Ok(())
        })
        .on_window_ready(|window| {
            if window.label() != MAIN_WINDOW {
                return;
            }
            let app = window.app_handle().clone();
            let hidden = window.clone();
            let saves = Arc::new(AtomicU64::new(0));
            window.on_window_event(move |event| match event {
                WindowEvent::CloseRequested { api, .. } if keeps_running(&app) => {
                    api.prevent_close();
                    if let Err(error) = hidden.hide() {
                        tracing::warn!(%error, "the window could not be hidden");
                    }
                }
                WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
                    save_window_soon(&app, Arc::clone(&saves));
                }
                _ => {}
            });
        })
        .on_event(|app, event| {
            // The shell and the tray's model are managed once the app is built; the icon
            // goes in the tray when the event loop runs.
            if let RunEvent::Ready = event {
                let tray = app.state::<Tray>().inner().clone();
                if let Err(error) = tray.attach(app, act) {
                    tracing::warn!(%error, "no tray icon");
                }
                follow_start_at_login(app);
                quit_on_signals(app);
            }
        })
        .build()
}

/// The settings dialog changed the preferences: start at login follows at once. Returns
/// the preferences as they hold (start at login off when the system refused it).
pub fn apply_preferences<R: Runtime>(app: &AppHandle<R>, mut wanted: Preferences) -> Preferences {
    if app.try_state::<Installed>().is_none() {
        return wanted;
    }
    let shell = app.state::<Shell>();
    if shell.preferences().start_at_login != wanted.start_at_login {
        let name = shell.localizer().text("app-title", &[]);
        if let Err(error) = crate::autostart::set(app, wanted.start_at_login, &name) {
            tracing::warn!(%error, "start at login not changed");
            wanted.start_at_login = crate::autostart::is_enabled(app).unwrap_or(false);
        }
    }
    wanted
}

/// Brings the window forward: shown, unminimized, focused.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// What a tray menu entry does.
fn act<R: Runtime>(app: &AppHandle<R>, action: TrayAction) {
    let presence = match action {
        TrayAction::Show => return show(app),
        TrayAction::Quit => return app.exit(0),
        TrayAction::SignOut => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = app.state::<Shell>().sign_out().await {
                    tracing::warn!(%error, "sign-out from the tray failed");
                }
                // The window goes back to the sign-in screen.
                events::session_ended(&app);
            });
            return;
        }
        TrayAction::Available => RequestedState::Available,
        TrayAction::Idle(code) => RequestedState::Idle { code },
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // The hub's change comes back on the stream, to the window and the tray alike.
        if let Err(error) = app.state::<Shell>().set_presence(presence).await {
            tracing::warn!(%error, "presence from the tray not changed");
        }
    });
}

/// Whether closing the window leaves the desk running in the tray.
fn keeps_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    let signed_in = app.try_state::<Tray>().is_some_and(|tray| tray.is_signed_in());
    signed_in && app.state::<Shell>().preferences().close_to_tray && has_tray(app)
}

fn has_tray<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.tray_by_id(crate::tray::TRAY_ID).is_some()
}

/// Saves the window once moves and resizes pause.
fn save_window_soon<R: Runtime>(app: &AppHandle<R>, saves: Arc<AtomicU64>) {
    let this = saves.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SAVE_PAUSE).await;
        if saves.load(Ordering::SeqCst) == this {
            if let Err(error) = app.save_window_state(WINDOW_STATE) {
                tracing::warn!(%error, "window state not saved");
            }
        }
    });
}

/// The preference says what the system does: an entry removed or disabled outside the desk
/// turns it off.
fn follow_start_at_login<R: Runtime>(app: &AppHandle<R>) {
    let shell = app.state::<Shell>();
    match crate::autostart::is_enabled(app) {
        Ok(enabled) => {
            let preferences = shell.preferences();
            if preferences.start_at_login != enabled {
                shell.set_preferences(Preferences { start_at_login: enabled, ..preferences });
            }
        }
        Err(error) => tracing::warn!(%error, "start at login unknown"),
    }
}

/// The session ending (SIGTERM) or Ctrl+C in a terminal quits as Quit does.
fn quit_on_signals<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(unix)]
    for kind in
        [tokio::signal::unix::SignalKind::terminate(), tokio::signal::unix::SignalKind::interrupt()]
    {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            match tokio::signal::unix::signal(kind) {
                Ok(mut signal) => {
                    if signal.recv().await.is_some() {
                        app.exit(0);
                    }
                }
                Err(error) => tracing::warn!(%error, "signals not handled"),
            }
        });
    }
}

/// The single-instance name on the session bus: the app's identifier and a digest of its
/// configuration directory (where Tauri puts the settings: `$XDG_CONFIG_HOME` or
/// `~/.config`, then the identifier).
fn instance_id(identifier: &str) -> String {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".config"))
        })
        .unwrap_or_default();
    format!("{identifier}.d{:016x}", fnv1a(config.as_os_str().as_encoded_bytes()))
}

/// FNV-1a, 64 bits: the same digest in every build, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instance_name_is_a_bus_name_of_its_own_per_configuration() {
        let id = instance_id("app.agentdesk.desk");
        assert!(id.starts_with("app.agentdesk.desk.d"), "{id}");
        let last = id.rsplit('.').next().unwrap();
        assert!(!last.chars().next().unwrap().is_ascii_digit(), "a bus name element");
        assert!(last.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(fnv1a(b"/home/a/.config"), fnv1a(b"/home/b/.config"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
