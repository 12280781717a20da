use tauri::{AppHandle, Runtime, State};

use crate::attention::Attention;
use crate::lifecycle;
use crate::settings::Preferences;
use crate::shell::Shell;

#[tauri::command]
pub fn preferences(shell: State<'_, Shell>) -> Preferences {
    shell.preferences()
}

/// Start at login takes effect at once (or stays off when the system refuses it).
#[tauri::command]
pub fn set_preferences<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    preferences: Preferences,
) -> Preferences {
    shell.set_preferences(lifecycle::apply_preferences(&app, preferences))
}

#[tauri::command]
pub fn viewing_conversation(attention: State<'_, Attention>, conversation_id: Option<String>) {
    attention.viewing(conversation_id);
}
