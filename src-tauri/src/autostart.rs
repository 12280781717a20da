//! Start at login: the desk asks the system to start it when the agent logs in.
//!
//! On Linux this is an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/agent-desk.desktop`
//! (`~/.config` when the variable is unset), written here rather than by
//! `tauri-plugin-autostart`: its `auto-launch` 0.6 writes under `$HOME/.config` whatever
//! `XDG_CONFIG_HOME` says, where a desktop that sets it never looks. Elsewhere it is the
//! plugin (a `Run` registry value on Windows, a LaunchAgent on macOS).
//!
//! The entry is the truth: the agent (or their desktop's "Startup Applications") may remove
//! or disable it behind the desk's back, so the desk reads it at start ([`is_enabled`]).

use tauri::{AppHandle, Runtime};

#[derive(Debug, thiserror::Error)]
pub enum AutostartError {
    #[error("the autostart entry could not be changed: {0}")]
    Io(#[from] std::io::Error),
    #[error("no configuration directory: neither XDG_CONFIG_HOME nor HOME is set")]
    NoConfigDir,
    #[cfg(not(target_os = "linux"))]
    #[error("start at login: {0}")]
    Plugin(String),
}

/// Whether the desk starts at login now.
pub fn is_enabled<R: Runtime>(app: &AppHandle<R>) -> Result<bool, AutostartError> {
    platform::is_enabled(app)
}

/// Makes the desk start at login, or not. `name` is the entry's name in the desktop's
/// list of startup applications.
pub fn set<R: Runtime>(
    app: &AppHandle<R>,
    enabled: bool,
    name: &str,
) -> Result<(), AutostartError> {
    platform::set(app, enabled, name)
}

#[cfg(target_os = "linux")]
mod platform {
    use std::path::PathBuf;

    use tauri::{AppHandle, Manager, Runtime};

    use super::AutostartError;

    /// The entry's file name: the app's desktop entry's, so the desktop shows its icon.
    const ENTRY: &str = "agent-desk.desktop";

    pub fn is_enabled<R: Runtime>(_app: &AppHandle<R>) -> Result<bool, AutostartError> {
        let text = match std::fs::read_to_string(entry_path()?) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(error) => return Err(error.into()),
        };
        // A desktop disables an entry in place rather than removing it.
        let disabled = text
            .lines()
            .map(str::trim)
            .any(|line| line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false");
        Ok(!disabled)
    }

    pub fn set<R: Runtime>(
        app: &AppHandle<R>,
        enabled: bool,
        name: &str,
    ) -> Result<(), AutostartError> {
        let path = entry_path()?;
        if !enabled {
            return match std::fs::remove_file(&path) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
                _ => Ok(()),
            };
        }
        // The AppImage when the desk runs from one (its mount point changes every run).
        let program = match app.env().appimage {
            Some(appimage) => PathBuf::from(appimage),
            None => std::env::current_exe()?,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, entry(&program.to_string_lossy(), name))?;
        Ok(())
    }

    fn entry_path() -> Result<PathBuf, AutostartError> {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|dir| dir.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
            .ok_or(AutostartError::NoConfigDir)?;
        Ok(config.join("autostart").join(ENTRY))
    }

    /// The desktop entry that starts `program`.
    pub(super) fn entry(program: &str, name: &str) -> String {
        let name: String = name.chars().filter(|c| !c.is_control()).collect();
        format!(
            "[Desktop Entry]\nType=Application\nName={name}\nExec={}\nIcon=agent-desk\n\
             Terminal=false\nX-GNOME-Autostart-enabled=true\n",
            exec_argument(program)
        )
    }

    /// `program` as one argument of `Exec`: quoted when the specification reserves one of
    /// its characters, `%` doubled, then escaped as any string value of the file is.
    pub(super) fn exec_argument(program: &str) -> String {
        const RESERVED: &str = " \t\n\"'\\><~|&;$*?#()`";
        let program = program.replace('%', "%%");
        let argument = if program.chars().any(|c| RESERVED.contains(c)) {
            let mut quoted = String::from("\"");
            for c in program.chars() {
                if matches!(c, '"' | '`' | '$' | '\\') {
                    quoted.push('\\');
                }
                quoted.push(c);
            }
            quoted.push('"');
            quoted
        } else {
            program
        };
        argument.replace('\\', "\\\\")
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use tauri::{AppHandle, Manager, Runtime};
    use tauri_plugin_autostart::AutoLaunchManager;

    use super::AutostartError;

    fn manager<R: Runtime>(
        app: &AppHandle<R>,
    ) -> Result<tauri::State<'_, AutoLaunchManager>, AutostartError> {
        app.try_state::<AutoLaunchManager>()
            .ok_or_else(|| AutostartError::Plugin("the autostart plugin is not loaded".into()))
    }

    pub fn is_enabled<R: Runtime>(app: &AppHandle<R>) -> Result<bool, AutostartError> {
        manager(app)?.is_enabled().map_err(|error| AutostartError::Plugin(error.to_string()))
    }

    pub fn set<R: Runtime>(
        app: &AppHandle<R>,
        enabled: bool,
        _name: &str,
    ) -> Result<(), AutostartError> {
        let manager = manager(app)?;
        let changed = if enabled { manager.enable() } else { manager.disable() };
        changed.map_err(|error| AutostartError::Plugin(error.to_string()))
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::platform::{entry, exec_argument};

    #[test]
    fn the_entry_starts_the_program_whatever_its_path() {
        assert_eq!(exec_argument("/usr/bin/agent-desk"), "/usr/bin/agent-desk");
        assert_eq!(
            exec_argument("/home/a b/100%/agent-desk"),
            "\"/home/a b/100%%/agent-desk\"",
            "a space quotes it, a percent sign is doubled"
        );
        assert_eq!(exec_argument("/opt/$x/desk"), r#""/opt/\\$x/desk""#);
        let entry = entry("/usr/bin/agent-desk", "Agent Desk");
        assert!(entry.contains("\nExec=/usr/bin/agent-desk\n"), "{entry}");
        assert!(entry.starts_with("[Desktop Entry]\nType=Application\nName=Agent Desk\n"));
    }
}
