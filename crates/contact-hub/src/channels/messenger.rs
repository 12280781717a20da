//! The Facebook Messenger Platform: webhook bodies in, the text-send request and its answer
//! out.
//!
//! A webhook body is `{"object":"page","entry":[{"id":<PAGE_ID>,"time":…,"messaging":[event]}]}`
//! where an event is `{sender, recipient, timestamp, message | postback | delivery | read}`.
//! Meta's current postback reference instead shows the `{"field":"messaging_postbacks",
//! "value":event}` shape (the Graph "changes" form); it is accepted at the top level and inside
//! `entry[].changes[]`. Events of other kinds (opt-ins, referrals, reactions, handover…) and
//! changes of non-messaging fields are skipped.
//!
//! What each event becomes:
//! - `message` → [`ChannelEvent::Inbound`]; with `is_echo` → [`ChannelEvent::Echo`] (a message
//!   the page sent, by us or from the Page inbox). Text wins over attachments (a link share
//!   is text plus a `fallback` attachment); an attachment-only message is
//!   [`InboundContent::Unsupported`] with the attachment's type.
//! - `postback` (a tapped button) → [`ChannelEvent::Inbound`] with its title (or payload).
//!   Old postbacks have no `mid`; they get the synthetic id `postback-<32 hex>`, the start of
//!   SHA-256 over `[sender, sent_at, payload]`, so a retried delivery dedupes to the same id.
//! - `delivery` → one [`ChannelEvent::Receipt`] (Delivered) per listed mid, then a
//!   [`ChannelEvent::Watermark`]; `read` → a Read watermark. Both are idempotent under
//!   [`DeliveryStatus::may_become`], so a hub may apply both or only the watermark.
//!
//! Times: Messenger sends ms as numbers, but the current postback example quotes a string, and
//! its value (`"1527459824"`) is in **seconds**. A time below 10^11 is therefore read as
//! seconds: as ms it would fall in 1973, and as seconds 10^11 is the year 5138.
//! Deliveries carry no `timestamp`; their receipts use the watermark.

use hub_protocol::{Channel, DeliveryStatus, Millis};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{
    check_object, id_field, opt_str, optional_array, parse_graph_send_response, parse_object,
    required_integer, seconds_to_millis, ChannelEvent, Echo, InboundContent, InboundMessage,
    ParseError, PlatformError, Receipt, Watermark,
};

/// The envelope's `object` for Messenger webhooks.
pub const OBJECT: &str = "page";
/// Change `field`s whose `value` is a messaging event.
const MESSAGING_FIELDS: [&str; 5] =
    ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"];
/// Below this a Messenger time is in seconds, not ms (see the module docs).
const SECONDS_BELOW: i64 = 100_000_000_000;
/// Hex digits of SHA-256 kept in a synthetic postback id (128 bits).
const SYNTHETIC_ID_HEX_DIGITS: usize = 32;

/// Turns a webhook body into events, in document order. See the module docs.
pub fn parse(body: &[u8]) -> Result<Vec<ChannelEvent>, ParseError> {
    let envelope = parse_object(body)?;
    let mut events = Vec::new();
    if !envelope.contains_key("object") && envelope.contains_key("field") {
        parse_change(&Value::Object(envelope), "body", &mut events)?;
        return Ok(events);
    }
    check_object(&envelope, OBJECT)?;
    let envelope = Value::Object(envelope);
    let entries = match envelope.get("entry") {
        Some(Value::Array(entries)) => entries,
        _ => return Err(ParseError::Shape("the body has no `entry` array".into())),
    };
    for (entry_index, entry) in entries.iter().enumerate() {
        let context = format!("entry[{entry_index}]");
        if !entry.is_object() {
            return Err(ParseError::Shape(format!("{context} is not an object")));
        }
        for (index, event) in optional_array(entry, "messaging", &context)?.iter().enumerate() {
            parse_event(event, &format!("{context}.messaging[{index}]"), &mut events)?;
        }
        for (index, change) in optional_array(entry, "changes", &context)?.iter().enumerate() {
            parse_change(change, &format!("{context}.changes[{index}]"), &mut events)?;
        }
    }
    Ok(events)
}

/// A `{"field":…,"value":…}` change: a messaging event when the field is a messaging one.
fn parse_change(
    change: &Value,
    context: &str,
    events: &mut Vec<ChannelEvent>,
) -> Result<(), ParseError> {
    let field = change
        .get("field")
        .and_then(Value::as_str)
        .ok_or_else(|| ParseError::Shape(format!("{context} has no string `field`")))?;
    if !MESSAGING_FIELDS.contains(&field) {
        return Ok(());
    }
    let value = change
        .get("value")
        .ok_or_else(|| ParseError::Shape(format!("{context} has no `value`")))?;
    parse_event(value, &format!("{context}.value"), events)
}

/// A Messenger time in ms (see the module docs for the seconds rule).
fn time(value: &Value, key: &str, context: &str) -> Result<Millis, ParseError> {
    let raw = required_integer(value, key, context)?;
    if raw < SECONDS_BELOW {
        seconds_to_millis(raw, context)
    } else {
        Ok(raw)
    }
}

/// A party of an event: `{"id": …}` or, for users known only by a plugin reference,
/// `{"user_ref": …}`.
fn party(event: &Value, key: &str, context: &str) -> Result<String, ParseError> {
    event
        .get(key)
        .and_then(|party| id_field(party, "id").or_else(|| id_field(party, "user_ref")))
        .ok_or_else(|| ParseError::Shape(format!("{context} has no `{key}.id`")))
}

/// One messaging event.
fn parse_event(
    event: &Value,
    context: &str,
    events: &mut Vec<ChannelEvent>,
) -> Result<(), ParseError> {
    if !event.is_object() {
        return Err(ParseError::Shape(format!("{context} is not an object")));
    }
    if let Some(message) = event.get("message") {
        events.push(parse_message(event, message, context)?);
    } else if let Some(postback) = event.get("postback") {
        events.push(ChannelEvent::Inbound(parse_postback(event, postback, context)?));
    } else if let Some(delivery) = event.get("delivery") {
        let watermark = watermark(event, delivery, DeliveryStatus::Delivered, context)?;
        events.extend(watermark.mids.iter().map(|mid| {
            ChannelEvent::Receipt(Receipt {
                channel: Channel::Messenger,
                account_id: watermark.account_id.clone(),
                platform_id: mid.clone(),
                status: DeliveryStatus::Delivered,
                at: watermark.watermark,
                error: None,
            })
        }));
        events.push(ChannelEvent::Watermark(watermark));
    } else if let Some(read) = event.get("read") {
        events.push(ChannelEvent::Watermark(watermark(
            event,
            read,
            DeliveryStatus::Read,
            context,
        )?));
    }
    Ok(())
}

fn is_true(value: Option<&Value>) -> bool {
    matches!(value, Some(Value::Bool(true))) || value.and_then(Value::as_str) == Some("true")
}

fn parse_message(
    event: &Value,
    message: &Value,
    context: &str,
) -> Result<ChannelEvent, ParseError> {
    let context = format!("{context}.message");
    let platform_id = id_field(message, "mid")
        .ok_or_else(|| ParseError::Shape(format!("{context} has no `mid`")))?;
    let sender = party(event, "sender", &context)?;
    let recipient = party(event, "recipient", &context)?;
    let sent_at = time(event, "timestamp", &context)?;
    let text = opt_str(message, "text").map(str::to_owned);
    if is_true(message.get("is_echo")) {
        // The page wrote: the sender is the page, the recipient the customer.
        return Ok(ChannelEvent::Echo(Echo {
            platform_id,
            account_id: sender,
            customer_id: recipient,
            text,
            sent_at,
        }));
    }
    let content = match text {
        Some(text) => InboundContent::Text(text),
        None => {
            let attachment_kind = message
                .get("attachments")
                .and_then(Value::as_array)
                .and_then(|attachments| attachments.first())
                .and_then(|attachment| opt_str(attachment, "type"));
            InboundContent::Unsupported {
                kind: attachment_kind.unwrap_or("unknown").to_owned(),
                caption: None,
            }
        }
    };
    Ok(ChannelEvent::Inbound(InboundMessage {
        channel: Channel::Messenger,
        platform_id,
        account_id: recipient,
        account_display: None,
        customer_id: sender,
        customer_name: None,
        sent_at,
        content,
    }))
}

fn parse_postback(
    event: &Value,
    postback: &Value,
    context: &str,
) -> Result<InboundMessage, ParseError> {
    let context = format!("{context}.postback");
    let sender = party(event, "sender", &context)?;
    let recipient = party(event, "recipient", &context)?;
    let sent_at = time(event, "timestamp", &context)?;
    let payload = opt_str(postback, "payload");
    let platform_id = id_field(postback, "mid")
        .unwrap_or_else(|| synthetic_postback_id(&sender, sent_at, payload.unwrap_or("")));
    let content = match opt_str(postback, "title").or(payload) {
        Some(text) => InboundContent::Text(text.to_owned()),
        None => InboundContent::Unsupported { kind: "postback".into(), caption: None },
    };
    Ok(InboundMessage {
        channel: Channel::Messenger,
        platform_id,
        account_id: recipient,
        account_display: None,
        customer_id: sender,
        customer_name: None,
        sent_at,
        content,
    })
}

/// A stable id for a postback without `mid`: the same tap, redelivered, gets the same id.
fn synthetic_postback_id(sender: &str, sent_at: Millis, payload: &str) -> String {
    // A JSON array keeps the parts apart whatever characters they contain.
    let key = json!([sender, sent_at, payload]).to_string();
    let digest = hex::encode(Sha256::digest(key.as_bytes()));
    format!("postback-{}", &digest[..SYNTHETIC_ID_HEX_DIGITS])
}

/// A `delivery` or `read` object (`part`) of `event`.
fn watermark(
    event: &Value,
    part: &Value,
    status: DeliveryStatus,
    context: &str,
) -> Result<Watermark, ParseError> {
    let part_context =
        format!("{context}.{}", if status == DeliveryStatus::Read { "read" } else { "delivery" });
    let mids = part
        .get("mids")
        .and_then(Value::as_array)
        .map(|mids| {
            mids.iter()
                .filter_map(Value::as_str)
                .filter(|mid| !mid.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Watermark {
        // The customer reports it: the sender is the customer, the recipient the page.
        account_id: party(event, "recipient", context)?,
        customer_id: party(event, "sender", context)?,
        status,
        watermark: time(part, "watermark", &part_context)?,
        mids,
    })
}

/// How a reply is sent: inside the standard 24-hour window, or after it with the
/// `HUMAN_AGENT` tag (allowed up to 7 days, for a human's reply; see
/// `hub_protocol::ReplyWindow::needs_human_agent_tag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessagingType {
    /// `messaging_type: RESPONSE`.
    Response,
    /// `messaging_type: MESSAGE_TAG`, `tag: HUMAN_AGENT`.
    HumanAgent,
}

/// The body of `POST /me/messages` for a plain text reply to a PSID.
pub fn send_text_body(psid: &str, text: &str, kind: MessagingType) -> Value {
    match kind {
        MessagingType::Response => json!({
            "recipient": { "id": psid },
            "messaging_type": "RESPONSE",
            "message": { "text": text },
        }),
        MessagingType::HumanAgent => json!({
            "recipient": { "id": psid },
            "messaging_type": "MESSAGE_TAG",
            "tag": "HUMAN_AGENT",
            "message": { "text": text },
        }),
    }
}

/// Reads the send API's answer: the new message's `message_id`, or why it was refused. An
/// answer that is neither is a code `-1` error naming the HTTP status.
pub fn parse_send_response(http_status: u16, body: &[u8]) -> Result<String, PlatformError> {
    parse_graph_send_response(http_status, body, |json| {
        json.get("message_id")?.as_str().filter(|id| !id.is_empty()).map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::samples;
    use hub_protocol::ErrorCode;

    fn events(name: &str) -> Vec<ChannelEvent> {
        parse(&samples::read(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    fn only_inbound(name: &str) -> InboundMessage {
        match events(name).as_slice() {
            [ChannelEvent::Inbound(message)] => message.clone(),
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn every_messenger_webhook_sample_parses() {
        let names: Vec<String> = samples::names("ms_")
            .into_iter()
            .filter(|name| !name.starts_with("ms_send_"))
            .collect();
        assert_eq!(names.len(), 12, "{names:?}");
        for name in names {
            assert!(!events(&name).is_empty(), "{name} gave no events");
        }
    }

    #[test]
    fn text_messages() {
        assert_eq!(
            only_inbound("ms_inbound_text_assembled.json"),
            InboundMessage {
                channel: Channel::Messenger,
                platform_id: "mid.1457764197618:41d102a3e1ae206a38".into(),
                account_id: "<PAGE_ID>".into(),
                account_display: None,
                customer_id: "<PSID>".into(),
                customer_name: None,
                sent_at: 1_458_692_752_478,
                content: InboundContent::Text("hello, world!".into()),
            }
        );
        let legacy = only_inbound("ms_inbound_text_legacy_envelope.json");
        assert_eq!(legacy.platform_id, "mid.1457764197618:41d102a3e1ae206a38");
        assert_eq!(
            (legacy.account_id.as_str(), legacy.customer_id.as_str()),
            ("PAGE_ID", "USER_ID")
        );
        assert_eq!(legacy.sent_at, 1_457_764_197_627);
        assert_eq!(legacy.content, InboundContent::Text("hello, world!".into()));
    }

    #[test]
    fn attachments() {
        let image = only_inbound("ms_inbound_image_attachment_assembled.json");
        assert_eq!(image.platform_id, "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c");
        assert_eq!(image.sent_at, 1_518_479_195_308);
        assert_eq!(
            image.content,
            InboundContent::Unsupported { kind: "image".into(), caption: None }
        );
        let legacy = only_inbound("ms_inbound_image_attachment_legacy_envelope.json");
        assert_eq!(legacy.platform_id, "mid.1458696618141:b4ef9d19ec21086067");
        assert_eq!(
            legacy.content,
            InboundContent::Unsupported { kind: "image".into(), caption: None }
        );
        // Text plus a link-share fallback attachment is text.
        let fallback = only_inbound("ms_inbound_fallback_attachment.json");
        assert_eq!(fallback.platform_id, "m_toDnmD...");
        assert_eq!(fallback.sent_at, 1_583_173_666_767);
        assert_eq!(
            fallback.content,
            InboundContent::Text("This is where I want to go: https://youtu.be/bbo_fZAjIhg".into())
        );
    }

    #[test]
    fn echo() {
        assert_eq!(
            events("ms_message_echo_text_assembled.json"),
            [ChannelEvent::Echo(Echo {
                platform_id: "mid.1457764197618:41d102a3e1ae206a38".into(),
                account_id: "<PAGE_ID>".into(),
                customer_id: "<PSID>".into(),
                text: Some("hello, world!".into()),
                sent_at: 1_457_764_197_627,
            })]
        );
    }

    #[test]
    fn deliveries_without_timestamp() {
        let mid = "mid.1458668856218:ed81099e15d3f4f233";
        for (name, page, customer) in [
            ("ms_message_deliveries_assembled.json", "<PAGE_ID>", "<PSID>"),
            ("ms_message_deliveries_legacy_envelope.json", "PAGE_ID", "USER_ID"),
        ] {
            assert_eq!(
                events(name),
                [
                    ChannelEvent::Receipt(Receipt {
                        channel: Channel::Messenger,
                        account_id: page.into(),
                        platform_id: mid.into(),
                        status: DeliveryStatus::Delivered,
                        at: 1_458_668_856_253,
                        error: None,
                    }),
                    ChannelEvent::Watermark(Watermark {
                        account_id: page.into(),
                        customer_id: customer.into(),
                        status: DeliveryStatus::Delivered,
                        watermark: 1_458_668_856_253,
                        mids: vec![mid.into()],
                    }),
                ],
                "{name}"
            );
        }
    }

    #[test]
    fn delivery_without_mids_is_only_a_watermark() {
        let body = br#"{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"u"},"recipient":{"id":"p"},"delivery":{"watermark":1458668856253}}]}]}"#;
        let events = parse(body).unwrap();
        assert!(matches!(events.as_slice(), [ChannelEvent::Watermark(w)] if w.mids.is_empty()));
    }

    #[test]
    fn read_watermark() {
        assert_eq!(
            events("ms_message_reads_assembled.json"),
            [ChannelEvent::Watermark(Watermark {
                account_id: "<PAGE_ID>".into(),
                customer_id: "<PSID>".into(),
                status: DeliveryStatus::Read,
                watermark: 1_458_668_856_253,
                mids: vec![],
            })]
        );
    }

    #[test]
    fn postbacks_in_every_shape() {
        let expected = InboundMessage {
            channel: Channel::Messenger,
            platform_id: "m_MESSAGE-ID".into(),
            account_id: "PAGE-ID".into(),
            account_display: None,
            customer_id: "USER-REF-ID".into(),
            customer_name: None,
            // "1527459824" is in seconds, despite Messenger's ms everywhere else.
            sent_at: 1_527_459_824_000,
            content: InboundContent::Text("TITLE-FOR-THE-CTA".into()),
        };
        assert_eq!(only_inbound("ms_postback_docs_field_value.json"), expected);
        assert_eq!(only_inbound("ms_postback_assembled.json"), expected);
        // The same value inside entry[].changes[].
        let value: Value =
            serde_json::from_slice(&samples::read("ms_postback_docs_field_value.json")).unwrap();
        let wrapped =
            json!({"object": "page", "entry": [{"id": "PAGE-ID", "time": 1, "changes": [value]}]});
        assert_eq!(
            parse(wrapped.to_string().as_bytes()),
            Ok(vec![ChannelEvent::Inbound(expected)])
        );
    }

    #[test]
    fn legacy_postback_gets_a_stable_synthetic_id() {
        let body = samples::read("ms_postback_legacy_envelope.json");
        let message = only_inbound("ms_postback_legacy_envelope.json");
        assert_eq!(message.content, InboundContent::Text("USER_DEFINED_PAYLOAD".into()));
        assert_eq!(message.customer_id, "USER_ID");
        assert_eq!(message.sent_at, 1_458_692_752_478);
        assert!(message.platform_id.starts_with("postback-"), "{}", message.platform_id);
        assert_eq!(message.platform_id.len(), "postback-".len() + 32);
        assert_eq!(
            message.platform_id,
            synthetic_postback_id("USER_ID", 1_458_692_752_478, "USER_DEFINED_PAYLOAD")
        );
        // Redelivered: the same id. Another tap a millisecond later: another id.
        assert_eq!(parse(&body).unwrap(), parse(&body).unwrap());
        let later =
            String::from_utf8(body).unwrap().replace("1458692752478,\n", "1458692752479,\n");
        let ChannelEvent::Inbound(later) = &parse(later.as_bytes()).unwrap()[0] else { panic!() };
        assert_eq!(later.sent_at, 1_458_692_752_479);
        assert_ne!(later.platform_id, message.platform_id);
    }

    #[test]
    fn other_events_and_fields_are_skipped() {
        let body = br#"{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"u"},"recipient":{"id":"p"},"timestamp":1458692752478,"optin":{"ref":"x"}}],"changes":[{"field":"feed","value":{"item":"post"}}]}]}"#;
        assert_eq!(parse(body), Ok(vec![]));
        assert_eq!(parse(br#"{"field":"feed","value":{}}"#), Ok(vec![]));
        // Standby-only entries (handover protocol) carry no `messaging`.
        assert_eq!(
            parse(br#"{"object":"page","entry":[{"id":"1","time":1,"standby":[]}]}"#),
            Ok(vec![])
        );
    }

    #[test]
    fn garbage_is_a_parse_error() {
        assert!(matches!(parse(b"{\"object\":"), Err(ParseError::NotJson(_))));
        assert!(matches!(parse(b"[]"), Err(ParseError::Shape(_))));
        assert!(matches!(parse(b"\"page\""), Err(ParseError::Shape(_))));
        assert_eq!(
            parse(&samples::read("wa_inbound_text.json")),
            Err(ParseError::WrongObject("whatsapp_business_account".into()))
        );
        assert_eq!(
            parse(br#"{"object":"instagram","entry":[]}"#),
            Err(ParseError::WrongObject("instagram".into()))
        );
        assert!(matches!(parse(br#"{"object":"page"}"#), Err(ParseError::Shape(_))));
        assert!(matches!(parse(br#"{"object":"page","entry":[3]}"#), Err(ParseError::Shape(_))));
        assert!(matches!(
            parse(br#"{"object":"page","entry":[{"messaging":{}}]}"#),
            Err(ParseError::Shape(_))
        ));
        assert!(matches!(parse(br#"{"field":"messaging_postbacks"}"#), Err(ParseError::Shape(_))));
        let event = |event: &str| {
            format!(r#"{{"object":"page","entry":[{{"id":"1","messaging":[{event}]}}]}}"#)
        };
        for broken in [
            r#"{"recipient":{"id":"p"},"timestamp":1,"message":{"mid":"m","text":"hi"}}"#, // no sender
            r#"{"sender":{"id":"u"},"timestamp":1,"message":{"mid":"m","text":"hi"}}"#, // no recipient
            r#"{"sender":{"id":"u"},"recipient":{"id":"p"},"message":{"mid":"m","text":"hi"}}"#, // no timestamp
            r#"{"sender":{"id":"u"},"recipient":{"id":"p"},"timestamp":1,"message":{"text":"hi"}}"#, // no mid
            r#"{"sender":{"id":"u"},"recipient":{"id":"p"},"timestamp":"x","postback":{}}"#,
            r#"{"sender":{"id":"u"},"recipient":{"id":"p"},"delivery":{"mids":[]}}"#, // no watermark
            r#"{"sender":{"id":"u"},"recipient":{"id":"p"},"read":{"watermark":-9223372036854775808}}"#, // overflows as seconds
            r#"[]"#,
        ] {
            assert!(
                matches!(parse(event(broken).as_bytes()), Err(ParseError::Shape(_))),
                "{broken}"
            );
        }
    }

    #[test]
    fn truncated_bodies_never_panic() {
        for name in [
            "ms_postback_assembled.json",
            "ms_message_deliveries_assembled.json",
            "ms_postback_docs_field_value.json",
        ] {
            let body = samples::read(name);
            for end in 0..body.len() {
                let _ = parse(&body[..end]);
                let _ = parse(&body[end..]);
                let _ = parse_send_response(200, &body[..end]);
            }
        }
    }

    #[test]
    fn text_send_bodies() {
        assert_eq!(
            send_text_body("1008", "Hi!", MessagingType::Response),
            json!({"recipient": {"id": "1008"}, "messaging_type": "RESPONSE", "message": {"text": "Hi!"}})
        );
        assert_eq!(
            send_text_body("1008", "Hi!", MessagingType::HumanAgent),
            json!({"recipient": {"id": "1008"}, "messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT", "message": {"text": "Hi!"}})
        );
    }

    #[test]
    fn send_responses() {
        assert_eq!(
            parse_send_response(200, &samples::read("ms_send_response_success.json")),
            Ok("AG5Hz2U...".into())
        );
        let auth =
            parse_send_response(400, &samples::read("ms_send_error_190_docs.json")).unwrap_err();
        assert_eq!(
            auth,
            PlatformError {
                code: 190,
                subcode: Some(1234567),
                title: "Invalid OAuth access token.".into(),
                details: None
            }
        );
        assert_eq!(auth.error_code(Channel::Messenger), ErrorCode::ChannelAuthFailed);
        for (name, subcode) in [
            ("ms_send_error_10_2018065_observed.json", 2018065),
            ("ms_send_error_10_2018278_observed.json", 2018278),
        ] {
            let error = parse_send_response(400, &samples::read(name)).unwrap_err();
            assert_eq!((error.code, error.subcode), (10, Some(subcode)), "{name}");
            assert!(error
                .title
                .starts_with("(#10) This message is sent outside of allowed window."));
            assert!(
                error.title.contains(
                    "https://developers.facebook.com/docs/messenger-platform/policy-overview"
                ),
                "\\/ unescaped"
            );
            assert_eq!(
                error.error_code(Channel::Messenger),
                ErrorCode::MessagingWindowClosed,
                "{name}"
            );
        }
        assert_eq!(parse_send_response(503, b"").unwrap_err().code, -1);
        assert_eq!(parse_send_response(200, br#"{"recipient_id":"1"}"#).unwrap_err().code, -1);
    }
}
