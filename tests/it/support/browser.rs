//! The customer's side in a real browser: Debian's Chromium, headless, driven through its
//! own WebDriver (`chromedriver`, package `chromium-driver`) on a free port, with a fresh
//! profile per browser so nothing of one test's session reaches another.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use fantoccini::ClientBuilder;
use serde_json::json;

use super::page::Page;
use super::{eventually, free_port, stop_group};

pub struct Browser {
    page: Page,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A headless Chromium whose preferred language (`Accept-Language`) is `language`.
    pub async fn launch(language: &str) -> Self {
        let profile = tempfile::tempdir().unwrap();
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver (Debian's chromium-driver) is needed: scripts/setup --test");
        // The flags this machine needs (see ARCHITECTURE.md, "Learned here"): no sandbox as
        // root, and none of Chromium's own calls home, which a closed network refuses.
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1024,800".to_owned(),
            format!("--lang={language}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": args,
                    "prefs": { "intl.accept_languages": language } }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let client = eventually("chromedriver to open a session", || {
            let capabilities = capabilities.clone();
            let url = url.clone();
            async move {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector).capabilities(capabilities).connect(&url).await.ok()
            }
        })
        .await;
        Self { page: Page { client }, driver, _profile: profile }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|error| panic!("open {url}: {error}"));
    }

    /// Ends the session (the browser quits); dropping stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

/// The browser's page: waiting, clicking, typing, reading, screenshots.
impl std::ops::Deref for Browser {
    type Target = Page;

    fn deref(&self) -> &Page {
        &self.page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop_group(&mut self.driver);
    }
}
