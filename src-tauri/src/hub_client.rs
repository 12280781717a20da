//! The desk's client for the hub's agent API (REST + SSE).
//!
//! The bearer token lives here, in Rust, and never reaches the webview. Requests that change
//! something carry ids chosen by the desk (message `clientId`s), so a request retried after
//! a dropped connection can never apply twice.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::{Stream, StreamExt};
use hub_protocol::{
    AgentEvent, AgentSummary, ApiError, AssignedQueues, Case, CaseSummary, CaseUpdate,
    ConferenceRequest, CustomerFile, CustomerRecord, FaqAnswer, HandoffTarget, LoginRequest,
    LoginResponse, Message, NewCustomerRequest, Queue, Reason, RecordLink, RequestedState,
    SendMessageRequest, SetQueuesRequest, SetStateRequest, StateSince, TransferRequest,
    WrapupRequest,
};
use reqwest::{Method, RequestBuilder, Url};
use serde::de::DeserializeOwned;

use crate::error::{DeskError, DeskResult};

/// How long one request may take before the hub counts as unreachable.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// The hub sends a keep-alive every 15 s; silence this long means the stream is dead.
const STREAM_SILENCE: Duration = Duration::from_secs(40);
/// Attempts for a message send that fails in transit (same client id each time).
const SEND_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone)]
pub struct HubClient {
    base: Url,
    http: reqwest::Client,
    stream_http: reqwest::Client,
    token: Option<String>,
}

impl HubClient {
    pub fn new(base: &str) -> DeskResult<Self> {
        let mut base =
            Url::parse(base.trim()).map_err(|error| DeskError::HubUrl(error.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(DeskError::HubUrl(base.to_string()));
        }
        // Plain HTTP only to this computer (the embedded hub, a hub on loopback): anywhere
        // else the password, the token and the chats would travel in clear text (H1).
        if base.scheme() == "http" && !is_loopback(&base) {
            return Err(DeskError::InsecureHubUrl(base.to_string()));
        }
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let extra_root = extra_root_certificate()?;
        let trusting = |builder: reqwest::ClientBuilder| match &extra_root {
            Some(root) => builder.add_root_certificate(root.clone()),
            None => builder,
        };
        let http = trusting(reqwest::Client::builder().timeout(REQUEST_TIMEOUT))
            .build()
            .map_err(|error| DeskError::Unreachable(error.to_string()))?;
        let stream_http = trusting(
            reqwest::Client::builder()
                .connect_timeout(REQUEST_TIMEOUT)
                .read_timeout(STREAM_SILENCE),
        )
        .build()
        .map_err(|error| DeskError::Unreachable(error.to_string()))?;
        Ok(Self { base, http, stream_http, token: None })
    }

    /// The hub's address as the agent typed it, normalised.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// A client that speaks for the signed-in agent.
    pub fn with_token(mut self, token: String) -> Self {
        self.token = Some(token);
        self
    }

    pub async fn login(&self, request: &LoginRequest) -> DeskResult<LoginResponse> {
        self.send(self.request(Method::POST, "v1/sessions")?.json(request)).await
    }

    pub async fn logout(&self) -> DeskResult<()> {
        self.send_empty(self.request(Method::DELETE, "v1/sessions/current")?).await
    }

    pub async fn set_state(&self, state: RequestedState) -> DeskResult<StateSince> {
        let body = SetStateRequest { state };
        self.send(self.request(Method::PUT, "v1/agents/me/state")?.json(&body)).await
    }

    pub async fn idle_codes(&self) -> DeskResult<Vec<Reason>> {
        self.send(self.request(Method::GET, "v1/idle-codes")?).await
    }

    pub async fn wrapup_reasons(&self) -> DeskResult<Vec<Reason>> {
        self.send(self.request(Method::GET, "v1/wrapup-reasons")?).await
    }

    /// Every queue, with its waiting customers and available agents now.
    pub async fn queues(&self) -> DeskResult<Vec<Queue>> {
        self.send(self.request(Method::GET, "v1/queues")?).await
    }

    /// Every agent, with their state and how many conversations they hold now.
    pub async fn agents(&self) -> DeskResult<Vec<AgentSummary>> {
        self.send(self.request(Method::GET, "v1/agents")?).await
    }

    /// Hands the conversation to a colleague or a queue; this agent's wrap-up follows on
    /// the stream (`ended`).
    pub async fn transfer(&self, conversation_id: &str, target: HandoffTarget) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, "transfer")?;
        let body = TransferRequest { target };
        self.send_empty(self.authorized(self.http.post(url)).json(&body)).await
    }

    /// Invites a colleague (or a queue's next agent) into the conversation.
    pub async fn request_conference(
        &self,
        conversation_id: &str,
        target: HandoffTarget,
    ) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, "conference")?;
        let body = ConferenceRequest { target };
        self.send_empty(self.authorized(self.http.post(url)).json(&body)).await
    }

    /// The guest exits the conference, or the owner removes the guest (or withdraws the
    /// invitation).
    pub async fn leave_conference(&self, conversation_id: &str) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, "conference")?;
        self.send_empty(self.authorized(self.http.delete(url))).await
    }

    /// Tells the customer's widget that the agent is typing.
    pub async fn typing(&self, conversation_id: &str) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, "typing")?;
        self.send_empty(self.authorized(self.http.post(url))).await
    }

    /// `accept`, `reject` or `end`: the outcome arrives on the event stream.
    pub async fn act(&self, conversation_id: &str, action: ConversationAction) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, action.path())?;
        self.send_empty(self.authorized(self.http.post(url))).await
    }

    /// The disposition may be left out where the conversation's queue does not require one.
    pub async fn wrapup(&self, conversation_id: &str, reason_id: Option<&str>) -> DeskResult<()> {
        let url = self.conversation_url(conversation_id, "wrapup")?;
        let body = WrapupRequest { reason_id: reason_id.map(str::to_owned) };
        self.send_empty(self.authorized(self.http.post(url)).json(&body)).await
    }

    /// Customer records whose name, email, account or phone digits match `query` (all when
    /// empty), up to 50, by name.
    pub async fn search_customers(&self, query: &str) -> DeskResult<Vec<CustomerRecord>> {
        let mut url = self.url("v1/customers")?;
        url.query_pairs_mut().append_pair("q", query);
        self.send(self.authorized(self.http.get(url))).await
    }

    /// A new record; with a conversation id the hub attaches the conversation to it
    /// (`recordLinked` follows on the stream).
    pub async fn create_customer(
        &self,
        request: &NewCustomerRequest,
    ) -> DeskResult<CustomerRecord> {
        self.send(self.request(Method::POST, "v1/customers")?.json(request)).await
    }

    /// A record with its cases (the customer's history).
    pub async fn customer_file(&self, customer_id: &str) -> DeskResult<CustomerFile> {
        let url = self.segments_url(&["v1", "customers", customer_id])?;
        self.send(self.authorized(self.http.get(url))).await
    }

    /// The record a conversation offered to this agent (or held by them) is attached to.
    pub async fn conversation_record(&self, conversation_id: &str) -> DeskResult<CustomerFile> {
        let url = self.conversation_url(conversation_id, "record")?;
        self.send(self.authorized(self.http.get(url))).await
    }

    /// The chat log the hub wrote when the conversation ended.
    pub async fn chat_log(&self, conversation_id: &str) -> DeskResult<Case> {
        let url = self.conversation_url(conversation_id, "chat-log")?;
        self.send(self.authorized(self.http.get(url))).await
    }

    /// Confirms the record the customer claimed in the pre-chat form (the hub then sends
    /// `recordLinked` without `claimed`).
    pub async fn confirm_record(&self, conversation_id: &str) -> DeskResult<RecordLink> {
        let url =
            self.segments_url(&["v1", "conversations", conversation_id, "record", "confirm"])?;
        self.send(self.authorized(self.http.post(url))).await
    }

    /// This agent's draft chat logs, newest first.
    pub async fn draft_cases(&self) -> DeskResult<Vec<CaseSummary>> {
        self.send(self.request(Method::GET, "v1/cases/drafts")?).await
    }

    pub async fn case(&self, case_id: &str) -> DeskResult<Case> {
        let url = self.segments_url(&["v1", "cases", case_id])?;
        self.send(self.authorized(self.http.get(url))).await
    }

    /// Saves a chat log on a record, or keeps it as a draft.
    pub async fn update_case(&self, case_id: &str, update: &CaseUpdate) -> DeskResult<Case> {
        let url = self.segments_url(&["v1", "cases", case_id])?;
        self.send(self.authorized(self.http.put(url)).json(update)).await
    }

    /// Sends a message, retrying transport failures with the same client id: the hub keeps
    /// the first copy, so a retry never duplicates it.
    pub async fn send_message(
        &self,
        conversation_id: &str,
        message: &SendMessageRequest,
    ) -> DeskResult<Message> {
        let url = self.conversation_url(conversation_id, "messages")?;
        let mut attempt = 1;
        loop {
            let request = self.authorized(self.http.post(url.clone())).json(message);
            let result = self.send(request).await;
            match result {
                Err(DeskError::Unreachable(_)) if attempt < SEND_ATTEMPTS => {
                    tokio::time::sleep(Duration::from_millis(300 * u64::from(attempt))).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Sends a failed WhatsApp or Messenger reply again; its new state arrives on the stream.
    pub async fn retry_message(
        &self,
        conversation_id: &str,
        message_id: &str,
    ) -> DeskResult<Message> {
        let mut url = self.conversation_url(conversation_id, "messages")?;
        url.path_segments_mut()
            .map_err(|()| DeskError::HubUrl(self.base.to_string()))?
            .extend([message_id, "retry"]);
        self.send(self.authorized(self.http.post(url))).await
    }

    // Assigned queues and the FAQ.

    /// "My assigned queues": the agent's queues and which of them offer chats.
    pub async fn my_queues(&self) -> DeskResult<AssignedQueues> {
        self.send(self.request(Method::GET, "v1/agents/me/queues")?).await
    }

    /// Enables exactly these assigned queues (`forbidden` unless the admin lets agents choose).
    pub async fn set_my_queues(&self, request: &SetQueuesRequest) -> DeskResult<AssignedQueues> {
        self.send(self.request(Method::PUT, "v1/agents/me/queues")?.json(request)).await
    }

    /// Every FAQ answer in every language; the desk picks per conversation.
    pub async fn faq(&self) -> DeskResult<Vec<FaqAnswer>> {
        self.send(self.request(Method::GET, "v1/faq")?).await
    }

    /// Opens the agent's event stream, resuming after `last_event_id` when given.
    pub async fn events(
        &self,
        last_event_id: Option<u64>,
    ) -> DeskResult<impl Stream<Item = DeskResult<AgentEvent>>> {
        let mut request = self
            .authorized(self.stream_http.get(self.url("v1/events")?))
            .header(reqwest::header::ACCEPT, "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = check(request.send().await?).await?;
        Ok(response.bytes_stream().eventsource().filter_map(|item| async move {
            match item {
                Ok(event) if event.data.trim().is_empty() => None,
                Ok(event) => Some(
                    serde_json::from_str::<AgentEvent>(&event.data)
                        .map_err(|error| DeskError::Protocol(error.to_string())),
                ),
                Err(error) => Some(Err(DeskError::Unreachable(error.to_string()))),
            }
        }))
    }

    fn url(&self, path: &str) -> DeskResult<Url> {
        self.base.join(path).map_err(|error| DeskError::HubUrl(error.to_string()))
    }

    /// `v1/conversations/{id}/{action}`, with the id escaped as one path segment.
    fn conversation_url(&self, conversation_id: &str, action: &str) -> DeskResult<Url> {
        let mut url = self.url("v1/conversations")?;
        url.path_segments_mut()
            .map_err(|()| DeskError::HubUrl(self.base.to_string()))?
            .extend([conversation_id, action]);
        Ok(url)
    }

    /// A path of segments, each escaped on its own (an id cannot reach another path).
    fn segments_url(&self, segments: &[&str]) -> DeskResult<Url> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| DeskError::HubUrl(self.base.to_string()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    fn request(&self, method: Method, path: &str) -> DeskResult<RequestBuilder> {
        Ok(self.authorized(self.http.request(method, self.url(path)?)))
    }

    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    async fn send<T: DeserializeOwned>(&self, request: RequestBuilder) -> DeskResult<T> {
        let response = check(request.send().await?).await?;
        Ok(response.json().await?)
    }

    async fn send_empty(&self, request: RequestBuilder) -> DeskResult<()> {
        check(request.send().await?).await.map(drop)
    }
}

/// The conversation actions without a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationAction {
    Accept,
    Reject,
    End,
}

impl ConversationAction {
    fn path(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Reject => "reject",
            Self::End => "end",
        }
    }
}

/// Turns a non-success answer into the hub's own error.
async fn check(response: reqwest::Response) -> DeskResult<reqwest::Response> {
    if response.status().is_success() {
        return Ok(response);
    }
    let status = response.status();
    match response.json::<ApiError>().await {
        Ok(error) => Err(DeskError::Hub(error)),
        Err(_) => Err(DeskError::Protocol(format!("HTTP {status} without an error body"))),
    }
}

/// A team's own certificate authority (or its hub's self-signed certificate), trusted besides
/// the public ones: the PEM file `AGENT_DESK_HUB_CA` names.
fn extra_root_certificate() -> DeskResult<Option<reqwest::Certificate>> {
    let Some(path) = std::env::var_os("AGENT_DESK_HUB_CA") else { return Ok(None) };
    let pem = std::fs::read(&path).map_err(|error| {
        DeskError::HubUrl(format!("AGENT_DESK_HUB_CA {}: {error}", path.to_string_lossy()))
    })?;
    reqwest::Certificate::from_pem(&pem)
        .map(Some)
        .map_err(|error| DeskError::HubUrl(format!("AGENT_DESK_HUB_CA: {error}")))
}

/// Whether a URL names this computer: `localhost`, 127.0.0.0/8 or `[::1]`.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => {
            let host = host.to_ascii_lowercase();
            host == "localhost" || host.ends_with(".localhost")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised() {
        let client = HubClient::new("http://127.0.0.1:4780").unwrap();
        assert_eq!(client.url("v1/events").unwrap().as_str(), "http://127.0.0.1:4780/v1/events");
        let nested = HubClient::new("https://hub.example.com/desk").unwrap();
        assert_eq!(nested.url("health").unwrap().as_str(), "https://hub.example.com/desk/health");
    }

    #[test]
    fn plain_http_is_refused_except_to_this_computer() {
        for remote in ["http://hub.example.com", "http://192.168.1.20:8700", "http://[2001:db8::1]"]
        {
            let refused = HubClient::new(remote);
            assert!(matches!(refused, Err(DeskError::InsecureHubUrl(_))), "{remote}");
            assert_eq!(refused.unwrap_err().code(), "insecure-hub-url");
        }
        for local in [
            "http://127.0.0.1:4780",
            "http://localhost:8700",
            "http://[::1]:1",
            "https://hub.example.com",
        ] {
            assert!(HubClient::new(local).is_ok(), "{local}");
        }
    }

    #[test]
    fn bad_addresses_are_refused() {
        for bad in ["", "hub.example.com", "ftp://hub", "http://"] {
            assert!(matches!(HubClient::new(bad), Err(DeskError::HubUrl(_))), "{bad}");
        }
    }

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        let client = HubClient::new("http://127.0.0.1:4780").unwrap();
        let url = client.conversation_url("../x", "accept").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:4780/v1/conversations/..%2Fx/accept");
        let nested = HubClient::new("https://hub.example.com/desk").unwrap();
        let url = nested.segments_url(&["v1", "cases", "../drafts"]).unwrap();
        assert_eq!(url.as_str(), "https://hub.example.com/desk/v1/cases/..%2Fdrafts");
    }
}
