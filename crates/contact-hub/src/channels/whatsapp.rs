//! The WhatsApp Cloud API: webhook bodies in, the text-send request and its answer out.
//!
//! A webhook body is `{"object":"whatsapp_business_account","entry":[{"id":<WABA id>,
//! "changes":[{"field":"messages","value":{metadata, contacts?, messages?, statuses?,
//! errors?}}]}]}`. Meta batches: several entries, several changes each. Every change whose
//! `field` is `messages` becomes events, in document order (within one change: its messages,
//! then its statuses, then its errors); changes of other fields (template status, account
//! updates…) are not about conversations and are skipped.
//!
//! What the samples taught (see `/work/shared/webhooks/SOURCES.md`):
//! - timestamps are Unix **seconds as strings**; they become ms here;
//! - `contacts` is absent for system messages, so the sender falls back to `from`;
//! - username users have `wa_id: ""` and `from: ""`, and are addressed by
//!   `user_id` / `from_user_id` (business-scoped user ids) instead;
//! - statuses may carry `contacts` too, and `recipient_id: ""`; the hub matches receipts by
//!   wamid only, so that does not matter;
//! - a status the hub has no [`DeliveryStatus`] for (`deleted`, `warning`, a future one) is
//!   skipped rather than failing the batch.

use hub_protocol::{Channel, DeliveryStatus, Millis};
use serde_json::{json, Value};

use super::{
    array, check_object, opt_str, optional_array, parse_graph_send_response, parse_object,
    platform_error_from, required_id, required_integer, seconds_to_millis, ChannelEvent,
    InboundContent, InboundMessage, ParseError, PlatformError, Receipt,
};

/// The envelope's `object` for WhatsApp webhooks.
pub const OBJECT: &str = "whatsapp_business_account";
/// The only change `field` that carries messages, statuses and errors.
const MESSAGES_FIELD: &str = "messages";

/// Turns a webhook body into events, in document order. See the module docs.
pub fn parse(body: &[u8]) -> Result<Vec<ChannelEvent>, ParseError> {
    let envelope = parse_object(body)?;
    check_object(&envelope, OBJECT)?;
    let envelope = Value::Object(envelope);
    let mut events = Vec::new();
    for (entry_index, entry) in array(&envelope, "entry", "body")?.iter().enumerate() {
        let entry_context = format!("entry[{entry_index}]");
        for (change_index, change) in array(entry, "changes", &entry_context)?.iter().enumerate() {
            let context = format!("{entry_context}.changes[{change_index}]");
            let field = change
                .get("field")
                .and_then(Value::as_str)
                .ok_or_else(|| ParseError::Shape(format!("{context} has no string `field`")))?;
            if field != MESSAGES_FIELD {
                continue;
            }
            let value = change
                .get("value")
                .filter(|value| value.is_object())
                .ok_or_else(|| ParseError::Shape(format!("{context} has no object `value`")))?;
            parse_messages_value(value, &format!("{context}.value"), &mut events)?;
        }
    }
    Ok(events)
}

/// One `value` of a `messages` change.
fn parse_messages_value(
    value: &Value,
    context: &str,
    events: &mut Vec<ChannelEvent>,
) -> Result<(), ParseError> {
    let metadata = value
        .get("metadata")
        .ok_or_else(|| ParseError::Shape(format!("{context} has no `metadata`")))?;
    let account_id = required_id(metadata, "phone_number_id", &format!("{context}.metadata"))?;
    let account_display = opt_str(metadata, "display_phone_number").map(str::to_owned);
    let contacts = optional_array(value, "contacts", context)?;

    for (index, message) in optional_array(value, "messages", context)?.iter().enumerate() {
        let context = format!("{context}.messages[{index}]");
        events.push(ChannelEvent::Inbound(parse_message(
            message,
            contacts,
            &account_id,
            account_display.as_deref(),
            &context,
        )?));
    }
    for (index, status) in optional_array(value, "statuses", context)?.iter().enumerate() {
        let context = format!("{context}.statuses[{index}]");
        if let Some(receipt) = parse_status(status, &account_id, &context)? {
            events.push(ChannelEvent::Receipt(receipt));
        }
    }
    for error in optional_array(value, "errors", context)? {
        events.push(ChannelEvent::PlatformError(platform_error_from(error)));
    }
    Ok(())
}

/// WhatsApp timestamps: Unix seconds, as a string (or a number).
fn timestamp(value: &Value, context: &str) -> Result<Millis, ParseError> {
    seconds_to_millis(required_integer(value, "timestamp", context)?, context)
}

fn parse_message(
    message: &Value,
    contacts: &[Value],
    account_id: &str,
    account_display: Option<&str>,
    context: &str,
) -> Result<InboundMessage, ParseError> {
    let platform_id = required_id(message, "id", context)?;
    let sent_at = timestamp(message, context)?;
    let from = opt_str(message, "from");
    let from_user_id = opt_str(message, "from_user_id");
    let contact = sender_contact(contacts, from, from_user_id);
    let contact_field = |key| contact.and_then(|contact| opt_str(contact, key));
    let customer_id = contact_field("wa_id")
        .or(from)
        .or_else(|| contact_field("user_id"))
        .or(from_user_id)
        .ok_or_else(|| ParseError::Shape(format!("{context} names no sender")))?
        .to_owned();
    let customer_name = contact
        .and_then(|contact| contact.get("profile"))
        .and_then(|profile| opt_str(profile, "name").or_else(|| opt_str(profile, "username")))
        .map(str::to_owned);
    Ok(InboundMessage {
        channel: Channel::Whatsapp,
        platform_id,
        account_id: account_id.to_owned(),
        account_display: account_display.map(str::to_owned),
        customer_id,
        customer_name,
        sent_at,
        content: message_content(message),
    })
}

/// The `contacts[]` entry describing the message's sender: the one whose `wa_id` is `from`,
/// or whose `user_id` is `from_user_id`; failing both, the only contact there is.
fn sender_contact<'a>(
    contacts: &'a [Value],
    from: Option<&str>,
    from_user_id: Option<&str>,
) -> Option<&'a Value> {
    let matching = |key: &str, wanted: Option<&str>| {
        let wanted = wanted?;
        contacts.iter().find(|contact| opt_str(contact, key) == Some(wanted))
    };
    matching("wa_id", from).or_else(|| matching("user_id", from_user_id)).or(match contacts {
        [only] => Some(only),
        _ => None,
    })
}

/// What a message says, as far as the desk can show it.
fn message_content(message: &Value) -> InboundContent {
    let kind = opt_str(message, "type").unwrap_or("unknown");
    let part = message.get(kind).unwrap_or(&Value::Null);
    let text = match kind {
        "text" => opt_str(part, "body"),
        // A template's quick-reply button: `text` is what the customer saw on it.
        "button" => opt_str(part, "text").or_else(|| opt_str(part, "payload")),
        "interactive" => ["button_reply", "list_reply"]
            .iter()
            .find_map(|reply| part.get(*reply).and_then(|reply| opt_str(reply, "title"))),
        _ => None,
    };
    if let Some(text) = text {
        return InboundContent::Text(text.to_owned());
    }
    let caption = match kind {
        "image" | "video" | "document" => opt_str(part, "caption"),
        "system" => opt_str(part, "body"),
        _ => None,
    };
    InboundContent::Unsupported { kind: kind.to_owned(), caption: caption.map(str::to_owned) }
}

/// One `statuses[]` item; None for a status the hub does not track.
fn parse_status(
    status: &Value,
    account_id: &str,
    context: &str,
) -> Result<Option<Receipt>, ParseError> {
    let platform_id = required_id(status, "id", context)?;
    let name = status
        .get("status")
        .and_then(Value::as_str)
        .ok_or_else(|| ParseError::Shape(format!("{context} has no string `status`")))?;
    let delivery_status = match name {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "failed" => DeliveryStatus::Failed,
        _ => return Ok(None),
    };
    let at = timestamp(status, context)?;
    let error = status
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|errors| errors.first())
        .map(platform_error_from);
    Ok(Some(Receipt {
        channel: Channel::Whatsapp,
        account_id: account_id.to_owned(),
        platform_id,
        status: delivery_status,
        at,
        error,
    }))
}

/// The body of `POST /<PHONE_NUMBER_ID>/messages` for a plain text reply, as the Cloud API
/// documents it. Link previews are off: an agent's pasted URL should not turn into a card.
pub fn send_text_body(to: &str, text: &str) -> Value {
    json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": { "preview_url": false, "body": text },
    })
}

/// Reads the send API's answer: the new message's wamid (`messages[0].id`), or why it was
/// refused. An answer that is neither (not JSON, no id) is a code `-1` error naming the HTTP
/// status.
pub fn parse_send_response(http_status: u16, body: &[u8]) -> Result<String, PlatformError> {
    parse_graph_send_response(http_status, body, |json| {
        json.get("messages")?
            .get(0)?
            .get("id")?
            .as_str()
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::samples;
    use hub_protocol::ErrorCode;

    const PHONE_NUMBER_ID: &str = "106540352242922";
    const SHEENA: &str = "16505551234";
    const INBOUND_WAMID: &str = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

    fn events(name: &str) -> Vec<ChannelEvent> {
        parse(&samples::read(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    fn only_inbound(name: &str) -> InboundMessage {
        match events(name).as_slice() {
            [ChannelEvent::Inbound(message)] => message.clone(),
            other => panic!("{name}: {other:?}"),
        }
    }

    fn only_receipt(name: &str) -> Receipt {
        match events(name).as_slice() {
            [ChannelEvent::Receipt(receipt)] => receipt.clone(),
            other => panic!("{name}: {other:?}"),
        }
    }

    fn unsupported(kind: &str, caption: Option<&str>) -> InboundContent {
        InboundContent::Unsupported { kind: kind.into(), caption: caption.map(Into::into) }
    }

    #[test]
    fn every_whatsapp_webhook_sample_parses() {
        let names: Vec<String> = samples::names("wa_")
            .into_iter()
            .filter(|name| !name.starts_with("wa_send_"))
            .collect();
        assert_eq!(names.len(), 20, "{names:?}");
        for name in names {
            assert!(!events(&name).is_empty(), "{name} gave no events");
        }
    }

    #[test]
    fn text_message() {
        assert_eq!(
            only_inbound("wa_inbound_text.json"),
            InboundMessage {
                channel: Channel::Whatsapp,
                platform_id: INBOUND_WAMID.into(),
                account_id: PHONE_NUMBER_ID.into(),
                account_display: Some("15550783881".into()),
                customer_id: SHEENA.into(),
                customer_name: Some("Sheena Nelson".into()),
                sent_at: 1_749_416_383_000,
                content: InboundContent::Text("Does it come in another color?".into()),
            }
        );
    }

    #[test]
    fn dashboard_test_sample() {
        let message = only_inbound("wa_dashboard_test_sample_captured.json");
        assert_eq!(message.platform_id, "ABGGFlA5Fpa");
        assert_eq!(message.account_id, "123456123");
        assert_eq!(message.account_display.as_deref(), Some("16505551111"));
        assert_eq!(message.customer_id, "16315551181");
        assert_eq!(message.customer_name.as_deref(), Some("test user name"));
        assert_eq!(message.sent_at, 1_504_902_988_000);
        assert_eq!(message.content, InboundContent::Text("this is a text message".into()));
    }

    #[test]
    fn username_user_without_wa_id() {
        let message = only_inbound("wa_inbound_text_username_no_wa_id.json");
        assert_eq!(message.customer_id, "user.93737...");
        assert_eq!(message.customer_name.as_deref(), Some("Sheena Nelson"));
        assert_eq!(message.content, InboundContent::Text("Does it come in another color?".into()));
        assert_eq!(message.sent_at, 1_749_416_383_000);
    }

    #[test]
    fn username_is_the_name_when_there_is_no_profile_name() {
        let body = String::from_utf8(samples::read("wa_inbound_text_username_no_wa_id.json"))
            .unwrap()
            .replace("\"name\": \"Sheena Nelson\",", "");
        let [ChannelEvent::Inbound(message)] =
            <[ChannelEvent; 1]>::try_from(parse(body.as_bytes()).unwrap()).unwrap()
        else {
            panic!("one inbound message")
        };
        assert_eq!(message.customer_name.as_deref(), Some("@realsheenanelson"));
    }

    #[test]
    fn media_keeps_its_caption() {
        for name in ["wa_inbound_image.json", "wa_inbound_image_with_url.json"] {
            let message = only_inbound(name);
            assert_eq!(message.content, unsupported("image", Some("Taj Mahal")), "{name}");
            assert_eq!(message.sent_at, 1_744_344_496_000);
            assert_eq!(message.customer_name.as_deref(), Some("Sheena Nelson"));
        }
    }

    #[test]
    fn location_reaction_and_unsupported() {
        let location = only_inbound("wa_inbound_location.json");
        assert_eq!(location.content, unsupported("location", None));
        assert_eq!(
            location.platform_id,
            "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTU2MjZEMDBGRkE3MENEMDE0RQA="
        );
        let reaction = only_inbound("wa_inbound_reaction.json");
        assert_eq!(reaction.content, unsupported("reaction", None));
        assert_eq!(reaction.sent_at, 1_749_419_544_000);
        let unknown = only_inbound("wa_inbound_unsupported_131051.json");
        assert_eq!(unknown.content, unsupported("unsupported", None));
        assert_eq!(unknown.customer_id, SHEENA);
    }

    #[test]
    fn buttons_become_their_titles() {
        let interactive = only_inbound("wa_inbound_interactive_button_reply.json");
        assert_eq!(interactive.content, InboundContent::Text("Cancel".into()));
        assert_eq!(
            interactive.platform_id,
            "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA="
        );
        assert_eq!(interactive.sent_at, 1_750_025_136_000);
        let quick_reply = only_inbound("wa_inbound_button_quick_reply.json");
        assert_eq!(quick_reply.content, InboundContent::Text("Unsubscribe".into()));
        assert_eq!(quick_reply.sent_at, 1_750_091_045_000);
    }

    #[test]
    fn list_reply_becomes_its_title() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"9"},"messages":[{"from":"42","id":"w1","timestamp":"10","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"r1","title":"Row one","description":"d"}}}]}}]}]}"#;
        let [ChannelEvent::Inbound(message)] =
            <[ChannelEvent; 1]>::try_from(parse(body).unwrap()).unwrap()
        else {
            panic!("one inbound message")
        };
        assert_eq!(message.content, InboundContent::Text("Row one".into()));
        assert_eq!((message.customer_id.as_str(), message.customer_name), ("42", None));
        assert_eq!(message.account_display, None);
    }

    #[test]
    fn system_message_without_contacts() {
        let message = only_inbound("wa_inbound_system_user_changed_number.json");
        assert_eq!(message.customer_id, SHEENA, "the old number, which the conversation knows");
        assert_eq!(message.customer_name, None);
        assert_eq!(
            message.content,
            unsupported(
                "system",
                Some("User Sheena Nelson changed from 16505551234 to 12195555358")
            )
        );
        assert_eq!(message.sent_at, 1_750_269_342_000);
    }

    #[test]
    fn statuses() {
        let sent = only_receipt("wa_status_sent.json");
        assert_eq!(
            sent,
            Receipt {
                channel: Channel::Whatsapp,
                account_id: PHONE_NUMBER_ID.into(),
                platform_id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="
                    .into(),
                status: DeliveryStatus::Sent,
                at: 1_750_030_073_000,
                error: None,
            }
        );
        assert_eq!(only_receipt("wa_status_sent_v24_minimal.json"), sent);
        let delivered = only_receipt("wa_status_delivered.json");
        assert_eq!(delivered.status, DeliveryStatus::Delivered);
        assert_eq!(
            delivered.platform_id,
            "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA"
        );
        assert_eq!(delivered.at, 1_750_263_773_000);
        let bsuid = only_receipt("wa_status_delivered_bsuid_no_wa_id.json");
        assert_eq!((bsuid.status, bsuid.at), (DeliveryStatus::Delivered, 1_750_030_073_000));
        let read = only_receipt("wa_status_read.json");
        assert_eq!(read.status, DeliveryStatus::Read);
        assert_eq!(
            (read.platform_id.as_str(), read.account_id.as_str()),
            ("wamid.xyzxyz", "1122334455667")
        );
        assert_eq!(read.at, 1_689_380_458_000);
    }

    #[test]
    fn failed_statuses_carry_their_error() {
        let window = only_receipt("wa_status_failed_131047_assembled.json");
        assert_eq!(window.status, DeliveryStatus::Failed);
        assert_eq!(window.at, 1_751_142_888_000);
        let error = window.error.unwrap();
        assert_eq!(error.code, 131047);
        assert_eq!(error.title, "Re-engagement message");
        assert!(error.details.unwrap().contains("more than 24 hours"));
        assert_eq!(
            only_receipt("wa_status_failed_131047_assembled.json")
                .error
                .unwrap()
                .error_code(Channel::Whatsapp),
            ErrorCode::MessagingWindowClosed
        );
        let ecosystem = only_receipt("wa_status_failed_131049.json").error.unwrap();
        assert_eq!(ecosystem.code, 131049);
        assert_eq!(ecosystem.subcode, None);
        assert_eq!(ecosystem.error_code(Channel::Whatsapp), ErrorCode::ChannelRejected);
    }

    #[test]
    fn app_level_errors() {
        assert_eq!(
            events("wa_errors_webhook_130429.json"),
            [ChannelEvent::PlatformError(PlatformError {
                code: 130429,
                subcode: None,
                title: "Rate limit hit".into(),
                details: Some("Message failed to send because there were too many messages sent from this phone number in a short period of time".into()),
            })]
        );
    }

    #[test]
    fn batch_keeps_document_order() {
        let events = events("wa_batch_multi_entry_assembled.json");
        assert_eq!(events.len(), 4, "{events:#?}");
        let ChannelEvent::Inbound(text) = &events[0] else { panic!("{:?}", events[0]) };
        assert_eq!(text.content, InboundContent::Text("Does it come in another color?".into()));
        let ChannelEvent::Receipt(delivered) = &events[1] else { panic!("{:?}", events[1]) };
        assert_eq!(delivered.status, DeliveryStatus::Delivered);
        let ChannelEvent::Inbound(reaction) = &events[2] else { panic!("{:?}", events[2]) };
        assert_eq!(reaction.content, unsupported("reaction", None));
        let ChannelEvent::Inbound(button) = &events[3] else { panic!("{:?}", events[3]) };
        assert_eq!(button.content, InboundContent::Text("Cancel".into()));
        // The same phone number id under both WABAs.
        assert!(events.iter().all(|event| match event {
            ChannelEvent::Inbound(message) => message.account_id == PHONE_NUMBER_ID,
            ChannelEvent::Receipt(receipt) => receipt.account_id == PHONE_NUMBER_ID,
            _ => false,
        }));
    }

    #[test]
    fn other_fields_are_skipped() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#;
        assert_eq!(parse(body), Ok(vec![]));
    }

    #[test]
    fn untracked_statuses_are_skipped() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"9"},"statuses":[{"id":"w","status":"deleted","timestamp":"1"}]}}]}]}"#;
        assert_eq!(parse(body), Ok(vec![]));
    }

    #[test]
    fn garbage_is_a_parse_error() {
        assert!(matches!(parse(b"not json"), Err(ParseError::NotJson(_))));
        assert!(matches!(parse(b""), Err(ParseError::NotJson(_))));
        assert!(matches!(parse(b"[1,2]"), Err(ParseError::Shape(_))));
        assert!(matches!(parse(b"null"), Err(ParseError::Shape(_))));
        assert_eq!(
            parse(br#"{"object":"page","entry":[]}"#),
            Err(ParseError::WrongObject("page".into()))
        );
        assert_eq!(parse(br#"{"object":7}"#), Err(ParseError::WrongObject("7".into())));
        assert!(matches!(parse(br#"{"entry":[]}"#), Err(ParseError::Shape(_))));
        assert!(matches!(
            parse(br#"{"object":"whatsapp_business_account"}"#),
            Err(ParseError::Shape(_))
        ));
        assert!(matches!(
            parse(br#"{"object":"whatsapp_business_account","entry":{}}"#),
            Err(ParseError::Shape(_))
        ));
        assert!(matches!(
            parse(br#"{"object":"whatsapp_business_account","entry":[{"id":"1"}]}"#),
            Err(ParseError::Shape(_))
        ));
        let missing = |message: &str| {
            format!(
                r#"{{"object":"whatsapp_business_account","entry":[{{"changes":[{{"field":"messages","value":{{"metadata":{{"phone_number_id":"9"}},"messages":[{message}]}}}}]}}]}}"#
            )
        };
        for message in [
            r#"{"from":"1","timestamp":"1","type":"text"}"#, // no id
            r#"{"from":"1","id":"w","type":"text"}"#,        // no timestamp
            r#"{"from":"1","id":"w","timestamp":"soon","type":"text"}"#, // not a number
            r#"{"from":"1","id":"w","timestamp":"9223372036854775807"}"#, // overflows in ms
            r#"{"from":"","id":"w","timestamp":"1","type":"text"}"#, // no sender at all
            r#"7"#,
        ] {
            assert!(
                matches!(parse(missing(message).as_bytes()), Err(ParseError::Shape(_))),
                "{message}"
            );
        }
        // Missing metadata.
        assert!(matches!(
            parse(br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}"#),
            Err(ParseError::Shape(_))
        ));
    }

    #[test]
    fn truncated_bodies_never_panic() {
        for name in [
            "wa_batch_multi_entry_assembled.json",
            "wa_inbound_text_username_no_wa_id.json",
            "wa_status_failed_131047_assembled.json",
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
    fn text_send_body_is_the_documented_one() {
        assert_eq!(
            send_text_body("16505551234", "Hello \"there\""),
            json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": "16505551234",
                "type": "text",
                "text": { "preview_url": false, "body": "Hello \"there\"" }
            })
        );
    }

    #[test]
    fn send_responses() {
        assert_eq!(
            parse_send_response(200, &samples::read("wa_send_response_success.json")),
            Ok("wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA".into())
        );
        assert_eq!(
            parse_send_response(200, &samples::read("wa_send_response_template_accepted.json")),
            Ok("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIyQjM2RTlERTY4QjFGNzUwNDgA".into())
        );
        let error =
            parse_send_response(429, &samples::read("wa_send_error_130429.json")).unwrap_err();
        assert_eq!(
            error,
            PlatformError {
                code: 130429,
                subcode: Some(2494055),
                title: "(#130429) Rate limit hit".into(),
                details: Some("Cloud API message throughput has been reached.".into()),
            }
        );
        assert_eq!(error.error_code(Channel::Whatsapp), ErrorCode::ChannelRateLimited);
        let not_json = parse_send_response(502, b"<html>Bad gateway</html>").unwrap_err();
        assert_eq!(not_json.code, -1);
        assert!(not_json.title.contains("502"));
        // A success status without an id is not a success.
        assert_eq!(parse_send_response(200, br#"{"messages":[]}"#).unwrap_err().code, -1);
        // An id under an error status is not trusted either.
        assert_eq!(
            parse_send_response(500, &samples::read("wa_send_response_success.json"))
                .unwrap_err()
                .code,
            -1
        );
    }
}
