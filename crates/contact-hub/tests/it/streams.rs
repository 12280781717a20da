//! Event streams: resumption with Last-Event-ID loses nothing and repeats nothing, even
//! while events keep arriving during the reconnect.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{config, TestHub};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn resuming_an_agent_stream_loses_and_repeats_nothing() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, customer_token) = t.start_chat("Mia", "0").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let uri = format!("/widget/v1/conversations/{conversation}/messages");

    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    for i in 1..=3 {
        t.post(
            &uri,
            Some(&customer_token),
            json!({"clientId": format!("c{i}"), "text": i.to_string()}),
        )
        .await;
    }
    let mut seen = Vec::new();
    for _ in 0..2 {
        let e = events.expect("messageAdded").await;
        seen.push((e.id.unwrap(), e.data["body"]["message"]["text"].as_str().unwrap().to_owned()));
    }
    // The desk drops the connection after two events…
    drop(events);
    let last = seen.last().unwrap().0;

    // …while the customer keeps writing, before and during the reconnect.
    for i in 4..=10 {
        t.post(
            &uri,
            Some(&customer_token),
            json!({"clientId": format!("c{i}"), "text": i.to_string()}),
        )
        .await;
    }
    let writer = {
        let app = t.app.clone();
        let uri = uri.clone();
        let token = customer_token.clone();
        tokio::spawn(async move {
            use tower::ServiceExt;
            for i in 11..=40 {
                let body = json!({"clientId": format!("c{i}"), "text": i.to_string()});
                let request = crate::support::request(
                    axum::http::Method::POST,
                    &uri,
                    Some(&token),
                    Some(body),
                );
                let response = app.clone().oneshot(request).await.unwrap();
                assert_eq!(response.status(), StatusCode::CREATED);
            }
        })
    };
    let mut resumed = t.agent_events(&anna, Some(last)).await;
    for _ in 3..=40 {
        let e = resumed.expect("messageAdded").await;
        seen.push((e.id.unwrap(), e.data["body"]["message"]["text"].as_str().unwrap().to_owned()));
    }
    writer.await.unwrap();
    resumed.assert_quiet(Duration::from_millis(300)).await;

    let texts: Vec<String> = seen.iter().map(|(_, text)| text.clone()).collect();
    let expected: Vec<String> = (1..=40).map(|i| i.to_string()).collect();
    assert_eq!(texts, expected, "every message once, in order");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "ids increase");
}

#[tokio::test]
async fn a_customer_stream_rebuilds_the_thread_and_resumes() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.available("anna").await;
    let (conversation, token) = t.start_chat("Mia", "Hello").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    t.post(
        &format!("/v1/conversations/{conversation}/messages"),
        Some(&anna),
        json!({"clientId": "a", "text": "Hi Mia"}),
    )
    .await;

    // No Last-Event-ID: the whole thread so far.
    let mut stream = t.customer_events(&conversation, &token, None).await;
    let first = stream.expect("messageAdded").await;
    assert_eq!(first.data["body"]["message"]["text"], "Hello");
    let joined = stream.expect("messageAdded").await;
    assert_eq!(joined.data["body"]["message"]["system"]["displayName"], "Anna Lindqvist");
    let hi = stream.expect("messageAdded").await;
    assert_eq!(hi.data["body"]["message"]["text"], "Hi Mia");

    // Resume after the joined line.
    let mut resumed = t.customer_events(&conversation, &token, joined.id).await;
    assert_eq!(resumed.next().await.id, hi.id);

    // The token also works as a bearer header; a wrong one does not.
    let (status, body) =
        t.get(&format!("/widget/v1/conversations/{conversation}/events"), "wrong").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    let (status, _) = t
        .call(
            axum::http::Method::GET,
            &format!("/widget/v1/conversations/{conversation}/events"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_bad_last_event_id_is_an_invalid_request() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let anna = t.login("anna").await;
    let mut request =
        crate::support::request(axum::http::Method::GET, "/v1/events", Some(&anna), None);
    request.headers_mut().insert("last-event-id", "yesterday".parse().unwrap());
    use tower::ServiceExt;
    let response = t.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

/// A replay longer than the hub's page (500 events a read, finding M3) arrives whole, in
/// order, without repeats, from the first event and from `Last-Event-ID: 1`; live events
/// follow it.
#[tokio::test]
async fn a_replay_longer_than_a_page_arrives_whole_and_in_order() {
    const MESSAGES: usize = 1_100;
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (conversation, token) = t.start_chat("Mia", "0").await;
    for n in 1..MESSAGES {
        let request =
            hub_protocol::SendMessageRequest { client_id: format!("c{n}"), text: n.to_string() };
        t.hub.send_customer_message(&conversation, request).unwrap();
    }

    let read_all = |mut stream: crate::support::SseReader, count: usize| async move {
        let mut texts = Vec::new();
        let mut ids = Vec::new();
        let mut last = 0;
        for _ in 0..count {
            let event = stream.expect("messageAdded").await;
            let id = event.id.unwrap();
            assert!(id > last, "ids rise: {id} after {last}");
            last = id;
            ids.push(id);
            texts.push(event.data["body"]["message"]["text"].as_str().unwrap().to_owned());
        }
        (stream, texts, ids)
    };
    let expected: Vec<String> = (0..MESSAGES).map(|n| n.to_string()).collect();

    // From the first event: the whole thread, then what is written live.
    let stream = t.customer_events(&conversation, &token, None).await;
    let (mut stream, texts, ids) = read_all(stream, MESSAGES).await;
    assert_eq!(texts, expected);
    let live = hub_protocol::SendMessageRequest { client_id: "live".into(), text: "live".into() };
    t.hub.send_customer_message(&conversation, live).unwrap();
    assert_eq!(stream.expect("messageAdded").await.data["body"]["message"]["text"], "live");
    stream.assert_quiet(Duration::from_millis(200)).await;

    // From the first event's id (`Last-Event-ID: 1` in a fresh hub): everything after it,
    // the live one included.
    let stream = t.customer_events(&conversation, &token, Some(ids[0])).await;
    let (mut stream, texts, _) = read_all(stream, MESSAGES).await;
    assert_eq!(texts.last().unwrap(), "live");
    assert_eq!(&texts[..MESSAGES - 1], &expected[1..]);
    stream.assert_quiet(Duration::from_millis(200)).await;
}

/// Issue 16: an event is handed to its recipient's streams only. With a thousand customer
/// streams open, one customer's message goes to that customer's stream and to no other (the
/// hub counts what it hands to streams), and closing the streams leaves nothing behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_event_reaches_only_its_recipients_stream_among_a_thousand() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.waiting_chats_per_queue = 2000));
    let mut chats = Vec::new();
    for n in 0..1000 {
        chats.push(t.start_chat(&format!("Customer {n}"), "Hello").await);
    }
    let mut streams = Vec::new();
    for (conversation, token) in &chats {
        streams.push(t.customer_events(conversation, token, None).await);
    }
    assert_eq!(t.hub.live_stats().channels, 1000, "one channel per customer followed");
    let before = t.hub.live_stats().deliveries;

    let (conversation, token) = &chats[500];
    let (status, body) = t
        .post(
            &format!("/widget/v1/conversations/{conversation}/messages"),
            Some(token),
            json!({"clientId": "only", "text": "Only for 500"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    loop {
        let event = streams[500].expect("messageAdded").await;
        if event.data["body"]["message"]["text"] == "Only for 500" {
            break;
        }
    }
    assert_eq!(t.hub.live_stats().deliveries - before, 1, "handed to one stream of 1000");

    drop(streams);
    assert_eq!(t.hub.live_stats().channels, 0, "the last stream of each closed its channel");
}

/// Issue 16: an agent stream that falls behind its channel (two events of buffer here)
/// re-reads the store and still delivers every message once, in order, while more arrive.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lagging_agent_stream_delivers_everything_once_in_order() {
    let t = TestHub::start(config(&["anna"], |c| c.limits.stream_buffer_events = 2));
    let anna = t.available("anna").await;
    let (conversation, customer_token) = t.start_chat("Mia", "0").await;
    t.post(&format!("/v1/conversations/{conversation}/accept"), Some(&anna), json!({})).await;
    let uri = format!("/widget/v1/conversations/{conversation}/messages");
    let write = |i: u32| {
        let body = json!({"clientId": format!("c{i}"), "text": i.to_string()});
        t.post(&uri, Some(&customer_token), body)
    };

    let mut events = t.agent_events(&anna, None).await;
    events.expect("snapshot").await;
    // The stream is not read while 30 messages arrive: it falls behind.
    for i in 1..=30 {
        assert_eq!(write(i).await.0, StatusCode::CREATED);
    }
    let mut seen = Vec::new();
    for i in 31..=40 {
        let e = events.expect("messageAdded").await;
        seen.push((e.id.unwrap(), e.data["body"]["message"]["text"].as_str().unwrap().to_owned()));
        // More arrive while it catches up.
        assert_eq!(write(i).await.0, StatusCode::CREATED);
    }
    while seen.len() < 40 {
        let e = events.expect("messageAdded").await;
        seen.push((e.id.unwrap(), e.data["body"]["message"]["text"].as_str().unwrap().to_owned()));
    }
    events.assert_quiet(Duration::from_millis(300)).await;

    let texts: Vec<String> = seen.iter().map(|(_, text)| text.clone()).collect();
    let expected: Vec<String> = (1..=40).map(|i| i.to_string()).collect();
    assert_eq!(texts, expected, "every message once, in order");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "ids increase");
    assert!(t.hub.live_stats().lagged >= 1, "the stream did fall behind");
}
