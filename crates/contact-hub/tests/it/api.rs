//! The HTTP surface as a whole: health, the OpenAPI document, lists, the error shape and
//! the widget page.

use axum::http::{header, Method, StatusCode};
use serde_json::json;
use tower::ServiceExt;

use crate::support::{config, request, TestHub};

/// Every path of the hub's surface with its method.
const SURFACE: &[(&str, &str)] = &[
    ("/health", "get"),
    ("/openapi.json", "get"),
    ("/v1/sessions", "post"),
    ("/v1/sessions/current", "delete"),
    ("/v1/events", "get"),
    ("/v1/agents/me/state", "put"),
    ("/v1/agents/me/devices", "delete"),
    ("/v1/agents/me/queues", "get"),
    ("/v1/agents/me/queues", "put"),
    ("/v1/faq", "get"),
    ("/v1/customers", "get"),
    ("/v1/customers", "post"),
    ("/v1/customers/{id}", "get"),
    ("/v1/customers/{id}", "delete"),
    ("/v1/cases/drafts", "get"),
    ("/v1/cases/{id}", "get"),
    ("/v1/cases/{id}", "put"),
    ("/v1/conversations/{id}/chat-log", "get"),
    ("/v1/conversations/{id}/record", "get"),
    ("/v1/conversations/{id}/record/confirm", "post"),
    ("/v1/agents", "get"),
    ("/v1/queues", "get"),
    ("/v1/queues/{id}", "delete"),
    ("/v1/channels/{channel}/assets/{id}", "delete"),
    ("/v1/wrapup-reasons", "get"),
    ("/v1/idle-codes", "get"),
    ("/v1/conversations/{id}/accept", "post"),
    ("/v1/conversations/{id}/reject", "post"),
    ("/v1/conversations/{id}/messages", "post"),
    ("/v1/conversations/{id}/messages/{message_id}/retry", "post"),
    ("/v1/conversations/{id}/end", "post"),
    ("/v1/conversations/{id}/wrapup", "post"),
    ("/v1/conversations/{id}/transfer", "post"),
    ("/v1/conversations/{id}/conference", "post"),
    ("/v1/conversations/{id}/conference", "delete"),
    ("/v1/conversations/{id}/typing", "post"),
    ("/chat", "get"),
    ("/chat/widget.js", "get"),
    ("/chat/widget.css", "get"),
    ("/widget/v1/conversations", "post"),
    ("/widget/v1/conversations/{id}/messages", "post"),
    ("/widget/v1/conversations/{id}/end", "post"),
    ("/widget/v1/conversations/{id}/typing", "post"),
    ("/widget/v1/conversations/{id}/stream-tickets", "post"),
    ("/widget/v1/conversations/{id}/events", "get"),
    ("/webhooks/whatsapp", "get"),
    ("/webhooks/whatsapp", "post"),
    ("/webhooks/messenger", "get"),
    ("/webhooks/messenger", "post"),
];

#[tokio::test]
async fn the_openapi_document_lists_every_path() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (status, doc) = t.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in SURFACE {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is not documented"
        );
    }
    assert_eq!(
        paths.len(),
        SURFACE.iter().map(|(p, _)| p).collect::<std::collections::HashSet<_>>().len(),
        "undocumented extras or duplicates"
    );
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "ApiError",
        "ErrorCode",
        "LoginRequest",
        "LoginResponse",
        "AgentEvent",
        "CustomerEvent",
        "Offer",
        "StartChatRequest",
        "StreamTicket",
    ] {
        assert!(schemas.contains_key(schema), "schema {schema} missing");
    }
    // And every documented path really is served (not a 404 from the fallback).
    for (path, method) in SURFACE {
        let uri = path.replace("{id}", "nope");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let response =
            t.app.clone().oneshot(request(method.clone(), &uri, None, None)).await.unwrap();
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_ne!(body["message"], "no such path", "{method} {uri}");
        }
    }
}

#[tokio::test]
async fn health_and_lists() {
    let t = TestHub::start(config(&["anna", "aino"], |_| {}));
    let (status, health) = t.call(Method::GET, "/health", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    let anna = t.login("anna").await;
    let (_, queues) = t.get("/v1/queues", &anna).await;
    assert_eq!(queues.as_array().unwrap().len(), 6);
    assert_eq!(
        queues[0],
        json!({"id": "livechat-en", "name": "English web support", "channel": "livechat", "language": "en-US", "kind": "standard", "waiting": 0, "availableAgents": 0})
    );
    // Availability is live: once aino is Available, the queues she serves count her.
    t.available("aino").await;
    let (_, queues) = t.get("/v1/queues", &anna).await;
    let free = |id: &str| {
        queues.as_array().unwrap().iter().find(|q| q["id"] == id).unwrap()["availableAgents"]
            .clone()
    };
    assert_eq!((free("livechat-fi"), free("livechat-de")), (json!(1), json!(0)));
    let (_, reasons) = t.get("/v1/wrapup-reasons", &anna).await;
    assert_eq!(reasons[0]["id"], "resolved");
    assert_eq!(reasons[0]["labels"]["fi"], "Ratkaistu");
    let (_, codes) = t.get("/v1/idle-codes", &anna).await;
    assert_eq!(codes[1]["labels"]["fr-CA"], "Dîner");
    let (_, agents) = t.get("/v1/agents", &anna).await;
    assert_eq!(agents[0]["id"], "anna");
    assert_eq!(agents[0]["state"]["kind"], "idle");
    assert_eq!(agents[1]["state"]["kind"], "available");
    assert_eq!(agents[1]["capacity"], 6);
}

#[tokio::test]
async fn every_failure_has_the_wire_error_shape() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let malformed = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/v1/sessions")
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from("{not json"))
        .unwrap();
    let no_content_type = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/widget/v1/conversations")
        .body(axum::body::Body::from("{}"))
        .unwrap();
    let missing_field =
        request(Method::POST, "/v1/sessions", None, Some(json!({"password": "demo"})));
    let unknown_path = request(Method::GET, "/v2/nothing", None, None);
    let wrong_method = request(Method::GET, "/v1/sessions", None, None);
    for (request, status, code) in [
        (malformed, 400, "invalid-request"),
        (no_content_type, 415, "invalid-request"),
        (missing_field, 400, "invalid-request"),
        (unknown_path, 404, "not-found"),
        (wrong_method, 405, "invalid-request"),
    ] {
        let uri = request.uri().to_string();
        let response = t.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{uri}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body: serde_json::Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("{uri}: not JSON"));
        assert_eq!(body["code"], code, "{uri}");
        assert!(body["message"].is_string(), "{uri}");
        assert_eq!(body.as_object().unwrap().len(), 2, "{uri}: only code and message");
    }
}

#[tokio::test]
async fn the_widget_page_is_localized_and_locked_down() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    for (uri, accept_language, lang, dir, start_button) in [
        ("/chat", None, "en-US", "ltr", "Start chat"),
        ("/chat?lang=%%%", Some("sv-SE"), "en-US", "ltr", "Start chat"),
        ("/chat", Some("de-DE,de;q=0.9"), "de", "ltr", ""),
        ("/chat?lang=fi", Some("de"), "fi", "ltr", ""),
        ("/chat?lang=ar&queue=livechat-ar", None, "ar", "rtl", ""),
    ] {
        let mut req = request(Method::GET, uri, None, None);
        if let Some(value) = accept_language {
            req.headers_mut().insert(header::ACCEPT_LANGUAGE, value.parse().unwrap());
        }
        let response = t.app.clone().oneshot(req).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(
            response.headers()[header::CONTENT_SECURITY_POLICY],
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        assert_eq!(response.headers()[header::X_FRAME_OPTIONS], "DENY");
        assert!(response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = String::from_utf8(
            axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec(),
        )
        .unwrap();
        assert!(
            html.contains(&format!(r#"<html lang="{lang}" dir="{dir}">"#)),
            "{uri} {accept_language:?}"
        );
        assert!(html.contains(start_button), "{uri}");
        assert!(html.contains(r#"<script src="/chat/widget.js" defer></script>"#));
        assert!(!html.contains("{{"));
        assert!(!html.contains("<script>"), "no inline script");
    }
    for (uri, content_type) in
        [("/chat/widget.js", "text/javascript"), ("/chat/widget.css", "text/css")]
    {
        let response = t.app.clone().oneshot(request(Method::GET, uri, None, None)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(content_type));
        assert_eq!(
            response.headers()[header::CONTENT_SECURITY_POLICY],
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        let text = String::from_utf8(
            axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec(),
        )
        .unwrap();
        for sink in [".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write"] {
            assert!(!text.contains(sink), "{uri}: uses {sink}; text goes in with textContent only");
        }
    }
}

#[tokio::test]
async fn the_openapi_document_names_fields_as_the_wire_does() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (_, doc) = t.call(Method::GET, "/openapi.json", None, None).await;
    let text = doc["components"]["schemas"].to_string();
    for wire in ["agentId", "queueId", "displayName"] {
        assert!(text.contains(wire), "{wire}");
    }
    let target = doc["components"]["schemas"]["HandoffTarget"].to_string();
    assert!(!target.contains("agent_id") && !target.contains("queue_id"), "{target}");
    // Every operation behind the bearer token declares it, and the scheme exists.
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn a_new_record_needs_a_conversation_or_a_name_as_the_document_says() {
    let t = TestHub::start(config(&["anna"], |_| {}));
    let (_, doc) = t.call(Method::GET, "/openapi.json", None, None).await;
    let rule = &doc["components"]["schemas"]["NewCustomerRequest"]["oneOf"];
    assert_eq!(rule[0]["required"], json!(["conversationId"]), "{rule}");
    assert_eq!(rule[1]["required"], json!(["name"]), "{rule}");
    assert_eq!(rule[1]["properties"]["name"]["pattern"], json!("\\S"), "{rule}");
    // What the rule refuses, the hub refuses; what it allows, the hub takes.
    let token = t.login("anna").await;
    for body in [json!({}), json!({"name": "   "}), json!({"name": "", "email": "a@example.com"})] {
        let (status, answer) =
            t.call(Method::POST, "/v1/customers", Some(&token), Some(body.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["code"], json!("invalid-request"), "{body}: {answer}");
    }
    let (status, record) =
        t.call(Method::POST, "/v1/customers", Some(&token), Some(json!({"name": "Ada"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
}
