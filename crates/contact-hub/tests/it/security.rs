//! The security review's attacks (`../shared/reviews/security.md`), each tried against the
//! hub and answered as documented, with nothing lost or changed: another agent's case, chat
//! log or draft (H4); a case number, account or email typed in the pre-chat form (H5);
//! brute force on the sign-in and parallel password checks (H2); floods through the widget
//! (H3).

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{config, request, TestHub};

/// A request from the client address `ip`, as the server's connect info gives it.
async fn call_from(
    t: &TestHub,
    ip: &str,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, HeaderMap, Value) {
    let mut request = request(method, uri, token, body);
    let peer = SocketAddr::new(ip.parse().unwrap(), 40_000);
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = t.app.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    (status, headers, json)
}

/// A `429 rate-limited` in the one wire shape, with a `Retry-After` of a few seconds.
fn assert_rate_limited(status: StatusCode, headers: &HeaderMap, body: &Value) {
    assert_eq!(
        (status, code(body)),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate-limited")),
        "{body}"
    );
    assert_eq!(body.as_object().unwrap().len(), 2, "{{code, message}} only: {body}");
    let retry: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=120).contains(&retry), "Retry-After {retry}");
}

/// A Livechat customer with pre-chat `fields`; returns (conversation id, customer token).
async fn start(t: &TestHub, fields: Value, text: &str) -> (String, String) {
    let mut body = json!({"name": "Mia Virtanen", "language": "en-US", "text": text});
    for (key, value) in fields.as_object().unwrap() {
        body[key] = value.clone();
    }
    let (status, answer) = t.post("/widget/v1/conversations", None, body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    (
        answer["conversationId"].as_str().unwrap().to_owned(),
        answer["customerToken"].as_str().unwrap().to_owned(),
    )
}

async fn act(t: &TestHub, token: &str, conversation: &str, action: &str, body: Value) -> Value {
    let (status, answer) =
        t.post(&format!("/v1/conversations/{conversation}/{action}"), Some(token), body).await;
    assert!(status.is_success(), "{action}: {status} {answer}");
    answer
}

fn code(body: &Value) -> Option<&str> {
    body["code"].as_str()
}

// ------------------------------------------------------------------ H4 object-level access

#[tokio::test]
async fn an_agent_cannot_read_or_rewrite_another_agents_case() {
    let t = TestHub::start(config(&["anna", "aino", "jonas"], |c| {
        c.agents[2].admin = true;
    }));
    let anna = t.available("anna").await;
    let aino = t.login("aino").await;
    let jonas = t.login("jonas").await;
    let (status, mia) = t.post("/v1/customers", Some(&anna), json!({"name": "Mia"})).await;
    assert_eq!(status, StatusCode::CREATED, "{mia}");
    let (status, leo) = t.post("/v1/customers", Some(&aino), json!({"name": "Leo"})).await;
    assert_eq!(status, StatusCode::CREATED, "{leo}");

    // Anna's chat ends: its chat log is her draft.
    let (conversation, _) = start(&t, json!({}), "My order is late").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    act(&t, &anna, &conversation, "end", json!({})).await;
    let log_uri = format!("/v1/conversations/{conversation}/chat-log");
    let (status, draft) = t.get(&log_uri, &anna).await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    let case_uri = format!("/v1/cases/{}", draft["id"].as_str().unwrap());

    // Aino sees no such draft, through either door, nor in her drafts.
    for uri in [&log_uri, &case_uri] {
        let (status, body) = t.get(uri, &aino).await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, Some("not-found")), "{uri}");
        assert!(!body.to_string().contains("My order is late"), "{body}");
    }
    let (_, drafts) = t.get("/v1/cases/drafts", &aino).await;
    assert_eq!(drafts, json!([]));
    // Nor can she save it onto a record of her choosing.
    let move_it = json!({"customerId": leo["id"], "subject": "x", "notes": "", "status": "saved"});
    let (status, body) = t.call(Method::PUT, &case_uri, Some(&aino), Some(move_it)).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, Some("not-found")), "{body}");
    assert_eq!(t.get(&case_uri, &anna).await.1, draft, "nothing changed");

    // Anna saves it on Mia's record: now it is in Mia's file, which every agent reads…
    let save =
        json!({"customerId": mia["id"], "subject": "Late order", "notes": "", "status": "saved"});
    let (status, saved) = t.call(Method::PUT, &case_uri, Some(&anna), Some(save)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (status, read) = t.get(&case_uri, &aino).await;
    assert_eq!((status, &read), (StatusCode::OK, &saved));
    // …but only its agent, an agent of its conversation or an admin changes it: Aino can
    // neither move the transcript to Leo's file nor flip it back to a draft.
    for update in [
        json!({"customerId": leo["id"], "subject": "Late order", "notes": "", "status": "saved"}),
        json!({"customerId": null, "subject": "Late order", "notes": "", "status": "draft"}),
    ] {
        let (status, body) = t.call(Method::PUT, &case_uri, Some(&aino), Some(update)).await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, Some("not-your-case")), "{body}");
        assert_eq!(
            body.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["code", "message"],
            "the one wire error shape"
        );
    }
    assert_eq!(t.get(&case_uri, &anna).await.1, saved, "nothing changed");
    let (_, file) = t.get(&format!("/v1/customers/{}", leo["id"].as_str().unwrap()), &aino).await;
    assert_eq!(file["cases"], json!([]), "nothing moved to Leo's file");

    // An admin may correct it.
    let fix =
        json!({"customerId": mia["id"], "subject": "Late parcel", "notes": "", "status": "saved"});
    let (status, fixed) = t.call(Method::PUT, &case_uri, Some(&jonas), Some(fix)).await;
    assert_eq!((status, fixed["subject"].as_str()), (StatusCode::OK, Some("Late parcel")));
}

// ------------------------------------------------------------------ H5 typed identifiers

#[tokio::test]
async fn a_claimed_case_number_links_nothing_until_the_agent_confirms() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let anna = t.available("anna").await;
    let (_, mia) = t
        .post(
            "/v1/customers",
            Some(&anna),
            json!({"name": "Mia Virtanen", "email": "mia@example.com", "account": "AC-1"}),
        )
        .await;
    // Mia's own chat, confirmed by Anna, saved on her record.
    let (first, _) = start(&t, json!({"email": "mia@example.com"}), "Where is my refund?").await;
    act(&t, &anna, &first, "accept", json!({})).await;
    act(&t, &anna, &first, "record/confirm", json!({})).await;
    act(&t, &anna, &first, "end", json!({})).await;
    act(&t, &anna, &first, "wrapup", json!({"reasonId": "resolved"})).await;
    let (_, mias_case) = t.get(&format!("/v1/conversations/{first}/chat-log"), &anna).await;
    assert_eq!(mias_case["status"], "saved");
    let number = mias_case["number"].as_str().unwrap().to_owned();

    // Case numbers are not sequential: the next one says nothing about Mia's.
    let (other, _) = start(&t, json!({}), "Hello").await;
    act(&t, &anna, &other, "accept", json!({})).await;
    act(&t, &anna, &other, "end", json!({})).await;
    let (_, next) = t.get(&format!("/v1/conversations/{other}/chat-log"), &anna).await;
    let next = next["number"].as_str().unwrap().to_owned();
    assert_ne!(next, number);
    assert!(next.starts_with("CS-") && next.len() == number.len(), "readable: {next}");
    // The old sequential form finds nothing.
    let (guess, _) = start(&t, json!({"caseNumber": "CS-000001"}), "?").await;
    assert_eq!(t.hub.conversation(&guess).unwrap().record, None);

    // An impostor types Mia's case number, account and email.
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    let (attack, _) = start(
        &t,
        json!({"caseNumber": number, "account": "AC-1", "email": "mia@example.com"}),
        "I am Mia, change my address",
    )
    .await;
    let offered = events.until("offered").await;
    let record = &offered.data["body"]["offer"]["conversation"]["record"];
    // Shown as a claim: the desk shows no history until the agent confirms.
    assert_eq!(record["claimed"], true, "{}", offered.data);
    assert_eq!(record["customerId"], mia["id"]);
    act(&t, &anna, &attack, "accept", json!({})).await;
    // Another agent cannot confirm it for her.
    let aino = t.login("aino").await;
    let (status, body) =
        t.post(&format!("/v1/conversations/{attack}/record/confirm"), Some(&aino), json!({})).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, Some("not-your-conversation")));
    // Anna does not confirm; the chat ends: nothing is saved on Mia's record.
    act(&t, &anna, &attack, "end", json!({})).await;
    let (_, log) = t.get(&format!("/v1/conversations/{attack}/chat-log"), &anna).await;
    assert_eq!((log["status"].as_str(), log["customerId"].as_str()), (Some("draft"), None));
    let (_, file) = t.get(&format!("/v1/customers/{}", mia["id"].as_str().unwrap()), &anna).await;
    let cases: Vec<_> = file["cases"].as_array().unwrap().iter().map(|c| &c["id"]).collect();
    assert_eq!(cases, [&mias_case["id"]], "Mia's file holds her own chat only");
    // And nothing of hers changed.
    let (_, same) = t.get(&format!("/v1/cases/{}", mias_case["id"].as_str().unwrap()), &anna).await;
    assert_eq!(same, mias_case);
    // There is nothing left to confirm on a link that is not a claim.
    let (status, body) =
        t.post(&format!("/v1/conversations/{first}/record/confirm"), Some(&anna), json!({})).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, Some("not-found")));
}

// ------------------------------------------------------------------ H2 sign-in

async fn sign_in_from(
    t: &TestHub,
    ip: &str,
    username: &str,
    password: &str,
) -> (StatusCode, HeaderMap, Value) {
    let body = json!({"username": username, "password": password});
    call_from(t, ip, Method::POST, "/v1/sessions", None, Some(body)).await
}

#[tokio::test]
async fn brute_force_sign_in_is_limited_per_address_and_per_user_name() {
    let t = TestHub::start(config(&["anna", "aino"], |c| {
        c.limits.login_per_ip_per_minute = 5;
        c.limits.login_per_username_per_minute = 4;
    }));
    // Anna's own sign-in (no socket, so no address) takes one of her name's four tries.
    let anna = t.login("anna").await;

    // One address guessing many user names: five tries, then 429 without a password check.
    for n in 0..5 {
        let (status, _, body) = sign_in_from(&t, "203.0.113.1", &format!("user{n}"), "guess").await;
        assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, Some("invalid-credentials")));
    }
    let (status, headers, body) = sign_in_from(&t, "203.0.113.1", "aino", "demo").await;
    assert_rate_limited(status, &headers, &body);

    // Many addresses guessing one user name: the three tries left, then 429, even with the
    // right password, until the bucket refills.
    for n in 0..3 {
        let (status, _, _) = sign_in_from(&t, &format!("198.51.100.{n}"), "anna", "guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, headers, body) = sign_in_from(&t, "198.51.100.9", "Anna", "demo").await;
    assert_rate_limited(status, &headers, &body);

    // Nothing else is touched: another agent from another address signs in, and Anna's
    // session from before keeps working.
    let (status, _, body) = sign_in_from(&t, "192.0.2.50", "aino", "demo").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = t.get("/v1/queues", &anna).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn parallel_sign_ins_wait_for_a_few_password_checks_at_once() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.password_checks_at_once = 1;
        c.limits.password_check_wait_secs = 0;
        c.limits.login_per_ip_per_minute = 100;
        c.limits.login_per_username_per_minute = 100;
    }));
    let attempts = (0..6).map(|n| {
        let t = &t;
        async move { sign_in_from(t, &format!("192.0.2.{n}"), "anna", "demo").await }
    });
    let answers = futures_util::future::join_all(attempts).await;
    let ok = answers.iter().filter(|(s, _, _)| *s == StatusCode::OK).count();
    let limited: Vec<_> =
        answers.iter().filter(|(s, _, _)| *s == StatusCode::TOO_MANY_REQUESTS).collect();
    assert!(ok >= 1, "one check at a time still signs agents in");
    assert!(!limited.is_empty(), "the others are told to retry rather than queue for memory");
    for (status, headers, body) in limited {
        assert_rate_limited(*status, headers, body);
    }
}

/// Issue 16: 200 agents signing in at once (and 20 unknown names, checked against the dummy
/// hash) run their argon2 checks on the configured three threads, never more at once, and
/// each thread allocates its 19 MiB once and reuses it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_sign_ins_at_once_check_passwords_on_a_few_threads_reusing_their_memory() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.password_checks_at_once = 3;
        c.limits.password_check_wait_secs = 600;
        let anna = c.agents[0].clone();
        c.agents = (0..200)
            .map(|n| contact_hub::config::AgentConfig {
                id: format!("agent{n}"),
                username: format!("agent{n}"),
                display_name: format!("Agent {n}"),
                ..anna.clone()
            })
            .collect();
    }));
    let sign_ins = (0..220).map(|n| {
        let hub = t.hub.clone();
        tokio::spawn(async move {
            let request = hub_protocol::LoginRequest {
                username: if n < 200 { format!("agent{n}") } else { format!("nobody{n}") },
                password: "demo".into(),
                device_token: None,
                remember_device: false,
            };
            hub.login(request, None).await
        })
    });
    let answers = futures_util::future::join_all(sign_ins).await;
    for (n, answer) in answers.into_iter().enumerate() {
        match answer.unwrap() {
            Ok(_) => assert!(n < 200, "nobody{n} signed in"),
            Err(contact_hub::HubError::InvalidCredentials) => assert!(n >= 200, "agent{n}"),
            Err(error) => panic!("sign-in {n}: {error:?}"),
        }
    }
    let stats = t.hub.password_check_stats();
    assert_eq!(stats.threads, 3);
    assert_eq!(stats.checks, 220, "every sign-in, unknown names too, ran one check");
    assert!((1..=3).contains(&stats.most_at_once), "{stats:?}");
    assert!(stats.memory_allocations <= 3, "each thread allocates once: {stats:?}");
}

// ------------------------------------------------------------------ H3 widget floods

const WIDGET_START: &str = "/widget/v1/conversations";

async fn start_from(t: &TestHub, ip: &str, queue: Option<&str>) -> (StatusCode, HeaderMap, Value) {
    let body = json!({"name": "Flood", "language": "en-US", "queueId": queue, "text": "hello"});
    call_from(t, ip, Method::POST, WIDGET_START, None, Some(body)).await
}

#[tokio::test]
async fn widget_floods_are_limited_per_address_and_per_conversation() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.widget_starts_per_ip_per_minute = 3;
        c.limits.widget_messages_per_ip_per_minute = 8;
        c.limits.widget_messages_per_conversation_per_minute = 5;
        c.limits.widget_typing_per_conversation_per_minute = 2;
    }));
    // Starts per address.
    let mut chats = Vec::new();
    for _ in 0..3 {
        let (status, _, body) = start_from(&t, "198.51.100.7", None).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        chats.push((
            body["conversationId"].as_str().unwrap().to_owned(),
            body["customerToken"].as_str().unwrap().to_owned(),
        ));
    }
    let (status, headers, body) = start_from(&t, "198.51.100.7", None).await;
    assert_rate_limited(status, &headers, &body);
    assert_eq!(t.hub.queued_conversations().unwrap().len(), 3, "the refused start left nothing");
    let (status, _, _) = start_from(&t, "198.51.100.8", None).await;
    assert_eq!(status, StatusCode::CREATED, "another address is not affected");

    // Messages per conversation, then per address.
    let send = |ip: &'static str, chat: usize, n: usize| {
        let (id, token) = chats[chat].clone();
        let t = &t;
        async move {
            let uri = format!("/widget/v1/conversations/{id}/messages");
            let body = json!({"clientId": format!("m{n}"), "text": format!("message {n}")});
            call_from(t, ip, Method::POST, &uri, Some(&token), Some(body)).await
        }
    };
    for n in 0..5 {
        assert_eq!(send("198.51.100.7", 0, n).await.0, StatusCode::CREATED);
    }
    let (status, headers, body) = send("198.51.100.7", 0, 5).await;
    assert_rate_limited(status, &headers, &body);
    for n in 10..12 {
        assert_eq!(send("198.51.100.7", 1, n).await.0, StatusCode::CREATED);
    }
    let (status, headers, body) = send("198.51.100.7", 1, 12).await;
    assert_rate_limited(status, &headers, &body);
    assert_eq!(send("198.51.100.9", 1, 13).await.0, StatusCode::CREATED, "per address");
    // Nothing accepted was lost; nothing refused was stored.
    let texts = |chat: usize| -> Vec<String> {
        t.hub.messages(&chats[chat].0).unwrap().into_iter().map(|m| m.text).collect()
    };
    assert_eq!(texts(0).len(), 1 + 5, "{:?}", texts(0));
    assert!(!texts(0).contains(&"message 5".to_owned()));
    assert_eq!(texts(1), ["hello", "message 10", "message 11", "message 13"]);

    // Typing per conversation.
    let (id, token) = chats[2].clone();
    let uri = format!("/widget/v1/conversations/{id}/typing");
    for _ in 0..2 {
        let (status, _, _) =
            call_from(&t, "203.0.113.4", Method::POST, &uri, Some(&token), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (status, headers, body) =
        call_from(&t, "203.0.113.4", Method::POST, &uri, Some(&token), None).await;
    assert_rate_limited(status, &headers, &body);
}

#[tokio::test]
async fn a_full_queue_takes_no_more_waiting_chats() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.waiting_chats_per_queue = 2));
    for n in 0..2 {
        let (status, _, body) = start_from(&t, &format!("192.0.2.{n}"), Some("livechat-en")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, headers, body) = start_from(&t, "192.0.2.9", Some("livechat-en")).await;
    assert_rate_limited(status, &headers, &body);
    // Another queue has room; and once an agent takes a chat, so does this one.
    let (status, _, _) = start_from(&t, "192.0.2.9", Some("livechat-fi")).await;
    assert_eq!(status, StatusCode::CREATED);
    let anna = t.login("anna").await;
    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    t.set_state(&anna, json!({"kind": "available"})).await;
    let id = loop {
        let offer = events.until("offered").await;
        let conversation = &offer.data["body"]["offer"]["conversation"];
        if conversation["queueId"] == "livechat-en" {
            break conversation["id"].as_str().unwrap().to_owned();
        }
    };
    act(&t, &anna, &id, "accept", json!({})).await;
    let (status, _, body) = start_from(&t, "192.0.2.10", Some("livechat-en")).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_chat_nobody_answers_in_time_ends_with_a_word_to_the_customer() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.waiting_chat_expiry_secs = 1;
        c.settings.accept_timeout_secs = 60;
    }));
    // One waits with nobody Available; one is offered to Anna, who does not answer.
    let (waiting, token) = start(&t, json!({}), "Anyone there?").await;
    let mut customer = t.customer_events(&waiting, &token, None).await;
    let anna = t.login("anna").await;
    let mut desk = t.agent_events(&anna, None).await;
    desk.expect("snapshot").await;
    t.set_state(&anna, json!({"kind": "available"})).await;
    let offer = desk.until("offered").await;
    assert_eq!(offer.data["body"]["offer"]["conversation"]["id"], waiting.as_str());

    let line = loop {
        let event = customer.next().await;
        if event.kind() == "messageAdded"
            && event.data["body"]["message"]["system"]["kind"] == "expired"
        {
            break event;
        }
    };
    assert_eq!(line.data["body"]["message"]["author"], json!({"kind": "system"}));
    customer.expect("ended").await;
    let withdrawn = desk.until("offerWithdrawn").await;
    assert_eq!(withdrawn.data["body"]["reason"], "timedOut");
    assert_eq!(t.state_of(&waiting).0, "closed");
    // The offer expiring on the hub's side is not the agent's miss: no RONA.
    let agent = t.hub.agent_state("anna").unwrap();
    assert_eq!(serde_json::to_value(agent.state).unwrap()["kind"], "available");
    // The customer's messages stay as they were written.
    let texts: Vec<_> = t.hub.messages(&waiting).unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts[0], "Anyone there?");
}

// ------------------------------------------------------------------ H1 TLS, M2 slow clients

/// A certificate for `hub.test` made by the test, written where the configuration names it.
fn certificate(dir: &std::path::Path) -> (String, std::path::PathBuf, std::path::PathBuf) {
    let made = rcgen::generate_simple_self_signed(vec!["hub.test".to_owned()]).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (made.cert.pem(), cert, key)
}

#[tokio::test]
async fn the_hub_serves_tls_from_its_configured_certificate_with_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let (pem, cert, key) = certificate(dir.path());
    let hub_config = config(&["anna"], |c| {
        c.server.tls_cert_file = Some(cert);
        c.server.tls_key_file = Some(key);
    });
    let running = contact_hub::RunningHub::start(
        hub_config,
        &dir.path().join("hub.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    let addr = running.addr();
    assert_eq!(running.base_url(), format!("https://127.0.0.1:{}", addr.port()));
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
        .resolve("hub.test", addr)
        .build()
        .unwrap();
    let base = format!("https://hub.test:{}", addr.port());
    let health = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.headers()["strict-transport-security"], "max-age=31536000");
    let login = client
        .post(format!("{base}/v1/sessions"))
        .json(&json!({"username": "anna", "password": "demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);

    // Plain HTTP to the TLS port gets no answer, and a client that does not trust the
    // certificate does not connect.
    let plain = reqwest::get(format!("http://127.0.0.1:{}/health", addr.port())).await;
    assert!(plain.is_err() || plain.unwrap().status() != 200);
    let untrusting = reqwest::Client::builder().resolve("hub.test", addr).build().unwrap();
    assert!(untrusting.get(format!("{base}/health")).send().await.is_err());
    running.shutdown().await;
}

#[tokio::test]
async fn a_half_configured_certificate_or_a_bad_frame_origin_is_refused() {
    let mut half = config(&["anna"], |_| {});
    half.server.tls_cert_file = Some("cert.pem".into());
    assert!(half.validate().is_err());
    let mut injected = config(&["anna"], |_| {});
    injected.widget.frame_ancestors = vec!["https://shop.example; script-src *".into()];
    assert!(injected.validate().is_err());
}

#[tokio::test]
async fn a_slow_client_is_dropped_and_connections_are_capped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let hub_config = config(&["anna"], |c| {
        c.server.header_read_timeout_secs = 1;
        c.server.max_connections = 2;
    });
    let running = contact_hub::RunningHub::start(
        hub_config,
        &dir.path().join("hub.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    let addr = running.addr();
    // Two clients trickle their headers and hold both slots…
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /health HTTP/1.1\r\nHost: hub\r\n").await.unwrap();
        slow.push(stream);
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // …so a third waits for a slot rather than getting one…
    let third = tokio::spawn(reqwest::get(format!("http://{addr}/health")));
    // …until the hub drops the slow ones after the header-read timeout.
    for mut stream in slow {
        let mut buffer = [0u8; 256];
        let read =
            tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buffer))
                .await
                .expect("the hub closes a connection whose headers never finish");
        if let Ok(n) = read {
            let answer = String::from_utf8_lossy(&buffer[..n]);
            assert!(n == 0 || answer.starts_with("HTTP/1.1 408"), "{answer}");
        }
    }
    let third = tokio::time::timeout(std::time::Duration::from_secs(10), third)
        .await
        .expect("a slot frees up")
        .unwrap()
        .unwrap();
    assert_eq!(third.status(), 200, "nothing lost: the waiting client is served");
    running.shutdown().await;
}

// ------------------------------------------------------------------ M5 framing, L5 headers

#[tokio::test]
async fn the_chat_page_cannot_be_framed_except_by_configured_sites() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (status, headers, _) = call_from(&t, "192.0.2.1", Method::GET, "/chat", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    for part in ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"] {
        assert!(csp.contains(part), "{csp}");
    }

    let t = TestHub::start(config(&["anna"], |c| {
        c.widget.frame_ancestors =
            vec!["https://shop.example".into(), "https://*.shop.example".into()];
    }));
    let (_, headers, _) = call_from(&t, "192.0.2.1", Method::GET, "/chat", None, None).await;
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors https://shop.example https://*.shop.example"), "{csp}");
    assert!(headers.get(header::X_FRAME_OPTIONS).is_none());
}

#[tokio::test]
async fn json_answers_are_neither_sniffed_nor_cached() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    for (uri, token) in [("/v1/queues", Some(anna.as_str())), ("/v1/queues", None), ("/nope", None)]
    {
        let (_, headers, _) = call_from(&t, "192.0.2.1", Method::GET, uri, token, None).await;
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{uri}");
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "no HSTS over HTTP");
    }
}

// ------------------------------------------------------------------ M4 demo passwords

#[tokio::test]
async fn the_demo_passwords_work_only_in_the_demo_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("hub.sqlite3");
    let start = |config: contact_hub::HubConfig, listen: &str| {
        let database = database.clone();
        let listen = listen.parse().unwrap();
        async move { contact_hub::RunningHub::start(config, &database, listen).await }
    };
    // The demo on all interfaces: refused before anything listens.
    let error = start(contact_hub::HubConfig::demo(), "0.0.0.0:0").await.unwrap_err();
    assert!(error.to_string().contains("demo"), "{error}");
    // A configuration file that kept the demo's hashes, even on loopback: refused.
    let mut copied = contact_hub::HubConfig::demo();
    copied.demo = false;
    let error = start(copied, "127.0.0.1:0").await.unwrap_err();
    assert!(error.to_string().contains("anna"), "{error}");
    // The demo on loopback (the desk's embedded hub) still starts.
    let demo = start(contact_hub::HubConfig::demo(), "127.0.0.1:0").await.unwrap();
    demo.shutdown().await;
    // What `demo-config` prints has no password hash to copy.
    assert!(!contact_hub::HubConfig::demo_toml().contains("$argon2"));
}

// ------------------------------------------------------------------ M1 sessions that end

/// Moves every stored session's clocks back, as if `hours` had passed.
fn age_sessions(t: &TestHub, column: &str, hours: i64) {
    let ms = hours * 3_600_000;
    t.store.execute(&format!("UPDATE sessions SET {column} = {column} - {ms}"));
}

#[tokio::test]
async fn an_expired_or_idle_token_is_refused() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.session_lifetime_hours = 12;
        c.limits.session_idle_minutes = 60;
    }));
    let anna = t.login("anna").await;
    assert_eq!(t.get("/v1/queues", &anna).await.0, StatusCode::OK);
    // Idle for two hours.
    age_sessions(&t, "last_used_at", 2);
    let (status, body) = t.get("/v1/queues", &anna).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    // In use, but signed in thirteen hours ago.
    let anna = t.login("anna").await;
    age_sessions(&t, "created_at", 13);
    let (status, body) = t.get("/v1/queues", &anna).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    // Signing in again works.
    let anna = t.login("anna").await;
    assert_eq!(t.get("/v1/queues", &anna).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_new_password_revokes_every_older_session() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    let changed = config(&["anna"], |c| {
        c.agents[0].password_hash = contact_hub::hash_password("a new password").unwrap();
    });
    let t = t.restart(changed, std::time::Duration::ZERO).await;
    let (status, _) = t.get("/v1/queues", &anna).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old token died with the old password");
    let (status, body) = t
        .post("/v1/sessions", None, json!({"username": "anna", "password": "a new password"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn signing_out_closes_the_sessions_event_stream() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let anna = t.login("anna").await;
    let other_desk = t.login("anna").await;
    let aino = t.login("aino").await;
    let mut stream = t.agent_events(&anna, None).await;
    stream.expect("snapshot").await;
    let mut other_stream = t.agent_events(&other_desk, None).await;
    other_stream.expect("snapshot").await;
    let mut colleague_stream = t.agent_events(&aino, None).await;
    colleague_stream.expect("snapshot").await;
    let (status, _) = t.call(Method::DELETE, "/v1/sessions/current", Some(&anna), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Issue 16: only the signed-out session's stream was woken to check its session, not
    // Anna's other desk's nor Aino's.
    assert_eq!(t.hub.sign_out_wakes(), 1);
    // What the sign-out did (Anna is logged out) reaches the stream, then it ends.
    let mut after = Vec::new();
    while let Some(event) = stream.try_next(std::time::Duration::from_secs(10)).await {
        after.push(event.kind().to_owned());
    }
    assert_eq!(after, ["stateChanged"], "the signed-out session's stream ends");
    // The agent's other session goes on (it sees the sign-out's state change).
    assert_eq!(t.get("/v1/queues", &other_desk).await.0, StatusCode::OK);
}

// ------------------------------------------------------------------ L4 DNS rebinding

#[tokio::test]
async fn a_hub_with_a_host_allow_list_refuses_other_host_names() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.server.allowed_hosts = vec!["127.0.0.1".into(), "localhost".into()];
    }));
    let health = |host: &'static str| {
        let t = &t;
        async move {
            let mut request = request(Method::GET, "/health", None, None);
            request.headers_mut().insert(header::HOST, host.parse().unwrap());
            t.app.clone().oneshot(request).await.unwrap().status()
        }
    };
    assert_eq!(health("127.0.0.1:4780").await, StatusCode::OK);
    assert_eq!(health("LOCALHOST:4780").await, StatusCode::OK);
    assert_eq!(health("attacker.example:4780").await, StatusCode::MISDIRECTED_REQUEST);
}

// ------------------------------------------------------------------ M6 card numbers at rest

#[tokio::test]
async fn no_field_stores_a_card_number_even_with_display_masking_off() {
    let t = TestHub::start(config(&["anna"], |c| c.settings.mask_sensitive_data = false));
    let anna = t.available("anna").await;
    let card = "4111 1111 1111 1111";
    let (conversation, _) = start(
        &t,
        json!({
            "name": format!("Mia {card}"),
            "account": card,
            "caseNumber": card,
            "source": format!("https://shop.example/pay?card={card}"),
        }),
        &format!("my card is {card}"),
    )
    .await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    let (status, record) = t
        .post(
            "/v1/customers",
            Some(&anna),
            json!({"conversationId": conversation, "name": format!("Mia {card}"), "account": card, "notes": format!("paid with {card}")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
    act(&t, &anna, &conversation, "end", json!({})).await;
    let (_, log) = t.get(&format!("/v1/conversations/{conversation}/chat-log"), &anna).await;
    let case_uri = format!("/v1/cases/{}", log["id"].as_str().unwrap());
    let update = json!({"customerId": record["id"], "subject": format!("card {card}"), "notes": format!("card {card}"), "status": "saved"});
    let (status, _) = t.call(Method::PUT, &case_uri, Some(&anna), Some(update)).await;
    assert_eq!(status, StatusCode::OK);

    // Nothing in the database file holds the number, in any field.
    t.hub.shutdown().await;
    for table in t.store.tables() {
        for row in t.store.rows(&format!("SELECT * FROM {table}")) {
            for text in row.into_iter().flatten() {
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                assert!(!digits.contains("4111111111111111"), "{table}: {text}");
            }
        }
    }
}

// ------------------------------------------------------------------ M7 the database file

#[cfg(unix)]
#[tokio::test]
async fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestHub::start(config(&["anna"], |_| {}));
    if t.store.is_postgres() {
        return; // a SQLite file's permissions; PostgreSQL keeps its own files
    }
    t.login("anna").await;
    for name in ["hub.sqlite3", "hub.sqlite3-wal", "hub.sqlite3-shm"] {
        let path = t.dir.path().join(name);
        if let Ok(meta) = std::fs::metadata(&path) {
            assert_eq!(meta.permissions().mode() & 0o077, 0, "{name}");
        }
    }
}

// ------------------------------------------------------------------ L2 agents' ids

#[tokio::test]
async fn customers_see_an_agents_name_but_never_their_id() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    act(&t, &anna, &conversation, "messages", json!({"clientId": "a1", "text": "Hi, Anna here"}))
        .await;
    let mut customer = t.customer_events(&conversation, &token, None).await;
    loop {
        let event = customer.next().await;
        let author = &event.data["body"]["message"]["author"];
        if author["kind"] == "agent" {
            assert_eq!(author["displayName"], "Anna Lindqvist");
            assert!(!event.data.to_string().contains("\"anna\""), "{}", event.data);
            break;
        }
    }
}

// ------------------------------------------------------------------ L3 webhooks

#[tokio::test]
async fn an_unsigned_oversized_or_unconfigured_webhook_is_refused_before_it_is_read() {
    use contact_hub::config::{ChannelsConfig, QueueConfig, SecretSource, WhatsappConfig};
    let t = TestHub::start(config(&["anna"], |c| {
        c.queues.push(QueueConfig {
            id: "whatsapp-en".into(),
            name: "WhatsApp".into(),
            channel: hub_protocol::Channel::Whatsapp,
            language: "en-US".into(),
            kind: Default::default(),
            disposition_required: false,
            routing: Default::default(),
            chat_log: Default::default(),
            chat_log_mode: Default::default(),
        });
        c.channels = ChannelsConfig {
            whatsapp: Some(WhatsappConfig {
                app_secret: SecretSource::Value("secret".into()),
                verify_token: SecretSource::Value("verify".into()),
                access_token: SecretSource::Value("token".into()),
                graph_base_url: "http://127.0.0.1:9/v23.0".into(),
                queue: "whatsapp-en".into(),
                numbers: Vec::new(),
            }),
            messenger: None,
        };
    }));
    let post = |path: &'static str, body: Vec<u8>, signature: Option<String>| {
        let t = &t;
        async move {
            let mut request = request(Method::POST, path, None, None);
            *request.body_mut() = axum::body::Body::from(body);
            request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            if let Some(signature) = signature {
                request.headers_mut().insert("x-hub-signature-256", signature.parse().unwrap());
            }
            let response = t.app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null))
        }
    };
    let big = vec![b' '; 9 * 1024 * 1024];
    let (status, body) = post("/webhooks/whatsapp", big.clone(), None).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, Some("invalid-signature")));
    let (status, body) = post("/webhooks/messenger", big.clone(), Some("sha256=00".into())).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, Some("not-found")), "not configured");
    let signature = contact_hub::channels::signature::sign(b"secret", &big);
    let (status, _) = post("/webhooks/whatsapp", big, Some(signature)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(t.hub.queued_conversations().unwrap().is_empty(), "nothing taken");
}

// ------------------------------------------------------------------ M2 streams per session

#[tokio::test]
async fn a_session_holds_a_few_event_streams_at_most() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.streams_per_session = 2));
    let anna = t.login("anna").await;
    let first = t.agent_events(&anna, None).await;
    let _second = t.agent_events(&anna, None).await;
    let (status, headers, body) =
        call_from(&t, "192.0.2.1", Method::GET, "/v1/events", Some(&anna), None).await;
    assert_rate_limited(status, &headers, &body);
    // Another session of the same agent has its own; a closed stream frees its slot.
    let other = t.login("anna").await;
    let _third = t.agent_events(&other, None).await;
    drop(first);
    let _again = t.agent_events(&anna, None).await;
}

// ------------------------------------------------------------------ M7 erasure and retention

#[tokio::test]
async fn an_admin_erases_a_customer_and_everything_of_theirs() {
    let t = TestHub::start(config(&["anna", "jonas"], |c| c.agents[1].admin = true));
    let anna = t.available("anna").await;
    let jonas = t.login("jonas").await;
    let (_, mia) = t
        .post("/v1/customers", Some(&anna), json!({"name": "Mia", "email": "mia@example.com"}))
        .await;
    let mia_id = mia["id"].as_str().unwrap().to_owned();
    let (conversation, token) = start(&t, json!({"email": "mia@example.com"}), "Erase me").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    act(&t, &anna, &conversation, "record/confirm", json!({})).await;
    // Not while the chat is live; and only an admin.
    let uri = format!("/v1/customers/{mia_id}");
    let (status, body) = t.call(Method::DELETE, &uri, Some(&jonas), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, Some("invalid-state")));
    act(&t, &anna, &conversation, "end", json!({})).await;
    act(&t, &anna, &conversation, "wrapup", json!({"reasonId": "resolved"})).await;
    let (status, body) = t.call(Method::DELETE, &uri, Some(&anna), None).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, Some("forbidden")));
    // Another customer's chat stays.
    let (other, _) = start(&t, json!({"name": "Leo"}), "Keep me").await;

    let (status, _) = t.call(Method::DELETE, &uri, Some(&jonas), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(t.get(&uri, &anna).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        t.get(&format!("/v1/conversations/{conversation}/chat-log"), &anna).await.0,
        StatusCode::NOT_FOUND
    );
    assert!(t.hub.conversation(&conversation).is_err(), "the conversation is gone");
    let uri = format!("/widget/v1/conversations/{conversation}/events");
    let (status, _) = t.get(&uri, &token).await;
    assert!(matches!(status, StatusCode::UNAUTHORIZED | StatusCode::NOT_FOUND), "{status}");
    assert_eq!(t.hub.messages(&other).unwrap()[0].text, "Keep me");
    // Nothing of hers is left in the database, events included.
    t.hub.shutdown().await;
    for (table, column) in [("events", "body"), ("messages", "text"), ("customers", "email")] {
        let found = t.store.count(&format!(
            "SELECT COUNT(*) FROM {table}
              WHERE {column} LIKE '%Erase me%' OR {column} LIKE '%mia@example.com%'"
        ));
        assert_eq!(found, 0, "{table}");
    }
}

#[tokio::test]
async fn closed_conversations_older_than_the_retention_are_erased() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.retention_days = 30));
    let anna = t.available("anna").await;
    let (old, _) = start(&t, json!({}), "Long ago").await;
    act(&t, &anna, &old, "accept", json!({})).await;
    act(&t, &anna, &old, "end", json!({})).await;
    act(&t, &anna, &old, "wrapup", json!({"reasonId": "resolved"})).await;
    let (recent, _) = start(&t, json!({}), "Yesterday").await;
    act(&t, &anna, &recent, "accept", json!({})).await;
    act(&t, &anna, &recent, "end", json!({})).await;
    act(&t, &anna, &recent, "wrapup", json!({"reasonId": "resolved"})).await;
    let month = 31 * 86_400_000_i64;
    t.store.execute(&format!(
        "UPDATE conversations SET closed_at = closed_at - {month} WHERE id = '{old}'"
    ));
    assert_eq!(t.hub.apply_retention().unwrap(), 1);
    assert!(t.hub.conversation(&old).is_err());
    assert_eq!(t.hub.messages(&recent).unwrap()[0].text, "Yesterday", "kept");
}

// ------------------------------------------------------------------ L6 remembered devices

#[tokio::test]
async fn a_remembered_device_signs_in_with_a_revocable_token_not_the_password() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (status, first) = t
        .post(
            "/v1/sessions",
            None,
            json!({"username": "anna", "password": "demo", "rememberDevice": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let device = first["deviceToken"].as_str().unwrap().to_owned();
    assert_ne!(device, first["token"].as_str().unwrap());
    // The device signs in with its token, no password.
    let again = json!({"username": "anna", "deviceToken": device});
    let (status, second) = t.post("/v1/sessions", None, again.clone()).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert!(second.get("deviceToken").is_none(), "the device keeps the token it has");
    // Not for another agent's name, and not once the agent forgot their devices.
    let (status, _) =
        t.post("/v1/sessions", None, json!({"username": "aino", "deviceToken": device})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let token = second["token"].as_str().unwrap();
    let (status, _) = t.call(Method::DELETE, "/v1/agents/me/devices", Some(token), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = t.post("/v1/sessions", None, again).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, Some("invalid-credentials")));
}

// ------------------------------------------------------------------ L1 stream tickets

fn events_uri(conversation: &str, query: &str) -> String {
    format!("/widget/v1/conversations/{conversation}/events?{query}")
}

/// A `401 unauthorized` in the one wire shape.
fn assert_unauthorized(status: StatusCode, body: &Value) {
    assert_eq!((status, code(body)), (StatusCode::UNAUTHORIZED, Some("unauthorized")), "{body}");
    assert_eq!(body.as_object().unwrap().len(), 2, "{{code, message}} only: {body}");
}

#[tokio::test]
async fn a_stream_ticket_opens_its_conversations_stream_once() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    let (other, other_token) = start(&t, json!({}), "Hi").await;

    let uri = format!("/widget/v1/conversations/{conversation}/stream-tickets");
    let (status, answer) = t.call(Method::POST, &uri, Some(&token), None).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["expiresInSecs"], 30);
    let ticket = answer["ticket"].as_str().unwrap().to_owned();
    assert_eq!(ticket.len(), 64);
    assert_ne!(ticket, token, "the ticket is not the token");

    let mut stream = t.stream_at(&events_uri(&conversation, &format!("ticket={ticket}"))).await;
    assert_eq!(stream.expect("messageAdded").await.data["body"]["message"]["text"], "Hello");
    // Used once: refused the second time, even while the first stream is open.
    let (status, body) = t
        .call(Method::GET, &events_uri(&conversation, &format!("ticket={ticket}")), None, None)
        .await;
    assert_unauthorized(status, &body);

    // A ticket for another conversation opens nothing here, and is spent by the try.
    let foreign = t.customer_ticket(&other, &other_token).await;
    let (status, body) = t
        .call(Method::GET, &events_uri(&conversation, &format!("ticket={foreign}")), None, None)
        .await;
    assert_unauthorized(status, &body);
    let (status, body) =
        t.call(Method::GET, &events_uri(&other, &format!("ticket={foreign}")), None, None).await;
    assert_unauthorized(status, &body);
    // An unknown ticket, and none at all.
    let (status, body) = t
        .call(
            Method::GET,
            &events_uri(&conversation, &format!("ticket={}", "0".repeat(64))),
            None,
            None,
        )
        .await;
    assert_unauthorized(status, &body);
    let (status, body) = t.call(Method::GET, &events_uri(&conversation, ""), None, None).await;
    assert_unauthorized(status, &body);

    // Only the conversation's own customer gets a ticket for it.
    let (status, body) = t.call(Method::POST, &uri, Some(&other_token), None).await;
    assert_unauthorized(status, &body);
    let (status, body) = t.call(Method::POST, &uri, None, None).await;
    assert_unauthorized(status, &body);
}

#[tokio::test]
async fn an_expired_stream_ticket_is_refused() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.stream_ticket_secs = 1));
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    let ticket = t.customer_ticket(&conversation, &token).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, body) = t
        .call(Method::GET, &events_uri(&conversation, &format!("ticket={ticket}")), None, None)
        .await;
    assert_unauthorized(status, &body);
}

#[tokio::test]
async fn the_customer_token_is_refused_in_the_stream_url() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    let (status, body) = t
        .call(Method::GET, &events_uri(&conversation, &format!("token={token}")), None, None)
        .await;
    assert_unauthorized(status, &body);
    assert!(body["message"].as_str().unwrap().contains("stream-tickets"), "{body}");
    // Even beside a valid ticket, which is then not spent.
    let ticket = t.customer_ticket(&conversation, &token).await;
    let (status, body) = t
        .call(
            Method::GET,
            &events_uri(&conversation, &format!("token={token}&ticket={ticket}")),
            None,
            None,
        )
        .await;
    assert_unauthorized(status, &body);
    let mut stream = t.stream_at(&events_uri(&conversation, &format!("ticket={ticket}"))).await;
    stream.expect("messageAdded").await;
}

#[tokio::test]
async fn a_stream_resumes_from_the_last_id_with_a_fresh_ticket() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    act(&t, &anna, &conversation, "accept", json!({})).await;
    let mut stream = t.customer_events(&conversation, &token, None).await;
    stream.expect("messageAdded").await; // Hello
    let joined = stream.expect("messageAdded").await;
    drop(stream); // The connection drops.
    for (n, text) in ["one", "two"].into_iter().enumerate() {
        let body = json!({"clientId": format!("a{n}"), "text": text});
        act(&t, &anna, &conversation, "messages", body).await;
    }
    // What the widget does on an error: a fresh ticket, and the last id it saw in the query.
    let ticket = t.customer_ticket(&conversation, &token).await;
    let query = format!("ticket={ticket}&lastEventId={}", joined.id.unwrap());
    let mut resumed = t.stream_at(&events_uri(&conversation, &query)).await;
    assert_eq!(resumed.expect("messageAdded").await.data["body"]["message"]["text"], "one");
    assert_eq!(resumed.expect("messageAdded").await.data["body"]["message"]["text"], "two");
    // A bad lastEventId is a 400 and does not spend the ticket.
    let ticket = t.customer_ticket(&conversation, &token).await;
    let (status, body) = t
        .call(
            Method::GET,
            &events_uri(&conversation, &format!("ticket={ticket}&lastEventId=-3")),
            None,
            None,
        )
        .await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, Some("invalid-request")), "{body}");
    let mut again = t.stream_at(&events_uri(&conversation, &format!("ticket={ticket}"))).await;
    again.expect("messageAdded").await;
}

#[tokio::test]
async fn stream_tickets_are_limited_per_conversation() {
    let t = TestHub::start(config(&["anna"], |c| {
        c.limits.widget_tickets_per_conversation_per_minute = 2
    }));
    let (conversation, token) = start(&t, json!({}), "Hello").await;
    let uri = format!("/widget/v1/conversations/{conversation}/stream-tickets");
    for _ in 0..2 {
        let (status, _, _) =
            call_from(&t, "203.0.113.5", Method::POST, &uri, Some(&token), None).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (status, headers, body) =
        call_from(&t, "203.0.113.5", Method::POST, &uri, Some(&token), None).await;
    assert_rate_limited(status, &headers, &body);
}

// ------------------------------------------------------------------ M3 the lock and the workers

/// A transition waiting for the database (here: another connection holds its write lock)
/// does not stall the runtime's only worker: other requests are still answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_transition_waiting_for_the_database_does_not_stall_the_workers() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let release = t.store.hold_write_lock(std::time::Duration::from_millis(1500));
    let app = t.app.clone();
    let blocked = tokio::spawn(async move {
        let body = json!({"name": "Mia", "language": "en-US", "text": "Hello"});
        let request = request(Method::POST, "/widget/v1/conversations", None, Some(body));
        app.oneshot(request).await.unwrap().status()
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let app = t.app.clone();
    let health = tokio::spawn(async move {
        app.oneshot(request(Method::GET, "/health", None, None)).await.unwrap().status()
    });
    let answered = tokio::time::timeout(std::time::Duration::from_millis(800), health).await;
    assert!(!blocked.is_finished(), "the transition was still waiting");
    assert_eq!(
        answered.expect("health answered while the transition waited").unwrap(),
        StatusCode::OK
    );
    assert_eq!(blocked.await.unwrap(), StatusCode::CREATED, "and then it went through");
    release.join().unwrap();
}
