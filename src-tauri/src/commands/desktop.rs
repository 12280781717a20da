use tauri::State;

use crate::attention::Attention;
use crate::settings::Preferences;
use crate::shell::Shell;

#[tauri::command]
pub fn preferences(shell: State<'_, Shell>) -> Preferences {
    shell.preferences()
}

#[tauri::command]
pub fn set_preferences(shell: State<'_, Shell>, preferences: Preferences) -> Preferences {
    shell.set_preferences(preferences)
}

#[tauri::command]
pub fn viewing_conversation(attention: State<'_, Attention>, conversation_id: Option<String>) {
    attention.viewing(conversation_id);
}
