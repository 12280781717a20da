//! The agent's choices that outlive a session: language, hub, user name, "remember me", and
//! the desk's own preferences (the settings dialog).
//! A small JSON file in the app's config directory; never a password (see `secrets`).

use std::path::{Path, PathBuf};

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

/// What the settings dialog changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// A desktop notification (masked, one per conversation) for a customer's message in a
    /// chat the agent is not looking at.
    pub message_notifications: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self { message_notifications: true }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settings_file_from_before_the_preferences_keeps_their_defaults() {
        let old: Settings = serde_json::from_str(r#"{"locale":"fi","remember":true}"#).unwrap();
        assert_eq!(old.locale.as_deref(), Some("fi"));
        assert!(old.preferences.message_notifications, "on unless the agent turns it off");
        let off = Settings {
            preferences: Preferences { message_notifications: false },
            ..Settings::default()
        };
        let read: Settings = serde_json::from_slice(&serde_json::to_vec(&off).unwrap()).unwrap();
        assert_eq!(read, off);
    }
}
