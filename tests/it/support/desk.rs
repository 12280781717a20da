//! The real Agent Desk binary in a real WebKitGTK window, driven through WebDriver:
//! `tauri-driver` (one per test, on free ports) in front of Debian's `WebKitWebDriver`.
//! Each launch gets its own config, data, cache and state directories, so settings, the
//! WebView's storage and the embedded hub's database start empty, and two desks started at
//! once (`DeskApp::start_as`, twice) share nothing but the display, the session bus and the
//! keyring. Each has its own tauri-driver and WebKitWebDriver on ports of its own.
//!
//! Two desks need no keyring of their own: the desk stores a device token only when the
//! agent ticks "Remember me", under `user@hub`, so two agents never meet there.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use fantoccini::ClientBuilder;
use serde_json::json;

use super::page::Page;
use super::{eventually, free_ports, stop_group};

pub struct DeskApp {
    page: Page,
    driver: Child,
    home: Option<tempfile::TempDir>,
    /// Where the app's log goes when the test reads it (`Launch::capture_log`).
    log: Option<PathBuf>,
    /// `LC_ALL` and `LANG` of the app.
    os_locale: String,
}

/// How the desk is launched.
#[derive(Default)]
pub struct Launch<'a> {
    /// `LC_ALL` for the app: the OS locale it starts in.
    pub os_locale: Option<&'a str>,
    /// Environment for the app (e.g. `AGENT_DESK_EMBEDDED_LISTEN`).
    pub env: Vec<(&'a str, String)>,
    /// Reuse these directories (a second launch of the same installation).
    pub home: Option<tempfile::TempDir>,
    /// The app binary to start (an installed `/usr/bin/agent-desk`); the one this build made
    /// when `None`.
    pub application: Option<&'a str>,
    /// Keep the app's log (its output, and the drivers') in a file the test reads,
    /// for what the desk does without showing it ([`DeskApp::wait_log`]).
    pub capture_log: bool,
}

impl DeskApp {
    pub async fn launch(launch: Launch<'_>) -> Self {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no display: run the tests with scripts/test"
        );
        let home = launch.home.unwrap_or_else(|| tempfile::tempdir().unwrap());
        let os_locale = launch.os_locale.unwrap_or("en_US.UTF-8").to_owned();
        let [port, native_port, embedded_port] = free_ports();
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(installation(home.path(), &os_locale))
            .env("AGENT_DESK_EMBEDDED_LISTEN", format!("127.0.0.1:{embedded_port}"))
            .env_remove("AGENT_DESK_HUB_URL")
            // Under Xvfb (no GPU) WebKitGTK's accelerated compositing now and then stops
            // putting new frames on screen while the page goes on working: screenshots then
            // show a page long gone. Without it every frame is painted.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            // Its own process group, so the driver, WebKitWebDriver and the app go together.
            .process_group(0);
        for (name, value) in &launch.env {
            command.env(name, value);
        }
        let log = launch.capture_log.then(|| home.path().join("desk.log"));
        match &log {
            // The app logs to its standard output, at info whatever the developer's RUST_LOG
            // says: the test reads those lines.
            Some(path) => {
                let file = std::fs::File::create(path).unwrap();
                command.env("RUST_LOG", "info").stdout(file.try_clone().unwrap()).stderr(file)
            }
            None => {
                // The app's info lines would bury the test's own output: warnings and errors
                // only, unless the developer asks for more.
                if std::env::var_os("RUST_LOG").is_none() {
                    command.env("RUST_LOG", "warn");
                }
                command.stdout(Stdio::null()).stderr(Stdio::inherit())
            }
        };
        let driver = command.spawn().expect("tauri-driver (cargo install tauri-driver) is needed");
        let url = format!("http://127.0.0.1:{port}");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": launch.application.unwrap_or(env!("CARGO_BIN_EXE_agent-desk")) }),
        );
        let client = eventually("tauri-driver to open a session", || {
            let capabilities = capabilities.clone();
            let url = url.clone();
            async move {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector).capabilities(capabilities).connect(&url).await.ok()
            }
        })
        .await;
        let desk = Self { page: Page { client }, driver, home: Some(home), log, os_locale };
        desk.wait("#signin-screen:not([hidden]), #desk-screen:not([hidden])").await;
        desk
    }

    /// A desk of its own, signed in to the hub at `hub_url` as `username` in `language`
    /// (a desk locale: "en-US", "ar"…), which the agent chooses on the sign-in screen, so
    /// it holds whatever language the hub has for that agent. Call it once per desk: two
    /// windows side by side, each its own installation.
    pub async fn start_as(hub_url: &str, username: &str, language: &str) -> Self {
        let os_locale = match language {
            "ar" => "ar_SA.UTF-8",
            "de" => "de_DE.UTF-8",
            "fi" => "fi_FI.UTF-8",
            "fr" => "fr_FR.UTF-8",
            "fr-CA" => "fr_CA.UTF-8",
            "it" => "it_IT.UTF-8",
            _ => "en_US.UTF-8",
        };
        let desk = Self::launch(Launch { os_locale: Some(os_locale), ..Launch::default() }).await;
        desk.choose_language(language).await;
        desk.sign_in_remote(hub_url, username, false).await;
        let lang = desk.eval("return document.documentElement.lang").await;
        assert_eq!(lang, json!(language), "{username}'s desk keeps the language chosen");
        desk
    }

    /// Chooses the desk's language in the sign-in screen's language list, and waits until
    /// the desk saved the choice (the next sign-in reads it, not the hub's language).
    pub async fn choose_language(&self, language: &str) {
        let script = format!(
            "const s = document.querySelector('#signin-screen .locale-select'); s.value = {language:?};
             s.dispatchEvent(new Event('change'));"
        );
        self.eval(&script).await;
        self.wait_saved(&format!("the language {language}"), |saved| {
            saved["locale"] == json!(language)
        })
        .await;
        eventually("the page to switch language", || async {
            let lang = self.eval("return document.documentElement.lang").await;
            (lang == json!(language)).then_some(())
        })
        .await;
    }

    /// Waits until the desk's settings file holds what `check` looks for.
    pub async fn wait_saved(&self, what: &str, check: impl Fn(&serde_json::Value) -> bool) {
        let settings = Self::settings_file(
            self.home.as_ref().expect("a running desk has its directories").path(),
        );
        eventually(&format!("the desk to save {what}"), || async {
            let saved: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&settings).ok()?).ok()?;
            check(&saved).then_some(())
        })
        .await;
    }

    /// Where a desk whose directories are under `home` keeps its settings (write it before
    /// `Launch { home, .. }` to start a desk with them).
    pub fn settings_file(home: &Path) -> PathBuf {
        home.join("config/app.agentdesk.desk/settings.json")
    }

    /// Signs in to a hub at an address.
    pub async fn sign_in_remote(&self, hub_url: &str, username: &str, remember: bool) {
        self.click("input[name=hub][value=remote]").await;
        self.set_value("#hub-url", hub_url).await;
        self.set_value("#username", username).await;
        self.set_value("#password", "demo").await;
        let remembered = self.eval("return document.getElementById('remember').checked").await;
        if remembered != json!(remember) {
            self.click("#remember").await;
        }
        self.click("#signin-submit").await;
        self.wait("#desk-screen:not([hidden])").await;
    }

    /// How many times the app's log holds `line` so far (launched with `capture_log`).
    pub fn log_count(&self, line: &str) -> usize {
        let path = self.log.as_ref().expect("launched with capture_log");
        std::fs::read_to_string(path).map_or(0, |log| log.matches(line).count())
    }

    /// The settings file as the desk saved it.
    pub fn saved_settings(&self) -> serde_json::Value {
        let home = self.home.as_ref().expect("a running desk has its directories");
        let path = home.path().join("config/app.agentdesk.desk/settings.json");
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub async fn go_available(&self) {
        self.click("#presence-button").await;
        self.click("#presence-menu [data-state=available]").await;
        self.wait_text("#presence-label", |text| !text.is_empty()).await;
        self.wait(".presence[data-presence=available]").await;
    }

    /// Whether the desk's window asks for attention: the urgency hint in its X window's
    /// `WM_HINTS`, which GTK sets for Tauri's `request_user_attention` (a window manager
    /// would show it in the taskbar; under Xvfb there is none, so nothing but the desk clears
    /// it). Read with `xwininfo` and `xprop` (x11-utils); the window is the one titled
    /// "Agent Desk", so this asks about the only desk on the display.
    pub fn asks_for_attention(&self) -> bool {
        let tree = Command::new("xwininfo")
            .args(["-root", "-tree"])
            .output()
            .expect("xwininfo (package x11-utils) is needed");
        let tree = String::from_utf8_lossy(&tree.stdout);
        let windows: Vec<&str> = tree
            .lines()
            .filter(|line| line.contains("\"Agent Desk\""))
            .filter_map(|line| line.split_whitespace().next())
            .collect();
        assert!(!windows.is_empty(), "no X window titled Agent Desk:\n{tree}");
        windows.iter().any(|window| {
            let hints = Command::new("xprop")
                .args(["-id", window, "WM_HINTS"])
                .output()
                .expect("xprop (package x11-utils) is needed");
            String::from_utf8_lossy(&hints.stdout).contains("The urgency hint bit is set")
        })
    }

    /// The directories this desk keeps its settings, storage and cache in.
    pub fn home(&self) -> &Path {
        self.home.as_ref().expect("a running desk has its directories").path()
    }

    /// The process group of the driver, WebKitWebDriver and the app.
    pub fn process_group(&self) -> u32 {
        self.driver.id()
    }

    /// The app's own process, while it runs.
    pub fn app_process(&self) -> Option<u32> {
        let app = Path::new(env!("CARGO_BIN_EXE_agent-desk")).file_name().unwrap().to_owned();
        super::processes_in_group(self.process_group()).into_iter().find(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            exe.file_name() == Some(app.as_os_str())
        })
    }

    pub fn app_pid(&self) -> u32 {
        self.app_process().expect("the desk's process")
    }

    /// Starts the app binary once more, as the agent would from the applications menu, in
    /// the same installation (directories and locale) as this desk: not through WebDriver.
    pub fn launch_again(&self) -> Child {
        Command::new(env!("CARGO_BIN_EXE_agent-desk"))
            .envs(installation(self.home(), &self.os_locale))
            .env_remove("AGENT_DESK_HUB_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the desk binary")
    }

    /// Ends the WebDriver session (the app quits); dropping stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }

    /// Quits, keeping the app's config and data for a second launch. Returns once the app is
    /// gone: a desk still quitting (it signs out first) holds its single-instance name, and
    /// the next launch would hand over to it.
    pub async fn quit_keeping_home(mut self) -> tempfile::TempDir {
        let home = self.home.take().unwrap();
        let _ = self.client.clone().close().await;
        stop_group(&mut self.driver);
        let group = self.process_group();
        eventually("the desk to quit", || async {
            super::processes_in_group(group).is_empty().then_some(())
        })
        .await;
        home
    }
}

/// The window's page: waiting, clicking, typing, reading, screenshots.
impl std::ops::Deref for DeskApp {
    type Target = Page;

    fn deref(&self) -> &Page {
        &self.page
    }
}

impl Drop for DeskApp {
    fn drop(&mut self) {
        stop_group(&mut self.driver);
        // A failed test shows the log it captured, which it would otherwise take along.
        if let Some(log) = self.log.as_ref().filter(|_| std::thread::panicking()) {
            eprintln!(
                "--- the desk's log ---\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
    }
}

/// What makes a launch this installation: its XDG directories and the OS locale.
fn installation(home: &Path, os_locale: &str) -> Vec<(&'static str, String)> {
    let dir = |name: &str| home.join(name).to_string_lossy().into_owned();
    vec![
        ("XDG_CONFIG_HOME", dir("config")),
        ("XDG_CACHE_HOME", dir("cache")),
        ("XDG_DATA_HOME", dir("data")),
        ("XDG_STATE_HOME", dir("state")),
        ("LC_ALL", os_locale.to_owned()),
        ("LANG", os_locale.to_owned()),
        // Under Xvfb (no GPU) WebKitGTK's accelerated compositing now and then stops
        // putting new frames on screen while the page goes on working: screenshots then
        // show a page long gone. Without it every frame is painted.
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1".to_owned()),
    ]
}

fn tauri_driver() -> PathBuf {
    let cargo_bin =
        std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo/bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}
