//! What every page the tests drive shares, the desk's window and the customer's browser
//! alike: waiting for what a person would see, clicking, typing, reading, screenshots.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::{eventually, PATIENCE};

/// One WebDriver session's page.
pub struct Page {
    pub client: Client,
}

impl Page {
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

    /// Clicks an element once it takes the click, as a person waits for a control that is
    /// being redrawn or is still covered (WebDriver refuses a click on an element that is
    /// stale, hidden for a moment or under another one, and nothing is clicked then).
    pub async fn click(&self, css: &str) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            match self.wait(css).await.click().await {
                Ok(_) => return,
                Err(error) if tokio::time::Instant::now() >= deadline => {
                    panic!("click {css}: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Types into a field once a person could: it is there and enabled (a compose box is
    /// enabled a moment after its chat opens).
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait(&format!("{css}:not(:disabled)")).await;
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

    /// A screenshot of the page under `target/screenshots/NAME.png`, for a person to look at.
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
}
