//! The agent's choices that outlive a session: language, hub, user name, "remember me", and
//! the desk's own preferences (the settings dialog).
//! A small JSON file in the app's config directory; never a password (see `secrets`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Which hub the desk talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum HubChoice {
    /// The hub built into the app, on loopback, with the demo configuration.
    #[default]
    Embedded,
    /// A team's hub at an address.
    Remote { url: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The agent's language choice; the OS locale when unset.
    pub locale: Option<String>,
    pub hub: HubChoice,
    pub username: Option<String>,
    pub remember: bool,
    #[serde(flatten)]
    pub preferences: Preferences,
}

/// What the settings dialog changes. Every field has a default, so a file written before a
/// field existed reads as the defaults for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    // The window.
    /// Closing the window while signed in keeps the desk running in the tray.
    pub close_to_tray: bool,
    /// The desk starts when the agent logs in to the computer.
    pub start_at_login: bool,
    // Contact requests.
    /// A contact request plays the notification sound.
    pub sounds: bool,
    /// A waiting request's notification comes again this often (seconds); 0: once.
    pub repeat_alert_secs: u32,
    /// Near the accept timeout, the request's notification turns critical.
    pub urgent_near_timeout: bool,
    /// A waiting request makes the window ask for attention (the taskbar).
    pub ask_for_attention: bool,
    // Chats.
    /// A desktop notification (masked, one per conversation) for a customer's message in a
    /// chat the agent is not looking at.
    pub message_notifications: bool,
    // Away.
    /// When the screen locks or the computer sleeps, an Available agent goes to this idle
    /// code (its id) instead of collecting missed requests; `None`: the first idle code the
    /// hub lists.
    pub lock_idle_code: Option<String>,
    /// Whether locking and sleeping change the agent's state at all.
    pub away_on_lock: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            close_to_tray: true,
            start_at_login: false,
            sounds: true,
            repeat_alert_secs: 10,
            urgent_near_timeout: true,
            ask_for_attention: true,
            message_notifications: true,
            lock_idle_code: None,
            away_on_lock: true,
        }
    }
}

/// Where the settings live, with reading and writing that never fail the desk: a missing
/// or unreadable file means defaults.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn new(config_dir: &Path) -> Self {
        Self { path: config_dir.join("settings.json") }
    }

    pub fn load(&self) -> Settings {
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, settings: &Settings) {
        let written = self.path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
            let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
            std::fs::write(&self.path, json)
        });
        if let Err(error) = written {
            tracing::warn!(path = %self.path.display(), %error, "settings not saved");
        }
    }
}

/// The settings as the desk holds them: read once, written through on every change.
#[derive(Debug)]
pub struct SettingsStore {
    file: SettingsFile,
    current: Mutex<Settings>,
}

impl SettingsStore {
    pub fn load(config_dir: &Path) -> Self {
        let file = SettingsFile::new(config_dir);
        let current = Mutex::new(file.load());
        Self { file, current }
    }

    pub fn get(&self) -> Settings {
        self.current.lock().expect("settings lock").clone()
    }

    /// Changes the settings and saves them.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) {
        let mut settings = self.current.lock().expect("settings lock");
        change(&mut settings);
        self.file.save(&settings);
    }

    /// Changes them for this run only (what the environment decides is not the agent's
    /// choice, and is not saved).
    pub fn set_quietly(&self, change: impl FnOnce(&mut Settings)) {
        change(&mut self.current.lock().expect("settings lock"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settings_file_from_before_the_preferences_keeps_their_defaults() {
        let old: Settings = serde_json::from_str(r#"{"locale":"fi","remember":true}"#).unwrap();
        assert_eq!(old.locale.as_deref(), Some("fi"));
        assert!(old.preferences.message_notifications, "on unless the agent turns it off");
        let off = Settings {
            preferences: Preferences { message_notifications: false, ..Preferences::default() },
            ..Settings::default()
        };
        let read: Settings = serde_json::from_slice(&serde_json::to_vec(&off).unwrap()).unwrap();
        assert_eq!(read, off);
    }
}
