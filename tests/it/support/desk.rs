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
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so the driver, WebKitWebDriver and the app go together.
            .process_group(0);
        for (name, value) in &launch.env {
            command.env(name, value);
        }
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
        let desk = Self { page: Page { client }, driver, home: Some(home), os_locale };
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
        let settings = self.home().join("config/app.agentdesk.desk/settings.json");
        eventually(&format!("the desk to save the language {language}"), || async {
            let saved: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&settings).ok()?).ok()?;
            (saved["locale"] == json!(language)).then_some(())
        })
        .await;
        eventually("the page to switch language", || async {
            let lang = self.eval("return document.documentElement.lang").await;
            (lang == json!(language)).then_some(())
        })
        .await;
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

    pub async fn go_available(&self) {
        self.click("#presence-button").await;
        self.click("#presence-menu [data-state=available]").await;
        self.wait_text("#presence-label", |text| !text.is_empty()).await;
        self.wait(".presence[data-presence=available]").await;
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
