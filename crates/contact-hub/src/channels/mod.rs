//! The WhatsApp Cloud API and the Facebook Messenger Platform, as pure functions.
//!
//! Both platforms push to the hub by webhook (a signed JSON `POST`) and take replies through
//! the Graph send API. Everything here is about *bytes in, typed values out* (and back), with
//! no I/O, no HTTP types and no database, so that the webhook handler, the sender, the test
//! tools and the fuzzers all share one interpretation of Meta's formats:
//!
//! - [`signature`]: `X-Hub-Signature-256` verification and the `hub.verify_token` handshake.
//! - [`whatsapp`]: webhook bodies → [`ChannelEvent`]s; the text-send request and its answer.
//! - [`messenger`]: the same for Messenger.
//!
//! Why one event type for both platforms: the hub does the same few things whatever the
//! channel: a customer wrote ([`ChannelEvent::Inbound`]), one of our messages moved on
//! ([`ChannelEvent::Receipt`], [`ChannelEvent::Watermark`]), the page wrote from somewhere
//! ([`ChannelEvent::Echo`]) or the platform complains ([`ChannelEvent::PlatformError`]).
//! Anything the desk cannot show (images, locations, reactions…) still arrives, as
//! [`InboundContent::Unsupported`], so the agent knows the customer sent *something*.
//!
//! Parsing is tolerant of what Meta's own examples disagree on (numbers vs strings,
//! missing `timestamp`, missing `contacts`, empty `wa_id`), and strict only about what the hub
//! cannot do without (the envelope, ids, times): a body that fails is a [`ParseError`] and is
//! never half-applied. No input makes these functions panic.

use hub_protocol::{Channel, ErrorCode, Millis};
use serde_json::Value;

pub use hub_protocol::DeliveryStatus;

pub mod messenger;
pub mod signature;
pub mod whatsapp;

/// One thing a webhook body told the hub. A body carries any number of them, in document
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelEvent {
    /// A customer wrote (or pressed a button, or sent something we can't show).
    Inbound(InboundMessage),
    /// A report about one of the business's own messages, by platform id (WhatsApp
    /// statuses, Messenger delivery `mids`).
    Receipt(Receipt),
    /// Messenger `read` / `delivery` watermark: every message the page sent to this customer
    /// at or before `watermark` reached `status` (Delivered or Read).
    Watermark(Watermark),
    /// Messenger `is_echo`: a message the page itself sent (by us through the send API, or
    /// from another tool such as the Page inbox).
    Echo(Echo),
    /// WhatsApp `value.errors[]` (an app-level error, about no particular message): logged
    /// by the hub.
    PlatformError(PlatformError),
}

/// A message from a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMessage {
    pub channel: Channel,
    /// wamid / mid: the deduplication key (both platforms retry deliveries). Messenger
    /// postbacks without a `mid` get a stable synthetic id, see [`messenger`].
    pub platform_id: String,
    /// The business side: WhatsApp `metadata.phone_number_id` / Messenger recipient (page) id.
    pub account_id: String,
    /// WhatsApp `metadata.display_phone_number` (None for Messenger).
    pub account_display: Option<String>,
    /// The customer's address for replies: WhatsApp `wa_id` (falling back to `from`, then
    /// `user_id` / `from_user_id` for username users), Messenger `sender.id` (PSID) or
    /// `sender.user_ref`.
    pub customer_id: String,
    /// WhatsApp `contacts[].profile.name` (or `profile.username`) of the sender; None for
    /// Messenger, whose webhooks carry no name.
    pub customer_name: Option<String>,
    /// The platform's timestamp, in ms.
    pub sent_at: Millis,
    pub content: InboundContent,
}

/// What the customer sent, reduced to what the desk can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundContent {
    /// Text the agent can read: a text message, the title of a tapped button or list row, a
    /// postback's title (or payload when it has none).
    Text(String),
    /// Something the desk cannot show: `kind` is the platform's type (`image`, `location`,
    /// `reaction`, `sticker`, `audio`, `video`, `document`, `unsupported`, `system`,
    /// `contacts`…); for Messenger attachments the attachment type. `caption` keeps the text
    /// that came with it, so it is not lost: an image/video/document caption, or the body of
    /// a WhatsApp system notice ("User … changed from … to …").
    Unsupported { kind: String, caption: Option<String> },
}

/// A status report about one message the business sent, by its platform id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub channel: Channel,
    pub account_id: String,
    /// The wamid / mid the send API returned for the message.
    pub platform_id: String,
    /// Sent, Delivered, Read or Failed.
    pub status: DeliveryStatus,
    /// When the platform says it happened, in ms.
    pub at: Millis,
    /// Why it failed (WhatsApp `statuses[].errors[0]`), when it did.
    pub error: Option<PlatformError>,
}

/// Messenger reports deliveries and reads as a time, not (always) as message ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watermark {
    /// The page id.
    pub account_id: String,
    /// The customer's PSID.
    pub customer_id: String,
    /// Delivered or Read.
    pub status: DeliveryStatus,
    /// Every message sent to this customer at or before this time (ms) reached `status`.
    pub watermark: Millis,
    /// The mids Messenger named, when it named any (deliveries only, and only sometimes).
    pub mids: Vec<String>,
}

/// A message the page sent, reported back by Messenger (`message.is_echo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    /// The mid; equal to the send API's `message_id` when the hub sent it.
    pub platform_id: String,
    /// The page id (the echo's `sender`).
    pub account_id: String,
    /// The customer (the echo's `recipient`).
    pub customer_id: String,
    /// The text, if the message had any (None for attachments).
    pub text: Option<String>,
    pub sent_at: Millis,
}

/// An error as Meta reports it: a send API error body, a failed status, or an app-level
/// webhook error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformError {
    /// Meta's code (`-1` when the answer was not a Graph error at all, see the send parsers).
    pub code: i64,
    /// `error_subcode`, when given (deprecated on WhatsApp from v16).
    pub subcode: Option<i64>,
    /// The error's `title`, or its `message`.
    pub title: String,
    /// `error_data.details`, Meta's longer explanation.
    pub details: Option<String>,
}

/// Meta's WhatsApp error codes for "too many messages" (throughput 130429, pair rate 131056,
/// spam rate 131048, WABA rate 80007, app call rate 4).
const WHATSAPP_RATE_LIMIT_CODES: [i64; 5] = [130429, 131056, 131048, 80007, 4];
/// Messenger / Graph "too many calls": app (4), user (17), page (32), API (613).
const MESSENGER_RATE_LIMIT_CODES: [i64; 4] = [4, 17, 32, 613];
/// Messenger code 10 subcodes meaning "sent outside of allowed window".
const MESSENGER_WINDOW_SUBCODES: [i64; 2] = [2018278, 2018065];
/// The Graph code for an invalid or expired access token, on both platforms.
const GRAPH_INVALID_TOKEN: i64 = 190;

impl PlatformError {
    /// What the hub tells the desk about this error, following Meta's code tables: the agent
    /// can do different things about a closed window (use a template / wait for the customer),
    /// a rate limit (retry later), a dead token (call the admin) and the rest.
    pub fn error_code(&self, channel: Channel) -> ErrorCode {
        if self.code == GRAPH_INVALID_TOKEN {
            return ErrorCode::ChannelAuthFailed;
        }
        match channel {
            Channel::Whatsapp => match self.code {
                131047 => ErrorCode::MessagingWindowClosed,
                code if WHATSAPP_RATE_LIMIT_CODES.contains(&code) => ErrorCode::ChannelRateLimited,
                // 0 is "AuthException" in the WhatsApp table.
                0 => ErrorCode::ChannelAuthFailed,
                _ => ErrorCode::ChannelRejected,
            },
            Channel::Messenger => {
                if self.code == 10
                    && (self.subcode.is_some_and(|s| MESSENGER_WINDOW_SUBCODES.contains(&s))
                        || self.mentions("outside of allowed window"))
                {
                    ErrorCode::MessagingWindowClosed
                } else if MESSENGER_RATE_LIMIT_CODES.contains(&self.code) {
                    ErrorCode::ChannelRateLimited
                } else {
                    ErrorCode::ChannelRejected
                }
            }
            Channel::Livechat => ErrorCode::ChannelRejected,
        }
    }

    fn mentions(&self, needle: &str) -> bool {
        let needle = needle.to_ascii_lowercase();
        std::iter::once(&self.title)
            .chain(self.details.as_ref())
            .any(|text| text.to_ascii_lowercase().contains(&needle))
    }
}

/// Why a webhook body was not understood. The body is rejected as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is not JSON at all.
    #[error("the body is not JSON: {0}")]
    NotJson(String),
    /// The body's `object` is not this platform's (`whatsapp_business_account` / `page`),
    /// e.g. an Instagram webhook sent to the Messenger endpoint.
    #[error("the webhook is about {0:?}, not this channel")]
    WrongObject(String),
    /// JSON of the right platform, but a field the hub needs is missing or of the wrong type.
    #[error("unexpected webhook shape: {0}")]
    Shape(String),
}

// ---- JSON helpers shared by the two platforms -------------------------------------------

/// Parses the body into a JSON object.
fn parse_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, ParseError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ParseError::Shape(format!(
            "the body is a JSON {}, not an object",
            json_kind(&other)
        ))),
        Err(error) => Err(ParseError::NotJson(error.to_string())),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Checks the envelope's `object` field.
fn check_object(map: &serde_json::Map<String, Value>, expected: &str) -> Result<(), ParseError> {
    match map.get("object") {
        Some(Value::String(object)) if object == expected => Ok(()),
        Some(Value::String(object)) => Err(ParseError::WrongObject(object.clone())),
        Some(other) => Err(ParseError::WrongObject(other.to_string())),
        None => Err(ParseError::Shape("no `object` field".into())),
    }
}

/// `value[key]` as an array; a missing key is an error.
fn array<'a>(value: &'a Value, key: &str, context: &str) -> Result<&'a [Value], ParseError> {
    match value.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(ParseError::Shape(format!(
            "{context}.{key} is a {}, not an array",
            json_kind(other)
        ))),
        None => Err(ParseError::Shape(format!("{context} has no `{key}`"))),
    }
}

/// `value[key]` as an array; a missing (or null) key is an empty array.
fn optional_array<'a>(
    value: &'a Value,
    key: &str,
    context: &str,
) -> Result<&'a [Value], ParseError> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(_) => array(value, key, context),
    }
}

/// `value[key]` as a non-empty string, if it is one.
fn opt_str<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str).filter(|text| !text.is_empty())
}

/// An id-like field: a non-empty string, or a number written as its digits (Meta quotes
/// ids in webhooks, but not everywhere).
fn id_field(value: &Value, key: &str) -> Option<String> {
    match value.get(key) {
        Some(Value::String(text)) if !text.is_empty() => Some(text.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    }
}

/// A required id-like field.
fn required_id(value: &Value, key: &str, context: &str) -> Result<String, ParseError> {
    id_field(value, key).ok_or_else(|| ParseError::Shape(format!("{context} has no `{key}`")))
}

/// An integer that Meta writes either as a JSON number or as a string of digits.
fn integer_field(value: &Value, key: &str) -> Option<i64> {
    match value.get(key)? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A required integer (number or string).
fn required_integer(value: &Value, key: &str, context: &str) -> Result<i64, ParseError> {
    integer_field(value, key)
        .ok_or_else(|| ParseError::Shape(format!("{context} has no integer `{key}`")))
}

/// Seconds to ms, refusing overflow.
fn seconds_to_millis(seconds: i64, context: &str) -> Result<Millis, ParseError> {
    seconds
        .checked_mul(1000)
        .ok_or_else(|| ParseError::Shape(format!("{context}: timestamp {seconds} out of range")))
}

/// A Graph error object (`{code, error_subcode, title | message, error_data.details}`):
/// the same keys on both platforms, in send API answers and in webhooks.
fn platform_error_from(error: &Value) -> PlatformError {
    let title = opt_str(error, "title")
        .or_else(|| opt_str(error, "message"))
        .unwrap_or("unknown error")
        .to_owned();
    PlatformError {
        code: integer_field(error, "code").unwrap_or(-1),
        subcode: integer_field(error, "error_subcode"),
        title,
        details: error
            .get("error_data")
            .and_then(|data| opt_str(data, "details"))
            .map(str::to_owned),
    }
}

/// How much of an unexpected answer body is kept in the error, for logs.
const UNEXPECTED_BODY_EXCERPT_CHARS: usize = 200;

/// Reads a send API answer: `Ok(id)` from `success_id` (which knows where the platform puts
/// the new message's id), or the Graph `error`, or a code `-1` error naming the HTTP status
/// when the answer is neither (a proxy's HTML page, an empty body…).
fn parse_graph_send_response(
    http_status: u16,
    body: &[u8],
    success_id: impl Fn(&Value) -> Option<String>,
) -> Result<String, PlatformError> {
    let parsed = serde_json::from_slice::<Value>(body).ok();
    if let Some(json) = &parsed {
        if let Some(error) = json.get("error").filter(|error| error.is_object()) {
            return Err(platform_error_from(error));
        }
        if (200..300).contains(&http_status) {
            if let Some(id) = success_id(json) {
                return Ok(id);
            }
        }
    }
    let excerpt: String =
        String::from_utf8_lossy(body).chars().take(UNEXPECTED_BODY_EXCERPT_CHARS).collect();
    Err(PlatformError {
        code: -1,
        subcode: None,
        title: format!("unexpected send API answer (HTTP {http_status})"),
        details: (!excerpt.is_empty()).then_some(excerpt),
    })
}

#[cfg(test)]
pub(crate) mod samples {
    //! The sample payloads in `/work/shared/webhooks/`, read at test time.

    pub(crate) const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/webhooks/");

    pub(crate) fn read(name: &str) -> Vec<u8> {
        std::fs::read(format!("{DIR}{name}"))
            .unwrap_or_else(|error| panic!("sample {name}: {error}"))
    }

    /// Names of the `*.json` samples starting with `prefix`, sorted.
    pub(crate) fn names(prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(DIR)
            .expect("the samples folder")
            .map(|entry| entry.expect("a folder entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(prefix) && name.ends_with(".json"))
            .collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: i64, subcode: Option<i64>, title: &str) -> PlatformError {
        PlatformError { code, subcode, title: title.into(), details: None }
    }

    #[test]
    fn whatsapp_codes_classify_as_documented() {
        let wa = |code| error(code, None, "x").error_code(Channel::Whatsapp);
        assert_eq!(wa(131047), ErrorCode::MessagingWindowClosed);
        for code in [130429, 131056, 131048, 80007, 4] {
            assert_eq!(wa(code), ErrorCode::ChannelRateLimited, "{code}");
        }
        assert_eq!(wa(190), ErrorCode::ChannelAuthFailed);
        assert_eq!(wa(0), ErrorCode::ChannelAuthFailed);
        for code in [131049, 131051, 131026, 100, 10, -1] {
            assert_eq!(wa(code), ErrorCode::ChannelRejected, "{code}");
        }
    }

    #[test]
    fn messenger_codes_classify_as_documented() {
        let ms = |code, subcode, title| error(code, subcode, title).error_code(Channel::Messenger);
        assert_eq!(ms(10, Some(2018278), "x"), ErrorCode::MessagingWindowClosed);
        assert_eq!(ms(10, Some(2018065), "x"), ErrorCode::MessagingWindowClosed);
        assert_eq!(
            ms(10, None, "(#10) This message is sent Outside of allowed window."),
            ErrorCode::MessagingWindowClosed
        );
        assert_eq!(ms(10, None, "(#10) Permission denied"), ErrorCode::ChannelRejected);
        // The window wording only counts under code 10.
        assert_eq!(ms(100, None, "outside of allowed window"), ErrorCode::ChannelRejected);
        for code in [4, 17, 32, 613] {
            assert_eq!(ms(code, None, "x"), ErrorCode::ChannelRateLimited, "{code}");
        }
        assert_eq!(ms(190, Some(1234567), "x"), ErrorCode::ChannelAuthFailed);
        // WhatsApp-only codes mean nothing special on Messenger.
        assert_eq!(ms(131047, None, "x"), ErrorCode::ChannelRejected);
        assert_eq!(ms(0, None, "x"), ErrorCode::ChannelRejected);
    }

    #[test]
    fn window_wording_is_found_in_details_too() {
        let mut platform_error = error(10, None, "(#10) Permission error");
        platform_error.details = Some("This message is sent outside of allowed window.".into());
        assert_eq!(platform_error.error_code(Channel::Messenger), ErrorCode::MessagingWindowClosed);
    }

    #[test]
    fn unexpected_send_answers_become_code_minus_one() {
        let none = |_: &Value| None::<String>;
        let error = parse_graph_send_response(502, b"<html>Bad gateway</html>", none).unwrap_err();
        assert_eq!(error.code, -1);
        assert!(error.title.contains("502"), "{}", error.title);
        assert_eq!(error.details.as_deref(), Some("<html>Bad gateway</html>"));
        let error = parse_graph_send_response(200, b"", none).unwrap_err();
        assert_eq!((error.code, error.details), (-1, None));
        // A long body is cut on a character boundary.
        let long = "é".repeat(1000);
        let error = parse_graph_send_response(500, long.as_bytes(), none).unwrap_err();
        assert_eq!(error.details.map(|d| d.chars().count()), Some(UNEXPECTED_BODY_EXCERPT_CHARS));
    }
}
