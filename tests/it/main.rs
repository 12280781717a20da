//! Agent Desk's integration tests, one binary (ripgrep-style):
//!
//! - `shell`: the Tauri shell on the mock runtime, its commands against a real hub;
//! - `contrast`: the palette of `ui/styles.css` against WCAG AA, light and dark;
//! - `e2e_*`: the real app under a display, driven through WebDriver (tauri-driver +
//!   WebKitWebDriver), against a real hub, with the customer played through the widget API;
//!   `e2e_package` installs the `.deb` that `scripts/package` built and drives that;
//!   `e2e_browser` plays the customer in headless Chromium (chromedriver) instead;
//!   `e2e_two_desks` drives two desk windows at once, each signed in as its own agent;
//!   `e2e_desktop` the desk on the desktop: its tray icon over D-Bus, closing to the tray,
//!   one desk per agent, the window's state, start at login.
//!
//! The end-to-end tests need what `scripts/test` provides: a display (Xvfb), a D-Bus session
//! with a notification server and an unlocked keyring, `tauri-driver` and `WebKitWebDriver`.
//! They run one at a time (each owns the display: one app window, or two).

mod commands;
mod contrast;
mod e2e_a11y;
mod e2e_alerts;
mod e2e_away;
mod e2e_browser;
mod e2e_channels;
mod e2e_collab;
mod e2e_desktop;
mod e2e_escalation;
mod e2e_livechat;
mod e2e_locales;
mod e2e_masking;
mod e2e_package;
mod e2e_records;
mod e2e_resilience;
mod e2e_routing;
mod e2e_security;
mod e2e_two_desks;
mod e2e_workspace;
mod e2e_wrapup;
mod shell;
mod support;
