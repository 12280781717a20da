//! How the desk's WebView renders.
//!
//! On Linux WebKitGTK composites pages on the GPU by default: every layer of the page gets
//! GL buffers, and with no GPU (a virtual display, many thin clients) Mesa keeps those in
//! the web process's memory. The desk is text, lists and forms, which WebKit paints on the
//! CPU without effort, so it renders without GPU compositing: measured with
//! `scripts/desk-footprint` under Xvfb, that is about 80 MiB less for the web process at
//! the sign-in screen and 150 MiB less with six busy chats. The end-to-end tests have always
//! run that way (`WEBKIT_DISABLE_COMPOSITING_MODE` in `tests/it/support/desk.rs`), so the
//! desk ships as it is tested.

use tauri::{Runtime, WebviewWindow};

/// Sets up the window's WebView, once, when the window is created.
pub fn configure<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let configured = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = configured {
            tracing::warn!(%error, "the WebView keeps its default rendering");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
