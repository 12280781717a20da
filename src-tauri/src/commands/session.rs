use desk_core::view::PresenceView;
use hub_protocol::RequestedState;
use tauri::{AppHandle, Runtime, State};

use crate::error::DeskResult;
use crate::shell::{MaskingState, SessionView, Shell, SignInDefaults, SignInRequest};

#[tauri::command]
pub async fn sign_in_defaults(shell: State<'_, Shell>) -> DeskResult<SignInDefaults> {
    Ok(shell.sign_in_defaults().await)
}

#[tauri::command]
pub async fn sign_in<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    request: SignInRequest,
) -> DeskResult<SessionView> {
    shell.sign_in(&app, request).await
}

#[tauri::command]
pub async fn sign_out(shell: State<'_, Shell>) -> DeskResult<()> {
    shell.sign_out().await
}

#[tauri::command]
pub async fn session_view(shell: State<'_, Shell>) -> DeskResult<SessionView> {
    shell.session_view().await
}

#[tauri::command]
pub async fn set_presence(
    shell: State<'_, Shell>,
    state: RequestedState,
) -> DeskResult<PresenceView> {
    shell.set_presence(state).await
}

#[tauri::command]
pub async fn masking_state(shell: State<'_, Shell>) -> DeskResult<MaskingState> {
    shell.masking_state().await
}
