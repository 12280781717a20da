//! The desk and a hub on the internet: it signs in over TLS (a certificate made by the test,
//! trusted through `AGENT_DESK_HUB_CA`), follows the hub's event stream over it, and refuses
//! a plain `http://` hub on another computer with a clear, localized error.

use crate::support::desk::Launch;
use crate::support::{exclusive, DeskApp, TestHub};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_works_with_a_hub_over_tls_and_refuses_plain_http_elsewhere() {
    let _one_at_a_time = exclusive().await;
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let hub = TestHub::start(TestHub::config(|config| {
        config.server.tls_cert_file = Some(cert.clone());
        config.server.tls_key_file = Some(key.clone());
    }))
    .await;
    assert!(hub.url().starts_with("https://127.0.0.1:"), "{}", hub.url());

    let launch = Launch {
        env: vec![("AGENT_DESK_HUB_CA", cert.to_string_lossy().into_owned())],
        ..Launch::default()
    };
    let desk = DeskApp::launch(launch).await;

    // A hub on another computer over plain HTTP: refused before a password leaves.
    desk.click("input[name=hub][value=remote]").await;
    desk.set_value("#hub-url", "http://hub.example.com:4780").await;
    desk.set_value("#username", "anna").await;
    desk.set_value("#password", "demo").await;
    desk.click("#signin-submit").await;
    desk.wait_text("#signin-error", |text| text.contains("https://")).await;

    // The same desk, the TLS hub: signed in, Available through the stream.
    desk.sign_in_remote(&hub.url(), "anna", false).await;
    desk.go_available().await;
    desk.wait_text("#agent-name", |name| name.contains("Anna")).await;
    desk.quit().await;
}
