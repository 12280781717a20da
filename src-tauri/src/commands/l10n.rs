use desk_core::l10n::Localized;
use tauri::State;

use crate::shell::{L10nRequest, LocaleView, Shell};

#[tauri::command]
pub fn locale_info(shell: State<'_, Shell>) -> LocaleView {
    shell.locale_view()
}

#[tauri::command]
pub fn set_locale(shell: State<'_, Shell>, locale: String) -> LocaleView {
    shell.set_locale(&locale)
}

#[tauri::command]
pub fn localize(shell: State<'_, Shell>, requests: Vec<L10nRequest>) -> Vec<Option<Localized>> {
    shell.localize(&requests)
}
