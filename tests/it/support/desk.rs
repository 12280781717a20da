//! The real Agent Desk binary in a real WebKitGTK window, driven through WebDriver:
//! `tauri-driver` (one per test, on free ports) in front of Debian's `WebKitWebDriver`.
//! Each launch gets its own config and data directories, so settings and the embedded hub's
//! database start empty.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use super::{eventually, free_port, PATIENCE};

pub struct DeskApp {
    pub client: Client,
    driver: Child,
    home: Option<tempfile::TempDir>,
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
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("LC_ALL", launch.os_locale.unwrap_or("en_US.UTF-8"))
            .env("LANG", launch.os_locale.unwrap_or("en_US.UTF-8"))
            .env("AGENT_DESK_EMBEDDED_LISTEN", format!("127.0.0.1:{}", free_port()))
            .env_remove("AGENT_DESK_HUB_URL")
            // Under Xvfb (no GPU) WebKitGTK's accelerated compositing now and then stops
            // putting new frames on screen while the page goes on working: screenshots then
            // show a page long gone. Without it every frame is painted.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
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
        let desk = Self { client, driver, home: Some(home) };
        desk.wait("#signin-screen:not([hidden]), #desk-screen:not([hidden])").await;
        desk
    }

    /// Waits for an element a person could see.
    pub async fn wait(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("{css} never appeared: {error}"))
    }

    /// Waits until an element's text satisfies `check`; returns the text.
    pub async fn wait_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = element.text().await {
                    if check(&text) {
                        return text;
                    }
                    last = text;
                }
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{css} never showed the text; last {last:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until no element matches (gone, or hidden with the `hidden` attribute).
    pub async fn wait_gone(&self, css: &str) {
        let script = format!(
            "return [...document.querySelectorAll({css:?})].filter(e => !e.closest('[hidden]')).length"
        );
        eventually(&format!("{css} to go away"), || async {
            let count = self.eval(&script).await;
            (count == json!(0)).then_some(())
        })
        .await;
    }

    pub async fn count(&self, css: &str) -> usize {
        let script = format!(
            "return [...document.querySelectorAll({css:?})].filter(e => !e.closest('[hidden]')).length"
        );
        self.eval(&script).await.as_u64().unwrap_or(0) as usize
    }

    pub async fn click(&self, css: &str) {
        self.wait(css).await.click().await.unwrap_or_else(|error| panic!("click {css}: {error}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait(css).await;
        element.send_keys(text).await.unwrap_or_else(|error| panic!("type into {css}: {error}"));
    }

    pub async fn press_enter(&self, css: &str) {
        self.type_into(css, "\u{E007}").await;
    }

    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|error| panic!("{script}: {error}"))
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

    /// Replaces a field's value as a paste would.
    pub async fn set_value(&self, css: &str, value: &str) {
        let element = self.wait(css).await;
        element.clear().await.unwrap();
        element.send_keys(value).await.unwrap();
    }

    /// Pastes a long text into a field (typing it key by key would take minutes).
    pub async fn paste(&self, css: &str, value: &str) {
        let script = format!(
            "const e = document.querySelector({css:?}); e.focus(); e.value = {value:?}; \
             e.dispatchEvent(new Event('input', {{bubbles: true}}));"
        );
        self.eval(&script).await;
    }

    pub async fn go_available(&self) {
        self.click("#presence-button").await;
        self.click("#presence-menu [data-state=available]").await;
        self.wait_text("#presence-label", |text| !text.is_empty()).await;
        self.wait(".presence[data-presence=available]").await;
    }

    /// A screenshot of the window under `target/screenshots/NAME.png`, for a person to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // A shot taken in the same instant as a DOM change can show the previous frame.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Ends the WebDriver session (the app quits); dropping stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }

    /// Quits, keeping the app's config and data for a second launch.
    pub async fn quit_keeping_home(mut self) -> tempfile::TempDir {
        let home = self.home.take().unwrap();
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
        home
    }
}

impl Drop for DeskApp {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

fn stop(driver: &mut Child) {
    // The whole group: tauri-driver, WebKitWebDriver and the app. The `--` matters: without
    // it procps' kill reads the negative group id as an option and signals every process.
    let group = format!("-{}", driver.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let _ = driver.wait();
}

fn tauri_driver() -> PathBuf {
    let cargo_bin =
        std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo/bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}
